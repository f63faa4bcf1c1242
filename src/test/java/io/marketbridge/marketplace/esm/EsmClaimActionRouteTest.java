package io.marketbridge.marketplace.esm;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.intake.PollReport;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.esm.EsmSimulator;
import io.marketbridge.support.ClaimActionRows;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.SimulatedRuntime;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seller's decisions on ESM claims, from MB_CLAIM_ACTION through the real route files (claim-action-dispatch,
 * esm-claim-actions, esm-api) to the ESM simulator: each action SENT, refusals of ESM's REJECTED, a row left SENDING
 * settled by reading the Cancels list. The claims are recorded in MB_CLAIM by the real claims poll, so the actions
 * find OrderNo and site where the poll stored them. Each test owns its site seller IDs and account.
 */
class EsmClaimActionRouteTest {

    static final String MASTER = "actionsmaster";
    static final String SECRET = "actions-secret-1";
    static final int ACCOUNTS = 7;

    @TempDir
    static Path out;
    static SimulatedRuntime env;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;

    static String g(int n) {
        return "gx" + n;
    }

    static String a(int n) {
        return "ax" + n;
    }

    static String account(int n) {
        return "esmx-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        env = SimulatedRuntime.esm(out, MASTER, SECRET, ACCOUNTS, EsmClaimActionRouteTest::g, EsmClaimActionRouteTest::a,
                EsmClaimActionRouteTest::account, SimulatedRuntime::quickClaimActions);
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

    /** A cart of one OrderNo on the site, polled (delivered and confirmed); returns the OrderNo. */
    static long deliveredOrderNo(String site, int n) {
        long cart = esm().createCart(site, site.equals("G") ? g(n) : a(n), now().minusMinutes(10), 1, false);
        runtime.pollOrders(account(n));
        assertThat(runtime.outcome(account(n)).ok()).as(String.valueOf(runtime.outcome(account(n)).message())).isTrue();
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER WHERE order_id = ?", String.valueOf(cart))).isEqualTo(1);
        return esm().orderNos(cart).get(0);
    }

    static String cart(long orderNo) {
        return (String) Db.list(db, "SELECT order_id FROM MB_ORDER_LINE WHERE line_id = ?", String.valueOf(orderNo)).get(0);
    }

    /** One claims poll of the account, as its trigger would run it. */
    static void pollClaims(String accountId) {
        PollReport.Outcome o = runtime.pollClaims(accountId);
        assertThat(o).isNotNull();
        assertThat(o.ok()).as(String.valueOf(o.message())).isTrue();
    }

    /** The derived claim id the claims poll recorded for the OrderNo's latest claim. */
    static String claimId(long orderNo) {
        List<Object> ids = Db.list(db, "SELECT claim_id FROM MB_CLAIM WHERE line_id = ? ORDER BY id DESC", String.valueOf(orderNo));
        assertThat(ids).isNotEmpty();
        return (String) ids.get(0);
    }

    static long insertAction(String site, int n, String claimId, String orderId, String lineId, String action,
                             String courier, String tracking, String reason) {
        return ClaimActionRows.insert(db, site, account(n), claimId, orderId, lineId, action, courier, tracking, reason);
    }

    static Object column(long id, String column) {
        return ClaimActionRows.column(db, id, column);
    }

    static String awaitFinal(long id) {
        return ClaimActionRows.awaitFinal(db, id, Duration.ofSeconds(30));
    }

    @Test
    void approveCancelApprovesTheBuyersCancelOfTheOrderNo() {
        long orderNo = deliveredOrderNo("G", 1);
        esm().requestCancel(orderNo);
        pollClaims(account(1));
        String claimId = claimId(orderNo);

        long id = insertAction("GMARKET", 1, claimId, null, null, "APPROVE_CANCEL", null, null, null);

        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(column(id, "result_code")).isEqualTo("OK");
        assertThat(column(id, "resolved_claim_id")).isEqualTo(claimId);
        assertThat(esm().claimOf(orderNo)).isEqualTo("CANCEL COMPLETED");
    }

    @Test
    void shipInsteadShipsTheCancelRequestedOrderNoAndEsmRefusesTheCancel() {
        long orderNo = deliveredOrderNo("A", 2);
        esm().requestCancel(orderNo);
        pollClaims(account(2));

        // by order line: the latest open claim of the line
        long id = insertAction("AUCTION", 2, null, cart(orderNo), String.valueOf(orderNo), "SHIP_INSTEAD", "CJ대한통운",
                "612345678901", null);

        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(column(id, "resolved_claim_id")).isEqualTo(claimId(orderNo));
        assertThat(esm().statusOf(orderNo)).isEqualTo(3);
        assertThat(esm().courierOf(orderNo)).isEqualTo(10013);
        assertThat(esm().invoiceOf(orderNo)).isEqualTo("612345678901");
        assertThat(esm().claimOf(orderNo)).isEqualTo("CANCEL REJECTED");
    }

