package io.marketbridge.csv;

import io.marketbridge.csv.CsvInboxFile.Decoded;
import io.marketbridge.db.Jdbc;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CSV inbox whose rows become rows of one table (shipments: MB_SHIPMENT, claim actions: MB_CLAIM_ACTION): a file
 * the ERP drops into the folder becomes one row per data row, the file moves to done/, and once every row has an
 * outcome a result file (the input columns plus status, result_code, result_message) is written beside it.
 *
 * <p>A file is known by the SHA-256 of its content, so a file read again (a stop between the database commit and
 * the move) or dropped twice adds no row twice. A row that cannot be read gets its own REJECTED row
 * (INVALID_ROW). A file that is no CSV (binary, UTF-16) adds no row and its result file says so in one line; a
 * file without a data row gets a warning line. Both are logged at WARN. Result cells a spreadsheet would run as
 * formulas are escaped (see {@link CsvCells}).
 *
 * <p>The row table needs the columns status, result_code, result_message, next_attempt_at, source_file and
 * source_row; the file table is shaped like MB_SHIPMENT_FILE. A subclass says how a data row is checked and
 * inserted.
 */
public abstract class CsvInbox {

    public static final List<String> RESULT_COLUMNS = List.of("status", "result_code", "result_message");
    private static final DateTimeFormatter DONE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS");

    /**
     * What one inbox is.
     *
     * @param label      the word its log lines start with ("shipments")
     * @param rowTable   the table its rows go to
     * @param fileTable  the table of the files taken
     * @param required   header columns a file must have
     * @param singleLine columns whose value never spans lines: a record with a line break in one is a stray quote
     * @param nonEmpty   columns a data row must fill
     */
    public record Layout(String label, String rowTable, String fileTable, List<String> required, List<String> singleLine,
                         List<String> nonEmpty) {
    }

    /**
     * Where the inbox is and how it reads and writes.
     *
     * @param zone           the zone of the done/ time stamp
     * @param escapeFormulas write result cells a spreadsheet would run as formulas with a leading apostrophe
     */
    public record Place(Path dir, String encoding, ZoneId zone, boolean escapeFormulas) {
    }

    /** One data row: its number (1 = the first row after the header), values by column, and an error if unreadable. */
    public record Parsed(int row, Map<String, String> values, String error) {
    }

    protected final DataSource dataSource;
    protected final Clock clock;
    private final Layout layout;
    private final Place place;
    private final Logger log;

    protected CsvInbox(DataSource dataSource, Layout layout, Place place, Clock clock) {
        this.dataSource = dataSource;
        this.layout = layout;
        this.place = place;
        this.clock = clock;
        this.log = LoggerFactory.getLogger("io.marketbridge." + layout.label().replace(' ', '-'));
    }

    /** Null when the row's values are fine beyond the filled columns, else "row n ...: what is wrong". */
    protected abstract String rowProblem(int row, Map<String, String> values);

    /** Inserts the file's rows (a row with an error as REJECTED INVALID_ROW) into the row table, in c's transaction. */
    protected abstract void insertRows(Connection c, List<Parsed> rows, String fileKey, Instant now) throws SQLException;

    /**
     * Route step (file consumer): imports the file; returns the name it gets in done/ (the route's header
     * {@link CsvInboxFile#DONE_NAME_HEADER}): a time stamp first, so a name the ERP reuses never overwrites an
     * earlier file; a long name shortened.
     */
    public String importFile(@Body byte[] content, @Header(Exchange.FILE_NAME_ONLY) String name) throws SQLException {
        Instant now = clock.instant();
        String doneName = CsvInboxFile.doneName(DONE_STAMP.format(LocalDateTime.ofInstant(now, place.zone())), name);
        Path donePath = place.dir().resolve("done").resolve(doneName);
        int rows = importContent(name, content, donePath, now);
        log.info("{}: file {} taken ({} rows), moved to {}", layout.label(), name, rows, donePath);
        return doneName;
    }

