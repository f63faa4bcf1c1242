package io.marketbridge.claim.action;

import io.marketbridge.csv.CsvInbox;
import io.marketbridge.db.Jdbc;
import io.marketbridge.shipment.ShipmentStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The claim action inbox (./in/claims): each data row of a CSV the ERP drops there becomes an MB_CLAIM_ACTION row,
 * with the shipment inbox's rules ({@link CsvInbox}: encodings, broken rows, files read twice, the result file).
 * Whether a row's values make sense (the action, the claim, the courier) is the dispatch's to say, as for a row
 * the ERP inserts; only what cannot be a row at all is refused here.
 */
public class ClaimActionInbox extends CsvInbox {

    public static final List<String> COLUMNS = List.of("marketplace", "account_id", "claim_id", "order_id", "line_id",
            "action", "courier", "tracking_no", "reason");
    static final Layout LAYOUT = new Layout("claim actions", "MB_CLAIM_ACTION", "MB_CLAIM_ACTION_FILE",
            List.of("marketplace", "account_id", "action"),
            List.of("marketplace", "account_id", "claim_id", "order_id", "line_id", "action", "courier", "tracking_no"),
            List.of("marketplace", "account_id", "action"));

    public ClaimActionInbox(DataSource dataSource, ClaimActionSettings settings, Clock clock) {
        super(dataSource, LAYOUT, settings.inbox(), clock);
    }

    @Override
    protected String rowProblem(int row, Map<String, String> values) {
        return null; // the rest is checked by the dispatch, with the codes a row inserted by SQL gets
    }

    @Override
    protected void insertRows(Connection c, List<Parsed> rows, String fileKey, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO MB_CLAIM_ACTION (marketplace, account_id, claim_id,"
                + " order_id, line_id, action, courier, tracking_no, reason, status, result_code, result_message,"
                + " source_file, source_row, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (Parsed p : rows) {
                Map<String, String> v = p.values();
                Jdbc.bind(ps, cut(v.get("marketplace"), 16), cut(v.get("account_id"), 64), cut(v.get("claim_id"), 64),
                        cut(v.get("order_id"), 64), cut(v.get("line_id"), 64), cut(v.get("action"), 24),
                        cut(v.get("courier"), 60), cut(v.get("tracking_no"), 60), cut(v.get("reason"), 1000),
                        p.error() == null ? ShipmentStatus.READY : ShipmentStatus.REJECTED,
                        p.error() == null ? null : "INVALID_ROW", p.error(), fileKey, p.row(), now, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
