package io.marketbridge.marketplace.elevenst;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.intake.PollReport;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.elevenst.ElevenstSimulator;
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
 * The seller's decisions on 11st claims, from MB_CLAIM_ACTION through the real route files to the 11st simulator:
 * each action SENT, a refusal of 11st's REJECTED with its code and text, rows left SENDING settled by reading first.
 * The claims come into MB_CLAIM through the real claims poll (their raw rows carry ordPrdCnSeq / clmReqSeq). Each
 * test owns one seller and one account.
 */
class ElevenstClaimActionRouteTest {

    static final int SELLERS = 7;

    @TempDir
    static Path out;
    static SimulatedRuntime env;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;

    static String seller(int n) {
        return "SA" + n;
    }

    static String key(int n) {
        return String.format("actions11stKey%04d", n);
    }

    static String account(int n) {
        return "11st-actions-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        env = SimulatedRuntime.elevenst(out, SELLERS, ElevenstClaimActionRouteTest::seller, ElevenstClaimActionRouteTest::key, ElevenstClaimActionRouteTest::account,
                SimulatedRuntime::quickClaimActions);
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

    /** An order of one line, polled into MB_ORDER (and so confirmed: 301). */
    static String deliveredOrder(int n) {
        String ordNo = sim().createOrder(seller(n), now().minusMinutes(20), 1, 1);
        runtime.pollOrders(account(n));
        assertThat(runtime.outcome(account(n)).ok()).as(runtime.outcome(account(n)).message()).isTrue();
        assertThat(sim().statusOf(seller(n), ordNo).get("1")).isEqualTo("301");
        return ordNo;
    }

    static void pollClaims(int n) {
        PollReport.Outcome o = runtime.pollClaims(account(n));
        assertThat(o).isNotNull();
        assertThat(o.ok()).as(o.message()).isTrue();
    }

    static void assertRecorded(int n, String claimNo) {
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CLAIM WHERE account_id = ? AND claim_id = ?", account(n), claimNo))
                .isEqualTo(1);
    }

    static long insertAction(int n, String claimId, String orderId, String lineId, String action, String courier,
                             String tracking, String reason) {
        return ClaimActionRows.insert(db, "11ST", account(n), claimId, orderId, lineId, action, courier, tracking, reason);
    }

    /** A row an earlier node was sending when it stopped (its lease long expired). */
    static long leftSending(int n, String claimId, String orderId, String lineId, String action, String reason) {
        Db.update(db, "INSERT INTO MB_CLAIM_ACTION (marketplace, account_id, claim_id, order_id, line_id, action, reason,"
                        + " status, claimed_by, claimed_at) VALUES ('11ST', ?, ?, ?, ?, ?, ?, 'SENDING', 'a-stopped-node', ?)",
                account(n), claimId, orderId, lineId, action, reason, Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
        return Db.count(db, "SELECT MAX(id) FROM MB_CLAIM_ACTION");
    }

    static Object column(long id, String column) {
        return ClaimActionRows.column(db, id, column);
    }

    static String awaitFinal(long id) {
        return ClaimActionRows.awaitFinal(db, id, Duration.ofSeconds(20));
    }

    @Test
    void approveCancelCompletesTheBuyersCancelAndTheLineIsCancelled() {
        String ordNo = deliveredOrder(1);
        String claimNo = sim().requestCancel(seller(1), ordNo, "1", 0);
        pollClaims(1);
        assertRecorded(1, claimNo);

        long id = insertAction(1, claimNo, null, null, "APPROVE_CANCEL", null, null, null);

        assertThat(awaitFinal(id)).as(String.valueOf(column(id, "result_message"))).isEqualTo("SENT");
        assertThat(column(id, "result_code")).isEqualTo("0");
        assertThat(column(id, "resolved_claim_id")).isEqualTo(claimNo);
        assertThat(sim().claimStateOf(seller(1), claimNo)).isEqualTo("COMPLETED");
        assertThat(sim().statusOf(seller(1), ordNo).get("1")).isEqualTo("B01");
    }

    @Test
    void shipInsteadRefusesTheCancelWithTheInvoiceAndTheLineShips() {
        String ordNo = deliveredOrder(2);
        String claimNo = sim().requestCancel(seller(2), ordNo, "1", 0);
        pollClaims(2);

        // by order line: the latest open cancel of the line
        long id = insertAction(2, null, ordNo, "1", "SHIP_INSTEAD", "CJ대한통운", "6123-0000-0022", null);

        assertThat(awaitFinal(id)).as(String.valueOf(column(id, "result_message"))).isEqualTo("SENT");
        assertThat(column(id, "resolved_claim_id")).isEqualTo(claimNo);
        assertThat(sim().claimStateOf(seller(2), claimNo)).isEqualTo("REJECTED");
        assertThat(sim().statusOf(seller(2), ordNo).get("1")).isEqualTo("401");
        assertThat(sim().courierOf(seller(2), ordNo, "1")).isEqualTo("00034");
        assertThat(sim().invoiceOf(seller(2), ordNo, "1")).isEqualTo("612300000022");
    }

    @Test
    void approveReturnCompletesTheReturnOfAShippedLine() {
        String ordNo = deliveredOrder(3);
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no)"
                + " VALUES ('11ST', ?, ?, 'CJ대한통운', '612300000033')", account(3), ordNo);
        await().atMost(Duration.ofSeconds(20)).until(() -> "401".equals(sim().statusOf(seller(3), ordNo).get("1")));
        String claimNo = sim().requestReturn(seller(3), ordNo, "1", 0);
        pollClaims(3);
        assertRecorded(3, claimNo);

