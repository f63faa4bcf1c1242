package io.marketbridge.claim.action;

import static io.marketbridge.dispatch.DueRows.trim;

import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.db.Jdbc;
import io.marketbridge.dispatch.DueRows;
import io.marketbridge.order.Marketplace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * MB_CLAIM_ACTION: claiming due rows (safe with several nodes on one database, see {@link DueRows}), recording
 * outcomes, and reading from MB_CLAIM the claims the rows answer.
 */
public class ClaimActionStore {

    private static final String COLUMNS = "id, marketplace, account_id, claim_id, order_id, line_id, action, courier,"
            + " tracking_no, reason, status, attempts";

    private final DataSource dataSource;
    private final DueRows<ClaimActionRow> rows;

    public ClaimActionStore(DataSource dataSource, ClaimActionSettings settings) {
        this.dataSource = dataSource;
        this.rows = new DueRows<>(dataSource, "MB_CLAIM_ACTION", COLUMNS, List.of("created_at"), ClaimActionStore::row,
                settings.rows());
    }

    /** At start: this node's rows left SENDING by a stop (kill -9, power loss) become due at once. */
    public int reclaimOwn() throws SQLException {
        return rows.reclaimOwn();
    }

    /** Claims up to {@code limit} due rows for this node ({@link DueRows#claim}): they become SENDING. */
    public List<ClaimActionRow> claim(int limit, Instant now) throws SQLException {
        return rows.claim(limit, now);
    }

    private static ClaimActionRow row(ResultSet rs, Instant now) throws SQLException {
        return new ClaimActionRow(rs.getLong(1), trim(rs.getString(2)), trim(rs.getString(3)), trim(rs.getString(4)),
                trim(rs.getString(5)), trim(rs.getString(6)), trim(rs.getString(7)), trim(rs.getString(8)),
                trim(rs.getString(9)), trim(rs.getString(10)), rs.getString(11), rs.getInt(12));
    }

    /** Ends a row: SENT or REJECTED for good, FAILED with its next try (null: attempts used up). */
    public void finish(long id, String status, String code, String message, boolean countAttempt, Instant nextAttempt,
                       String resolvedClaimId, Instant now) throws SQLException {
        rows.finish(id, status, code, message, countAttempt, nextAttempt, now,
                new DueRows.IfGiven("resolved_claim_id", resolvedClaimId));
    }

    /** Puts a claimed row back untouched (another row of this round acts on the same claim first). */
    public void release(long id, Instant now) throws SQLException {
        rows.release(id, now);
    }

    // ------------------------------------------------------------ the claims the rows answer

    /** The claim with this id, as MB_CLAIM holds it; empty when there is none. */
    public Optional<RecordedClaim> claimById(Marketplace marketplace, String accountId, String claimId) throws SQLException {
        return Optional.ofNullable(read(marketplace, accountId, "claim_id = ?", claimId).get(claimId));
    }

    /**
     * The latest open claim (REQUESTED or APPROVED, not ended since) of an order line, preferring one of
     * {@code type}; empty when the line has no open claim. Null type: any.
     */
    public Optional<RecordedClaim> openClaimOfLine(Marketplace marketplace, String accountId, String orderId, String lineId,
                                                   ClaimType type) throws SQLException {
        Map<String, RecordedClaim> claims = read(marketplace, accountId, "claim_id IN (SELECT claim_id FROM MB_CLAIM"
                + " WHERE marketplace = ? AND account_id = ? AND order_id = ? AND line_id = ?)",
                marketplace.code(), accountId, orderId, lineId);
        List<RecordedClaim> open = new ArrayList<>(claims.values().stream().filter(RecordedClaim::isOpen).toList());
        // read() keeps the order of each claim's first event; the latest claim is the last one
        java.util.Collections.reverse(open);
        return open.stream().filter(c -> type == null || c.type() == type).findFirst().or(() -> open.stream().findFirst());
    }

    /** claim_id -> the claim, for the account's MB_CLAIM rows matching {@code where}, in the order claims were first seen. */
    private Map<String, RecordedClaim> read(Marketplace marketplace, String accountId, String where, Object... args)
            throws SQLException {
        Object[] all = new Object[args.length + 2];
        all[0] = marketplace.code();
        all[1] = accountId;
        System.arraycopy(args, 0, all, 2, args.length);
        Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT claim_id, line_id, claim_status, claim_type, order_id,"
                     + " shipment_id, quantity, marketplace_status, raw_payload FROM MB_CLAIM WHERE marketplace = ?"
                     + " AND account_id = ? AND " + where + " ORDER BY id")) {
            Jdbc.bind(ps, all);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Object[] {rs.getString(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7),
                            rs.getString(8), rs.getString(9)});
                }
            }
        }
        Map<String, RecordedClaim> claims = new LinkedHashMap<>();
        rows.forEach((claimId, events) -> claims.put(claimId, fold(claimId, events)));
        return claims;
    }

    /** A claim's events, oldest first, folded: a final status wins over an open one, the latest event gives the rest. */
    private static RecordedClaim fold(String claimId, List<Object[]> events) {
        Map<String, ClaimLine> lines = new TreeMap<>();
        ClaimStatus status = null;
        Object[] last = events.get(events.size() - 1);
        for (Object[] e : events) {
            ClaimStatus s = ClaimStatus.valueOf((String) e[1]);
            boolean finalStatus = s != ClaimStatus.REQUESTED && s != ClaimStatus.APPROVED;
            boolean statusFinal = status != null && status != ClaimStatus.REQUESTED && status != ClaimStatus.APPROVED;
            if (status == null || finalStatus || !statusFinal) {
                status = s;
            }
            lines.put((String) e[0], new ClaimLine((String) e[0], (String) e[4], (Integer) e[5]));
        }
        return new RecordedClaim(claimId, ClaimType.valueOf((String) last[2]), status, (String) last[3],
                new ArrayList<>(lines.values()), (String) last[6], (String) last[7]);
    }

    /** account -> status -> rows not SENT (READY, SENDING, FAILED, REJECTED), for metrics. */
    public Map<String, Map<String, Long>> openCounts() throws SQLException {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(account_id, '?'), status, COUNT(*) FROM MB_CLAIM_ACTION"
                     + " WHERE status IN ('READY', 'SENDING', 'FAILED', 'REJECTED') GROUP BY account_id, status")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).merge(rs.getString(2), rs.getLong(3), Long::sum);
                }
            }
        }
        return counts;
    }
}
