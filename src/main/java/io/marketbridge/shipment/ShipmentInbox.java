package io.marketbridge.shipment;

import io.marketbridge.csv.CsvCells;
import io.marketbridge.csv.CsvInboxFile;
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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
 * The shipment inbox: a CSV the ERP drops into the inbox folder becomes MB_SHIPMENT rows (one per data row,
 * so files and rows share one path), the file moves to done/, and once every row has an outcome a result
 * file (the input columns plus status, result_code, result_message) is written beside it.
 *
 * <p>A file is known by the SHA-256 of its content, so a file read again (a stop between the database commit
 * and the move) or dropped twice adds no row twice. A row that cannot be read gets its own REJECTED row. A file
 * that is no CSV (binary, UTF-16) adds no row and its result file says so in one line; a file without a data
 * row gets a warning line. Both are logged at WARN. Result cells a spreadsheet would run as formulas are
 * escaped (see {@link CsvCells}).
 */
public class ShipmentInbox {

    private static final Logger LOG = LoggerFactory.getLogger("io.marketbridge.shipments");
    public static final List<String> REQUIRED = List.of("marketplace", "account_id", "order_id", "line_id", "courier", "tracking_no");
    /** Columns whose value never spans lines: a record with a line break in one is a stray quote, not a record. */
    private static final List<String> SINGLE_LINE = List.of("marketplace", "account_id", "order_id", "line_id", "courier",
            "tracking_no", "shipped_at");
    public static final List<String> RESULT_COLUMNS = List.of("status", "result_code", "result_message");
    private static final DateTimeFormatter DONE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS");

    private final DataSource dataSource;
    private final ShipmentSettings settings;
    private final Clock clock;

    public ShipmentInbox(DataSource dataSource, ShipmentSettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Route step (file consumer): imports the file; returns the name it gets in done/ (the route's header
     * {@link CsvInboxFile#DONE_NAME_HEADER}): a time stamp first, so a name the ERP reuses never overwrites an
     * earlier file; a long name shortened.
     */
    public String importFile(@Body byte[] content, @Header(Exchange.FILE_NAME_ONLY) String name) throws SQLException {
        Instant now = clock.instant();
        String doneName = CsvInboxFile.doneName(DONE_STAMP.format(LocalDateTime.ofInstant(now, settings.zone())), name);
        Path donePath = settings.inboxDir().resolve("done").resolve(doneName);
        int rows = importContent(name, content, donePath, now);
        LOG.info("shipments: file {} taken ({} rows), moved to {}", name, rows, donePath);
        return doneName;
    }

    /** Imports one file's content; returns the number of data rows. */
    int importContent(String name, byte[] content, Path donePath, Instant now) throws SQLException {
        String key = "sha256:" + CsvInboxFile.sha256(content);
        Decoded decoded = CsvInboxFile.decode(content, settings.inboxEncoding());
        List<Parsed> rows = decoded.notCsv() == null ? parse(decoded.text()) : List.of();
        String problem = fileProblem(decoded);
        if (problem != null) { // said once here and once in the result file; nothing to send
            LOG.warn("shipments: file {} {}", name, problem);
        }
        return Jdbc.inTransaction(dataSource, c -> {
            boolean known;
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM MB_SHIPMENT_FILE WHERE file_key = ?")) {
                Jdbc.bind(ps, key);
                try (ResultSet rs = ps.executeQuery()) {
                    known = rs.next();
                }
            }
            if (known) { // read again: the rows exist; the result goes beside this copy (again)
                Jdbc.update(c, "UPDATE MB_SHIPMENT_FILE SET file_name = ?, done_path = ?, result_path = NULL,"
                        + " result_written_at = NULL WHERE file_key = ?", cut(name, 255), donePath.toString(), key);
                return rows.size();
            }
            Jdbc.update(c, "INSERT INTO MB_SHIPMENT_FILE (file_key, file_name, done_path, encoding, row_count, received_at)"
                    + " VALUES (?,?,?,?,?,?)", key, cut(name, 255), donePath.toString(), cut(decoded.encoding(), 16), rows.size(), now);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id,"
                    + " line_id, courier, tracking_no, shipped_at, status, result_code, result_message, source_file,"
                    + " source_row, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                for (Parsed p : rows) {
                    Map<String, String> v = p.values();
                    Jdbc.bind(ps, cut(v.get("marketplace"), 16), cut(v.get("account_id"), 64), cut(v.get("order_id"), 64),
                            cut(v.get("line_id"), 64), cut(v.get("courier"), 60), cut(v.get("tracking_no"), 60),
                            p.shippedAt() == null ? Jdbc.NULL_TIMESTAMP : p.shippedAt(), p.error() == null ? ShipmentStatus.READY : ShipmentStatus.REJECTED,
                            p.error() == null ? null : "INVALID_ROW", p.error(), key, p.row(), now, now);
                    ps.addBatch();
                }
                if (!rows.isEmpty()) {
                    ps.executeBatch();
                }
            }
            return rows.size();
        });
    }

    /** What makes the whole file give nothing to send (null: it has data rows). */
    private String fileProblem(Decoded decoded) {
        if (decoded.notCsv() != null) {
            return "rejected as a whole: it is no CSV: " + decoded.notCsv();
        }
        List<CsvInboxFile.Record> records = CsvInboxFile.records(decoded.text(), SINGLE_LINE);
        if (records.isEmpty()) {
            return "is empty: nothing to send";
        }
        if (records.size() == 1) {
            return "has a header but no data row: nothing to send";
        }
        return null;
    }

