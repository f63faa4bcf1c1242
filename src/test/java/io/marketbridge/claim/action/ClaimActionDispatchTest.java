package io.marketbridge.claim.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimIntake;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.db.Database;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.intake.OrderIntake;
import io.marketbridge.marketplace.MarketplaceConnectors;
import io.marketbridge.order.Buyer;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderLine;
import io.marketbridge.order.OrderStatus;
import io.marketbridge.order.Receiver;
import io.marketbridge.shipment.CourierColumn;
import io.marketbridge.shipment.Couriers;
import io.marketbridge.shipment.ShipmentSettings;
import io.marketbridge.shipment.ShipmentStore;
import io.marketbridge.sink.DatabaseSink;
import io.marketbridge.sink.FileSink;
import io.marketbridge.sink.FileSinkSettings;
import io.marketbridge.support.Db;
import io.marketbridge.support.TestDatabases;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claim action dispatch before any call: rows resolved to their claims, checked and rejected with a code and a
 * message naming the field, NOT_SUPPORTED without a call, one action per claim and round, FAILED retried with
 * backoff. On H2 with the real connectors' accounts; nothing reaches a marketplace (no route runs).
 */
class ClaimActionDispatchTest {

    static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-21T09:30:00+09:00");

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-21T01:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TempDir
    Path dir;

    private final String schema = TestDatabases.newSchema();
    private final MovableClock clock = new MovableClock();
    private HikariDataSource ds;
    private DefaultCamelContext context;
    private ClaimActionDispatch dispatch;
    private ClaimIntake claims;

    @BeforeEach
    void open() throws Exception {
        ds = Database.open(TestDatabases.prepare("h2", schema), "sa", "", 4);
        Database.migrate(ds);
        Path file = dir.resolve("accounts.properties");
        Files.writeString(file, """
                marketbridge.account.acme-coupang.marketplace = coupang
                marketbridge.account.acme-coupang.vendor-id = A00012345
                marketbridge.account.acme-coupang.access-key = ak
                marketbridge.account.acme-coupang.secret-key = sk
                marketbridge.account.off-coupang.marketplace = coupang
                marketbridge.account.off-coupang.vendor-id = A00012346
                marketbridge.account.off-coupang.access-key = ak
                marketbridge.account.off-coupang.secret-key = sk
                marketbridge.account.off-coupang.enabled = false
                marketbridge.account.acme-naver.marketplace = naver
                marketbridge.account.acme-naver.client-id = naverApp0001
                marketbridge.account.acme-naver.client-secret = $2a$04$abcdefghijklmnopqrstuv
                """, StandardCharsets.UTF_8);
        context = new DefaultCamelContext();
        PropertiesComponent pc = context.getPropertiesComponent();
        pc.setLocation("file:" + file);
        context.start();
        AccountRegistry accounts = new AccountRegistry(MarketplaceConnectors.discover());
        accounts.load(pc);

        FileSink files = new FileSink(new FileSinkSettings(false, dir.resolve("out"), Set.of("json"), "UTF-8", false, false));
        OrderChanges changes = new OrderChanges(ds, files, clock);
        IntakeErrors errors = new IntakeErrors(ds, clock);
        new OrderIntake(ds, new DatabaseSink(true), files, changes, errors, clock).deliver(order("acme-coupang", "1001"), true);
        claims = new ClaimIntake(ds, files, changes, errors, clock);
        Map<String, String> props = Map.of("marketbridge.node-id", "node-a",
                "marketbridge.claims.actions.retry.initial-delay-ms", "1000", "marketbridge.claims.actions.max-attempts", "3");
        ClaimActionSettings settings = ClaimActionSettings.from(props::get);
        Couriers couriers = Couriers.load(accounts.connectors().stream().map(CourierColumn::of).toList());
        ShipmentStore shipments = new ShipmentStore(ds, changes, ShipmentSettings.from(props::get));
        dispatch = new ClaimActionDispatch(new ClaimActionStore(ds, settings), shipments, couriers, accounts, settings, clock);
    }

    @AfterEach
    void close() {
        context.stop();
        ds.close();
    }