    /** Imports one file's content; returns the number of data rows. */
    public int importContent(String name, byte[] content, Path donePath, Instant now) throws SQLException {
        String key = "sha256:" + CsvInboxFile.sha256(content);
        Decoded decoded = CsvInboxFile.decode(content, place.encoding());
        List<Parsed> rows = decoded.notCsv() == null ? parse(decoded.text()) : List.of();
        String problem = fileProblem(decoded);
        if (problem != null) { // said once here and once in the result file; nothing to send
            log.warn("{}: file {} {}", layout.label(), name, problem);
        }
        return Jdbc.inTransaction(dataSource, c -> {
            boolean known;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + layout.fileTable() + " WHERE file_key = ?")) {
                Jdbc.bind(ps, key);
                try (ResultSet rs = ps.executeQuery()) {
                    known = rs.next();
                }
            }
            if (known) { // read again: the rows exist; the result goes beside this copy (again)
                Jdbc.update(c, "UPDATE " + layout.fileTable() + " SET file_name = ?, done_path = ?, result_path = NULL,"
                        + " result_written_at = NULL WHERE file_key = ?", cut(name, 255), donePath.toString(), key);
                return rows.size();
            }
            Jdbc.update(c, "INSERT INTO " + layout.fileTable() + " (file_key, file_name, done_path, encoding, row_count,"
                    + " received_at) VALUES (?,?,?,?,?,?)", key, cut(name, 255), donePath.toString(),
                    cut(decoded.encoding(), 16), rows.size(), now);
            if (!rows.isEmpty()) {
                insertRows(c, rows, key, now);
            }
            return rows.size();
        });
    }

    /** What makes the whole file give nothing to send (null: it has data rows). */
    private String fileProblem(Decoded decoded) {
        if (decoded.notCsv() != null) {
            return "rejected as a whole: it is no CSV: " + decoded.notCsv();
        }
        List<CsvInboxFile.Record> records = CsvInboxFile.records(decoded.text(), layout.singleLine());
        if (records.isEmpty()) {
            return "is empty: nothing to send";
        }
        if (records.size() == 1) {
            return "has a header but no data row: nothing to send";
        }
        return null;
    }

    /** The value cut to the column's size; empty is null. */
    protected static String cut(String s, int max) {
        return s == null || s.isBlank() ? null : s.length() > max ? s.substring(0, max) : s.trim();
    }

    /**
     * Parses RFC 4180 records (a quoted value may span lines); a broken record (a stray quote, missing fields)
     * spoils only itself.
     */
    public List<Parsed> parse(String text) {
        List<CsvInboxFile.Record> records = CsvInboxFile.records(text, layout.singleLine());
        List<Parsed> rows = new ArrayList<>();
        if (records.isEmpty()) {
            return rows;
        }
        List<String> header = new ArrayList<>();
        String headerError = null;
        CsvInboxFile.Record first = records.get(0);
        if (first.error() != null) {
            headerError = "the header row cannot be read: " + first.error();
        } else {
            for (String h : first.fields()) {
                header.add(h.trim().toLowerCase(Locale.ROOT));
            }
            List<String> missing = layout.required().stream().filter(r -> !header.contains(r)).toList();
            if (!missing.isEmpty()) {
                headerError = "the header row lacks column(s) " + String.join(", ", missing);
            }
        }
        for (int n = 1; n < records.size(); n++) {
            CsvInboxFile.Record record = records.get(n);
            Map<String, String> values = new TreeMap<>();
            if (headerError != null) {
                rows.add(new Parsed(n, values, headerError));
                continue;
            }
            if (record.error() != null) {
                rows.add(new Parsed(n, values, "row " + n + " cannot be read: " + record.error()));
                continue;
            }
            List<String> fields = record.fields();
            for (int f = 0; f < Math.min(fields.size(), header.size()); f++) {
                values.put(header.get(f), fields.get(f).trim());
            }
            if (fields.size() != header.size()) {
                rows.add(new Parsed(n, values, "row " + n + " (line " + record.line() + ") has " + fields.size()
                        + " fields, the header " + header.size()));
                continue;
            }
            String empty = layout.nonEmpty().stream().filter(col -> values.get(col) == null || values.get(col).isEmpty())
                    .findFirst().orElse(null);
            rows.add(new Parsed(n, values, empty != null ? "row " + n + ": " + empty + " is empty" : rowProblem(n, values)));
        }
        return rows;
    }

    // ------------------------------------------------------------ result files

    /** Route step (timer): writes the result file of every taken file whose rows all have an outcome. */
    public void writeResults() throws SQLException, IOException {
        List<String[]> files = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT f.file_key, f.done_path, f.encoding FROM " + layout.fileTable()
                     + " f WHERE f.result_written_at IS NULL AND NOT EXISTS (SELECT 1 FROM " + layout.rowTable() + " s"
                     + " WHERE s.source_file = f.file_key AND (s.status IN ('READY', 'SENDING')"
                     + " OR (s.status = 'FAILED' AND s.next_attempt_at IS NOT NULL)))")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    files.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
        }
        for (String[] f : files) {
            writeResult(f[0], Path.of(f[1]), f[2]);
        }
    }

    private void writeResult(String key, Path done, String encoding) throws SQLException, IOException {
        if (!Files.exists(done)) {
            return; // moved by the file consumer once the route completes; next round
        }
        Map<Integer, String[]> outcomes = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT source_row, status, result_code, result_message FROM "
                     + layout.rowTable() + " WHERE source_file = ?")) {
            Jdbc.bind(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    outcomes.put(rs.getInt(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        byte[] content = Files.readAllBytes(done);
        Decoded decoded = CsvInboxFile.decode(content, place.encoding());
        List<CsvInboxFile.Record> records = decoded.notCsv() == null ? CsvInboxFile.records(decoded.text(), layout.singleLine()) : List.of();
        String fileName = done.getFileName().toString();
        String base = fileName.toLowerCase(Locale.ROOT).endsWith(".csv") ? fileName.substring(0, fileName.length() - 4) : fileName;
        Path result = done.resolveSibling(base + ".result.csv");
        // rows past the last one imported were written after the file was taken (a writer that kept it open)
        int imported = outcomes.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        boolean changed = !key.equals("sha256:" + CsvInboxFile.sha256(content));
        if (changed && records.size() - 1 > imported) {
            log.warn("{}: file {} was written to after it was taken: rows {} to {} were not imported; put them in a new file",
                    layout.label(), done, imported + 1, records.size() - 1);
        }
        boolean escape = place.escapeFormulas();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if ("UTF-8-BOM".equals(encoding)) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        Charset cs = encoding.startsWith("x-windows-949") || encoding.equals("MS949") ? CsvInboxFile.MS949 : StandardCharsets.UTF_8;
        try (Writer w = new OutputStreamWriter(out, cs.newEncoder().onUnmappableCharacter(CodingErrorAction.REPLACE));
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.RFC4180)) {
            if (decoded.notCsv() != null) {
                print(csv, RESULT_COLUMNS, escape);
                print(csv, List.of("REJECTED", "NOT_CSV", "the file is no CSV: " + decoded.notCsv()), escape);
            } else if (records.isEmpty()) {
                print(csv, RESULT_COLUMNS, escape);
                print(csv, List.of("WARNING", "EMPTY_FILE", "the file is empty: nothing to send"), escape);
            } else {
                for (int i = 0; i < records.size(); i++) {
                    List<String> fields = new ArrayList<>(records.get(i).fields()); // a broken line is echoed as it was
                    if (i == 0) {
                        fields.addAll(RESULT_COLUMNS);
                    } else if (i > imported && changed) {
                        fields.addAll(List.of("REJECTED", "WRITTEN_AFTER_TAKEN",
                                "this row was written after the file was taken; put it in a new file"));
                    } else {
                        String[] o = outcomes.getOrDefault(i, new String[] {"UNKNOWN", null, "no row recorded"});
                        fields.addAll(List.of(o[0], o[1] == null ? "" : o[1], o[2] == null ? "" : o[2]));
                    }
                    print(csv, fields, escape);
                }
                if (records.size() == 1) {
                    List<String> warning = new ArrayList<>(java.util.Collections.nCopies(records.get(0).fields().size(), ""));
                    warning.addAll(List.of("WARNING", "NO_DATA_ROWS", "the file has a header but no data row: nothing to send"));
                    print(csv, warning, escape);
                }
            }
        }
        // a name of its own: two nodes that see one done/ folder may write the same result at the same moment
        Path tmp = done.resolveSibling("." + base + ".result." + java.util.UUID.randomUUID() + ".tmp");
        Files.write(tmp, out.toByteArray());
        Files.move(tmp, result, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE " + layout.fileTable() + " SET result_path = ?,"
                + " result_written_at = ? WHERE file_key = ?", result.toString(), clock.instant(), key));
        log.info("{}: result file {} written ({} rows)", layout.label(), result, outcomes.size());
    }

    private static void print(CSVPrinter csv, List<String> fields, boolean escape) throws IOException {
        List<String> cells = new ArrayList<>(fields.size());
        for (String f : fields) {
            cells.add(CsvCells.text(f, escape));
        }
        csv.printRecord(cells);
    }
}