    @Test
    void approveReturnApprovesTheBuyersReturn() {
        long orderNo = deliveredOrderNo("G", 3);
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no)"
                + " VALUES ('GMARKET', ?, ?, 'CJ대한통운', '712345678901')", account(3), cart(orderNo));
        await().atMost(Duration.ofSeconds(30)).until(() -> esm().statusOf(orderNo) == 3);
        esm().requestReturn(orderNo);
        pollClaims(account(3));

        long id = insertAction("GMARKET", 3, claimId(orderNo), null, null, "APPROVE_RETURN", null, null, null);

        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(column(id, "result_code")).isEqualTo("OK");
        assertThat(esm().claimOf(orderNo)).isEqualTo("RETURN COMPLETED");
    }

    @Test
    void sellerCancelCancelsTheOrderNoAsSoldOut() {
        long orderNo = deliveredOrderNo("A", 4);

        long id = insertAction("AUCTION", 4, null, cart(orderNo), String.valueOf(orderNo), "SELLER_CANCEL", null, null,
                "OUT_OF_STOCK: supplier discontinued it");

        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(column(id, "result_code")).isEqualTo("OK");
        assertThat(esm().claimOf(orderNo)).isEqualTo("CANCEL COMPLETED");
    }

    @Test
    void aWithdrawnCancelIsRejectedWithEsmsRefusal() {
        long orderNo = deliveredOrderNo("G", 5);
        esm().requestCancel(orderNo);
        pollClaims(account(5));
        // the buyer took it back at ESM; MB_CLAIM has not heard yet
        esm().withdrawClaim(orderNo);

        long id = insertAction("GMARKET", 5, claimId(orderNo), null, null, "APPROVE_CANCEL", null, null, null);

        assertThat(awaitFinal(id)).isEqualTo("REJECTED");
        assertThat(column(id, "result_code")).isEqualTo("3000");
        assertThat((String) column(id, "result_message")).contains("철회");
        assertThat(esm().claimOf(orderNo)).isEqualTo("CANCEL WITHDRAWN");
    }

    @Test
    void aSoldOutOfAShippedOrderNoIsRejectedWithEsmsRefusal() {
        long orderNo = deliveredOrderNo("G", 6);
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no)"
                + " VALUES ('GMARKET', ?, ?, 'CJ대한통운', '812345678901')", account(6), cart(orderNo));
        await().atMost(Duration.ofSeconds(30)).until(() -> esm().statusOf(orderNo) == 3);

        long id = insertAction("GMARKET", 6, null, cart(orderNo), String.valueOf(orderNo), "SELLER_CANCEL", null, null,
                "PRICE_ERROR");

        assertThat(awaitFinal(id)).isEqualTo("REJECTED");
        assertThat(column(id, "result_code")).isEqualTo("3000");
        assertThat(esm().claimOf(orderNo)).isNull();
        assertThat(esm().statusOf(orderNo)).isEqualTo(3);
    }

    @Test
    void aRowLeftSendingIsSettledByReadingTheCancels() {
        long orderNo = deliveredOrderNo("A", 7);
        esm().requestCancel(orderNo);
        pollClaims(account(7));
        String claimId = claimId(orderNo);
        long first = insertAction("AUCTION", 7, claimId, null, null, "APPROVE_CANCEL", null, null, null);
        assertThat(awaitFinal(first)).isEqualTo("SENT");
        long actionCalls = esm().claimActionCalls();
        long listCalls = esm().claimListCalls();

        // a node stopped after its approval reached ESM and before it recorded the answer; its lease ran out
        Db.update(db, "INSERT INTO MB_CLAIM_ACTION (marketplace, account_id, claim_id, action, status, claimed_by, claimed_at)"
                        + " VALUES ('AUCTION', ?, ?, 'APPROVE_CANCEL', 'SENDING', 'a-stopped-node', ?)", account(7), claimId,
                Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
        long left = Db.count(db, "SELECT MAX(id) FROM MB_CLAIM_ACTION");

        assertThat(awaitFinal(left)).isEqualTo("SENT");
        assertThat(column(left, "result_code")).isEqualTo("ALREADY_DONE");
        assertThat((String) column(left, "result_message")).contains("CancelStatus=3");
        // read, not sent again
        assertThat(esm().claimActionCalls()).isEqualTo(actionCalls);
        assertThat(esm().claimListCalls()).isEqualTo(listCalls + 1);
    }
}