    /** A Coupang order of two lines in box 5001 (vendorItemIds 71 and 72), delivered. */
    static Order order(String accountId, String orderId) {
        List<OrderLine> lines = List.of(line("5001-71", "71"), line("5001-72", "72"));
        return new Order(Marketplace.COUPANG, accountId, orderId, AT.minusDays(1), AT.minusDays(1), OrderStatus.PAID, "INSTRUCT",
                new Buyer("구매자", "010-0000-0000", null), new Receiver("수령인", "010-0000-0001", null, "01234", "서울 예시로 1",
                "101호"), null, null, "KRW", new BigDecimal("20000"), BigDecimal.ZERO, new BigDecimal("3000"),
                new BigDecimal("23000"), lines, "{\"orderId\":" + orderId + "}");
    }

    private static OrderLine line(String lineId, String vendorItemId) {
        return new OrderLine(lineId, "5001", "9", vendorItemId, "SKU", "상품", null, 1, new BigDecimal("10000"),
                new BigDecimal("10000"), BigDecimal.ZERO, OrderStatus.CONFIRMED, "INSTRUCT");
    }

    private void claim(String claimId, ClaimType type, ClaimStatus status, String lineId) throws Exception {
        claims.deliverPoll("acme-coupang", List.of(new Claim(Marketplace.COUPANG, "acme-coupang", claimId, "1001", type, status,
                "CHANGEMIND", null, AT, AT, "RU", List.of(new ClaimLine(lineId, "5001", 1)), "{\"receiptId\":" + claimId + "}")));
    }

    private long insert(String marketplace, String account, String claimId, String orderId, String lineId, String action,
                        String courier, String tracking, String reason) {
        Db.update(ds, "INSERT INTO MB_CLAIM_ACTION (marketplace, account_id, claim_id, order_id, line_id, action, courier,"
                + " tracking_no, reason) VALUES (?,?,?,?,?,?,?,?,?)", marketplace, account, claimId, orderId, lineId, action,
                courier, tracking, reason);
        return Db.count(ds, "SELECT MAX(id) FROM MB_CLAIM_ACTION");
    }

    private long coupang(String claimId, String action) {
        return insert("COUPANG", "acme-coupang", claimId, null, null, action, null, null, null);
    }

    private String outcome(long id) {
        List<Object> row = List.of(Db.list(ds, "SELECT status FROM MB_CLAIM_ACTION WHERE id = ?", id).get(0),
                String.valueOf(Db.list(ds, "SELECT result_code FROM MB_CLAIM_ACTION WHERE id = ?", id).get(0)));
        return row.get(0) + " " + row.get(1);
    }

    private String message(long id) {
        return (String) Db.list(ds, "SELECT result_message FROM MB_CLAIM_ACTION WHERE id = ?", id).get(0);
    }

