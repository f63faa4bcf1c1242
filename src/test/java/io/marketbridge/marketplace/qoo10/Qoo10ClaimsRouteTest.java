package io.marketbridge.marketplace.qoo10;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.intake.PollReport;
import io.marketbridge.simulator.qoo10.Qoo10Simulator;
import io.marketbridge.support.Db;
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
 * Qoo10 cancel claims into MB_CLAIM through the real claims poll, against the simulator (GetClaimInfo_V3; the buyer's
 * withdrawal seen by reading the order). Each test owns one seller and one account.
 */
class Qoo10ClaimsRouteTest {

    @TempDir
    static Path out;
    static SimulatedRuntime rt;
    static DataSource db;

    static String seller(int n) {
        return "jpclaims" + n;
    }

    static String apiKey(int n) {
        return "qoo10-claims-key-000" + n;
    }

    static String password(int n) {
        return "qsm-claims-" + n;
    }

    static String account(int n) {
        return "qoo10-claims-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        rt = SimulatedRuntime.qoo10(out, 5, Qoo10ClaimsRouteTest::seller, Qoo10ClaimsRouteTest::apiKey,
                Qoo10ClaimsRouteTest::password, Qoo10ClaimsRouteTest::account,
                p -> p.setProperty("marketbridge.account." + account(5) + ".claims.window-days", "7"));
        db = rt.db();
    }

    @AfterAll
    static void stop() throws Exception {
        rt.close();
    }

    static Qoo10Simulator qoo10() {
        return rt.simulator().get(Qoo10Simulator.class);
    }

    static void pollOrders(int n) {
        rt.runtime().pollOrders(account(n));
        assertThat(rt.runtime().outcome(account(n)).ok()).isTrue();
    }

    static void pollClaims(int n) {
        PollReport.Outcome o = rt.runtime().pollClaims(account(n));
        assertThat(o).isNotNull();
        assertThat(o.ok()).as(String.valueOf(o.message())).isTrue();
    }

    static List<Object> claimRows(long orderNo) {
        return Db.list(db, "SELECT claim_type || ' ' || claim_status || ' ' || marketplace_status"
                + " FROM MB_CLAIM WHERE line_id = ? ORDER BY id", String.valueOf(orderNo));
    }

    static List<Object> changes(long pack) {
        return Db.list(db, "SELECT change_type FROM MB_ORDER_CHANGE WHERE order_id = ? ORDER BY change_id", String.valueOf(pack));
    }

    static long ship(int n, long pack, String tracking) {
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no) VALUES (?, ?, ?, ?, ?)",
                "QOO10", account(n), String.valueOf(pack), "YAMATO", tracking);
        return Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT");
    }

    static Object shipment(long id, String column) {
        return Db.list(db, "SELECT " + column + " FROM MB_SHIPMENT WHERE id = ?", id).get(0);
    }

    static String awaitFinal(long id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("SENT", "REJECTED").contains(shipment(id, "status")));
        return (String) shipment(id, "status");
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
    void aCancelBeforeDeliveryIsRecordedAndTheCartArrivesWithoutThatOrderNo() {
        long pack = qoo10().addCarts(seller(1), 1, 2, now().minusMinutes(10), false).get(0);
        List<Long> orderNos = qoo10().orderNosOf(pack);
        qoo10().requestCancel(orderNos.get(0));
        pollClaims(1);
        assertThat(claimRows(orderNos.get(0))).containsExactly("CANCEL REQUESTED 1");
        assertThat(Db.list(db, "SELECT order_id FROM MB_CLAIM WHERE line_id = ?", String.valueOf(orderNos.get(0))))
                .containsExactly(String.valueOf(pack));
        pollOrders(1);
        // the simulator lists no orderNo under claim among the new orders: the cart arrives with the other one
        assertThat(Db.list(db, "SELECT line_id FROM MB_ORDER_LINE WHERE order_id = ?", String.valueOf(pack)))
                .containsExactly(String.valueOf(orderNos.get(1)));
    }

    @Test
    void aCancelAfterDeliveryStopsTheShipmentBeforeAnyCall() {
        long pack = qoo10().addCarts(seller(2), 1, 1, now().minusMinutes(10), false).get(0);
        long orderNo = qoo10().orderNosOf(pack).get(0);
        pollOrders(2);
        qoo10().requestCancel(orderNo);
        pollClaims(2);
        assertThat(claimRows(orderNo)).containsExactly("CANCEL REQUESTED 1");
        assertThat(changes(pack)).contains("CANCEL_REQUESTED");
        // the whole orderNo is claimed: the claim's quantity is the line's
        assertThat(Db.count(db, "SELECT quantity FROM MB_CLAIM WHERE line_id = ?", String.valueOf(orderNo)))
                .isEqualTo(Db.count(db, "SELECT quantity FROM MB_ORDER_LINE WHERE line_id = ?", String.valueOf(orderNo)));
        long sendCalls = qoo10().calls("ShippingBasic.SetSendingInfo");
        long id = ship(2, pack, "400000000001");
        assertThat(awaitFinal(id)).isEqualTo("REJECTED");
        assertThat(shipment(id, "result_code")).isEqualTo("CANCEL_REQUESTED");
        assertThat(qoo10().calls("ShippingBasic.SetSendingInfo")).isEqualTo(sendCalls);
    }

    @Test
    void aWithdrawnCancelGivesTheLineBackAndTheShipmentGoesThrough() {
        long pack = qoo10().addCarts(seller(3), 1, 1, now().minusMinutes(10), false).get(0);
        long orderNo = qoo10().orderNosOf(pack).get(0);
        pollOrders(3);
        qoo10().requestCancel(orderNo);
        pollClaims(3);
        qoo10().withdrawCancel(orderNo);
        long reads = qoo10().calls("ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2");
        pollClaims(3);
        // not listed any more: the order is read, and shows no claim
        assertThat(qoo10().calls("ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2") - reads).isEqualTo(1);
        assertThat(claimRows(orderNo)).containsExactly("CANCEL REQUESTED 1", "CANCEL WITHDRAWN 0");
        pollClaims(3);
        // a settled claim is not read again
        assertThat(qoo10().calls("ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2") - reads).isEqualTo(1);
        long id = ship(3, pack, "400000000003");
        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(qoo10().statusOf(orderNo)).isEqualTo(4);
    }

    @Test
    void theSameClaimsReadAgainAreRecordedOnce() throws Exception {
        List<Long> packs = qoo10().addCarts(seller(4), 2, 1, now().minusMinutes(10), false);
        pollOrders(4);
        for (long pack : packs) {
            qoo10().requestCancel(qoo10().orderNosOf(pack).get(0));
        }
        long lists = qoo10().calls("ShippingBasic.GetClaimInfo_V3");
        pollClaims(4);
        // the first poll reads claims.follow-window (P14D) in one slice of claims.window-days (30), at ClaimStats 1-6
        assertThat(qoo10().calls("ShippingBasic.GetClaimInfo_V3") - lists).isEqualTo(6);
        long rows = Db.count(db, "SELECT COUNT(*) FROM MB_CLAIM WHERE account_id = ?", account(4));
        long changeRows = Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_CHANGE WHERE account_id = ?", account(4));
        long files = claimFiles(account(4));
        assertThat(rows).isEqualTo(2);
        assertThat(files).isPositive();
        pollClaims(4);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CLAIM WHERE account_id = ?", account(4))).isEqualTo(rows);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_CHANGE WHERE account_id = ?", account(4))).isEqualTo(changeRows);
        assertThat(claimFiles(account(4))).isEqualTo(files);
    }

    @Test
    void theWindowIsCutIntoSlicesOfClaimsWindowDaysEachReadAtEveryClaimStat() {
        long lists = qoo10().calls("ShippingBasic.GetClaimInfo_V3");
        pollClaims(5);
        // the follow window (P14D) in slices of at most 7 days, each at ClaimStats 1-6
        long calls = qoo10().calls("ShippingBasic.GetClaimInfo_V3") - lists;
        assertThat(calls % 6).isZero();
        assertThat(calls / 6).isBetween(2L, 3L);
    }
}
