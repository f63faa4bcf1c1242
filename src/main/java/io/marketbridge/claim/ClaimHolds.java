package io.marketbridge.claim;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;

/**
 * What the claims hold, counted for the operator (EasyAdmin's 자동 보류): per account and claim type the open
 * claims (a claim line with a REQUESTED or APPROVED event and no COMPLETED, REJECTED or WITHDRAWN one yet), and
 * the held lines, those with an open or completed cancel that were never shipped (a shipment for them is refused before any call). Refreshed by route
 * claim-counts; read by the gauges marketbridge_claims_open{account,type} and marketbridge_claims_held{account}
 * and by the "claims" health check.
 */
public class ClaimHolds {

    /** A claim line whose latest event is open: there is no terminal event for it. */
    private static final String OPEN_LINES = "SELECT o.account_id, o.claim_type, COUNT(DISTINCT o.claim_id) FROM MB_CLAIM o"
            + " WHERE o.claim_status IN ('REQUESTED', 'APPROVED') AND NOT EXISTS (SELECT 1 FROM MB_CLAIM t"
            + " WHERE t.marketplace = o.marketplace AND t.account_id = o.account_id AND t.claim_id = o.claim_id"
            + " AND t.line_id = o.line_id AND t.claim_status IN ('COMPLETED', 'REJECTED', 'WITHDRAWN'))"
            + " GROUP BY o.account_id, o.claim_type";

    /** Lines with an open or completed cancel (not undone since) and no shipment sent: a shipment for them is refused. */
    private static final String HELD_LINES = "SELECT x.account_id, COUNT(*) FROM (SELECT DISTINCT o.account_id, o.marketplace,"
            + " o.order_id, o.line_id FROM MB_CLAIM o"
            + " WHERE o.claim_type = 'CANCEL' AND o.claim_status IN ('REQUESTED', 'APPROVED', 'COMPLETED')"
            + " AND NOT EXISTS (SELECT 1 FROM MB_CLAIM t WHERE t.marketplace = o.marketplace AND t.account_id = o.account_id"
            + " AND t.claim_id = o.claim_id AND t.line_id = o.line_id AND t.claim_status IN ('REJECTED', 'WITHDRAWN'))"
            + " AND NOT EXISTS (SELECT 1 FROM MB_SHIPPED_LINE s WHERE s.marketplace = o.marketplace"
            + " AND s.account_id = o.account_id AND s.order_id = o.order_id AND s.line_id = o.line_id)) x"
            + " GROUP BY x.account_id";

    private final DataSource dataSource;
    /** account -> claim type -> open claims, as last counted (the gauges read these). */
    private final Map<String, Map<ClaimType, AtomicLong>> open = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> held = new ConcurrentHashMap<>();

    public ClaimHolds(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Route step (claim-counts): counts again and registers a gauge for each account seen. */
    public void refresh(CamelContext camel) throws SQLException {
        Map<String, Map<ClaimType, Long>> openNow = new TreeMap<>();
        Map<String, Long> heldNow = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(OPEN_LINES); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    openNow.computeIfAbsent(rs.getString(1), a -> new LinkedHashMap<>())
                            .put(ClaimType.valueOf(rs.getString(2)), rs.getLong(3));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(HELD_LINES); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    heldNow.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        MeterRegistry meters = camel == null ? null : camel.getRegistry().findSingleByType(MeterRegistry.class);
        for (String account : openNow.keySet()) {
            gauges(meters, account);
        }
        for (String account : heldNow.keySet()) {
            gauges(meters, account);
        }
        open.forEach((account, byType) -> byType.forEach((type, value) ->
                value.set(openNow.getOrDefault(account, Map.of()).getOrDefault(type, 0L))));
        held.forEach((account, value) -> value.set(heldNow.getOrDefault(account, 0L)));
    }

    private void gauges(MeterRegistry meters, String account) {
        Map<ClaimType, AtomicLong> byType = open.computeIfAbsent(account, a -> new ConcurrentHashMap<>());
        for (ClaimType type : ClaimType.values()) {
            byType.computeIfAbsent(type, t -> {
                AtomicLong value = new AtomicLong();
                if (meters != null) {
                    Gauge.builder("marketbridge.claims.open", value, AtomicLong::get).tag("account", account)
                            .tag("type", t.name()).register(meters);
                }
                return value;
            });
        }
        held.computeIfAbsent(account, a -> {
            AtomicLong value = new AtomicLong();
            if (meters != null) {
                Gauge.builder("marketbridge.claims.held", value, AtomicLong::get).tag("account", account).register(meters);
            }
            return value;
        });
    }

    /** account -> claim type -> open claims, as last counted. */
    public Map<String, Map<ClaimType, Long>> openCounts() {
        Map<String, Map<ClaimType, Long>> copy = new TreeMap<>();
        open.forEach((account, byType) -> {
            Map<ClaimType, Long> m = new LinkedHashMap<>();
            byType.forEach((t, v) -> m.put(t, v.get()));
            copy.put(account, m);
        });
        return copy;
    }

    /** account -> lines with a cancel that were never shipped (shipments for them are refused), as last counted. */
    public Map<String, Long> heldCounts() {
        Map<String, Long> copy = new TreeMap<>();
        held.forEach((account, v) -> copy.put(account, v.get()));
        return copy;
    }
}
