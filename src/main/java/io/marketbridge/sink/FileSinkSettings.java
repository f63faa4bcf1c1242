package io.marketbridge.sink;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * marketbridge.sink.file.*: where and how the file drop writes.
 *
 * @param csvEncoding    UTF-8, UTF-8-BOM (for Excel) or MS949 (Korean legacy software)
 * @param escapeFormulas text cells a spreadsheet would run as formulas get a leading apostrophe (io.marketbridge.csv.CsvCells)
 */
public record FileSinkSettings(boolean enabled, Path dir, Set<String> formats, String csvEncoding,
                               boolean doneMarker, boolean fsync, boolean escapeFormulas) {

    /** With formulas escaped, the default. */
    public FileSinkSettings(boolean enabled, Path dir, Set<String> formats, String csvEncoding, boolean doneMarker, boolean fsync) {
        this(enabled, dir, formats, csvEncoding, doneMarker, fsync, true);
    }

    public FileSinkSettings {
        formats = Set.copyOf(formats);
        for (String f : formats) {
            if (!f.equals("json") && !f.equals("csv")) {
                throw new IllegalArgumentException("marketbridge.sink.file.formats: unknown format '" + f + "' (json, csv)");
            }
        }
        charsetOf(csvEncoding); // fail at start, naming the property
    }

    public boolean json() {
        return enabled && formats.contains("json");
    }

    public boolean csv() {
        return enabled && formats.contains("csv");
    }

    public boolean csvBom() {
        return isBom(csvEncoding);
    }

    static boolean isBom(String encoding) {
        return encoding.trim().equalsIgnoreCase("UTF-8-BOM");
    }

    public Charset csvCharset() {
        return charsetOf(csvEncoding);
    }

    /** UTF-8, UTF-8-BOM or MS949 (CP949); anything else is refused, naming the property. */
    public static Charset charsetOf(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        return switch (n) {
            case "UTF-8", "UTF8", "UTF-8-BOM" -> java.nio.charset.StandardCharsets.UTF_8;
            case "MS949", "CP949", "X-WINDOWS-949" -> Charset.forName("x-windows-949");
            default -> throw new IllegalArgumentException(
                    "marketbridge.sink.file.csv-encoding: '" + name + "' is not one of UTF-8, UTF-8-BOM, MS949");
        };
    }
}
