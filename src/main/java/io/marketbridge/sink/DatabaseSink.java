package io.marketbridge.sink;

import io.marketbridge.db.Jdbc;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderLine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;

/**
 * The database drop: MB_ORDER and MB_ORDER_LINE rows, written inside the caller's transaction so an order
 * and its lines commit together with the runtime's ledger. Keys are the natural keys, so a second insert of
 * the same order fails on the primary key instead of adding a row.
 */
public class DatabaseSink {

    private static final String INSERT_ORDER = "INSERT INTO MB_ORDER (marketplace, account_id, order_id, ordered_at, paid_at,"
            + " status, marketplace_status, buyer_name, buyer_phone, buyer_email, receiver_name, receiver_phone1,"
            + " receiver_phone2, receiver_postcode, receiver_address1, receiver_address2, delivery_message, customs_id,"
            + " currency, items_amount, discount_amount, shipping_fee, paid_amount, collected_at, raw_payload,"
            + " buyer_name_kana, receiver_name_kana)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private static final String INSERT_LINE = "INSERT INTO MB_ORDER_LINE (marketplace, account_id, order_id, line_id,"
            + " shipment_id, product_id, option_id, seller_sku, product_name, option_name, quantity, unit_price,"
            + " line_amount, discount_amount, status, marketplace_status, collected_at)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final boolean enabled;

    public DatabaseSink(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Inserts the orders and all their lines with two JDBC batches. */
    public void insertOrders(Connection c, Collection<Order> orders, Instant collectedAt) throws SQLException {
        if (!enabled || orders.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_ORDER)) {
            for (Order o : orders) {
                Jdbc.bind(ps, o.marketplace().code(), o.accountId(), o.orderId(),
                        iso(o.orderedAt()), iso(o.paidAt()), o.status().name(), o.marketplaceStatus(),
                        o.buyer().name(), o.buyer().phone(), o.buyer().email(),
                        o.receiver().name(), o.receiver().phone1(), o.receiver().phone2(), o.receiver().postcode(),
                        o.receiver().address1(), o.receiver().address2(), o.deliveryMessage(), o.customsId(),
                        o.currency(), o.itemsAmount(), o.discountAmount(), o.shippingFee(), o.paidAmount(),
                        collectedAt, o.rawPayload(), o.buyer().nameKana(), o.receiver().nameKana());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_LINE)) {
            for (Order o : orders) {
                for (OrderLine l : o.lines()) {
                    bindLine(ps, o, l, collectedAt);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    public void insertLines(Connection c, Order o, Collection<OrderLine> lines, Instant collectedAt) throws SQLException {
        if (!enabled || lines.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_LINE)) {
            for (OrderLine l : lines) {
                bindLine(ps, o, l, collectedAt);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bindLine(PreparedStatement ps, Order o, OrderLine l, Instant collectedAt) throws SQLException {
        Jdbc.bind(ps, o.marketplace().code(), o.accountId(), o.orderId(), l.lineId(), l.shipmentId(),
                l.productId(), l.optionId(), l.sellerSku(), l.productName(), l.optionName(), l.quantity(),
                l.unitPrice(), l.lineAmount(), l.discountAmount(), l.status().name(), l.marketplaceStatus(),
                collectedAt);
    }

    private static String iso(java.time.OffsetDateTime t) {
        return t == null ? null : t.toString();
    }
}
