package io.marketbridge.operations;

import io.marketbridge.db.Jdbc;
import io.marketbridge.intake.IntakeErrors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.Header;

/**
 * What is stuck, read for the operations page and its endpoints: shipments not transmitted (MB_SHIPMENT_OPEN),
 * open claims (MB_CLAIM), intake errors waiting for a person (MB_INTAKE_ERROR OPEN). Ids, codes and the marketplace's
 * messages only: no buyer's name, phone or address is selected. At most {@value #MAX_ROWS} rows each, newest first.
 */
public class OperationsViews {

    public static final int MAX_ROWS = 200;

    public record Shipment(long id, String marketplace, String account, String orderId, String lineId, String status,
                           int attempts, String resultCode, String resultMessage, Instant updatedAt) {
    }

    public record OpenClaim(String marketplace, String account, String claimType, String claimId, String orderId,
                            String lineId, String status, String reasonCode, String statusAt) {
    }

    public record IntakeError(long errorId, String marketplace, String account, String payloadRef, String errorType,
                              String reason, int occurrences, Instant updatedAt) {
    }

    private final DataSource dataSource;
    private final Clock clock;

    public OperationsViews(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public List<Shipment> untransmittedShipments() throws SQLException {
        return query("SELECT id, marketplace, account_id, order_id, line_id, status, attempts, result_code, result_message,"
                + " updated_at FROM MB_SHIPMENT_OPEN ORDER BY id DESC", rs -> new Shipment(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8),
                rs.getString(9), instant(rs.getTimestamp(10))));
    }

    /** Claim lines whose latest state is open (requested or approved, not completed, rejected or withdrawn). */
    public List<OpenClaim> openClaims() throws SQLException {
        List<OpenClaim> rows = query("SELECT o.marketplace, o.account_id, o.claim_type, o.claim_id, o.order_id, o.line_id,"
                + " o.claim_status, o.reason_code, o.status_at FROM MB_CLAIM o WHERE o.claim_status IN ('REQUESTED', 'APPROVED')"
                + " AND NOT EXISTS (SELECT 1 FROM MB_CLAIM t WHERE t.marketplace = o.marketplace AND t.account_id = o.account_id"
                + " AND t.claim_id = o.claim_id AND t.line_id = o.line_id AND t.claim_status IN ('COMPLETED', 'REJECTED', 'WITHDRAWN'))"
                + " ORDER BY o.id DESC", rs -> new OpenClaim(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
        // a line requested and then approved has two rows: the newest says where it is
        Map<String, OpenClaim> latest = new LinkedHashMap<>();
        rows.forEach(c -> latest.putIfAbsent(c.marketplace() + "|" + c.account() + "|" + c.claimId() + "|" + c.lineId(), c));
        return List.copyOf(latest.values());
    }

    public List<IntakeError> openIntakeErrors() throws SQLException {
        return query("SELECT error_id, marketplace, account_id, payload_ref, error_type, reason, occurrences, updated_at"
                + " FROM MB_INTAKE_ERROR WHERE status = 'OPEN' ORDER BY error_id DESC", rs -> new IntakeError(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7),
                instant(rs.getTimestamp(8))));
    }

    /** Marks an OPEN intake error for replay; the replay route (routes/intake.camel.yaml) does the rest. */
    public Map<String, Object> replay(@Header("errorId") String errorId) throws SQLException {
        long id;
        try {
            id = Long.parseLong(errorId == null ? "" : errorId.trim());
        } catch (NumberFormatException e) {
            throw new OperationsException(400, "the error id must be a number");
        }
        int marked = Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE MB_INTAKE_ERROR SET status = ?, updated_at = ?"
                + " WHERE error_id = ? AND status = ?", IntakeErrors.REPLAY, clock.instant(), id, IntakeErrors.OPEN));
        if (marked == 0) {
            throw OperationsException.notFound("no OPEN intake error " + id);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("errorId", id);
        answer.put("status", IntakeErrors.REPLAY);
        return answer;
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, RowMapper<T> mapper) throws SQLException {
        List<T> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(MAX_ROWS);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
        }
        return rows;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
}
