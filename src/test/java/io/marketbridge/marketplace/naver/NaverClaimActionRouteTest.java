package io.marketbridge.marketplace.naver;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.intake.PollReport;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.naver.NaverSimulator;
import io.marketbridge.support.ClaimActionRows;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.SimulatedRuntime;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seller's decisions on claims, from MB_CLAIM_ACTION through the real route files (claim-action-dispatch,
 * naver-claim-actions, naver-api) to the Naver simulator: each action SENT, a refusal of Naver's REJECTED, a row
 * left SENDING settled by reading the product order, SHIP_INSTEAD refused without a call. The claims reach MB_CLAIM
 * through the real claims poll. Each test owns one seller and one account.
 */
class NaverClaimActionRouteTest {

    static final int SELLERS = 6;

    @TempDir
    static Path out;
    static SimulatedRuntime env;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;

    static String seller(int n) {
        return String.format("A%07d", n);
    }

    static String account(int n) {
        return "naver-actions-" + n;
    }

    /** The seller's {client id, client secret}. */
    static String[] keys(int n) {
        return new String[] {String.format("actionsNaverClient%05d", n), String.format("$2a$04$ActionsNaverSecre%05d", n)};
    }

    @BeforeAll
    static void start() throws Exception {
        env = SimulatedRuntime.naver(out, SELLERS, NaverClaimActionRouteTest::seller, NaverClaimActionRouteTest::keys, NaverClaimActionRouteTest::account,
                SimulatedRuntime::quickClaimActions);
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

    /** One order of one product order, paid five minutes ago and polled (delivered and confirmed); its productOrderId. */
    static String deliveredProductOrder(int n) {
        String orderId = naver().createOrder(seller(n), now().minusMinutes(5), 1);
        runtime.pollOrders(account(n));
        assertThat(runtime.outcome(account(n)).ok()).as(runtime.outcome(account(n)).message()).isTrue();
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER WHERE order_id = ?", orderId)).isEqualTo(1);
        return naver().productOrderIds(seller(n), orderId).get(0);
    }

    static String orderIdOf(String productOrderId) {
        return (String) Db.list(db, "SELECT order_id FROM MB_ORDER_LINE WHERE line_id = ?", productOrderId).get(0);
    }

    /** Runs one claims poll of the account, as its trigger would: the claims Naver shows reach MB_CLAIM. */
    static void pollClaims(int n) {
        PollReport.Outcome outcome = runtime.pollClaims(account(n));
        assertThat(outcome).isNotNull();
        assertThat(outcome.ok()).as(outcome.message()).isTrue();
    }

    static long insertAction(int n, String claimId, String orderId, String lineId, String action, String courier,
                             String tracking, String reason) {
        return ClaimActionRows.insert(db, "NAVER", account(n), claimId, orderId, lineId, action, courier, tracking, reason);
    }

    static Object column(long id, String column) {
        return ClaimActionRows.column(db, id, column);
    }

    static String awaitFinal(long id) {
        return ClaimActionRows.awaitFinal(db, id, Duration.ofSeconds(20));
    }

    @Test
    void approveCancelApprovesTheBuyersCancelRequest() {
        String po = deliveredProductOrder(1);
        String claimId = naver().buyerCancel(seller(1), po, null);
        pollClaims(1);

        long id = insertAction(1, claimId, null, null, "APPROVE_CANCEL", null, null, null);

        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(column(id, "result_code")).isEqualTo("OK");
        assertThat(column(id, "resolved_claim_id")).isEqualTo(claimId);
        assertThat(naver().claimStatusOf(seller(1), po)).isEqualTo("CANCEL_DONE");
        assertThat(naver().statusOf(seller(1), po)).isEqualTo("CANCELED");
    }

    @Test
    void approveReturnApprovesACollectedReturnNamedByItsOrderLine() {
        String po = deliveredProductOrder(2);
        String orderId = orderIdOf(po);
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no) VALUES ('NAVER', ?, ?,"
                + " 'HANJIN', '5012345681')", account(2), orderId);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERING".equals(naver().statusOf(seller(2), po)));
        naver().buyerReturn(seller(2), po, null);
        naver().collectClaim(seller(2), po);
        pollClaims(2);

        // by order line: the latest open RETURN claim of the line
        long id = insertAction(2, null, orderId, po, "APPROVE_RETURN", null, null, null);

        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(naver().claimStatusOf(seller(2), po)).isEqualTo("RETURN_DONE");
        assertThat(naver().statusOf(seller(2), po)).isEqualTo("RETURNED");
    }

