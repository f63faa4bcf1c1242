package io.marketbridge.marketplace.coupang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimIntake;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.order.Marketplace;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.support.ClaimActionRows;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.SimulatedRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seller's decisions on claims, from MB_CLAIM_ACTION (and the claim inbox) through the real route files to the
 * Coupang simulator: each action SENT, a refusal of Coupang's REJECTED, a row left SENDING settled by reading the
 * receipt. The claims are recorded in MB_CLAIM the way the claim intake records them, with the simulator's
 * receiptId as claim_id. Each test owns one vendor and one account.
 */
class CoupangClaimActionRouteTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final String[] VENDORS = {"A60000001", "A60000002", "A60000003", "A60000004", "A60000005", "A60000006",
        "A60000007", "A60000008"};

    @TempDir
    static Path out;
    static SimulatedRuntime env;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;

    @BeforeAll
    static void start() throws Exception {
        env = SimulatedRuntime.coupang(out, VENDORS, v -> "acct-" + v, p -> {
            for (String v : VENDORS) {
                p.setProperty("marketbridge.account.acct-" + v + ".wing-user-id", "wing-" + v.toLowerCase());
            }
            SimulatedRuntime.quickClaimActions(p);
            p.setProperty("marketbridge.claims.actions.inbox.dir", out.resolve("in/claims").toString());
            p.setProperty("marketbridge.claims.actions.inbox.poll-ms", "200");
            p.setProperty("marketbridge.claims.actions.inbox.stable-ms", "100");
            p.setProperty("marketbridge.claims.actions.inbox.stable-timeout-ms", "1000");
        });
        simulator = env.simulator();
        runtime = env.runtime();
        db = env.db();
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    static CoupangSimulator coupang() {
        return simulator.get(CoupangSimulator.class);
    }

    /** An order of one box, polled (and so acknowledged: INSTRUCT); returns its orderId. */
    static long deliveredOrder(String vendor) {
        long orderId = coupang().createOrder(vendor, ZonedDateTime.now(SEOUL).minusMinutes(10), false, 1);
        runtime.pollOrders("acct-" + vendor);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER WHERE order_id = ?", String.valueOf(orderId))).isEqualTo(1);
        return orderId;
    }

    static long box(long orderId) {
        return Long.parseLong((String) Db.list(db, "SELECT shipment_id FROM MB_ORDER_LINE WHERE order_id = ?",
                String.valueOf(orderId)).get(0));
    }

    static List<String> lineIds(long orderId) {
        return Db.list(db, "SELECT line_id FROM MB_ORDER_LINE WHERE order_id = ? ORDER BY line_id", String.valueOf(orderId))
                .stream().map(String::valueOf).toList();
    }

    /** Records the receipt's claim (every line of the order's box, every piece) in MB_CLAIM, as the claim intake does. */
    static void recordClaim(String vendor, long orderId, String claimId, ClaimType type, String rawPayload) throws Exception {
        List<ClaimLine> lines = new ArrayList<>();
        for (String lineId : lineIds(orderId)) {
            int quantity = ((Number) Db.list(db, "SELECT quantity FROM MB_ORDER_LINE WHERE order_id = ? AND line_id = ?",
                    String.valueOf(orderId), lineId).get(0)).intValue();
            lines.add(new ClaimLine(lineId, String.valueOf(box(orderId)), quantity));
        }
        OffsetDateTime now = OffsetDateTime.now(SEOUL);
        Claim claim = new Claim(Marketplace.COUPANG, "acct-" + vendor, claimId, String.valueOf(orderId), type,
                ClaimStatus.REQUESTED, "CHANGEMIND", "단순 변심", now, now, type == ClaimType.CANCEL ? "RU" : "UC", lines, rawPayload);
        ClaimIntake intake = runtime.context().getRegistry().lookupByNameAndType("claimIntake", ClaimIntake.class);
        assertThat(intake.deliverPoll("acct-" + vendor, List.of(claim)).newEvents()).isEqualTo(lines.size());
    }

    static long insertAction(String vendor, String claimId, String orderId, String lineId, String action, String courier,
                             String tracking, String reason) {
        return ClaimActionRows.insert(db, "COUPANG", "acct-" + vendor, claimId, orderId, lineId, action, courier, tracking, reason);
    }

    static Object column(long id, String column) {
        return ClaimActionRows.column(db, id, column);
    }

    static String awaitFinal(long id) {
        return ClaimActionRows.awaitFinal(db, id, Duration.ofSeconds(20));
    }

    @Test
    void approveCancelStopsTheShipmentOfAStopRequest() throws Exception {
        String v = "A60000001";
        long orderId = deliveredOrder(v);
        long receipt = coupang().buyerCancel(v, box(orderId), null, null);
        assertThat(coupang().claimStatusOf(v, receipt)).isEqualTo("RELEASE_STOP_UNCHECKED");
        recordClaim(v, orderId, String.valueOf(receipt), ClaimType.CANCEL, "{}");

        long id = insertAction(v, String.valueOf(receipt), null, null, "APPROVE_CANCEL", null, null, null);

        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(column(id, "result_code")).isEqualTo("OK");
        assertThat(column(id, "resolved_claim_id")).isEqualTo(String.valueOf(receipt));
        assertThat(coupang().claimStatusOf(v, receipt)).isEqualTo("RETURNS_COMPLETED");
        assertThat(coupang().statusOf(v, box(orderId))).isEqualTo("INSTRUCT");
    }

    @Test
    void shipInsteadAnswersTheStopRequestWithTheInvoiceAndTheBoxDeparts() throws Exception {
        String v = "A60000002";
        long orderId = deliveredOrder(v);
        long box = box(orderId);
        long receipt = coupang().buyerCancel(v, box, null, null);
        // the claim poll's claim id need not be the receipt id: the stored payload names the receipt
        recordClaim(v, orderId, "R-" + receipt, ClaimType.CANCEL, "{\"receiptId\":" + receipt + "}");

        // by order line: the latest open claim of the line
        long id = insertAction(v, null, String.valueOf(orderId), lineIds(orderId).get(0), "SHIP_INSTEAD", "CJ대한통운",
                "3234-5678-9012", null);

        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(column(id, "resolved_claim_id")).isEqualTo("R-" + receipt);
        assertThat(coupang().statusOf(v, box)).isEqualTo("DEPARTURE");
        assertThat(coupang().invoiceOf(v, box)).isEqualTo("323456789012");
        assertThat(coupang().claimStatusOf(v, receipt)).isEqualTo("RETURNS_UNCHECKED");
    }

    @Test
    void approveReturnConfirmsTheGoodsReceivedThenApproves() throws Exception {
        String v = "A60000003";
        long orderId = deliveredOrder(v);
        long box = box(orderId);
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no)"
                + " VALUES ('COUPANG', ?, ?, 'HANJIN', '5012345678')", "acct-" + v, String.valueOf(orderId));
        await().atMost(Duration.ofSeconds(20)).until(() -> "DEPARTURE".equals(coupang().statusOf(v, box)));
        long receipt = coupang().buyerReturn(v, box, null, null);
        recordClaim(v, orderId, String.valueOf(receipt), ClaimType.RETURN, "{}");

        long id = insertAction(v, String.valueOf(receipt), null, null, "APPROVE_RETURN", null, null, null);

        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat(coupang().claimStatusOf(v, receipt)).isEqualTo("RETURNS_COMPLETED");
    }

    @Test
    void sellerCancelCancelsTheLineWithTheReasonsCode() {
        String v = "A60000004";
        long orderId = deliveredOrder(v);
        String lineId = lineIds(orderId).get(0);
        String vendorItemId = lineId.substring(lineId.indexOf('-') + 1);

        long id = insertAction(v, null, String.valueOf(orderId), lineId, "SELLER_CANCEL", null, null, "OUT_OF_STOCK");

        assertThat(awaitFinal(id)).isEqualTo("SENT");
        assertThat((String) column(id, "result_message")).startsWith("receipt ").contains("STOP_SHIPMENT");
        JsonNode item = null;
        for (JsonNode i : coupang().sheetsOf(v, orderId).get(0).path("orderItems")) {
            if (i.path("vendorItemId").asText().equals(vendorItemId)) {
                item = i;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.path("canceled").asBoolean()).isTrue();
        assertThat(item.path("cancelCount").asInt()).isEqualTo(item.path("shippingCount").asInt());
    }

    @Test
    void aWithdrawnStopRequestIsRejectedWithCoupangsRefusal() throws Exception {
        String v = "A60000005";
        long orderId = deliveredOrder(v);
        long receipt = coupang().buyerCancel(v, box(orderId), null, null);
        recordClaim(v, orderId, String.valueOf(receipt), ClaimType.CANCEL, "{}");
        // the buyer took it back at Coupang; MB_CLAIM has not heard yet
        coupang().withdrawClaim(v, receipt);

        long id = insertAction(v, String.valueOf(receipt), null, null, "APPROVE_CANCEL", null, null, null);

        assertThat(awaitFinal(id)).isEqualTo("REJECTED");
        assertThat(column(id, "result_code")).isEqualTo("HTTP_400");
        assertThat((String) column(id, "result_message")).contains("receipt " + receipt).contains("고객이 철회한");
        assertThat(coupang().statusOf(v, box(orderId))).isEqualTo("INSTRUCT");
    }

    @Test
    void aRowLeftSendingIsSettledByReadingTheReceipt() throws Exception {
        String v = "A60000006";
        long orderId = deliveredOrder(v);
        long receipt = coupang().buyerCancel(v, box(orderId), null, null);
        recordClaim(v, orderId, String.valueOf(receipt), ClaimType.CANCEL, "{}");
        long first = insertAction(v, String.valueOf(receipt), null, null, "APPROVE_CANCEL", null, null, null);
        assertThat(awaitFinal(first)).isEqualTo("SENT");

        // a node stopped after its stoppedShipment reached Coupang and before it recorded the answer; its lease ran out
        Db.update(db, "INSERT INTO MB_CLAIM_ACTION (marketplace, account_id, claim_id, action, status, claimed_by, claimed_at)"
                        + " VALUES ('COUPANG', ?, ?, 'APPROVE_CANCEL', 'SENDING', 'a-stopped-node', ?)", "acct-" + v,
                String.valueOf(receipt), Timestamp.from(Instant.now().minus(Duration.ofHours(1))));
        long left = Db.count(db, "SELECT MAX(id) FROM MB_CLAIM_ACTION");

        // sent again, Coupang would refuse a second stoppedShipment: only the read can make it SENT
        assertThat(awaitFinal(left)).isEqualTo("SENT");
        assertThat(column(left, "result_code")).isEqualTo("ALREADY_DONE");
        assertThat((String) column(left, "result_message")).contains("RETURNS_COMPLETED").contains("releaseStatus S");
    }

    @Test
    void theClaimInboxTakesACsvWithABrokenRowAndWritesItsResultFile() throws Exception {
        String v = "A60000007";
        long orderId = deliveredOrder(v);
        long receipt = coupang().buyerCancel(v, box(orderId), null, null);
        recordClaim(v, orderId, String.valueOf(receipt), ClaimType.CANCEL, "{}");
        String csv = "marketplace,account_id,claim_id,order_id,line_id,action,courier,tracking_no,reason\r\n"
                + "COUPANG,acct-" + v + "," + receipt + ",,,APPROVE_CANCEL,,,\r\n"
                + "COUPANG,acct-" + v + ",,,,APPROVE_CANCEL\r\n" // a field short
                + "COUPANG,acct-" + v + ",999999,,,APPROVE_RETURN,,,\r\n";
        Path inbox = out.resolve("in/claims");
        Files.createDirectories(inbox);
        Path tmp = inbox.resolve(".decisions.tmp");
        Files.write(tmp, csv.getBytes(StandardCharsets.UTF_8));
        Files.move(tmp, inbox.resolve("decisions.csv"));

        Path done = inbox.resolve("done");
        await().atMost(Duration.ofSeconds(30)).until(() -> resultFile(done) != null);
        List<CSVRecord> rows;
        try (CSVParser p = CSVParser.parse(Files.readString(resultFile(done), StandardCharsets.UTF_8), CSVFormat.RFC4180)) {
            rows = p.getRecords();
        }
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0).toList()).endsWith("status", "result_code", "result_message");
        assertThat(rows.get(1).toList()).endsWith("SENT", "OK", "");
        assertThat(rows.get(2).toList()).contains("REJECTED", "INVALID_ROW");
        assertThat(rows.get(3).toList()).contains("REJECTED", "UNKNOWN_CLAIM");
        assertThat(coupang().claimStatusOf(v, receipt)).isEqualTo("RETURNS_COMPLETED");
    }

    private static Path resultFile(Path done) throws Exception {
        if (!Files.isDirectory(done)) {
            return null;
        }
        try (Stream<Path> files = Files.list(done)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".result.csv")).findFirst().orElse(null);
        }
    }
}
