package io.marketbridge.marketplace.naver;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.intake.CursorStore;
import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.naver.NaverSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
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
 * Naver SmartStore end to end through the real route files, against the simulator: each test owns one
 * seller (application) and one account, so they share a runtime without sharing data.
 */
class NaverRouteTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final int SELLERS = 15;

    @TempDir
    static Path out;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;

    static String seller(int n) {
        return String.format("S%07d", n);
    }

    static String clientId(int n) {
        return String.format("testNaverClient%07d", n);
    }

    static String secret(int n) {
        return String.format("$2a$04$TestNaverSecret%07d", n);
    }

    static String account(int n) {
        return "naver-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        Map<String, String[]> sellers = new LinkedHashMap<>();
        for (int n = 1; n <= SELLERS; n++) {
            sellers.put(seller(n), new String[] {clientId(n), secret(n)});
        }
        simulator = RuntimeHarness.simulator(Map.of(), sellers);
        Properties p = RuntimeHarness.baseProperties(out);
        for (int n = 1; n <= SELLERS; n++) {
            RuntimeHarness.naverAccount(p, account(n), simulator.baseUrl(), clientId(n), secret(n));
        }
        // the right client id with a secret of the right shape that is not the application's
        RuntimeHarness.naverAccount(p, "bad-secret", simulator.baseUrl(), clientId(2), "$2a$04$NotTheSecretOfThisApp0");
        p.setProperty("marketbridge.account.naver-11.auto-confirm", "false");
        p.setProperty("marketbridge.account.seller-without-id.marketplace", "naver");
        p.setProperty("marketbridge.account.seller-without-id.client-id", "someClientId01");
        p.setProperty("marketbridge.account.seller-without-id.client-secret", secret(1));
        p.setProperty("marketbridge.account.seller-without-id.token-type", "SELLER");
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
        naver().faults().reset();
        naver().faults().giftRate = 0;
    }

    static NaverSimulator naver() {
        return simulator.get(NaverSimulator.class);
    }

    static long orders(int n) {
        return runtime.orderCount(account(n));
    }

    static List<String> createOrders(int n, int count, int lines) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(naver().createOrder(seller(n), now().minusMinutes(5), lines));
        }
        return ids;
    }

    @Test
    void ordersFlowInAndAreConfirmed() {
        List<String> ids = createOrders(1, 3, 2);
        long confirms = naver().confirmCalls();
        runtime.pollOrders(account(1));
        assertThat(runtime.outcome(account(1)).ok()).as(runtime.outcome(account(1)).message()).isTrue();
        assertThat(orders(1)).isEqualTo(3);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_LINE WHERE account_id = ?", account(1))).isEqualTo(6);
        assertThat(Db.list(db, "SELECT DISTINCT marketplace FROM MB_ORDER WHERE account_id = ?", account(1))).containsExactly("NAVER");
        for (String orderId : ids) {
            for (String po : naver().productOrderIds(seller(1), orderId)) {
                assertThat(naver().placeOrderStatusOf(seller(1), po)).isEqualTo("OK");
                assertThat(Db.list(db, "SELECT shipment_id FROM MB_ORDER_LINE WHERE line_id = ?", po)).containsExactly(po);
            }
        }
        assertThat(naver().confirmCalls() - confirms).isEqualTo(1); // 6 product orders: one call
        // the next poll finds them again (overlapping window) and adds nothing
        runtime.pollOrders(account(1));
        assertThat(orders(1)).isEqualTo(3);
    }

    @Test
    void aWrongSecretIsAConfigurationErrorOfThatAccountOnly() {
        createOrders(2, 1, 1);
        runtime.pollOrders("bad-secret");
        PollReport.Outcome bad = runtime.outcome("bad-secret");
        assertThat(bad.ok()).isFalse();
        assertThat(bad.errorType()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(bad.message()).contains("marketbridge.account.bad-secret.client-secret")
                .doesNotContain("NotTheSecretOfThisApp");
        runtime.pollOrders(account(2));
        assertThat(runtime.outcome(account(2)).ok()).isTrue();
        assertThat(orders(2)).isEqualTo(1);
    }

    @Test
    void aSellerTokenWithoutTheSellersIdIsRefusedAtStart() {
        io.marketbridge.config.AccountRegistry registry = runtime.context().getRegistry()
                .lookupByNameAndType("accountRegistry", io.marketbridge.config.AccountRegistry.class);
        assertThat(registry.rejected().get("seller-without-id"))
                .contains("marketbridge.account.seller-without-id.seller-account-id is required when token-type is SELLER");
    }

    @Test
    void anEmptyFeedDeliversNothingAndMovesTheCursor() throws Exception {
        runtime.pollOrders(account(3));
        assertThat(runtime.outcome(account(3)).ok()).isTrue();
        assertThat(orders(3)).isZero();
        CursorStore cursors = runtime.cursors();
        assertThat(cursors.load(account(3), "orders")).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void exactlyThreeHundredChangesAreOnePageAndThreeHundredAndOneAreTwo() {
        createOrders(4, 300, 1);
        long feed = naver().feedCalls();
        long confirms = naver().confirmCalls();
        runtime.pollOrders(account(4));
        assertThat(orders(4)).isEqualTo(300);
        // one page of 300 changes, and no `more`
        assertThat(naver().feedCalls() - feed).isEqualTo(1);
        assertThat(naver().confirmCalls() - confirms).isEqualTo(10);

        createOrders(13, 301, 1);
        feed = naver().feedCalls();
        runtime.pollOrders(account(13));
        assertThat(runtime.outcome(account(13)).ok()).isTrue();
        assertThat(orders(13)).isEqualTo(301);
        assertThat(naver().feedCalls() - feed).isEqualTo(2); // the 301st change comes on a `more` page
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE account_id = ? AND confirm_state = 'CONFIRMED'",
                account(13))).isEqualTo(301);
    }

    @Test
    void resumesFromTheCursorAndACursorInTheFutureReadsNothing() throws Exception {
        CursorStore cursors = runtime.cursors();
        naver().createOrder(seller(5), now().minusHours(3), 1); // before the stored cursor (and its overlap)
        String recent = naver().createOrder(seller(5), now().minusMinutes(30), 1);
        cursors.store(account(5), "orders", now().minusHours(1).toInstant());
        runtime.pollOrders(account(5));
        assertThat(Db.list(db, "SELECT order_id FROM MB_ORDER WHERE account_id = ?", account(5))).containsExactly(recent);

        Instant future = Instant.now().plus(Duration.ofDays(2));
        cursors.store(account(5), "orders", future);
        long feed = naver().feedCalls();
        createOrders(5, 1, 1);
        runtime.pollOrders(account(5));
        assertThat(naver().feedCalls()).isEqualTo(feed);
        assertThat(orders(5)).isEqualTo(1);
        assertThat(cursors.load(account(5), "orders")).isEqualTo(future);
    }

    @Test
    void aTokenThatExpiresMidRunIsReplacedOnce() {
        createOrders(6, 1, 1);
        runtime.pollOrders(account(6));
        long issued = naver().tokensIssued();
        naver().faults().expireTokens();
        createOrders(6, 1, 1);
        runtime.pollOrders(account(6));
        assertThat(runtime.outcome(account(6)).ok()).as(runtime.outcome(account(6)).message()).isTrue();
        assertThat(orders(6)).isEqualTo(2);
        assertThat(naver().tokensIssued() - issued).isEqualTo(1);
    }

    @Test
    void retriesAfter429AndAfter500() {
        createOrders(7, 1, 1);
        naver().faults().failNext(429, 1);
        runtime.pollOrders(account(7));
        assertThat(runtime.outcome(account(7)).ok()).isTrue();
        assertThat(orders(7)).isEqualTo(1);
        createOrders(7, 1, 1);
        naver().faults().failNext(500, 1);
        runtime.pollOrders(account(7));
        assertThat(runtime.outcome(account(7)).ok()).isTrue();
        assertThat(orders(7)).isEqualTo(2);
    }

    @Test
    void thirtyOneConfirmationsAreTwoCallsAndARefusalIsKept() {
        List<String> ids = createOrders(8, 31, 1);
        String cancelled = naver().productOrderIds(seller(8), ids.get(5)).get(0);
        naver().requestCancel(seller(8), cancelled);
        long confirms = naver().confirmCalls();
        runtime.pollOrders(account(8));
        assertThat(orders(8)).isEqualTo(31);
        assertThat(naver().confirmCalls() - confirms).isEqualTo(2);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE account_id = ? AND confirm_state = 'CONFIRMED'",
                account(8))).isEqualTo(30);
        assertThat(Db.list(db, "SELECT confirm_state FROM MB_CONFIRMATION WHERE shipment_id = ?", cancelled)).containsExactly("REJECTED");
        assertThat(Db.list(db, "SELECT result_code FROM MB_CONFIRMATION WHERE shipment_id = ?", cancelled)).containsExactly("104442");
        assertThat(Db.list(db, "SELECT status FROM MB_ORDER_LINE WHERE line_id = ?", cancelled)).containsExactly("CANCEL_REQUESTED");
    }

    @Test
    void anAddressChangedBeforeConfirmationBecomesAChangeRow() {
        naver().faults().addressChangeRate = 1.0;
        String orderId = createOrders(9, 1, 1).get(0);
        runtime.pollOrders(account(9));
        assertThat(Db.list(db, "SELECT change_type FROM MB_ORDER_CHANGE WHERE order_id = ?", orderId)).containsExactly("ADDRESS_CHANGED");
        assertThat(Db.list(db, "SELECT erp_status FROM MB_ORDER WHERE order_id = ?", orderId)).containsExactly("NEW");
    }

    @Test
    void anUnregisteredIpIsAConfigurationErrorThatSaysSo() {
        naver().faults().ipDenied = true;
        runtime.pollOrders(account(10));
        PollReport.Outcome o = runtime.outcome(account(10));
        assertThat(o.errorType()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(o.message()).contains("GW.IP_NOT_ALLOWED").contains("must be registered");
    }

    @Test
    void trackingNumbersAreDispatchedInChunksOfThirty() {
        // auto-confirm off: the shipment flow confirms first
        List<String> ids = createOrders(11, 31, 1);
        runtime.pollOrders(account(11));
        assertThat(orders(11)).isEqualTo(31);
        String first = naver().productOrderIds(seller(11), ids.get(0)).get(0);
        assertThat(naver().placeOrderStatusOf(seller(11), first)).isEqualTo("NOT_YET");
        long dispatches = naver().dispatchCalls();
        List<Long> rows = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no) VALUES ('NAVER', ?, ?, ?, ?)",
                    account(11), ids.get(i), i == 3 ? "DIRECT" : "CJ대한통운", i == 3 ? "" : String.valueOf(600_000_000_000L + i));
            rows.add(Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Db.count(db, "SELECT COUNT(*) FROM MB_SHIPMENT WHERE account_id = ? AND status IN ('SENT', 'REJECTED', 'FAILED')", account(11)) == 31);
        assertThat(Db.list(db, "SELECT DISTINCT status FROM MB_SHIPMENT WHERE account_id = ?", account(11))).containsExactly("SENT");
        assertThat(naver().dispatchCalls() - dispatches).isEqualTo(2);
        assertThat(naver().statusOf(seller(11), first)).isEqualTo("DELIVERING");
        assertThat(naver().trackingOf(seller(11), first)).isEqualTo("600000000000");
        assertThat(naver().courierOf(seller(11), first)).isEqualTo("CJGLS");
        assertThat(Db.list(db, "SELECT confirm_state FROM MB_CONFIRMATION WHERE shipment_id = ?", first)).containsExactly("CONFIRMED");
        assertThat(Db.list(db, "SELECT change_type FROM MB_ORDER_CHANGE WHERE order_id = ?", ids.get(0))).containsExactly("SHIPPED");
    }

    @Test
    void aDispatchRefusedByNaverIsRejectedWithItsCode() {
        String orderId = createOrders(12, 1, 1).get(0);
        runtime.pollOrders(account(12));
        String po = naver().productOrderIds(seller(12), orderId).get(0);
        naver().requestCancel(seller(12), po);
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no) VALUES ('NAVER', ?, ?, 'HANJIN', '5012345678')",
                account(12), orderId);
        long id = Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT");
        await().atMost(Duration.ofSeconds(30)).until(() -> !List.of("READY", "SENDING").contains(
                (String) Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", id).get(0)));
        assertThat(Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", id)).containsExactly("REJECTED");
        assertThat(Db.list(db, "SELECT result_code FROM MB_SHIPMENT WHERE id = ?", id)).containsExactly("CANCEL_REQUESTED");
        assertThat(naver().statusOf(seller(12), po)).isEqualTo("PAYED");
    }

    @Test
    void aRowLeftSendingIsReadAtNaverBeforeAnythingIsSentAgain() {
        String orderId = createOrders(14, 1, 1).get(0);
        runtime.pollOrders(account(14));
        String po = naver().productOrderIds(seller(14), orderId).get(0);
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no) VALUES ('NAVER', ?, ?, 'EPOST', '6112345678901')",
                account(14), orderId);
        long id = Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT");
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", id).get(0)));
        // as if a node dispatched and was killed before it recorded anything: its row is SENDING, its lease over
        Db.update(db, "DELETE FROM MB_SHIPPED_LINE WHERE order_id = ?", orderId);
        Db.update(db, "UPDATE MB_SHIPMENT SET status = 'SENDING', attempts = 0, claimed_by = 'gone',"
                + " claimed_at = TIMESTAMP '2000-01-01 00:00:00' WHERE id = ?", id);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", id).get(0)));
        assertThat(Db.list(db, "SELECT result_code FROM MB_SHIPMENT WHERE id = ?", id)).containsExactly("ALREADY_SENT");
        assertThat(naver().dispatchesOf(seller(14), po)).isEqualTo(1);
        assertThat(naver().courierOf(seller(14), po)).isEqualTo("EPOST");
    }

    @Test
    void aGiftIsDeliveredOnceItsReceiverGaveAnAddress() {
        String gift = naver().createOrder(seller(15), now().minusMinutes(5), 1, true);
        runtime.pollOrders(account(15));
        assertThat(runtime.outcome(account(15)).ok()).isTrue();
        assertThat(orders(15)).isZero(); // no address yet: not the seller's to ship
        naver().receiveGift(seller(15), gift);
        runtime.pollOrders(account(15));
        assertThat(Db.list(db, "SELECT order_id FROM MB_ORDER WHERE account_id = ?", account(15))).containsExactly(gift);
        String po = naver().productOrderIds(seller(15), gift).get(0);
        assertThat(naver().placeOrderStatusOf(seller(15), po)).isEqualTo("OK");
    }
}
