package io.marketbridge.simulator.coupang;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.order.OrderJson;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.support.RuntimeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator's stock call on the wire: coupang.md 1.3 (path, no body, SUCCESS), signed as 1.2 says. */
class CoupangStockSimulatorTest {

    static final String VENDOR = "A30000011";
    static final String ACCESS = "stock-access";
    static final String SECRET = "stock-secret-0123";
    static final String OTHER = "A30000012";
    static final String ITEMS = "/v2/providers/seller_api/apis/api/v1/marketplace/vendor-items/";
    /** An option the simulator sells: 무선 블루투스 이어폰, 화이트 (productId * 100 + option). */
    static final long EARPHONES_WHITE = 880123400100L;
    static SimulatorServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = RuntimeHarness.simulator(Map.of(VENDOR, new String[] {ACCESS, SECRET},
                OTHER, new String[] {"other-access", "other-secret"}));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static CoupangSimulator sim() {
        return server.get(CoupangSimulator.class);
    }

    static HttpResponse<String> put(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json;charset=UTF-8").PUT(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> signedPut(String path) throws Exception {
        return put(path, CeaAuth.header(ACCESS, SECRET, "PUT", path, "", Instant.now()));
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return OrderJson.mapper().readTree(r.body());
    }

    @Test
    void setsTheStockOfAnOptionTheSimulatorSells() throws Exception {
        assertThat(sim().stockOf(VENDOR, EARPHONES_WHITE)).isEqualTo(100);
        long before = sim().stockCalls(VENDOR, EARPHONES_WHITE);
        HttpResponse<String> r = signedPut(ITEMS + EARPHONES_WHITE + "/quantities/42");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("code").asText()).isEqualTo("SUCCESS");
        assertThat(sim().stockOf(VENDOR, EARPHONES_WHITE)).isEqualTo(42);
        assertThat(sim().stockCalls(VENDOR, EARPHONES_WHITE)).isEqualTo(before + 1);
        // the other vendor's figure of the same option is its own
        assertThat(sim().stockOf(OTHER, EARPHONES_WHITE)).isEqualTo(100);

        assertThat(signedPut(ITEMS + EARPHONES_WHITE + "/quantities/0").statusCode()).isEqualTo(200);
        assertThat(sim().stockOf(VENDOR, EARPHONES_WHITE)).isZero();
    }

    @Test
    void refusesAnUnknownOptionAndABadQuantityWithError() throws Exception {
        HttpResponse<String> unknown = signedPut(ITEMS + "123456789/quantities/5");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("code").asText()).isEqualTo("ERROR");
        assertThat(json(unknown).get("message").asText()).contains("123456789");
        assertThat(sim().stockOf(VENDOR, 123456789L)).isNull();

        sim().setStock(VENDOR, 880123400201L, 7);
        for (String bad : new String[] {"-1", "100000", "abc", "1.5"}) {
            HttpResponse<String> r = signedPut(ITEMS + "880123400201/quantities/" + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(r).get("code").asText()).isEqualTo("ERROR");
        }
        assertThat(sim().stockOf(VENDOR, 880123400201L)).isEqualTo(7);
        assertThat(signedPut(ITEMS + "880123400201/quantities/99999").statusCode()).isEqualTo(200);
        assertThat(sim().stockOf(VENDOR, 880123400201L)).isEqualTo(99999);
    }

    @Test
    void checksTheSignatureAndTheRateLimitLikeAnyCall() throws Exception {
        String path = ITEMS + "880123400300/quantities/9";
        assertThat(put(path, null).statusCode()).isEqualTo(401);
        assertThat(put(path, CeaAuth.header(ACCESS, "not-the-secret", "PUT", path, "", Instant.now())).statusCode())
                .isEqualTo(401);
        assertThat(sim().stockOf(VENDOR, 880123400300L)).isEqualTo(100);

        sim().faults().failNext(429, 1);
        assertThat(signedPut(path).statusCode()).isEqualTo(429);
        sim().resetBlocks();
        assertThat(signedPut(path).statusCode()).isEqualTo(200);
        assertThat(sim().stockOf(VENDOR, 880123400300L)).isEqualTo(9);
    }

    @Test
    void showsTheStockInTheStats() throws Exception {
        sim().setStock(OTHER, 880123400401L, 3);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_simulator/coupang/stats"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode stats = json(r);
        assertThat(stats.path("stock").path(OTHER).path("880123400401").asInt()).isEqualTo(3);
        assertThat(stats.has("stockCalls")).isTrue();
    }
}
