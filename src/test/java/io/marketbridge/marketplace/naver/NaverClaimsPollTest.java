package io.marketbridge.marketplace.naver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimIntake;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.config.Account;
import io.marketbridge.db.Database;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.order.OrderJson;
import io.marketbridge.sink.FileSink;
import io.marketbridge.sink.FileSinkSettings;
import io.marketbridge.support.Db;
import io.marketbridge.support.TestDatabases;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claims poll's Naver steps without the routes: the feed's window and paging rules (naver.md 2.4: inclusive
 * bounds, at most 24 hours a call, `more` paging that keeps the end), detail queries of at most 300 product
 * orders (2.5), and the mapping step against a database: a malformed record goes to MB_INTAKE_ERROR while the
 * others are recorded, and a claim the detail no longer shows after a CLAIM_REJECTED change is withdrawn.
 */
class NaverClaimsPollTest {

    static final Account ACCOUNT = new Account("naver-claims-unit", "naver", Map.of(), Map.of());

    @TempDir
    Path out;
    String schema;
    HikariDataSource db;
    IntakeErrors errors;
    ClaimIntake intake;
    NaverClaims claims;

    @BeforeEach
    void openDatabase() {
        schema = TestDatabases.newSchema();
        db = Database.open(TestDatabases.prepare("h2", schema), "sa", "", 2);
        Database.migrate(db);
        Clock clock = Clock.systemUTC();
        FileSink files = new FileSink(new FileSinkSettings(false, out, Set.of("json", "csv"), "UTF-8", false, false));
        errors = new IntakeErrors(db, clock);
        intake = new ClaimIntake(db, files, new OrderChanges(db, files, clock), errors, clock);
        claims = new NaverClaims(errors, db);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
        TestDatabases.drop("h2", schema);
    }

    static PollContext<NaverClaimPoll> poll(String from, String to) {
        return new PollContext<>(ACCOUNT, "claims", OffsetDateTime.parse(from), OffsetDateTime.parse(to), null);
    }

