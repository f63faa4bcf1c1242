package io.marketbridge.intake;

import io.marketbridge.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * MB_CONFIRMATION: which shipping units still have to be acknowledged at the marketplace. A unit is written
 * in the same transaction that delivers its order: PENDING when that completes the delivery, WAITING when
 * the order's files (JSON, batch CSV) are still to be written (it turns PENDING in the transaction that records
 * the last of them).
 * So the marketplace never hears "confirmed" about an order the ERP lacks. A WAITING unit whose order's batch
 * is already written (a late unit of a delivered order, or a row an earlier version left) is offered with the
 * pending ones, so no unit can wait for a batch that will never come.
 *
 * <p>reread_state: the acknowledged units a marketplace asks to read again (Coupang: the receiver may have
 * changed while ACCEPT). DUE is written in the transaction that records the acknowledgement, so a run stopped
 * before the re-read leaves it to the next poll.
 */
public class Confirmations {

    /** Delivered to the tables, waiting for its order's files; becomes PENDING when the last one is written. */
    public static final String WAITING = "WAITING";
    public static final String PENDING = "PENDING";
    public static final String CONFIRMED = "CONFIRMED";
    /** Failed for a reason worth retrying; offered again on the next poll. */
    public static final String FAILED = "FAILED";
    /** The marketplace refused for good (cancelled, wrong state); kept with its code and message. */
    public static final String REJECTED = "REJECTED";
    public static final String NOT_REQUESTED = "NOT_REQUESTED";

    /** reread_state: acknowledged, still to be read again. */
    public static final String REREAD_DUE = "DUE";
    public static final String REREAD_DONE = "DONE";
    /** reread_state: the marketplace refused to read the unit (no such box any more); not tried again. */
    public static final String REREAD_UNREADABLE = "UNREADABLE";

    /** Attempts after which a FAILED unit is left for an operator. */
    static final int MAX_ATTEMPTS = 10;
    /** At most this many units per poll, so one backlog cannot hold a poll for hours. */
    static final int MAX_PER_POLL = 5000;

    private final DataSource dataSource;
    private final Clock clock;

    public Confirmations(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The account's pending units, in chunks of chunkSize. */
    public List<List<String>> pendingChunks(String accountId, int chunkSize) throws SQLException {
        List<String> units = pending(accountId);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < units.size(); i += chunkSize) {
            chunks.add(new ArrayList<>(units.subList(i, Math.min(units.size(), i + chunkSize))));
        }
        return chunks;
    }

