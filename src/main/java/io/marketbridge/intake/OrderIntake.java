package io.marketbridge.intake;

import io.marketbridge.claim.ClaimLines;
import io.marketbridge.db.Database;
import io.marketbridge.db.Jdbc;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.order.OrderLimits;
import io.marketbridge.order.OrderLine;
import io.marketbridge.order.OrderStatus;
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
import org.apache.camel.ExchangeProperty;

/**
 * The shared intake (direct:order-intake): check, dedupe, then every enabled sink, then the ledger, so that an
 * order is written exactly once however often it is fetched, retried or replayed after a crash.
 *
 * <p>Per order: the contract's limits are checked first ({@link OrderLimits}); an order that breaks them
 * goes to MB_INTAKE_ERROR (MAPPING) and the others go on. Then one transaction inserts the staging rows
 * (MB_ORDER, MB_ORDER_LINE), the ledger row (MB_DELIVERY) and one MB_CONFIRMATION row per shipping unit; a
 * row the database refuses for its data (a deterministic failure) sends that order alone to MB_INTAKE_ERROR.
 * Files follow the commit, so no file ever exists for an order the tables do not have: the ledger row starts
 * PENDING_JSON (JSON on; PENDING_CSV with JSON off) and already names the poll's batch CSV, so it is updated once,
 * to DELIVERED, when its JSON file and its batch CSV are both written. An order delivered outside a poll (a
 * replay) moves to PENDING_CSV once its JSON file is written and gets its batch name at the account's next
 * round. A crash in between leaves the state, and the next poll of the account writes what is missing: the
 * JSON files (skipped when present), then each named batch again, same name, same orders, from the ledger. The ledger row is the dedupe key: an
 * order with one is never inserted again, and its files are not rewritten once it has left PENDING_JSON.
 */
public class OrderIntake {

    static final String PENDING_JSON = "PENDING_JSON";
    static final String PENDING_CSV = "PENDING_CSV";
    static final String DELIVERED = "DELIVERED";
    private static final DateTimeFormatter BATCH_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    public enum Outcome { NEW, DUPLICATE, LINES_ADDED }

    private final DataSource dataSource;
    private final DatabaseSink databaseSink;
    private final FileSink fileSink;
    private final OrderChanges changes;
    private final IntakeErrors errors;
    private final Clock clock;
    /** Claims committed while an order was being delivered: their change rows (see ClaimCatchUp). */
    private final io.marketbridge.claim.ClaimCatchUp claimCatchUp;

    public OrderIntake(DataSource dataSource, DatabaseSink databaseSink, FileSink fileSink, OrderChanges changes,
                       IntakeErrors errors, Clock clock) {
        this.dataSource = dataSource;
        this.databaseSink = databaseSink;
        this.fileSink = fileSink;
        this.changes = changes;
        this.errors = errors;
        this.clock = clock;
        this.claimCatchUp = new io.marketbridge.claim.ClaimCatchUp(dataSource, changes, clock);
    }

    /** Learns MB_LISTING (the SKU mapping) from the lines of each order committed; none: nothing is learned. */
    private io.marketbridge.stock.ListingLearner listingLearner;

    public void learnListingsWith(io.marketbridge.stock.ListingLearner learner) {
        this.listingLearner = learner;
    }

    /** Orders per transaction when a poll delivers many new orders at once. */
    static final int BATCH = 500;

