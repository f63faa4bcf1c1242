package io.marketbridge.claim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.db.Jdbc;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.order.OrderJson;
import io.marketbridge.order.OrderStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a claim event moves a delivered order's line: a row in MB_ORDER_CHANGE, never a rewrite of MB_ORDER_LINE.
 * An open or completed claim gives the line its status as the change type (CANCEL_REQUESTED, CANCELLED,
 * RETURN_REQUESTED, RETURNED, EXCHANGE_REQUESTED, EXCHANGED); a claim REJECTED or WITHDRAWN moves it back
 * (CLAIM_REJECTED, CLAIM_WITHDRAWN) with the status it returns to in the detail. The fingerprint is the claim,
 * the line and the change type, so REQUESTED then APPROVED (both CANCEL_REQUESTED) is one row.
 */
final class ClaimChanges {

    static final String CLAIM_REJECTED = "CLAIM_REJECTED";
    static final String CLAIM_WITHDRAWN = "CLAIM_WITHDRAWN";

    /** Line statuses a claim gives: not a status a line goes back to. */
    private static final Set<OrderStatus> CLAIMED = EnumSet.of(OrderStatus.CANCEL_REQUESTED, OrderStatus.CANCELLED,
            OrderStatus.RETURN_REQUESTED, OrderStatus.RETURNED, OrderStatus.EXCHANGE_REQUESTED, OrderStatus.EXCHANGED);

    private final OrderChanges orderChanges;

    ClaimChanges(OrderChanges orderChanges) {
        this.orderChanges = orderChanges;
    }

    static String changeType(ClaimEvent e) {
        OrderStatus status = e.type().lineStatus(e.status());
        if (status != null) {
            return status.name();
        }
        return e.status() == ClaimStatus.REJECTED ? CLAIM_REJECTED : CLAIM_WITHDRAWN;
    }

    static String fingerprint(ClaimEvent e) {
        return ClaimIntake.sha256(String.join("\u001f", e.claimId(), e.lineId(), changeType(e)));
    }

    /** Records the event's change row in the caller's transaction (after the event's own row is inserted). */
    void record(Connection c, ClaimEvent e, Instant now) throws SQLException {
        OrderStatus lineStatus = e.type().lineStatus(e.status());
        if (lineStatus == null) {
            lineStatus = statusWithoutThisClaim(c, e);
        }
        ObjectNode detail = OrderJson.mapper().createObjectNode();
        detail.put("lineId", e.lineId());
        detail.put("lineStatus", lineStatus.name());
        detail.put("claimId", e.claimId());
        detail.put("claimType", e.type().name());
        detail.put("claimStatus", e.status().name());
        detail.put("quantity", e.quantity());
        String text;
        try {
            text = OrderJson.mapper().writeValueAsString(detail);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException(x);
        }
        orderChanges.insertChange(c, e.marketplace(), e.accountId(), e.orderId(), changeType(e), fingerprint(e), text, now);
    }

    /** The change file of the event's change row, when there is one (a change recorded, JSON on). */
    void writeFile(Connection c, ClaimEvent e) throws SQLException {
        String type = changeType(e);
        String fingerprint = fingerprint(e);
        String detail = orderChanges.changeDetail(c, e.marketplace(), e.accountId(), e.orderId(), type, fingerprint);
        if (detail != null) {
            orderChanges.writeChangeFile(e.marketplace(), e.accountId(), e.orderId(), type, fingerprint, detail);
        }
    }

    /**
     * The status a line goes back to when a claim ends without effect: another claim's, if one still holds the
     * line; SHIPPED when a tracking number was sent for it; the status it was delivered with, unless that was
     * a claim's; CONFIRMED when its shipping unit was acknowledged; PAID otherwise.
     */
    private static OrderStatus statusWithoutThisClaim(Connection c, ClaimEvent e) throws SQLException {
        OrderStatus other = ClaimLines.statuses(c, e.marketplace(), e.accountId(), e.orderId()).get(e.lineId());
        if (other != null) {
            return other;
        }
        if (exists(c, "SELECT 1 FROM MB_SHIPPED_LINE WHERE marketplace = ? AND account_id = ? AND order_id = ? AND line_id = ?",
                e.marketplace().code(), e.accountId(), e.orderId(), e.lineId())) {
            return OrderStatus.SHIPPED;
        }
        String unit = e.shipmentId();
        try (PreparedStatement ps = c.prepareStatement("SELECT status, shipment_id FROM MB_ORDER_LINE"
                + " WHERE marketplace = ? AND account_id = ? AND order_id = ? AND line_id = ?")) {
            Jdbc.bind(ps, e.marketplace().code(), e.accountId(), e.orderId(), e.lineId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    OrderStatus delivered = OrderStatus.valueOf(rs.getString(1));
                    if (!CLAIMED.contains(delivered)) {
                        return delivered;
                    }
                    unit = unit != null ? unit : rs.getString(2);
                }
            }
        }
        if (unit != null && exists(c, "SELECT 1 FROM MB_CONFIRMATION WHERE marketplace = ? AND account_id = ?"
                + " AND shipment_id = ? AND confirm_state = ?", e.marketplace().code(), e.accountId(), unit, Confirmations.CONFIRMED)) {
            return OrderStatus.CONFIRMED;
        }
        return OrderStatus.PAID;
    }

    private static boolean exists(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