    public List<String> pending(String accountId) throws SQLException {
        List<String> units = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            // one table, one index (account_id, confirm_state): this runs on every poll of every account
            try (PreparedStatement ps = c.prepareStatement("SELECT shipment_id FROM MB_CONFIRMATION"
                    + " WHERE account_id = ? AND confirm_state IN (?, ?) AND attempts < ? ORDER BY updated_at, shipment_id")) {
                ps.setMaxRows(MAX_PER_POLL);
                Jdbc.bind(ps, accountId, PENDING, FAILED, MAX_ATTEMPTS);
                readIds(ps, units);
            }
            if (units.size() < MAX_PER_POLL) {
                // WAITING units whose order's batch CSV is written: nothing will turn them PENDING any more.
                // Normally none; the join only ever sees this account's WAITING rows.
                try (PreparedStatement ps = c.prepareStatement("SELECT c.shipment_id FROM MB_CONFIRMATION c"
                        + " WHERE c.account_id = ? AND c.confirm_state = ? AND EXISTS (SELECT 1 FROM MB_DELIVERY d"
                        + " WHERE d.marketplace = c.marketplace AND d.account_id = c.account_id AND d.order_id = c.order_id"
                        + " AND d.delivery_state = ?) ORDER BY c.updated_at, c.shipment_id")) {
                    ps.setMaxRows(MAX_PER_POLL - units.size());
                    Jdbc.bind(ps, accountId, WAITING, OrderIntake.DELIVERED);
                    readIds(ps, units);
                }
            }
        }
        return units;
    }

    private static void readIds(PreparedStatement ps, List<String> into) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                into.add(rs.getString(1));
            }
        }
    }

    /** The account's acknowledged units still to be re-read (reread_state DUE), oldest first: unit -> orderId. */
    public Map<String, String> rereadsDue(String accountId) throws SQLException {
        Map<String, String> units = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT shipment_id, order_id FROM MB_CONFIRMATION"
                     + " WHERE account_id = ? AND reread_state = ? ORDER BY updated_at, shipment_id")) {
            ps.setMaxRows(MAX_PER_POLL);
            Jdbc.bind(ps, accountId, REREAD_DUE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    units.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return units;
    }

    /** Records that the units were re-read (state DONE) or could not be (UNREADABLE), in one transaction. */
    public void rereadEnded(String accountId, Collection<String> units, String state) throws SQLException {
        if (units.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE MB_CONFIRMATION SET reread_state = ? WHERE account_id = ? AND shipment_id = ?")) {
                for (String unit : units) {
                    Jdbc.bind(ps, state, accountId, unit);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** One unit's answer from the marketplace. */
    public record Answer(String shipmentId, String state, String code, String message) {
    }

    /** Records the answers of one acknowledgement call in one transaction. */
    public void recordAll(String accountId, List<Answer> answers) throws SQLException {
        recordAll(accountId, answers, false);
    }

    /**
     * Records the answers of one acknowledgement call in one transaction; with {@code rereadConfirmed}, every
     * CONFIRMED unit is marked DUE for a re-read in that same transaction.
     */
    public void recordAll(String accountId, List<Answer> answers, boolean rereadConfirmed) throws SQLException {
        if (answers.isEmpty()) {
            return;
        }
        java.time.Instant now = clock.instant();
        Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE MB_CONFIRMATION SET confirm_state = ?,"
                    + " attempts = attempts + 1, result_code = ?, result_message = ?, updated_at = ?,"
                    + " reread_state = CASE WHEN ? = 1 THEN ? ELSE reread_state END"
                    + " WHERE account_id = ? AND shipment_id = ?")) {
                for (Answer a : answers) {
                    boolean due = rereadConfirmed && CONFIRMED.equals(a.state());
                    Jdbc.bind(ps, a.state(), a.code(), trim(a.message()), now, due ? 1 : 0, REREAD_DUE, accountId,
                            a.shipmentId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static String trim(String message) {
        return message == null ? null : message.length() > 500 ? message.substring(0, 500) : message;
    }

    /** Records the marketplace's answer for one unit. */
    public void record(String accountId, String shipmentId, String state, String code, String message) throws SQLException {
        String trimmed = message == null ? null : message.length() > 500 ? message.substring(0, 500) : message;
        Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE MB_CONFIRMATION SET confirm_state = ?,"
                        + " attempts = attempts + 1, result_code = ?, result_message = ?, updated_at = ?"
                        + " WHERE account_id = ? AND shipment_id = ?",
                state, code, trimmed, clock.instant(), accountId, shipmentId));
    }

    public String orderIdOf(String accountId, String shipmentId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT order_id FROM MB_CONFIRMATION WHERE account_id = ? AND shipment_id = ?")) {
            Jdbc.bind(ps, accountId, shipmentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** True while the unit is not CONFIRMED (pending, failed, rejected). */
    public boolean isUnconfirmed(String accountId, String shipmentId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT confirm_state FROM MB_CONFIRMATION WHERE account_id = ? AND shipment_id = ?")) {
            Jdbc.bind(ps, accountId, shipmentId);
            try (ResultSet rs = ps.executeQuery()) {
                String state = rs.next() ? rs.getString(1) : null;
                return state != null && !CONFIRMED.equals(state) && !NOT_REQUESTED.equals(state) && !WAITING.equals(state);
            }
        }
    }
}