    @Test
    void rowsThatCannotBeRightAreRejectedWithACodeAndTheFieldAtFault() throws Exception {
        claim("480000001", ClaimType.CANCEL, ClaimStatus.REQUESTED, "5001-71");
        claim("480000002", ClaimType.RETURN, ClaimStatus.REQUESTED, "5001-72");
        claim("480000003", ClaimType.CANCEL, ClaimStatus.REQUESTED, "5001-72");
        claim("480000003", ClaimType.CANCEL, ClaimStatus.WITHDRAWN, "5001-72");
        claim("480000004", ClaimType.RETURN, ClaimStatus.COMPLETED, "5001-71");

        long noAction = coupang("480000001", null);
        long unknownAction = coupang("480000001", "REFUND");
        long unknownMarketplace = insert("WISH", "acme-coupang", "480000001", null, null, "APPROVE_CANCEL", null, null, null);
        long unknownAccount = insert("COUPANG", "nobody", "480000001", null, null, "APPROVE_CANCEL", null, null, null);
        long wrongMarketplace = insert("NAVER", "acme-coupang", "480000001", null, null, "APPROVE_CANCEL", null, null, null);
        long notSupported = insert("NAVER", "acme-naver", "2026112100001", null, null, "SHIP_INSTEAD", "CJ", "123456789012", null);
        long disabled = insert("COUPANG", "off-coupang", "480000001", null, null, "APPROVE_CANCEL", null, null, null);
        long unknownClaim = coupang("999", "APPROVE_CANCEL");
        long noClaimNorLine = insert("COUPANG", "acme-coupang", null, "1001", null, "APPROVE_CANCEL", null, null, null);
        long wrongType = coupang("480000001", "APPROVE_RETURN");
        long closed = coupang("480000003", "APPROVE_CANCEL");
        long completed = coupang("480000004", "APPROVE_RETURN");
        long noTracking = insert("COUPANG", "acme-coupang", "480000001", null, null, "SHIP_INSTEAD", "CJ", null, null);
        long unknownCourier = insert("COUPANG", "acme-coupang", "480000001", null, null, "SHIP_INSTEAD", "Pigeon Post", "1", null);
        long badNumber = insert("COUPANG", "acme-coupang", "480000001", null, null, "SHIP_INSTEAD", "CJ", "12345", null);
        long noReason = insert("COUPANG", "acme-coupang", null, "1001", "5001-71", "SELLER_CANCEL", null, null, null);
        long badReason = insert("COUPANG", "acme-coupang", null, "1001", "5001-71", "SELLER_CANCEL", null, null, "tired");
        long unknownOrder = insert("COUPANG", "acme-coupang", null, "404", "5001-71", "SELLER_CANCEL", null, null, "OUT_OF_STOCK");
        long unknownLine = insert("COUPANG", "acme-coupang", null, "1001", "5001-79", "SELLER_CANCEL", null, null, "PRICE_ERROR");

        ClaimActionRound round = dispatch.claim();

        assertThat(round.batches()).as("every row was decided without a call").isEmpty();
        assertThat(outcome(noAction)).isEqualTo("REJECTED MISSING_VALUE");
        assertThat(message(noAction)).isEqualTo("action is empty");
        assertThat(outcome(unknownAction)).isEqualTo("REJECTED UNKNOWN_ACTION");
        assertThat(message(unknownAction)).contains("'REFUND'").contains("APPROVE_CANCEL, SHIP_INSTEAD, APPROVE_RETURN, SELLER_CANCEL");
        assertThat(outcome(unknownMarketplace)).isEqualTo("REJECTED UNKNOWN_MARKETPLACE");
        assertThat(outcome(unknownAccount)).isEqualTo("REJECTED UNKNOWN_ACCOUNT");
        assertThat(outcome(wrongMarketplace)).isEqualTo("REJECTED WRONG_MARKETPLACE");
        assertThat(outcome(notSupported)).isEqualTo("REJECTED NOT_SUPPORTED");
        assertThat(message(notSupported)).contains("SHIP_INSTEAD").contains("NAVER");
        assertThat(outcome(disabled)).isEqualTo("FAILED ACCOUNT_DISABLED");
        assertThat(outcome(unknownClaim)).isEqualTo("REJECTED UNKNOWN_CLAIM");
        assertThat(message(unknownClaim)).contains("claim_id '999'");
        assertThat(outcome(noClaimNorLine)).isEqualTo("REJECTED MISSING_VALUE");
        assertThat(message(noClaimNorLine)).contains("claim_id").contains("line_id");
        assertThat(outcome(wrongType)).isEqualTo("REJECTED WRONG_CLAIM_TYPE");
        assertThat(message(wrongType)).contains("APPROVE_RETURN answers a RETURN claim").contains("is a CANCEL");
        assertThat(outcome(closed)).isEqualTo("REJECTED CLAIM_CLOSED");
        assertThat(message(closed)).contains("WITHDRAWN");
        assertThat(outcome(completed)).isEqualTo("SENT ALREADY_DONE");
        assertThat(outcome(noTracking)).isEqualTo("REJECTED MISSING_VALUE");
        assertThat(message(noTracking)).startsWith("tracking_no is empty");
        assertThat(outcome(unknownCourier)).isEqualTo("REJECTED UNKNOWN_COURIER");
        assertThat(outcome(badNumber)).isEqualTo("REJECTED INVALID_TRACKING_NO");
        assertThat(outcome(noReason)).isEqualTo("REJECTED INVALID_REASON");
        assertThat(message(noReason)).contains("reason").contains("OUT_OF_STOCK");
        assertThat(outcome(badReason)).isEqualTo("REJECTED INVALID_REASON");
        assertThat(outcome(unknownOrder)).isEqualTo("REJECTED UNKNOWN_ORDER");
        assertThat(outcome(unknownLine)).isEqualTo("REJECTED UNKNOWN_LINE");
        // the buyer's names and addresses are never in a message
        assertThat(Db.list(ds, "SELECT result_message FROM MB_CLAIM_ACTION")).noneSatisfy(m ->
                assertThat(String.valueOf(m)).containsAnyOf("구매자", "수령인", "010-"));
    }

