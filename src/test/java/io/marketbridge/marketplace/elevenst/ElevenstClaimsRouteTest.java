package io.marketbridge.marketplace.elevenst;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.elevenst.ElevenstSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.SimulatedRuntime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The 11st claims poll end to end through the real route files against the simulator: buyers' cancels, returns,
 * exchanges and withdrawals read from the claimservice lists into MB_CLAIM, their change rows, and what they do to
 * shipping. Each test owns one seller and one account.
 */
class ElevenstClaimsRouteTest {

    static final int SELLERS = 8;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path out;
    static SimulatedRuntime env;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;

    static String seller(int n) {
        return "SC" + n;
    }

    static String key(int n) {
        return String.format("claims11stKey%04d", n);
    }

    static String account(int n) {
        return "11st-claims-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        env = SimulatedRuntime.elevenst(out, SELLERS, ElevenstClaimsRouteTest::seller, ElevenstClaimsRouteTest::key, ElevenstClaimsRouteTest::account,
                p -> { });
        simulator = env.simulator();
        runtime = env.runtime();
        db = env.db();
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    static ElevenstSimulator sim() {
        return simulator.get(ElevenstSimulator.class);
    }

    /** Runs one claims poll of the account, as its trigger would, and checks it succeeded. */
    static void pollClaims(int n) {
        PollReport.Outcome o = claimsPoll(n);
        assertThat(o.ok()).as(o.message()).isTrue();
    }

    /** Runs one claims poll of the account; its outcome as the poll report records it. */
    static PollReport.Outcome claimsPoll(int n) {
        PollReport.Outcome o = runtime.pollClaims(account(n));
        assertThat(o).isNotNull();
        return o;
    }

    static void pollOrders(int n) {
        runtime.pollOrders(account(n));
        assertThat(runtime.outcome(account(n)).ok()).as(runtime.outcome(account(n)).message()).isTrue();
    }

    /** claim_status of the claim's rows, by line, oldest first: "1:REQUESTED". */
    static List<Object> claimRows(int n, String claimId) {
        return Db.list(db, "SELECT line_id || ':' || claim_status FROM MB_CLAIM WHERE account_id = ? AND claim_id = ? ORDER BY id",
                account(n), claimId);
    }

    static List<Object> changes(int n, String orderId) {
        return Db.list(db, "SELECT change_type FROM MB_ORDER_CHANGE WHERE account_id = ? AND order_id = ? ORDER BY change_id",
                account(n), orderId);
    }

