package io.marketbridge.claim;

import io.marketbridge.db.Jdbc;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What MB_CLAIM says about order lines: the status the claims give a line, read by the order intake (an order
 * that arrives after its claim is delivered with the claimed lines marked) and by the shipment dispatch (a
 * line with an open or completed cancel is never shipped).
 *
 * <p>Per claim and line, COMPLETED wins (the claim took effect, whatever came after); otherwise REJECTED or
 * WITHDRAWN undo it; otherwise REQUESTED or APPROVED keep it open. Per line, over several claims, a completed
 * claim wins over an open one, and among equals the one recorded last.
 */
public final class ClaimLines {

    private ClaimLines() {
    }

    /** One claim's state on one line, folded from its events. */
    private static final class Fold {
        ClaimType type;
        boolean completed;
        boolean undone;
        long lastId;

        OrderStatus status() {
            return completed ? type.lineStatus(ClaimStatus.COMPLETED) : undone ? null : type.lineStatus(ClaimStatus.REQUESTED);
        }
    }

    /** lineId -> the status the claims give it, for the lines of one order that have one. */
    public static Map<String, OrderStatus> statuses(Connection c, Marketplace marketplace, String accountId, String orderId)
            throws SQLException {
        return statuses(c, accountId, List.of(orderId)).getOrDefault(marketplace.code() + "/" + orderId, Map.of());
    }

    /**
     * "MARKETPLACE/orderId" -> lineId -> the status the claims give the line, for orders of one account (lines
     * without an effective claim are left out).
     */
    public static Map<String, Map<String, OrderStatus>> statuses(Connection c, String accountId, Collection<String> orderIds)
            throws SQLException {
        Map<String, Map<String, OrderStatus>> result = new HashMap<>();
        if (orderIds.isEmpty()) {
            return result;
        }
        List<String> ids = new ArrayList<>(orderIds);
        StringBuilder sql = new StringBuilder("SELECT id, marketplace, order_id, line_id, claim_id, claim_type, claim_status"
                + " FROM MB_CLAIM WHERE account_id = ? AND order_id IN (");
        for (int i = 0; i < ids.size(); i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        sql.append(')');
        // order key -> line -> claim -> fold
        Map<String, Map<String, Map<String, Fold>>> folds = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setString(1, accountId);
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 2, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Fold f = folds.computeIfAbsent(rs.getString(2) + "/" + rs.getString(3), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString(4), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString(5), k -> new Fold());
                    f.type = ClaimType.valueOf(rs.getString(6));
                    ClaimStatus status = ClaimStatus.valueOf(rs.getString(7));
                    f.completed |= status == ClaimStatus.COMPLETED;
                    f.undone |= status.undoes();
                    f.lastId = Math.max(f.lastId, rs.getLong(1));
                }
            }
        }
        folds.forEach((order, lines) -> lines.forEach((line, claims) -> {
            Fold best = null;
            for (Fold f : claims.values()) {
                if (f.status() != null && (best == null || (f.completed && !best.completed)
                        || (f.completed == best.completed && f.lastId > best.lastId))) {
                    best = f;
                }
            }
            if (best != null) {
                result.computeIfAbsent(order, k -> new HashMap<>()).put(line, best.status());
            }
        }));
        return result;
    }

    /** What the cancel claims of a line say. */
    public enum Cancel {
        /** No cancel claim names the line. */
        NONE,
        /** A cancel is REQUESTED or APPROVED and not later WITHDRAWN or REJECTED. */
        OPEN,
        /** A cancel is COMPLETED. */
        COMPLETED,
        /** Every cancel of the line was WITHDRAWN or REJECTED: it is shippable again. */
        UNDONE
    }

    /** The line's cancel claims, folded: COMPLETED over OPEN over UNDONE (see {@link Cancel}). */
    public static Cancel cancelState(DataSource dataSource, Marketplace marketplace, String accountId, String orderId,
                                     String lineId) throws SQLException {
        Map<String, Fold> claims = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, claim_id, claim_status FROM MB_CLAIM WHERE account_id = ?"
                     + " AND order_id = ? AND line_id = ? AND marketplace = ? AND claim_type = ?")) {
            Jdbc.bind(ps, accountId, orderId, lineId, marketplace.code(), ClaimType.CANCEL.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Fold f = claims.computeIfAbsent(rs.getString(2), k -> new Fold());
                    f.type = ClaimType.CANCEL;
                    ClaimStatus status = ClaimStatus.valueOf(rs.getString(3));
                    f.completed |= status == ClaimStatus.COMPLETED;
                    f.undone |= status.undoes();
                }
            }
        }
        if (claims.isEmpty()) {
            return Cancel.NONE;
        }
        if (claims.values().stream().anyMatch(f -> f.completed)) {
            return Cancel.COMPLETED;
        }
        return claims.values().stream().anyMatch(f -> f.status() != null) ? Cancel.OPEN : Cancel.UNDONE;
    }

    /**
     * How many of the line's pieces its completed cancels took: per claim the quantity of its COMPLETED event,
     * summed over the claims (a marketplace that cancels a line in two steps has two claims).
     */
    public static int cancelledQuantity(DataSource dataSource, Marketplace marketplace, String accountId, String orderId,
                                        String lineId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(quantity), 0) FROM MB_CLAIM WHERE account_id = ?"
                     + " AND order_id = ? AND line_id = ? AND marketplace = ? AND claim_type = ? AND claim_status = ?")) {
            Jdbc.bind(ps, accountId, orderId, lineId, marketplace.code(), ClaimType.CANCEL.name(), ClaimStatus.COMPLETED.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    /**
     * Whether the line has an open cancel (REQUESTED or APPROVED, not later WITHDRAWN or REJECTED:
     * CANCEL_REQUESTED) or a completed one (CANCELLED); empty when it has neither. Claims of other types
     * (returns, exchanges) are not looked at.
     */
    public static Optional<OrderStatus> cancel(DataSource dataSource, Marketplace marketplace, String accountId,
                                               String orderId, String lineId) throws SQLException {
        return switch (cancelState(dataSource, marketplace, accountId, orderId, lineId)) {
            case OPEN -> Optional.of(OrderStatus.CANCEL_REQUESTED);
            case COMPLETED -> Optional.of(OrderStatus.CANCELLED);
            case NONE, UNDONE -> Optional.empty();
        };
    }
}