    /** Route step: delivers every order the poll collected, then writes the account's pending files. */
    public void deliverPoll(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll) throws SQLException {
        boolean autoConfirm = poll.getAccount().autoConfirm();
        List<Order> orders = new ArrayList<>();
        for (Order order : poll.getOrders()) {
            String reason = OrderLimits.reason(order);
            if (reason == null) {
                orders.add(order);
            } else {
                refuse(poll, order, reason);
            }
        }
        Map<String, Order> delivered = new HashMap<>();
        // the poll's batch CSV is named before its orders commit, in the same rows: no later update assigns it
        String batchId = fileSink.settings().csv() && !orders.isEmpty() ? newBatchId(poll.getAccountId()) : null;
        for (int from = 0; from < orders.size(); from += BATCH) {
            List<Order> chunk = withClaimedLines(poll.getAccountId(), orders.subList(from, Math.min(orders.size(), from + BATCH)));
            Map<String, Set<String>> known = knownShipmentUnits(poll.getAccountId(), chunk);
            List<Order> fresh = new ArrayList<>();
            for (Order order : chunk) {
                Set<String> units = known.get(key(order));
                if (units == null) {
                    fresh.add(order);
                } else if (units.containsAll(order.shipmentIds())) {
                    poll.duplicates++;
                } else {
                    try {
                        addLines(order, units, autoConfirm, clock.instant());
                        poll.duplicates++;
                        poll.changes++;
                    } catch (MappingException e) {
                        refuse(poll, order, e.getMessage());
                    }
                }
            }
            List<Order> committed = deliverNew(poll, fresh, autoConfirm, batchId);
            claimCatchUp.afterDelivery(poll.getAccountId(), committed);
            if (listingLearner != null) {
                listingLearner.learn(poll.getAccount(), committed);
            }
            poll.newOrders += committed.size();
            committed.forEach(o -> delivered.put(key(o), o));
        }
        writeCsvBatches(poll.getAccountId(), delivered);
    }

    /** An order that cannot be delivered as it is: kept in MB_INTAKE_ERROR with its raw payload, the others go on. */
    private void refuse(PollContext<?> poll, Order order, String reason) throws SQLException {
        errors.record(order.marketplace(), order.accountId(), "orderId:" + order.orderId(), ErrorType.MAPPING, reason,
                order.rawPayload());
        poll.addMappingError();
    }

