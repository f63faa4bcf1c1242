package io.marketbridge.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.db.Database;
import io.marketbridge.db.Jdbc;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.order.OrderLimits;
import io.marketbridge.order.OrderLine;
import io.marketbridge.order.Receiver;
import io.marketbridge.sink.FileSink;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MB_ORDER_CHANGE: what changed after an order was delivered, as new rows (and change files), never as a
 * rewrite of the row the ERP already took. A fingerprint of the new values keeps a change that is detected
 * again (every re-read) to one row.
 */
public class OrderChanges {

    private static final Logger LOG = LoggerFactory.getLogger(OrderChanges.class);

    public static final String ADDRESS_CHANGED = "ADDRESS_CHANGED";
    public static final String LINES_ADDED = "LINES_ADDED";
    /** Lines the marketplace accepted a tracking number for: the order moves to SHIPPED without a rewrite. */
    public static final String SHIPPED = "SHIPPED";

    private static final String INSERT = "INSERT INTO MB_ORDER_CHANGE (marketplace, account_id, order_id, change_type,"
            + " fingerprint, receiver_name, receiver_phone1, receiver_phone2, receiver_postcode, receiver_address1,"
            + " receiver_address2, delivery_message, detail, detected_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final DataSource dataSource;
    private final FileSink fileSink;
    private final Clock clock;

    public OrderChanges(DataSource dataSource, FileSink fileSink, Clock clock) {
        this.dataSource = dataSource;
        this.fileSink = fileSink;
        this.clock = clock;
    }

    /** Records, in the caller's transaction, lines added to a delivered order; returns the change's fingerprint. */
    String insertLinesAdded(Connection c, Order order, List<OrderLine> added, Instant now) throws SQLException {
        String detail = linesDetail(added);
        String fingerprint = sha256(detail);
        Jdbc.update(c, INSERT, order.marketplace().code(), order.accountId(), order.orderId(), LINES_ADDED, fingerprint,
                null, null, null, null, null, null, null, detail, now);
        return fingerprint;
    }

    /** The change file of {@link #insertLinesAdded}, written once its transaction committed. */
    void writeLinesAddedFile(Order order, List<OrderLine> added, String fingerprint) {
        writeFile(order.marketplace().code(), order.accountId(), order.orderId(), LINES_ADDED, fingerprint, linesDetail(added));
    }

    private static String linesDetail(List<OrderLine> added) {
        return json(OrderJson.mapper().createObjectNode().set("lines", OrderJson.mapper().valueToTree(added)));
    }

