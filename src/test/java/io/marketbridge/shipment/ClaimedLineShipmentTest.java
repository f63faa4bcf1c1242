package io.marketbridge.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimIntake;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.order.Marketplace;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line with an open or completed cancel in MB_CLAIM is never shipped: its MB_SHIPMENT row is REJECTED as
 * CANCEL_REQUESTED or CANCELLED before any call to the marketplace. A cancel withdrawn leaves the line
 * shippable. Through the real route files, against the Coupang simulator, with the runtime's claimIntake bean.
 */
class ClaimedLineShipmentTest {

    static final String VENDOR = "A40000031";
    static final String ACCOUNT = "acct-" + VENDOR;

    @TempDir
    static Path out;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;
    static ClaimIntake claims;

    @BeforeAll
    static void start() throws Exception {
        simulator = RuntimeHarness.simulator(Map.of(VENDOR, new String[] {"access-c", "secret-c-0123456789"}));
        Properties p = RuntimeHarness.baseProperties(out);
        RuntimeHarness.coupangAccount(p, ACCOUNT, simulator.baseUrl(), VENDOR, "access-c", "secret-c-0123456789");
        runtime = RuntimeHarness.start(p, simulator, out);
        db = runtime.dataSource();
        claims = runtime.context().getRegistry().lookupByNameAndType("claimIntake", ClaimIntake.class);
    }

    @AfterAll
    static void stop() throws Exception {
        runtime.close();
        simulator.close();
    }

    static CoupangSimulator coupang() {
        return simulator.get(CoupangSimulator.class);
    }

    /** A one-box order polled into the runtime; returns its id and its first line. */
    static String[] deliveredOrder() {
        long orderId = coupang().createOrder(VENDOR, ZonedDateTime.now(ZoneId.of("Asia/Seoul")).minusMinutes(10), false, 1);
        runtime.pollOrders(ACCOUNT);
        List<Object> lines = Db.list(db, "SELECT line_id FROM MB_ORDER_LINE WHERE order_id = ? ORDER BY line_id",
                String.valueOf(orderId));
        assertThat(lines).isNotEmpty();
        return new String[] {String.valueOf(orderId), (String) lines.get(0)};
    }

    /** A cancel of every piece of the line. */
    static void claim(String claimId, String orderId, String lineId, ClaimStatus status) throws Exception {
        int pieces = ((Number) Db.list(db, "SELECT quantity FROM MB_ORDER_LINE WHERE order_id = ? AND line_id = ?",
                orderId, lineId).get(0)).intValue();
        claim(claimId, orderId, lineId, status, pieces);
    }

    static void claim(String claimId, String orderId, String lineId, ClaimStatus status, int quantity) throws Exception {
        claims.deliverPoll(ACCOUNT, List.of(new Claim(Marketplace.COUPANG, ACCOUNT, claimId, orderId, ClaimType.CANCEL,
                status, null, null, OffsetDateTime.now(), OffsetDateTime.now(), null,
                List.of(new ClaimLine(lineId, null, quantity)), null)));
    }

    static long insertShipment(String orderId, String lineId, String tracking) {
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, line_id, courier, tracking_no)"
                + " VALUES ('COUPANG', ?, ?, ?, 'CJ대한통운', ?)", ACCOUNT, orderId, lineId, tracking);
        return Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT");
    }

    static Object column(long id, String column) {
        return Db.list(db, "SELECT " + column + " FROM MB_SHIPMENT WHERE id = ?", id).get(0);
    }

    static String awaitFinal(long id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of("SENT", "REJECTED", "FAILED").contains(column(id, "status")));
        return (String) column(id, "status");
    }

    @Test
    void anOpenCancelIsRefusedBeforeAnyCall() throws Exception {
        String[] order = deliveredOrder();
        // the buyer cancels every line of the order (the simulator's box may hold more than one)
        for (Object line : Db.list(db, "SELECT line_id FROM MB_ORDER_LINE WHERE order_id = ?", order[0])) {
            claim("CX-1", order[0], (String) line, ClaimStatus.REQUESTED);
        }
        long calls = coupang().invoiceUploadCalls();

        long whole = insertShipment(order[0], null, "123456789012");
        assertThat(awaitFinal(whole)).as("%s", column(whole, "result_code")).isEqualTo("REJECTED");
        assertThat(column(whole, "result_code")).isEqualTo("CANCEL_REQUESTED");
        long line = insertShipment(order[0], order[1], "123456789012");
        assertThat(awaitFinal(line)).isEqualTo("REJECTED");
        assertThat(column(line, "result_code")).isEqualTo("CANCEL_REQUESTED");

        claim("CX-1", order[0], order[1], ClaimStatus.COMPLETED);
        long after = insertShipment(order[0], order[1], "123456789012");
        assertThat(awaitFinal(after)).isEqualTo("REJECTED");
        assertThat(column(after, "result_code")).isEqualTo("CANCELLED");
        assertThat(coupang().invoiceUploadCalls()).isEqualTo(calls);
    }

    @Test
    void aWithdrawnCancelLeavesTheLineShippable() throws Exception {
        String[] order = deliveredOrder();
        claim("CX-2", order[0], order[1], ClaimStatus.REQUESTED);
        claim("CX-2", order[0], order[1], ClaimStatus.WITHDRAWN);
        long id = insertShipment(order[0], null, "223456789013");
        assertThat(awaitFinal(id)).isEqualTo("SENT");
    }

    @Test
    void aPartialCancelHoldsTheLineWhileOpenAndLetsTheRestShipOnceCompleted() throws Exception {
        String[] order = deliveredOrder();
        // the line has 3 pieces; the buyer cancels 1 of them
        Db.update(db, "UPDATE MB_ORDER_LINE SET quantity = 3 WHERE order_id = ? AND line_id = ?", order[0], order[1]);
        claim("CX-3", order[0], order[1], ClaimStatus.REQUESTED, 1);
        long calls = coupang().invoiceUploadCalls();
        long held = insertShipment(order[0], order[1], "323456789014");
        assertThat(awaitFinal(held)).isEqualTo("REJECTED"); // the seller decides first: 2 or 3 pieces go
        assertThat(column(held, "result_code")).isEqualTo("CANCEL_REQUESTED");
        assertThat(coupang().invoiceUploadCalls()).isEqualTo(calls);

        claim("CX-3", order[0], order[1], ClaimStatus.COMPLETED, 1);
        long rest = insertShipment(order[0], order[1], "323456789014");
        assertThat(awaitFinal(rest)).isEqualTo("SENT"); // the 2 pieces left ship
    }

    @Test
    void aCancelOfEveryPieceInTwoStepsCancelsTheLine() throws Exception {
        String[] order = deliveredOrder();
        Db.update(db, "UPDATE MB_ORDER_LINE SET quantity = 3 WHERE order_id = ? AND line_id = ?", order[0], order[1]);
        claim("CX-4", order[0], order[1], ClaimStatus.COMPLETED, 1);
        claim("CX-5", order[0], order[1], ClaimStatus.COMPLETED, 2);
        long id = insertShipment(order[0], order[1], "423456789015");
        assertThat(awaitFinal(id)).isEqualTo("REJECTED");
        assertThat(column(id, "result_code")).isEqualTo("CANCELLED");
    }
}
