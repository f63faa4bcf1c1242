package io.marketbridge.marketplace.coupang;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.claim.ClaimIntake;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.config.Account;
import io.marketbridge.config.AccountKey;
import io.marketbridge.db.Database;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.coupang.CoupangClaimPoll.ListKind;
import io.marketbridge.marketplace.coupang.CoupangClaimPoll.ListRead;
import io.marketbridge.order.OrderJson;
import io.marketbridge.sink.FileSink;
import io.marketbridge.sink.FileSinkSettings;
import io.marketbridge.support.Db;
import io.marketbridge.support.Fixtures;
import io.marketbridge.support.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The claims poll's windows and pages: returnRequests in slices of at most 31 days (RU, UC, PR, CC and the cancel
 * list each), exchangeRequests and returnWithdrawRequests in slices of at most 7 days, nextToken / nextPageIndex
 * paging; and the mapping step: a malformed entry goes to MB_INTAKE_ERROR while the rest are recorded.
 */
class CoupangClaimsPagingTest {

    @TempDir
    Path out;

    static Account account(String followWindow) {
        Map<String, AccountKey> keys = new HashMap<>();
        CoupangConnector.KEYS.forEach(k -> keys.put(k.name(), k));
        return new Account("acme", "coupang", Map.of(CoupangConnector.VENDOR_ID, "A00012345",
                CoupangConnector.CLAIMS_FOLLOW_WINDOW, followWindow), keys);
    }

    static PollContext<CoupangClaimPoll> poll(String from, String to, String followWindow) {
        return new PollContext<>(account(followWindow), "claims", OffsetDateTime.parse(from), OffsetDateTime.parse(to), null);
    }

    static List<String> windows(List<ListRead> reads, ListKind kind) {
        return reads.stream().filter(r -> r.kind() == kind)
                .map(r -> r.slice().from().toLocalDateTime() + ".." + r.slice().to().toLocalDateTime()).distinct().toList();
    }

