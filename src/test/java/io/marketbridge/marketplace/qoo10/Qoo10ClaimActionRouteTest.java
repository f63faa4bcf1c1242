package io.marketbridge.marketplace.qoo10;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.intake.PollReport;
import io.marketbridge.simulator.qoo10.Qoo10Simulator;
import io.marketbridge.support.ClaimActionRows;
import io.marketbridge.support.Db;
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
 * The seller's decisions on Qoo10 claims, from MB_CLAIM_ACTION through the real route files to the simulator:
 * APPROVE_CANCEL and SELLER_CANCEL through Claim.SetCancelProcess; a refusal and a row left SENDING settled by reading
 * the order; the actions Qoo10 documents no call for NOT_SUPPORTED without a call. Each test owns one seller.
 */
class Qoo10ClaimActionRouteTest {

    static final String CANCEL = "Claim.SetCancelProcess";
    static final String READ = "ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2";

    @TempDir
    static Path out;
    static SimulatedRuntime rt;
    static DataSource db;

    static String seller(int n) {
        return "jpactions" + n;
    }

    static String apiKey(int n) {
        return "qoo10-actions-key-000" + n;
    }

    static String password(int n) {
        return "qsm-actions-" + n;
    }

    static String account(int n) {
        return "qoo10-actions-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        rt = SimulatedRuntime.qoo10(out, 5, Qoo10ClaimActionRouteTest::seller, Qoo10ClaimActionRouteTest::apiKey,
                Qoo10ClaimActionRouteTest::password, Qoo10ClaimActionRouteTest::account, SimulatedRuntime::quickClaimActions);
        db = rt.db();
    }

    @AfterAll
    static void stop() throws Exception {
        rt.close();
    }

    static Qoo10Simulator qoo10() {
        return rt.simulator().get(Qoo10Simulator.class);
    }

    /** A delivered one-orderNo cart; {packNo, orderNo}. */
    static long[] deliveredOrder(int n) {
        long pack = qoo10().addCarts(seller(n), 1, 1, now().minusMinutes(10), false).get(0);
        rt.runtime().pollOrders(account(n));
        assertThat(rt.runtime().outcome(account(n)).ok()).isTrue();
        return new long[] {pack, qoo10().orderNosOf(pack).get(0)};
    }

    /** A delivered order the buyer asked to cancel, the claim recorded; {packNo, orderNo} and its claim id. */
    static String recordedCancel(int n, long orderNo) {
        qoo10().requestCancel(orderNo);
        pollClaims(n);
        return (String) Db.list(db, "SELECT claim_id FROM MB_CLAIM WHERE line_id = ?", String.valueOf(orderNo)).get(0);
    }

    static void pollClaims(int n) {
        PollReport.Outcome o = rt.runtime().pollClaims(account(n));
        assertThat(o.ok()).as(String.valueOf(o.message())).isTrue();
    }

    static long insert(int n, String claimId, String action) {
        return ClaimActionRows.insert(db, "QOO10", account(n), claimId, null, null, action, null, null, null);
    }

    static String awaitFinal(long id) {
        return ClaimActionRows.awaitFinal(db, id, Duration.ofSeconds(20));
    }

    static Object column(long id, String column) {
        return ClaimActionRows.column(db, id, column);
    }

    static Object statuses(long orderNo) {
        return Db.list(db, "SELECT claim_status FROM MB_CLAIM WHERE line_id = ? ORDER BY id", String.valueOf(orderNo));
    }

    @Test
    void approveCancelCancelsTheOrderNoAndTheNextPollCompletesTheClaim() {
        long[] o = deliveredOrder(1);
        String claimId = recordedCancel(1, o[1]);
        long id = insert(1, claimId, "APPROVE_CANCEL");
        assertThat(awaitFinal(id)).as(String.valueOf(column(id, "result_message"))).isEqualTo("SENT");
        assertThat(qoo10().claimStatusOf(o[1])).isEqualTo(3);
        pollClaims(1);
        assertThat(statuses(o[1])).asList().containsExactly("REQUESTED", "COMPLETED");
    }

    @Test
    void sellerCancelCancelsADeliveredLine() {
        long[] o = deliveredOrder(2);
        long id = ClaimActionRows.insert(db, "QOO10", account(2), null, String.valueOf(o[0]), String.valueOf(o[1]),
                "SELLER_CANCEL", null, null, "OUT_OF_STOCK: 欠品");
        assertThat(awaitFinal(id)).as(String.valueOf(column(id, "result_message"))).isEqualTo("SENT");
        assertThat(qoo10().claimStatusOf(o[1])).isEqualTo(3);
        pollClaims(2);
        assertThat(Db.list(db, "SELECT claim_type || ' ' || claim_status FROM MB_CLAIM WHERE line_id = ?",
                String.valueOf(o[1]))).containsExactly("CANCEL COMPLETED");
    }

    @Test
    void aRefusalIsReadOnceAndRejectedWithQoo10sCode() {
        long[] o = deliveredOrder(3);
        String claimId = recordedCancel(3, o[1]);
        qoo10().setStatus(o[1], 4); // the parcel left before the seller answered
        long reads = qoo10().calls(READ);
        long id = insert(3, claimId, "APPROVE_CANCEL");
        assertThat(awaitFinal(id)).isEqualTo("REJECTED");
        assertThat(column(id, "result_code")).isEqualTo("-10004");
        assertThat(qoo10().calls(READ) - reads).isEqualTo(1);
        assertThat(qoo10().claimStatusOf(o[1])).isEqualTo(1);
    }

    @Test
    void aRowLeftSendingReadsFirstAndACancelAlreadyDoneIsNotSentAgain() {
        long[] o = deliveredOrder(4);
        String claimId = recordedCancel(4, o[1]);
        assertThat(awaitFinal(insert(4, claimId, "APPROVE_CANCEL"))).isEqualTo("SENT");
        long cancels = qoo10().calls(CANCEL);
        Db.update(db, "INSERT INTO MB_CLAIM_ACTION (marketplace, account_id, claim_id, action, status, claimed_by, claimed_at)"
                        + " VALUES ('QOO10', ?, ?, 'APPROVE_CANCEL', 'SENDING', 'a-stopped-node', ?)",
                account(4), claimId, Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
        long id = Db.count(db, "SELECT MAX(id) FROM MB_CLAIM_ACTION");
        assertThat(awaitFinal(id)).as(String.valueOf(column(id, "result_message"))).isEqualTo("SENT");
        assertThat(column(id, "result_code")).isEqualTo("ALREADY_CANCELLED");
        assertThat(qoo10().calls(CANCEL)).isEqualTo(cancels);
    }

    @Test
    void refusingACancelIsNotSupportedWithoutACall() {
        long[] o = deliveredOrder(5);
        String claimId = recordedCancel(5, o[1]);
        long calls = qoo10().calls(CANCEL) + qoo10().calls(READ);
        long id = ClaimActionRows.insert(db, "QOO10", account(5), claimId, null, null, "SHIP_INSTEAD", "YAMATO",
                "400000000005", null);
        assertThat(awaitFinal(id)).isEqualTo("REJECTED");
        assertThat(column(id, "result_code")).isEqualTo("NOT_SUPPORTED");
        assertThat((String) column(id, "result_message")).contains("Qoo10", "QSM");
        assertThat(qoo10().calls(CANCEL) + qoo10().calls(READ)).isEqualTo(calls);
    }
}
