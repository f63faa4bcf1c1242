package io.marketbridge.shipment;

import static io.marketbridge.dispatch.DueRows.trim;

import io.marketbridge.claim.ClaimLines;
import io.marketbridge.db.Jdbc;
import io.marketbridge.dispatch.DueRows;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.order.OrderLine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * MB_SHIPMENT and MB_SHIPPED_LINE: claiming rows (safe with several nodes on one database), the lookups the
 * checks need, and recording outcomes.
 */
public class ShipmentStore {

    /** A line as the runtime delivered it. */
    public record DeliveredLine(String lineId, String shipmentId, String productId, String optionId, String status, int quantity) {
    }

    /** The tracking number a line was last sent with. */
    public record ShippedLine(String courierCode, String trackingNo) {
    }

    private static final String COLUMNS = "id, marketplace, account_id, order_id, line_id, courier, tracking_no,"
            + " shipped_at, status, attempts";

    private final DataSource dataSource;
    private final OrderChanges orderChanges;
    private final DueRows<ShipmentRow> rows;

    public ShipmentStore(DataSource dataSource, OrderChanges orderChanges, ShipmentSettings settings) {
        this.dataSource = dataSource;
        this.orderChanges = orderChanges;
        // shipped_at and created_at the ERP left empty become the claim's time
        this.rows = new DueRows<>(dataSource, "MB_SHIPMENT", COLUMNS, List.of("shipped_at", "created_at"),
                ShipmentStore::row, settings.rows());
    }

    /** At start: this node's rows left SENDING by a stop (kill -9, power loss) become due at once. */
    public int reclaimOwn() throws SQLException {
        return rows.reclaimOwn();
    }

    /**
     * Claims up to {@code limit} due rows for this node ({@link DueRows#claim}): they become SENDING, with
     * shipped_at / created_at filled when the ERP left them empty.
     */
    public List<ShipmentRow> claim(int limit, Instant now) throws SQLException {
        return rows.claim(limit, now);
    }

    private static ShipmentRow row(ResultSet rs, Instant now) throws SQLException {
        Timestamp shipped = rs.getTimestamp("shipped_at");
        return new ShipmentRow(rs.getLong("id"), trim(rs.getString("marketplace")), trim(rs.getString("account_id")),
                trim(rs.getString("order_id")), trim(rs.getString("line_id")), trim(rs.getString("courier")),
                trim(rs.getString("tracking_no")),
                shipped == null ? now : shipped.toLocalDateTime().toInstant(ZoneOffset.UTC),
                rs.getString("status"), rs.getInt("attempts"));
    }

    /** Ends a row: SENT or REJECTED for good, FAILED with its next try (null: attempts used up). */
    public void finish(long id, String status, String code, String message, boolean countAttempt, Instant nextAttempt,
                       String courierCode, String units, Instant now) throws SQLException {
        rows.finish(id, status, code, message, countAttempt, nextAttempt, now, new DueRows.IfGiven("courier_code", courierCode),
                new DueRows.IfGiven("shipment_units", DueRows.cut(units, 500)));
    }

    /** Puts a claimed row back untouched (it waits for a unit of this round to settle first). */
    public void release(long id, Instant now) throws SQLException {
        rows.release(id, now);
    }

