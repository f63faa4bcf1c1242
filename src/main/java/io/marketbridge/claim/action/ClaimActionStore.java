package io.marketbridge.claim.action;

import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.db.Database;
import io.marketbridge.db.Jdbc;
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
 * MB_CLAIM_ACTION: claiming due rows (safe with several nodes on one database, as ShipmentStore claims
 * MB_SHIPMENT), recording outcomes, and reading from MB_CLAIM the claims the rows answer.
 */
public class ClaimActionStore {

    private static final String COLUMNS = "id, marketplace, account_id, claim_id, order_id, line_id, action, courier,"
            + " tracking_no, reason, status, attempts";
    /** READY rows, FAILED rows whose retry is due, and SENDING rows whose node stopped (lease expired). */
    private static final String DUE = " FROM MB_CLAIM_ACTION WHERE status = 'READY'"
            + " OR (status = 'FAILED' AND next_attempt_at <= ?) OR (status = 'SENDING' AND claimed_at < ?)";

    private final DataSource dataSource;
    private final ClaimActionSettings settings;
    private final boolean skipLocked;

    public ClaimActionStore(DataSource dataSource, ClaimActionSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        // H2 has no SKIP LOCKED; there each row is claimed by a conditional update instead (see claim)
        this.skipLocked = !"h2".equals(Database.dialect(dataSource));
    }

    /** At start: this node's rows left SENDING by a stop (kill -9, power loss) become due at once. */
    public int reclaimOwn() throws SQLException {
        return Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE MB_CLAIM_ACTION SET claimed_at = ?"
                + " WHERE status = 'SENDING' AND claimed_by = ?", Instant.EPOCH, settings.nodeId()));
    }

    /**
     * Claims up to {@code limit} due rows for this node: they become SENDING with claimed_by and claimed_at set.
     * PostgreSQL and MariaDB lock with SELECT ... FOR UPDATE SKIP LOCKED, so two nodes never claim the same row;
     * H2 claims each row with an update that only succeeds if the row is still as it was read.
     */
    public List<ClaimActionRow> claim(int limit, Instant now) throws SQLException {
        Instant leaseEnd = now.minus(settings.lease());
        return Jdbc.inTransaction(dataSource, c -> {
            List<ClaimActionRow> seen = new ArrayList<>();
            List<String> claimedBy = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", claimed_by" + DUE + " ORDER BY id LIMIT "
                    + limit + (skipLocked ? " FOR UPDATE SKIP LOCKED" : ""))) {
                Jdbc.bind(ps, now, leaseEnd);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seen.add(new ClaimActionRow(rs.getLong(1), trim(rs.getString(2)), trim(rs.getString(3)),
                                trim(rs.getString(4)), trim(rs.getString(5)), trim(rs.getString(6)), trim(rs.getString(7)),
                                trim(rs.getString(8)), trim(rs.getString(9)), trim(rs.getString(10)), rs.getString(11),
                                rs.getInt(12)));
                        claimedBy.add(rs.getString(13));
                    }
                }
            }
            List<ClaimActionRow> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE MB_CLAIM_ACTION SET status = 'SENDING', claimed_by = ?,"
                    + " claimed_at = ?, updated_at = ?, created_at = COALESCE(created_at, ?)"
                    + " WHERE id = ? AND status = ? AND attempts = ? AND COALESCE(claimed_by, '-') = ?")) {
                for (int i = 0; i < seen.size(); i++) {
                    ClaimActionRow r = seen.get(i);
                    Jdbc.bind(ps, settings.nodeId(), now, now, now, r.id(), r.previousStatus(), r.attempts(),
                            claimedBy.get(i) == null ? "-" : claimedBy.get(i));
                    if (ps.executeUpdate() == 1) {
                        claimed.add(r);
                    }
                }
            }
            return claimed;
        });
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Ends a row: SENT or REJECTED for good, FAILED with its next try (null: attempts used up). */
    public void finish(long id, String status, String code, String message, boolean countAttempt, Instant nextAttempt,
                       String resolvedClaimId, Instant now) throws SQLException {
        Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE MB_CLAIM_ACTION SET status = ?, attempts = attempts + ?,"
                        + " result_code = ?, result_message = ?, next_attempt_at = ?,"
                        + " resolved_claim_id = COALESCE(?, resolved_claim_id), updated_at = ? WHERE id = ? AND status = 'SENDING'",
                status, countAttempt ? 1 : 0, cut(code, 64), cut(message, 1000),
                nextAttempt == null ? Jdbc.NULL_TIMESTAMP : nextAttempt, resolvedClaimId, now, id));
    }

    /** Puts a claimed row back untouched (another row of this round acts on the same claim first). */
    public void release(long id, Instant now) throws SQLException {
        Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE MB_CLAIM_ACTION SET status = 'READY', claimed_by = NULL,"
                + " claimed_at = NULL, updated_at = ? WHERE id = ? AND status = 'SENDING'", now, id));
    }

    private static String cut(String s, int max) {
        return s == null ? null : s.length() > max ? s.substring(0, max) : s;
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
