package io.marketbridge.simulator.qoo10;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.SimulatorSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Qoo10 simulator against qoo10.md: both call styles, the SAK and its expiry, ResultCodes in HTTP 200, the order list and the calls that move an order. */
class Qoo10SimulatorTest {

    static final String SELLER = "tokyoshop";
    static final String API_KEY = "qoo10-test-api-key-0001";
    static final String PASSWORD = "qsm-password-1";
    static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    static SimulatorServer server;
    static Qoo10Simulator sim;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        Properties p = new Properties();
        p.setProperty("marketbridge.simulators.port", "0");
        p.setProperty("marketbridge.simulators.qoo10.sellers", SELLER + ",osakashop");
        p.setProperty("marketbridge.simulators.qoo10.seller." + SELLER + ".api-key", API_KEY);
        p.setProperty("marketbridge.simulators.qoo10.seller." + SELLER + ".password", PASSWORD);
        p.setProperty("marketbridge.simulators.qoo10.seller.osakashop.api-key", "qoo10-test-api-key-0002");
        p.setProperty("marketbridge.simulators.qoo10.seller.osakashop.password", "other");
        server = new SimulatorServer(SimulatorSettings.from(p::getProperty)).start();
        sim = server.get(Qoo10Simulator.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode header(String method, String key, Map<String, String> params) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + Qoo10Simulator.SERVICE + "/" + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("GiosisCertificationKey", key).header("QAPIVersion", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static JsonNode legacy(String method, String key, Map<String, String> params) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(params);
        all.put("v", "1.0");
        all.put("returnType", "json");
        all.put("method", method);
        all.put("key", key);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + Qoo10Simulator.SERVICE))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(all))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static String sak() throws Exception {
        JsonNode answer = header("CertificationAPI.CreateCertificationKey", API_KEY, Map.of("user_id", SELLER, "pwd", PASSWORD));
        assertThat(answer.path("ResultCode").asInt()).isZero();
        return answer.path("ResultObject").asText();
    }

    static Map<String, String> window(ZonedDateTime from, ZonedDateTime to) {
        return Map.of("ShippingStat", "2", "search_condition", "2", "search_Sdate", SECOND.format(from),
                "search_Edate", SECOND.format(to));
    }

    static ZonedDateTime now() {
        return ZonedDateTime.now(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void theSakComesFromTheApiKeyAndTheQsmLoginInEitherStyle() throws Exception {
        String sak = sak();
        assertThat(sak).isNotEqualTo(API_KEY).hasSizeGreaterThan(20);
        JsonNode legacy = legacy("CertificationAPI.CreateCertificationKey", API_KEY, Map.of("userId", SELLER, "pwd", PASSWORD));
        assertThat(legacy.path("ResultCode").asInt()).isZero();
        assertThat(header("CertificationAPI.CreateCertificationKey", API_KEY, Map.of("user_id", SELLER, "pwd", "wrong"))
                .path("ResultCode").asInt()).isEqualTo(-10001);
        JsonNode unknown = header("CertificationAPI.CreateCertificationKey", "no-such-key", Map.of("user_id", SELLER, "pwd", PASSWORD));
        assertThat(unknown.path("ErrorCode").asInt()).isEqualTo(-90001);
        assertThat(unknown.has("ResultCode")).isFalse();
        // the API key itself opens nothing else
        assertThat(header("ShippingBasic.GetShippingInfo_v2", API_KEY, window(now().minusDays(1), now()))
                .path("ResultCode").asInt()).isEqualTo(-90002);
        // method names are case-insensitive
        assertThat(header("shippingbasic.getshippinginfo_V2", sak, window(now().minusDays(1), now())).path("ResultCode").asInt())
                .isIn(0, -10002);
    }

    @Test
    void paidOrdersAreListedByJstWindowWithJapaneseData() throws Exception {
        String sak = sak();
        ZonedDateTime paid = now().minusHours(3);
        long pack = sim.addCarts(SELLER, 1, 2, paid, false).get(0);
        JsonNode answer = legacy("ShippingBasic.GetShippingInfo_v2", sak, window(paid.minusMinutes(1), paid.plusMinutes(1)));
        assertThat(answer.path("ResultCode").asInt()).isZero();
        List<JsonNode> rows = rowsOf(answer, pack);
        assertThat(rows).hasSize(2);
        JsonNode row = rows.get(0);
        assertThat(row.path("packNo").asLong()).isEqualTo(pack);
        assertThat(row.path("shippingStatus").asText()).isEqualTo("2");
        assertThat(row.path("Currency").asText()).isEqualTo("JPY");
        assertThat(row.path("orderPrice").asText()).matches("[0-9]+\\.0000");
        assertThat(row.path("receiver_gata").asText()).matches("[\\p{InKatakana} ]+");
        assertThat(row.path("buyer_gata").asText()).matches("[\\p{InKatakana} ]+");
        assertThat(row.path("receiverMobile").asText()).startsWith("+81-");
        assertThat(row.path("zipCode").asText()).matches("[0-9]{3}-[0-9]{4}");
        assertThat(row.path("shippingAddr").asText()).containsPattern("[都道府県]");
        assertThat(row.path("PaymentDate").asText()).isEqualTo(Qoo10Rows.DATE.format(paid.withNano(0)));
        // outside the window: not listed; a window past the host's limit: search-date error
        JsonNode before = header("ShippingBasic.GetShippingInfo_v2", sak, window(paid.minusHours(2), paid.minusMinutes(1)));
        assertThat(rowsOf(before, pack)).isEmpty();
        assertThat(header("ShippingBasic.GetShippingInfo_v2", sak, window(now().minusDays(120), now())).path("ResultCode").asInt())
                .isEqualTo(-10002);
    }

    @Test
    void anExpiredSakAndAPasswordChangeAreResultCodes() throws Exception {
        String sak = sak();
        sim.expireSaks(SELLER);
        assertThat(header("ShippingBasic.GetShippingInfo_v2", sak, window(now().minusDays(1), now())).path("ResultCode").asInt())
                .isEqualTo(-90004);
        String fresh = sak();
        HttpResponse<String> changed = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/_simulator/qoo10/password?seller=osakashop&value=new")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(header("ShippingBasic.GetShippingInfo_v2", fresh, window(now().minusDays(1), now())).path("ResultCode").asInt())
                .isIn(0, -10002);
    }

    @Test
    void confirmThenShipMoveTheOrderAndRefusalsAreResultCodes() throws Exception {
        String sak = sak();
        long pack = sim.addCarts(SELLER, 1, 1, now().minusMinutes(5), false).get(0);
        String orderNo = String.valueOf(sim.orderNosOf(pack).get(0));
        JsonNode checked = header("ShippingBasic.SetSellerCheckYN_V2", sak, Map.of("OrderNo", orderNo, "EstShipDt", "20261201"));
        assertThat(checked.path("ResultCode").asInt()).isZero();
        assertThat(sim.statusOf(Long.parseLong(orderNo))).isEqualTo(3);
        assertThat(header("ShippingBasic.SetSellerCheckYN_V2", sak, Map.of("OrderNo", orderNo)).path("ResultCode").asInt())
                .isEqualTo(-10004);
        assertThat(header("ShippingBasic.SetSendingInfo", sak, Map.of("OrderNo", orderNo, "ShippingCorp", "Nowhere Express",
                "TrackingNo", "123456789012")).path("ResultCode").asInt()).isEqualTo(-10004);
        JsonNode shipped = header("ShippingBasic.SetSendingInfo", sak, Map.of("OrderNo", orderNo, "ShippingCorp", "ヤマト運輸",
                "TrackingNo", "123456789012"));
        assertThat(shipped.path("ResultCode").asInt()).isZero();
        assertThat(sim.shippingOf(Long.parseLong(orderNo))).containsExactly("ヤマト運輸", "123456789012", "20261201");
        JsonNode read = header("ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2", sak, Map.of("OrderNo", orderNo));
        assertThat(read.path("ResultObject").get(0).path("shippingStatus").asText()).isEqualTo("4");
        assertThat(read.path("ResultObject").get(0).path("TrackingNo").asText()).isEqualTo("123456789012");
        assertThat(header("ShippingBasic.SetSendingInfo", sak, Map.of("OrderNo", "1", "ShippingCorp", "Qxpress",
                "TrackingNo", "1")).path("ResultCode").asInt()).isEqualTo(-10001);
    }

    @Test
    void forcedFaultsAndUnknownMethods() throws Exception {
        String sak = sak();
        assertThat(header("ShippingBasic.NoSuchMethod", sak, Map.of()).path("ResultCode").asInt()).isEqualTo(-90001);
        sim.force("ShippingBasic.GetShippingInfo_v2", "http500", 1);
        HttpResponse<String> failed = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + Qoo10Simulator.SERVICE
                        + "/ShippingBasic.GetShippingInfo_v2")).header("GiosisCertificationKey", sak)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(window(now().minusDays(1), now())))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(header("ShippingBasic.GetShippingInfo_v2", sak, window(now().minusDays(1), now())).path("ResultCode").asInt())
                .isIn(0, -10002);
    }

    private static List<JsonNode> rowsOf(JsonNode answer, long pack) {
        List<JsonNode> rows = new java.util.ArrayList<>();
        answer.path("ResultObject").forEach(r -> {
            if (r.path("packNo").asLong() == pack) {
                rows.add(r);
            }
        });
        return rows;
    }
}
