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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Qoo10 simulator's item stock against Qoo10's item method specs: GetItemDetailInfo, GetGoodsInventoryInfo,
 * SetGoodsPriceQty (a blank ExpireDate moves the end of sale a year ahead), EditGoodsInventory (replaces the option
 * table; -10002 for a row that does not parse), -10001 for an item the seller does not have, the SAK check, faults.
 */
class Qoo10SimulatorStockTest {

    static final String SELLER = "stockshop";
    static final String API_KEY = "qoo10-stock-api-key-0001";
    static final String PASSWORD = "qsm-stock-1";

    static SimulatorServer server;
    static Qoo10Simulator sim;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        Properties p = new Properties();
        p.setProperty("marketbridge.simulators.port", "0");
        p.setProperty("marketbridge.simulators.qoo10.sellers", SELLER);
        p.setProperty("marketbridge.simulators.qoo10.seller." + SELLER + ".api-key", API_KEY);
        p.setProperty("marketbridge.simulators.qoo10.seller." + SELLER + ".password", PASSWORD);
        server = new SimulatorServer(SimulatorSettings.from(p::getProperty)).start();
        sim = server.get(Qoo10Simulator.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode call(String method, String key, Map<String, String> params) throws Exception {
        String form = params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + Qoo10Simulator.SERVICE + "/" + method))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("GiosisCertificationKey", key).header("QAPIVersion", "1.0")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static String sak() throws Exception {
        JsonNode answer = call("CertificationAPI.CreateCertificationKey", API_KEY, Map.of("user_id", SELLER, "pwd", PASSWORD));
        return answer.path("ResultObject").asText();
    }

    static Map<String, String> setQty(String itemCode, String qty, String expireDate) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("ItemCode", itemCode);
        p.put("SellerCode", "");
        p.put("Price", "");
        p.put("TaxRate", "");
        p.put("Qty", qty);
        p.put("ExpireDate", expireDate);
        return p;
    }

    @Test
    void setGoodsPriceQtySetsAnItemsFigureAndABlankEndOfSaleMovesAYearAhead() throws Exception {
        String sak = sak();
        JsonNode detail = call("ItemsLookup.GetItemDetailInfo", sak, Map.of("ItemCode", "812345679", "SellerCode", ""));
        assertThat(detail.path("ResultCode").asInt()).isZero();
        assertThat(detail.path("ResultObject").get(0).path("ItemQty").asText()).isEqualTo("100");
        long before = sim.stockCalls(SELLER, "812345679");

        assertThat(call("ItemsOrder.SetGoodsPriceQty", sak, setQty("812345679", "7", "2031-03-31")).path("ResultCode").asInt())
                .isZero();
        assertThat(sim.stockOf(SELLER, "812345679", "")).isEqualTo(7);
        assertThat(sim.expireDateOf(SELLER, "812345679")).isEqualTo(LocalDate.of(2031, 3, 31));
        assertThat(sim.stockCalls(SELLER, "812345679")).isEqualTo(before + 1);

        call("ItemsOrder.SetGoodsPriceQty", sak, setQty("812345679", "8", ""));
        assertThat(sim.expireDateOf(SELLER, "812345679")).isEqualTo(LocalDate.now(ZoneId.of("Asia/Tokyo")).plusYears(1));
    }

    @Test
    void aBadQuantityIsAProcessingErrorAndChangesNothing() throws Exception {
        String sak = sak();
        sim.setStock(SELLER, "812345680", "", 12);
        for (String qty : new String[] {"-1", "2147483648", "ten", ""}) {
            JsonNode answer = call("ItemsOrder.SetGoodsPriceQty", sak, setQty("812345680", qty, "2031-03-31"));
            assertThat(answer.path("ResultCode").asInt()).as(qty).isEqualTo(-10101);
        }
        assertThat(sim.stockOf(SELLER, "812345680", "")).isEqualTo(12);
    }

    @Test
    void anUnknownItemIsMinus10001() throws Exception {
        String sak = sak();
        assertThat(call("ItemsOrder.SetGoodsPriceQty", sak, setQty("700000000", "1", "2031-03-31")).path("ResultCode").asInt())
                .isEqualTo(-10001);
        assertThat(call("ItemsLookup.GetGoodsInventoryInfo", sak, Map.of("ItemCode", "700000000")).path("ResultCode").asInt())
                .isEqualTo(-10001);
    }

    @Test
    void editGoodsInventoryReplacesTheOptionRowsAndRefusesARowThatDoesNotParse() throws Exception {
        String sak = sak();
        JsonNode rows = call("ItemsLookup.GetGoodsInventoryInfo", sak, Map.of("ItemCode", "812345681", "SellerCode", ""))
                .path("ResultObject");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).path("Name2").asText()).isEmpty();
        assertThat(rows.findValuesAsText("ItemTypeCode")).containsExactlyInAnyOrder("BEG-F", "GRY-F");

        JsonNode ok = call("ItemsOptions.EditGoodsInventory", sak, Map.of("ItemCode", "812345681", "SellerCode", "",
                "InventoryInfo", "カラー||*ベージュ||*0||*3||*BEG-F$$カラー||*グレー||*0||*100||*GRY-F"));
        assertThat(ok.path("ResultCode").asInt()).isZero();
        assertThat(sim.stockOf(SELLER, "812345681", "BEG-F")).isEqualTo(3);
        assertThat(sim.stockOf(SELLER, "812345681", "GRY-F")).isEqualTo(100);

        for (String bad : new String[] {"カラー||*ベージュ||*0||*-3||*BEG-F", "カラー||*ベージュ||*0||*x||*BEG-F", "カラー||*ベージュ||*0"}) {
            JsonNode refused = call("ItemsOptions.EditGoodsInventory", sak, Map.of("ItemCode", "812345681", "InventoryInfo", bad));
            assertThat(refused.path("ResultCode").asInt()).as(bad).isEqualTo(-10002);
        }
        assertThat(sim.stockOf(SELLER, "812345681", "BEG-F")).isEqualTo(3);
    }

    @Test
    void stockCallsNeedTheSakAndTakeForcedFaults() throws Exception {
        JsonNode withApiKey = call("ItemsOrder.SetGoodsPriceQty", API_KEY, setQty("812345682", "1", "2031-03-31"));
        assertThat(withApiKey.path("ResultCode").asInt()).isEqualTo(-90002);
        JsonNode unknown = call("ItemsOrder.SetGoodsPriceQty", "no-such-key", setQty("812345682", "1", "2031-03-31"));
        assertThat(unknown.path("ErrorCode").asInt()).isEqualTo(-90001);

        sim.force("ItemsOptions.EditGoodsInventory", "http503", 1);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + Qoo10Simulator.SERVICE
                        + "/ItemsOptions.EditGoodsInventory")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("GiosisCertificationKey", sak()).POST(HttpRequest.BodyPublishers.ofString("ItemCode=812345682")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(sim.stockOf(SELLER, "812345682", "VITA")).isEqualTo(100);
    }

    @Test
    void statsShowEachItemsFigureAndStockCalls() throws Exception {
        sim.setStock(SELLER, "812345678", "WHT-L", 41);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_simulator/qoo10/stats"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode item = JSON.readTree(r.body()).path("stock").path(SELLER).path("812345678");
        assertThat(item.path("options").path("WHT-L").asLong()).isEqualTo(41);
        assertThat(item.has("stockCalls")).isTrue();
    }
}
