package io.marketbridge.simulator.naver;

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
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated option-stock and change-status calls (naver.md 2.9, 2.11, 2.12), on the wire. */
class NaverStockSimulatorTest {

    static final String SELLER = "ncp_sim_stock_a";
    static final String CLIENT = "simClientIdS0000000001";
    static final String SECRET = "$2a$04$SimulatorSecretS000001";
    static final String PRODUCTS = "/external/v1/products/origin-products/";
    /** A sample product with three options (option ids 88123450011..13), and one without options. */
    static final String WITH_OPTIONS = "8801122001";
    static final String PLAIN = "8801122009";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient http = HttpClient.newHttpClient();
    static SimulatorServer server;
    static NaverSimulator naver;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        Properties p = new Properties();
        p.setProperty("marketbridge.simulators.port", "0");
        String prefix = "marketbridge.simulators.naver.";
        p.setProperty(prefix + "sellers", SELLER);
        p.setProperty(prefix + "seller." + SELLER + ".client-id", CLIENT);
        p.setProperty(prefix + "seller." + SELLER + ".client-secret", SECRET);
        p.setProperty(prefix + "seed-orders", "0");
        p.setProperty(prefix + "arrival-per-minute", "0");
        p.setProperty(prefix + "rate-limit-per-second", "1000");
        server = new SimulatorServer(SimulatorSettings.from(p::getProperty)).start();
        naver = server.get(NaverSimulator.class);
        long ts = System.currentTimeMillis();
        String form = "client_id=" + CLIENT + "&timestamp=" + ts + "&grant_type=client_credentials&client_secret_sign="
                + URLEncoder.encode(NaverSimulator.signature(CLIENT, SECRET, ts), StandardCharsets.UTF_8) + "&type=SELF";
        HttpResponse<String> r = send("POST", "/external/v1/oauth2/token", form, "application/x-www-form-urlencoded", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        token = JSON.readTree(r.body()).get("access_token").asText();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> send(String method, String path, String body, String contentType, String bearer)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> put(String product, String call, String body) throws Exception {
        return send("PUT", PRODUCTS + product + "/" + call, body, "application/json;charset=UTF-8", token);
    }

    static String options(String id, String quantity) {
        return "{\"optionInfo\":{\"useStockManagement\":true,\"optionCombinations\":[{\"id\":" + id + ",\"stockQuantity\":"
                + quantity + "}]}}";
    }

    @Test
    void optionStockSetsTheNamedOptionsOnly() throws Exception {
        int calls = naver.stockCallsOf(SELLER, WITH_OPTIONS);
        HttpResponse<String> r = put(WITH_OPTIONS, "option-stock", "{\"optionInfo\":{\"optionCombinations\":["
                + "{\"id\":88123450011,\"stockQuantity\":7},{\"id\":88123450013,\"stockQuantity\":0}]}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(naver.stockOf(SELLER, WITH_OPTIONS, "88123450011")).isEqualTo(7);
        assertThat(naver.stockOf(SELLER, WITH_OPTIONS, "88123450012")).isEqualTo(ProductStock.SEEDED);
        assertThat(naver.stockOf(SELLER, WITH_OPTIONS, "88123450013")).isZero();
        assertThat(naver.stockCallsOf(SELLER, WITH_OPTIONS)).isEqualTo(calls + 1);

        JsonNode stats = JSON.readTree(send("GET", "/_simulator/naver/stats", null, null, null).body());
        assertThat(stats.path("stock").path(SELLER).path(WITH_OPTIONS).path("options").path("88123450011").asInt()).isEqualTo(7);
        assertThat(stats.path("stockCalls").asLong()).isPositive();
    }

    @Test
    void unknownProductIsNotFoundAndUnknownOptionABadRequest() throws Exception {
        HttpResponse<String> r = put("8800000000", "option-stock", options("88123450011", "5"));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("NOT_FOUND");

        r = put(WITH_OPTIONS, "option-stock", options("99999999999", "5"));
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(body.path("invalidInputs").get(0).get("name").asText()).isEqualTo("optionInfo.optionCombinations[0].id");
    }

    @Test
    void badQuantitiesAreRefusedAndChangeNothing() throws Exception {
        naver.setStock(SELLER, WITH_OPTIONS, "88123450012", 40);
        for (String bad : new String[] {"-1", "100000000", "\"12\"", "1.5"}) {
            HttpResponse<String> r = put(WITH_OPTIONS, "option-stock", options("88123450012", bad));
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("invalidInputs").get(0).get("name").asText())
                    .isEqualTo("optionInfo.optionCombinations[0].stockQuantity");
        }
        assertThat(naver.stockOf(SELLER, WITH_OPTIONS, "88123450012")).isEqualTo(40);
        // the limit itself is taken
        assertThat(put(WITH_OPTIONS, "option-stock", options("88123450012", "99999999")).statusCode()).isEqualTo(200);
        assertThat(naver.stockOf(SELLER, WITH_OPTIONS, "88123450012")).isEqualTo(99_999_999);
    }

    @Test
    void changeStatusSetsAProductWithoutOptions() throws Exception {
        String plain = "8801122010";
        assertThat(put(plain, "change-status", "{\"statusType\":\"OUTOFSTOCK\"}").statusCode()).isEqualTo(200);
        assertThat(naver.stockOf(SELLER, plain, "")).isZero();
        assertThat(naver.saleStatusOf(SELLER, plain)).isEqualTo("OUTOFSTOCK");
        // OUTOFSTOCK -> SALE needs a stockQuantity
        assertThat(put(plain, "change-status", "{\"statusType\":\"SALE\"}").statusCode()).isEqualTo(400);
        assertThat(put(plain, "change-status", "{\"statusType\":\"SALE\",\"stockQuantity\":12}").statusCode()).isEqualTo(200);
        assertThat(naver.stockOf(SELLER, plain, "")).isEqualTo(12);
        assertThat(naver.saleStatusOf(SELLER, plain)).isEqualTo("SALE");
        // a stock of 0 forces OUTOFSTOCK
        assertThat(put(plain, "change-status", "{\"statusType\":\"SALE\",\"stockQuantity\":0}").statusCode()).isEqualTo(200);
        assertThat(naver.saleStatusOf(SELLER, plain)).isEqualTo("OUTOFSTOCK");
        assertThat(put(plain, "change-status", "{\"statusType\":\"SALE\",\"stockQuantity\":-3}").statusCode()).isEqualTo(400);
        // option-stock on it, and a stockQuantity by change-status on a product with options, are refused
        assertThat(put(PLAIN, "option-stock", options("88123450011", "1")).statusCode()).isEqualTo(400);
        assertThat(put(WITH_OPTIONS, "change-status", "{\"statusType\":\"SALE\",\"stockQuantity\":3}").statusCode()).isEqualTo(400);
    }

    @Test
    void aBadTokenIsRefusedByTheGateway() throws Exception {
        int before = naver.stockCallsOf(SELLER, PLAIN);
        HttpResponse<String> r = send("PUT", PRODUCTS + PLAIN + "/change-status", "{\"statusType\":\"SALE\",\"stockQuantity\":1}",
                "application/json", "not-a-token");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("GW.AUTHN");
        assertThat(naver.stockCallsOf(SELLER, PLAIN)).isEqualTo(before);
    }

    @Test
    void theRateLimitAndFaultsApply() throws Exception {
        naver.faults().failNext(503, 1);
        assertThat(put(PLAIN, "change-status", "{\"statusType\":\"SALE\",\"stockQuantity\":9}").statusCode()).isEqualTo(503);
        naver.setRateLimitPerSecond(1); // burst 2
        try {
            int limited = 0;
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> r = put(PLAIN, "change-status", "{\"statusType\":\"SALE\",\"stockQuantity\":9}");
                if (r.statusCode() == 429) {
                    limited++;
                    assertThat(JSON.readTree(r.body()).get("code").asText()).isEqualTo("GW.RATE_LIMIT");
                }
            }
            assertThat(limited).isPositive();
        } finally {
            naver.setRateLimitPerSecond(1000);
        }
    }
}
