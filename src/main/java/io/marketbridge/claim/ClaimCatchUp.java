package io.marketbridge.claim;

import io.marketbridge.db.Database;
import io.marketbridge.db.Jdbc;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderLine;
import io.marketbridge.order.OrderStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Closes the one gap between the order intake and the claim intake, which run as separate jobs of an account and
 * may commit at the same moment: the order intake reads the claims before its transaction (to deliver claimed
 * lines marked), and the claim intake writes change rows only for an order it sees delivered. A claim committed
 * between those two reads would reach neither the order's lines nor a change row. So each side looks again once
 * it has committed: the order intake for the orders it just delivered, the claim intake for the orders it found
 * undelivered. Whichever looks after both commits sees both, and any line whose delivered status is not what its
 * claims say gets the change rows of its claim events (idempotent: a change row is keyed by its fingerprint, so
 * both sides finding the same gap write it once).
 */
public class ClaimCatchUp {

    private final DataSource dataSource;
    private final OrderChanges orderChanges;
    private final ClaimChanges changes;
    private final Clock clock;

    public ClaimCatchUp(DataSource dataSource, OrderChanges orderChanges, Clock clock) {
        this.dataSource = dataSource;
        this.orderChanges = orderChanges;
        this.changes = new ClaimChanges(orderChanges);
        this.clock = clock;
    }

    /**
     * After the order intake committed these orders (as delivered, claimed lines already marked): the claims that
     * arrived in between get their change rows. Costs one query per call when no claim names the orders.
     */
    public void afterDelivery(String accountId, List<Order> delivered) throws SQLException {
        if (delivered.isEmpty()) {
            return;
        }
        Map<String, Map<String, OrderStatus>> claimed;
        try (Connection c = dataSource.getConnection()) {
            claimed = ClaimLines.statuses(c, accountId, delivered.stream().map(Order::orderId).distinct().toList());
        }
        if (claimed.isEmpty()) {
            return;
        }
        for (Order order : delivered) {
            Map<String, OrderStatus> lines = claimed.get(order.marketplace().code() + "/" + order.orderId());
            if (lines == null) {
                continue;
            }
            Map<String, OrderStatus> deliveredStatuses = new HashMap<>();
            for (OrderLine l : order.lines()) {
                deliveredStatuses.put(l.lineId(), l.status());
            }
            reconcile(order.marketplace(), accountId, order.orderId(), lines, deliveredStatuses);
        }
    }

    /** After the claim intake committed events of an order it found undelivered: if it is delivered now, reconcile. */
    void afterClaim(Marketplace marketplace, String accountId, String orderId) throws SQLException {
        Map<String, OrderStatus> deliveredStatuses;
        Map<String, OrderStatus> lines;
        try (Connection c = dataSource.getConnection()) {
            deliveredStatuses = ClaimLedger.deliveredStatuses(c, marketplace, accountId, orderId);
            if (deliveredStatuses == null) {
                return; // still not delivered: the order intake will mark its lines when it comes
            }
            lines = ClaimLines.statuses(c, marketplace, accountId, orderId);
        }
        reconcile(marketplace, accountId, orderId, lines, deliveredStatuses);
    }

    private void reconcile(Marketplace marketplace, String accountId, String orderId, Map<String, OrderStatus> claimed,
                           Map<String, OrderStatus> deliveredStatuses) throws SQLException {
        List<String> behind = new ArrayList<>();
        claimed.forEach((lineId, status) -> {
            if (deliveredStatuses.containsKey(lineId) && !Objects.equals(deliveredStatuses.get(lineId), status)) {
                behind.add(lineId);
            }
        });
        if (behind.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<ClaimEvent> written = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            try {
                written = Jdbc.inTransaction(dataSource, c -> {
                    List<ClaimEvent> events = new ArrayList<>();
                    for (String lineId : behind) {
                        for (ClaimLedger.Stored row : ClaimLedger.ofLine(c, marketplace, accountId, orderId, lineId)) {
                            changes.record(c, row.event(), now); // skips a change row already there
                            events.add(row.event());
                        }
                    }
                    return events;
                });
                break;
            } catch (SQLException e) {
                if (attempt >= 2 || !Database.isDuplicateKey(e)) {
                    throw e;
                }
                // the other side wrote (some of) them at the same moment: look again
            }
        }
        try (Connection c = dataSource.getConnection()) {
            for (ClaimEvent e : written) {
                changes.writeFile(c, e);
            }
        }
    }

    OrderChanges orderChanges() {
        return orderChanges;
    }
}
