package io.marketbridge.simulator.naver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulated origin product read on the wire: GET /v1/products/origin-products/{originProductNo} with the bearer
 * token, its options (id, sellerManagerCode, stockQuantity) under originProduct.detailAttribute.optionInfo, a product
 * without options with its sellerCodeInfo; 404 NOT_FOUND for an unknown product, 401 GW.AUTHN without a token.
 */
class NaverOriginProductSimulatorTest {

    @BeforeAll
    static void start() throws Exception {
        NaverStockSimulatorTest.start();
    }

    @AfterAll
    static void stop() {
        NaverStockSimulatorTest.stop();
    }

    static HttpResponse<String> read(String product, String token) throws Exception {
        return NaverStockSimulatorTest.send("GET", NaverStockSimulatorTest.PRODUCTS + product, null, null, token);
    }

    @Test
    void readsTheOptionsWithTheirSellerCodesAndFigures() throws Exception {
        NaverSimulator naver = NaverStockSimulatorTest.naver;
        String seller = NaverStockSimulatorTest.SELLER;
        naver.setStock(seller, "8801122003", "88123450032", 4);
        naver.setSellerCode(seller, "8801122003", "88123450033", null);
        long reads = naver.originProductReads();
        HttpResponse<String> r = read("8801122003", NaverStockSimulatorTest.token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode product = NaverStockSimulatorTest.JSON.readTree(r.body()).get("originProduct");
        JsonNode options = product.path("detailAttribute").path("optionInfo").path("optionCombinations");
        assertThat(options).hasSize(3);
        assertThat(options.get(0).get("id").isIntegralNumber()).isTrue();
        assertThat(options.get(0).get("id").asLong()).isEqualTo(88123450031L);
        assertThat(options.get(0).get("sellerManagerCode").asText()).isEqualTo("NV-APP-WP-01");
        assertThat(options.get(0).get("optionName1").asText()).isEqualTo("S");
        assertThat(options.get(0).get("optionName2").asText()).isEqualTo("베이지");
        assertThat(options.get(1).get("stockQuantity").asInt()).isEqualTo(4);
        assertThat(options.get(2).has("sellerManagerCode")).isFalse();
        assertThat(product.path("detailAttribute").path("optionInfo").path("optionCombinationGroupNames")
                .path("optionGroupName2").asText()).isEqualTo("색상");
        assertThat(product.path("detailAttribute").path("sellerCodeInfo").path("sellerManagementCode").asText())
                .isEqualTo("NV-APP-WP");
        assertThat(naver.originProductReads()).isEqualTo(reads + 1);
    }

    @Test
    void aProductWithoutOptionsHasItsOwnFigureAndCode() throws Exception {
        HttpResponse<String> r = read(NaverStockSimulatorTest.PLAIN, NaverStockSimulatorTest.token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode product = NaverStockSimulatorTest.JSON.readTree(r.body()).get("originProduct");
        assertThat(product.path("detailAttribute").has("optionInfo")).isFalse();
        assertThat(product.get("stockQuantity").isIntegralNumber()).isTrue();
        assertThat(product.path("detailAttribute").path("sellerCodeInfo").path("sellerManagementCode").asText())
                .isEqualTo("NV-PLAIN-09");
    }

    @Test
    void anUnknownProductIs404AndNoTokenIs401() throws Exception {
        HttpResponse<String> unknown = read("8809999999", NaverStockSimulatorTest.token);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(NaverStockSimulatorTest.JSON.readTree(unknown.body()).get("code").asText()).isEqualTo("NOT_FOUND");
        HttpResponse<String> anonymous = read("8801122003", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(NaverStockSimulatorTest.JSON.readTree(anonymous.body()).get("code").asText()).isEqualTo("GW.AUTHN");
    }
}
