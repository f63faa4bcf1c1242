package io.marketbridge.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.SimulatedRuntime;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracking numbers from the ERP to Coupang through the real route files, by table and by file, against the
 * simulator. Each test owns one vendor and one account.
 */
class ShipmentFlowTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final String[] VENDORS = {"A40000001", "A40000002", "A40000003", "A40000004", "A40000005", "A40000006",
        "A40000007", "A40000008", "A40000009"};

    @TempDir
    static Path out;
    static SimulatedRuntime env;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;

    @BeforeAll
    static void start() throws Exception {
        env = SimulatedRuntime.coupang(out, VENDORS, v -> "acct-" + v, p -> {
            p.setProperty("marketbridge.account.acct-A40000007.auto-confirm", "false");
            p.setProperty("marketbridge.shipments.max-attempts", "3");
        });
        simulator = env.simulator();
        runtime = env.runtime();
        db = env.db();
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    @AfterEach
    void resetFaults() {
        coupang().faults().reset();
    }

    static CoupangSimulator coupang() {
        return simulator.get(CoupangSimulator.class);
    }

    /** Creates an order with the given number of boxes at the simulator and polls it into the runtime. */
    static long deliveredOrder(String vendor, int boxes) {
        long orderId = coupang().createOrder(vendor, ZonedDateTime.now(SEOUL).minusMinutes(10), false, boxes);
        runtime.pollOrders("acct-" + vendor);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER WHERE order_id = ?", String.valueOf(orderId))).isEqualTo(1);
        return orderId;
    }

    static long insertShipment(String vendor, long orderId, String lineId, String courier, String tracking) {
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, line_id, courier, tracking_no)"
                + " VALUES ('COUPANG', ?, ?, ?, ?, ?)", "acct-" + vendor, String.valueOf(orderId), lineId, courier, tracking);
        return Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT");
    }

    static String status(long id) {
        return (String) Db.list(db, "SELECT status FROM MB_SHIPMENT WHERE id = ?", id).get(0);
    }

    static Object column(long id, String column) {
        return Db.list(db, "SELECT " + column + " FROM MB_SHIPMENT WHERE id = ?", id).get(0);
    }

    static String awaitFinal(long id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of("SENT", "REJECTED").contains(status(id))
                || ("FAILED".equals(status(id)) && column(id, "next_attempt_at") == null));
        return status(id);
    }

    static long box(long orderId) {
        return Long.parseLong((String) Db.list(db, "SELECT shipment_id FROM MB_ORDER_LINE WHERE order_id = ? ORDER BY line_id",
                String.valueOf(orderId)).get(0));
    }

    @Test
    void aRowInsertedByTheErpIsSentAndTheBoxDeparts() {
        String v = "A40000001";
        long orderId = deliveredOrder(v, 1);
        long box = box(orderId);
        long id = insertShipment(v, orderId, null, "CJ대한통운", "123456789012");

        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(coupang().statusOf(v, box)).isEqualTo("DEPARTURE");
        assertThat(coupang().invoiceOf(v, box)).isEqualTo("123456789012");
        assertThat(coupang().invoiceUploadsOf(v, box)).isEqualTo(1);
        assertThat(column(id, "courier_code")).isEqualTo("CJ");
        assertThat(column(id, "shipment_units")).isEqualTo(String.valueOf(box));
        assertThat(((Number) column(id, "attempts")).intValue()).isEqualTo(1);
        // the order moves to SHIPPED by a change row, not by a rewrite of the ERP's row
        assertThat(Db.list(db, "SELECT change_type FROM MB_ORDER_CHANGE WHERE order_id = ?", String.valueOf(orderId)))
                .containsExactly("SHIPPED");
        assertThat(Db.list(db, "SELECT erp_status FROM MB_ORDER WHERE order_id = ?", String.valueOf(orderId))).containsExactly("NEW");
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_SHIPPED_LINE WHERE order_id = ?", String.valueOf(orderId)))
                .isEqualTo(coupang().lineCount(v, orderId));
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_SHIPMENT_OPEN WHERE id = ?", id)).isZero();
    }

    @Test
    void anOrderOfTwoBoxesIsTwoUploadsAndOneRow() {
        String v = "A40000002";
        long orderId = deliveredOrder(v, 2);
        long id = insertShipment(v, orderId, null, "HANJIN", "5012345678");
        assertThat(awaitFinal(id)).isEqualTo("SENT");
        for (long box : coupang().boxIdsOf(v, orderId)) {
            assertThat(coupang().statusOf(v, box)).isEqualTo("DEPARTURE");
            assertThat(coupang().invoiceUploadsOf(v, box)).isEqualTo(1);
        }
    }

    @Test
    void theSameNumberTwiceIsOneUploadAndANewNumberIsAnUpdate() {
        String v = "A40000003";
        long orderId = deliveredOrder(v, 1);
        long box = box(orderId);
        long first = insertShipment(v, orderId, null, "CJ", "223456789012");
        long twin = insertShipment(v, orderId, null, "CJGLS", "2234-5678-9012"); // same courier and number, written differently
        assertThat(awaitFinal(first)).isEqualTo("SENT");
        assertThat(awaitFinal(twin)).isEqualTo("SENT");
        long again = insertShipment(v, orderId, null, "cj 대한통운", "223456789012");
        assertThat(awaitFinal(again)).isEqualTo("SENT");
        assertThat(column(again, "result_code")).isEqualTo("ALREADY_SENT");
        assertThat(coupang().invoiceUploadsOf(v, box)).isEqualTo(1);

        // a new number without a line_id: every line is shipped already, so it must name the lines
        long changed = insertShipment(v, orderId, null, "CJ", "323456789012");
        assertThat(awaitFinal(changed)).isEqualTo("REJECTED");
        assertThat(column(changed, "result_code")).isEqualTo("ALREADY_SHIPPED");
        assertThat((String) column(changed, "result_message")).contains("line_id");
        // naming the lines: one call to Coupang's updateInvoices for the box
        long updates = coupang().updateInvoiceCalls();
        List<Long> byLine = Db.list(db, "SELECT line_id FROM MB_ORDER_LINE WHERE order_id = ? ORDER BY line_id",
                String.valueOf(orderId)).stream().map(line -> insertShipment(v, orderId, (String) line, "CJ", "323456789012")).toList();
        for (long id : byLine) {
            assertThat(awaitFinal(id)).isEqualTo("SENT");
        }
        assertThat(coupang().updateInvoiceCalls()).isEqualTo(updates + 1);
        assertThat(coupang().invoiceOf(v, box)).isEqualTo("323456789012");
        assertThat(Db.list(db, "SELECT DISTINCT tracking_no FROM MB_SHIPPED_LINE WHERE order_id = ?", String.valueOf(orderId)))
                .containsExactly("323456789012");
    }

    @Test
    void aTransientErrorIsRetriedAndSentOnce() {
        String v = "A40000004";
        long orderId = deliveredOrder(v, 1);
        long box = box(orderId);
        coupang().faults().failNext(500, 1);
        long id = insertShipment(v, orderId, null, "EPOST", "6012345678901");
        await().atMost(Duration.ofSeconds(20)).until(() -> ((Number) column(id, "attempts")).intValue() >= 1);
        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(((Number) column(id, "attempts")).intValue()).isEqualTo(2);
        assertThat(coupang().invoiceUploadsOf(v, box)).isEqualTo(1);
    }

    @Test
    void theMarketplacesRefusalIsKeptWithItsCode() {
        String v = "A40000005";
        long orderId = deliveredOrder(v, 1);
        long box = box(orderId);
        coupang().cancelBox(v, box);
        long id = insertShipment(v, orderId, null, "LOGEN", "40123456789");
        assertThat(awaitFinal(id)).isEqualTo("REJECTED");
        assertThat(column(id, "result_code")).isEqualTo("ORDER_DELIVERY_CANCELED");
        assertThat(coupang().statusOf(v, box)).isEqualTo("INSTRUCT");

        // retryRequired=true answers are FAILED and retried until the attempts run out
        long other = deliveredOrder(v, 1);
        coupang().faults().failNextInvoices("DUPLICATE_INVOICE_NUMBER", true, 10);
        long dup = insertShipment(v, other, null, "LOTTE", "7012345678");
        assertThat(awaitFinal(dup)).isEqualTo("FAILED");
        assertThat(column(dup, "result_code")).isEqualTo("DUPLICATE_INVOICE_NUMBER");
        assertThat(((Number) column(dup, "attempts")).intValue()).isEqualTo(3);
        assertThat((String) column(dup, "result_message")).startsWith("gave up after 3 attempts");
    }

    @Test
    void badRowsAreRejectedWithoutACall() {
        String v = "A40000006";
        long orderId = deliveredOrder(v, 1);
        long calls = coupang().invoiceUploadCalls();
        long unknownCourier = insertShipment(v, orderId, null, "ACME택배", "123456789012");
        long badNumber = insertShipment(v, orderId, null, "CJ", "12345");
        long unknownOrder = insertShipment(v, 999L, null, "CJ", "123456789012");
        long unknownLine = insertShipment(v, orderId, "no-such-line", "CJ", "123456789012");
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no)"
                + " VALUES ('COUPANG', 'nobody', '1', 'CJ', '123456789012')");
        long unknownAccount = Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT");

        assertThat(awaitFinal(unknownCourier)).isEqualTo("REJECTED");
        assertThat((String) column(unknownCourier, "result_message")).contains("ACME택배");
        assertThat(awaitFinal(badNumber)).isEqualTo("REJECTED");
        assertThat((String) column(badNumber, "result_message")).contains("12345");
        assertThat(awaitFinal(unknownOrder)).isEqualTo("REJECTED");
        assertThat((String) column(unknownOrder, "result_message")).contains("'999'");
        assertThat(awaitFinal(unknownLine)).isEqualTo("REJECTED");
        assertThat((String) column(unknownLine, "result_message")).contains("no-such-line");
        assertThat(awaitFinal(unknownAccount)).isEqualTo("REJECTED");
        assertThat((String) column(unknownAccount, "result_message")).contains("nobody");
        assertThat(coupang().invoiceUploadCalls()).isEqualTo(calls);
    }

    @Test
    void aBoxNotYetAcknowledgedIsAcknowledgedFirst() {
        String v = "A40000007"; // auto-confirm=false
        long orderId = deliveredOrder(v, 1);
        long box = box(orderId);
        assertThat(coupang().statusOf(v, box)).isEqualTo("ACCEPT");
        long id = insertShipment(v, orderId, null, "CJ", "923456789012");
        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(coupang().statusOf(v, box)).isEqualTo("DEPARTURE");
        assertThat(Db.list(db, "SELECT confirm_state FROM MB_CONFIRMATION WHERE shipment_id = ?", String.valueOf(box)))
                .containsExactly("CONFIRMED");
    }

    @Test
    void aRowLeftSendingByAStoppedNodeIsCheckedAtTheMarketplaceFirst() {
        String v = "A40000008";
        long orderId = deliveredOrder(v, 1);
        long box = box(orderId);
        long id = insertShipment(v, orderId, null, "CJ", "823456789012");
        assertThat(awaitFinal(id)).isEqualTo("SENT");
        // as if a node uploaded and was killed before it recorded anything: its row is SENDING, its lease over
        Db.update(db, "DELETE FROM MB_SHIPPED_LINE WHERE order_id = ?", String.valueOf(orderId));
        Db.update(db, "UPDATE MB_SHIPMENT SET status = 'SENDING', attempts = 0, claimed_by = 'gone',"
                + " claimed_at = TIMESTAMP '2000-01-01 00:00:00' WHERE id = ?", id);
        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(column(id, "result_code")).isEqualTo("ALREADY_SENT");
        assertThat(coupang().invoiceUploadsOf(v, box)).isEqualTo(1);
    }

    @Test
    void aCsvInTheInboxGetsAResultPerRow() throws Exception {
        String v = "A40000009";
        long good1 = deliveredOrder(v, 1);
        long good2 = deliveredOrder(v, 1);
        String a = "acct-" + v;
        String csv = String.join("\r\n",
                "marketplace,account_id,order_id,line_id,courier,tracking_no,shipped_at",
                "COUPANG," + a + "," + good1 + ",,CJ대한통운,133456789012,2026-11-20 14:00",
                "COUPANG," + a + "," + good2 + ",,한진택배,1334567890,",
                "COUPANG," + a + "," + good2 + ",\"broken,CJ,1",
                "COUPANG," + a + "," + good1 + ",,없는택배,133456789012,",
                "COUPANG," + a + "," + good1 + ",,CJ,12-34,",
                "COUPANG," + a + ",424242,,CJ,133456789012,",
                "") + "\r\n";
        Path inbox = out.resolve("in/shipments");
        Files.createDirectories(inbox);
        Charset ms949 = Charset.forName("MS949");
        Files.write(inbox.resolve(".ship.tmp"), csv.getBytes(ms949));
        Files.move(inbox.resolve(".ship.tmp"), inbox.resolve("shipments-1120.csv"));

        Path done = inbox.resolve("done");
        await().atMost(Duration.ofSeconds(30)).until(() -> list(done, "-shipments-1120.result.csv").size() == 1);
        assertThat(list(done, "-shipments-1120.csv")).hasSize(1);
        assertThat(Files.exists(inbox.resolve("shipments-1120.csv"))).isFalse();
        List<String> result = Files.readAllLines(list(done, "-shipments-1120.result.csv").get(0), ms949);
        assertThat(result).hasSize(7);
        assertThat(result.get(0)).endsWith("status,result_code,result_message");
        assertThat(result.get(1)).contains("CJ대한통운").contains(",SENT,");
        assertThat(result.get(2)).contains(",SENT,");
        assertThat(result.get(3)).contains("REJECTED,INVALID_ROW");
        assertThat(result.get(4)).contains("REJECTED,UNKNOWN_COURIER").contains("없는택배");
        assertThat(result.get(5)).contains("REJECTED,INVALID_TRACKING_NO");
        assertThat(result.get(6)).contains("REJECTED,UNKNOWN_ORDER").contains("424242");
        assertThat(coupang().statusOf(v, box(good1))).isEqualTo("DEPARTURE");
        assertThat(coupang().statusOf(v, box(good2))).isEqualTo("DEPARTURE");

        // the same file dropped again adds no row and sends nothing twice; it gets its own result file
        long rows = Db.count(db, "SELECT COUNT(*) FROM MB_SHIPMENT WHERE account_id = ?", a);
        Files.write(inbox.resolve(".again.tmp"), csv.getBytes(ms949));
        Files.move(inbox.resolve(".again.tmp"), inbox.resolve("shipments-1120-again.csv"));
        await().atMost(Duration.ofSeconds(30)).until(() -> list(done, "-shipments-1120-again.result.csv").size() == 1);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_SHIPMENT WHERE account_id = ?", a)).isEqualTo(rows);
        assertThat(coupang().invoiceUploadsOf(v, box(good1))).isEqualTo(1);
    }

    @Test
    void aUtf8FileWithABomIsReadAsSuch() throws Exception {
        String v = "A40000009";
        long orderId = deliveredOrder(v, 1);
        String csv = "\uFEFFmarketplace,account_id,order_id,line_id,courier,tracking_no\n"
                + "COUPANG,acct-" + v + "," + orderId + ",,우체국택배,6112345678901\n";
        Path inbox = out.resolve("in/shipments");
        Files.createDirectories(inbox);
        Files.write(inbox.resolve(".bom.tmp"), csv.getBytes(StandardCharsets.UTF_8));
        Files.move(inbox.resolve(".bom.tmp"), inbox.resolve("bom.csv"));
        await().atMost(Duration.ofSeconds(30)).until(() -> coupang().statusOf(v, box(orderId)).equals("DEPARTURE"));
        Path done = inbox.resolve("done");
        await().atMost(Duration.ofSeconds(30)).until(() -> list(done, "-bom.result.csv").size() == 1);
        byte[] result = Files.readAllBytes(list(done, "-bom.result.csv").get(0));
        assertThat(result[0] & 0xff).isEqualTo(0xEF); // written back in the encoding it came in
        assertThat(new String(result, StandardCharsets.UTF_8)).contains("우체국택배").contains("SENT");
    }

    static List<Path> list(Path dir, String suffix) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
