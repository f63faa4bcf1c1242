package io.marketbridge.simulator.elevenst;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.support.RuntimeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 11st simulator on the wire: paths, the openapikey check, XML shape and charset, limits, state moves, codes. */
class ElevenstSimulatorTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    static final Charset MS949 = Charset.forName("x-windows-949");
    static SimulatorServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = RuntimeHarness.simulator(Map.of(), Map.of(), Map.of("S1", "sim-11st-key-0001", "S2", "sim-11st-key-0002",
                "S3", "sim-11st-key-0003"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void reset() {
        sim().faults().reset();
    }

    static ElevenstSimulator sim() {
        return server.get(ElevenstSimulator.class);
    }

    static HttpResponse<byte[]> get(String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).GET();
        if (key != null) {
            b.header("openapikey", key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static ElevenstAnswer xml(HttpResponse<byte[]> r) throws Exception {
        return ElevenstAnswer.parse(r.body(), MS949);
    }

    static String window(int hoursBack) {
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        return MINUTE.format(now.minusHours(hoursBack)) + "/" + MINUTE.format(now);
    }

    @Test
    void anUnknownKeyIsResultCodeMinusOneAndAnUnregisteredIpAnAuthMessage() throws Exception {
        HttpResponse<byte[]> r = get("/rest/ordservices/complete/" + window(1), "not-a-key");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(xml(r).code()).isEqualTo(-1);
        assertThat(xml(r).resultText()).contains("OpenAPI Key");
        assertThat(xml(get("/rest/ordservices/complete/" + window(1), null)).code()).isEqualTo(-1);
        sim().faults().ipDenied = true;
        r = get("/rest/ordservices/complete/" + window(1), "sim-11st-key-0001");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(xml(r).root()).isEqualTo("AuthMessage");
        assertThat(xml(r).code()).isEqualTo(-500);
    }

    @Test
    void listsAreEucKrDeclaredMs949BytesWithThePrefixedWrapperAndNoDataIsCodeZero() throws Exception {
        HttpResponse<byte[]> empty = get("/rest/ordservices/complete/" + window(1), "sim-11st-key-0002");
        assertThat(new String(empty.body(), MS949)).contains("<ns2:orders xmlns:ns2=").contains("<ns2:result_code>0</ns2:result_code>")
                .contains("조회된 결과가 없습니다.");
        sim().faults().rareNameRate = 1.0;
        String ordNo = sim().createOrder("S2", ZonedDateTime.now(SEOUL).minusMinutes(5), 1, 1);
        HttpResponse<byte[]> r = get("/rest/ordservices/complete/" + window(1), "sim-11st-key-0002");
        assertThat(r.headers().firstValue("Content-Type").orElse("")).containsIgnoringCase("EUC-KR");
        String text = new String(r.body(), MS949);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"euc-kr\" standalone=\"yes\"?>")
                .contains("<ns2:order><addPrdNo>").contains("<ordNo>" + ordNo + "</ordNo>").contains("<ordTlphnNo>null</ordTlphnNo>");
        ElevenstAnswer a = xml(r);
        assertThat(a.rows()).hasSize(1); // a single order: one ns2:order element
        String name = a.rows().get(0).get("ordNm");
        assertThat(name).containsPattern("[똠햏뷁똘쏠]");
        assertThat(Charset.forName("EUC-KR").newEncoder().canEncode(name)).isFalse();
        // the UTF-8 switch
        sim().faults().charset = "UTF-8";
        r = get("/rest/ordservices/complete/" + window(1), "sim-11st-key-0002");
        assertThat(ElevenstAnswer.parse(r.body(), StandardCharsets.UTF_8).rows().get(0).get("ordNm")).isEqualTo(name);
    }

    @Test
    void windowsOverSevenDaysAndBadBoundsAreRefusedWithTheirCodes() throws Exception {
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        String key = "sim-11st-key-0001";
        assertThat(xml(get("/rest/ordservices/complete/" + MINUTE.format(now.minusDays(7)) + "/" + MINUTE.format(now), key)).code())
                .isZero();
        assertThat(xml(get("/rest/ordservices/complete/" + MINUTE.format(now.minusDays(7).minusMinutes(1)) + "/"
                + MINUTE.format(now), key)).code()).isEqualTo(-3105);
        assertThat(xml(get("/rest/ordservices/complete/2026-11-01/" + MINUTE.format(now), key)).code()).isEqualTo(-3103);
        assertThat(xml(get("/rest/ordservices/complete/" + MINUTE.format(now) + "/" + MINUTE.format(now.minusHours(1)), key)).code())
                .isEqualTo(-3104);
        assertThat(xml(get("/rest/ordservices/packaging/" + MINUTE.format(now.minusDays(8)) + "/" + MINUTE.format(now), key)).code())
                .isEqualTo(-3305);
        assertThat(get("/rest/ordservices/nothing/here", key).statusCode()).isEqualTo(404);
    }

    @Test
    void thePackagingListCarriesStatusAndPlannedSettlementAndEveryAnswerAnUnannouncedField() throws Exception {
        String key = "sim-11st-key-0001";
        String ordNo = sim().createOrder("S1", ZonedDateTime.now(SEOUL).minusMinutes(4), 1, 1);
        String dlvNo = sim().bundlesOf("S1", ordNo).get(0);
        java.util.Map<String, String> paid = xml(get("/rest/ordservices/complete/" + window(1), key)).rows().stream()
                .filter(r -> r.get("ordNo").equals(ordNo)).findFirst().orElseThrow();
        assertThat(paid).containsKey(ElevenstSimulator.UNKNOWN_FIELD).doesNotContainKey("stlPlnAmt");
        HttpResponse<byte[]> confirmed = get("/rest/ordservices/reqpackaging/" + ordNo + "/1/N/null/" + dlvNo, key);
        assertThat(xml(confirmed).code()).isZero();
        assertThat(new String(confirmed.body(), MS949)).contains("<" + ElevenstSimulator.UNKNOWN_FIELD + ">");
        java.util.Map<String, String> row = xml(get("/rest/ordservices/packaging/" + window(1), key)).rows().stream()
                .filter(r -> r.get("ordNo").equals(ordNo)).findFirst().orElseThrow();
        assertThat(row.get("ordPrdStat")).isEqualTo("301");
        long planned = Long.parseLong(row.get("stlPlnAmt"));
        assertThat(planned).isPositive().isLessThan(Long.parseLong(row.get("ordPayAmt")));
        assertThat(row).containsKey(ElevenstSimulator.UNKNOWN_FIELD);
    }

    @Test
    void confirmMovesALineTo301AndShippingMovesTheWholeBundleTo401() throws Exception {
        String key = "sim-11st-key-0003";
        String ordNo = sim().createOrder("S3", ZonedDateTime.now(SEOUL).minusMinutes(3), 3, 1);
        String dlvNo = sim().bundlesOf("S3", ordNo).get(0);
        List<java.util.Map<String, String>> rows = xml(get("/rest/ordservices/complete/" + ordNo, key)).rows();
        assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r.get("dlvNo")).isEqualTo(dlvNo));
        // shipping before confirming is refused
        assertThat(xml(get("/rest/ordservices/reqdelivery/" + MINUTE.format(ZonedDateTime.now(SEOUL)) + "/01/00034/612345678901/"
                + dlvNo, key)).code()).isEqualTo(-3313);
        for (java.util.Map<String, String> row : rows) {
            String path = "/rest/ordservices/reqpackaging/" + ordNo + "/" + row.get("ordPrdSeq") + "/" + row.get("addPrdYn") + "/"
                    + ("Y".equals(row.get("addPrdYn")) ? row.get("addPrdNo") : "null") + "/" + dlvNo;
            ElevenstAnswer a = xml(get(path, key));
            assertThat(a.root()).isEqualTo("ResultOrder");
            assertThat(a.code()).isZero();
            assertThat(xml(get(path, key)).code()).isEqualTo(-3206); // again: already confirmed
        }
        assertThat(sim().statusOf("S3", ordNo).values()).containsOnly("301");
        String now = MINUTE.format(ZonedDateTime.now(SEOUL));
        assertThat(xml(get("/rest/ordservices/reqdelivery/" + now + "/01/99999/612345678901/" + dlvNo, key)).code()).isEqualTo(-3307);
        assertThat(xml(get("/rest/ordservices/reqdelivery/" + now + "/01/00034/12345/" + dlvNo, key)).code()).isEqualTo(-3306);
        assertThat(xml(get("/rest/ordservices/reqdelivery/2026/01/00034/612345678901/" + dlvNo, key)).code()).isEqualTo(-3301);
        ElevenstAnswer shipped = xml(get("/rest/ordservices/reqdelivery/" + now + "/01/00034/612345678901/" + dlvNo, key));
        assertThat(shipped.code()).isZero();
        assertThat(shipped.resultText()).contains("전체 3건");
        assertThat(sim().statusOf("S3", ordNo).values()).containsOnly("401");
        assertThat(xml(get("/rest/ordservices/reqdelivery/" + now + "/01/00034/612345678901/" + dlvNo, key)).code()).isEqualTo(-3308);
        // the same number on another bundle
        String other = sim().createOrder("S3", ZonedDateTime.now(SEOUL).minusMinutes(3), 1, 1);
        String otherBundle = sim().bundlesOf("S3", other).get(0);
        get("/rest/ordservices/reqpackaging/" + other + "/1/N/null/" + otherBundle, key);
        assertThat(xml(get("/rest/ordservices/reqdelivery/" + now + "/01/00034/612345678901/" + otherBundle, key)).code())
                .isEqualTo(-3320);
        // orderlistall shows status, courier and number
        ElevenstAnswer all = xml(get("/rest/claimservice/orderlistall/" + ordNo, key));
        assertThat(all.rows()).allSatisfy(r -> {
            assertThat(r.get("ordPrdStat")).isEqualTo("401");
            assertThat(r.get("invcNo")).isEqualTo("612345678901");
            assertThat(r.get("dlvEtprsCd")).isEqualTo("00034");
        });
        assertThat(sim().deliveriesOf("S3", ordNo, "1")).isEqualTo(1);
    }

    @Test
    void cancelledLinesAndSwitchesAnswerWithTheirCodes() throws Exception {
        String key = "sim-11st-key-0001";
        String ordNo = sim().createOrder("S1", ZonedDateTime.now(SEOUL).minusMinutes(3), 1, 1);
        String dlvNo = sim().bundlesOf("S1", ordNo).get(0);
        sim().cancel("S1", ordNo, "1", false);
        assertThat(xml(get("/rest/ordservices/reqpackaging/" + ordNo + "/1/N/null/" + dlvNo, key)).code()).isEqualTo(-3214);
        sim().cancel("S1", ordNo, "1", true);
        assertThat(xml(get("/rest/ordservices/reqpackaging/" + ordNo + "/1/N/null/" + dlvNo, key)).code()).isEqualTo(-3211);
        sim().faults().maintenance = true;
        assertThat(xml(get("/rest/ordservices/complete/" + window(1), key)).code()).isEqualTo(-1000);
        sim().faults().maintenance = false;
        sim().faults().resultRoot = "result";
        assertThat(xml(get("/rest/ordservices/reqpackaging/" + ordNo + "/1/N/null/" + dlvNo, key)).root()).isEqualTo("result");
        sim().faults().failNext(500, 1);
        assertThat(get("/rest/ordservices/complete/" + window(1), key).statusCode()).isEqualTo(500);
        sim().setRateLimitPerSecond(1);
        try {
            get("/rest/ordservices/complete/" + window(1), key);
            assertThat(get("/rest/ordservices/complete/" + window(1), key).statusCode()).isEqualTo(429);
        } finally {
            sim().setRateLimitPerSecond(1000);
        }
        sim().createOrder("S1", ZonedDateTime.now(SEOUL).minusMinutes(3), 1, 1);
        sim().faults().xxeFile = "/etc/hostname";
        assertThat(new String(get("/rest/ordservices/complete/" + window(1), key).body(), MS949))
                .contains("<!DOCTYPE").contains("SYSTEM \"file:///etc/hostname\"").contains("&xxe;");
    }

    @Test
    void theRowCapCutsAnswersWithoutPaging() throws Exception {
        SimulatorServer capped = new SimulatorServer(io.marketbridge.simulator.SimulatorSettings.from(k -> switch (k) {
            case "marketbridge.simulators.port" -> "0";
            case "marketbridge.simulators.elevenst.sellers" -> "C1";
            case "marketbridge.simulators.elevenst.seller.C1.api-key" -> "sim-11st-key-cap1";
            case "marketbridge.simulators.elevenst.seed-orders" -> "12";
            case "marketbridge.simulators.elevenst.arrival-per-minute" -> "0";
            case "marketbridge.simulators.elevenst.max-rows" -> "5";
            case "marketbridge.simulators.elevenst.rate-limit-per-second" -> "1000";
            default -> null;
        })).start();
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(capped.baseUrl() + "/rest/ordservices/complete/"
                    + window(7))).header("openapikey", "sim-11st-key-cap1").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(xml(r).rows()).hasSize(5);
        } finally {
            capped.close();
        }
    }
}
