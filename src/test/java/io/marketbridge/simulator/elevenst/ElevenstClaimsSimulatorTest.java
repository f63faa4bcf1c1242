package io.marketbridge.simulator.elevenst;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.support.RuntimeHarness;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 11st claims on the wire (11st.md 1.3-1.6): the claimservice lists with their 30-day windows and codes, the
 * seller's approvals, the cancel refusal that ships, the refusal of a sale, withdrawals, and shipping refused for a
 * line with a cancel. Requests are built by hand; expected values are the documented ones.
 */
class ElevenstClaimsSimulatorTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    static final Charset MS949 = Charset.forName("x-windows-949");
    static final String KEY = "claims-11st-key";
    static final AtomicLong INVOICES = new AtomicLong(612_000_000_000L);
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static SimulatorServer server;

    @BeforeAll
    static void start() {
        server = RuntimeHarness.simulator(Map.of(), Map.of(), Map.of("C1", KEY));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void reset() {
        sim().faults().reset();
        sim().claimSwitches().cancelRate = 0;
        sim().claimSwitches().returnRate = 0;
        sim().claimSwitches().exchangeRate = 0;
    }

    static ElevenstSimulator sim() {
        return server.get(ElevenstSimulator.class);
    }

    static ElevenstAnswer get(String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("openapikey", KEY).GET().build();
        return ElevenstAnswer.parse(HTTP.send(r, HttpResponse.BodyHandlers.ofByteArray()).body(), MS949);
    }

    /** A control call; its JSON answer as text. */
    static HttpResponse<String> control(String action) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_simulator/elevenst/" + action))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    static String claimNo(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body().replaceAll(".*\"claimNo\":\"([0-9]+)\".*", "$1");
    }

    /** The last hour up to the next minute, yyyyMMddHHmm/yyyyMMddHHmm. */
    static String window() {
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        return MINUTE.format(now.minusHours(1)) + "/" + MINUTE.format(now.plusMinutes(1));
    }

    static List<Map<String, String>> list(String name) throws Exception {
        ElevenstAnswer a = get("/rest/claimservice/" + name + "/" + window());
        assertThat(a.code()).isZero();
        return a.rows();
    }

    static Map<String, String> row(String name, String field, String value) throws Exception {
        return list(name).stream().filter(r -> value.equals(r.get(field))).findFirst().orElse(null);
    }

    /** A one-line paid order of C1; its line is 1, its bundle the lookup's dlvNo. */
    static String order() {
        return sim().createOrder("C1", ZonedDateTime.now(SEOUL).minusMinutes(10), 1, 1);
    }

    static String dlvNo(String ordNo) throws Exception {
        return get("/rest/claimservice/orderlistall/" + ordNo).rows().get(0).get("dlvNo");
    }

    static void confirm(String ordNo) throws Exception {
        assertThat(get("/rest/ordservices/reqpackaging/" + ordNo + "/1/N/null/" + dlvNo(ordNo)).code()).isZero();
    }

    static int ship(String ordNo) throws Exception {
        return get("/rest/ordservices/reqdelivery/" + MINUTE.format(ZonedDateTime.now(SEOUL)) + "/01/00034/"
                + INVOICES.incrementAndGet() + "/" + dlvNo(ordNo)).code();
    }

    static String status(String ordNo) {
        return sim().statusOf("C1", ordNo).get("1");
    }

    @Test
    void claimListsTakeAtMostThirtyDaysAndAnswerTheirCodes() throws Exception {
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        for (String name : List.of("cancelorders", "canceledorders", "withdrawcanceledorders", "returnorders",
                "returnedorders", "retractretorders", "exchangeorders", "exchangedorders", "retractexcorders")) {
            ElevenstAnswer ok = get("/rest/claimservice/" + name + "/" + MINUTE.format(now.minusDays(30)) + "/" + MINUTE.format(now));
            assertThat(ok.root()).as(name).isEqualTo("orders");
            assertThat(ok.code()).as(name).isZero();
            assertThat(get("/rest/claimservice/" + name + "/" + MINUTE.format(now.minusDays(30).minusMinutes(1)) + "/"
                    + MINUTE.format(now)).code()).as(name).isEqualTo(-28008);
        }
        ElevenstAnswer empty = get("/rest/claimservice/cancelorders/" + MINUTE.format(now.minusYears(3)) + "/"
                + MINUTE.format(now.minusYears(3).plusDays(1)));
        assertThat(empty.code()).isZero();
        assertThat(empty.resultText()).isEqualTo("조회된 결과가 없습니다.");
        assertThat(empty.rows()).isEmpty();
        int badStart = get("/rest/claimservice/cancelorders/2026-11-01/" + MINUTE.format(now)).code();
        int badEnd = get("/rest/claimservice/cancelorders/" + MINUTE.format(now) + "/" + MINUTE.format(now.minusHours(1))).code();
        assertThat(List.of(badStart, badEnd)).allSatisfy(c -> assertThat(c).isBetween(-28008, -28001));
        HttpRequest unknownKey = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/rest/claimservice/cancelorders/" + window()))
                .header("openapikey", "nobody").GET().build();
        assertThat(ElevenstAnswer.parse(HTTP.send(unknownKey, HttpResponse.BodyHandlers.ofByteArray()).body(), MS949).code())
                .isEqualTo(-1);
    }

    @Test
    void aBuyerCancelIsListedRefusesShippingAndOnApprovalIsCancelled() throws Exception {
        String ordNo = order();
        confirm(ordNo);
        String cn = claimNo(control("claims/cancel?sellerId=C1&ordNo=" + ordNo + "&ordPrdSeq=1"));
        assertThat(status(ordNo)).isEqualTo("701");
        Map<String, String> requested = row("cancelorders", "ordPrdCnSeq", cn);
        assertThat(requested).containsEntry("ordNo", ordNo).containsEntry("ordPrdSeq", "1").containsEntry("ordCnStatCd", "01")
                .containsEntry("ordCnMnbdCd", "01").containsKeys("createDt", "dlvNo", "ordCnQty", "ordCnRsnCd", "ordCnDtlsRsn",
                        "prdNo", "slctPrdOptNm", "referSeq");
        assertThat(ship(ordNo)).isEqualTo(-3310);
        assertThat(get("/rest/claimservice/cancelreqconf/" + cn + "/" + ordNo + "/2").code()).isNotZero();
        assertThat(get("/rest/claimservice/cancelreqconf/" + cn + "/" + ordNo + "/1").code()).isZero();
        assertThat(status(ordNo)).isEqualTo("B01");
        assertThat(row("cancelorders", "ordPrdCnSeq", cn)).isNull();
        assertThat(row("canceledorders", "ordPrdCnSeq", cn)).containsEntry("ordCnStatCd", "02");
        assertThat(get("/rest/claimservice/cancelreqconf/" + cn + "/" + ordNo + "/1").code()).isNotZero();
        assertThat(ship(ordNo)).isEqualTo(-3310);
        assertThat(get("/rest/ordservices/reqpackaging/" + ordNo + "/1/N/null/" + dlvNo(ordNo)).code()).isEqualTo(-3211);
    }

    @Test
    void refusingACancelShipsTheLineWithAnEightDigitSendDate() throws Exception {
        String ordNo = order();
        confirm(ordNo);
        String cn = sim().requestCancel("C1", ordNo, "1", 0);
        String today = DAY.format(ZonedDateTime.now(SEOUL));
        String minute = MINUTE.format(ZonedDateTime.now(SEOUL));
        String invoice = String.valueOf(INVOICES.incrementAndGet());
        String base = "/rest/claimservice/cancelreqreject/" + ordNo + "/1/" + cn + "/01/";
        assertThat(get(base + minute + "/00034/" + invoice).code()).isEqualTo(-3301);
        assertThat(get(base + today + "/99999/" + invoice).code()).isEqualTo(-3307);
        assertThat(get("/rest/claimservice/cancelreqreject/" + ordNo + "/1/999/01/" + today + "/00034/" + invoice).code()).isNotZero();
        assertThat(status(ordNo)).isEqualTo("701");
        ElevenstAnswer shipped = get(base + today + "/00034/" + invoice);
        assertThat(shipped.root()).isEqualTo("ResultOrder");
        assertThat(shipped.code()).isZero();
        assertThat(status(ordNo)).isEqualTo("401");
        assertThat(sim().invoiceOf("C1", ordNo, "1")).isEqualTo(invoice);
        assertThat(row("cancelorders", "ordPrdCnSeq", cn)).isNull();
        assertThat(get(base + today + "/00034/" + invoice).code()).isNotZero();
        // the switch for the other reported form
        String other = order();
        confirm(other);
        String cn2 = sim().requestCancel("C1", other, "1", 0);
        sim().faults().cancelRejectSendDt = "yyyyMMddHHmm";
        assertThat(get("/rest/claimservice/cancelreqreject/" + other + "/1/" + cn2 + "/01/" + minute + "/00034/"
                + INVOICES.incrementAndGet()).code()).isZero();
    }

    @Test
    void aWithdrawnCancelIsListedAndGivesTheLineBack() throws Exception {
        String ordNo = order();
        confirm(ordNo);
        String cn = claimNo(control("claims/cancel?sellerId=C1&ordNo=" + ordNo));
        assertThat(control("claims/withdraw?sellerId=C1&claimNo=" + cn).statusCode()).isEqualTo(200);
        assertThat(status(ordNo)).isEqualTo("301");
        assertThat(row("cancelorders", "ordPrdCnSeq", cn)).isNull();
        assertThat(row("withdrawcanceledorders", "ordPrdCnSeq", cn)).containsEntry("ordNo", ordNo);
        assertThat(get("/rest/claimservice/cancelreqconf/" + cn + "/" + ordNo + "/1").code()).isNotZero();
        assertThat(control("claims/withdraw?sellerId=C1&claimNo=" + cn).statusCode()).isEqualTo(400);
        assertThat(ship(ordNo)).isZero();
        assertThat(control("claims/cancel?sellerId=C1&ordNo=" + ordNo).statusCode()).isEqualTo(400); // shipped: return instead
    }

    @Test
    void aPartialCancelLeavesTheLineWithItsOtherPieces() throws Exception {
        String ordNo = null;
        for (int i = 0; i < 200 && ordNo == null; i++) {
            String candidate = order();
            if (Integer.parseInt(get("/rest/claimservice/orderlistall/" + candidate).rows().get(0).get("ordQty")) >= 2) {
                ordNo = candidate;
            }
        }
        assertThat(ordNo).as("an order of two or more pieces").isNotNull();
        confirm(ordNo);
        String cn = sim().requestCancel("C1", ordNo, "1", 1);
        assertThat(row("cancelorders", "ordPrdCnSeq", cn)).containsEntry("ordCnQty", "1");
        assertThat(get("/rest/claimservice/cancelreqconf/" + cn + "/" + ordNo + "/1").code()).isZero();
        assertThat(status(ordNo)).isEqualTo("301");
        assertThat(ship(ordNo)).isZero();
    }

    @Test
    void theSellerRefusesASaleWithAReasonCode() throws Exception {
        String ordNo = order();
        String reason = URLEncoder.encode("재고 소진", StandardCharsets.UTF_8).replace("+", "%20");
        assertThat(get("/rest/claimservice/reqrejectorder/" + ordNo + "/1/55/" + reason).code()).isBetween(-21005, -21001);
        assertThat(get("/rest/claimservice/reqrejectorder/999999999999999/1/08/" + reason).code()).isBetween(-21005, -21001);
        assertThat(get("/rest/claimservice/reqrejectorder/" + ordNo + "/1/08/" + reason).code()).isZero();
        assertThat(status(ordNo)).isEqualTo("B01");
        Map<String, String> cancelled = row("canceledorders", "ordNo", ordNo);
        assertThat(cancelled).containsEntry("ordCnMnbdCd", "02").containsEntry("ordCnRsnCd", "08")
                .containsEntry("ordCnDtlsRsn", "재고 소진").containsEntry("ordCnStatCd", "02");
        assertThat(get("/rest/claimservice/reqrejectorder/" + ordNo + "/1/08/" + reason).code()).isBetween(-21005, -21001);
        String shipped = order();
        confirm(shipped);
        assertThat(ship(shipped)).isZero();
        assertThat(get("/rest/claimservice/reqrejectorder/" + shipped + "/1/06/" + reason).code()).isBetween(-21005, -21001);
        assertThat(status(shipped)).isEqualTo("401");
    }

    @Test
    void returnsAreListedApprovedAndWithdrawn() throws Exception {
        String ordNo = order();
        assertThat(control("claims/return?sellerId=C1&ordNo=" + ordNo).statusCode()).isEqualTo(400); // not shipped yet
        confirm(ordNo);
        assertThat(ship(ordNo)).isZero();
        String seq = claimNo(control("claims/return?sellerId=C1&ordNo=" + ordNo + "&ordPrdSeq=1"));
        assertThat(status(ordNo)).isEqualTo("601");
        assertThat(row("returnorders", "clmReqSeq", seq)).containsEntry("clmStat", "105").containsEntry("ordNo", ordNo)
                .containsKeys("clmReqQty", "reqDt", "trtEndDt");
        assertThat(get("/rest/claimservice/returnreqconf/12345/" + ordNo + "/1").code()).isNotZero();
        assertThat(get("/rest/claimservice/returnreqconf/" + seq + "/" + ordNo + "/1").code()).isZero();
        assertThat(row("returnorders", "clmReqSeq", seq)).isNull();
        assertThat(row("returnedorders", "clmReqSeq", seq)).containsEntry("clmStat", "106");
        assertThat(get("/rest/claimservice/returnreqconf/" + seq + "/" + ordNo + "/1").code()).isNotZero();

        String other = order();
        confirm(other);
        assertThat(ship(other)).isZero();
        String withdrawn = sim().requestReturn("C1", other, "1", 0);
        sim().withdrawClaim("C1", withdrawn);
        assertThat(status(other)).isEqualTo("401");
        assertThat(row("retractretorders", "clmReqSeq", withdrawn)).containsEntry("clmStat", "108");
        assertThat(get("/rest/claimservice/returnreqconf/" + withdrawn + "/" + other + "/1").code()).isNotZero();
    }

    @Test
    void exchangesAreApprovedWithTheNewParcel() throws Exception {
        String ordNo = order();
        confirm(ordNo);
        assertThat(ship(ordNo)).isZero();
        String seq = claimNo(control("claims/exchange?sellerId=C1&ordNo=" + ordNo));
        assertThat(row("exchangeorders", "clmReqSeq", seq)).containsEntry("clmStat", "201");
        String base = "/rest/claimservice/exchangereqconf/" + seq + "/" + ordNo + "/1/";
        assertThat(get(base + "99999/" + INVOICES.incrementAndGet()).code()).isEqualTo(-3307);
        assertThat(get(base + "00034/" + INVOICES.incrementAndGet()).code()).isZero();
        assertThat(row("exchangedorders", "clmReqSeq", seq)).containsEntry("clmStat", "221");
        String other = order();
        confirm(other);
        assertThat(ship(other)).isZero();
        String withdrawn = sim().requestExchange("C1", other, "1", 0);
        sim().withdrawClaim("C1", withdrawn);
        assertThat(row("retractexcorders", "clmReqSeq", withdrawn)).containsEntry("clmStat", "233");
    }

    @Test
    void buyersCancelOnTheirOwnAtTheConfiguredRate() throws Exception {
        String ordNo = order();
        assertThat(control("claims?cancelRate=1&cancelDelay=PT1M&partialRate=0&withdrawRate=0").statusCode()).isEqualTo(200);
        sim().tickClaims(ZonedDateTime.now(SEOUL));
        assertThat(status(ordNo)).isEqualTo("701");
        assertThat(row("cancelorders", "ordNo", ordNo)).containsEntry("ordCnMnbdCd", "01");
        // decided once: the line's next ticks do not claim again, and an unrolled withdrawal waits for its delay
        sim().claimSwitches().withdrawRate = 1;
        sim().claimSwitches().withdrawDelay = Duration.ofHours(1);
        sim().tickClaims(ZonedDateTime.now(SEOUL));
        assertThat(list("cancelorders").stream().filter(r -> ordNo.equals(r.get("ordNo")))).hasSize(1);
        sim().tickClaims(ZonedDateTime.now(SEOUL).plusHours(2));
        assertThat(status(ordNo)).isEqualTo("202");
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        assertThat(get("/rest/claimservice/withdrawcanceledorders/" + MINUTE.format(now) + "/" + MINUTE.format(now.plusHours(3)))
                .rows()).anySatisfy(r -> assertThat(r).containsEntry("ordNo", ordNo));
        sim().claimSwitches().withdrawRate = 0.1;
        sim().claimSwitches().withdrawDelay = Duration.ofMinutes(30);
    }
}
