package io.marketbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.config.Account;
import io.marketbridge.config.AccountKey;
import io.marketbridge.config.CommonAccountKeys;
import io.marketbridge.db.Database;
import io.marketbridge.marketplace.coupang.CoupangOrderMapper;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.order.OrderLine;
import io.marketbridge.sink.DatabaseSink;
import io.marketbridge.sink.FileSink;
import io.marketbridge.sink.FileSinkSettings;
import io.marketbridge.support.Db;
import io.marketbridge.support.Fixtures;
import io.marketbridge.support.TestDatabases;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The delivery ledger of a poll with files on: the batch CSV is named in the same rows that commit the orders, each
 * row is updated once (to DELIVERED) when both its JSON file and its batch CSV are written, and a file that failed
 * after the commit is written by the next round under the same name with the same orders, once.
 */
class DeliveryLedgerTest {

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aPollNamesItsBatchInTheRowsItCommitsAndWritesItOnce(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        try (HikariDataSource ds = Database.open(TestDatabases.prepare(vendor, schema), TestDatabases.user(vendor), "", 2)) {
            Database.migrate(ds);
            FileSink files = fileSink();
            OrderIntake intake = intake(ds, files, false);
            List<Order> orders = orders(3);

            intake.deliverPoll(poll(orders));

            assertThat(Db.list(ds, "SELECT DISTINCT delivery_state FROM MB_DELIVERY")).containsExactly("DELIVERED");
            List<Object> batches = Db.list(ds, "SELECT DISTINCT csv_batch FROM MB_DELIVERY");
            assertThat(batches).hasSize(1);
            assertThat(csvFiles()).containsExactly(files.csvBatchPath((String) batches.get(0)));
            // the file holds exactly what it held when the batch was assigned after the JSON files
            assertThat(Files.readAllBytes(csvFiles().get(0))).isEqualTo(expectedCsv(orders));
            for (Order o : orders) {
                assertThat(files.orderJsonPath(o)).hasBinaryContent(OrderJson.toFileJson(o));
                // the ledger keeps the canonical order (with its raw payload: the tables are off)
                assertThat(ledgerJson(ds, o.orderId())).isEqualTo(OrderJson.toLedgerJsonWithPayload(o));
            }

            // the same orders again: duplicates, no second CSV, no row touched
            intake.deliverPoll(poll(orders));
            intake.writeCsvBatches("acct");
            assertThat(csvFiles()).hasSize(1);
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_DELIVERY")).isEqualTo(3);
        } finally {
            TestDatabases.drop(vendor, schema);
        }
    }

    @ParameterizedTest(name = "JSON file fails: {0}")
    @ValueSource(booleans = {true, false})
    void aFileThatFailedAfterTheCommitIsWrittenByTheNextRoundUnderItsName(boolean jsonFails) throws Exception {
        String schema = TestDatabases.newSchema();
        try (HikariDataSource ds = Database.open(TestDatabases.prepare("h2", schema), "sa", "", 2)) {
            Database.migrate(ds);
            FileSink files = fileSink();
            OrderIntake intake = intake(ds, files, true);
            List<Order> orders = orders(2);
            Files.createDirectories(out);
            Path blocked = out.resolve(jsonFails ? "json" : "csv");
            Files.writeString(blocked, "a file where the folder should be");

            assertThatThrownBy(() -> intake.deliverPoll(poll(orders))).isInstanceOf(UncheckedIOException.class);
            // committed, named, not delivered: the units wait
            assertThat(Db.list(ds, "SELECT DISTINCT delivery_state FROM MB_DELIVERY")).containsExactly("PENDING_JSON");
            List<Object> batches = Db.list(ds, "SELECT DISTINCT csv_batch FROM MB_DELIVERY");
            assertThat(batches).hasSize(1).doesNotContainNull();
            assertThat(Db.list(ds, "SELECT DISTINCT confirm_state FROM MB_CONFIRMATION")).containsExactly("WAITING");

            Files.delete(blocked);
            intake.deliverPoll(poll(orders)); // the next poll: the same orders are duplicates, the files are written
            assertThat(csvFiles()).containsExactly(files.csvBatchPath((String) batches.get(0)));
            assertThat(Files.readAllBytes(csvFiles().get(0))).isEqualTo(expectedCsv(orders));
            for (Order o : orders) {
                assertThat(files.orderJsonPath(o)).exists();
            }
            assertThat(Db.list(ds, "SELECT DISTINCT delivery_state FROM MB_DELIVERY")).containsExactly("DELIVERED");
            assertThat(Db.list(ds, "SELECT DISTINCT confirm_state FROM MB_CONFIRMATION")).containsExactly("PENDING");

            intake.writeCsvBatches("acct");
            assertThat(csvFiles()).hasSize(1);
        } finally {
            TestDatabases.drop("h2", schema);
        }
    }

