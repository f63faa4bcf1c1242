package io.marketbridge.marketplace.esm;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.intake.PollReport;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.esm.EsmSimulator;
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
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ESM claims end to end through the real route files (esm-claims, the claim-poll template, esm-api), against the
 * ESM simulator: cancels before and after delivery, returns, exchanges, withdrawals, a cancel the seller refused by
 * shipping, and the same claims read twice. Each test owns its site seller IDs and account.
 */
class EsmClaimsRouteTest {

    static final String MASTER = "claimsmaster";
    static final String SECRET = "claims-secret-1";
    static final int ACCOUNTS = 8;

    @TempDir
    static Path out;
    static SimulatedRuntime env;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;

    static String g(int n) {
        return "gc" + n;
    }

    static String a(int n) {
        return "ac" + n;
    }

    static String account(int n) {
        return "esmc-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        env = SimulatedRuntime.esm(out, MASTER, SECRET, ACCOUNTS, EsmClaimsRouteTest::g, EsmClaimsRouteTest::a,
                EsmClaimsRouteTest::account, p -> { });
        simulator = env.simulator();
        runtime = env.runtime();
        db = env.db();
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    static EsmSimulator esm() {
        return simulator.get(EsmSimulator.class);
    }

    static void pollOrders(String accountId) {
        runtime.pollOrders(accountId);
        assertThat(runtime.outcome(accountId).ok()).as(String.valueOf(runtime.outcome(accountId).message())).isTrue();
    }

    /** One claims poll of the account, as its trigger would run it. */
    static void pollClaims(String accountId) {
        PollReport.Outcome o = runtime.pollClaims(accountId);
        assertThat(o).isNotNull();
        assertThat(o.ok()).as(String.valueOf(o.message())).isTrue();
    }

    static List<Object> claimRows(String orderNo) {
        return Db.list(db, "SELECT claim_type || ' ' || claim_status || ' ' || marketplace || ' ' || quantity FROM MB_CLAIM"
                + " WHERE line_id = ? ORDER BY id", orderNo);
    }

    /** The change types of a cart (MB_ORDER_CHANGE rows are per order; ESM's order is the PayNo). */
    static List<Object> changes(long cart) {
        return Db.list(db, "SELECT change_type FROM MB_ORDER_CHANGE WHERE order_id = ? ORDER BY change_id", String.valueOf(cart));
    }

