package io.marketbridge.marketplace.coupang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.intake.PollReport;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.SimulatedRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Coupang claims poll through the real route files, against the simulator: each test owns one vendor and one
 * account. Buyers' claims are made through the simulator; the runtime reads them with route coupang-claims.
 */
class CoupangClaimsRouteTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final String[] VENDORS = {"A50000001", "A50000002", "A50000003", "A50000004", "A50000005", "A50000006"};
    static final AtomicLong ids = new AtomicLong(88_000_000L);
    static final AtomicLong trackings = new AtomicLong(512_000_000_000L);

    @TempDir
    static Path out;
    static SimulatedRuntime env;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;

    @BeforeAll
    static void start() throws Exception {
        env = SimulatedRuntime.coupang(out, VENDORS, CoupangClaimsRouteTest::account, p -> { });
        simulator = env.simulator();
        runtime = env.runtime();
        db = env.db();
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    static String account(String vendor) {
        return "acct-" + vendor;
    }

    static CoupangSimulator coupang() {
        return simulator.get(CoupangSimulator.class);
    }

    /** Runs one claims poll of the account now, as its trigger would, and checks it succeeded. */
    static Exchange pollClaims(String vendor) {
        Exchange done = runtime.context().createProducerTemplate().send("direct:coupang-claims",
                ex -> ex.setProperty("mbAccountId", account(vendor)));
        PollReport.Outcome outcome = runtime.context().getRegistry().lookupByNameAndType("pollReport", PollReport.class)
                .lastOutcomes().get(account(vendor) + "/claims");
        assertThat(outcome).isNotNull();
        assertThat(outcome.ok()).as(String.valueOf(outcome.message())).isTrue();
        return done;
    }

    /**
     * A one-box order of two lines, the first of 3 pieces, served as Coupang's v5 sheet (ACCEPT); built from a
     * generated sheet with ids of its own. Returns the sheet.
     */
    static ObjectNode orderOfThreePieces(String vendor) {
        long seed = coupang().createOrder(vendor, ZonedDateTime.now(SEOUL).minusDays(40), false, 1);
        ObjectNode sheet = coupang().sheetsOf(vendor, seed).get(0).deepCopy();
        long n = ids.incrementAndGet();
        sheet.put("orderId", 27_100_000_000_000L + n);
        sheet.put("shipmentBoxId", 320_000_000_000_000L + n);
        sheet.put("status", "ACCEPT");
        sheet.put("orderedAt", ZonedDateTime.now(SEOUL).minusMinutes(20).toOffsetDateTime().toString());
        sheet.put("paidAt", ZonedDateTime.now(SEOUL).minusMinutes(19).toOffsetDateTime().toString());
        ObjectNode first = (ObjectNode) sheet.withArray("orderItems").get(0);
        ObjectNode second = first.deepCopy();
        first.put("vendorItemId", 881_000_000_000L + 2 * n);
        first.put("shippingCount", 3);
        first.put("cancelCount", 0);
        first.put("holdCountForCancel", 0);
        first.put("canceled", false);
        second.put("vendorItemId", 881_000_000_001L + 2 * n);
        second.put("shippingCount", 1);
        second.put("cancelCount", 0);
        second.put("holdCountForCancel", 0);
        second.put("canceled", false);
        sheet.withArray("orderItems").removeAll().add(first).add(second);
        coupang().addSheet(vendor, sheet, LocalDate.now(SEOUL));
        return sheet;
    }

    static String line(JsonNode sheet, int item) {
        return sheet.get("shipmentBoxId").asText() + "-" + sheet.get("orderItems").get(item).get("vendorItemId").asText();
    }

    static long box(JsonNode sheet) {
        return sheet.get("shipmentBoxId").asLong();
    }

    static long item(JsonNode sheet, int item) {
        return sheet.get("orderItems").get(item).get("vendorItemId").asLong();
    }

    static String orderId(JsonNode sheet) {
        return sheet.get("orderId").asText();
    }

    static List<Object> claimRows(String vendor, String columns) {
        return Db.list(db, "SELECT " + columns + " FROM MB_CLAIM WHERE account_id = ? ORDER BY id", account(vendor));
    }

    static List<Object> changes(String vendor, String orderId) {
        return Db.list(db, "SELECT change_type FROM MB_ORDER_CHANGE WHERE account_id = ? AND order_id = ? ORDER BY change_id",
                account(vendor), orderId);
    }

    static long insertShipment(String vendor, String orderId, String lineId) {
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, line_id, courier, tracking_no)"
                + " VALUES ('COUPANG', ?, ?, ?, 'CJ대한통운', ?)", account(vendor), orderId, lineId,
                String.valueOf(trackings.incrementAndGet()));
        return Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT");
    }

    static Object shipment(long id, String column) {
        return Db.list(db, "SELECT " + column + " FROM MB_SHIPMENT WHERE id = ?", id).get(0);
    }

    static String awaitFinal(long id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of("SENT", "REJECTED", "FAILED").contains(shipment(id, "status")));
        return (String) shipment(id, "status");
    }

    static List<Path> files(String sub, String glob) throws IOException {
        Path dir = out.resolve(sub);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileSystem().getPathMatcher("glob:" + glob).matches(f.getFileName())).toList();
        }
    }

    @Test
    void aCancelBeforeDeliveryIsRecordedAndTheOrderArrivesWithTheLineCancelled() {
        String v = VENDORS[0];
        ObjectNode sheet = orderOfThreePieces(v);
        // the buyer cancels 1 of the 3 pieces while the box is ACCEPT: done at once (the cancel list)
        long receipt = coupang().buyerCancel(v, box(sheet), item(sheet, 0), 1);

        pollClaims(v);
        assertThat(claimRows(v, "claim_id || ' ' || claim_type || ' ' || claim_status || ' ' || line_id || ' ' || quantity"))
                .containsExactly(receipt + " CANCEL COMPLETED " + line(sheet, 0) + " 1");
        assertThat(changes(v, orderId(sheet))).isEmpty(); // the order was not delivered yet

        runtime.pollOrders(account(v));
        assertThat(Db.list(db, "SELECT line_id || ' ' || status FROM MB_ORDER_LINE WHERE order_id = ? ORDER BY line_id",
                orderId(sheet))).containsExactlyInAnyOrder(line(sheet, 0) + " CANCELLED", line(sheet, 1) + " PAID");
    }

    @Test
    void aCancelAfterDeliveryHoldsTheLinesShipmentBeforeAnyCall() {
        String v = VENDORS[1];
        ObjectNode sheet = orderOfThreePieces(v);
        runtime.pollOrders(account(v)); // delivered and acknowledged: INSTRUCT
        assertThat(coupang().statusOf(v, box(sheet))).isEqualTo("INSTRUCT");
        long receipt = coupang().buyerCancel(v, box(sheet), item(sheet, 0), 1);

        pollClaims(v);
        assertThat(claimRows(v, "claim_id || ' ' || claim_type || ' ' || claim_status || ' ' || marketplace_status || ' ' || quantity"))
                .containsExactly(receipt + " CANCEL REQUESTED RELEASE_STOP_UNCHECKED 1");
        assertThat(changes(v, orderId(sheet))).containsExactly("CANCEL_REQUESTED");

        long uploads = coupang().invoiceUploadCalls();
        long id = insertShipment(v, orderId(sheet), line(sheet, 0));
        assertThat(awaitFinal(id)).isEqualTo("REJECTED");
        assertThat(shipment(id, "result_code")).isEqualTo("CANCEL_REQUESTED");
        assertThat(coupang().invoiceUploadCalls()).isEqualTo(uploads);
    }

    @Test
    void aReturnAfterShipmentIsARequestedReturn() {
        String v = VENDORS[2];
        ObjectNode sheet = orderOfThreePieces(v);
        runtime.pollOrders(account(v));
        long shipped = insertShipment(v, orderId(sheet), null);
        assertThat(awaitFinal(shipped)).isEqualTo("SENT");
        long receipt = coupang().buyerReturn(v, box(sheet), item(sheet, 0), 2);

        pollClaims(v);
        assertThat(claimRows(v, "claim_id || ' ' || claim_type || ' ' || claim_status || ' ' || line_id || ' ' || quantity"))
                .containsExactly(receipt + " RETURN REQUESTED " + line(sheet, 0) + " 2");
        assertThat(changes(v, orderId(sheet))).containsExactly("SHIPPED", "RETURN_REQUESTED");
    }

    @Test
    void anExchangeIsReadFromTheExchangeList() {
        String v = VENDORS[3];
        ObjectNode sheet = orderOfThreePieces(v);
        runtime.pollOrders(account(v));
        assertThat(awaitFinal(insertShipment(v, orderId(sheet), null))).isEqualTo("SENT");
        long exchange = coupang().buyerExchange(v, box(sheet), item(sheet, 1), null);

        pollClaims(v);
        assertThat(claimRows(v, "claim_id || ' ' || claim_type || ' ' || claim_status || ' ' || marketplace_status || ' ' || line_id"))
                .containsExactly(exchange + " EXCHANGE REQUESTED RECEIPT " + line(sheet, 1));
        assertThat(changes(v, orderId(sheet))).containsExactly("SHIPPED", "EXCHANGE_REQUESTED");
    }

    @Test
    void aWithdrawnCancelGivesTheLineBackAndItsShipmentGoesThrough() {
        String v = VENDORS[4];
        ObjectNode sheet = orderOfThreePieces(v);
        runtime.pollOrders(account(v));
        long receipt = coupang().buyerCancel(v, box(sheet), null, null);
        pollClaims(v);
        assertThat(claimRows(v, "claim_status")).containsOnly("REQUESTED").hasSize(2);

        coupang().withdrawClaim(v, receipt);
        pollClaims(v);
        assertThat(claimRows(v, "claim_type || ' ' || claim_status || ' ' || marketplace_status")).containsExactly(
                "CANCEL REQUESTED RELEASE_STOP_UNCHECKED", "CANCEL REQUESTED RELEASE_STOP_UNCHECKED",
                "CANCEL WITHDRAWN WITHDRAWN", "CANCEL WITHDRAWN WITHDRAWN");
        assertThat(changes(v, orderId(sheet))).containsExactly("CANCEL_REQUESTED", "CANCEL_REQUESTED",
                "CLAIM_WITHDRAWN", "CLAIM_WITHDRAWN");

        long id = insertShipment(v, orderId(sheet), null);
        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(coupang().statusOf(v, box(sheet))).isEqualTo("DEPARTURE");
    }

    @Test
    void theSameClaimsReadTwiceAreRecordedOnce() throws Exception {
        String v = VENDORS[5];
        ObjectNode cancelled = orderOfThreePieces(v);
        coupang().buyerCancel(v, box(cancelled), item(cancelled, 0), 1);
        ObjectNode returned = orderOfThreePieces(v);
        runtime.pollOrders(account(v));
        assertThat(awaitFinal(insertShipment(v, orderId(returned), null))).isEqualTo("SENT");
        coupang().buyerReturn(v, box(returned), null, null);

        pollClaims(v);
        long rows = claimRows(v, "id").size();
        List<Path> json = files("claims", "COUPANG-" + account(v) + "-*");
        List<Path> csv = files("claims-csv", "claims-" + account(v) + "-*.csv");
        assertThat(rows).isEqualTo(3); // the cancel's one line, the return's two
        assertThat(json).hasSize(3);
        assertThat(csv).hasSize(1);

        // the cursor moved, but the claims are read again over the follow window: nothing new
        pollClaims(v);
        assertThat(claimRows(v, "id")).hasSize(3);
        assertThat(files("claims", "COUPANG-" + account(v) + "-*")).hasSize(3);
        assertThat(files("claims-csv", "claims-" + account(v) + "-*.csv")).hasSize(1);
        assertThat(runtime.cursors().load(account(v), "claims")).isNotNull();
    }
}
