package io.marketbridge.marketplace.lotteon;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.ConnectionCheck;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.simulator.lotteon.LotteonSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.SimulatedRuntime;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lotte ON end to end through the real route files, against the simulator: each test owns one trader (API key) and
 * one account, so they share a runtime without sharing data. The acceptance cases every connector passes, then
 * acknowledgement and shipping.
 */
class LotteonRouteTest {

    static final int TRADERS = 18;

    @TempDir
    static Path out;
    static SimulatedRuntime rt;
    static DataSource db;

    static String trader(int n) {
        return "T" + (1000 + n);
    }

    static String key(int n) {
        return String.format("test-lotteon-key-%05d", n);
    }

    static String account(int n) {
        return "lotteon-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        rt = SimulatedRuntime.lotteon(out, TRADERS, LotteonRouteTest::trader, LotteonRouteTest::key, LotteonRouteTest::account, p -> {
            io.marketbridge.support.RuntimeHarness.lotteonAccount(p, "bad-key",
                    p.getProperty("marketbridge.account." + account(1) + ".base-url"), "notTheKeyOfAnyTrader");
            p.setProperty("marketbridge.account." + account(14) + ".ship.preparing-first", "true");
            p.setProperty("marketbridge.account." + account(15) + ".auth.key-placement", "QUERY");
            p.setProperty("marketbridge.account." + account(16) + ".tr-no", trader(16));
            p.setProperty("marketbridge.account." + account(17) + ".auto-confirm", "false");
        });
        db = rt.db();
    }

    @AfterAll
    static void stop() throws Exception {
        rt.close();
    }

    @AfterEach
    void resetFaults() {
        sim().faults().reset();
    }

    static LotteonSimulator sim() {
        return rt.simulator().get(LotteonSimulator.class);
    }

    static long orders(int n) {
        return rt.runtime().orderCount(account(n));
    }

    static PollReport.Outcome poll(int n) {
        rt.runtime().pollOrders(account(n));
        return rt.runtime().outcome(account(n));
    }

    static List<String> createOrders(int n, int count, int lines) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(sim().createOrder(trader(n), now().minusMinutes(5), lines));
        }
        return ids;
    }

    static long shipment(int n, String orderId, String lineId, String courier, String tracking) {
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, line_id, courier, tracking_no)"
                + " VALUES ('LOTTEON', ?, ?, ?, ?, ?)", account(n), orderId, lineId, courier, tracking);
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

    static String confirmState(String odNo) {
        return (String) Db.list(db, "SELECT confirm_state FROM MB_CONFIRMATION WHERE shipment_id = ?", odNo).get(0);
    }

    // ------------------------------------------------------------ the acceptance cases

    @Test
    void ordersFlowInWithTheirLinesAndEveryLineIsAcknowledged() {
        List<String> ids = createOrders(1, 3, 2);
        assertThat(poll(1).ok()).as(rt.runtime().outcome(account(1)).message()).isTrue();
        assertThat(orders(1)).isEqualTo(3);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_LINE WHERE account_id = ?", account(1))).isEqualTo(6);
        assertThat(Db.list(db, "SELECT DISTINCT marketplace FROM MB_ORDER WHERE account_id = ?", account(1))).containsExactly("LOTTEON");
        for (String odNo : ids) {
            assertThat(Db.list(db, "SELECT line_id FROM MB_ORDER_LINE WHERE order_id = ? ORDER BY line_id", odNo))
                    .containsExactly(odNo + "-1-1", odNo + "-2-1");
            assertThat(sim().ifCompleteOf(trader(1), odNo, 1)).isEqualTo("Y");
            assertThat(sim().ifCompleteOf(trader(1), odNo, 2)).isEqualTo("Y");
            assertThat(confirmState(odNo)).isEqualTo("CONFIRMED");
        }
        assertThat(Db.list(db, "SELECT receiver_name FROM MB_ORDER WHERE account_id = ?", account(1)))
                .allSatisfy(name -> assertThat((String) name).matches("[가-힣]{2,4}"));
        poll(1);
        assertThat(orders(1)).isEqualTo(3);
    }

    @Test
    void aWrongKeyIsAConfigurationErrorOfThatAccountOnly() {
        createOrders(2, 1, 1);
        rt.runtime().pollOrders("bad-key");
        PollReport.Outcome bad = rt.runtime().outcome("bad-key");
        assertThat(bad.ok()).isFalse();
        assertThat(bad.errorType()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(bad.message()).contains("bad-key").contains("HTTP 401").contains("marketbridge.account.bad-key.api-key")
                .doesNotContain("notTheKeyOfAnyTrader");
        assertThat(poll(2).ok()).isTrue();
        assertThat(orders(2)).isEqualTo(1);
    }

    @Test
    void anUnregisteredIpIsAConfigurationErrorThatSaysSo() {
        sim().faults().ipDenied = true;
        PollReport.Outcome o = poll(3);
        assertThat(o.errorType()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(o.message()).contains(account(3)).contains("HTTP 403").contains("IP address must be registered")
                .contains("Lotte ON seller office");
    }

    @Test
    void noDataDeliversNothingAndMovesTheCursor() throws Exception {
        assertThat(poll(4).ok()).isTrue();
        assertThat(orders(4)).isZero();
        assertThat(rt.runtime().cursors().load(account(4), "orders")).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void aWindowOverOneDayIsSplitIntoOneDaySearchesAndResumesFromTheCursor() throws Exception {
        String old = sim().createOrder(trader(5), now().minusHours(60), 1);
        String recent = sim().createOrder(trader(5), now().minusMinutes(30), 1);
        sim().createOrder(trader(5), now().minusDays(5), 1); // before the stored cursor (and its overlap)
        rt.runtime().cursors().store(account(5), "orders", now().minusDays(3).toInstant());
        long searches = sim().searchCalls();
        assertThat(poll(5).ok()).as(rt.runtime().outcome(account(5)).message()).isTrue();
        assertThat(sim().searchCalls() - searches).isEqualTo(4); // three days and ten minutes: four one-day searches
        assertThat(Db.list(db, "SELECT order_id FROM MB_ORDER WHERE account_id = ?", account(5)))
                .containsExactlyInAnyOrder(old, recent);
        // a failed poll leaves the cursor; the next one resumes from it
        Instant cursor = rt.runtime().cursors().load(account(5), "orders");
        String later = sim().createOrder(trader(5), now().minusMinutes(1), 1);
        sim().faults().failNext(500, 50);
        assertThat(poll(5).errorType()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(rt.runtime().cursors().load(account(5), "orders")).isEqualTo(cursor);
        sim().faults().reset();
        assertThat(poll(5).ok()).isTrue();
        assertThat(Db.list(db, "SELECT order_id FROM MB_ORDER WHERE account_id = ?", account(5))).contains(later);
    }

    @Test
    void aCursorInTheFutureReadsNothing() throws Exception {
        Instant future = Instant.now().plus(Duration.ofDays(2));
        rt.runtime().cursors().store(account(6), "orders", future);
        createOrders(6, 1, 1);
        long searches = sim().searchCalls();
        poll(6);
        assertThat(sim().searchCalls()).isEqualTo(searches);
        assertThat(orders(6)).isZero();
        assertThat(rt.runtime().cursors().load(account(6), "orders")).isEqualTo(future);
    }

    @Test
    void fiveHundredsAndTooManyCallsAndACutOffAnswerAreRetriedThrough() {
        createOrders(7, 2, 1);
        sim().faults().failNext(500, 1);
        sim().faults().failNext(429, 1);
        sim().faults().malformedNext(1);
        sim().faults().latencyMs = 200;
        assertThat(poll(7).ok()).as(rt.runtime().outcome(account(7)).message()).isTrue();
        assertThat(orders(7)).isEqualTo(2);
    }

    @Test
    void aMalformedRowGoesToTheErrorTableWhileTheRestGoesThrough() {
        sim().createOrder(trader(8), now().minusMinutes(4), 1);
        sim().faults().malformedRowRate = 1.0;
        String broken = sim().createOrder(trader(8), now().minusMinutes(3), 2);
        sim().faults().malformedRowRate = 0;
        sim().createOrder(trader(8), now().minusMinutes(2), 1);
        assertThat(poll(8).ok()).isTrue();
        poll(8);
        assertThat(orders(8)).isEqualTo(2);
        assertThat(Db.list(db, "SELECT payload_ref FROM MB_INTAKE_ERROR WHERE account_id = ?", account(8)))
                .containsExactly("odNo:" + broken);
        assertThat(Db.list(db, "SELECT reason FROM MB_INTAKE_ERROR WHERE account_id = ?", account(8)))
                .singleElement().asString().contains("odQty").doesNotContain("한개");
        assertThat(sim().ifCompleteOf(trader(8), broken, 1)).isEqualTo("N");
    }

    @Test
    void theConnectionCheckIsTheIdentityCall() {
        Account account = rt.runtime().context().getRegistry().lookupByNameAndType("accountRegistry", AccountRegistry.class)
                .accounts().stream().filter(a -> a.id().equals(account(9))).findFirst().orElseThrow();
        ConnectionCheck check = new LotteonConnector().connectionCheck(account, Clock.systemUTC());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Exchange answer = rt.runtime().context().createProducerTemplate().send("direct:" + check.callRoute(), ex -> {
            ex.setProperty(PollContext.PROPERTY, new PollContext<>(account, "check", now.minusDays(1), now, null));
            ex.setProperty(ApiRequest.PROPERTY, check.request());
        });
        assertThat(answer.getException()).isNull();
        assertThat(answer.getMessage().getBody(JsonNode.class).path("data").path("trNo").asText()).isEqualTo(trader(9));
    }

    // ------------------------------------------------------------ acknowledgement

    @Test
    void aLineRefusedInsideASuccessfulEnvelopeRejectsItsOrderAndTheOthersAreConfirmed() {
        List<String> ids = createOrders(10, 3, 1);
        sim().cancel(trader(10), ids.get(1), 1); // gone from the list: not delivered at all
        sim().faults().refuseNextRows("3999", 1); // the first row of the IfComplete call
        assertThat(poll(10).ok()).isTrue();
        assertThat(orders(10)).isEqualTo(2);
        assertThat(confirmState(ids.get(0))).isEqualTo("REJECTED");
        assertThat(Db.list(db, "SELECT result_code FROM MB_CONFIRMATION WHERE shipment_id = ?", ids.get(0))).containsExactly("3999");
        assertThat(confirmState(ids.get(2))).isEqualTo("CONFIRMED");
        // without per-row results, a refusal of the whole call leaves the orders to be tried again
        String next = createOrders(10, 1, 1).get(0);
        sim().faults().rowResults = false;
        sim().faults().refuseNextRows("3999", 1);
        poll(10);
        assertThat(confirmState(next)).isEqualTo("FAILED");
        poll(10);
        assertThat(confirmState(next)).isEqualTo("CONFIRMED");
    }

    // ------------------------------------------------------------ shipping

    @Test
    void anOrderOfSeveralLinesShipsInOneCallWithTheFourDigitCourierCode() {
        String odNo = createOrders(11, 1, 3).get(0);
        poll(11);
        long informs = sim().informCalls();
        long id = shipment(11, odNo, null, "CJ대한통운", "612345678911");
        assertThat(settled(id)).as(String.valueOf(column(id, "result_message"))).isEqualTo("SENT");
        assertThat(sim().informCalls() - informs).isEqualTo(1);
        assertThat(sim().stepsOf(trader(11), odNo).values()).containsOnly("13");
        for (int seq = 1; seq <= 3; seq++) {
            assertThat(sim().invoiceOf(trader(11), odNo, seq)).isEqualTo("0002/612345678911");
        }
        // lines of one order with their own numbers go out row by row, each with its number
        String split = createOrders(11, 1, 2).get(0);
        poll(11);
        long a = shipment(11, split, split + "-1-1", "HANJIN", "512345678901");
        long b = shipment(11, split, split + "-2-1", "롯데택배", "312345678902");
        assertThat(settled(a)).isEqualTo("SENT");
        assertThat(settled(b)).isEqualTo("SENT");
        assertThat(sim().invoiceOf(trader(11), split, 1)).isEqualTo("0006/512345678901");
        assertThat(sim().invoiceOf(trader(11), split, 2)).isEqualTo("0001/312345678902");
    }

    @Test
    void aRefusalIsSettledByReadingTheProgressState() {
        List<String> ids = createOrders(12, 3, 1);
        poll(12);
        // shipped in the seller office with the same number: refused (3102), the read shows our number: SENT
        sim().shipInSellerOffice(trader(12), ids.get(0), 1, "0006", "512345678912");
        long same = shipment(12, ids.get(0), null, "HANJIN", "512345678912");
        assertThat(settled(same)).isEqualTo("SENT");
        assertThat(column(same, "result_code")).isEqualTo("ALREADY_SENT");
        assertThat(sim().shipmentsOf(trader(12), ids.get(0), 1)).isEqualTo(1);
        // refused inside a "0000" envelope, nothing shipped: REJECTED with Lotte ON's code and words
        sim().faults().refuseNextRows("3104", 1);
        long refused = shipment(12, ids.get(1), null, "CJ", "612345678912");
        assertThat(settled(refused)).isEqualTo("REJECTED");
        assertThat(column(refused, "result_code")).isEqualTo("3104");
        assertThat((String) column(refused, "result_message")).contains("시뮬레이터");
        assertThat(sim().stepsOf(trader(12), ids.get(1)).values()).containsOnly("11");
        // shipped there with another number: REJECTED
        sim().shipInSellerOffice(trader(12), ids.get(2), 1, "0006", "512345670000");
        long other = shipment(12, ids.get(2), null, "HANJIN", "512345671111");
        assertThat(settled(other)).isEqualTo("REJECTED");
        assertThat(column(other, "result_code")).isEqualTo("3102");
    }

    @Test
    void aRowLeftSendingIsReadAtLotteOnBeforeAnythingIsSentAgain() {
        String odNo = createOrders(13, 1, 2).get(0);
        poll(13);
        long id = shipment(13, odNo, null, "LOGEN", "41234567891");
        assertThat(settled(id)).isEqualTo("SENT");
        long informs = sim().informCalls();
        long reads = sim().stateCalls();
        // as if a node sent it and was killed before it recorded anything: its row is SENDING, its lease over
        Db.update(db, "DELETE FROM MB_SHIPPED_LINE WHERE order_id = ?", odNo);
        Db.update(db, "UPDATE MB_SHIPMENT SET status = 'SENDING', attempts = 0, claimed_by = 'gone',"
                + " claimed_at = TIMESTAMP '2000-01-01 00:00:00' WHERE id = ?", id);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(column(id, "status"))
                && "ALREADY_SENT".equals(column(id, "result_code")));
        assertThat(sim().informCalls()).isEqualTo(informs);
        assertThat(sim().stateCalls()).isGreaterThan(reads);
        assertThat(sim().shipmentsOf(trader(13), odNo, 1)).isEqualTo(1);
    }

    @Test
    void withPreparingFirstStepTwelveGoesBeforeThirteen() {
        sim().faults().requireStep12 = true;
        String odNo = createOrders(14, 1, 2).get(0);
        poll(14);
        long id = shipment(14, odNo, null, "EPOST", "6112345678914");
        assertThat(settled(id)).as(String.valueOf(column(id, "result_message"))).isEqualTo("SENT");
        assertThat(sim().stepsOf(trader(14), odNo).values()).containsOnly("13");
    }

    // ------------------------------------------------------------ the uncertain points as settings

    @Test
    void theKeyGoesAsAQueryParameterWhenTheAccountSaysSo() {
        sim().faults().keyPlacement = "query";
        createOrders(15, 1, 1);
        assertThat(poll(15).ok()).as(rt.runtime().outcome(account(15)).message()).isTrue();
        assertThat(orders(15)).isEqualTo(1);
        // a Bearer account against a server that wants the parameter: 401, a configuration error
        assertThat(poll(4).errorType()).isEqualTo(ErrorType.CONFIGURATION);
    }

    @Test
    void aSearchThatWantsTheTraderNumberGetsItFromTrNo() {
        sim().faults().requireTrNo = true;
        createOrders(16, 1, 1);
        assertThat(poll(16).ok()).as(rt.runtime().outcome(account(16)).message()).isTrue();
        assertThat(orders(16)).isEqualTo(1);
        PollReport.Outcome without = poll(4);
        assertThat(without.errorType()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(without.message()).contains("marketbridge.account." + account(4) + ".tr-no");
    }

    @Test
    void withoutAutoConfirmNothingIsAcknowledgedAndShippingStillWorks() {
        String odNo = createOrders(17, 1, 1).get(0);
        long acks = sim().ifCompleteCalls();
        poll(17);
        assertThat(sim().ifCompleteCalls()).isEqualTo(acks);
        assertThat(sim().ifCompleteOf(trader(17), odNo, 1)).isEqualTo("N");
        long id = shipment(17, odNo, null, "CJ", "612345678917");
        assertThat(settled(id)).isEqualTo("SENT");
    }
}
