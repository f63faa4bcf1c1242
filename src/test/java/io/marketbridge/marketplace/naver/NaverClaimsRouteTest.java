package io.marketbridge.marketplace.naver;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.intake.PollReport;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.naver.NaverSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.SimulatedRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Naver claims poll end to end through the real route files (naver-claims, the claim-poll template, naver-api)
 * against the simulator's buyers: each test owns one seller and one account.
 */
class NaverClaimsRouteTest {

    static final int SELLERS = 6;

    @TempDir
    static Path out;
    static SimulatedRuntime env;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;

    static String seller(int n) {
        return String.format("C%07d", n);
    }

    static String account(int n) {
        return "naver-claims-" + n;
    }

    /** The seller's {client id, client secret}. */
    static String[] keys(int n) {
        return new String[] {String.format("claimsNaverClient%05d", n), String.format("$2a$04$ClaimsNaverSecret%05d", n)};
    }

    @BeforeAll
    static void start() throws Exception {
        env = SimulatedRuntime.naver(out, SELLERS, NaverClaimsRouteTest::seller, NaverClaimsRouteTest::keys, NaverClaimsRouteTest::account,
                p -> { });
        simulator = env.simulator();
        runtime = env.runtime();
        db = env.db();
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    static NaverSimulator naver() {
        return simulator.get(NaverSimulator.class);
    }

    /** Runs one claims poll of the account now, as its trigger would, and checks it ended well. */
    static void pollClaims(int n) {
        PollReport.Outcome outcome = runtime.pollClaims(account(n));
        assertThat(outcome).isNotNull();
        assertThat(outcome.ok()).as(outcome.message()).isTrue();
    }

    static void pollOrders(int n) {
        runtime.pollOrders(account(n));
        assertThat(runtime.outcome(account(n)).ok()).as(runtime.outcome(account(n)).message()).isTrue();
    }

    /** One order of `lines` product orders, paid five minutes ago; its productOrderIds. */
    static List<String> order(int n, int lines) {
        return naver().productOrderIds(seller(n), naver().createOrder(seller(n), now().minusMinutes(5), lines));
    }

    static List<Object> claims(String productOrderId) {
        return Db.list(db, "SELECT claim_type || ' ' || claim_status || ' ' || quantity FROM MB_CLAIM WHERE line_id = ? ORDER BY id",
                productOrderId);
    }

    static List<Object> changes(String orderId) {
        return Db.list(db, "SELECT change_type FROM MB_ORDER_CHANGE WHERE order_id = ? ORDER BY change_id", orderId);
    }

    /** The line's status as delivered (later changes are MB_ORDER_CHANGE rows). */
    static String lineStatus(String productOrderId) {
        return (String) Db.list(db, "SELECT status FROM MB_ORDER_LINE WHERE line_id = ?", productOrderId).get(0);
    }

    /** Ships the order through MB_SHIPMENT and waits for the row's end state. */
    static String ship(int n, String orderId, String trackingNo) {
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no) VALUES ('NAVER', ?, ?, 'HANJIN', ?)",
                account(n), orderId, trackingNo);
        long id = Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT WHERE account_id = ?", account(n));
        await().atMost(Duration.ofSeconds(30)).until(() -> !List.of("READY", "SENDING").contains(
                (String) Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", id).get(0)));
        return Db.list(db, "SELECT status || ' ' || COALESCE(result_code, '') FROM MB_SHIPMENT WHERE id = ?", id).get(0).toString().trim();
    }

    static long claimFiles(int n) throws IOException {
        Path dir = out.resolve("claims");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("NAVER-" + account(n) + "-")).count();
        }
    }

    @Test
    void aCancelBeforeTheOrderWasDeliveredIsRecordedAndTheOrderArrivesWithTheLineCancelRequested() {
        List<String> lines = order(1, 2);
        String claimId = naver().buyerCancel(seller(1), lines.get(0), null);
        pollClaims(1);
        assertThat(claims(lines.get(0))).containsExactly("CANCEL REQUESTED " + naver().detailOf(seller(1), lines.get(0))
                .path("productOrder").path("quantity").asInt());
        assertThat(Db.list(db, "SELECT claim_id FROM MB_CLAIM WHERE line_id = ?", lines.get(0))).containsExactly(claimId);
        assertThat(runtime.orderCount(account(1))).isZero(); // the claims poll delivers no order

        pollOrders(1);
        assertThat(lineStatus(lines.get(0))).isEqualTo("CANCEL_REQUESTED");
        assertThat(lineStatus(lines.get(1))).isNotEqualTo("CANCEL_REQUESTED");
        assertThat(claims(lines.get(1))).isEmpty();
    }

    @Test
    void aCancelAfterDeliveryStopsTheShipmentOfItsLineBeforeAnyCallToNaver() {
        List<String> lines = order(2, 1);
        pollOrders(2);
        String orderId = Db.list(db, "SELECT order_id FROM MB_ORDER_LINE WHERE line_id = ?", lines.get(0)).get(0).toString();
        naver().buyerCancel(seller(2), lines.get(0), null);
        pollClaims(2);
        assertThat(claims(lines.get(0))).singleElement().asString().startsWith("CANCEL REQUESTED");
        assertThat(changes(orderId)).containsExactly("CANCEL_REQUESTED");

        long dispatches = naver().dispatchCalls();
        long queries = naver().queryCalls();
        assertThat(ship(2, orderId, "5012345678")).isEqualTo("REJECTED CANCEL_REQUESTED");
        assertThat(naver().dispatchCalls()).isEqualTo(dispatches);
        assertThat(naver().queryCalls()).isEqualTo(queries);
        assertThat(naver().statusOf(seller(2), lines.get(0))).isEqualTo("PAYED");

        // Naver completes the cancel: the claim moves on, the line is cancelled
        naver().completeCancel(seller(2), lines.get(0));
        pollClaims(2);
        assertThat(claims(lines.get(0))).extracting(Object::toString).extracting(s -> s.split(" ")[1])
                .containsExactly("REQUESTED", "COMPLETED");
        assertThat(changes(orderId)).containsExactly("CANCEL_REQUESTED", "CANCELLED");
    }

    @Test
    void aReturnAndAnExchangeAfterShipmentAreRecordedAndMoveOnWhenCollected() {
        List<String> lines = order(3, 2);
        pollOrders(3);
        String orderId = Db.list(db, "SELECT order_id FROM MB_ORDER_LINE WHERE line_id = ?", lines.get(0)).get(0).toString();
        assertThat(ship(3, orderId, "5012345679")).startsWith("SENT");
        String returned = naver().buyerReturn(seller(3), lines.get(0), null);
        String exchanged = naver().buyerExchange(seller(3), lines.get(1), 1);
        pollClaims(3);
        assertThat(claims(lines.get(0))).singleElement().asString().startsWith("RETURN REQUESTED");
        assertThat(claims(lines.get(1))).containsExactly("EXCHANGE REQUESTED 1");
        assertThat(Db.list(db, "SELECT claim_id FROM MB_CLAIM WHERE order_id = ? ORDER BY line_id", orderId))
                .containsExactlyInAnyOrder(returned, exchanged);
        assertThat(Db.list(db, "SELECT reason_code FROM MB_CLAIM WHERE claim_id = ?", returned)).containsExactly("PRODUCT_UNSATISFIED");
        assertThat(changes(orderId)).filteredOn(c -> !c.equals("SHIPPED")).containsExactly("RETURN_REQUESTED", "EXCHANGE_REQUESTED");

        naver().collectClaim(seller(3), lines.get(0));
        naver().collectClaim(seller(3), lines.get(1));
        pollClaims(3);
        assertThat(Db.list(db, "SELECT claim_status || ' ' || marketplace_status FROM MB_CLAIM WHERE order_id = ? AND claim_status = 'APPROVED'"
                + " ORDER BY claim_id", orderId)).containsExactly("APPROVED COLLECT_DONE", "APPROVED COLLECT_DONE");
        // APPROVED after REQUESTED adds no second change row
        assertThat(changes(orderId)).filteredOn(c -> !c.equals("SHIPPED")).containsExactly("RETURN_REQUESTED", "EXCHANGE_REQUESTED");
    }

    @Test
    void aWithdrawnCancelGivesTheLineBackAndItShips() {
        List<String> lines = order(4, 1);
        pollOrders(4);
        String orderId = Db.list(db, "SELECT order_id FROM MB_ORDER_LINE WHERE line_id = ?", lines.get(0)).get(0).toString();
        String claimId = naver().buyerCancel(seller(4), lines.get(0), null);
        pollClaims(4);
        assertThat(changes(orderId)).containsExactly("CANCEL_REQUESTED");

        naver().withdrawClaim(seller(4), lines.get(0));
        pollClaims(4);
        assertThat(Db.list(db, "SELECT claim_status FROM MB_CLAIM WHERE claim_id = ? ORDER BY id", claimId))
                .containsExactly("REQUESTED", "WITHDRAWN");
        assertThat(changes(orderId)).containsExactly("CANCEL_REQUESTED", "CLAIM_WITHDRAWN");
        // the line goes back to the status it was delivered with
        assertThat(Db.list(db, "SELECT CAST(detail AS VARCHAR(4000)) FROM MB_ORDER_CHANGE WHERE order_id = ? AND change_type = 'CLAIM_WITHDRAWN'", orderId)
                .toString()).contains("\"lineStatus\":\"" + lineStatus(lines.get(0)) + "\"").doesNotContain("CANCEL_REQUESTED");

        assertThat(ship(4, orderId, "5012345680")).startsWith("SENT");
        assertThat(naver().dispatchesOf(seller(4), lines.get(0))).isEqualTo(1);
        assertThat(naver().statusOf(seller(4), lines.get(0))).isEqualTo("DELIVERING");
    }

    @Test
    void theSameClaimsReadAgainAreRecordedOnce() throws Exception {
        List<String> lines = order(5, 3);
        pollOrders(5);
        naver().buyerCancel(seller(5), lines.get(0), null);
        naver().buyerCancel(seller(5), lines.get(1), 1);
        pollClaims(5);
        long rows = Db.count(db, "SELECT COUNT(*) FROM MB_CLAIM WHERE account_id = ?", account(5));
        long changeRows = Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_CHANGE WHERE account_id = ?", account(5));
        long files = claimFiles(5);
        assertThat(rows).isEqualTo(2);
        assertThat(files).isEqualTo(2);
        // the next poll's window overlaps the last one, and a cursor set back reads everything again
        pollClaims(5);
        runtime.cursors().store(account(5), "claims", now().minusHours(2).toInstant());
        long feed = naver().feedCalls();
        pollClaims(5);
        assertThat(naver().feedCalls() - feed).isEqualTo(1); // two and a half hours: one slice
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CLAIM WHERE account_id = ?", account(5))).isEqualTo(rows);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_CHANGE WHERE account_id = ?", account(5))).isEqualTo(changeRows);
        assertThat(claimFiles(5)).isEqualTo(files);
    }

    @Test
    void aFirstPollReadsItsLookBackInDaySlicesThroughTheSameCallRoute() {
        long feed = naver().feedCalls();
        long tokens = naver().tokenCalls();
        pollClaims(6); // no claims: P3D of feed, three slices of at most 24 hours
        assertThat(naver().feedCalls() - feed).isEqualTo(3);
        assertThat(naver().tokenCalls() - tokens).isEqualTo(1);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CLAIM WHERE account_id = ?", account(6))).isZero();
        pollOrders(6); // the order poll of the account uses the token the claims poll got
        assertThat(naver().tokenCalls() - tokens).isEqualTo(1);
    }
}