    @Test
    void sellerCancelCancelsTheProductOrderWithNaversReasonCode() {
        String po = deliveredProductOrder(3);

        long id = insertAction(3, null, orderIdOf(po), po, "SELLER_CANCEL", null, null, "PRICE_ERROR: listed at the wrong price");

        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(naver().statusOf(seller(3), po)).isEqualTo("CANCELED");
        JsonNode done = naver().detailOf(seller(3), po).path("completedClaims").get(0);
        assertThat(done.path("claimType").asText()).isEqualTo("CANCEL");
        assertThat(done.path("requestChannel").asText()).isEqualTo("판매자");
        assertThat(done.path("claimRequestReason").asText()).isEqualTo("INCORRECT_INFO");
    }

    @Test
    void aWithdrawnCancelRequestIsRejectedWithNaversRefusal() {
        String po = deliveredProductOrder(4);
        String claimId = naver().buyerCancel(seller(4), po, null);
        pollClaims(4);
        // the buyer took it back at Naver; MB_CLAIM has not heard yet
        naver().withdrawClaim(seller(4), po);

        long id = insertAction(4, claimId, null, null, "APPROVE_CANCEL", null, null, null);

        assertThat(awaitFinal(id)).isEqualTo("REJECTED");
        assertThat(column(id, "result_code")).isEqualTo("104442");
        assertThat((String) column(id, "result_message")).contains("cancel/approve of product order " + po)
                .contains("not shown at Naver");
        assertThat(naver().statusOf(seller(4), po)).isEqualTo("PAYED");
    }

    @Test
    void aRowLeftSendingIsSettledByReadingTheProductOrder() {
        String po = deliveredProductOrder(5);
        String claimId = naver().buyerCancel(seller(5), po, null);
        pollClaims(5);
        long first = insertAction(5, claimId, null, null, "APPROVE_CANCEL", null, null, null);
        assertThat(awaitFinal(first)).isEqualTo("SENT");

        // a node stopped after its cancel/approve reached Naver and before it recorded the answer; its lease ran out
        Db.update(db, "INSERT INTO MB_CLAIM_ACTION (marketplace, account_id, claim_id, action, status, claimed_by, claimed_at)"
                        + " VALUES ('NAVER', ?, ?, 'APPROVE_CANCEL', 'SENDING', 'a-stopped-node', ?)", account(5), claimId,
                Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
        long left = Db.count(db, "SELECT MAX(id) FROM MB_CLAIM_ACTION");

        // sent again, Naver would refuse a second cancel/approve (105306): only the read can make it SENT
        assertThat(awaitFinal(left)).isEqualTo("SENT");
        assertThat(column(left, "result_code")).isEqualTo("ALREADY_DONE");
        assertThat((String) column(left, "result_message")).contains("CANCEL_DONE");
    }

    @Test
    void shipInsteadIsRejectedWithoutACallSayingWhatTheSellerCanDoAtNaver() {
        String po = deliveredProductOrder(6);
        String claimId = naver().buyerCancel(seller(6), po, null);
        pollClaims(6);

        long id = insertAction(6, claimId, null, null, "SHIP_INSTEAD", "CJ대한통운", "323456789012", null);

        assertThat(awaitFinal(id)).isEqualTo("REJECTED");
        assertThat(column(id, "result_code")).isEqualTo("NOT_SUPPORTED");
        assertThat((String) column(id, "result_message")).contains("SHIP_INSTEAD is not supported for NAVER")
                .contains("Naver's Commerce API has no call that refuses a buyer's cancel request")
                .contains("seller center").contains("APPROVE_CANCEL").contains(account(6));
        assertThat(naver().claimStatusOf(seller(6), po)).isEqualTo("CANCEL_REQUEST");
        assertThat(naver().statusOf(seller(6), po)).isEqualTo("PAYED");
    }
}
