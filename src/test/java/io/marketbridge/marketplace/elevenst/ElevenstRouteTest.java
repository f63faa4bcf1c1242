package io.marketbridge.marketplace.elevenst;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.intake.CursorStore;
import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.elevenst.ElevenstSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 11st end to end through the real route files, against the simulator: each test owns one seller (OpenAPI key)
 * and one account, so they share a runtime without sharing data.
 */
class ElevenstRouteTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final int SELLERS = 16;

    @TempDir
    static Path out;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;

    static String seller(int n) {
        return "ST" + n;
    }

    static String key(int n) {
        return String.format("test11stKey%05d", n);
    }

    static String account(int n) {
        return "11st-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> sellers = new LinkedHashMap<>();
        for (int n = 1; n <= SELLERS; n++) {
            sellers.put(seller(n), key(n));
        }
        simulator = RuntimeHarness.simulator(Map.of(), Map.of(), sellers);
        Properties p = RuntimeHarness.baseProperties(out);
        for (int n = 1; n <= SELLERS; n++) {
            RuntimeHarness.elevenstAccount(p, account(n), simulator.baseUrl(), key(n));
        }
        RuntimeHarness.elevenstAccount(p, "bad-key", simulator.baseUrl(), "notTheKeyOfAnySeller");
        // the 3,000-row test reads 1,000 orders; confirming 3,000 lines is another test's business
        p.setProperty("marketbridge.account." + account(4) + ".auto-confirm", "false");
        p.setProperty("marketbridge.account." + account(16) + ".auto-confirm", "false");
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
        sim().faults().reset();
        sim().faults().rareNameRate = 0;
    }

    static ElevenstSimulator sim() {
        return simulator.get(ElevenstSimulator.class);
    }

    static long orders(int n) {
        return runtime.orderCount(account(n));
    }

    static List<String> createOrders(int n, int count, int lines) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(sim().createOrder(seller(n), now().minusMinutes(5), lines, 1));
        }
        return ids;
    }

    static long shipment(int n, String orderId, String lineId, String courier, String tracking) {
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, line_id, courier, tracking_no)"
                + " VALUES ('11ST', ?, ?, ?, ?, ?)", account(n), orderId, lineId, courier, tracking);
        return Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT");
    }

    static String settled(long id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !List.of("READY", "SENDING").contains(
                (String) Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", id).get(0)));
        return (String) Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", id).get(0);
    }

    static Object column(long id, String column) {
        return Db.list(db, "SELECT " + column + " FROM MB_SHIPMENT WHERE id = ?", id).get(0);
    }

    @Test
    void ordersFlowInWithKoreanNamesIntactAndEveryLineIsConfirmed() {
        sim().faults().rareNameRate = 1.0;
        List<String> ids = createOrders(1, 3, 3);
        long confirms = sim().confirmCalls();
        runtime.pollOrders(account(1));
        assertThat(runtime.outcome(account(1)).ok()).as(runtime.outcome(account(1)).message()).isTrue();
        assertThat(orders(1)).isEqualTo(3);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_LINE WHERE account_id = ?", account(1))).isEqualTo(9);
        assertThat(Db.list(db, "SELECT DISTINCT marketplace FROM MB_ORDER WHERE account_id = ?", account(1))).containsExactly("11ST");
        for (String ordNo : ids) {
            String dlvNo = sim().bundlesOf(seller(1), ordNo).get(0);
            assertThat(Db.list(db, "SELECT DISTINCT shipment_id FROM MB_ORDER_LINE WHERE order_id = ?", ordNo)).containsExactly(dlvNo);
            assertThat(sim().statusOf(seller(1), ordNo).values()).containsOnly("301");
            assertThat(Db.list(db, "SELECT confirm_state FROM MB_CONFIRMATION WHERE shipment_id = ?", dlvNo)).containsExactly("CONFIRMED");
        }
        // names outside EUC-KR's core set, decoded through CP949
        assertThat(Db.list(db, "SELECT buyer_name FROM MB_ORDER WHERE account_id = ?", account(1)))
                .allSatisfy(name -> assertThat((String) name).containsPattern("[똠햏뷁똘쏠]").doesNotContain("?").doesNotContain("\uFFFD"));
        assertThat(sim().confirmCalls() - confirms).isEqualTo(9); // one reqpackaging per line
        runtime.pollOrders(account(1));
        assertThat(orders(1)).isEqualTo(3);
    }

    @Test
    void aWrongKeyIsAConfigurationErrorOfThatAccountOnly() {
        createOrders(2, 1, 1);
        runtime.pollOrders("bad-key");
        PollReport.Outcome bad = runtime.outcome("bad-key");
        assertThat(bad.ok()).isFalse();
        assertThat(bad.errorType()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(bad.message()).contains("marketbridge.account.bad-key.api-key").contains("-1")
                .doesNotContain("notTheKeyOfAnySeller");
        runtime.pollOrders(account(2));
        assertThat(runtime.outcome(account(2)).ok()).isTrue();
        assertThat(orders(2)).isEqualTo(1);
    }

    @Test
    void noDataDeliversNothingAndMovesTheCursor() throws Exception {
        runtime.pollOrders(account(3));
        assertThat(runtime.outcome(account(3)).ok()).as(runtime.outcome(account(3)).message()).isTrue();
        assertThat(orders(3)).isZero();
        assertThat(runtime.cursors().load(account(3), "orders")).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void anAnswerOfExactlyThreeThousandRowsIsReadAgainAsTwoHalves() {
        // 1,000 orders of 3 lines over the first poll's day: 3,000 rows, the cap; the answer may be cut off, so the
        // window is asked again as two halves, each under the cap
        for (int i = 0; i < 1000; i++) {
            sim().createOrder(seller(4), now().minusHours(23).plusSeconds(80L * i), 3, 1);
        }
        long lists = sim().listCalls();
        runtime.pollOrders(account(4));
        assertThat(runtime.outcome(account(4)).ok()).as(runtime.outcome(account(4)).message()).isTrue();
        assertThat(orders(4)).isEqualTo(1000);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_LINE WHERE account_id = ?", account(4))).isEqualTo(3000);
        assertThat(sim().listCalls() - lists).isEqualTo(3); // the full answer, then each half
    }

    @Test
    void aWindowOverSevenDaysIsSplitAndResumesFromTheCursor() throws Exception {
        String old = sim().createOrder(seller(5), now().minusDays(9), 1, 1);
        String recent = sim().createOrder(seller(5), now().minusMinutes(30), 1, 1);
        sim().createOrder(seller(5), now().minusDays(12), 1, 1); // before the stored cursor (and its overlap)
        runtime.cursors().store(account(5), "orders", now().minusDays(10).toInstant());
        long lists = sim().listCalls();
        runtime.pollOrders(account(5));
        assertThat(runtime.outcome(account(5)).ok()).as(runtime.outcome(account(5)).message()).isTrue();
        assertThat(sim().listCalls() - lists).isEqualTo(2); // 7 days, then the rest
        assertThat(Db.list(db, "SELECT order_id FROM MB_ORDER WHERE account_id = ? ORDER BY order_id", account(5)))
                .containsExactlyInAnyOrder(old, recent);
    }

    @Test
    void aCursorInTheFutureReadsNothing() throws Exception {
        Instant future = Instant.now().plus(Duration.ofDays(2));
        runtime.cursors().store(account(6), "orders", future);
        createOrders(6, 1, 1);
        long lists = sim().listCalls();
        runtime.pollOrders(account(6));
        assertThat(sim().listCalls()).isEqualTo(lists);
        assertThat(orders(6)).isZero();
        assertThat(runtime.cursors().load(account(6), "orders")).isEqualTo(future);
    }

    @Test
    void maintenanceFailsThePollWithoutMovingTheCursorAnd500sAndLatencyAreRetriedThrough() throws Exception {
        createOrders(7, 1, 1);
        sim().faults().maintenance = true;
        runtime.pollOrders(account(7));
        PollReport.Outcome o = runtime.outcome(account(7));
        assertThat(o.ok()).isFalse();
        assertThat(o.errorType()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(o.message()).contains("-1000");
        assertThat(runtime.cursors().load(account(7), "orders")).isNull();
        assertThat(orders(7)).isZero();
        sim().faults().maintenance = false;
        sim().faults().failNext(500, 2);
        sim().faults().latencyMs = 300;
        runtime.pollOrders(account(7));
        assertThat(runtime.outcome(account(7)).ok()).as(runtime.outcome(account(7)).message()).isTrue();
        assertThat(orders(7)).isEqualTo(1);
    }

    @Test
    void anUnregisteredIpIsAConfigurationErrorThatSaysSo() {
        sim().faults().ipDenied = true;
        runtime.pollOrders(account(8));
        PollReport.Outcome o = runtime.outcome(account(8));
        assertThat(o.errorType()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(o.message()).contains("AuthMessage").contains("-500").contains("IP address is not registered");
    }

    @Test
    void anXxePayloadIsRefusedRecordedAndNoFileIsRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("marker.txt");
        Files.writeString(secret, "XXE-MARKER-91c4");
        createOrders(9, 1, 1);
        sim().faults().xxeFile = secret.toAbsolutePath().toString();
        runtime.pollOrders(account(9));
        PollReport.Outcome o = runtime.outcome(account(9));
        assertThat(o.ok()).isFalse();
        assertThat(o.errorType()).isEqualTo(ErrorType.REJECTED);
        assertThat(o.message()).contains(account(9)).contains("paid orders").contains("DOCTYPE");
        assertThat(orders(9)).isZero();
        assertThat(Db.list(db, "SELECT reason FROM MB_INTAKE_ERROR WHERE account_id = ?", account(9)))
                .singleElement().asString().contains("DOCTYPE").doesNotContain("XXE-MARKER");
        assertThat(Db.list(db, "SELECT raw_payload FROM MB_INTAKE_ERROR WHERE account_id = ?", account(9)))
                .singleElement().asString().contains("<!DOCTYPE").doesNotContain("XXE-MARKER");
        // and the account works again once the answers are sane
        sim().faults().xxeFile = null;
        runtime.pollOrders(account(9));
        assertThat(runtime.outcome(account(9)).ok()).isTrue();
        assertThat(orders(9)).isEqualTo(1);
    }

    @Test
    void confirmationsCountAlreadyConfirmedAsConfirmedAndKeepRefusals() {
        List<String> ids = createOrders(10, 2, 2);
        runtime.pollOrders(account(10));
        String ok = sim().bundlesOf(seller(10), ids.get(0)).get(0);
        String refused = sim().bundlesOf(seller(10), ids.get(1)).get(0);
        assertThat(Db.list(db, "SELECT confirm_state FROM MB_CONFIRMATION WHERE shipment_id IN (?, ?)", ok, refused))
                .containsExactly("CONFIRMED", "CONFIRMED");
        // as if an earlier run confirmed them at 11st and stopped before recording that; one line cancelled since
        Db.update(db, "UPDATE MB_CONFIRMATION SET confirm_state = 'PENDING', result_code = NULL WHERE shipment_id IN (?, ?)",
                ok, refused);
        sim().cancel(seller(10), ids.get(1), "2", true);
        long confirms = sim().confirmCalls();
        // 11st lists only paid (202) lines: the bundles are read by order number, then asked line by line
        runtime.pollOrders(account(10));
        assertThat(runtime.outcome(account(10)).ok()).as(runtime.outcome(account(10)).message()).isTrue();
        assertThat(Db.list(db, "SELECT confirm_state FROM MB_CONFIRMATION WHERE shipment_id = ?", ok)).containsExactly("CONFIRMED");
        assertThat(Db.list(db, "SELECT result_code FROM MB_CONFIRMATION WHERE shipment_id = ?", ok)).containsExactly("-3206");
        assertThat(Db.list(db, "SELECT confirm_state FROM MB_CONFIRMATION WHERE shipment_id = ?", refused)).containsExactly("REJECTED");
        assertThat(Db.list(db, "SELECT result_code FROM MB_CONFIRMATION WHERE shipment_id = ?", refused)).containsExactly("-3211");
        assertThat(sim().confirmCalls() - confirms).isEqualTo(4);
    }

    @Test
    void aBundleOfSeveralLinesShipsWithOneCallAndOneTrackingNumber() {
        String ordNo = createOrders(11, 1, 3).get(0);
        runtime.pollOrders(account(11));
        long deliveries = sim().deliveryCalls();
        long id = shipment(11, ordNo, null, "CJ대한통운", "612345678911");
        assertThat(settled(id)).isEqualTo("SENT");
        assertThat(sim().deliveryCalls() - deliveries).isEqualTo(1);
        assertThat(sim().statusOf(seller(11), ordNo).values()).containsOnly("401");
        for (String seq : List.of("1", "2", "3")) {
            assertThat(sim().invoiceOf(seller(11), ordNo, seq)).isEqualTo("612345678911");
            assertThat(sim().courierOf(seller(11), ordNo, seq)).isEqualTo("00034");
        }
        assertThat(column(id, "shipment_units")).isEqualTo(sim().bundlesOf(seller(11), ordNo).get(0));
        // lines of one bundle with their own numbers go out through the partial path, each with its number
        String split = createOrders(11, 1, 2).get(0);
        runtime.pollOrders(account(11));
        long a = shipment(11, split, "1", "HANJIN", "512345678901");
        long b = shipment(11, split, "2", "HANJIN", "512345678902");
        assertThat(settled(a)).isEqualTo("SENT");
        assertThat(settled(b)).isEqualTo("SENT");
        assertThat(sim().invoiceOf(seller(11), split, "1")).isEqualTo("512345678901");
        assertThat(sim().invoiceOf(seller(11), split, "2")).isEqualTo("512345678902");
    }

    @Test
    void invalidInvoiceAndCourierAnswersAreRejectedWithElevenstsMessage() {
        List<String> ids = createOrders(12, 2, 1);
        runtime.pollOrders(account(12));
        sim().faults().actionCode(-3306, 1);
        long a = shipment(12, ids.get(0), null, "CJ", "612345678912");
        assertThat(settled(a)).isEqualTo("REJECTED");
        assertThat(column(a, "result_code")).isEqualTo("-3306");
        assertThat((String) column(a, "result_message")).contains("시뮬레이터");
        sim().faults().actionCode(-3307, 1);
        long b = shipment(12, ids.get(1), null, "LOTTE", "312345678912");
        assertThat(settled(b)).isEqualTo("REJECTED");
        assertThat(column(b, "result_code")).isEqualTo("-3307");
        assertThat(sim().statusOf(seller(12), ids.get(1)).values()).containsOnly("301");
    }

    @Test
    void alreadyShippedAndUsedInvoiceAnswersAreSettledByReadingTheOrder() {
        List<String> ids = createOrders(13, 3, 1);
        runtime.pollOrders(account(13));
        // shipped in Seller Office with the same number: -3308, then the read shows our number: SENT, no second send
        String dlv0 = sim().bundlesOf(seller(13), ids.get(0)).get(0);
        sim().shipInSellerOffice(seller(13), dlv0, "00011", "512345678913");
        long same = shipment(13, ids.get(0), null, "HANJIN", "512345678913");
        assertThat(settled(same)).isEqualTo("SENT");
        assertThat(column(same, "result_code")).isEqualTo("ALREADY_SENT");
        assertThat(sim().deliveriesOf(seller(13), ids.get(0), "1")).isEqualTo(1);
        // shipped there with another number: REJECTED with 11st's code
        String dlv1 = sim().bundlesOf(seller(13), ids.get(1)).get(0);
        sim().shipInSellerOffice(seller(13), dlv1, "00011", "512345670000");
        long other = shipment(13, ids.get(1), null, "HANJIN", "512345671111");
        assertThat(settled(other)).isEqualTo("REJECTED");
        assertThat(column(other, "result_code")).isEqualTo("-3308");
        // a number already used on another bundle: -3320, nothing shipped: REJECTED
        long reused = shipment(13, ids.get(2), null, "HANJIN", "512345670000");
        assertThat(settled(reused)).isEqualTo("REJECTED");
        assertThat(column(reused, "result_code")).isEqualTo("-3320");
        assertThat(sim().statusOf(seller(13), ids.get(2)).values()).containsOnly("301");
    }

    @Test
    void maintenanceWhileShippingFailsAndIsRetriedLater() {
        String ordNo = createOrders(14, 1, 2).get(0);
        runtime.pollOrders(account(14));
        sim().faults().maintenance = true;
        long id = shipment(14, ordNo, null, "EPOST", "6112345678914");
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(column(id, "status")));
        assertThat((String) column(id, "result_message")).contains("-1000");
        sim().faults().maintenance = false;
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(column(id, "status")));
        assertThat(sim().statusOf(seller(14), ordNo).values()).containsOnly("401");
    }

    @Test
    void aRowLeftSendingIsReadAtElevenstBeforeAnythingIsSentAgain() {
        String ordNo = createOrders(15, 1, 2).get(0);
        runtime.pollOrders(account(15));
        long id = shipment(15, ordNo, null, "LOGEN", "41234567891");
        assertThat(settled(id)).isEqualTo("SENT");
        long deliveries = sim().deliveryCalls();
        // as if a node sent it and was killed before it recorded anything: its row is SENDING, its lease over
        Db.update(db, "DELETE FROM MB_SHIPPED_LINE WHERE order_id = ?", ordNo);
        Db.update(db, "UPDATE MB_SHIPMENT SET status = 'SENDING', attempts = 0, claimed_by = 'gone',"
                + " claimed_at = TIMESTAMP '2000-01-01 00:00:00' WHERE id = ?", id);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(column(id, "status"))
                && "ALREADY_SENT".equals(column(id, "result_code")));
        assertThat(sim().deliveryCalls()).isEqualTo(deliveries);
        assertThat(sim().deliveriesOf(seller(15), ordNo, "1")).isEqualTo(1);
    }

    @Test
    void withoutAutoConfirmTheShipmentConfirmsEachLineFirst() throws Exception {
        String ordNo = createOrders(16, 1, 2).get(0);
        runtime.pollOrders(account(16));
        assertThat(sim().statusOf(seller(16), ordNo).values()).containsOnly("202");
        long id = shipment(16, ordNo, null, "CJ", "612345678916");
        assertThat(settled(id)).as(String.valueOf(column(id, "result_message"))).isEqualTo("SENT");
        assertThat(sim().statusOf(seller(16), ordNo).values()).containsOnly("401");
        String dlvNo = sim().bundlesOf(seller(16), ordNo).get(0);
        assertThat(Db.list(db, "SELECT confirm_state FROM MB_CONFIRMATION WHERE shipment_id = ?", dlvNo)).containsExactly("CONFIRMED");
        // the control endpoint works from outside too
        HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(simulator.baseUrl() + "/_simulator/elevenst/stats")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stats.body()).contains("\"" + seller(16) + "\"").contains("deliveryCalls");
    }
}
