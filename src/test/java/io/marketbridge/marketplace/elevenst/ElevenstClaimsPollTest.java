package io.marketbridge.marketplace.elevenst;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.config.Account;
import io.marketbridge.config.AccountKey;
import io.marketbridge.db.Database;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.support.Db;
import io.marketbridge.support.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The claims poll's calls (11st.md 1.3, 1.8): each of the nine claim lists over slices of at most 30 days in
 * yyyyMMddHHmm KST, a full answer read again as two halves, and rows that cannot be mapped kept in MB_INTAKE_ERROR
 * while the others go on.
 */
class ElevenstClaimsPollTest {

    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    static final List<String> LISTS = List.of("cancelorders", "canceledorders", "withdrawcanceledorders", "returnorders",
            "returnedorders", "retractretorders", "exchangeorders", "exchangedorders", "retractexcorders");

    static Account account(String maxRows) {
        Map<String, AccountKey> keys = ElevenstConnector.KEYS.stream().collect(Collectors.toMap(AccountKey::name, Function.identity()));
        return new Account("st-claims", "elevenst", Map.of(ElevenstConnector.MAX_ROWS, maxRows), keys);
    }

    static PollContext<ElevenstClaimPoll> poll(Account account, String from, String to) {
        return new PollContext<>(account, "claims", OffsetDateTime.parse(from), OffsetDateTime.parse(to), null);
    }

    /** Every request of the poll, answering each with no rows. */
    static List<ApiRequest> walk(ElevenstClaims claims, PollContext<ElevenstClaimPoll> poll) {
        claims.startPaging(poll);
        List<ApiRequest> requests = new ArrayList<>();
        while (poll.getPaging().hasNext()) {
            requests.add(claims.nextPage(poll));
            claims.readPage(poll, new ElevenstXml.Answer("orders", 0, "조회된 결과가 없습니다.", List.of()));
        }
        return requests;
    }

    /** {list, start, end} of a request path /rest/claimservice/{list}/{start}/{end}. */
    static String[] parts(ApiRequest r) {
        assertThat(r.path()).matches("/rest/claimservice/[a-z]+/[0-9]{12}/[0-9]{12}");
        return r.path().substring("/rest/claimservice/".length()).split("/");
    }

    /** The first column of the first row as text (CLOB columns included). */
    static String text(javax.sql.DataSource ds, String sql, Object... args) throws java.sql.SQLException {
        try (java.sql.Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        }
    }

    @Test
    void aWindowOfFortyDaysIsTwoSlicesOfAtMostThirtyDaysEachReadFromAllNineLists() {
        // 2026-10-01 00:00 KST .. 2026-11-10 00:00 KST (UTC in, KST on the wire)
        List<ApiRequest> requests = walk(new ElevenstClaims(null), poll(account("3000"), "2026-09-30T15:00:00Z", "2026-11-09T15:00:00Z"));
        assertThat(requests).hasSize(18);
        assertThat(requests.subList(0, 9)).extracting(r -> parts(r)[0]).containsExactlyElementsOf(LISTS);
        assertThat(requests.subList(9, 18)).extracting(r -> parts(r)[0]).containsExactlyElementsOf(LISTS);
        assertThat(requests.subList(0, 9)).extracting(r -> parts(r)[1] + "/" + parts(r)[2]).containsOnly("202610010000/202610302359");
        assertThat(requests.subList(9, 18)).extracting(r -> parts(r)[1] + "/" + parts(r)[2]).containsOnly("202610310000/202611100000");
        for (ApiRequest r : requests) {
            LocalDateTime from = LocalDateTime.parse(parts(r)[1], MINUTE);
            LocalDateTime to = LocalDateTime.parse(parts(r)[2], MINUTE);
            // 11st takes at most 30 days (-28008 beyond); both ends are inclusive minutes
            assertThat(Duration.between(from, to)).isLessThan(Duration.ofDays(30));
            assertThat(r.method()).isEqualTo("GET");
        }
    }

    @Test
    void theUsualThreeDayWindowIsNineCallsAndASkippedWindowNone() {
        assertThat(walk(new ElevenstClaims(null), poll(account("3000"), "2026-11-20T00:00:00+09:00", "2026-11-23T00:00:00+09:00")))
                .hasSize(9).extracting(r -> parts(r)[1] + "/" + parts(r)[2]).containsOnly("202611200000/202611230000");
        PollContext<ElevenstClaimPoll> skipped = new PollContext<>(account("3000"), "claims",
                OffsetDateTime.parse("2026-11-25T00:00:00+09:00"), OffsetDateTime.parse("2026-11-23T00:00:00+09:00"), "cursor ahead");
        assertThat(walk(new ElevenstClaims(null), skipped)).isEmpty();
    }