    @Test
    void validRowsBecomeOneUnitEachPerAccountAndASecondActionOnAClaimWaitsForTheNextRound() throws Exception {
        claim("480000001", ClaimType.CANCEL, ClaimStatus.REQUESTED, "5001-71");
        claim("480000002", ClaimType.RETURN, ClaimStatus.REQUESTED, "5001-72");
        long byClaim = coupang("480000001", "approve_cancel");
        long twin = insert("COUPANG", "acme-coupang", null, "1001", "5001-71", "SHIP_INSTEAD", "CJ대한통운", "1234-5678-9012", null);
        long ret = insert("COUPANG", "acme-coupang", null, "1001", "5001-72", "APPROVE_RETURN", null, null, null);
        long cancel = insert("COUPANG", "acme-coupang", null, "1001", "5001-72", "SELLER_CANCEL", null, null,
                "price_error: listed at 1 won");

        ClaimActionRound round = dispatch.claim();

        assertThat(round.batches()).hasSize(1);
        ClaimActionBatch batch = round.batches().get(0);
        assertThat(batch.getRoute()).isEqualTo("coupang-claim-actions");
        assertThat(batch.getUnits()).extracting(ClaimActionUnit::getRowId).containsExactly(byClaim, ret, cancel);
        ClaimActionUnit approve = batch.getUnits().get(0);
        assertThat(approve.getAction()).isEqualTo(ClaimActionType.APPROVE_CANCEL);
        assertThat(approve.getClaim().claimId()).isEqualTo("480000001");
        assertThat(approve.getClaim().lines()).extracting(ClaimLine::lineId).containsExactly("5001-71");
        assertThat(approve.isReconcile()).isFalse();
        assertThat(batch.getUnits().get(1).getClaim().claimId()).as("the line's open claim").isEqualTo("480000002");
        ClaimActionUnit sellerCancel = batch.getUnits().get(2);
        assertThat(sellerCancel.getLine().optionId()).isEqualTo("72");
        assertThat(sellerCancel.getReason()).isEqualTo(SellerCancelReason.PRICE_ERROR);
        assertThat(sellerCancel.getReasonText()).isEqualTo("listed at 1 won");
        // SHIP_INSTEAD names the same claim as the first row: it goes back to READY, untouched
        assertThat(outcome(twin)).isEqualTo("READY null");
        for (ClaimActionUnit unit : batch.getUnits()) {
            unit.sent("OK", null);
            dispatch.recordUnit(unit, batch);
        }
        ClaimActionRound next = dispatch.claim();
        assertThat(next.batches().get(0).getUnits()).extracting(ClaimActionUnit::getRowId).containsExactly(twin);
        ClaimActionUnit ship = next.batches().get(0).getUnits().get(0);
        assertThat(ship.getCourierCode()).isEqualTo("CJGLS");
        assertThat(ship.getTrackingNo()).isEqualTo("123456789012");
        assertThat((String) Db.list(ds, "SELECT resolved_claim_id FROM MB_CLAIM_ACTION WHERE id = ?", ret).get(0)).isEqualTo("480000002");
    }

    @Test
    void aFailedRowIsRetriedWithBackoffAndReadFirstThenLeftFailedAfterTheLastAttempt() throws Exception {
        claim("480000001", ClaimType.CANCEL, ClaimStatus.REQUESTED, "5001-71");
        long id = coupang("480000001", "APPROVE_CANCEL");

        for (int attempt = 1; attempt <= 3; attempt++) {
            ClaimActionRound round = dispatch.claim();
            ClaimActionBatch batch = round.batches().get(0);
            ClaimActionUnit unit = batch.getUnits().get(0);
            assertThat(unit.isReconcile()).as("attempt %d reads first", attempt).isEqualTo(attempt > 1);
            unit.failed("TRANSIENT", "HTTP 503", null);
            dispatch.recordUnit(unit, batch);
            assertThat(outcome(id)).isEqualTo("FAILED TRANSIENT");
            if (attempt < 3) {
                // 1 s, then 2 s: not due a moment before, due at the time
                Duration wait = Duration.ofSeconds(1L << (attempt - 1));
                clock.now = clock.now.plus(wait).minusMillis(1);
                assertThat(dispatch.claim().batches()).isEmpty();
                clock.now = clock.now.plusMillis(1);
            }
        }
        assertThat(Db.list(ds, "SELECT next_attempt_at FROM MB_CLAIM_ACTION WHERE id = ?", id)).containsExactly((Object) null);
        assertThat(message(id)).startsWith("gave up after 3 attempts: HTTP 503");
        clock.now = clock.now.plus(Duration.ofDays(1));
        assertThat(dispatch.claim().batches()).isEmpty();
    }
}