    @Test
    void aLongWindowIsCutInto31DayReceiptSlicesAnd7DaySlicesForTheOtherLists() {
        // 70 days back (a long outage); the follow window is shorter, so the cursor's window rules
        List<ListRead> reads = CoupangClaims.reads(poll("2026-09-01T00:30:00+09:00", "2026-11-09T12:00:00+09:00", "P14D"));

        assertThat(windows(reads, ListKind.RETURNS)).containsExactly(
                "2026-09-01T00:00..2026-10-01T00:00", "2026-10-02T00:00..2026-11-01T00:00", "2026-11-02T00:00..2026-11-09T00:00");
        assertThat(windows(reads, ListKind.CANCELS)).isEqualTo(windows(reads, ListKind.RETURNS));
        // each receipt slice is read once per RETURN status, then as the cancel list
        assertThat(reads.subList(0, 5)).extracting(ListRead::kind, ListRead::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ListKind.RETURNS, "RU"), org.assertj.core.groups.Tuple.tuple(ListKind.RETURNS, "UC"),
                org.assertj.core.groups.Tuple.tuple(ListKind.RETURNS, "PR"), org.assertj.core.groups.Tuple.tuple(ListKind.RETURNS, "CC"),
                org.assertj.core.groups.Tuple.tuple(ListKind.CANCELS, null));
        List<String> exchanges = windows(reads, ListKind.EXCHANGES);
        assertThat(exchanges).hasSize(10).startsWith("2026-09-01T00:30..2026-09-08T00:30", "2026-09-08T00:30:01..2026-09-15T00:30:01")
                .endsWith("2026-11-03T00:30:09..2026-11-09T12:00");
        List<String> withdrawals = windows(reads, ListKind.WITHDRAWALS);
        assertThat(withdrawals).hasSize(10).startsWith("2026-09-01T00:00..2026-09-07T00:00", "2026-09-08T00:00..2026-09-14T00:00")
                .endsWith("2026-11-03T00:00..2026-11-09T00:00");
    }

    @Test
    void aShortWindowReadsClaimsBackOverTheFollowWindowAndWithdrawalsOverItsOwn() {
        List<ListRead> reads = CoupangClaims.reads(poll("2026-11-09T11:25:00+09:00", "2026-11-09T12:00:00+09:00", "P14D"));

        assertThat(windows(reads, ListKind.RETURNS)).containsExactly("2026-10-26T00:00..2026-11-09T00:00");
        assertThat(windows(reads, ListKind.EXCHANGES)).containsExactly(
                "2026-10-26T12:00..2026-11-02T12:00", "2026-11-02T12:00:01..2026-11-09T12:00");
        assertThat(windows(reads, ListKind.WITHDRAWALS)).containsExactly("2026-11-09T00:00..2026-11-09T00:00");
        assertThat(reads).hasSize(5 + 2 + 1);
        // a window skipped (cursor in the future) reads nothing
        PollContext<CoupangClaimPoll> skipped = new PollContext<>(account("P14D"), "claims",
                OffsetDateTime.parse("2026-11-09T12:00:00+09:00"), OffsetDateTime.parse("2026-11-09T12:00:00+09:00"), "cursor ahead");
        assertThat(CoupangClaims.reads(skipped)).isEmpty();
    }

    @Test
    void requestsCarryEachListsOwnParameters() {
        List<ListRead> reads = CoupangClaims.reads(poll("2026-11-09T11:25:00+09:00", "2026-11-09T12:00:00+09:00", "P0D"));
        ApiRequest ru = CoupangClaims.request("A00012345", reads.get(0), null);
        assertThat(ru.path()).isEqualTo("/v2/providers/openapi/apis/api/v6/vendors/A00012345/returnRequests");
        assertThat(ru.rawQuery()).isEqualTo("cancelType=RETURN&createdAtFrom=2026-11-09&createdAtTo=2026-11-09&maxPerPage=50&status=RU");
        ApiRequest cancels = CoupangClaims.request("A00012345", reads.get(4), "tok+1");
        assertThat(cancels.rawQuery()).isEqualTo("cancelType=CANCEL&createdAtFrom=2026-11-09&createdAtTo=2026-11-09&maxPerPage=50&nextToken=tok%2B1");
        ApiRequest exchanges = CoupangClaims.request("A00012345", reads.get(5), null);
        assertThat(exchanges.path()).endsWith("/v4/vendors/A00012345/exchangeRequests");
        assertThat(exchanges.rawQuery()).isEqualTo("createdAtFrom=2026-11-09T11:25:00&createdAtTo=2026-11-09T12:00:00&maxPerPage=50");
        ApiRequest withdrawals = CoupangClaims.request("A00012345", reads.get(6), "2");
        assertThat(withdrawals.path()).endsWith("/v4/vendors/A00012345/returnWithdrawRequests");
        assertThat(withdrawals.rawQuery()).isEqualTo("dateFrom=2026-11-09&dateTo=2026-11-09&pageIndex=2&sizePerPage=100");
    }

    @Test
    void pagesFollowNextTokenAndNextPageIndexAndKeepEachClaimOncePerStatus() throws Exception {
        PollContext<CoupangClaimPoll> poll = poll("2026-11-09T11:25:00+09:00", "2026-11-09T12:00:00+09:00", "P0D");
        CoupangClaims claims = new CoupangClaims(null, null);
        claims.startPaging(poll);
        CoupangClaimPoll state = poll.state();
        JsonNode page = Fixtures.json("coupang/claims/returnrequests-v6-page.json");

        ObjectNode more = page.deepCopy();
        more.put("nextToken", "470000000004");
        claims.readPage(poll, more);
        assertThat(state.cursor()).isEqualTo("470000000004");
        assertThat(state.read().status()).isEqualTo("RU");
        claims.readPage(poll, page); // the same entries again, last page
        assertThat(state.cursor()).isNull();
        assertThat(state.read().status()).isEqualTo("UC");
        // an empty page ends the read even with a token
        claims.readPage(poll, OrderJson.mapper().readTree("{\"code\":200,\"data\":[],\"nextToken\":\"x\"}"));
        assertThat(state.read().status()).isEqualTo("PR");
        assertThat(state.receipts).hasSize(4); // read twice, kept once each
        assertThat(state.receipts.keySet()).contains("470000000001|RELEASE_STOP_UNCHECKED");
        assertThat(poll.getFetched()).isEqualTo(8);

        while (state.read().kind() != ListKind.WITHDRAWALS) {
            claims.readPage(poll, OrderJson.mapper().readTree("{\"data\":[],\"nextToken\":\"\"}"));
        }
        ObjectNode withdrawals = Fixtures.json("coupang/claims/returnwithdrawrequests-v4.json").deepCopy();
        withdrawals.put("nextPageIndex", "2");
        claims.readPage(poll, withdrawals);
        assertThat(state.cursor()).isEqualTo("2");
        assertThat(state.hasNext()).isTrue();
        withdrawals.put("nextPageIndex", "");
        claims.readPage(poll, withdrawals);
        assertThat(state.hasNext()).isFalse();
        assertThat(state.withdrawals).hasSize(2);
    }

    @Test
    void aMalformedEntryGoesToIntakeErrorsWhileTheOthersAreRecordedAndAWithdrawalFindsItsReceipt() throws Exception {
        String schema = TestDatabases.newSchema();
        try (HikariDataSource ds = Database.open(TestDatabases.prepare("h2", schema), "sa", "", 2)) {
            Database.migrate(ds);
            Clock clock = Clock.systemUTC();
            FileSink files = new FileSink(new FileSinkSettings(false, out, Set.of("json"), "UTF-8", false, false));
            IntakeErrors errors = new IntakeErrors(ds, clock);
            ClaimIntake intake = new ClaimIntake(ds, files, new OrderChanges(ds, files, clock), errors, clock);
            CoupangClaims claims = new CoupangClaims(errors, ds);

            // first poll: the receipts page (one malformed), the cancel list and the exchanges
            PollContext<CoupangClaimPoll> first = poll("2026-11-09T11:25:00+09:00", "2026-11-09T12:00:00+09:00", "P0D");
            claims.startPaging(first);
            claims.readPage(first, Fixtures.json("coupang/claims/returnrequests-v6-page.json"));
            claims.readPage(first, Fixtures.json("coupang/claims/returnrequests-v6-cancel.json"));
            claims.readPage(first, OrderJson.mapper().readTree("{\"data\":[]}"));
            claims.readPage(first, OrderJson.mapper().readTree("{\"data\":[]}"));
            claims.readPage(first, OrderJson.mapper().readTree("{\"data\":[]}"));
            claims.readPage(first, Fixtures.json("coupang/claims/exchangerequests-v4.json"));
            claims.mapCollected(first);
            assertThat(first.getMappingErrors()).isEqualTo(1);
            intake.deliverClaims(first);

            assertThat(Db.list(ds, "SELECT payload_ref FROM MB_INTAKE_ERROR")).containsExactly("claimId:receipt-470000000004");
            Object column = Db.list(ds, "SELECT raw_payload FROM MB_INTAKE_ERROR").get(0);
            String stored = column instanceof java.sql.Clob clob ? clob.getSubString(1, (int) clob.length()) : column.toString();
            assertThat(stored).contains("880000000401");
            // corrected by an operator, the stored payload replays through the connector
            ObjectNode corrected = (ObjectNode) OrderJson.mapper().readTree(stored);
            ((ObjectNode) corrected.get("returnItems").get(0)).put("shipmentBoxId", 310000000000204L);
            assertThat(new CoupangConnector().mapClaimsForReplay(account("P0D"), corrected.toString()))
                    .extracting(c -> c.lines().get(0).lineId()).containsExactly("310000000000204-880000000401");
            // 3 receipts (one of them two claims: the stop refused, the return), 1 cancel, 3 exchanges
            assertThat(Db.count(ds, "SELECT COUNT(DISTINCT claim_id) FROM MB_CLAIM")).isEqualTo(7);
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_CLAIM")).isEqualTo(8);

            // second poll: only the withdrawal of the stop request, whose receipt comes from MB_CLAIM
            PollContext<CoupangClaimPoll> second = poll("2026-11-09T11:55:00+09:00", "2026-11-09T12:30:00+09:00", "P0D");
            claims.startPaging(second);
            while (second.state().read().kind() != ListKind.WITHDRAWALS) {
                claims.readPage(second, OrderJson.mapper().readTree("{\"data\":[]}"));
            }
            ObjectNode page = Fixtures.json("coupang/claims/returnwithdrawrequests-v4.json").deepCopy();
            // and one of a receipt never recorded: nothing to undo
            ((com.fasterxml.jackson.databind.node.ArrayNode) page.get("data")).addObject().put("cancelId", 479999999999L)
                    .put("orderId", 1L).put("createdAt", "2026-11-09T12:00:00");
            claims.readPage(second, page);
            claims.mapCollected(second);
            assertThat(second.getClaims()).hasSize(1);
            assertThat(second.getClaims().get(0).status()).isEqualTo(ClaimStatus.WITHDRAWN);
            intake.deliverClaims(second);

            assertThat(Db.list(ds, "SELECT claim_status FROM MB_CLAIM WHERE claim_id = '470000000001' ORDER BY id"))
                    .containsExactly("REQUESTED", "WITHDRAWN");
            assertThat(Db.list(ds, "SELECT claim_type FROM MB_CLAIM WHERE claim_id = '470000000001'")).containsOnly("CANCEL");
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_INTAKE_ERROR")).isEqualTo(1);
        } finally {
            TestDatabases.drop("h2", schema);
        }
    }
}
