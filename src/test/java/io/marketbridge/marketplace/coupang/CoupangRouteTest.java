package io.marketbridge.marketplace.coupang;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.schedule.AccountScheduler;
import io.marketbridge.intake.CursorStore;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.order.OrderJson;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.Fixtures;
import io.marketbridge.support.RuntimeHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coupang end to end through the real route files, against the simulator: each test owns one vendor and
 * one account, so they share a runtime without sharing data.
 */
class CoupangRouteTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final String[] VENDORS = {"A10000001", "A10000002", "A10000003", "A10000004", "A10000005", "A10000006",
        "A10000007", "A10000008", "A10000009", "A10000010", "A10000011", "A10000012", "A10000013", "A10000014",
        "A10000015", "A10000016", "A10000017", "A10000018"};

    @TempDir
    static Path out;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;

    static String access(String vendor) {
        return "access-" + vendor;
    }

    static String secret(String vendor) {
        return "secret-" + vendor + "-0123456789";
    }

    @BeforeAll
    static void start() throws Exception {
        Map<String, String[]> vendors = new LinkedHashMap<>();
        for (String v : VENDORS) {
            vendors.put(v, new String[] {access(v), secret(v)});
        }
        simulator = RuntimeHarness.simulator(vendors);
        Properties p = RuntimeHarness.baseProperties(out);
        for (String v : VENDORS) {
            RuntimeHarness.coupangAccount(p, "acct-" + v, simulator.baseUrl(), v, access(v), secret(v));
        }
        // a wrong secret, a vendor id that is not the key's, and two broken blocks
        RuntimeHarness.coupangAccount(p, "bad-key", simulator.baseUrl(), "A10000005", access("A10000005"), "wrong-secret");
        RuntimeHarness.coupangAccount(p, "wrong-vendor", simulator.baseUrl(), "A10000012", access("A10000011"), secret("A10000011"));
        p.setProperty("marketbridge.account.acct-A10000010.auto-confirm", "false");
        p.setProperty("marketbridge.account.broken.marketplace", "coupang");
        p.setProperty("marketbridge.account.broken.vendor-id", "vendor-one");
        p.setProperty("marketbridge.account.broken.acess-key", "typo");
        p.setProperty("marketbridge.account.no-env.marketplace", "coupang");
        p.setProperty("marketbridge.account.no-env.vendor-id", "A10000099");
        p.setProperty("marketbridge.account.no-env.access-key", "{{env:MB_TEST_SURELY_UNSET_VARIABLE}}");
        p.setProperty("marketbridge.account.no-env.secret-key", "x");
        runtime = RuntimeHarness.start(p, simulator, out);
        db = runtime.dataSource();
    }

    @AfterAll
    static void stop() throws Exception {
        runtime.close();
        simulator.close();
    }

    @AfterEach
    void resetFaults() {
        coupang().faults().reset();
        coupang().resetBlocks();
    }

    static CoupangSimulator coupang() {
        return simulator.get(CoupangSimulator.class);
    }

    static long orders(String vendor) {
        return runtime.orderCount("acct-" + vendor);
    }

    static List<Path> files(String sub, String glob) throws IOException {
        Path dir = out.resolve(sub);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileSystem().getPathMatcher("glob:" + glob).matches(f.getFileName())).toList();
        }
    }

    @Test
    void deliversNewOrdersToEverySinkAndAcknowledgesThem() throws Exception {
        String v = "A10000001";
        long a = coupang().createOrder(v, now().minusMinutes(30), false, 1);
        long b = coupang().createOrder(v, now().minusMinutes(20), false, 2);
        long c = coupang().createOrder(v, now().minusMinutes(10), false, 1);

        Instant before = Instant.now();
        Exchange poll = runtime.pollOrders("acct-" + v);
        Instant after = Instant.now();

        assertThat(runtime.outcome("acct-" + v).ok()).isTrue();
        assertThat(orders(v)).isEqualTo(3);
        long lines = coupang().lineCount(v, a) + coupang().lineCount(v, b) + coupang().lineCount(v, c);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_LINE WHERE account_id = ?", "acct-" + v)).isEqualTo(lines);
        assertThat(Db.list(db, "SELECT DISTINCT shipment_id FROM MB_ORDER_LINE WHERE order_id = ?", String.valueOf(b))).hasSize(2);
        assertThat(Db.list(db, "SELECT erp_status FROM MB_ORDER WHERE account_id = ?", "acct-" + v)).containsOnly("NEW");
        // acknowledged at the marketplace: every box of every order moved to INSTRUCT
        assertThat(coupang().orders(v).values()).allSatisfy(st -> assertThat(st).containsOnly("INSTRUCT"));
        assertThat(Db.list(db, "SELECT confirm_state FROM MB_CONFIRMATION WHERE account_id = ?", "acct-" + v))
                .hasSize(4).containsOnly("CONFIRMED");
        // one JSON file per order, parseable, with the canonical fields
        for (long id : List.of(a, b, c)) {
            Path json = out.resolve("json").resolve("COUPANG-acct-" + v + "-" + id + ".json");
            JsonNode node = OrderJson.mapper().readTree(json.toFile());
            assertThat(node.get("orderId").asText()).isEqualTo(String.valueOf(id));
            assertThat(node.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(node.get("rawPayload").isArray()).isTrue();
        }
        // one batch CSV holding every line once
        List<Path> csv = files("csv", "orders-acct-" + v + "-*.csv");
        assertThat(csv).hasSize(1);
        assertThat(Files.readAllLines(csv.get(0))).hasSize((int) lines + 1);
        assertThat(files(".tmp", "*")).isEmpty();
        // the cursor moved to the end of the window
        assertCursorAtWindowEnd(poll, "acct-" + v, before, after);
    }

    /**
     * MB_CURSOR holds exactly the end of the polled window (the overlap is taken off when the next window opens,
     * not stored), and that end is the moment the poll opened its window.
     */
    static void assertCursorAtWindowEnd(Exchange poll, String accountId, Instant before, Instant after) throws Exception {
        PollContext window = poll.getProperty(PollContext.PROPERTY, PollContext.class);
        assertThat(window).as("the poll's window").isNotNull();
        Instant end = window.getWindowTo().toInstant();
        assertThat(end).isBetween(before, after);
        assertThat(window.getWindowFrom().toInstant()).isBefore(end);
        CursorStore cursors = runtime.cursors();
        assertThat(cursors.load(accountId, "orders")).isEqualTo(end);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CURSOR WHERE account_id = ?", accountId)).isEqualTo(1);
    }

    @Test
    void aSecondPollOfTheSameOrdersWritesNothingNew() throws Exception {
        String v = "A10000010"; // auto-confirm=false: the orders stay ACCEPT and come back every poll
        coupang().createOrder(v, now().minusMinutes(5), false, 1);
        coupang().createOrder(v, now().minusMinutes(4), false, 2);

        runtime.pollOrders("acct-" + v);
        runtime.pollOrders("acct-" + v);

        assertThat(orders(v)).isEqualTo(2);
        assertThat(files("json", "COUPANG-acct-" + v + "-*.json")).hasSize(2);
        assertThat(files("csv", "orders-acct-" + v + "-*.csv")).hasSize(1);
        assertThat(coupang().statusCounts(v)).containsOnlyKeys("ACCEPT");
        assertThat(Db.list(db, "SELECT confirm_state FROM MB_CONFIRMATION WHERE account_id = ?", "acct-" + v))
                .containsOnly("NOT_REQUESTED");
    }

    @Test
    void anEmptyWindowIsASuccessAndMovesTheCursor() throws Exception {
        String v = "A10000006";
        Instant before = Instant.now();
        Exchange poll = runtime.pollOrders("acct-" + v);
        Instant after = Instant.now();
        assertThat(runtime.outcome("acct-" + v).ok()).isTrue();
        assertThat(orders(v)).isZero();
        assertCursorAtWindowEnd(poll, "acct-" + v, before, after);
    }

    @Test
    void pagesAtExactlyFiftyAndFiftyOne() throws Exception {
        String v = "A10000002";
        for (int i = 0; i < 50; i++) {
            coupang().createOrder(v, now().minusMinutes(60 - i), false, 1);
        }
        runtime.pollOrders("acct-" + v);
        assertThat(orders(v)).isEqualTo(50);
        assertThat(coupang().listCalls(v, "ACCEPT")).isEqualTo(1);

        // the 50 are acknowledged now; 51 new ones need two pages
        for (int i = 0; i < 51; i++) {
            coupang().createOrder(v, now().minusMinutes(5), false, 1);
        }
        runtime.pollOrders("acct-" + v);
        assertThat(orders(v)).isEqualTo(101);
        assertThat(coupang().listCalls(v, "ACCEPT")).isEqualTo(3);
        assertThat(coupang().statusCounts(v)).containsOnlyKeys("INSTRUCT");
    }

    @Test
    void resumesFromAStoredCursor() throws Exception {
        String v = "A10000003";
        long old = coupang().createOrder(v, now().minusDays(5), false, 1);
        long recent = coupang().createOrder(v, now().minusDays(1), false, 1);
        CursorStore cursors = runtime.cursors();
        cursors.store("acct-" + v, "orders", now().minusDays(2).toInstant());

        runtime.pollOrders("acct-" + v);

        assertThat(Db.list(db, "SELECT order_id FROM MB_ORDER WHERE account_id = ?", "acct-" + v))
                .containsExactly(String.valueOf(recent));
        assertThat(coupang().orders(v).get(old)).containsOnly("ACCEPT");
        assertThat(cursors.load("acct-" + v, "orders")).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void aCursorInTheFutureYieldsNothing() throws Exception {
        String v = "A10000004";
        coupang().createOrder(v, now().minusMinutes(1), false, 1);
        CursorStore cursors = runtime.cursors();
        Instant future = now().plusDays(1).toInstant();
        cursors.store("acct-" + v, "orders", future);

        runtime.pollOrders("acct-" + v);

        assertThat(orders(v)).isZero();
        assertThat(coupang().listCalls(v)).isZero();
        assertThat(cursors.load("acct-" + v, "orders")).isEqualTo(future);
    }

    @Test
    void aBadKeyIsAConfigurationErrorOfThatAccountOnly() throws Exception {
        coupang().createOrder("A10000005", now().minusMinutes(1), false, 1);

        runtime.pollOrders("bad-key");
        runtime.pollOrders("acct-A10000005");

        PollReport.Outcome bad = runtime.outcome("bad-key");
        assertThat(bad.ok()).isFalse();
        assertThat(bad.errorType()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(bad.message()).contains("Invalid signature.").contains("marketbridge.account.bad-key.access-key")
                .doesNotContain("wrong-secret");
        assertThat(runtime.outcome("acct-A10000005").ok()).isTrue();
        assertThat(orders("A10000005")).isEqualTo(1);
    }

    @Test
    void aVendorIdThatIsNotTheKeysIsAConfigurationError() {
        runtime.pollOrders("wrong-vendor");
        PollReport.Outcome o = runtime.outcome("wrong-vendor");
        assertThat(o.errorType()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(o.message()).contains("marketbridge.account.wrong-vendor.vendor-id");
    }

    @Test
    void brokenAccountBlocksAreLeftOutWithTheirPropertyNamed() {
        AccountRegistry registry = runtime.context().getRegistry().lookupByNameAndType("accountRegistry", AccountRegistry.class);
        assertThat(registry.rejected()).containsOnlyKeys("broken", "no-env");
        assertThat(registry.rejected().get("broken"))
                .contains("marketbridge.account.broken.vendor-id must look like A00012345")
                .contains("marketbridge.account.broken.acess-key is not a known key")
                .contains("marketbridge.account.broken.access-key is missing")
                .contains("marketbridge.account.broken.secret-key is missing");
        assertThat(registry.rejected().get("no-env")).contains("marketbridge.account.no-env.access-key = {{env:MB_TEST_SURELY_UNSET_VARIABLE}} cannot be resolved");
        AccountScheduler scheduler = runtime.context().getRegistry().lookupByNameAndType("accountScheduler", AccountScheduler.class);
        assertThat(scheduler.isScheduled("broken")).isFalse();
        // operators see it: the readiness check "accounts" is DOWN and names the property
        HealthCheck.Result health = HealthCheckHelper.invoke(runtime.context()).stream()
                .filter(r -> r.getCheck().getId().equals("accounts")).findFirst().orElseThrow();
        assertThat(health.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(health.getDetails().get("account.broken").toString()).contains("marketbridge.account.broken.vendor-id");
        assertThat(scheduler.isScheduled("acct-A10000001")).isTrue();
    }

    @Test
    void retriesAfter429AndAfter500() throws Exception {
        String v = "A10000007";
        coupang().createOrder(v, now().minusMinutes(3), false, 1);
        // a block shorter than the first redelivery delays: the poll's own retries get through
        coupang().throttleBlock(Duration.ofMillis(100));
        coupang().faults().failNext(429, 1);
        runtime.pollOrders("acct-" + v);
        assertThat(runtime.outcome("acct-" + v).ok()).isTrue();
        assertThat(orders(v)).isEqualTo(1);

        coupang().createOrder(v, now().minusMinutes(2), false, 1);
        coupang().faults().failNext(500, 2);
        runtime.pollOrders("acct-" + v);
        assertThat(runtime.outcome("acct-" + v).ok()).isTrue();
        assertThat(orders(v)).isEqualTo(2);
        assertThat(coupang().statusCounts(v)).containsOnlyKeys("INSTRUCT");
    }

    @Test
    void aThrottleBlockEndsThePollTransientAfterFewCallsAndALaterPollDelivers() throws Exception {
        String v = "A10000018";
        // Coupang blocks a vendor for minutes after a 429; the test shortens the block, keeping it well past the
        // poll's whole retry budget (marketbridge.retry.*: 4 redeliveries from 50 ms, doubling)
        Duration block = Duration.ofSeconds(4);
        coupang().throttleBlock(block);
        coupang().createOrder(v, now().minusMinutes(3), false, 1);
        coupang().faults().failNext(429, 1);
        long blockStart = System.nanoTime();

        runtime.pollOrders("acct-" + v);
        long pollNanos = System.nanoTime() - blockStart;

        assertThat(runtime.outcome("acct-" + v).errorType()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(orders(v)).isZero();
        assertThat(pollNanos).isLessThan(block.toNanos());
        // the first call and the four redeliveries, no more: the poll gives up instead of hammering a blocked vendor
        assertThat(coupang().throttledCalls(v)).isEqualTo(5);
        assertThat(coupang().listCalls(v)).isZero();

        Thread.sleep(Math.max(0, (block.toNanos() - (System.nanoTime() - blockStart)) / 1_000_000 + 100));
        runtime.pollOrders("acct-" + v);
        assertThat(runtime.outcome("acct-" + v).ok()).isTrue();
        assertThat(orders(v)).isEqualTo(1);
        assertThat(coupang().throttledCalls(v)).isEqualTo(5);
    }

    @Test
    void whenRetriesRunOutTheCursorStaysAndTheNextPollDelivers() throws Exception {
        String v = "A10000007";
        CursorStore cursors = runtime.cursors();
        long before = orders(v);
        Instant cursorBefore = cursors.load("acct-" + v, "orders");
        coupang().createOrder(v, now().minusMinutes(1), false, 1);
        coupang().faults().failNext(503, 20);

        runtime.pollOrders("acct-" + v);
        assertThat(runtime.outcome("acct-" + v).errorType()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(orders(v)).isEqualTo(before);
        assertThat(cursors.load("acct-" + v, "orders")).isEqualTo(cursorBefore);

        coupang().faults().reset();
        runtime.pollOrders("acct-" + v);
        assertThat(orders(v)).isEqualTo(before + 1);
    }

    @Test
    void aMalformedOrderGoesToTheErrorTableAndCanBeReplayed() throws Exception {
        String v = "A10000008";
        coupang().createOrder(v, now().minusMinutes(4), false, 1);
        long broken = coupang().createOrder(v, now().minusMinutes(3), true, 1);
        coupang().createOrder(v, now().minusMinutes(2), false, 1);

        runtime.pollOrders("acct-" + v);
        runtime.pollOrders("acct-" + v); // seen again: still one error row

        assertThat(orders(v)).isEqualTo(2);
        assertThat(Db.list(db, "SELECT reason FROM MB_INTAKE_ERROR WHERE account_id = ?", "acct-" + v))
                .singleElement().asString().contains("orderItems is missing");
        assertThat(Db.count(db, "SELECT occurrences FROM MB_INTAKE_ERROR WHERE account_id = ?", "acct-" + v)).isEqualTo(2);
        assertThat(coupang().orders(v).get(broken)).containsOnly("ACCEPT");

        // an operator corrects the stored payload and asks for a replay
        ObjectNode fixed = coupang().sheetsOf(v, broken).get(0);
        JsonNode items = OrderJson.mapper().readTree("[{\"vendorItemId\":880123400100,\"shippingCount\":1,"
                + "\"salesPrice\":{\"currencyCode\":\"KRW\",\"units\":9900,\"nanos\":0},\"externalVendorSkuCode\":\"FIX-1\"}]");
        fixed.set("orderItems", items);
        Db.update(db, "UPDATE MB_INTAKE_ERROR SET raw_payload = ?, status = 'REPLAY' WHERE account_id = ?",
                "[" + fixed + "]", "acct-" + v);

        await().atMost(Duration.ofSeconds(20)).until(() ->
                Db.list(db, "SELECT status FROM MB_INTAKE_ERROR WHERE account_id = ?", "acct-" + v).contains("REPLAYED"));
        assertThat(Db.list(db, "SELECT seller_sku FROM MB_ORDER_LINE WHERE order_id = ?", String.valueOf(broken)))
                .containsExactly("FIX-1");
        // acknowledged on the next poll, like any delivered order
        runtime.pollOrders("acct-" + v);
        assertThat(coupang().orders(v).get(broken)).containsOnly("INSTRUCT");
    }

    @Test
    void anAddressChangedBeforeAcknowledgementBecomesAChangeRow() throws Exception {
        String v = "A10000009";
        long id = coupang().createOrder(v, now().minusMinutes(2), false, 1);
        coupang().faults().addressChangeRate = 1.0;

        runtime.pollOrders("acct-" + v);
        runtime.pollOrders("acct-" + v);

        List<Object> changes = Db.list(db, "SELECT receiver_address2 FROM MB_ORDER_CHANGE WHERE order_id = ?"
                + " AND change_type = 'ADDRESS_CHANGED'", String.valueOf(id));
        assertThat(changes).containsExactly("변경된 주소 707호");
        assertThat(Db.list(db, "SELECT receiver_address2 FROM MB_ORDER WHERE order_id = ?", String.valueOf(id)))
                .doesNotContain("변경된 주소 707호");
        assertThat(files("changes", "COUPANG-acct-" + v + "-" + id + "-ADDRESS_CHANGED-*.json")).hasSize(1);
    }

    /** A split order written by hand from coupang.md: two boxes, same receiver name and address, two safe numbers. */
    static List<JsonNode> splitOrderWithTwoPhones() throws Exception {
        return Fixtures.elements(Fixtures.json("coupang/ordersheets-v5-split-two-phones.json"));
    }

    static final String BOX_1 = "327365548165727";
    static final String BOX_2 = "702595316215710";
    static final String ORDER = "3845463450083";

    static List<Object> confirmStates(String vendor) {
        return Db.list(db, "SELECT shipment_id || ':' || confirm_state FROM MB_CONFIRMATION WHERE account_id = ?"
                + " ORDER BY shipment_id", "acct-" + vendor);
    }

    static List<Object> addressChanges(String vendor) {
        return Db.list(db, "SELECT receiver_phone1 FROM MB_ORDER_CHANGE WHERE account_id = ? AND order_id = ?"
                + " AND change_type = 'ADDRESS_CHANGED' ORDER BY change_id", "acct-" + vendor, ORDER);
    }

    @Test
    void aBoxArrivingAfterItsOrderWasDeliveredIsAcknowledgedAndReRead() throws Exception {
        String v = "A10000013";
        List<JsonNode> boxes = splitOrderWithTwoPhones();
        coupang().addSheet(v, (ObjectNode) boxes.get(0), LocalDate.now(SEOUL));
        runtime.pollOrders("acct-" + v);
        assertThat(confirmStates(v)).containsExactly(BOX_1 + ":CONFIRMED");
        assertThat(files("csv", "orders-acct-" + v + "-*.csv")).hasSize(1);

        // the order's other box appears once the order and its batch CSV are delivered; it has another safe number
        coupang().addSheet(v, (ObjectNode) boxes.get(1), LocalDate.now(SEOUL));
        runtime.pollOrders("acct-" + v);

        assertThat(confirmStates(v)).containsExactly(BOX_1 + ":CONFIRMED", BOX_2 + ":CONFIRMED");
        assertThat(coupang().statusOf(v, Long.parseLong(BOX_2))).isEqualTo("INSTRUCT");
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_CHANGE WHERE account_id = ? AND change_type = 'LINES_ADDED'",
                "acct-" + v)).isEqualTo(1);
        // its re-read compared its receiver with the delivered one: the other phone is a change row
        assertThat(addressChanges(v)).containsExactly("0502-7100-3002");
        assertThat(files("csv", "orders-acct-" + v + "-*.csv")).hasSize(1);

        runtime.pollOrders("acct-" + v);
        assertThat(coupang().statusCounts(v)).containsOnlyKeys("INSTRUCT");
        assertThat(addressChanges(v)).hasSize(1);
    }

    @Test
    void aSplitOrderWhoseBoxesDifferInReceiverPhoneIsAcknowledgedWhole() throws Exception {
        String v = "A10000014";
        for (JsonNode box : splitOrderWithTwoPhones()) {
            coupang().addSheet(v, (ObjectNode) box, LocalDate.now(SEOUL));
        }
        runtime.pollOrders("acct-" + v);
        runtime.pollOrders("acct-" + v);

        assertThat(confirmStates(v)).containsExactly(BOX_1 + ":CONFIRMED", BOX_2 + ":CONFIRMED");
        assertThat(coupang().orders(v).get(Long.parseLong(ORDER))).containsOnly("INSTRUCT");
        assertThat(Db.list(db, "SELECT receiver_phone1 FROM MB_ORDER WHERE account_id = ?", "acct-" + v))
                .containsExactly("0502-7100-3001");
        assertThat(addressChanges(v)).containsExactly("0502-7100-3002");
        assertThat(Db.list(db, "SELECT DISTINCT reread_state FROM MB_CONFIRMATION WHERE account_id = ?", "acct-" + v))
                .containsExactly("DONE");
    }

    @Test
    void aWaitingUnitWhoseBatchIsWrittenIsAcknowledgedAtTheNextPoll() throws Exception {
        String v = "A10000015";
        long id = coupang().createOrder(v, now().minusMinutes(3), false, 1);
        runtime.pollOrders("acct-" + v);
        // as an earlier version left a late box: WAITING, though the order's batch CSV is written
        Db.update(db, "UPDATE MB_CONFIRMATION SET confirm_state = 'WAITING', attempts = 0, reread_state = NULL"
                + " WHERE account_id = ?", "acct-" + v);
        assertThat(Db.list(db, "SELECT delivery_state FROM MB_DELIVERY WHERE account_id = ?", "acct-" + v))
                .containsExactly("DELIVERED");

        runtime.pollOrders("acct-" + v);

        assertThat(Db.list(db, "SELECT confirm_state || ':' || result_code FROM MB_CONFIRMATION WHERE order_id = ?",
                String.valueOf(id))).containsExactly("CONFIRMED:ALREADY_ACKNOWLEDGED");
    }

    @Test
    void acknowledgedBoxesAreReReadFromTheInstructListNotOneByOne() throws Exception {
        String v = "A10000016";
        for (int i = 0; i < 60; i++) {
            coupang().createOrder(v, now().minusMinutes(60 - i), false, 1);
        }
        coupang().faults().addressChangeRate = 1.0; // every receiver changes as the box is acknowledged

        runtime.pollOrders("acct-" + v);

        assertThat(runtime.outcome("acct-" + v).ok()).isTrue();
        assertThat(coupang().listCalls(v, "INSTRUCT")).isEqualTo(2);
        assertThat(coupang().singleReads(v)).isZero();
        // as strong as reading each box: every change is seen
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_CHANGE WHERE account_id = ? AND change_type = 'ADDRESS_CHANGED'",
                "acct-" + v)).isEqualTo(60);
        assertThat(Db.list(db, "SELECT DISTINCT reread_state FROM MB_CONFIRMATION WHERE account_id = ?", "acct-" + v))
                .containsExactly("DONE");
    }

    @Test
    void aDueBoxTheListDoesNotReturnIsReadAlone() throws Exception {
        String v = "A10000017";
        long old = coupang().createOrder(v, now().minusDays(3), false, 1);
        CursorStore cursors = runtime.cursors();
        cursors.store("acct-" + v, "orders", now().minusDays(4).toInstant());
        runtime.pollOrders("acct-" + v);
        // a run stopped before re-reading it; the window has moved on to today since
        Db.update(db, "UPDATE MB_CONFIRMATION SET reread_state = 'DUE' WHERE order_id = ?", String.valueOf(old));
        coupang().createOrder(v, now().minusMinutes(2), false, 1);
        coupang().createOrder(v, now().minusMinutes(1), false, 1);
        long lists = coupang().listCalls(v, "INSTRUCT");
        long singles = coupang().singleReads(v);

        runtime.pollOrders("acct-" + v);

        assertThat(coupang().listCalls(v, "INSTRUCT") - lists).isEqualTo(1);
        assertThat(coupang().singleReads(v) - singles).isEqualTo(1);
        assertThat(Db.list(db, "SELECT DISTINCT reread_state FROM MB_CONFIRMATION WHERE account_id = ?", "acct-" + v))
                .containsExactly("DONE");
    }
}