    static Map<String, String> query(ApiRequest request) {
        Map<String, String> q = new HashMap<>();
        for (String pair : request.rawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    static ObjectNode row(String productOrderId, String type, String at, String claimType, String claimStatus) {
        ObjectNode row = OrderJson.mapper().createObjectNode();
        row.put("orderId", "O" + productOrderId).put("productOrderId", productOrderId).put("lastChangedType", type)
                .put("paymentDate", "2026-11-20T10:00:00.000+09:00").put("lastChangedDate", at).put("productOrderStatus", "PAYED");
        if (claimType != null) {
            row.put("claimType", claimType).put("claimStatus", claimStatus);
        }
        return row.put("receiverAddressChanged", false);
    }

    /** A feed answer: {timestamp, traceId, data {count, more?, lastChangeStatuses}}. */
    static JsonNode feed(List<ObjectNode> rows, String moreFrom, String moreSequence) {
        ObjectNode answer = OrderJson.mapper().createObjectNode();
        answer.put("timestamp", "2026-11-23T06:00:00.000+09:00").put("traceId", "trace-1");
        ObjectNode data = answer.putObject("data");
        data.put("count", rows.size());
        if (moreFrom != null) {
            data.putObject("more").put("moreFrom", moreFrom).put("moreSequence", moreSequence);
        }
        ArrayNode list = data.putArray("lastChangeStatuses");
        rows.forEach(list::add);
        return answer;
    }

    @Test
    void theWindowIsReadInInclusiveSlicesOfADayAndMorePagesKeepTheSlicesEnd() {
        PollContext<NaverClaimPoll> poll = poll("2026-11-20T00:00:00+09:00", "2026-11-23T06:00:00+09:00");
        claims.startPaging(poll);
        List<Map<String, String>> calls = new ArrayList<>();
        ApiRequest first = claims.nextPage(poll);
        assertThat(first.path()).isEqualTo("/v1/pay-order/seller/product-orders/last-changed-statuses");
        calls.add(query(first));
        // the first slice has a second page
        claims.readPage(poll, feed(List.of(row("P1", "CLAIM_REQUESTED", "2026-11-20T08:00:00.000+09:00", "CANCEL", "CANCEL_REQUEST")),
                "2026-11-20T09:00:00.000+09:00", "P2"));
        Map<String, String> more = query(claims.nextPage(poll));
        assertThat(more).containsEntry("lastChangedFrom", "2026-11-20T09:00:00.000+09:00").containsEntry("moreSequence", "P2")
                .containsEntry("lastChangedTo", calls.get(0).get("lastChangedTo")).containsEntry("limitCount", "300");
        claims.readPage(poll, feed(List.of(), null, null));
        while (poll.state().readingFeed()) {
            calls.add(query(claims.nextPage(poll)));
            // a `more` on an empty page would never end: the slice is done
            claims.readPage(poll, feed(List.of(), "2026-11-22T00:00:00.000+09:00", "P9"));
        }
        assertThat(calls).extracting(q -> q.get("lastChangedFrom")).containsExactly("2026-11-20T00:00:00.000+09:00",
                "2026-11-21T00:00:00.001+09:00", "2026-11-22T00:00:00.002+09:00", "2026-11-23T00:00:00.003+09:00");
        assertThat(calls).extracting(q -> q.get("lastChangedTo")).containsExactly("2026-11-21T00:00:00.000+09:00",
                "2026-11-22T00:00:00.001+09:00", "2026-11-23T00:00:00.002+09:00", "2026-11-23T06:00:00.000+09:00");
        for (Map<String, String> q : calls) {
            assertThat(Duration.between(OffsetDateTime.parse(q.get("lastChangedFrom")), OffsetDateTime.parse(q.get("lastChangedTo"))))
                    .isLessThanOrEqualTo(Duration.ofHours(24));
            assertThat(q).doesNotContainKey("moreSequence").doesNotContainKey("lastChangedType");
        }
        // P1's claim is read next
        ApiRequest details = claims.nextPage(poll);
        assertThat(details.method()).isEqualTo("POST");
        assertThat(details.path()).isEqualTo("/v1/pay-order/seller/product-orders/query");
    }

    @Test
    void onlyClaimChangesAreReadAndTheirProductOrdersAreQueriedThreeHundredAtATime() throws Exception {
        PollContext<NaverClaimPoll> poll = poll("2026-11-22T12:00:00+09:00", "2026-11-23T06:00:00+09:00");
        claims.startPaging(poll);
        List<ObjectNode> rows = new ArrayList<>();
        for (int i = 0; i < 301; i++) {
            rows.add(row(String.format("P%04d", i), i % 2 == 0 ? "CLAIM_REQUESTED" : "COLLECT_DONE",
                    "2026-11-22T13:00:00.000+09:00", "RETURN", "RETURN_REQUEST"));
        }
        rows.add(row("P0000", "CLAIM_COMPLETED", "2026-11-22T14:00:00.000+09:00", "RETURN", "RETURN_DONE")); // same product order
        for (String type : List.of("PAYED", "DISPATCHED", "PURCHASE_DECIDED", "DELIVERY_ADDRESS_CHANGED")) {
            rows.add(row("X" + type, type, "2026-11-22T15:00:00.000+09:00", null, null));
        }
        rows.add(row("XHOLD", "CLAIM_REQUESTED", "2026-11-22T15:00:00.000+09:00", "PURCHASE_DECISION_HOLDBACK",
                "PURCHASE_DECISION_HOLDBACK"));
        claims.nextPage(poll);
        claims.readPage(poll, feed(rows, null, null));
        assertThat(poll.state().changes.get("P0000")).hasSize(2);

        List<List<String>> queried = new ArrayList<>();
        while (poll.getPaging().hasNext()) {
            ApiRequest q = claims.nextPage(poll);
            JsonNode body = OrderJson.mapper().readTree(q.body());
            assertThat(body.get("quantityClaimCompatibility").asBoolean()).isTrue();
            List<String> ids = new ArrayList<>();
            body.get("productOrderIds").forEach(id -> ids.add(id.asText()));
            queried.add(ids);
            claims.readPage(poll, OrderJson.mapper().readTree("{\"data\": []}"));
        }
        assertThat(queried).extracting(List::size).containsExactly(300, 1);
        assertThat(queried.get(0)).first().isEqualTo("P0000");
        assertThat(queried.stream().flatMap(List::stream)).doesNotHaveDuplicates().noneMatch(id -> id.startsWith("X"));
    }

    static JsonNode details(String... details) throws Exception {
        return OrderJson.mapper().readTree("{\"timestamp\": \"2026-11-23T06:00:00.000+09:00\", \"traceId\": \"t\", \"data\": ["
                + String.join(",", details) + "]}");
    }

    static String detail(String productOrderId, String claimParts) {
        return """
                {"order": {"orderId": "O%s", "orderDate": "2026-11-20T09:59:00.000+09:00", "paymentDate": "2026-11-20T10:00:00.000+09:00",
                           "ordererName": "최지우", "ordererTel": "010-1111-2222"},
                 "productOrder": {"productOrderId": "%s", "productOrderStatus": "PAYED", "placeOrderStatus": "OK", "quantity": 2,
                                  "shippingAddress": {"name": "최지우", "tel1": "010-1111-2222", "baseAddress": "부산광역시 해운대구"}}%s}
                """.formatted(productOrderId, productOrderId, claimParts.isEmpty() ? "" : ", " + claimParts);
    }

    /** One poll over a feed page and one detail answer, up to the mapping step. */
    PollContext<NaverClaimPoll> pollOf(List<ObjectNode> rows, JsonNode detailAnswer) throws Exception {
        PollContext<NaverClaimPoll> poll = poll("2026-11-22T12:00:00+09:00", "2026-11-23T06:00:00+09:00");
        claims.startPaging(poll);
        claims.nextPage(poll);
        claims.readPage(poll, feed(rows, null, null));
        claims.nextPage(poll);
        claims.readPage(poll, detailAnswer);
        assertThat(poll.getPaging().hasNext()).isFalse();
        claims.mapCollected(poll);
        return poll;
    }

    @Test
    void aMalformedClaimGoesToIntakeErrorsWithItsRecordAndTheOthersAreRecorded() throws Exception {
        PollContext<NaverClaimPoll> poll = pollOf(List.of(
                        row("P1", "CLAIM_REQUESTED", "2026-11-22T13:00:00.000+09:00", "CANCEL", "CANCEL_REQUEST"),
                        row("P2", "CLAIM_REQUESTED", "2026-11-22T13:00:01.000+09:00", "CANCEL", "CANCEL_REQUEST")),
                details(detail("P1", """
                                "currentClaim": {"cancel": {"claimId": "C1", "claimStatus": "CANCEL_REQUEST",
                                    "claimRequestDate": "2026-11-22T13:00:00.000+09:00", "requestQuantity": 1}}"""),
                        detail("P2", """
                                "currentClaim": {"cancel": {"claimId": "C2", "claimStatus": "CANCEL_REQUEST",
                                    "claimRequestDate": "2026-11-22T13:00:01.000+09:00", "requestQuantity": "two"}}""")));
        assertThat(poll.getClaims()).extracting(Claim::claimId).containsExactly("C1");
        assertThat(poll.getMappingErrors()).isEqualTo(1);
        assertThat(Db.list(db, "SELECT payload_ref FROM MB_INTAKE_ERROR")).containsExactly("claimId:productOrder:P2");
        assertThat(Db.list(db, "SELECT error_type FROM MB_INTAKE_ERROR")).containsExactly("MAPPING");
        assertThat((String) Db.list(db, "SELECT reason FROM MB_INTAKE_ERROR").get(0))
                .contains("currentClaim.cancel.requestQuantity is not a positive number").doesNotContain("two");
        String raw = (String) Db.list(db, "SELECT CAST(raw_payload AS VARCHAR(100000)) FROM MB_INTAKE_ERROR").get(0);
        assertThat(raw).contains("\"C2\"", "CLAIM_REQUESTED").doesNotContain("최지우", "010-1111-2222");

        intake.deliverClaims(poll);
        assertThat(Db.list(db, "SELECT claim_id FROM MB_CLAIM")).containsExactly("C1");

        // the operator corrects the quantity: the replay maps what the poll would have
        List<Claim> replayed = new NaverConnector().mapClaimsForReplay(ACCOUNT, raw.replace("\"two\"", "2"));
        assertThat(replayed).singleElement().satisfies(c -> {
            assertThat(c.claimId()).isEqualTo("C2");
            assertThat(c.lines().get(0).quantity()).isEqualTo(2);
        });
    }

    @Test
    void aClaimTheDetailNoLongerShowsAfterAClaimRejectedChangeIsWithdrawnOnce() throws Exception {
        // a poll recorded P1's cancel as requested
        PollContext<NaverClaimPoll> first = pollOf(List.of(row("P1", "CLAIM_REQUESTED", "2026-11-22T13:00:00.000+09:00", "CANCEL", "CANCEL_REQUEST")),
                details(detail("P1", """
                        "currentClaim": {"cancel": {"claimId": "C7", "claimStatus": "CANCEL_REQUEST", "cancelReason": "INTENT_CHANGED",
                            "claimRequestDate": "2026-11-22T13:00:00.000+09:00", "requestQuantity": 1}}""")));
        intake.deliverClaims(first);
        // the buyer withdrew it: the feed says CLAIM_REJECTED and the detail shows no claim
        List<ObjectNode> rows = List.of(row("P1", "CLAIM_REQUESTED", "2026-11-22T13:00:00.000+09:00", "CANCEL", "CANCEL_REQUEST"),
                row("P1", "CLAIM_REJECTED", "2026-11-22T13:30:00.000+09:00", null, null));
        PollContext<NaverClaimPoll> second = pollOf(rows, details(detail("P1", "")));
        assertThat(second.getClaims()).singleElement().satisfies(c -> {
            assertThat(c.claimId()).isEqualTo("C7");
            assertThat(c.type()).isEqualTo(ClaimType.CANCEL);
            assertThat(c.status()).isEqualTo(ClaimStatus.WITHDRAWN);
            assertThat(c.orderId()).isEqualTo("OP1");
            assertThat(c.reasonCode()).isEqualTo("INTENT_CHANGED");
            assertThat(c.requestedAt()).isEqualTo(OffsetDateTime.parse("2026-11-22T13:00:00+09:00"));
            assertThat(c.statusAt()).isEqualTo(OffsetDateTime.parse("2026-11-22T13:30:00+09:00"));
            assertThat(c.marketplaceStatus()).isEqualTo("CLAIM_REJECTED");
            assertThat(c.lines().get(0).quantity()).isEqualTo(1);
        });
        intake.deliverClaims(second);
        assertThat(Db.list(db, "SELECT claim_status FROM MB_CLAIM WHERE claim_id = 'C7' ORDER BY id")).containsExactly("REQUESTED", "WITHDRAWN");
        // read again (the window overlaps): the claim has ended, nothing more
        assertThat(pollOf(rows, details(detail("P1", ""))).getClaims()).isEmpty();
        // a CLAIM_REJECTED change whose claim the detail still shows is mapped from the detail, not guessed
        PollContext<NaverClaimPoll> shown = pollOf(List.of(row("P3", "CLAIM_REJECTED", "2026-11-22T14:00:00.000+09:00", "RETURN", "RETURN_REJECT")),
                details(detail("P3", """
                        "currentClaim": {"return": {"claimId": "C8", "claimStatus": "RETURN_REJECT",
                            "claimRequestDate": "2026-11-22T13:00:00.000+09:00", "requestQuantity": 2}}""")));
        assertThat(shown.getClaims()).extracting(Claim::claimId, Claim::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("C8", ClaimStatus.REJECTED));
    }
}
