package io.marketbridge.simulator.elevenst;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.support.RuntimeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator's stock call on the wire (11st.md 1.7): PUT stockqty with ProductStock, answered by ClientMessage. */
class ElevenstStockSimulatorTest {

    static final Charset MS949 = Charset.forName("x-windows-949");
    static final String KEY = "sim-11st-stock-0001";
    static SimulatorServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = RuntimeHarness.simulator(Map.of(), Map.of(), Map.of("T1", KEY, "T2", "sim-11st-stock-0002"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void roomForTheTestsCalls() {
        sim().setRateLimitPerSecond(50);
    }

    @AfterEach
    void reset() {
        sim().faults().reset();
    }

    static ElevenstSimulator sim() {
        return server.get(ElevenstSimulator.class);
    }

    static String body(String prdNo, String prdStckNo, String qty) {
        return "<?xml version=\"1.0\" encoding=\"euc-kr\"?><ProductStock><prdNo>" + prdNo + "</prdNo><prdStckNo>"
                + prdStckNo + "</prdStckNo><stckQty>" + qty + "</stckQty><optWght>0</optWght></ProductStock>";
    }

    static HttpResponse<byte[]> put(String prdStckNo, String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/rest/prodservices/stockqty/" + prdStckNo))
                .header("Content-Type", "text/xml; charset=euc-kr").PUT(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("openapikey", key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static ElevenstAnswer xml(HttpResponse<byte[]> r) throws Exception {
        return ElevenstAnswer.parse(r.body(), MS949);
    }

    @Test
    void setsTheStockOfAnOptionTheSimulatorSells() throws Exception {
        // 국산 유기농 현미 10kg, 포장:일반
        assertThat(sim().stockOf("T1", "345678001101")).isEqualTo(100);
        HttpResponse<byte[]> r = put("345678001101", body("3456780011", "345678001101", "12"), KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(xml(r).root()).isEqualTo("ClientMessage");
        assertThat(xml(r).code()).isEqualTo(200);
        assertThat(sim().stockOf("T1", "345678001101")).isEqualTo(12);
        assertThat(sim().stockOf("T2", "345678001101")).isEqualTo(100);
        assertThat(sim().stockCalls("T1", "345678001101")).isEqualTo(1);
    }

    @Test
    void anUnknownOptionOrAProductItIsNotOfIs404() throws Exception {
        HttpResponse<byte[]> r = put("999999999901", body("3456780011", "999999999901", "3"), KEY);
        assertThat(xml(r).code()).isEqualTo(404);
        assertThat(sim().stockOf("T1", "999999999901")).isNull();
        // 345678001201 is an option of 3456780012, not of 3456780011
        assertThat(xml(put("345678001201", body("3456780011", "345678001201", "3"), KEY)).code()).isEqualTo(404);
        assertThat(sim().stockOf("T1", "345678001201")).isEqualTo(100);
    }

    @Test
    void aBadQuantityOrBodyIs400() throws Exception {
        sim().setStock("T1", "3456780014", "345678001401", 8);
        for (String qty : new String[] {"-1", "100000", "many", ""}) {
            HttpResponse<byte[]> r = put("345678001401", body("3456780014", "345678001401", qty), KEY);
            assertThat(xml(r).code()).as(qty).isEqualTo(400);
        }
        assertThat(xml(put("345678001401", "not xml", KEY)).code()).isEqualTo(400);
        assertThat(xml(put("345678001401", body("3456780014", "345678001402", "1"), KEY)).code()).isEqualTo(400);
        assertThat(sim().stockOf("T1", "345678001401")).isEqualTo(8);
        assertThat(xml(put("345678001401", body("3456780014", "345678001401", "0"), KEY)).code()).isEqualTo(200);
        assertThat(sim().stockOf("T1", "345678001401")).isZero();
    }

    @Test
    void checksTheKeyTheRateLimitAndMaintenanceLikeAnyCall() throws Exception {
        String b = body("3456780016", "345678001601", "5");
        HttpResponse<byte[]> unknownKey = put("345678001601", b, "not-a-key");
        assertThat(xml(unknownKey).root()).isEqualTo("ClientMessage");
        assertThat(xml(unknownKey).code()).isEqualTo(-1);
        assertThat(xml(put("345678001601", b, null)).code()).isEqualTo(-1);

        sim().faults().maintenance = true;
        assertThat(xml(put("345678001601", b, KEY)).code()).isEqualTo(-1000);
        sim().faults().maintenance = false;

        sim().faults().failNext(429, 1);
        assertThat(put("345678001601", b, KEY).statusCode()).isEqualTo(429);
        assertThat(sim().stockOf("T1", "345678001601")).isEqualTo(100);

        sim().setRateLimitPerSecond(1);
        Thread.sleep(1100);
        assertThat(put("345678001601", b, KEY).statusCode()).isEqualTo(200);
        assertThat(put("345678001601", b, KEY).statusCode()).isEqualTo(429);
        assertThat(sim().stockOf("T1", "345678001601")).isEqualTo(5);
    }

    @Test
    void showsTheStockInTheStats() throws Exception {
        sim().setStock("T2", "3456780015", "345678001502", 4);
        String stats = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_simulator/elevenst/stats")).GET()
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(io.marketbridge.order.OrderJson.mapper().readTree(stats).path("stock").path("T2")
                .path("345678001502").asInt()).isEqualTo(4);
    }
}