    private FileSink fileSink() {
        return new FileSink(new FileSinkSettings(true, out, Set.of("json", "csv"), "UTF-8", false, false));
    }

    private OrderIntake intake(HikariDataSource ds, FileSink files, boolean tables) {
        Clock clock = Clock.fixed(Instant.parse("2026-11-20T01:02:03Z"), ZoneOffset.UTC);
        return new OrderIntake(ds, new DatabaseSink(tables), files, new OrderChanges(ds, files, clock),
                new IntakeErrors(ds, clock), clock);
    }

    private static PollContext<PollState> poll(List<Order> orders) {
        Map<String, AccountKey> keys = new HashMap<>();
        CommonAccountKeys.KEYS.forEach(k -> keys.put(k.name(), k));
        Account account = new Account("acct", "coupang", Map.of(CommonAccountKeys.AUTO_CONFIRM, "true"), keys);
        PollContext<PollState> poll = new PollContext<>(account, "orders", null, null, null);
        poll.getOrders().addAll(orders);
        return poll;
    }

    /** n orders of the fixture's shape, each with its own order id and shipping units. */
    private static List<Order> orders(int n) throws Exception {
        Order template = CoupangOrderMapper.map("acct", Fixtures.elements(Fixtures.json("coupang/ordersheets-v5-split.json")));
        List<Order> orders = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String suffix = "0" + i;
            List<OrderLine> lines = template.lines().stream().map(l -> new OrderLine(l.lineId(), l.shipmentId() + suffix,
                    l.productId(), l.optionId(), l.sellerSku(), l.productName(), l.optionName(), l.quantity(), l.unitPrice(),
                    l.lineAmount(), l.discountAmount(), l.status(), l.marketplaceStatus())).toList();
            orders.add(new Order(template.marketplace(), template.accountId(), template.orderId() + suffix, template.orderedAt(),
                    template.paidAt(), template.status(), template.marketplaceStatus(), template.buyer(), template.receiver(),
                    template.deliveryMessage(), template.customsId(), template.currency(), template.itemsAmount(),
                    template.discountAmount(), template.shippingFee(), template.paidAmount(), lines, template.rawPayload()));
        }
        return orders;
    }

    private static List<Order> byOrderId(List<Order> orders) {
        return orders.stream().sorted(Comparator.comparing(Order::orderId)).toList();
    }

    /** The batch CSV of these orders as the sink writes it: the batch's order is one transaction, then order id. */
    private byte[] expectedCsv(List<Order> orders) throws Exception {
        Path dir = out.resolveSibling(out.getFileName() + "-expected");
        FileSink expected = new FileSink(new FileSinkSettings(true, dir, Set.of("json", "csv"), "UTF-8", false, false));
        expected.writeCsvBatch("expected", byOrderId(orders));
        return Files.readAllBytes(expected.csvBatchPath("expected"));
    }

    private static String ledgerJson(HikariDataSource ds, String orderId) throws Exception {
        try (java.sql.Connection c = ds.getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT order_json FROM MB_DELIVERY WHERE order_id = ?")) {
            ps.setString(1, orderId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private List<Path> csvFiles() throws Exception {
        if (!Files.isDirectory(out.resolve("csv"))) {
            return List.of();
        }
        try (Stream<Path> csv = Files.list(out.resolve("csv"))) {
            return csv.toList();
        }
    }
}
