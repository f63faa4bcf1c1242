package io.marketbridge.shipment;

import io.marketbridge.csv.CsvInbox;
import io.marketbridge.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The shipment inbox: a CSV the ERP drops into the inbox folder becomes MB_SHIPMENT rows (one per data row,
 * so files and rows share one path), the file moves to done/, and once every row has an outcome a result
 * file (the input columns plus status, result_code, result_message) is written beside it. What every inbox
 * shares (encodings, broken rows, files read twice, the result file) is {@link CsvInbox}'s.
 */
public class ShipmentInbox extends CsvInbox {

    public static final List<String> REQUIRED = List.of("marketplace", "account_id", "order_id", "line_id", "courier", "tracking_no");
    static final Layout LAYOUT = new Layout("shipments", "MB_SHIPMENT", "MB_SHIPMENT_FILE", REQUIRED,
            List.of("marketplace", "account_id", "order_id", "line_id", "courier", "tracking_no", "shipped_at"),
            List.of("marketplace", "account_id", "order_id", "courier", "tracking_no"));

    private final ShipmentSettings settings;

    public ShipmentInbox(DataSource dataSource, ShipmentSettings settings, Clock clock) {
        super(dataSource, LAYOUT, new Place(settings.inboxDir(), settings.inboxEncoding(), settings.zone(),
                settings.escapeFormulas()), clock);
        this.settings = settings;
    }

    @Override
    protected String rowProblem(int row, Map<String, String> values) {
        try {
            shippedAt(values.get("shipped_at"));
            return null;
        } catch (DateTimeParseException e) {
            return "row " + row + " cannot be read: " + e.getMessage();
        }
    }

    @Override
    protected void insertRows(Connection c, List<Parsed> rows, String fileKey, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id,"
                + " line_id, courier, tracking_no, shipped_at, status, result_code, result_message, source_file,"
                + " source_row, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (Parsed p : rows) {
                Map<String, String> v = p.values();
                Instant shippedAt = p.error() == null ? shippedAt(v.get("shipped_at")) : null;
                Jdbc.bind(ps, cut(v.get("marketplace"), 16), cut(v.get("account_id"), 64), cut(v.get("order_id"), 64),
                        cut(v.get("line_id"), 64), cut(v.get("courier"), 60), cut(v.get("tracking_no"), 60),
                        shippedAt == null ? Jdbc.NULL_TIMESTAMP : shippedAt, p.error() == null ? ShipmentStatus.READY : ShipmentStatus.REJECTED,
                        p.error() == null ? null : "INVALID_ROW", p.error(), fileKey, p.row(), now, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
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
}