    private static String cut(String s, int max) {
        return s == null || s.isBlank() ? null : s.length() > max ? s.substring(0, max) : s.trim();
    }

    /** One data row: its number (1 = the first row after the header), values by column, and an error if unreadable. */
    record Parsed(int row, Map<String, String> values, Instant shippedAt, String error) {
    }

    /**
     * Parses RFC 4180 records (a quoted value may span lines); a broken record (a stray quote, missing fields)
     * spoils only itself.
     */
    List<Parsed> parse(String text) {
        List<CsvInboxFile.Record> records = CsvInboxFile.records(text, SINGLE_LINE);
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
            List<String> missing = REQUIRED.stream().filter(r -> !header.contains(r)).toList();
            if (!missing.isEmpty()) {
                headerError = "the header row lacks column(s) " + String.join(", ", missing);
            }
        }
        for (int n = 1; n < records.size(); n++) {
            CsvInboxFile.Record record = records.get(n);
            Map<String, String> values = new TreeMap<>();
            if (headerError != null) {
                rows.add(new Parsed(n, values, null, headerError));
                continue;
            }
            if (record.error() != null) {
                rows.add(new Parsed(n, values, null, "row " + n + " cannot be read: " + record.error()));
                continue;
            }
            List<String> fields = record.fields();
            for (int f = 0; f < Math.min(fields.size(), header.size()); f++) {
                values.put(header.get(f), fields.get(f).trim());
            }
            if (fields.size() != header.size()) {
                rows.add(new Parsed(n, values, null, "row " + n + " (line " + record.line() + ") has " + fields.size()
                        + " fields, the header " + header.size()));
                continue;
            }
            try {
                String empty = List.of("marketplace", "account_id", "order_id", "courier", "tracking_no").stream()
                        .filter(col -> values.get(col) == null || values.get(col).isEmpty()).findFirst().orElse(null);
                Instant shippedAt = shippedAt(values.get("shipped_at"));
                rows.add(new Parsed(n, values, shippedAt, empty == null ? null : "row " + n + ": " + empty + " is empty"));
            } catch (DateTimeParseException e) {
                rows.add(new Parsed(n, values, null, "row " + n + " cannot be read: " + e.getMessage()));
            }
        }
        return rows;
    }

    /** ISO-8601 with an offset, or a local date-time / date read in the configured zone; empty means now. */
    Instant shippedAt(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // no offset: local time
        }
        try {
            return LocalDateTime.parse(v.replace(' ', 'T')).atZone(settings.zone()).toInstant();
        } catch (DateTimeParseException ignored) {
            // a date only
        }
        try {
            return LocalDate.parse(v).atStartOfDay(settings.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new DateTimeParseException("shipped_at '" + v + "' is not a date-time (yyyy-MM-dd HH:mm:ss)", v, 0);
        }
    }

    // ------------------------------------------------------------ result files

    /** Route step (timer): writes the result file of every taken file whose rows all have an outcome. */
    public void writeResults() throws SQLException, IOException {
        List<String[]> files = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT f.file_key, f.done_path, f.encoding FROM MB_SHIPMENT_FILE f"
                     + " WHERE f.result_written_at IS NULL AND NOT EXISTS (SELECT 1 FROM MB_SHIPMENT s"
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
             PreparedStatement ps = c.prepareStatement("SELECT source_row, status, result_code, result_message FROM MB_SHIPMENT"
                     + " WHERE source_file = ?")) {
            Jdbc.bind(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    outcomes.put(rs.getInt(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        byte[] content = Files.readAllBytes(done);
        Decoded decoded = CsvInboxFile.decode(content, settings.inboxEncoding());
        List<CsvInboxFile.Record> records = decoded.notCsv() == null ? CsvInboxFile.records(decoded.text(), SINGLE_LINE) : List.of();
        String fileName = done.getFileName().toString();
        String base = fileName.toLowerCase(Locale.ROOT).endsWith(".csv") ? fileName.substring(0, fileName.length() - 4) : fileName;
        Path result = done.resolveSibling(base + ".result.csv");
        // rows past the last one imported were written after the file was taken (a writer that kept it open)
        int imported = outcomes.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        boolean changed = !key.equals("sha256:" + CsvInboxFile.sha256(content));
        if (changed && records.size() - 1 > imported) {
            LOG.warn("shipments: file {} was written to after it was taken: rows {} to {} were not imported; put them in a new file",
                    done, imported + 1, records.size() - 1);
        }
        boolean escape = settings.escapeFormulas();
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
        Path tmp = done.resolveSibling("." + base + ".result.tmp");
        Files.write(tmp, out.toByteArray());
        Files.move(tmp, result, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE MB_SHIPMENT_FILE SET result_path = ?, result_written_at = ?"
                + " WHERE file_key = ?", result.toString(), clock.instant(), key));
        LOG.info("shipments: result file {} written ({} rows)", result, outcomes.size());
    }

    private static void print(CSVPrinter csv, List<String> fields, boolean escape) throws IOException {
        List<String> cells = new ArrayList<>(fields.size());
        for (String f : fields) {
            cells.add(CsvCells.text(f, escape));
        }
        csv.printRecord(cells);
    }
}