    /**
     * Compares a re-read receiver with the one delivered; a difference becomes an ADDRESS_CHANGED row.
     * Returns true when a new change was recorded.
     */
    public boolean recordReceiver(Marketplace marketplace, String accountId, String orderId, Receiver receiver,
                                  String deliveryMessage) throws SQLException {
        Delivered delivered = delivered(marketplace, accountId, orderId);
        if (delivered == null || (Objects.equals(delivered.receiver(), receiver)
                && Objects.equals(delivered.deliveryMessage(), deliveryMessage))) {
            return false;
        }
        List<String> problems = OrderLimits.problems(receiver, deliveryMessage);
        if (!problems.isEmpty()) {
            // it cannot be written as a row of the contract; the delivered receiver stands
            LOG.warn("{}/{}/{}: a changed receiver was read but breaks the ERP contract's limits ({}); not recorded",
                    marketplace.code(), accountId, orderId, String.join("; ", problems));
            return false;
        }
        ObjectNode node = OrderJson.mapper().createObjectNode();
        node.set("receiver", OrderJson.mapper().valueToTree(receiver));
        node.put("deliveryMessage", deliveryMessage);
        String detail = json(node);
        String fingerprint = sha256(detail);
        try {
            Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, INSERT, marketplace.code(), accountId, orderId,
                    ADDRESS_CHANGED, fingerprint, receiver.name(), receiver.phone1(), receiver.phone2(),
                    receiver.postcode(), receiver.address1(), receiver.address2(), deliveryMessage, detail,
                    clock.instant()));
        } catch (SQLException e) {
            if (Database.isDuplicateKey(e)) {
                return false; // the same change, seen again
            }
            throw e;
        }
        writeFile(marketplace.code(), accountId, orderId, ADDRESS_CHANGED, fingerprint, detail);
        return true;
    }

    /**
     * Records, in the caller's transaction, that lines of a delivered order were shipped with a tracking
     * number (a SHIPPED row whose detail names the lines, the courier and the number). The change file is
     * written by {@link #writeShippedFile} once that transaction committed. Returns the fingerprint, or null
     * when this very change was recorded before.
     */
    public String insertShipped(Connection c, Marketplace marketplace, String accountId, String orderId,
                                List<String> lineIds, String courier, String trackingNo, Instant now) throws SQLException {
        String detail = shippedDetail(lineIds, courier, trackingNo);
        String fingerprint = sha256(detail);
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM MB_ORDER_CHANGE WHERE marketplace = ?"
                + " AND account_id = ? AND order_id = ? AND change_type = ? AND fingerprint = ?")) {
            Jdbc.bind(exists, marketplace.code(), accountId, orderId, SHIPPED, fingerprint);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return null;
                }
            }
        }
        Jdbc.update(c, INSERT, marketplace.code(), accountId, orderId, SHIPPED, fingerprint,
                null, null, null, null, null, null, null, detail, now);
        return fingerprint;
    }

    public void writeShippedFile(Marketplace marketplace, String accountId, String orderId, List<String> lineIds,
                                 String courier, String trackingNo) {
        String detail = shippedDetail(lineIds, courier, trackingNo);
        writeFile(marketplace.code(), accountId, orderId, SHIPPED, sha256(detail), detail);
    }

    private static String shippedDetail(List<String> lineIds, String courier, String trackingNo) {
        ObjectNode node = OrderJson.mapper().createObjectNode();
        node.set("lineIds", OrderJson.mapper().valueToTree(lineIds.stream().sorted().toList()));
        node.put("courier", courier);
        node.put("trackingNo", trackingNo);
        return json(node);
    }

    /**
     * Records, in the caller's transaction, a change row of the given type unless one with that type and
     * fingerprint is there already (a change seen again). Returns true when the row was inserted; the change
     * file follows with {@link #writeChangeFile} once the transaction committed.
     */
    public boolean insertChange(Connection c, Marketplace marketplace, String accountId, String orderId, String type,
                                String fingerprint, String detail, Instant now) throws SQLException {
        if (changeDetail(c, marketplace, accountId, orderId, type, fingerprint) != null) {
            return false;
        }
        Jdbc.update(c, INSERT, marketplace.code(), accountId, orderId, type, fingerprint,
                null, null, null, null, null, null, null, detail, now);
        return true;
    }

    /** The detail of a recorded change, or null when there is no such change row. */
    public String changeDetail(Connection c, Marketplace marketplace, String accountId, String orderId, String type,
                               String fingerprint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT detail FROM MB_ORDER_CHANGE WHERE marketplace = ?"
                + " AND account_id = ? AND order_id = ? AND change_type = ? AND fingerprint = ?")) {
            Jdbc.bind(ps, marketplace.code(), accountId, orderId, type, fingerprint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The change file of a recorded change (JSON on), unless it is already there. */
    public void writeChangeFile(Marketplace marketplace, String accountId, String orderId, String type,
                                String fingerprint, String detail) {
        writeFile(marketplace.code(), accountId, orderId, type, fingerprint, detail);
    }

    private void writeFile(String marketplace, String accountId, String orderId, String type, String fingerprint,
                           String detail) {
        if (fileSink.settings().json()) {
            ObjectNode node = OrderJson.mapper().createObjectNode();
            node.put("schemaVersion", OrderJson.SCHEMA_VERSION);
            node.put("marketplace", marketplace);
            node.put("accountId", accountId);
            node.put("orderId", orderId);
            node.put("changeType", type);
            node.set("change", readTree(detail));
            fileSink.writeChangeJson(marketplace, accountId, orderId, type, fingerprint,
                    json(node).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The receiver as delivered: from the ledger's order JSON, or from MB_ORDER when the ledger keeps none. */
    record Delivered(Receiver receiver, String deliveryMessage) {
    }

    private Delivered delivered(Marketplace marketplace, String accountId, String orderId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT order_json FROM MB_DELIVERY"
                    + " WHERE marketplace = ? AND account_id = ? AND order_id = ?")) {
                Jdbc.bind(ps, marketplace.code(), accountId, orderId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    String json = rs.getString(1);
                    if (json != null && !json.isEmpty()) {
                        Order order = OrderJson.fromJson(json);
                        return new Delivered(order.receiver(), order.deliveryMessage());
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT receiver_name, receiver_phone1, receiver_phone2,"
                    + " receiver_postcode, receiver_address1, receiver_address2, delivery_message, receiver_name_kana FROM MB_ORDER"
                    + " WHERE marketplace = ? AND account_id = ? AND order_id = ?")) {
                Jdbc.bind(ps, marketplace.code(), accountId, orderId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Delivered(new Receiver(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(8)), rs.getString(7)) : null;
                }
            }
        }
    }

    private static String json(Object node) {
        try {
            return OrderJson.mapper().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return OrderJson.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
