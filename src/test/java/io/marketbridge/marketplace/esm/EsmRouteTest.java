package io.marketbridge.marketplace.esm;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.config.AccountRegistry;
import io.marketbridge.intake.CursorStore;
import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.esm.EsmSimulator;
import io.marketbridge.simulator.esm.EsmSimulatorSettings.Master;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gmarket and Auction end to end through the real route files, against the ESM simulator. Each test owns its site
 * seller IDs and accounts, so they share one runtime without sharing data.
 */
class EsmRouteTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final String MASTER = "esmmaster1";
    static final String SECRET = "esm-test-secret-1";
    static final int SELLERS = 15;

    @TempDir
    static Path out;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;

    static String g(int n) {
        return String.format("gm%02d", n);
    }

    static String a(int n) {
        return String.format("ia%02d", n);
    }

    static String account(int n) {
        return "esm-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        List<String> gm = new ArrayList<>();
        List<String> ia = new ArrayList<>();
        for (int n = 1; n <= SELLERS; n++) {
            gm.add(g(n));
            ia.add(a(n));
        }
        gm.add("gmshared");
        ia.add("iashared");
        simulator = RuntimeHarness.simulator(Map.of(), Map.of(), Map.of(MASTER, new Master(SECRET, gm, ia),
                "othermaster", new Master("other-secret", List.of("gmother"), List.of())), RuntimeHarness.ESM_INTERVAL_MS);
        Properties p = RuntimeHarness.baseProperties(out);
        String url = simulator.baseUrl();
        for (int n = 1; n <= SELLERS; n++) {
            RuntimeHarness.esmAccount(p, account(n), url, MASTER, SECRET, g(n), a(n));
        }
        p.remove("marketbridge.account.esm-7.gmarket-seller-id"); // Auction only
        p.setProperty("marketbridge.account.esm-4.page-size", "5");
        p.setProperty("marketbridge.account.esm-13.page-size", "5");
        p.setProperty("marketbridge.account.esm-11.phone-hold", "PT1H");
        p.setProperty("marketbridge.account.esm-12.phone-hold", "PT1M");
        RuntimeHarness.esmAccount(p, "bad-secret", url, MASTER, "not-the-secret", g(2), null);
        RuntimeHarness.esmAccount(p, "not-owned", url, MASTER, SECRET, "gmother", null);
        RuntimeHarness.esmAccount(p, "no-site", url, MASTER, SECRET, null, null);
        for (String s : List.of("a", "b", "c")) {
            RuntimeHarness.esmAccount(p, "shared-" + s, url, MASTER, SECRET, "gmshared", "iashared");
            p.setProperty("marketbridge.account.shared-" + s + ".auto-confirm", "false");
        }
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
        esm().faults().reset();
    }

    static EsmSimulator esm() {
        return simulator.get(EsmSimulator.class);
    }

    static long orders(String accountId) {
        return runtime.orderCount(accountId);
    }

    static void pollOk(String accountId) {
        runtime.pollOrders(accountId);
        assertThat(runtime.outcome(accountId).ok()).as(String.valueOf(runtime.outcome(accountId).message())).isTrue();
    }

    @Test
    void aSellerOnBothSitesGetsOrdersTaggedWithTheirSiteAndConfirmed() {
        long gCart = esm().createCart("G", g(1), now().minusMinutes(5), 2, false);
        long aCart = esm().createCart("A", a(1), now().minusMinutes(4), 1, false);
        long checks = esm().orderCheckCalls();
        pollOk(account(1));
        assertThat(Db.list(db, "SELECT marketplace FROM MB_ORDER WHERE order_id = ?", String.valueOf(gCart))).containsExactly("GMARKET");
        assertThat(Db.list(db, "SELECT marketplace FROM MB_ORDER WHERE order_id = ?", String.valueOf(aCart))).containsExactly("AUCTION");
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_LINE WHERE account_id = ?", account(1))).isEqualTo(3);
        for (long orderNo : esm().orderNos(gCart)) {
            assertThat(esm().statusOf(orderNo)).isEqualTo(2);
            assertThat(Db.list(db, "SELECT shipment_id FROM MB_ORDER_LINE WHERE line_id = ?", String.valueOf(orderNo)))
                    .containsExactly(String.valueOf(orderNo));
        }
        assertThat(esm().statusOf(esm().orderNos(aCart).get(0))).isEqualTo(2);
        assertThat(esm().orderCheckCalls() - checks).isEqualTo(3);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE account_id = ? AND confirm_state = 'CONFIRMED'",
                account(1))).isEqualTo(3);
        // amounts arrive as "19800.0000" and are stored as amounts
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER WHERE account_id = ? AND paid_amount > 0", account(1))).isEqualTo(2);
        // the next poll reads the same window again: nothing new (they are status 2 now)
        pollOk(account(1));
        assertThat(orders(account(1))).isEqualTo(2);
    }

    @Test
    void aGiftAcceptedLongAfterPaymentIsDeliveredWhenAccepted() throws Exception {
        // paid 3 h ago: the first poll reads it but its receiver has not accepted it (no address); the cursor moves on
        long gift = esm().createCart("G", g(15), now().minusHours(3), 1, true);
        pollOk(account(15));
        assertThat(orders(account(15))).isZero();
        assertThat(runtime.cursors().load(account(15), "orders")).isAfter(now().minusMinutes(5).toInstant());

        // accepted now: long behind the cursor by payment date, listed by its acceptance date (request-date-type 5)
        esm().acceptGift("G", g(15), gift);
        pollOk(account(15));
        assertThat(Db.list(db, "SELECT order_id FROM MB_ORDER WHERE account_id = ?", account(15)))
                .containsExactly(String.valueOf(gift));
        assertThat(esm().statusOf(esm().orderNos(gift).get(0))).as("confirmed after delivery").isEqualTo(2);
    }

    @Test
    void aWrongSecretOrASellerTheMasterDoesNotOwnIsAConfigurationErrorOfThatAccountOnly() {
        esm().createCart("G", g(2), now().minusMinutes(5), 1, false);
        for (String bad : List.of("bad-secret", "not-owned")) {
            runtime.pollOrders(bad);
            PollReport.Outcome o = runtime.outcome(bad);
            assertThat(o.ok()).isFalse();
            assertThat(o.errorType()).isEqualTo(ErrorType.CONFIGURATION);
            assertThat(o.message()).contains("HTTP 401").contains("marketbridge.account." + bad + ".secret-key")
                    .doesNotContain("not-the-secret").doesNotContain(SECRET);
        }
        pollOk(account(2));
        assertThat(orders(account(2))).isEqualTo(1);
    }

    @Test
    void anAccountOnNeitherSiteIsRefusedAtStart() {
        AccountRegistry registry = runtime.context().getRegistry().lookupByNameAndType("accountRegistry", AccountRegistry.class);
        assertThat(registry.rejected().get("no-site")).contains("gmarket-seller-id or auction-seller-id is required");
    }

    @Test
    void anEmptyListDeliversNothingAndMovesTheCursor() throws Exception {
        pollOk(account(3));
        assertThat(orders(account(3))).isZero();
        assertThat(runtime.cursors().load(account(3), "orders")).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void exactlyAPageIsOneCallAndOneMoreIsTwo() {
        for (int i = 0; i < 5; i++) {
            esm().createCart("G", g(4), now().minusMinutes(30 - i), 1, false);
        }
        long calls = esm().requestOrdersCalls();
        pollOk(account(4));
        assertThat(orders(account(4))).isEqualTo(5);
        // one Gmarket page of 5 (TotalCount 5) plus one (empty) Auction query
        assertThat(esm().requestOrdersCalls() - calls).isEqualTo(2);

        for (int i = 0; i < 6; i++) {
            esm().createCart("G", g(13), now().minusMinutes(30 - i), 1, false);
        }
        calls = esm().requestOrdersCalls();
        pollOk(account(13));
        assertThat(orders(account(13))).isEqualTo(6);
        assertThat(esm().requestOrdersCalls() - calls).isEqualTo(3); // two Gmarket pages, one Auction
        assertThat(esm().orderQueryTimes("G", g(13))).hasSize(2);
    }

    @Test
    void resumesFromTheCursorAndACursorInTheFutureReadsNothing() throws Exception {
        esm().createCart("G", g(5), now().minusHours(3), 1, false); // before the stored cursor and its overlap
        long recent = esm().createCart("G", g(5), now().minusMinutes(30), 1, false);
        runtime.cursors().store(account(5), "orders", now().minusHours(1).toInstant());
        pollOk(account(5));
        assertThat(Db.list(db, "SELECT order_id FROM MB_ORDER WHERE account_id = ?", account(5))).containsExactly(String.valueOf(recent));

        Instant future = Instant.now().plus(Duration.ofDays(2));
        runtime.cursors().store(account(5), "orders", future);
        long calls = esm().requestOrdersCalls();
        esm().createCart("G", g(5), now().minusMinutes(1), 1, false);
        runtime.pollOrders(account(5));
        assertThat(esm().requestOrdersCalls()).isEqualTo(calls);
        assertThat(orders(account(5))).isEqualTo(1);
        assertThat(runtime.cursors().load(account(5), "orders")).isEqualTo(future);
    }

    @Test
    void http500sLatencyAndTheRateLimitCodeAreWaitedOut() {
        esm().createCart("A", a(6), now().minusMinutes(5), 1, false);
        esm().faults().failNext(500, 2);
        pollOk(account(6));
        assertThat(orders(account(6))).isEqualTo(1);

        esm().createCart("A", a(6), now().minusMinutes(4), 1, false);
        esm().faults().latencyMs = 150;
        esm().faults().failNextResult(EsmSimulator.Api.REQUEST_ORDERS, 3000, 2);
        pollOk(account(6));
        assertThat(orders(account(6))).isEqualTo(2);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE account_id = ? AND confirm_state = 'CONFIRMED'",
                account(6))).isEqualTo(2);
    }

    @Test
    void aBusinessErrorOnTheListEndsThePollWithoutMovingTheCursor() throws Exception {
        esm().createCart("G", g(14), now().minusMinutes(5), 1, false);
        pollOk(account(14));
        Instant before = runtime.cursors().load(account(14), "orders");
        esm().faults().failNextResult(EsmSimulator.Api.REQUEST_ORDERS, 1000, 1);
        runtime.pollOrders(account(14));
        assertThat(runtime.outcome(account(14)).ok()).isFalse();
        assertThat(runtime.outcome(account(14)).errorType()).isEqualTo(ErrorType.REJECTED);
        assertThat(runtime.outcome(account(14)).message()).contains("ResultCode 1000");
        assertThat(runtime.cursors().load(account(14), "orders")).isEqualTo(before);
    }

    @Test
    void anAccountOnOneSiteQueriesOnlyThatSite() {
        long aCart = esm().createCart("A", a(7), now().minusMinutes(5), 2, false);
        esm().createCart("G", g(7), now().minusMinutes(5), 1, false);
        pollOk(account(7));
        assertThat(Db.list(db, "SELECT order_id FROM MB_ORDER WHERE account_id = ?", account(7))).containsExactly(String.valueOf(aCart));
        assertThat(Db.list(db, "SELECT DISTINCT marketplace FROM MB_ORDER WHERE account_id = ?", account(7))).containsExactly("AUCTION");
        assertThat(esm().orderQueryTimes("G", g(7))).isEmpty();
        assertThat(esm().orderQueryTimes("A", a(7))).hasSize(1);
    }

    @Test
    void accountsSharingASellerIdNeverBreakItsBucket() throws Exception {
        for (int i = 0; i < 4; i++) {
            esm().createCart("G", "gmshared", now().minusMinutes(10 - i), 1, false);
            esm().createCart("A", "iashared", now().minusMinutes(10 - i), 1, false);
        }
        long limited = esm().rateLimitedCalls();
        List<CompletableFuture<Void>> polls = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (String s : List.of("a", "b", "c")) {
                polls.add(CompletableFuture.runAsync(() -> runtime.pollOrders("shared-" + s)));
            }
        }
        CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get();
        for (String s : List.of("a", "b", "c")) {
            assertThat(runtime.outcome("shared-" + s).ok()).as(String.valueOf(runtime.outcome("shared-" + s).message())).isTrue();
            assertThat(orders("shared-" + s)).isEqualTo(8);
        }
        // asserted at the simulator: every order query of one site seller ID came at least one interval after the last
        assertThat(esm().rateLimitedCalls()).isEqualTo(limited);
        for (List<Long> times : List.of(esm().orderQueryTimes("G", "gmshared"), esm().orderQueryTimes("A", "iashared"))) {
            assertThat(times).hasSize(6);
            for (int i = 1; i < times.size(); i++) {
                assertThat(times.get(i) - times.get(i - 1)).as("gap %d", i).isGreaterThanOrEqualTo(RuntimeHarness.ESM_INTERVAL_MS);
            }
        }
    }

    @Test
    void anAddressChangedBeforeConfirmationBecomesAChangeRow() {
        esm().faults().addressChangeRate = 1.0;
        long cart = esm().createCart("G", g(9), now().minusMinutes(5), 1, false);
        pollOk(account(9));
        String orderId = String.valueOf(cart);
        assertThat(Db.list(db, "SELECT change_type FROM MB_ORDER_CHANGE WHERE order_id = ?", orderId)).containsExactly("ADDRESS_CHANGED");
        assertThat(Db.list(db, "SELECT marketplace FROM MB_ORDER_CHANGE WHERE order_id = ?", orderId)).containsExactly("GMARKET");
        assertThat(Db.list(db, "SELECT erp_status FROM MB_ORDER WHERE order_id = ?", orderId)).containsExactly("NEW");
    }

    @Test
    void anOrderWithoutPhonesIsHeldUntilItHasThemAndTheCursorWaitsForIt() throws Exception {
        esm().faults().freshPhoneDelay = Duration.ofHours(1);
        long cart = esm().createCart("G", g(11), now().minusMinutes(2), 1, false);
        pollOk(account(11));
        assertThat(orders(account(11))).isZero();
        assertThat(esm().statusOf(esm().orderNos(cart).get(0))).isEqualTo(1); // not delivered, so not confirmed
        assertThat(runtime.cursors().load(account(11), "orders")).isBefore(now().minusMinutes(1).toInstant());
        esm().faults().freshPhoneDelay = Duration.ZERO;
        pollOk(account(11));
        assertThat(orders(account(11))).isEqualTo(1);
        assertThat(Db.list(db, "SELECT receiver_phone1 FROM MB_ORDER WHERE account_id = ?", account(11)).get(0)).isNotNull();
        assertThat(runtime.cursors().load(account(11), "orders")).isAfter(Instant.now().minusSeconds(60));

        // held no longer than phone-hold: then delivered with what there is
        esm().faults().freshPhoneDelay = Duration.ofHours(1);
        esm().createCart("G", g(12), now().minusMinutes(5), 1, false);
        pollOk(account(12));
        assertThat(orders(account(12))).isEqualTo(1);
        assertThat(Db.list(db, "SELECT receiver_phone1 FROM MB_ORDER WHERE account_id = ?", account(12)).get(0)).isNull();
    }

    @Test
    void trackingNumbersGoOutPerOrderNoWithEsmsCourierCodes() {
        long gCart = esm().createCart("G", g(10), now().minusMinutes(5), 2, false);
        long aCart = esm().createCart("A", a(10), now().minusMinutes(5), 1, false);
        pollOk(account(10));
        long calls = esm().shippingInfoCalls();
        long gRow = ship("GMARKET", gCart, "CJ대한통운", "123456789012");
        long aRow = ship("AUCTION", aCart, "HANJIN", "5012345678");
        awaitDone(gRow);
        awaitDone(aRow);
        assertThat(Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id IN (?, ?)", gRow, aRow)).containsExactly("SENT", "SENT");
        assertThat(esm().shippingInfoCalls() - calls).isEqualTo(3);
        for (long orderNo : esm().orderNos(gCart)) {
            assertThat(esm().statusOf(orderNo)).isEqualTo(3);
            assertThat(esm().courierOf(orderNo)).isEqualTo(10013);
            assertThat(esm().invoiceOf(orderNo)).isEqualTo("123456789012");
        }
        assertThat(esm().courierOf(esm().orderNos(aCart).get(0))).isEqualTo(10007);
        assertThat(Db.list(db, "SELECT change_type FROM MB_ORDER_CHANGE WHERE order_id = ?", String.valueOf(gCart)))
                .containsExactly("SHIPPED", "SHIPPED"); // one per OrderNo
    }

    @Test
    void aRefusedShipmentIsRejectedWithEsmsCodeAndA500IsRetried() {
        long refusedCart = esm().createCart("A", a(8), now().minusMinutes(5), 1, false);
        long retriedCart = esm().createCart("A", a(8), now().minusMinutes(4), 1, false);
        pollOk(account(8));
        esm().faults().failNextResult(EsmSimulator.Api.SHIPPING_INFO, 8668, 1);
        long refused = ship("AUCTION", refusedCart, "CJ", "123456789012");
        awaitDone(refused);
        assertThat(Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", refused)).containsExactly("REJECTED");
        assertThat((String) Db.list(db, "SELECT result_code FROM MB_SHIPMENT WHERE id = ?", refused).get(0)).startsWith("8668");
        assertThat(esm().statusOf(esm().orderNos(refusedCart).get(0))).isEqualTo(2);

        esm().faults().failNext(500, 1);
        long retried = ship("AUCTION", retriedCart, "CJ", "223456789012");
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", retried).get(0)));
        assertThat(Db.count(db, "SELECT attempts FROM MB_SHIPMENT WHERE id = ?", retried)).isGreaterThanOrEqualTo(2);
        assertThat(esm().shipmentsOf(esm().orderNos(retriedCart).get(0))).isEqualTo(1);
    }

    @Test
    void aRowLeftSendingIsReadAtEsmBeforeAnythingIsSentAgain() {
        long cart = esm().createCart("G", g(10), now().minusMinutes(3), 1, false);
        pollOk(account(10));
        long orderNo = esm().orderNos(cart).get(0);
        // Lotte: accepted for star-delivery orders too (the simulator makes 5 % of its orders star orders)
        long id = ship("GMARKET", cart, "LOTTE", "6112345678901");
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", id).get(0)));
        // as if a node sent ShippingInfo and was killed before it recorded anything: SENDING, its lease over
        Db.update(db, "DELETE FROM MB_SHIPPED_LINE WHERE order_id = ?", String.valueOf(cart));
        Db.update(db, "UPDATE MB_SHIPMENT SET status = 'SENDING', attempts = 0, claimed_by = 'gone',"
                + " claimed_at = TIMESTAMP '2000-01-01 00:00:00' WHERE id = ?", id);
        long calls = esm().shippingInfoCalls();
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", id).get(0)));
        assertThat(Db.list(db, "SELECT result_code FROM MB_SHIPMENT WHERE id = ?", id)).containsExactly("ALREADY_SENT");
        assertThat(esm().shippingInfoCalls()).isEqualTo(calls);
        assertThat(esm().shipmentsOf(orderNo)).isEqualTo(1);
        assertThat(esm().courierOf(orderNo)).isEqualTo(10008);
    }

    static long ship(String marketplace, long cart, String courier, String tracking) {
        String accountId = Db.list(db, "SELECT account_id FROM MB_ORDER WHERE order_id = ?", String.valueOf(cart)).get(0).toString();
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no) VALUES (?, ?, ?, ?, ?)",
                marketplace, accountId, String.valueOf(cart), courier, tracking);
        return Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT");
    }

    static void awaitDone(long id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !List.of("READY", "SENDING", "FAILED").contains(
                (String) Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", id).get(0)));
    }
}
