package io.marketbridge.simulator.esm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.esm.EsmSimulatorSettings.Master;
import io.marketbridge.support.RuntimeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulated goods stock call (esm.md 2.3, 2.8) on the wire: per site, ESM's envelope, faults. */
class EsmStockSimulatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A sample goods (master GoodsNo). */
    static final long GOODS = 1_234_567_003L;
    static SimulatorServer server;

    @BeforeAll
    static void start() {
        server = RuntimeHarness.simulator(Map.of(), Map.of(), Map.of(
                "stockmaster", new Master("secret-s", List.of("gmkts"), List.of("iacs")),
                "gmarketonly", new Master("secret-g", List.of("gmktg"), List.of())), 300);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void reset() {
        esm().faults().reset();
    }

    static EsmSimulator esm() {
        return server.get(EsmSimulator.class);
    }

    static String token(String master, String secret, String ssi) {
        return EsmTokens.mint(master, secret, ssi, Instant.now().getEpochSecond(), false);
    }

    static HttpResponse<String> put(long goodsNo, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/item/v1/goods/" + goodsNo + "/stock"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static String both() {
        return token("stockmaster", "secret-s", "A:iacs,G:gmkts");
    }

    @Test
    void eachSiteKeepsItsOwnStock() throws Exception {
        int calls = esm().stockCallsOf("stockmaster", GOODS);
        HttpResponse<String> r = put(GOODS, both(), "{\"stock\":{\"gmkt\":7}}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("ResultCode").asInt()).isZero();
        assertThat(esm().stockOf("stockmaster", GOODS, "G")).isEqualTo(7);
        assertThat(esm().stockOf("stockmaster", GOODS, "A")).isEqualTo(GoodsStockHandler.SEEDED);
        assertThat(json(put(GOODS, both(), "{\"stock\":{\"iac\":0}}")).get("ResultCode").asInt()).isZero();
        assertThat(esm().stockOf("stockmaster", GOODS, "A")).isZero();
        assertThat(esm().stockOf("stockmaster", GOODS, "G")).isEqualTo(7);
        assertThat(esm().stockCallsOf("stockmaster", GOODS)).isEqualTo(calls + 2);

        HttpResponse<String> stats = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_simulator/esm/stats"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode goods = json(stats).path("stock").path("stockmaster").path(String.valueOf(GOODS));
        assertThat(goods.path("gmkt").asInt()).isEqualTo(7);
        assertThat(goods.path("iac").asInt()).isZero();
        assertThat(json(stats).path("stockCalls").asLong()).isPositive();
    }

    @Test
    void unknownGoodsAndBadFiguresAre1000AndChangeNothing() throws Exception {
        JsonNode unknown = json(put(9_999_999_999L, both(), "{\"stock\":{\"gmkt\":1}}"));
        assertThat(unknown.get("ResultCode").asInt()).isEqualTo(1000);
        assertThat(unknown.get("Data").isNull()).isTrue();

        esm().setStock("stockmaster", GOODS, "G", 40);
        for (String bad : new String[] {"-1", "100000", "\"5\"", "2.5"}) {
            HttpResponse<String> r = put(GOODS, both(), "{\"stock\":{\"gmkt\":" + bad + "}}");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r).get("ResultCode").asInt()).as(bad).isEqualTo(1000);
        }
        assertThat(json(put(GOODS, both(), "{}")).get("ResultCode").asInt()).isEqualTo(1000);
        assertThat(esm().stockOf("stockmaster", GOODS, "G")).isEqualTo(40);
        // a site the token does not name
        assertThat(json(put(GOODS, token("gmarketonly", "secret-g", "G:gmktg"), "{\"stock\":{\"iac\":3}}"))
                .get("ResultCode").asInt()).isEqualTo(1000);
    }

    @Test
    void aBadTokenIsRefusedWithEsmsBody() throws Exception {
        int calls = esm().stockCallsOf("stockmaster", GOODS);
        HttpResponse<String> r = put(GOODS, token("stockmaster", "wrong", "G:gmkts"), "{\"stock\":{\"gmkt\":1}}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("does not have right access");
        assertThat(esm().stockCallsOf("stockmaster", GOODS)).isEqualTo(calls);
    }

    @Test
    void forcedFaultsApplyToTheStockCall() throws Exception {
        esm().faults().failNextResult(EsmSimulator.Api.STOCK, 3000, 1);
        JsonNode limited = json(put(GOODS, both(), "{\"stock\":{\"gmkt\":2}}"));
        assertThat(limited.get("ResultCode").asInt()).isEqualTo(3000);
        assertThat(limited.get("Message").asText()).isEqualTo(EsmSimulator.STOCK_LIMIT_MESSAGE);
        esm().faults().failNext(429, 1);
        assertThat(put(GOODS, both(), "{\"stock\":{\"gmkt\":2}}").statusCode()).isEqualTo(429);
        esm().faults().failNext(503, 1);
        assertThat(put(GOODS, both(), "{\"stock\":{\"gmkt\":2}}").statusCode()).isEqualTo(503);
        assertThat(json(put(GOODS, both(), "{\"stock\":{\"gmkt\":2}}")).get("ResultCode").asInt()).isZero();
    }
}