    /**
     * Delivers orders known to be new in one transaction. If another node (or a replay) committed one of them
     * meanwhile, or the database refuses one for its data, the batch rolls back and each order goes the
     * one-by-one way, which sorts out what is new and what is refused. Returns the orders committed here.
     */
    private List<Order> deliverNew(PollContext<?> poll, List<Order> fresh, boolean autoConfirm, String batchId)
            throws SQLException {
        if (fresh.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        try {
            Jdbc.inTransaction(dataSource, c -> {
                databaseSink.insertOrders(c, fresh, now);
                insertLedger(c, fresh, autoConfirm, now, batchId);
                return null;
            });
            return fresh;
        } catch (SQLException e) {
            if (!Database.isDuplicateKey(e) && !SafeMessages.isDataError(e)) {
                throw e;
            }
        }
        List<Order> committed = new ArrayList<>();
        for (Order order : fresh) {
            try {
                if (insertNew(order, autoConfirm, batchId)) {
                    committed.add(order);
                }
            } catch (MappingException e) {
                refuse(poll, order, e.getMessage());
            }
        }
        return committed;
    }

    /**
     * Delivers one order (a replay, or a test): checked, deduplicated, committed, then its files written.
     * An order that breaks the contract's limits, or whose rows the database refuses, is a MappingException
     * naming the field, never its value.
     */
    public Outcome deliver(Order order, boolean autoConfirm) throws SQLException {
        String reason = OrderLimits.reason(order);
        if (reason != null) {
            throw new MappingException(reason);
        }
        order = withClaimedLines(order.accountId(), List.of(order)).get(0);
        Set<String> knownUnits = knownShipmentUnits(order.accountId(), List.of(order)).getOrDefault(key(order), Set.of());
        if (!knownUnits.isEmpty() && knownUnits.containsAll(order.shipmentIds())) {
            return Outcome.DUPLICATE;
        }
        if (!knownUnits.isEmpty()) {
            return addLines(order, knownUnits, autoConfirm, clock.instant());
        }
        if (!insertNew(order, autoConfirm, null)) {
            return Outcome.DUPLICATE; // another node (or a concurrent replay) committed it first
        }
        claimCatchUp.afterDelivery(order.accountId(), List.of(order));
        publishJson(order.accountId(), Map.of(key(order), order));
        return Outcome.NEW;
    }

    /**
     * One order's transaction. False when it was committed before; a data refusal is a MappingException.
     * {@code batchId}: the batch CSV it goes to (null: one assigned when the account's CSVs are next written).
     */
    private boolean insertNew(Order order, boolean autoConfirm, String batchId) throws SQLException {
        Instant now = clock.instant();
        try {
            Jdbc.inTransaction(dataSource, c -> {
                databaseSink.insertOrders(c, List.of(order), now);
                insertLedger(c, List.of(order), autoConfirm, now, batchId);
                return null;
            });
            return true;
        } catch (SQLException e) {
            if (Database.isDuplicateKey(e)) {
                return false;
            }
            if (SafeMessages.isDataError(e)) {
                throw new MappingException(SafeMessages.of(e), e);
            }
            throw e;
        }
    }

    /**
     * MB_DELIVERY (the dedupe key and the CSV queue) and one MB_CONFIRMATION row per shipping unit. With CSV on,
     * the row names its batch CSV from the start ({@code batchId}, null: assigned later), so the row is updated
     * once more only: to DELIVERED when its files are written.
     */
    private void insertLedger(Connection c, List<Order> orders, boolean autoConfirm, Instant now, String batchId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO MB_DELIVERY (marketplace, account_id, order_id,"
                + " delivery_state, csv_batch, order_json, delivered_at) VALUES (?,?,?,?,?,?,?)")) {
            for (Order order : orders) {
                Jdbc.bind(ps, order.marketplace().code(), order.accountId(), order.orderId(),
                        initialDeliveryState(), batchId, ledgerJson(order), now);
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
     * The canonical order kept in the ledger: needed to (re)write batch CSVs and JSON files after a crash, and
     * to compare a re-read receiver. The raw payload is kept only when MB_ORDER does not hold it. Without files
     * and with the staging tables on, MB_ORDER already holds what the comparison needs, so the ledger keeps an
     * empty string and the write is saved.
     */
    private String ledgerJson(Order order) {
        if (fileSink.settings().json() && !databaseSink.enabled()) {
            return OrderJson.toLedgerJsonWithPayload(order);
        }
        return fileSink.settings().csv() || fileSink.settings().json() || !databaseSink.enabled()
                ? OrderJson.toLedgerJson(order) : "";
    }

    private String initialDeliveryState() {
        return fileSink.settings().json() ? PENDING_JSON : afterJsonState();
    }

    private String afterJsonState() {
        return fileSink.settings().csv() ? PENDING_CSV : DELIVERED;
    }

    /** Acknowledge only what every sink has: with files on, the unit waits for them. */
    private String initialConfirmState(boolean autoConfirm) {
        if (!autoConfirm) {
            return Confirmations.NOT_REQUESTED;
        }
        return fileSink.settings().csv() || fileSink.settings().json() ? Confirmations.WAITING : Confirmations.PENDING;
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
        String fingerprint;
        try {
            fingerprint = Jdbc.inTransaction(dataSource, c -> {
                databaseSink.insertLines(c, order, added, now);
                insertConfirmations(c, order, newUnits, autoConfirm, now);
                return changes.insertLinesAdded(c, order, added, now);
            });
        } catch (SQLException e) {
            if (Database.isDuplicateKey(e)) {
                return Outcome.LINES_ADDED;
            }
            if (SafeMessages.isDataError(e)) {
                throw new MappingException(SafeMessages.of(e), e);
            }
            throw e;
        }
        changes.writeLinesAddedFile(order, added, fingerprint); // after the commit: no file for rows that are not there
        return Outcome.LINES_ADDED;
    }

    /**
     * Units added to a known order wait for its files only while the order itself does (their lines go to
     * MB_ORDER_LINE and a change file, not to the order's JSON or batch CSV).
     */
    private void insertConfirmations(Connection c, Order order, Set<String> units, boolean autoConfirm, Instant now)
            throws SQLException {
        String state = autoConfirm ? Confirmations.PENDING : Confirmations.NOT_REQUESTED;
        try (PreparedStatement ps = c.prepareStatement("SELECT delivery_state FROM MB_DELIVERY"
                + " WHERE marketplace = ? AND account_id = ? AND order_id = ?")) {
            Jdbc.bind(ps, order.marketplace().code(), order.accountId(), order.orderId());
            try (ResultSet rs = ps.executeQuery()) {
                if (autoConfirm && rs.next() && !DELIVERED.equals(rs.getString(1))) {
                    state = Confirmations.WAITING;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO MB_CONFIRMATION (marketplace, account_id, shipment_id,"
                + " order_id, confirm_state, attempts, updated_at) VALUES (?,?,?,?,?,0,?)")) {
            for (String unit : units) {
                Jdbc.bind(ps, order.marketplace().code(), order.accountId(), unit, order.orderId(), state, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The orders as they are delivered: a line that a claim recorded before the order arrived (MB_CLAIM) covers
     * gets the status the claim gives it (CANCELLED for a completed cancel, CANCEL_REQUESTED for an open one,
     * and so on), so the order is not delivered as a plain new one.
     */
    private List<Order> withClaimedLines(String accountId, List<Order> orders) throws SQLException {
        if (orders.isEmpty()) {
            return orders;
        }
        Map<String, Map<String, OrderStatus>> claimed;
        try (Connection c = dataSource.getConnection()) {
            claimed = ClaimLines.statuses(c, accountId, orders.stream().map(Order::orderId).distinct().toList());
        }
        if (claimed.isEmpty()) {
            return orders;
        }
        List<Order> marked = new ArrayList<>(orders.size());
        for (Order order : orders) {
            Map<String, OrderStatus> lines = claimed.get(key(order));
            marked.add(lines == null ? order : order.withLineStatuses(lines));
        }
        return marked;
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
     * Writes the JSON file of every order of the account whose rows are committed and whose file is not
     * written yet (PENDING_JSON: this poll's orders, from memory, or ones a crash left, from the ledger). An
     * order whose row already names its batch CSV stays PENDING_JSON until that CSV is written (one update
     * fewer per order; a crash in between writes the JSON file again, skipped as present, then the CSV). The
     * others move on: to PENDING_CSV, or with CSV off to DELIVERED with their units free to be acknowledged.
     */
    private void publishJson(String accountId, Map<String, Order> inMemory) throws SQLException {
        if (!fileSink.settings().json()) {
            return;
        }
        List<String[]> pending = new ArrayList<>();
        List<String[]> moveOn = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT marketplace, order_id, csv_batch FROM MB_DELIVERY"
                     + " WHERE account_id = ? AND delivery_state = ?")) {
            Jdbc.bind(ps, accountId, PENDING_JSON);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] p = {rs.getString(1), rs.getString(2)};
                    pending.add(p);
                    if (rs.getString(3) == null || !fileSink.settings().csv()) {
                        moveOn.add(p);
                    }
                }
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        for (String[] p : pending) {
            Order order = inMemory.get(p[0] + "/" + p[1]);
            fileSink.writeOrderJson(order != null ? order : ledgerOrder(p[0], accountId, p[1]));
        }
        if (moveOn.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE MB_DELIVERY SET delivery_state = ?"
                    + " WHERE marketplace = ? AND account_id = ? AND order_id = ? AND delivery_state = ?")) {
                for (String[] p : moveOn) {
                    Jdbc.bind(ps, afterJsonState(), p[0], accountId, p[1], PENDING_JSON);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (!fileSink.settings().csv()) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE MB_CONFIRMATION SET confirm_state = ?"
                        + " WHERE marketplace = ? AND account_id = ? AND order_id = ? AND confirm_state = ?")) {
                    for (String[] p : moveOn) {
                        Jdbc.bind(ps, Confirmations.PENDING, p[0], accountId, p[1], Confirmations.WAITING);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    /** An order as the ledger keeps it, with its raw payload from MB_ORDER when the ledger does not hold it. */
    private Order ledgerOrder(String marketplace, String accountId, String orderId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT d.order_json, o.raw_payload FROM MB_DELIVERY d"
                     + " LEFT JOIN MB_ORDER o ON o.marketplace = d.marketplace AND o.account_id = d.account_id"
                     + " AND o.order_id = d.order_id WHERE d.marketplace = ? AND d.account_id = ? AND d.order_id = ?")) {
            Jdbc.bind(ps, marketplace, accountId, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no ledger row for " + marketplace + "/" + accountId + "/" + orderId);
                }
                Order order = OrderJson.fromJson(rs.getString(1));
                String raw = rs.getString(2);
                return order.rawPayload() != null || raw == null ? order : order.withRawPayload(raw);
            }
        }
    }

    /**
     * Writes the account's batch CSVs. Every order has its batch id in the database before its file is
     * written: a poll's orders from their insert, any other (a replay) from an update here. The file is then
     * written and the orders marked delivered. A batch that was named but not finished (a crash, or a file
     * that failed) is rewritten under the same name with the same orders.
     */
    public void writeCsvBatches(String accountId) throws SQLException {
        writeCsvBatches(accountId, Map.of());
    }

    /**
     * As {@link #writeCsvBatches(String)}; orders this poll has just delivered are taken from memory
     * instead of being read back from the ledger.
     */
    public void writeCsvBatches(String accountId, Map<String, Order> justDelivered) throws SQLException {
        publishJson(accountId, justDelivered);
        if (!fileSink.settings().csv()) {
            return;
        }
        for (String unfinished : unfinishedBatches(accountId)) {
            finishBatch(accountId, unfinished, justDelivered);
        }
        String batchId = newBatchId(accountId);
        int assigned = Jdbc.inTransaction(dataSource, c -> Jdbc.update(c,
                "UPDATE MB_DELIVERY SET csv_batch = ? WHERE account_id = ? AND delivery_state = ? AND csv_batch IS NULL",
                batchId, accountId, PENDING_CSV));
        if (assigned > 0) {
            finishBatch(accountId, batchId, justDelivered);
        }
    }

    private String newBatchId(String accountId) {
        return "orders-" + accountId + "-" + BATCH_TIME.format(clock.instant())
                + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
    }

    private List<String> unfinishedBatches(String accountId) throws SQLException {
        List<String> batches = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT DISTINCT csv_batch FROM MB_DELIVERY"
                     + " WHERE account_id = ? AND delivery_state = ? AND csv_batch IS NOT NULL")) {
            // PENDING_JSON with a batch: its JSON file is written by now (publishJson ran first). One state per
            // query: each is a range of the (account_id, delivery_state) index, where IN would scan the account
            for (String state : List.of(PENDING_JSON, PENDING_CSV)) {
                Jdbc.bind(ps, accountId, state);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!batches.contains(rs.getString(1))) {
                            batches.add(rs.getString(1));
                        }
                    }
                }
            }
        }
        return batches;
    }

    private void finishBatch(String accountId, String batchId, Map<String, Order> inMemory) throws SQLException {
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
            // a batch is one account's: the account narrows the scan to the (account_id, confirm_state) index
            Jdbc.update(c, "UPDATE MB_CONFIRMATION SET confirm_state = ? WHERE account_id = ? AND confirm_state = ? AND EXISTS"
                            + " (SELECT 1 FROM MB_DELIVERY d WHERE d.csv_batch = ? AND d.marketplace = MB_CONFIRMATION.marketplace"
                            + " AND d.account_id = MB_CONFIRMATION.account_id AND d.order_id = MB_CONFIRMATION.order_id)",
                    Confirmations.PENDING, accountId, Confirmations.WAITING, batchId);
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
