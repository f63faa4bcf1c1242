package io.marketbridge.marketplace.lotteon;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.intake.PollReport;
import io.marketbridge.simulator.lotteon.LotteonSimulator;
import io.marketbridge.support.ClaimActionRows;
import io.marketbridge.support.Db;
import io.marketbridge.support.SimulatedRuntime;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seller's decisions on Lotte ON returns, from MB_CLAIM_ACTION through the real route files to the simulator:
 * APPROVE_RETURN informs step 26; a refusal and a row left SENDING are settled by reading the progress state; the
 * actions Lotte ON has no call for are NOT_SUPPORTED without a call. Each test owns one trader and one account.
 */
class LotteonClaimActionRouteTest {

    static final int TRADERS = 4;

    @TempDir
    static Path out;
    static SimulatedRuntime rt;
    static DataSource db;

    static String trader(int n) {
        return "A" + (3000 + n);
    }

    static String key(int n) {
        return String.format("actions-lotteon-key-%04d", n);
    }

    static String account(int n) {
        return "lotteon-actions-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        rt = SimulatedRuntime.lotteon(out, TRADERS, LotteonClaimActionRouteTest::trader, LotteonClaimActionRouteTest::key,
                LotteonClaimActionRouteTest::account, SimulatedRuntime::quickClaimActions);
        db = rt.db();
    }

    @AfterAll
    static void stop() throws Exception {
        rt.close();
    }

    @AfterEach
    void reset() {
        sim().faults().reset();
    }

    static LotteonSimulator sim() {
        return rt.simulator().get(LotteonSimulator.class);
    }

    /** A shipped, polled order of one line with a return requested and recorded in MB_CLAIM; its clmNo. */
    static String[] recordedReturn(int n) {
        String odNo = sim().createOrder(trader(n), now().minusMinutes(20), 1);
        rt.runtime().pollOrders(account(n));
        sim().shipInSellerOffice(trader(n), odNo, 1, "0002", "612345678901");
        String clmNo = sim().requestReturn(trader(n), odNo, 1, 0);
        PollReport.Outcome o = rt.runtime().pollClaims(account(n));
        assertThat(o.ok()).as(o.message()).isTrue();
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CLAIM WHERE claim_id = ?", clmNo)).isEqualTo(1);
        return new String[] {odNo, clmNo};
    }

    static long insert(int n, String clmNo, String action) {
        return ClaimActionRows.insert(db, "LOTTEON", account(n), clmNo, null, null, action, null, null, null);
    }

    static String awaitFinal(long id) {
        return ClaimActionRows.awaitFinal(db, id, Duration.ofSeconds(20));
    }

    static Object column(long id, String column) {
        return ClaimActionRows.column(db, id, column);
    }

    @Test
    void approveReturnConfirmsTheReturnAndTheNextPollCompletesIt() {
        String[] r = recordedReturn(1);
        long id = insert(1, r[1], "APPROVE_RETURN");
        assertThat(awaitFinal(id)).as(String.valueOf(column(id, "result_message"))).isEqualTo("SENT");
        assertThat(sim().stepsOf(trader(1), r[0])).containsEntry("1-2", "26");
        rt.runtime().pollClaims(account(1));
        assertThat(Db.list(db, "SELECT claim_status FROM MB_CLAIM WHERE claim_id = ? ORDER BY id", r[1]))
                .containsExactly("REQUESTED", "COMPLETED");
    }

    @Test
    void aRefusalInsideASuccessfulEnvelopeIsReadOnceAndRejectedWithLotteOnsCode() {
        String[] r = recordedReturn(2);
        sim().faults().refuseNextRows("3102", 1);
        long reads = sim().stateCalls();
        long id = insert(2, r[1], "APPROVE_RETURN");
        assertThat(awaitFinal(id)).isEqualTo("REJECTED");
        assertThat(column(id, "result_code")).isEqualTo("3102");
        assertThat(sim().stateCalls() - reads).isEqualTo(1);
        assertThat(sim().stepsOf(trader(2), r[0])).containsEntry("1-2", "23");
    }

    @Test
    void aRowLeftSendingReadsFirstAndAReturnAlreadyConfirmedIsNotSentAgain() {
        String[] r = recordedReturn(3);
        long first = insert(3, r[1], "APPROVE_RETURN");
        assertThat(awaitFinal(first)).isEqualTo("SENT");
        long informs = sim().informCalls();
        Db.update(db, "INSERT INTO MB_CLAIM_ACTION (marketplace, account_id, claim_id, action, status, claimed_by, claimed_at)"
                        + " VALUES ('LOTTEON', ?, ?, 'APPROVE_RETURN', 'SENDING', 'a-stopped-node', ?)",
                account(3), r[1], Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
        long id = Db.count(db, "SELECT MAX(id) FROM MB_CLAIM_ACTION");
        String status = awaitFinal(id);
        // the claim is still open in MB_CLAIM until the next poll; the read shows step 26: done, nothing sent
        assertThat(status).as(String.valueOf(column(id, "result_message"))).isEqualTo("SENT");
        assertThat(column(id, "result_code")).isEqualTo("ALREADY_CONFIRMED");
        assertThat(sim().informCalls()).isEqualTo(informs);
    }

    @Test
    void actionsLotteOnHasNoCallForAreNotSupportedWithoutACall() {
        String[] r = recordedReturn(4);
        long informs = sim().informCalls();
        long cancel = ClaimActionRows.insert(db, "LOTTEON", account(4), null, r[0], r[0] + "-1-1", "SELLER_CANCEL", null, null,
                "OUT_OF_STOCK");
        assertThat(awaitFinal(cancel)).isEqualTo("REJECTED");
        assertThat(column(cancel, "result_code")).isEqualTo("NOT_SUPPORTED");
        assertThat((String) column(cancel, "result_message")).contains("seller office");
        assertThat(sim().informCalls()).isEqualTo(informs);
    }
}