    /** The lines of an order the runtime delivered, in line order; empty when it never delivered the order. */
    public List<DeliveredLine> deliveredLines(Marketplace marketplace, String accountId, String orderId) throws SQLException {
        List<DeliveredLine> lines = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT line_id, shipment_id, product_id, option_id, status, quantity"
                    + " FROM MB_ORDER_LINE WHERE marketplace = ? AND account_id = ? AND order_id = ? ORDER BY line_id")) {
                Jdbc.bind(ps, marketplace.code(), accountId, orderId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(new DeliveredLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getInt(6)));
                    }
                }
            }
            if (!lines.isEmpty()) {
                return lines;
            }
            // with the database sink off, the ledger's copy of the order is the record of what was delivered
            try (PreparedStatement ps = c.prepareStatement("SELECT order_json FROM MB_DELIVERY"
                    + " WHERE marketplace = ? AND account_id = ? AND order_id = ?")) {
                Jdbc.bind(ps, marketplace.code(), accountId, orderId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getString(1) != null && !rs.getString(1).isEmpty()) {
                        Order order = OrderJson.fromJson(rs.getString(1));
                        for (OrderLine l : order.lines()) {
                            lines.add(new DeliveredLine(l.lineId(), l.shipmentId(), l.productId(), l.optionId(),
                                    l.status() == null ? null : l.status().name(), l.quantity()));
                        }
                    }
                }
            }
        }
        return lines;
    }

    /** What MB_CLAIM's cancel claims say about a line (an open or completed cancel, none, or all undone). */
    public ClaimLines.Cancel cancelClaim(Marketplace marketplace, String accountId, String orderId, String lineId)
            throws SQLException {
        return ClaimLines.cancelState(dataSource, marketplace, accountId, orderId, lineId);
    }

    /** True when a claim event of the order was collected at or after {@code since}. */
    public boolean claimActivitySince(String accountId, String orderId, Instant since) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM MB_CLAIM WHERE account_id = ? AND order_id = ?"
                     + " AND collected_at >= ?")) {
            ps.setMaxRows(1);
            Jdbc.bind(ps, accountId, orderId, since);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** How many pieces of the line completed cancels took (each claim counted once). */
    public int cancelledQuantity(Marketplace marketplace, String accountId, String orderId, String lineId) throws SQLException {
        return ClaimLines.cancelledQuantity(dataSource, marketplace, accountId, orderId, lineId);
    }

    /** line_id -> the number it was sent with, for the lines of one order. */
    public Map<String, ShippedLine> shippedLines(Marketplace marketplace, String accountId, String orderId) throws SQLException {
        Map<String, ShippedLine> shipped = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT line_id, courier_code, tracking_no FROM MB_SHIPPED_LINE"
                     + " WHERE marketplace = ? AND account_id = ? AND order_id = ?")) {
            Jdbc.bind(ps, marketplace.code(), accountId, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    shipped.put(rs.getString(1), new ShippedLine(rs.getString(2), rs.getString(3)));
                }
            }
        }
        return shipped;
    }

    /** MB_CONFIRMATION's state of a shipping unit, null when there is none. */
    public String confirmState(Marketplace marketplace, String accountId, String shipmentId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT confirm_state FROM MB_CONFIRMATION"
                     + " WHERE marketplace = ? AND account_id = ? AND shipment_id = ?")) {
            Jdbc.bind(ps, marketplace.code(), accountId, shipmentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * A unit the marketplace accepted: its lines' numbers and the order's SHIPPED change row, in one transaction
     * (then the change file). Recorded before the rows it answers are marked SENT, so a stop in between
     * leaves rows that a later round finds already sent, never a line sent twice.
     */
    public void recordSent(ShipUnit unit, long rowId, Instant now) throws SQLException {
        String courier = unit.getCourier().code();
        String fingerprint = Jdbc.inTransaction(dataSource, c -> {
            for (ShipUnit.Line line : unit.getLines()) {
                int updated = Jdbc.update(c, "UPDATE MB_SHIPPED_LINE SET shipment_id = ?, courier_code = ?, tracking_no = ?,"
                                + " shipment_row = ?, sent_at = ? WHERE marketplace = ? AND account_id = ? AND order_id = ? AND line_id = ?",
                        unit.getShipmentId(), courier, unit.getTrackingNo(), rowId, now, unit.getMarketplace().code(),
                        unit.getAccount().id(), unit.getOrderId(), line.lineId());
                if (updated == 0) {
                    Jdbc.update(c, "INSERT INTO MB_SHIPPED_LINE (marketplace, account_id, order_id, line_id, shipment_id,"
                                    + " courier_code, tracking_no, shipment_row, sent_at) VALUES (?,?,?,?,?,?,?,?,?)",
                            unit.getMarketplace().code(), unit.getAccount().id(), unit.getOrderId(), line.lineId(),
                            unit.getShipmentId(), courier, unit.getTrackingNo(), rowId, now);
                }
            }
            return orderChanges.insertShipped(c, unit.getMarketplace(), unit.getAccount().id(), unit.getOrderId(),
                    unit.lineIds(), courier, unit.getTrackingNo(), now);
        });
        if (fingerprint != null) {
            orderChanges.writeShippedFile(unit.getMarketplace(), unit.getAccount().id(), unit.getOrderId(), unit.lineIds(),
                    courier, unit.getTrackingNo());
        }
    }

    /**
     * account -> status -> rows neither SENT nor SETTLED, for metrics and health: READY, SENDING, RETRYING (FAILED,
     * to be tried again), FAILED (attempts used up) and REJECTED; the last two wait for a person.
     */
    public Map<String, Map<String, Long>> openCounts() throws SQLException {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COALESCE(account_id, '?'), CASE WHEN status = 'FAILED'"
                     + " AND next_attempt_at IS NOT NULL THEN 'RETRYING' ELSE status END, COUNT(*) FROM MB_SHIPMENT"
                     + " WHERE status IN ('READY', 'SENDING', 'FAILED', 'REJECTED')"
                     + " GROUP BY account_id, CASE WHEN status = 'FAILED' AND next_attempt_at IS NOT NULL THEN 'RETRYING' ELSE status END")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).merge(rs.getString(2), rs.getLong(3), Long::sum);
                }
            }
        }
        return counts;
    }
}
