package io.marketbridge.dispatch;

import io.marketbridge.db.Database;
import io.marketbridge.db.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * Claiming, finishing and releasing the rows of one outbound table (MB_SHIPMENT, MB_CLAIM_ACTION), safe with
 * several nodes on one database. Each such table has id, status (READY, SENDING, SENT, REJECTED, FAILED),
 * attempts, result_code, result_message, next_attempt_at, claimed_by, claimed_at, created_at and updated_at.
 *
 * @param <R> the table's row as claimed
 */
public class DueRows<R extends DueRows.Row> {

    /** What claiming needs of a row: its id and how it stood when read. */
    public interface Row {
        long id();

        String previousStatus();

        int attempts();
    }

    /** Reads one row of the claiming query (the columns given, then claimed_by). */
    @FunctionalInterface
    public interface Reader<R> {
        R read(ResultSet rs, Instant now) throws SQLException;
    }

    /** A column {@link #finish} sets only when given a value: {@code column = COALESCE(?, column)}. */
    public record IfGiven(String column, Object value) {
    }

    private final DataSource dataSource;
    private final String table;
    private final String columns;
    private final List<String> filledOnClaim;
    private final Reader<R> reader;
    private final DueRowSettings settings;
    private final boolean skipLocked;

    /**
     * @param columns       the columns the reader reads, in its order
     * @param filledOnClaim columns set to the claim's time when the ERP left them empty (created_at, ...)
     */
    public DueRows(DataSource dataSource, String table, String columns, List<String> filledOnClaim, Reader<R> reader,
                   DueRowSettings settings) {
        this.dataSource = dataSource;
        this.table = table;
        this.columns = columns;
        this.filledOnClaim = List.copyOf(filledOnClaim);
        this.reader = reader;
        this.settings = settings;
        // H2 has no SKIP LOCKED; there each row is claimed by a conditional update instead (see claim)
        this.skipLocked = !"h2".equals(Database.dialect(dataSource));
    }

    /** At start: this node's rows left SENDING by a stop (kill -9, power loss) become due at once. */
    public int reclaimOwn() throws SQLException {
        return Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE " + table + " SET claimed_at = ?"
                + " WHERE status = 'SENDING' AND claimed_by = ?", Instant.EPOCH, settings.nodeId()));
    }

    /**
     * Claims up to {@code limit} due rows for this node: READY rows, FAILED rows whose retry is due, and SENDING
     * rows whose node stopped (lease expired). They become SENDING with claimed_by and claimed_at set.
     * PostgreSQL and MariaDB lock with SELECT ... FOR UPDATE SKIP LOCKED, so two nodes never claim the same row;
     * H2 claims each row with an update that only succeeds if the row is still as it was read.
     */
    public List<R> claim(int limit, Instant now) throws SQLException {
        Instant leaseEnd = now.minus(settings.lease());
        return Jdbc.inTransaction(dataSource, c -> {
            List<R> seen = new ArrayList<>();
            List<String> claimedBy = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + ", claimed_by FROM " + table
                    + " WHERE status = 'READY' OR (status = 'FAILED' AND next_attempt_at <= ?)"
                    + " OR (status = 'SENDING' AND claimed_at < ?) ORDER BY id LIMIT " + limit
                    + (skipLocked ? " FOR UPDATE SKIP LOCKED" : ""))) {
                Jdbc.bind(ps, now, leaseEnd);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seen.add(reader.read(rs, now));
                        claimedBy.add(rs.getString("claimed_by"));
                    }
                }
            }
            StringBuilder fill = new StringBuilder();
            for (String column : filledOnClaim) {
                fill.append(", ").append(column).append(" = COALESCE(").append(column).append(", ?)");
            }
            List<R> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET status = 'SENDING', claimed_by = ?,"
                    + " claimed_at = ?, updated_at = ?" + fill + " WHERE id = ? AND status = ? AND attempts = ?"
                    + " AND COALESCE(claimed_by, '-') = ?")) {
                for (int i = 0; i < seen.size(); i++) {
                    R r = seen.get(i);
                    List<Object> args = new ArrayList<>(List.of(settings.nodeId(), now, now));
                    filledOnClaim.forEach(column -> args.add(now));
                    args.addAll(Arrays.asList(r.id(), r.previousStatus(), r.attempts(), claimedBy.get(i) == null ? "-" : claimedBy.get(i)));
                    Jdbc.bind(ps, args.toArray());
                    if (ps.executeUpdate() == 1) {
                        claimed.add(r);
                    }
                }
            }
            return claimed;
        });
    }

    /** Ends a row: SENT or REJECTED for good, FAILED with its next try (null: attempts used up). */
    public void finish(long id, String status, String code, String message, boolean countAttempt, Instant nextAttempt,
                       Instant now, IfGiven... ifGiven) throws SQLException {
        StringBuilder sets = new StringBuilder();
        List<Object> args = new ArrayList<>(List.of(status, countAttempt ? 1 : 0));
        args.add(cut(code, 64));
        args.add(cut(message, 1000));
        args.add(nextAttempt == null ? Jdbc.NULL_TIMESTAMP : nextAttempt);
        for (IfGiven g : ifGiven) {
            sets.append(", ").append(g.column()).append(" = COALESCE(?, ").append(g.column()).append(')');
            args.add(g.value());
        }
        args.add(now);
        args.add(id);
        Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE " + table + " SET status = ?, attempts = attempts + ?,"
                + " result_code = ?, result_message = ?, next_attempt_at = ?" + sets + ", updated_at = ?"
                + " WHERE id = ? AND status = 'SENDING'", args.toArray()));
    }

    /** Puts a claimed row back untouched (it waits for another row of this round to settle first). */
    public void release(long id, Instant now) throws SQLException {
        Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE " + table + " SET status = 'READY', claimed_by = NULL,"
                + " claimed_at = NULL, updated_at = ? WHERE id = ? AND status = 'SENDING'", now, id));
    }

    /** A text column's value cut to its size. */
    public static String cut(String s, int max) {
        return s == null ? null : s.length() > max ? s.substring(0, max) : s;
    }

    /** A text cell as a value: null when empty or blank, else trimmed. */
    public static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
