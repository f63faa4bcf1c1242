package io.marketbridge.simulator.elevenst;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.support.RuntimeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulator's stock read on the wire (11st.md 1.3, 1.7): GET prodmarketservice/prodmarket/stck/{prdNo} with the
 * openapikey, every option of the product as ProductStock items (prdNo, prdStckNo, sellerStockCd, stckQty,
 * prdStckStatCd ...); an unknown product is ClientMessage 404, an unknown key -1.
 */
class ElevenstStockReadSimulatorTest {

    static final Charset MS949 = Charset.forName("x-windows-949");
    static final String KEY = "sim-11st-read-0001";
    static SimulatorServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = RuntimeHarness.simulator(Map.of(), Map.of(), Map.of("R1", KEY));
        sim().setRateLimitPerSecond(50);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ElevenstSimulator sim() {
        return server.get(ElevenstSimulator.class);
    }

    static HttpResponse<byte[]> read(String prdNo, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/rest/prodmarketservice/prodmarket/stck/" + prdNo)).header("Content-Type", "text/xml; charset=euc-kr").GET();
        if (key != null) {
            b.header("openapikey", key);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void readsEveryOptionOfTheProductWithItsSellerCodeAndFigure() throws Exception {
        // 남성 기능성 등산 티셔츠: three options; one sold out, one without a seller code
        sim().setStock("R1", "3456780012", "345678001202", 0);
        sim().setSellerStockCode("R1", "345678001203", null);
        HttpResponse<byte[]> r = read("3456780012", KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        ElevenstAnswer a = ElevenstAnswer.parse(r.body(), MS949);
        assertThat(a.root()).isEqualTo("ProductStocks");
        List<Map<String, String>> items = a.rows();
        assertThat(items).extracting(i -> i.get("prdStckNo")).containsExactly("345678001201", "345678001202", "345678001203");
        assertThat(items).extracting(i -> i.get("prdNo")).containsOnly("3456780012");
        assertThat(items).extracting(i -> i.get("sellerStockCd")).containsExactly("ST-TEE-M-01", "ST-TEE-M-02", "null");
        assertThat(items).extracting(i -> i.get("stckQty")).containsExactly("100", "0", "100");
        assertThat(items).extracting(i -> i.get("prdStckStatCd")).containsExactly("01", "02", "01");
        assertThat(items.get(0)).containsKeys("mixOptNm", "mixDtlOptNm", "optWght", "selQty", "addPrc");
        assertThat(items.get(0).get("mixDtlOptNm")).isEqualTo("95,블랙");
    }

    @Test
    void anUnknownProductIs404AndAnUnknownKeyMinusOne() throws Exception {
        long before = sim().stockReadCalls();
        ElevenstAnswer unknown = ElevenstAnswer.parse(read("9999999999", KEY).body(), MS949);
        assertThat(unknown.root()).isEqualTo("ClientMessage");
        assertThat(unknown.code()).isEqualTo(404);
        assertThat(sim().stockReadCalls()).isEqualTo(before + 1);
        ElevenstAnswer key = ElevenstAnswer.parse(read("3456780012", "no-such-key-0000").body(), MS949);
        assertThat(key.code()).isEqualTo(-1);
        assertThat(sim().stockReadCalls()).isEqualTo(before + 1);
    }
}
