package io.marketbridge.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reading a CSV the ERP dropped into an inbox (shipments today; any later inbox the same way): what encoding
 * it is in, whether it is a CSV at all, its RFC 4180 records, and the shorter name it gets in done/.
 */
public final class CsvInboxFile {

    /** Message header: the name a taken file gets in done/ (the inbox bean's importFile returns it). */
    public static final String DONE_NAME_HEADER = "mbDoneName";

    public static final Charset MS949 = Charset.forName("MS949");
    /** Longest name, in UTF-8 bytes, of a file written to done/ (with ".result" added): far below 255, the usual limit. */
    public static final int MAX_DONE_NAME_BYTES = 160;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private CsvInboxFile() {
    }

    /**
     * A decoded file: its text and the encoding it was read with; {@code notCsv} says why the file is no CSV in a
     * supported encoding (then {@code text} is empty).
     */
    public record Decoded(String text, String encoding, String notCsv) {
    }

    /**
     * Decodes the content: UTF-8 with a BOM always; otherwise the configured encoding ({@code auto}: UTF-8 when
     * the bytes are valid UTF-8, else MS949). A file with a UTF-16/UTF-32 BOM, NUL bytes, bytes that are not text
     * in the encoding, or control characters is no CSV.
     */
    public static Decoded decode(byte[] content, String configured) {
        String utf16 = wideBom(content);
        if (utf16 != null) {
            return notCsv("it is " + utf16 + " (what Excel saves as \"Unicode text\"); save it as \"CSV UTF-8\" or \"CSV\"",
                    utf16 + "-BOM");
        }
        for (int i = 0; i < content.length; i++) {
            if (content[i] == 0) {
                return notCsv("it contains NUL bytes (first at byte " + i + "): a binary file, or UTF-16 without a BOM", "binary");
            }
        }
        Decoded d;
        if (content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB && (content[2] & 0xff) == 0xBF) {
            d = strict(content, 3, StandardCharsets.UTF_8, "UTF-8-BOM");
        } else if ("auto".equalsIgnoreCase(configured)) {
            d = strict(content, 0, StandardCharsets.UTF_8, "UTF-8");
            if (d.notCsv() != null) {
                d = strict(content, 0, MS949, "MS949");
                if (d.notCsv() != null) {
                    d = notCsv("its bytes are neither UTF-8 nor MS949 text", "binary");
                }
            }
        } else {
            Charset cs = configured.equalsIgnoreCase("MS949") || configured.equalsIgnoreCase("CP949") ? MS949 : Charset.forName(configured);
            d = strict(content, 0, cs, cs == MS949 ? "MS949" : cs.name());
        }
        if (d.notCsv() != null) {
            return d;
        }
        String text = d.text();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // TAB, LF, CR, form feed and a DOS end-of-file mark are text; other control characters are not
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1A) {
                return notCsv(String.format("it contains the control character U+%04X (at character %d): not a text file", (int) c, i),
                        d.encoding());
            }
        }
        return d;
    }

    private static Decoded notCsv(String why, String encoding) {
        return new Decoded("", encoding, why);
    }

    private static Decoded strict(byte[] content, int from, Charset cs, String label) {
        try {
            String text = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, from, content.length - from)).toString();
            return new Decoded(text, label, null);
        } catch (CharacterCodingException e) {
            return notCsv("its bytes are not " + label + " text", label);
        }
    }

    private static String wideBom(byte[] b) {
        int b0 = b.length > 0 ? b[0] & 0xff : -1;
        int b1 = b.length > 1 ? b[1] & 0xff : -1;
        if (b.length >= 4 && b0 == 0xFF && b1 == 0xFE && b[2] == 0 && b[3] == 0
                || b.length >= 4 && b0 == 0 && b1 == 0 && (b[2] & 0xff) == 0xFE && (b[3] & 0xff) == 0xFF) {
            return "UTF-32";
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            return "UTF-16LE";
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return "UTF-16BE";
        }
        return null;
    }

    /**
     * One record: {@code line} is the 1-based line it starts on, {@code fields} its values; {@code error} (with
     * {@code fields} holding the line as it was) when the line cannot be read as a record.
     */
    public record Record(int line, List<String> fields, String error) {
    }

    /**
     * The RFC 4180 records of the text (a quoted value may hold commas, quotes and line breaks); blank lines are
     * skipped. A record the parser cannot finish (a stray quote that never closes), or one spanning several lines
     * whose field count differs from the header's or whose line break falls in one of {@code singleLineColumns}
     * (named in the header, any case), spoils only the line it starts on: that line becomes an error record and
     * reading goes on with the next line. So a stray quote cannot swallow the rows after it.
     */
    public static List<Record> records(String text, Collection<String> singleLineColumns) {
        List<Integer> starts = lineStarts(text);
        List<Record> out = new ArrayList<>();
        int expected = -1;
        List<Integer> singleLine = new ArrayList<>();
        int line = 0; // 0-based line the parser starts on
        while (line < starts.size()) {
            int base = starts.get(line);
            int broken = -1;
            try (CSVParser p = CSVParser.parse(text.substring(base), FORMAT)) {
                Iterator<CSVRecord> it = p.iterator();
                while (true) {
                    long consumed = p.getCurrentLineNumber();
                    CSVRecord r;
                    try {
                        if (!it.hasNext()) {
                            break;
                        }
                        r = it.next();
                    } catch (UncheckedIOException | IllegalStateException e) {
                        broken = firstNonBlank(text, starts, line + (int) consumed);
                        break;
                    }
                    List<String> fields = r.toList();
                    // the position is where the parser began, before the blank lines it skipped
                    int at = firstNonBlank(text, starts, lineOf(starts, base + (int) r.getCharacterPosition()));
                    if (fields.size() == 1 && fields.get(0).isBlank()) {
                        continue;
                    }
                    if (expected >= 0 && spansLines(fields) && (fields.size() != expected
                            || singleLine.stream().anyMatch(i -> i < fields.size() && spansLines(List.of(fields.get(i)))))) {
                        broken = at;
                        break;
                    }
                    if (expected < 0) {
                        expected = fields.size();
                        for (int i = 0; i < fields.size(); i++) {
                            if (singleLineColumns.contains(fields.get(i).trim().toLowerCase(Locale.ROOT))) {
                                singleLine.add(i);
                            }
                        }
                    }
                    out.add(new Record(at + 1, fields, null));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (broken < 0 || broken >= starts.size()) {
                break;
            }
            String raw = lineText(text, starts, broken);
            out.add(new Record(broken + 1, List.of(raw), "line " + (broken + 1) + " is not a CSV record (a quote opened and not closed)"));
            line = broken + 1;
        }
        return out;
    }

    private static boolean spansLines(List<String> fields) {
        return fields.stream().anyMatch(f -> f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0);
    }

    private static List<Integer> lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        if (text.isEmpty()) {
            return starts;
        }
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
            }
            if ((c == '\r' || c == '\n') && i + 1 < text.length()) {
                starts.add(i + 1);
            }
        }
        return starts;
    }

    private static int lineOf(List<Integer> starts, int position) {
        int lo = 0;
        int hi = starts.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts.get(mid) <= position) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static String lineText(String text, List<Integer> starts, int line) {
        int end = line + 1 < starts.size() ? starts.get(line + 1) : text.length();
        return text.substring(starts.get(line), end).replaceAll("[\r\n]+$", "");
    }

    private static int firstNonBlank(String text, List<Integer> starts, int line) {
        while (line < starts.size() && lineText(text, starts, line).isBlank()) {
            line++;
        }
        return line;
    }

    /**
     * The name a file gets in done/: {@code stamp-name}, shortened when it (with ".result" added for its result
     * file) would pass {@link #MAX_DONE_NAME_BYTES} in UTF-8: the start of the name is kept, then "~" and 8 hex
     * digits of the full name's SHA-256 (so two long names stay apart), then the extension.
     */
    public static String doneName(String stamp, String name) {
        String full = stamp + "-" + name;
        if (utf8(full) + ".result".length() <= MAX_DONE_NAME_BYTES) {
            return full;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 && name.length() - dot <= 10 ? name.substring(dot) : "";
        String tag = "~" + sha256(name.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
        int room = MAX_DONE_NAME_BYTES - ".result".length() - utf8(stamp + "-" + tag + ext);
        StringBuilder kept = new StringBuilder();
        String base = name.substring(0, name.length() - ext.length());
        for (int i = 0; i < base.length(); ) {
            int cp = base.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            if (utf8(kept + ch) > room) {
                break;
            }
            kept.append(ch);
            i += Character.charCount(cp);
        }
        return stamp + "-" + kept + tag + ext;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
