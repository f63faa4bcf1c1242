package io.marketbridge.intake;

import io.marketbridge.db.Database;
import io.marketbridge.db.Jdbc;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.order.OrderLine;
import io.marketbridge.sink.DatabaseSink;
import io.marketbridge.sink.FileSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.apache.camel.Exchange;

/**
 * The shared intake (direct:order-intake): dedupe, then every enabled sink, then the ledger, so that an
 * order is written exactly once however often it is fetched, retried or replayed after a crash.
 *
 * <p>Per order: the JSON file is written first (skipped when present), then one transaction inserts the
 * staging rows (MB_ORDER, MB_ORDER_LINE), the ledger row (MB_DELIVERY) and one MB_CONFIRMATION row per
 * shipping unit. The ledger row is the dedupe key: an order with a ledger row was delivered to every sink
 * and is never written again, even if the ERP has since moved its file away. The batch CSV is written
 * after the orders, from the ledger, under a batch id assigned in the database first.
 */
public class OrderIntake {

    static final String PENDING_CSV = "PENDING_CSV";
    static final String DELIVERED = "DELIVERED";
    private static final DateTimeFormatter BATCH_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    public enum Outcome { NEW, DUPLICATE, LINES_ADDED }

    private final DataSource dataSource;
    private final DatabaseSink databaseSink;
    private final FileSink fileSink;
    private final OrderChanges changes;
    private final Clock clock;

    public OrderIntake(DataSource dataSource, DatabaseSink databaseSink, FileSink fileSink, OrderChanges changes, Clock clock) {
        this.dataSource = dataSource;
        this.databaseSink = databaseSink;
        this.fileSink = fileSink;
        this.changes = changes;
        this.clock = clock;
    }

    /** Orders per transaction when a poll delivers many new orders at once. */
    static final int BATCH = 500;

    /** Route step: delivers every order the poll collected, then writes the account's pending CSV batches. */
    public void deliverPoll(Exchange exchange) throws SQLException {
        PollContext poll = exchange.getProperty(PollContext.PROPERTY, PollContext.class);
        boolean autoConfirm = poll.getAccount().autoConfirm();
        List<Order> orders = poll.getOrders();
        Map<String, Order> delivered = new HashMap<>();
        for (int from = 0; from < orders.size(); from += BATCH) {
            List<Order> chunk = orders.subList(from, Math.min(orders.size(), from + BATCH));
            Map<String, Set<String>> known = knownShipmentUnits(poll.getAccountId(), chunk);
            List<Order> fresh = new ArrayList<>();
            for (Order order : chunk) {
                Set<String> units = known.get(key(order));
                if (units == null) {
                    fresh.add(order);
                } else if (units.containsAll(order.shipmentIds())) {
                    poll.duplicates++;
                } else {
                    addLines(order, units, autoConfirm, clock.instant());
                    poll.duplicates++;
                    poll.changes++;
                }
            }
            poll.newOrders += deliverNew(fresh, autoConfirm);
            fresh.forEach(o -> delivered.put(key(o), o));
        }
        writeCsvBatches(poll.getAccountId(), delivered);
    }

    /**
     * Delivers orders known to be new: JSON files first, then one transaction for all of them. If another
     * node (or a replay) committed one of them meanwhile, the batch rolls back and each order goes the
     * one-by-one way, which sorts out what is new.
     */
    private int deliverNew(List<Order> fresh, boolean autoConfirm) throws SQLException {
        if (fresh.isEmpty()) {
            return 0;
        }
        if (fileSink.settings().json()) {
            for (Order order : fresh) {
                fileSink.writeOrderJson(order);
            }
        }
        Instant now = clock.instant();
        try {
            Jdbc.inTransaction(dataSource, c -> {
                databaseSink.insertOrders(c, fresh, now);
                insertLedger(c, fresh, autoConfirm, now);
                return null;
            });
            return fresh.size();
        } catch (SQLException e) {
            if (!Database.isDuplicateKey(e)) {
                throw e;
            }
            int delivered = 0;
            for (Order order : fresh) {
                delivered += deliver(order, autoConfirm) == Outcome.NEW ? 1 : 0;
            }
            return delivered;
        }
    }

