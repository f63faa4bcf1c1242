package io.marketbridge.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;

/**
 * Quartz's PostgreSQL delegate with the three queries that pick due and misfired triggers rewritten for a store of
 * thousands of triggers that fall due together. Quartz binds fire times as NUMERIC, so PostgreSQL compares
 * {@code NEXT_FIRE_TIME::numeric} row by row instead of using the index range; it sorts every due trigger to hand
 * back the first few; and its misfire query has no limit at all, so each round of 20 misfires read every misfired
 * trigger over the wire (10,000 after a stall). All of it happens under the job store's one row lock, which every
 * node waits for. Here the times are BIGINT and the queries say LIMIT; the rows and their order are Quartz's.
 */
public class PostgreSqlJobStoreDelegate extends PostgreSQLDelegate {

    static final String SELECT_NEXT_TRIGGERS_TO_ACQUIRE = "SELECT TRIGGER_NAME, TRIGGER_GROUP, NEXT_FIRE_TIME, PRIORITY"
            + " FROM {0}TRIGGERS WHERE SCHED_NAME = {1} AND TRIGGER_STATE = ? AND NEXT_FIRE_TIME <= ?"
            + " AND (MISFIRE_INSTR = -1 OR (MISFIRE_INSTR <> -1 AND NEXT_FIRE_TIME >= ?))"
            + " ORDER BY NEXT_FIRE_TIME ASC, PRIORITY DESC LIMIT ?";
    static final String SELECT_MISFIRED_IN_STATE = "SELECT TRIGGER_NAME, TRIGGER_GROUP FROM {0}TRIGGERS"
            + " WHERE SCHED_NAME = {1} AND NOT (MISFIRE_INSTR = -1) AND NEXT_FIRE_TIME < ? AND TRIGGER_STATE = ?"
            + " ORDER BY NEXT_FIRE_TIME ASC, PRIORITY DESC";
    static final String COUNT_MISFIRED_IN_STATE = "SELECT COUNT(TRIGGER_NAME) FROM {0}TRIGGERS"
            + " WHERE SCHED_NAME = {1} AND NOT (MISFIRE_INSTR = -1) AND NEXT_FIRE_TIME < ? AND TRIGGER_STATE = ?";

    @Override
    public List<TriggerKey> selectTriggerToAcquire(Connection conn, long noLaterThan, long noEarlierThan, int maxCount)
            throws SQLException {
        int limit = Math.max(1, maxCount); // Quartz asks for at least one
        List<TriggerKey> keys = new ArrayList<>(limit);
        try (PreparedStatement ps = conn.prepareStatement(rtp(SELECT_NEXT_TRIGGERS_TO_ACQUIRE))) {
            ps.setString(1, STATE_WAITING);
            ps.setLong(2, noLaterThan);
            ps.setLong(3, noEarlierThan);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(TriggerKey.triggerKey(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return keys;
    }

    /** Up to {@code count} misfired triggers (all when count is negative); true when there are more. */
    @Override
    public boolean hasMisfiredTriggersInState(Connection conn, String state, long ts, int count, List<TriggerKey> resultList)
            throws SQLException {
        String sql = rtp(SELECT_MISFIRED_IN_STATE) + (count >= 0 ? " LIMIT " + (count + 1) : "");
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.setLong(1, ts);
            ps.setString(2, state);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (resultList.size() == count) {
                        return true;
                    }
                    resultList.add(TriggerKey.triggerKey(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return false;
    }

    @Override
    public int countMisfiredTriggersInState(Connection conn, String state, long ts) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(rtp(COUNT_MISFIRED_IN_STATE))) {
            ps.setLong(1, ts);
            ps.setString(2, state);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }
}