        long id = insertAction(3, claimNo, null, null, "APPROVE_RETURN", null, null, null);

        assertThat(awaitFinal(id)).as(String.valueOf(column(id, "result_message"))).isEqualTo("SENT");
        assertThat(sim().claimStateOf(seller(3), claimNo)).isEqualTo("COMPLETED");
    }

    @Test
    void sellerCancelRefusesTheSaleWithTheReasonsCodeAndText() {
        String ordNo = deliveredOrder(4);

        long id = insertAction(4, null, ordNo, "1", "SELLER_CANCEL", null, null, "OUT_OF_STOCK: 공급처 품절 (재입고 미정)");

        assertThat(awaitFinal(id)).as(String.valueOf(column(id, "result_message"))).isEqualTo("SENT");
        assertThat(sim().statusOf(seller(4), ordNo).get("1")).isEqualTo("B01");
        // the Korean text went through the path percent-encoded and came back intact
        assertThat(sim().sellerCancelOf(seller(4), ordNo, "1")).isEqualTo("08/공급처 품절 (재입고 미정)");
    }

    @Test
    void aWithdrawnCancelIsRejectedWithElevenstsCodeAndText() {
        String ordNo = deliveredOrder(5);
        String claimNo = sim().requestCancel(seller(5), ordNo, "1", 0);
        pollClaims(5);
        // the buyer took it back at 11st; MB_CLAIM has not heard yet
        sim().withdrawClaim(seller(5), claimNo);
        long lists = sim().claimListCalls();

        long id = insertAction(5, claimNo, null, null, "APPROVE_CANCEL", null, null, null);

        assertThat(awaitFinal(id)).isEqualTo("REJECTED");
        assertThat(column(id, "result_code")).isEqualTo("-1");
        assertThat((String) column(id, "result_message")).contains("구매자가 철회한");
        assertThat(sim().claimListCalls() - lists).as("one read of canceledorders settles the refusal").isEqualTo(1);
        assertThat(sim().statusOf(seller(5), ordNo).get("1")).isEqualTo("301");
    }

    @Test
    void anApprovalLeftSendingIsSettledByReadingTheCompletedCancels() {
        String ordNo = deliveredOrder(6);
        String claimNo = sim().requestCancel(seller(6), ordNo, "1", 0);
        pollClaims(6);
        long first = insertAction(6, claimNo, null, null, "APPROVE_CANCEL", null, null, null);
        assertThat(awaitFinal(first)).isEqualTo("SENT");
        long answers = sim().claimActionCalls();

        // a node stopped after its cancelreqconf reached 11st and before it recorded the answer
        long left = leftSending(6, claimNo, null, null, "APPROVE_CANCEL", null);

        assertThat(awaitFinal(left)).isEqualTo("SENT");
        assertThat(column(left, "result_code")).isEqualTo("ALREADY_DONE");
        assertThat((String) column(left, "result_message")).contains("canceledorders").contains(claimNo);
        assertThat(sim().claimActionCalls()).as("no second cancelreqconf").isEqualTo(answers);
    }

    @Test
    void aSellerCancelLeftSendingIsSettledByReadingTheLine() {
        String ordNo = deliveredOrder(7);
        long first = insertAction(7, null, ordNo, "1", "SELLER_CANCEL", null, null, "PRICE_ERROR");
        assertThat(awaitFinal(first)).isEqualTo("SENT");
        assertThat(sim().sellerCancelOf(seller(7), ordNo, "1")).isEqualTo("07/상품 가격 오류");
        long answers = sim().claimActionCalls();

        long left = leftSending(7, null, ordNo, "1", "SELLER_CANCEL", "PRICE_ERROR");

        assertThat(awaitFinal(left)).isEqualTo("SENT");
        assertThat(column(left, "result_code")).isEqualTo("ALREADY_DONE");
        assertThat((String) column(left, "result_message")).contains("B01");
        assertThat(sim().claimActionCalls()).as("no second reqrejectorder").isEqualTo(answers);
    }
}
