package io.marketbridge.marketplace.lotteon;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.intake.PollReport;
import io.marketbridge.simulator.lotteon.LotteonSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.SimulatedRuntime;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lotte ON returns into MB_CLAIM through the real claims poll, against the simulator: the return rows (RTRV) at steps
 * 23 to 26 become one RETURN claim per clmNo and line, moving REQUESTED -> APPROVED -> COMPLETED. Each test owns one
 * trader and one account.
 */
class LotteonClaimsRouteTest {

    static final int TRADERS = 3;

    @TempDir
    static Path out;
    static SimulatedRuntime rt;
    static DataSource db;

    static String trader(int n) {
        return "C" + (2000 + n);
    }

    static String key(int n) {
        return String.format("claims-lotteon-key-%04d", n);
    }

    static String account(int n) {
        return "lotteon-claims-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        rt = SimulatedRuntime.lotteon(out, TRADERS, LotteonClaimsRouteTest::trader, LotteonClaimsRouteTest::key,
                LotteonClaimsRouteTest::account, p -> { });
        db = rt.db();
    }

    @AfterAll
    static void stop() throws Exception {
        rt.close();
    }

    static LotteonSimulator sim() {
        return rt.simulator().get(LotteonSimulator.class);
    }

    /** An order of {@code lines} lines, polled in, each line shipped. */
    static String shippedOrder(int n, int lines) {
        String odNo = sim().createOrder(trader(n), now().minusMinutes(20), lines);
        rt.runtime().pollOrders(account(n));
        assertThat(rt.runtime().outcome(account(n)).ok()).isTrue();
        for (int seq = 1; seq <= lines; seq++) {
            sim().shipInSellerOffice(trader(n), odNo, seq, "0002", "61234567890" + seq);
        }
        return odNo;
    }

    static void pollClaims(int n) {
        PollReport.Outcome o = rt.runtime().pollClaims(account(n));
        assertThat(o).isNotNull();
        assertThat(o.ok()).as(o.message()).isTrue();
    }

    static List<Object> statuses(String clmNo) {
        return Db.list(db, "SELECT claim_status FROM MB_CLAIM WHERE claim_id = ? ORDER BY id", clmNo);
    }

    @Test
    void aReturnMovesFromRequestedThroughApprovedToCompleted() {
        String odNo = shippedOrder(1, 1);
        String clmNo = sim().requestReturn(trader(1), odNo, 1, 0);
        pollClaims(1);
        assertThat(statuses(clmNo)).containsExactly("REQUESTED");
        assertThat(Db.list(db, "SELECT order_id || ' ' || shipment_id FROM MB_CLAIM WHERE claim_id = ?", clmNo))
                .containsExactly(odNo + " " + odNo);
        // the whole line is returned: the claim's quantity is the line's
        assertThat(Db.count(db, "SELECT quantity FROM MB_CLAIM WHERE claim_id = ?", clmNo))
                .isEqualTo(Db.count(db, "SELECT quantity FROM MB_ORDER_LINE WHERE order_id = ?", odNo));
        assertThat(Db.list(db, "SELECT line_id FROM MB_CLAIM WHERE claim_id = ?", clmNo)).containsExactly(odNo + "-1-1");
        assertThat(Db.list(db, "SELECT claim_type FROM MB_CLAIM WHERE claim_id = ?", clmNo)).containsExactly("RETURN");
        assertThat(Db.list(db, "SELECT marketplace FROM MB_CLAIM WHERE claim_id = ?", clmNo)).containsExactly("LOTTEON");
        pollClaims(1); // read again: no second row
        assertThat(statuses(clmNo)).containsExactly("REQUESTED");
        sim().pickUp(trader(1), clmNo);
        pollClaims(1);
        assertThat(statuses(clmNo)).containsExactly("REQUESTED", "APPROVED");
        assertThat(Db.list(db, "SELECT marketplace_status FROM MB_CLAIM WHERE claim_id = ? ORDER BY id", clmNo))
                .containsExactly("23", "24");
    }

    @Test
    void aReturnOfOnePieceCarriesItsQuantityAndOnlyItsLine() {
        String odNo = sim().createOrder(trader(2), now().minusMinutes(20), 2);
        rt.runtime().pollOrders(account(2));
        sim().shipInSellerOffice(trader(2), odNo, 2, "0002", "612345678902");
        String clmNo = sim().requestReturn(trader(2), odNo, 2, 1);
        pollClaims(2);
        assertThat(Db.list(db, "SELECT line_id FROM MB_CLAIM WHERE claim_id = ?", clmNo)).containsExactly(odNo + "-2-1");
        assertThat(Db.count(db, "SELECT quantity FROM MB_CLAIM WHERE claim_id = ?", clmNo)).isEqualTo(1);
    }

    @Test
    void eachDayIsReadAtEveryReturnStepOverTheFollowWindow() {
        long before = sim().searchCalls();
        pollClaims(3);
        // the first claims poll reads claims.initial-lookback (P3D) and the follow window (P7D) reaches back further:
        // seven days and a bit, in one-day slices, each at four steps
        long calls = sim().searchCalls() - before;
        assertThat(calls % 4).isZero();
        assertThat(calls / 4).isBetween(7L, 8L);
    }
}