    public Outcome deliver(Order order, boolean autoConfirm) throws SQLException {
        Set<String> knownUnits = knownShipmentUnits(order.accountId(), List.of(order)).getOrDefault(key(order), Set.of());
        if (!knownUnits.isEmpty() && knownUnits.containsAll(order.shipmentIds())) {
            return Outcome.DUPLICATE;
        }
        Instant now = clock.instant();
        if (!knownUnits.isEmpty()) {
            return addLines(order, knownUnits, autoConfirm, now);
        }
        if (fileSink.settings().json()) {
            fileSink.writeOrderJson(order);
        }
        try {
            Jdbc.inTransaction(dataSource, c -> {
                databaseSink.insertOrders(c, List.of(order), now);
                insertLedger(c, List.of(order), autoConfirm, now);
                return null;
            });
            return Outcome.NEW;
        } catch (SQLException e) {
            if (Database.isDuplicateKey(e)) {
                return Outcome.DUPLICATE; // another node (or a concurrent replay) committed it first
            }
            throw e;
        }
    }

    /** MB_DELIVERY (the dedupe key and the CSV queue) and one MB_CONFIRMATION row per shipping unit. */
    private void insertLedger(Connection c, List<Order> orders, boolean autoConfirm, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO MB_DELIVERY (marketplace, account_id, order_id,"
                + " delivery_state, order_json, delivered_at) VALUES (?,?,?,?,?,?)")) {
            for (Order order : orders) {
                Jdbc.bind(ps, order.marketplace().code(), order.accountId(), order.orderId(),
                        fileSink.settings().csv() ? PENDING_CSV : DELIVERED, ledgerJson(order), now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO MB_CONFIRMATION (marketplace, account_id, shipment_id,"
                + " order_id, confirm_state, attempts, updated_at) VALUES (?,?,?,?,?,0,?)")) {
            for (Order order : orders) {
                for (String unit : order.shipmentIds()) {
                    Jdbc.bind(ps, order.marketplace().code(), order.accountId(), unit, order.orderId(),
                            initialConfirmState(autoConfirm), now);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /**
     * The canonical order kept in the ledger: needed to (re)write batch CSVs and to compare a re-read
     * receiver. Without CSV and with the staging tables on, MB_ORDER already holds what the comparison
     * needs, so the ledger keeps an empty string and the write is saved.
     */
    private String ledgerJson(Order order) {
        return fileSink.settings().csv() || !databaseSink.enabled() ? OrderJson.toLedgerJson(order) : "";
    }

    /** Acknowledge only what every sink has: with CSV on, the unit waits for its batch file. */
    private String initialConfirmState(boolean autoConfirm) {
        if (!autoConfirm) {
            return Confirmations.NOT_REQUESTED;
        }
        return fileSink.settings().csv() ? Confirmations.WAITING : Confirmations.PENDING;
    }

    private static String key(Order order) {
        return order.marketplace().code() + "/" + order.orderId();
    }

    /** A shipping unit of a known order arrived later: add its lines and say so in MB_ORDER_CHANGE. */
    private Outcome addLines(Order order, Set<String> knownUnits, boolean autoConfirm, Instant now) throws SQLException {
        List<OrderLine> added = new ArrayList<>();
        Set<String> newUnits = new HashSet<>();
        for (OrderLine line : order.lines()) {
            if (!knownUnits.contains(line.shipmentId())) {
                added.add(line);
                newUnits.add(line.shipmentId());
            }
        }
        try {
            Jdbc.inTransaction(dataSource, c -> {
                databaseSink.insertLines(c, order, added, now);
                insertConfirmations(c, order, newUnits, lateUnitState(c, order, autoConfirm), now);
                changes.insertLinesAdded(c, order, added, now);
                return null;
            });
        } catch (SQLException e) {
            if (!Database.isDuplicateKey(e)) {
                throw e;
            }
        }
        return Outcome.LINES_ADDED;
    }

    /**
     * The state of a unit added to a delivered order. Its lines go out as MB_ORDER_LINE rows and a LINES_ADDED
     * change, never in a batch CSV: it waits only while the order's own batch is still to be written, since
     * nothing would turn it PENDING after that.
     */
    private String lateUnitState(Connection c, Order order, boolean autoConfirm) throws SQLException {
        String state = initialConfirmState(autoConfirm);
        if (!Confirmations.WAITING.equals(state)) {
            return state;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT delivery_state FROM MB_DELIVERY"
                + " WHERE marketplace = ? AND account_id = ? AND order_id = ?")) {
            Jdbc.bind(ps, order.marketplace().code(), order.accountId(), order.orderId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && DELIVERED.equals(rs.getString(1)) ? Confirmations.PENDING : Confirmations.WAITING;
            }
        }
    }

    private void insertConfirmations(Connection c, Order order, Set<String> units, String state, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO MB_CONFIRMATION (marketplace, account_id, shipment_id,"
                + " order_id, confirm_state, attempts, updated_at) VALUES (?,?,?,?,?,0,?)")) {
            for (String unit : units) {
                Jdbc.bind(ps, order.marketplace().code(), order.accountId(), unit, order.orderId(), state, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The shipping units already delivered, per marketplace/orderId, for a set of orders of one account. */
    private Map<String, Set<String>> knownShipmentUnits(String accountId, List<Order> orders) throws SQLException {
        Map<String, Set<String>> known = new HashMap<>();
        if (orders.isEmpty()) {
            return known;
        }
        StringBuilder sql = new StringBuilder("SELECT marketplace, order_id, shipment_id FROM MB_CONFIRMATION"
                + " WHERE account_id = ? AND order_id IN (");
        for (int i = 0; i < orders.size(); i++) {
            sql.append(i == 0 ? "?" : ",?");
        }
        sql.append(')');
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            ps.setString(1, accountId);
            for (int i = 0; i < orders.size(); i++) {
                ps.setString(i + 2, orders.get(i).orderId());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), k -> new HashSet<>()).add(rs.getString(3));
                }
            }
        }
        return known;
    }

    /**
     * Writes the account's batch CSVs. A batch id is first assigned in the database to every order still
     * waiting for one; the file is then written and the orders marked delivered. A batch that was assigned
     * but not finished (a crash) is rewritten under the same name with the same orders.
     */
    public void writeCsvBatches(String accountId) throws SQLException {
        writeCsvBatches(accountId, Map.of());
    }

    /**
     * As {@link #writeCsvBatches(String)}; orders this poll has just delivered are taken from memory
     * instead of being read back from the ledger.
     */
    public void writeCsvBatches(String accountId, Map<String, Order> justDelivered) throws SQLException {
        if (!fileSink.settings().csv()) {
            return;
        }
        for (String unfinished : unfinishedBatches(accountId)) {
            finishBatch(unfinished, Map.of());
        }
        String batchId = "orders-" + accountId + "-" + BATCH_TIME.format(clock.instant())
                + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        int assigned = Jdbc.inTransaction(dataSource, c -> Jdbc.update(c,
                "UPDATE MB_DELIVERY SET csv_batch = ? WHERE account_id = ? AND delivery_state = ? AND csv_batch IS NULL",
                batchId, accountId, PENDING_CSV));
        if (assigned > 0) {
            finishBatch(batchId, justDelivered);
        }
    }

    private List<String> unfinishedBatches(String accountId) throws SQLException {
        List<String> batches = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT DISTINCT csv_batch FROM MB_DELIVERY"
                     + " WHERE account_id = ? AND delivery_state = ? AND csv_batch IS NOT NULL")) {
            Jdbc.bind(ps, accountId, PENDING_CSV);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    batches.add(rs.getString(1));
                }
            }
        }
        return batches;
    }

    private void finishBatch(String batchId, Map<String, Order> inMemory) throws SQLException {
        Map<String, Order> orders = new LinkedHashMap<>();
        if (!inMemory.isEmpty()) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT marketplace, order_id FROM MB_DELIVERY"
                         + " WHERE csv_batch = ? ORDER BY delivered_at, marketplace, order_id")) {
                Jdbc.bind(ps, batchId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(1) + "/" + rs.getString(2);
                        orders.put(key, inMemory.get(key));
                    }
                }
            }
        }
        if (orders.isEmpty() || orders.containsValue(null)) {
            orders = ordersOfBatch(batchId); // a batch left by an earlier run, or a replay: from the ledger
        }
        fileSink.writeCsvBatch(batchId, new ArrayList<>(orders.values()));
        Jdbc.inTransaction(dataSource, c -> {
            Jdbc.update(c, "UPDATE MB_CONFIRMATION SET confirm_state = ? WHERE confirm_state = ? AND EXISTS"
                            + " (SELECT 1 FROM MB_DELIVERY d WHERE d.csv_batch = ? AND d.marketplace = MB_CONFIRMATION.marketplace"
                            + " AND d.account_id = MB_CONFIRMATION.account_id AND d.order_id = MB_CONFIRMATION.order_id)",
                    Confirmations.PENDING, Confirmations.WAITING, batchId);
            return Jdbc.update(c, "UPDATE MB_DELIVERY SET delivery_state = ? WHERE csv_batch = ?", DELIVERED, batchId);
        });
    }

    private Map<String, Order> ordersOfBatch(String batchId) throws SQLException {
        Map<String, Order> orders = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT marketplace, order_id, order_json FROM MB_DELIVERY"
                     + " WHERE csv_batch = ? ORDER BY delivered_at, marketplace, order_id")) {
            Jdbc.bind(ps, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    orders.put(rs.getString(1) + "/" + rs.getString(2), OrderJson.fromJson(rs.getString(3)));
                }
            }
        }
        return orders;
    }
}
