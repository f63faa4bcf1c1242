package io.marketbridge.marketplace.esm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimIntake;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.config.Account;
import io.marketbridge.config.AccountKey;
import io.marketbridge.db.Database;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.order.Marketplace;
import io.marketbridge.sink.FileSink;
import io.marketbridge.sink.FileSinkSettings;
import io.marketbridge.support.Db;
import io.marketbridge.support.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claims poll's reads (esm.md 2.2, 2.7): the lists and SiteTypes per site, day slices with EndDate - StartDate at
 * most 6 (EndDate is 00:00 of its day), the range reaching back to open claims, and what is made of the rows read:
 * claims, intake errors for malformed rows, REJECTED for open claims no longer listed. Driven step by step as the
 * claim-poll template drives it, on H2, with answers written by hand.
 */
class EsmClaimsPollTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-11-21T03:00:00Z"); // 12:00 KST
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path out;
    String schema;
    HikariDataSource ds;
    EsmClaims claims;
    ClaimIntake intake;

    @BeforeEach
    void open() {
        schema = TestDatabases.newSchema();
        ds = Database.open(TestDatabases.prepare("h2", schema), "sa", "", 2);
        Database.migrate(ds);
        IntakeErrors errors = new IntakeErrors(ds, CLOCK);
        FileSink files = new FileSink(new FileSinkSettings(false, out, Set.of("json"), "UTF-8", false, false));
        intake = new ClaimIntake(ds, files, new OrderChanges(ds, files, CLOCK), errors, CLOCK);
        claims = new EsmClaims(errors, ds, CLOCK);
    }

    @AfterEach
    void close() {
        ds.close();
        TestDatabases.drop("h2", schema);
    }

    static Account account(String gmarket, String auction, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        Map<String, AccountKey> keys = new HashMap<>();
        for (AccountKey k : EsmConnector.KEYS) {
            keys.put(k.name(), k);
            if (k.defaultValue() != null) {
                values.put(k.name(), k.defaultValue());
            }
        }
        values.put(EsmConnector.MASTER_ID, "master");
        values.put(EsmConnector.SECRET_KEY, "secret");
        if (gmarket != null) {
            values.put(EsmConnector.GMARKET_SELLER_ID, gmarket);
        }
        if (auction != null) {
            values.put(EsmConnector.AUCTION_SELLER_ID, auction);
        }
        values.putAll(overrides);
        return new Account("acct", "esm", values, keys);
    }

    static OffsetDateTime kst(String local) {
        return OffsetDateTime.parse(local + "+09:00");
    }

    PollContext<EsmClaimsPoll> poll(Account account, OffsetDateTime from, OffsetDateTime to) throws Exception {
        PollContext<EsmClaimsPoll> poll = new PollContext<>(account, "claims", from, to, null);
        claims.startPaging(poll);
        return poll;
    }

    /** Runs the page loop; {@code answers} gives the Data array of each request. */
    List<ApiRequest> run(PollContext<EsmClaimsPoll> poll, Function<ApiRequest, ArrayNode> answers) throws Exception {
        List<ApiRequest> requests = new ArrayList<>();
        while (poll.getPaging().hasNext()) {
            ApiRequest r = claims.nextPage(poll);
            requests.add(r);
            ObjectNode answer = JSON.createObjectNode();
            answer.put("ResultCode", 0);
            answer.put("Message", "Success");
            answer.set("Data", answers.apply(r));
            claims.readPage(poll, answer);
        }
        claims.mapCollected(poll);
        return requests;
    }

    static ArrayNode none(ApiRequest r) {
        return JSON.createArrayNode();
    }

    static JsonNode body(ApiRequest r) {
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode cancelRow(int status, long payNo, long orderNo, String requestDate) {
        ObjectNode row = JSON.createObjectNode();
        row.put("CancelStatus", status);
        row.put("PayNo", payNo);
        row.put("OrderNo", orderNo);
        row.put("GoodsNo", 0);
        row.put("SiteGoodsNo", "C400000001");
        row.put("Reason", "구매의사 취소");
        row.put("ReasonCode", "101");
        row.put("ReasonDetail", "단순 변심");
        row.put("OrderDate", "2026-11-21T09:00:00");
        row.put("PayDate", "2026-11-21T09:01:00");
        row.put("RequestDate", requestDate);
        row.putNull("WithdrawDate");
        row.putNull("ApproveDate");
        row.putNull("CompleteDate");
        row.put("AddShippingFee", "0.0000");
        return row;
    }

    @Test
    void aShortWindowReadsEachListOfEachSiteOnceTheSitesTakingTurns() throws Exception {
        PollContext<EsmClaimsPoll> poll = poll(account("gsel", "asel", Map.of()), kst("2026-11-21T11:25"), kst("2026-11-21T12:00"));
        List<ApiRequest> requests = run(poll, EsmClaimsPollTest::none);
        // per site: Cancels once (CancelStatus 0, every status), Returns and Exchanges once per status 1-6
        assertThat(requests).hasSize(2 * (1 + 6 + 6));
        for (int i = 0; i < requests.size(); i++) {
            JsonNode b = body(requests.get(i));
            assertThat(b.get("Type").asInt()).isEqualTo(2); // by request date
            assertThat(b.get("StartDate").asText()).isEqualTo("2026-11-21");
            assertThat(b.get("EndDate").asText()).isEqualTo("2026-11-22"); // 00:00 of the next day: all of the 21st
            assertThat(requests.get(i).purpose()).startsWith(i % 2 == 0 ? "GMARKET" : "AUCTION");
        }
        ApiRequest gCancels = requests.get(0);
        assertThat(gCancels.path()).isEqualTo("/claim/v1/sa/Cancels");
        assertThat(body(gCancels).get("SiteType").asInt()).isEqualTo(3);
        assertThat(body(gCancels).get("CancelStatus").asInt()).isZero();
        assertThat(body(requests.get(1)).get("SiteType").asInt()).isEqualTo(1);
        List<JsonNode> gReturns = requests.stream().filter(r -> r.path().equals("/claim/v1/sa/Returns"))
                .filter(r -> r.purpose().startsWith("GMARKET")).map(EsmClaimsPollTest::body).toList();
        assertThat(gReturns).extracting(b -> b.get("SiteType").asInt()).containsOnly(2);
        assertThat(gReturns).extracting(b -> b.get("ReturnStatus").asInt()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(requests.stream().filter(r -> r.path().equals("/claim/v1/sa/Exchanges")).map(EsmClaimsPollTest::body))
                .allSatisfy(b -> assertThat(b.has("ExchangeStatus")).isTrue());
        assertThat(poll.getClaims()).isEmpty();
    }

    @Test
    void aLongWindowIsCutIntoSlicesOfAtMostSixDaysBetweenStartAndEndDate() throws Exception {
        PollContext<EsmClaimsPoll> poll = poll(account("gsel", null, Map.of(EsmConnector.CLAIM_STATUSES, "1")),
                kst("2026-11-01T10:00"), kst("2026-11-15T09:00"));
        List<JsonNode> cancels = run(poll, EsmClaimsPollTest::none).stream()
                .filter(r -> r.path().endsWith("/Cancels")).map(EsmClaimsPollTest::body).toList();
        assertThat(cancels).extracting(b -> b.get("StartDate").asText() + ".." + b.get("EndDate").asText())
                .containsExactly("2026-11-01..2026-11-07", "2026-11-07..2026-11-13", "2026-11-13..2026-11-16");
        // exactly 7 days apart was refused by ESM: never sent
        for (JsonNode b : cancels) {
            assertThat(LocalDate.parse(b.get("StartDate").asText()).plusDays(6))
                    .isAfterOrEqualTo(LocalDate.parse(b.get("EndDate").asText()));
        }
    }

    @Test
    void theSliceLengthIsASettingAndDaysAreKoreanDays() throws Exception {
        // 23:30 to 00:30 KST (14:30 to 15:30 UTC): two Korean days
        PollContext<EsmClaimsPoll> poll = poll(account(null, "asel", Map.of(EsmConnector.CLAIM_WINDOW_DAYS, "1",
                EsmConnector.CLAIM_STATUSES, "1")), OffsetDateTime.parse("2026-11-01T14:30Z"), OffsetDateTime.parse("2026-11-01T15:30Z"));
        List<JsonNode> cancels = run(poll, EsmClaimsPollTest::none).stream()
                .filter(r -> r.path().endsWith("/Cancels")).map(EsmClaimsPollTest::body).toList();
        assertThat(cancels).extracting(b -> b.get("StartDate").asText() + ".." + b.get("EndDate").asText())
                .containsExactly("2026-11-01..2026-11-02", "2026-11-02..2026-11-03");
    }

    @Test
    void anOpenClaimOlderThanTheWindowIsReadAgainUntilItEndsAndOneNoLongerListedIsRejected() throws Exception {
        Claim open = EsmClaimMapper.map(Marketplace.GMARKET, EsmClaimMapper.ClaimList.CANCELS, "acct",
                cancelRow(1, 3001, 4001, "2026-11-12T16:00:00"), 2);
        Claim tooOld = EsmClaimMapper.map(Marketplace.GMARKET, EsmClaimMapper.ClaimList.CANCELS, "acct",
                cancelRow(1, 3002, 4002, "2026-10-01T16:00:00"), 1);
        intake.deliverPoll("acct", List.of(open, tooOld));
        Db.update(ds, "UPDATE MB_CLAIM SET collected_at = ?", java.sql.Timestamp.valueOf("2026-11-12 07:05:00"));
        Account account = account("gsel", null, Map.of());

        // listed, now completed: recorded as such, and the cancel read reached back to the 12th
        ObjectNode completed = cancelRow(3, 3001, 4001, "2026-11-12T16:00:00");
        completed.put("CompleteDate", "2026-11-21T10:00:00");
        PollContext<EsmClaimsPoll> poll = poll(account, kst("2026-11-21T11:25"), kst("2026-11-21T12:00"));
        List<ApiRequest> requests = run(poll, r -> r.path().endsWith("/Cancels")
                && body(r).get("StartDate").asText().equals("2026-11-12") ? JSON.createArrayNode().add(completed) : none(r));
        assertThat(requests.stream().filter(r -> r.path().endsWith("/Cancels")).map(r -> body(r).get("StartDate").asText()))
                .containsExactly("2026-11-12", "2026-11-18");
        // returns and exchanges have no open claim: today only
        assertThat(requests.stream().filter(r -> !r.path().endsWith("/Cancels")).map(r -> body(r).get("StartDate").asText()))
                .containsOnly("2026-11-21");
        assertThat(poll.getClaims()).singleElement().satisfies(c -> {
            assertThat(c.claimId()).isEqualTo(open.claimId());
            assertThat(c.status()).isEqualTo(ClaimStatus.COMPLETED);
            assertThat(c.lines()).containsExactly(new ClaimLine("4001", "4001", 1)); // never delivered: 1
        });

        // not listed any more in a read of every status: REJECTED, with the line and reason recorded before
        poll = poll(account, kst("2026-11-21T11:25"), kst("2026-11-21T12:00"));
        run(poll, EsmClaimsPollTest::none);
        assertThat(poll.getClaims()).singleElement().satisfies(c -> {
            assertThat(c.claimId()).isEqualTo(open.claimId());
            assertThat(c.status()).isEqualTo(ClaimStatus.REJECTED);
            assertThat(c.type()).isEqualTo(ClaimType.CANCEL);
            assertThat(c.orderId()).isEqualTo("3001");
            assertThat(c.lines()).containsExactly(new ClaimLine("4001", "4001", 2));
            assertThat(c.reasonCode()).isEqualTo("101");
        });
        intake.deliverPoll("acct", poll.getClaims());

        // once ended it is not followed: the cancel read is today's only
        poll = poll(account, kst("2026-11-21T11:25"), kst("2026-11-21T12:00"));
        assertThat(run(poll, EsmClaimsPollTest::none).stream().map(r -> body(r).get("StartDate").asText())).containsOnly("2026-11-21");
        assertThat(poll.getClaims()).isEmpty();
    }

    @Test
    void anOpenReturnIsNotInferredEndedWhenNotEveryStatusIsReadOrTheSettingIsOff() throws Exception {
        ObjectNode row = cancelRow(1, 3001, 4001, "2026-11-20T16:00:00");
        row.remove("CancelStatus");
        row.put("ReturnStatus", 1);
        Claim open = EsmClaimMapper.map(Marketplace.AUCTION, EsmClaimMapper.ClaimList.RETURNS, "acct", row, 1);
        ObjectNode cancelRow = cancelRow(1, 3002, 4002, "2026-11-20T17:00:00");
        Claim openCancel = EsmClaimMapper.map(Marketplace.AUCTION, EsmClaimMapper.ClaimList.CANCELS, "acct", cancelRow, 1);
        intake.deliverPoll("acct", List.of(open, openCancel));

        PollContext<EsmClaimsPoll> poll = poll(account(null, "asel", Map.of(EsmConnector.CLAIM_STATUSES, "1,3,4")),
                kst("2026-11-21T11:25"), kst("2026-11-21T12:00"));
        run(poll, EsmClaimsPollTest::none);
        assertThat(poll.getClaims()).extracting(Claim::claimId, Claim::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(openCancel.claimId(), ClaimStatus.REJECTED));

        poll = poll(account(null, "asel", Map.of(EsmConnector.CLAIM_UNLISTED_REJECTED, "false")),
                kst("2026-11-21T11:25"), kst("2026-11-21T12:00"));
        run(poll, EsmClaimsPollTest::none);
        assertThat(poll.getClaims()).isEmpty();
    }

    @Test
    void aMalformedRowGoesToIntakeErrorsAndTheOthersAreMappedWithTheirDeliveredQuantity() throws Exception {
        Db.update(ds, "INSERT INTO MB_ORDER_LINE (marketplace, account_id, order_id, line_id, shipment_id, quantity, status,"
                + " collected_at) VALUES ('GMARKET', 'acct', '3001', '4001', '4001', 3, 'CONFIRMED', ?)",
                java.sql.Timestamp.valueOf("2026-11-21 02:00:00"));
        ObjectNode good = cancelRow(1, 3001, 4001, "2026-11-21T10:00:00");
        ObjectNode other = cancelRow(4, 3003, 4003, "2026-11-21T10:05:00");
        other.put("WithdrawDate", "2026-11-21T10:30:00");
        ObjectNode malformed = cancelRow(8, 3002, 4002, "2026-11-21T10:01:00"); // no such CancelStatus
        PollContext<EsmClaimsPoll> poll = poll(account("gsel", null, Map.of()), kst("2026-11-21T11:25"), kst("2026-11-21T12:00"));
        run(poll, r -> r.path().endsWith("/Cancels") ? JSON.createArrayNode().add(good).add(malformed).add(other) : none(r));

        assertThat(poll.getClaims()).extracting(c -> c.lines().get(0).lineId() + " " + c.status() + " x" + c.lines().get(0).quantity())
                .containsExactly("4001 REQUESTED x3", "4003 WITHDRAWN x1");
        assertThat(Db.list(ds, "SELECT payload_ref FROM MB_INTAKE_ERROR")).containsExactly(
                "claimId:" + EsmClaimMapper.claimId(Marketplace.GMARKET, ClaimType.CANCEL, malformed));
        assertThat(Db.list(ds, "SELECT marketplace FROM MB_INTAKE_ERROR")).containsExactly("GMARKET");
        assertThat((String) Db.list(ds, "SELECT reason FROM MB_INTAKE_ERROR").get(0)).contains("CancelStatus");
        String raw = ((java.sql.Clob) Db.list(ds, "SELECT raw_payload FROM MB_INTAKE_ERROR").get(0)).getSubString(1, 100_000);
        assertThat(JSON.readTree(raw).get("Row").toString()).isEqualTo(malformed.toString());

        // corrected by an operator, the stored payload maps through the connector
        String fixed = raw.replace("\"CancelStatus\":8", "\"CancelStatus\":1");
        assertThat(new EsmConnector().mapClaimsForReplay(account("gsel", null, Map.of()), fixed))
                .singleElement().satisfies(c -> assertThat(c.lines()).containsExactly(new ClaimLine("4002", "4002", 1)));
    }
}