    @Test
    void aFullAnswerIsReadAgainForThatListAsTwoHalvesOfItsSlice() {
        ElevenstClaims claims = new ElevenstClaims(null);
        PollContext<ElevenstClaimPoll> poll = poll(account("2"), "2026-11-20T00:00:00+09:00", "2026-11-22T00:00:00+09:00");
        claims.startPaging(poll);
        assertThat(claims.nextPage(poll).path()).isEqualTo("/rest/claimservice/cancelorders/202611200000/202611220000");
        Map<String, String> row = new LinkedHashMap<>(Map.of("ordNo", "202611200000001", "ordPrdSeq", "1"));
        claims.readPage(poll, new ElevenstXml.Answer("orders", null, null, List.of(row, row)));
        assertThat(poll.getFetched()).isZero(); // the full answer is dropped
        assertThat(claims.nextPage(poll).path()).isEqualTo("/rest/claimservice/cancelorders/202611200000/202611210000");
        claims.readPage(poll, new ElevenstXml.Answer("orders", null, null, List.of(row)));
        assertThat(claims.nextPage(poll).path()).isEqualTo("/rest/claimservice/cancelorders/202611210001/202611220000");
        claims.readPage(poll, new ElevenstXml.Answer("orders", 0, null, List.of()));
        assertThat(claims.nextPage(poll).path()).isEqualTo("/rest/claimservice/canceledorders/202611200000/202611220000");
        assertThat(poll.getFetched()).isEqualTo(1);
        assertThat(poll.state().halvings).isEqualTo(1);
    }

    @Test
    void aRowThatCannotBeMappedIsKeptInIntakeErrorsAndTheOthersAreMappedAndItReplaysOnceCorrected() throws Exception {
        String schema = TestDatabases.newSchema();
        try (HikariDataSource ds = Database.open(TestDatabases.prepare("h2", schema), "sa", "", 2)) {
            Database.migrate(ds);
            ElevenstClaims claims = new ElevenstClaims(new IntakeErrors(ds, Clock.systemUTC()));
            PollContext<ElevenstClaimPoll> poll = poll(account("3000"), "2026-11-20T00:00:00+09:00", "2026-11-23T00:00:00+09:00");
            claims.startPaging(poll);
            List<Map<String, String>> cancels = ElevenstClaimMapperTest.answer(
                    ElevenstClaimMapperTest.cancelRow("8191740", "202611200000470", "1", "1", "01", "2026-11-21 10:00:00"),
                    ElevenstClaimMapperTest.cancelRow("8191741", "202611200000471", "1", "many", "01", "2026-11-21 10:01:00"),
                    ElevenstClaimMapperTest.cancelRow("8191742", "202611200000472", "2", "3", "01", "2026-11-21 10:02:00"));
            claims.readPage(poll, new ElevenstXml.Answer("orders", null, null, cancels));
            claims.readPage(poll, new ElevenstXml.Answer("orders", null, null, List.of())); // canceledorders
            claims.readPage(poll, new ElevenstXml.Answer("orders", null, null, List.of())); // withdrawcanceledorders
            claims.readPage(poll, new ElevenstXml.Answer("orders", null, null, ElevenstClaimMapperTest.answer(
                    ElevenstClaimMapperTest.claimRow("2568780", "202611100000480", "1", "1", "105", ""))));
            claims.mapCollected(poll);

            assertThat(poll.getClaims()).extracting(Claim::claimId).containsExactly("8191740", "8191742", "2568780");
            assertThat(poll.getMappingErrors()).isEqualTo(1);
            assertThat(Db.list(ds, "SELECT payload_ref FROM MB_INTAKE_ERROR")).containsExactly("claimId:8191741/1/cancelorders");
            assertThat(Db.list(ds, "SELECT reason FROM MB_INTAKE_ERROR")).singleElement().asString()
                    .contains("ordCnQty is not a positive whole number").doesNotContain("many");
            String raw = text(ds, "SELECT raw_payload FROM MB_INTAKE_ERROR");
            assertThat(raw).contains("\"list\":\"cancelorders\"").contains("\"ordCnQty\":\"many\"");
            // an operator corrects the quantity; the connector maps the kept row as the poll would have
            List<Claim> replayed = new ElevenstConnector().mapClaimsForReplay(account("3000"),
                    raw.replace("\"ordCnQty\":\"many\"", "\"ordCnQty\":\"2\""));
            assertThat(replayed).singleElement().satisfies(c -> {
                assertThat(c.claimId()).isEqualTo("8191741");
                assertThat(c.status()).isEqualTo(ClaimStatus.REQUESTED);
                assertThat(c.lines().get(0).quantity()).isEqualTo(2);
            });
        } finally {
            TestDatabases.drop("h2", schema);
        }
    }
}
