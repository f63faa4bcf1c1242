package io.marketbridge.cluster;

import io.marketbridge.db.Database;
import io.marketbridge.db.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.camel.ExchangeProperty;

/**
 * The rate limits of the marketplace call routes across the nodes of a cluster (routes/templates.camel.yaml,
 * marketplace-call). A node's own throttle lets at most {@code limit} calls per period through per key on that node;
 * in a cluster the key's budget is shared through MB_RATE_BUDGET: calls of one key are spaced period/limit apart
 * (and 5 % more) over all nodes, each taking the next free slot under the key's row lock (one short transaction)
 * and waiting for it by the route's delay. Evenly spaced calls never put more than {@code limit} calls in any sliding period.
 * Without a cluster every wait is 0 and the database is not touched. Nodes' clocks must agree (as Quartz's
 * clustering needs too): a node whose clock runs ahead may call that much early.
 */
public class RateBudget {

    /** Exchange properties the call route sets before it asks for its wait. */
    public static final String KEY = "mbLimitKey";
    public static final String LIMIT = "mbLimit";
    public static final String PERIOD = "mbLimitPeriodMs";
    public static final String ROUTE = "mbLimitRoute";

    private final DataSource dataSource;
    private final boolean enabled;
    private final Clock clock;

    public RateBudget(DataSource dataSource, boolean enabled, Clock clock) {
        this.dataSource = dataSource;
        this.enabled = enabled;
        this.clock = clock;
    }

    /** Milliseconds this call waits for its slot in the key's shared budget (0 outside a cluster). */
    public long waitMs(@ExchangeProperty(ROUTE) String route, @ExchangeProperty(KEY) String key,
                       @ExchangeProperty(LIMIT) Integer limit, @ExchangeProperty(PERIOD) Long periodMs) throws SQLException {
        if (!enabled || key == null || limit == null || limit <= 0 || periodMs == null) {
            return 0;
        }
        // measured after the transaction: the time spent waiting for the row's lock is part of the wait
        return Math.max(0, slotAt(route, key, limit, periodMs) - clock.millis());
    }

    /** Takes the key's next slot: the time (epoch ms) this call may go. */
    long slotAt(String route, String key, int limit, long periodMs) throws SQLException {
        // 5 % wider than period/limit: on a busy machine a call leaves a little after its slot, and an on-time call
        // after a late one must still not put limit + 1 calls into one period at the marketplace
        long spacing = (periodMs * 21 / 20 + limit - 1) / limit;
        String id = route + "/" + key;
        String limitKey = id.length() > 250 ? id.substring(0, 250) : id;
        return take(limitKey, spacing);
    }

    private long take(String id, long spacing) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return Jdbc.inTransaction(dataSource, c -> {
                    long now = clock.millis();
                    Long next = null;
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT next_at_ms FROM MB_RATE_BUDGET WHERE limit_key = ? FOR UPDATE")) {
                        ps.setString(1, id);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                next = rs.getLong(1);
                            }
                        }
                    }
                    long slot = next == null ? now : Math.max(now, next);
                    if (next == null) {
                        Jdbc.update(c, "INSERT INTO MB_RATE_BUDGET (limit_key, next_at_ms) VALUES (?, ?)", id, slot + spacing);
                    } else {
                        Jdbc.update(c, "UPDATE MB_RATE_BUDGET SET next_at_ms = ? WHERE limit_key = ?", slot + spacing, id);
                    }
                    return slot;
                });
            } catch (SQLException e) {
                // two nodes inserting a new key's row at once: the loser reads the winner's row
                if (attempt >= 3 || !Database.isDuplicateKey(e)) {
                    throw e;
                }
            }
        }
    }
}
