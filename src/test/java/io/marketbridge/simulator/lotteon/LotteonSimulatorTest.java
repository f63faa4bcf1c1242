package io.marketbridge.simulator.lotteon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.support.RuntimeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Lotte ON simulator on the wire: the key and IP checks with their bodies, the envelope, the one-day window
 * (2003), the step transitions (11 -> 12 -> 13 -> 14, 23 -> 26), IfComplete, rows refused inside a "0000" envelope,
 * faults, and the switches of the uncertain points.
 */
class LotteonSimulatorTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String SEARCH = "/v1/openapi/delivery/v1/SellerDeliveryOrdersSearch";
    static final String IF_COMPLETE = "/v1/openapi/delivery/v1/SellerIfCompleteInform";
    static final String INFORM = "/v1/openapi/delivery/v1/SellerDeliveryProgressStateInform";
    static final String STATE = "/v1/openapi/delivery/v1/SellerDeliveryProgressStateSearch";
    static SimulatorServer server;

    @BeforeAll
    static void start() {
        server = RuntimeHarness.lotteonSimulator(Map.of("T1", "sim-lotteon-key-0001", "T2", "sim-lotteon-key-0002",
                "T3", "sim-lotteon-key-0003", "T4", "sim-lotteon-key-0004"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void reset() {
        sim().faults().reset();
    }

    static LotteonSimulator sim() {
        return server.get(LotteonSimulator.class);
    }

    static HttpResponse<String> post(String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static String window(ZonedDateTime from, ZonedDateTime to, String step) {
        return "{\"srchStrtDt\":\"" + SECOND.format(from) + "\",\"srchEndDt\":\"" + SECOND.format(to) + "\""
                + (step == null ? "" : ",\"odPrgsStepCd\":\"" + step + "\"") + "}";
    }

    static ZonedDateTime now() {
        return ZonedDateTime.now(SEOUL);
    }

    static String row(String odNo, int odSeq, int procSeq, String extra) {
        return "{\"dvRtrvDvsCd\":\"DV\",\"odNo\":\"" + odNo + "\",\"odSeq\":\"" + odSeq + "\",\"procSeq\":\"" + procSeq + "\"" + extra + "}";
    }

    @Test
    void aBadKeyIs401AndAnUnregisteredIp403WithEnvelopesSayingSo() throws Exception {
        HttpResponse<String> r = post(SEARCH, "not-a-key", window(now().minusHours(1), now(), "11"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json(r).path("returnCode").asText()).isEqualTo("401");
        assertThat(json(r).path("message").asText()).contains("API Key");
        assertThat(post(SEARCH, null, window(now().minusHours(1), now(), "11")).statusCode()).isEqualTo(401);
        sim().faults().ipDenied = true;
        r = post(SEARCH, "sim-lotteon-key-0001", window(now().minusHours(1), now(), "11"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(json(r).path("message").asText()).contains("IP");
    }

    @Test
    void theKeyIsReadWhereTheSwitchSays() throws Exception {
        String query = "?Key=sim-lotteon-key-0001";
        HttpRequest byQuery = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/openapi/common/v1/identity" + query)).GET().build();
        assertThat(HTTP.send(byQuery, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        sim().faults().keyPlacement = "bearer";
        assertThat(HTTP.send(byQuery, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        sim().faults().keyPlacement = "query";
        assertThat(post(SEARCH, "sim-lotteon-key-0001", window(now().minusHours(1), now(), "11")).statusCode()).isEqualTo(401);
        HttpResponse<String> identity = HTTP.send(byQuery, HttpResponse.BodyHandlers.ofString());
        assertThat(json(identity).path("returnCode").asText()).isEqualTo("0000");
        assertThat(json(identity).path("data").path("trNo").asText()).isEqualTo("T1");
        assertThat(json(identity).path("data").has("trNm")).isTrue();
    }

    @Test
    void theSearchListsOneRowPerLineWithinAWindowOfAtMostOneDay() throws Exception {
        String odNo = sim().createOrder("T1", now().minusMinutes(10), 3);
        sim().createOrder("T1", now().minusDays(2), 1);
        JsonNode r = json(post(SEARCH, "sim-lotteon-key-0001", window(now().minusDays(1), now(), "11")));
        assertThat(r.path("returnCode").asText()).isEqualTo("0000");
        JsonNode rows = r.path("data").path("deliveryOrderList");
        assertThat(rows).hasSize(3);
        for (JsonNode row : rows) {
            assertThat(row.path("odNo").asText()).isEqualTo(odNo);
            assertThat(row.path("odPrgsStepCd").asText()).isEqualTo("11");
            assertThat(row.path("dvRtrvDvsCd").asText()).isEqualTo("DV");
            assertThat(row.path("procSeq").asText()).isEqualTo("1");
            assertThat(row.path("spdNo").asText()).startsWith("LO");
            assertThat(row.path("dvpCustNm").asText()).matches("[가-힣]{2,4}");
            assertThat(row.path("odCmptDttm").asText()).matches("[0-9]{14}");
        }
        assertThat(rows).extracting(n -> n.path("odSeq").asText()).containsExactly("1", "2", "3");
        // one second over a day: 2003
        JsonNode tooLong = json(post(SEARCH, "sim-lotteon-key-0001", window(now().minusDays(1).minusSeconds(1), now(), "11")));
        assertThat(tooLong.path("returnCode").asText()).isEqualTo("2003");
        assertThat(tooLong.path("message").asText()).contains("1일");
        // trNo is needed only with the switch
        sim().faults().requireTrNo = true;
        assertThat(json(post(SEARCH, "sim-lotteon-key-0001", window(now().minusHours(1), now(), "11"))).path("returnCode").asText())
                .isEqualTo("2001");
    }

    @Test
    void ifCompleteMarksTheLineAndOnlyWithTheSwitchMovesItToPreparing() throws Exception {
        String a = sim().createOrder("T2", now().minusMinutes(5), 1);
        String b = sim().createOrder("T2", now().minusMinutes(5), 1);
        JsonNode r = json(post(IF_COMPLETE, "sim-lotteon-key-0002", "{\"ifCompleteList\":[" + row(a, 1, 1, ",\"ifCplYN\":\"Y\"") + "]}"));
        assertThat(r.path("returnCode").asText()).isEqualTo("0000");
        assertThat(r.path("data").path("rsltCd").asText()).isEqualTo("0000");
        assertThat(sim().ifCompleteOf("T2", a, 1)).isEqualTo("Y");
        assertThat(sim().stepsOf("T2", a)).containsEntry("1-1", "11");
        sim().faults().ifCompleteMovesToPreparing = true;
        post(IF_COMPLETE, "sim-lotteon-key-0002", "{\"ifCompleteList\":[" + row(b, 1, 1, ",\"ifCplYN\":\"Y\"") + "]}");
        assertThat(sim().stepsOf("T2", b)).containsEntry("1-1", "12");
        // a cancelled line cannot be acknowledged, and after IfComplete the buyer can no longer cancel
        String c = sim().createOrder("T2", now().minusMinutes(5), 1);
        assertThat(sim().cancel("T2", c, 1)).isTrue();
        assertThat(sim().cancel("T2", a, 1)).isFalse();
        JsonNode refused = json(post(IF_COMPLETE, "sim-lotteon-key-0002", "{\"ifCompleteList\":[" + row(c, 1, 1, "") + "]}"));
        assertThat(refused.path("returnCode").asText()).isEqualTo("0000");
        assertThat(refused.path("data").path("ifCompleteList").get(0).path("resultCode").asText()).isEqualTo("3101");
    }

    @Test
    void stepsMoveElevenTwelveThirteenFourteenAndRefusedRowsHideInASuccessfulEnvelope() throws Exception {
        String odNo = sim().createOrder("T3", now().minusMinutes(5), 2);
        String ship = ",\"odPrgsStepCd\":\"13\",\"dvCoCd\":\"0002\",\"invcNo\":\"612345678901\",\"invcNbr\":\"1\"";
        // step 13 straight from 11 is allowed unless the switch wants 12 first
        sim().faults().requireStep12 = true;
        JsonNode r = json(post(INFORM, "sim-lotteon-key-0003", "{\"deliveryProgressStateList\":[" + row(odNo, 1, 1, ship) + "]}"));
        assertThat(r.path("returnCode").asText()).isEqualTo("0000");
        assertThat(r.path("data").path("rsltCd").asText()).isEqualTo("0000");
        assertThat(r.path("data").path("deliveryProgressStateList").get(0).path("resultCode").asText()).isEqualTo("3102");
        post(INFORM, "sim-lotteon-key-0003", "{\"deliveryProgressStateList\":[" + row(odNo, 1, 1, ",\"odPrgsStepCd\":\"12\"")
                + "," + row(odNo, 2, 1, ",\"odPrgsStepCd\":\"12\"") + "]}");
        r = json(post(INFORM, "sim-lotteon-key-0003", "{\"deliveryProgressStateList\":[" + row(odNo, 1, 1, ship)
                + "," + row(odNo, 2, 1, ship.replace("0002", "0099")) + "]}"));
        JsonNode results = r.path("data").path("deliveryProgressStateList");
        assertThat(results.get(0).path("resultCode").asText()).isEqualTo("0000");
        assertThat(results.get(1).path("resultCode").asText()).isEqualTo("3103");
        assertThat(sim().stepsOf("T3", odNo)).containsEntry("1-1", "13").containsEntry("2-1", "12");
        assertThat(sim().invoiceOf("T3", odNo, 1)).isEqualTo("0002/612345678901");
        // an invalid step code (3024), a wrong invoice number (3104)
        r = json(post(INFORM, "sim-lotteon-key-0003", "{\"deliveryProgressStateList\":[" + row(odNo, 2, 1, ",\"odPrgsStepCd\":\"99\"")
                + "," + row(odNo, 2, 1, ship.replace("612345678901", "12AB")) + "]}"));
        assertThat(r.path("data").path("deliveryProgressStateList").findValuesAsText("resultCode")).containsExactly("3024", "3104");
        post(INFORM, "sim-lotteon-key-0003", "{\"deliveryProgressStateList\":[" + row(odNo, 1, 1, ",\"odPrgsStepCd\":\"14\"") + "]}");
        assertThat(sim().stepsOf("T3", odNo)).containsEntry("1-1", "14");
        // without per-row results the whole call's rsltCd carries the first refusal
        sim().faults().rowResults = false;
        r = json(post(INFORM, "sim-lotteon-key-0003", "{\"deliveryProgressStateList\":[" + row(odNo, 1, 1, ship) + "]}"));
        assertThat(r.path("data").path("rsltCd").asText()).isEqualTo("3102");
        assertThat(r.path("data").has("deliveryProgressStateList")).isFalse();
        // the state search shows the order's rows with their step and invoice
        JsonNode state = json(post(STATE, "sim-lotteon-key-0003", "{\"odNo\":\"" + odNo + "\"}"));
        assertThat(state.path("data").path("deliveryProgressStateList")).hasSize(2);
        assertThat(state.path("data").path("deliveryProgressStateList").get(0).path("invcNo").asText()).isEqualTo("612345678901");
    }

    @Test
    void aReturnIsANewRowAtStepTwentyThreeThatTheSellerConfirmsWithTwentySix() throws Exception {
        String odNo = sim().createOrder("T4", now().minusMinutes(30), 1);
        sim().shipInSellerOffice("T4", odNo, 1, "0001", "1234567890");
        String clmNo = sim().requestReturn("T4", odNo, 1, 0);
        JsonNode rows = json(post(SEARCH, "sim-lotteon-key-0004", window(now().minusHours(1), now(), "23"))).path("data").path("deliveryOrderList");
        assertThat(rows).hasSize(1);
        JsonNode r = rows.get(0);
        assertThat(r.path("dvRtrvDvsCd").asText()).isEqualTo("RTRV");
        assertThat(r.path("procSeq").asText()).isEqualTo("2");
        assertThat(r.path("orglProcSeq").asText()).isEqualTo("1");
        assertThat(r.path("clmNo").asText()).isEqualTo(clmNo);
        assertThat(sim().pickUp("T4", clmNo)).isEqualTo("24");
        JsonNode done = json(post(INFORM, "sim-lotteon-key-0004", "{\"deliveryProgressStateList\":[{\"dvRtrvDvsCd\":\"RTRV\",\"odNo\":\""
                + odNo + "\",\"odSeq\":\"1\",\"procSeq\":\"2\",\"orglProcSeq\":\"1\",\"clmNo\":\"" + clmNo + "\",\"odPrgsStepCd\":\"26\"}]}"));
        assertThat(done.path("data").path("deliveryProgressStateList").get(0).path("resultCode").asText()).isEqualTo("0000");
        assertThat(sim().stepsOf("T4", odNo)).containsEntry("1-2", "26").containsEntry("1-1", "13");
    }

    @Test
    void faultsAndTheRateLimitAnswerAsAGatewayWould() throws Exception {
        sim().faults().failNext(500, 1);
        sim().faults().failNext(429, 1);
        String body = window(now().minusHours(1), now(), "11");
        assertThat(post(SEARCH, "sim-lotteon-key-0001", body).statusCode()).isEqualTo(500);
        HttpResponse<String> limited = post(SEARCH, "sim-lotteon-key-0001", body);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("1");
        sim().faults().malformedNext(1);
        HttpResponse<String> cut = post(SEARCH, "sim-lotteon-key-0001", body);
        assertThat(cut.statusCode()).isEqualTo(200);
        assertThat(cut.body()).doesNotEndWith("}");
        sim().setRateLimitPerSecond(1);
        try {
            int status = 200;
            for (int i = 0; i < 5 && status == 200; i++) {
                status = post(SEARCH, "sim-lotteon-key-0001", body).statusCode();
            }
            assertThat(status).isEqualTo(429);
        } finally {
            sim().setRateLimitPerSecond(1000);
        }
        // the older path spellings only with the switch
        assertThat(post("/v1/openapi/delivery/v1/SellerDeliveryOrderSearch", "sim-lotteon-key-0001", body).statusCode()).isEqualTo(404);
        sim().faults().legacyPaths = true;
        assertThat(post("/v1/openapi/delivery/v1/SellerDeliveryOrderSearch", "sim-lotteon-key-0001", body).statusCode()).isEqualTo(200);
        // the control endpoint's stats
        HttpResponse<String> stats = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_simulator/lotteon/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json(stats).path("searchCalls").asLong()).isPositive();
        assertThat(json(stats).has("peakCallsPerSecondPerTrader")).isTrue();
    }

    /** Units taken from every sitmNo, as stats show them (each starts at 100). */
    static long taken() throws Exception {
        HttpResponse<String> stats = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_simulator/lotteon/stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        long taken = 0;
        for (JsonNode qty : json(stats).path("stockBySitmNo")) {
            taken += 100 - qty.asLong();
        }
        return taken;
    }

    @Test
    void statsShowEachSitmNosStockLessWhatOrdersTook() throws Exception {
        long before = taken();
        sim().createOrder("T1", now().minusMinutes(1), 2);
        long after = taken();
        // two lines of 1 to 3 units each; Lotte ON has no stock call to set it (docs/lotteon.md "Stock")
        assertThat(after - before).isBetween(2L, 6L);
        assertThat(sim().stockOf("no-such-sitm")).isNull();
    }
}