    static long shipment(String marketplace, String accountId, long cart, String tracking) {
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no) VALUES (?, ?, ?, ?, ?)",
                marketplace, accountId, String.valueOf(cart), "CJ대한통운", tracking);
        return Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT");
    }

    static Object column(long id, String column) {
        return Db.list(db, "SELECT " + column + " FROM MB_SHIPMENT WHERE id = ?", id).get(0);
    }

    static String awaitFinal(long id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("SENT", "REJECTED").contains(column(id, "status")));
        return (String) column(id, "status");
    }

    static long claimFiles(String accountId) throws IOException {
        long files = 0;
        for (String dir : List.of("claims", "claims-csv")) {
            Path d = out.resolve(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    files += s.filter(f -> f.getFileName().toString().contains(accountId)).count();
                }
            }
        }
        return files;
    }

    @Test
    void aCancelBeforeDeliveryIsRecordedAndTheOrderArrivesWithoutTheCancelledOrderNo() {
        long cart = esm().createCart("G", g(1), now().minusMinutes(10), 2, false);
        List<Long> orderNos = esm().orderNos(cart);
        esm().requestCancel(orderNos.get(0));
        pollClaims(account(1));
        String cancelled = String.valueOf(orderNos.get(0));
        assertThat(claimRows(cancelled)).containsExactly("CANCEL REQUESTED GMARKET 1"); // never delivered: quantity 1
        assertThat(Db.list(db, "SELECT order_id FROM MB_CLAIM WHERE line_id = ?", cancelled)).containsExactly(String.valueOf(cart));
        assertThat(changes(cart)).isEmpty(); // nothing delivered to move

        // ESM leaves a claimed OrderNo out of RequestOrders: the cart arrives with its other OrderNo
        pollOrders(account(1));
        assertThat(Db.list(db, "SELECT line_id FROM MB_ORDER_LINE WHERE order_id = ?", String.valueOf(cart)))
                .containsExactly(String.valueOf(orderNos.get(1)));
    }

    @Test
    void aCancelAfterDeliveryStopsTheShipmentBeforeAnyCall() {
        long cart = esm().createCart("A", a(2), now().minusMinutes(10), 1, false);
        pollOrders(account(2));
        String orderNo = String.valueOf(esm().orderNos(cart).get(0));
        esm().requestCancel(Long.parseLong(orderNo));
        pollClaims(account(2));
        assertThat(claimRows(orderNo)).containsExactly("CANCEL REQUESTED AUCTION 1");
        assertThat(changes(cart)).containsExactly("CANCEL_REQUESTED");

        long calls = esm().shippingInfoCalls();
        long id = shipment("AUCTION", account(2), cart, "512345678901");
        assertThat(awaitFinal(id)).isEqualTo("REJECTED");
        assertThat(column(id, "result_code")).isEqualTo("CANCEL_REQUESTED");
        assertThat(esm().shippingInfoCalls()).isEqualTo(calls);
    }

    @Test
    void aReturnAfterShipmentAndAnExchangeAreRecorded() {
        long cart = esm().createCart("G", g(3), now().minusMinutes(10), 2, false);
        pollOrders(account(3));
        assertThat(awaitFinal(shipment("GMARKET", account(3), cart, "612345678901"))).isEqualTo("SENT");
        List<Long> orderNos = esm().orderNos(cart);
        esm().requestReturn(orderNos.get(0));
        esm().requestExchange(orderNos.get(1));
        pollClaims(account(3));
        String returned = String.valueOf(orderNos.get(0));
        String exchanged = String.valueOf(orderNos.get(1));
        int quantity = (int) Db.count(db, "SELECT quantity FROM MB_ORDER_LINE WHERE line_id = ?", returned);
        assertThat(claimRows(returned)).containsExactly("RETURN REQUESTED GMARKET " + quantity); // as delivered
        assertThat(changes(cart)).containsExactlyInAnyOrder("SHIPPED", "SHIPPED", "RETURN_REQUESTED", "EXCHANGE_REQUESTED");
        assertThat(claimRows(exchanged)).hasSize(1).allSatisfy(r -> assertThat((String) r).startsWith("EXCHANGE REQUESTED GMARKET"));
    }

    @Test
    void aWithdrawnCancelPutsTheLineBackAndItShips() {
        long cart = esm().createCart("G", g(4), now().minusMinutes(10), 1, false);
        pollOrders(account(4));
        long orderNo = esm().orderNos(cart).get(0);
        esm().requestCancel(orderNo);
        pollClaims(account(4));
        esm().withdrawClaim(orderNo);
        pollClaims(account(4));
        assertThat(claimRows(String.valueOf(orderNo))).containsExactly("CANCEL REQUESTED GMARKET 1", "CANCEL WITHDRAWN GMARKET 1");
        assertThat(changes(cart)).containsExactly("CANCEL_REQUESTED", "CLAIM_WITHDRAWN");
        long id = shipment("GMARKET", account(4), cart, "712345678901");
        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(esm().statusOf(orderNo)).isEqualTo(3);
    }

    @Test
    void aCancelRefusedByShippingAtEsmDropsOutOfTheListAndIsRecordedRejected() throws Exception {
        long cart = esm().createCart("A", a(5), now().minusMinutes(10), 1, false);
        pollOrders(account(5));
        long orderNo = esm().orderNos(cart).get(0);
        esm().requestCancel(orderNo);
        pollClaims(account(5));
        // the seller ships it in ESM's own tool: ESM refuses the cancel and ships
        assertThat(shipAtEsm(a(5), orderNo)).isZero();
        pollClaims(account(5));
        assertThat(claimRows(String.valueOf(orderNo))).containsExactly("CANCEL REQUESTED AUCTION 1", "CANCEL REJECTED AUCTION 1");
        assertThat(Db.list(db, "SELECT marketplace_status FROM MB_CLAIM WHERE line_id = ? ORDER BY id", String.valueOf(orderNo)))
                .containsExactly("CancelStatus=1", EsmClaimMapper.UNLISTED);
        assertThat(changes(cart)).containsExactly("CANCEL_REQUESTED", "CLAIM_REJECTED");
    }

    @Test
    void theSameClaimsReadAgainAreRecordedOnce() throws Exception {
        long cart = esm().createCart("G", g(6), now().minusMinutes(10), 2, false);
        long other = esm().createCart("A", a(6), now().minusMinutes(9), 1, false);
        pollOrders(account(6));
        esm().requestCancel(esm().orderNos(cart).get(0));
        esm().requestCancel(esm().orderNos(other).get(0));
        long listCalls = esm().claimListCalls();
        pollClaims(account(6));
        // per site: Cancels once, Returns and Exchanges once per status 1-6
        assertThat(esm().claimListCalls() - listCalls).isEqualTo(2 * 13);
        long rows = Db.count(db, "SELECT COUNT(*) FROM MB_CLAIM WHERE account_id = ?", account(6));
        long changeRows = Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_CHANGE WHERE account_id = ?", account(6));
        long files = claimFiles(account(6));
        assertThat(rows).isEqualTo(2);
        assertThat(files).isPositive();

        pollClaims(account(6));
        // the cursor overlaps and the lists are read by day: the same rows again, nothing new
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CLAIM WHERE account_id = ?", account(6))).isEqualTo(rows);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_CHANGE WHERE account_id = ?", account(6))).isEqualTo(changeRows);
        assertThat(claimFiles(account(6))).isEqualTo(files);
        assertThat(runtime.cursors().load(account(6), "claims")).isAfter(Instant.now().minusSeconds(60));
    }

    /** ShippingInfo as the seller's own tool would send it (not through the runtime). */
    static int shipAtEsm(String auctionSellerId, long orderNo) throws Exception {
        String token = EsmJwt.mint(MASTER, SECRET, "www.esmplus.com", EsmJwt.ssi(auctionSellerId, null), Instant.now(), false);
        String body = "{\"OrderNo\":" + orderNo + ",\"ShippingDate\":\""
                + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(now()) + "\",\"DeliveryCompanyCode\":10013,"
                + "\"InvoiceNo\":\"812345678901\"}";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(simulator.baseUrl() + "/shipping/v1/Delivery/ShippingInfo"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("ResultCode").asInt(-1);
    }
}