    static long shipment(int n, String orderId, String lineId, String courier, String tracking) {
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, line_id, courier, tracking_no)"
                + " VALUES ('11ST', ?, ?, ?, ?, ?)", account(n), orderId, lineId, courier, tracking);
        return Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT");
    }

    static Object column(long id, String column) {
        return Db.list(db, "SELECT " + column + " FROM MB_SHIPMENT WHERE id = ?", id).get(0);
    }

    static String settled(long id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !List.of("READY", "SENDING").contains((String) column(id, "status")));
        return (String) column(id, "status");
    }

    /** The seller answers a claim in Seller Office (outside the runtime): a GET to 11st's approval path. */
    static int sellerApproves(int n, String operation, String claimNo, String ordNo, String seq) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/rest/claimservice/" + operation + "/"
                + claimNo + "/" + ordNo + "/" + seq)).header("openapikey", key(n)).GET().build();
        byte[] body = HTTP.send(r, HttpResponse.BodyHandlers.ofByteArray()).body();
        return ElevenstXml.parse(body, ElevenstXml.charset("EUC-KR")).code();
    }

    static long claimFiles(int n) throws IOException {
        Path dir = out.resolve("claims");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("11ST-" + account(n) + "-")).count();
        }
    }

    @Test
    void aCancelReadBeforeItsOrderIsRecordedAndTheOrderArrivesWithoutThatLine() throws Exception {
        String ordNo = sim().createOrder(seller(1), now().minusMinutes(20), 2, 1);
        String claimNo = sim().requestCancel(seller(1), ordNo, "1", 0);
        pollClaims(1);
        assertThat(claimRows(1, claimNo)).containsExactly("1:REQUESTED");
        assertThat(Db.list(db, "SELECT order_id || '/' || claim_type || '/' || shipment_id FROM MB_CLAIM WHERE claim_id = ?", claimNo))
                .containsExactly(ordNo + "/CANCEL/" + sim().bundlesOf(seller(1), ordNo).get(0));
        assertThat(changes(1, ordNo)).isEmpty(); // no order to change yet
        // 11st lists paid (202) lines only: the line under the cancel (701) is not delivered, the other one is
        pollOrders(1);
        assertThat(Db.list(db, "SELECT line_id FROM MB_ORDER_LINE WHERE account_id = ? AND order_id = ?", account(1), ordNo))
                .containsExactly("2");
        // the seller approves at 11st: the completed cancel is read from canceledorders
        assertThat(sim().statusOf(seller(1), ordNo).get("1")).isEqualTo("701");
        assertThat(sellerApproves(1, "cancelreqconf", claimNo, ordNo, "1")).isZero();
        pollClaims(1);
        assertThat(claimRows(1, claimNo)).containsExactly("1:REQUESTED", "1:COMPLETED");
    }

    @Test
    void aCancelAfterDeliveryBeforeShippingIsRecordedChangesTheLineAndStopsItsShipment() {
        String ordNo = sim().createOrder(seller(2), now().minusMinutes(20), 1, 1);
        pollOrders(2);
        assertThat(sim().statusOf(seller(2), ordNo).get("1")).isEqualTo("301"); // confirmed by the order poll
        String claimNo = sim().requestCancel(seller(2), ordNo, "1", 0);
        pollClaims(2);
        assertThat(claimRows(2, claimNo)).containsExactly("1:REQUESTED");
        assertThat(changes(2, ordNo)).containsExactly("CANCEL_REQUESTED");
        long deliveries = sim().deliveryCalls();
        long id = shipment(2, ordNo, "1", "CJ대한통운", "612300000002");
        assertThat(settled(id)).isEqualTo("REJECTED");
        assertThat(column(id, "result_code")).isEqualTo("CANCEL_REQUESTED");
        assertThat(sim().deliveryCalls()).isEqualTo(deliveries);
        assertThat(sim().statusOf(seller(2), ordNo).get("1")).isEqualTo("701");
    }

    @Test
    void aReturnAfterShipmentIsRequestedThenCompleted() throws Exception {
        String ordNo = sim().createOrder(seller(3), now().minusMinutes(20), 1, 1);
        pollOrders(3);
        long id = shipment(3, ordNo, null, "CJ대한통운", "612300000003");
        assertThat(settled(id)).isEqualTo("SENT");
        String claimNo = sim().requestReturn(seller(3), ordNo, "1", 0);
        pollClaims(3);
        assertThat(claimRows(3, claimNo)).containsExactly("1:REQUESTED");
        assertThat(Db.list(db, "SELECT claim_type || '/' || marketplace_status FROM MB_CLAIM WHERE claim_id = ?", claimNo))
                .containsExactly("RETURN/105");
        assertThat(changes(3, ordNo)).containsExactly("SHIPPED", "RETURN_REQUESTED");
        assertThat(sellerApproves(3, "returnreqconf", claimNo, ordNo, "1")).isZero();
        pollClaims(3);
        assertThat(claimRows(3, claimNo)).containsExactly("1:REQUESTED", "1:COMPLETED");
        assertThat(changes(3, ordNo)).containsExactly("SHIPPED", "RETURN_REQUESTED", "RETURNED");
    }

    @Test
    void anExchangeIsRecordedAndItsWithdrawalToo() throws Exception {
        String ordNo = sim().createOrder(seller(4), now().minusMinutes(20), 2, 1);
        pollOrders(4);
        assertThat(settled(shipment(4, ordNo, null, "CJ대한통운", "612300000004"))).isEqualTo("SENT");
        String first = sim().requestExchange(seller(4), ordNo, "1", 0);
        String second = sim().requestExchange(seller(4), ordNo, "2", 0);
        pollClaims(4);
        assertThat(claimRows(4, first)).containsExactly("1:REQUESTED");
        assertThat(claimRows(4, second)).containsExactly("2:REQUESTED");
        assertThat(Db.list(db, "SELECT DISTINCT claim_type FROM MB_CLAIM WHERE account_id = ?", account(4)))
                .containsExactly("EXCHANGE");
        sim().withdrawClaim(seller(4), second);
        pollClaims(4);
        assertThat(claimRows(4, second)).containsExactly("2:REQUESTED", "2:WITHDRAWN");
        assertThat(claimRows(4, first)).containsExactly("1:REQUESTED");
        assertThat(changes(4, ordNo)).containsExactly("SHIPPED", "EXCHANGE_REQUESTED", "EXCHANGE_REQUESTED", "CLAIM_WITHDRAWN");
    }

    @Test
    void aWithdrawnCancelGivesTheLineBackAndItsShipmentGoesThrough() {
        String ordNo = sim().createOrder(seller(5), now().minusMinutes(20), 1, 1);
        pollOrders(5);
        String claimNo = sim().requestCancel(seller(5), ordNo, "1", 0);
        pollClaims(5);
        sim().withdrawClaim(seller(5), claimNo);
        pollClaims(5);
        assertThat(claimRows(5, claimNo)).containsExactly("1:REQUESTED", "1:WITHDRAWN");
        assertThat(changes(5, ordNo)).containsExactly("CANCEL_REQUESTED", "CLAIM_WITHDRAWN");
        long id = shipment(5, ordNo, "1", "CJ대한통운", "612300000005");
        assertThat(settled(id)).as(String.valueOf(column(id, "result_message"))).isEqualTo("SENT");
        assertThat(sim().statusOf(seller(5), ordNo).get("1")).isEqualTo("401");
    }

    @Test
    void theSameClaimsReadTwiceAreRecordedOnce() throws Exception {
        String ordNo = sim().createOrder(seller(6), now().minusMinutes(20), 3, 1);
        pollOrders(6);
        sim().requestCancel(seller(6), ordNo, "1", 0);
        String withdrawn = sim().requestCancel(seller(6), ordNo, "2", 0);
        sim().withdrawClaim(seller(6), withdrawn);
        pollClaims(6);
        long rows = Db.count(db, "SELECT COUNT(*) FROM MB_CLAIM WHERE account_id = ?", account(6));
        long changeRows = Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_CHANGE WHERE account_id = ?", account(6));
        long files = claimFiles(6);
        assertThat(rows).isEqualTo(2); // the open cancel, and the withdrawn one (first seen withdrawn)
        assertThat(files).isEqualTo(2);
        // the cursor back where it was: the same lists answer the same rows
        runtime.cursors().store(account(6), "claims", now().minusHours(2).toInstant());
        pollClaims(6);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CLAIM WHERE account_id = ?", account(6))).isEqualTo(rows);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_CHANGE WHERE account_id = ?", account(6))).isEqualTo(changeRows);
        assertThat(claimFiles(6)).isEqualTo(files);
    }

    @Test
    void aWindowOverThirtyDaysIsReadInTwoSlicesOfNineListsThroughTheSameThrottle() throws Exception {
        String ordNo = sim().createOrder(seller(7), now().minusMinutes(20), 1, 1);
        String claimNo = sim().requestCancel(seller(7), ordNo, "1", 0);
        runtime.cursors().store(account(7), "claims", now().minusDays(40).toInstant());
        long lists = sim().claimListCalls();
        pollClaims(7); // a slice over 30 days would have answered -28008 and failed the poll
        assertThat(sim().claimListCalls() - lists).isEqualTo(18);
        assertThat(claimRows(7, claimNo)).containsExactly("1:REQUESTED");
        assertThat(runtime.cursors().load(account(7), "claims")).isAfter(now().minusMinutes(1).toInstant());
    }

    @Test
    void maintenanceFailsTheClaimsPollWithoutMovingItsCursor() throws Exception {
        String ordNo = sim().createOrder(seller(8), now().minusMinutes(20), 1, 1);
        String claimNo = sim().requestCancel(seller(8), ordNo, "1", 0);
        sim().faults().maintenance = true;
        try {
            PollReport.Outcome o = claimsPoll(8);
            assertThat(o.ok()).isFalse();
            assertThat(o.errorType()).isEqualTo(ErrorType.TRANSIENT);
            assertThat(o.message()).contains("-1000").contains("claim list cancelorders").contains(account(8));
            assertThat(runtime.cursors().load(account(8), "claims")).isNull();
            assertThat(claimRows(8, claimNo)).isEmpty();
        } finally {
            sim().faults().maintenance = false;
        }
        pollClaims(8);
        assertThat(claimRows(8, claimNo)).containsExactly("1:REQUESTED");
    }
}
