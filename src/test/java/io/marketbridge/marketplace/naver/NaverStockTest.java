package io.marketbridge.marketplace.naver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.config.Account;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.ConfigurationException;
import io.marketbridge.marketplace.HttpAnswer;
import io.marketbridge.marketplace.MarketplaceException;
import io.marketbridge.marketplace.RejectedException;
import io.marketbridge.marketplace.TransientMarketplaceException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.shipment.ShipmentStatus;
import io.marketbridge.stock.LearnedListing;
import io.marketbridge.stock.StockPushUnit;
import io.marketbridge.stock.StockTarget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Naver's stock push on fixtures written from naver.md 2.9 (option-stock and change-status: paths and bodies),
 * 2.11 (the product APIs' error body with invalidInputs, the gateway codes) and 2.5 (productOrder's
 * originalProductId and optionCode).
 */
class NaverStockTest {

    static final Account ACCOUNT = new Account("naver-acme", "naver", Map.of(), Map.of());
    static final String ORIGIN = "8807700123";
    final NaverStock stock = new NaverStock();

    static StockPushUnit unit(StockTarget... targets) {
        return new StockPushUnit(ACCOUNT, Marketplace.NAVER, ORIGIN, List.of(targets));
    }

    static JsonNode json(String text) throws Exception {
        return OrderJson.mapper().readTree(text);
    }

    @Test
    void theChangedOptionsOfAnOriginProductGoInOneOptionStockCall() throws Exception {
        StockPushUnit unit = unit(new StockTarget(11, "30012345671", "SKU-RED", 12), new StockTarget(12, "30012345672", "SKU-BLUE", 0));
        stock.begin(unit);
        assertThat(unit.getNextCall()).isEqualTo(NaverStock.OPTION_STOCK);
        ApiRequest request = stock.request(unit);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/v1/products/origin-products/8807700123/option-stock");
        assertThat(json(request.body())).isEqualTo(json("{\"optionInfo\":{\"useStockManagement\":true,\"optionCombinations\":["
                + "{\"id\":30012345671,\"stockQuantity\":12},{\"id\":30012345672,\"stockQuantity\":0}]}}"));
        // ids go as numbers (int64 in the product API); price and usable are never sent
        assertThat(request.body()).doesNotContain("price").doesNotContain("usable").doesNotContain("\"30012345671\"");

        stock.answer(unit, OrderJson.mapper().createObjectNode()); // 200 without a body
        assertThat(unit.getOutcome()).isEqualTo(ShipmentStatus.SENT);
        assertThat(unit.getResultCode()).isEqualTo("OK");
        assertThat(unit.hasNextCall()).isFalse();
    }

    @Test
    void aProductWithoutOptionsGoesThroughChangeStatus() throws Exception {
        StockPushUnit unit = unit(new StockTarget(21, "", "SKU-PLAIN", 35));
        stock.begin(unit);
        assertThat(unit.getNextCall()).isEqualTo(NaverStock.CHANGE_STATUS);
        ApiRequest request = stock.request(unit);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/v1/products/origin-products/8807700123/change-status");
        assertThat(json(request.body())).isEqualTo(json("{\"statusType\":\"SALE\",\"stockQuantity\":35}"));

        StockPushUnit soldOut = unit(new StockTarget(22, "", "SKU-PLAIN", 0));
        stock.begin(soldOut);
        assertThat(json(stock.request(soldOut).body())).isEqualTo(json("{\"statusType\":\"OUTOFSTOCK\"}"));
    }

    @Test
    void figuresNaverWouldRefuseAreRejectedBeforeAnyCall() {
        StockPushUnit negative = unit(new StockTarget(31, "30012345671", "SKU-RED", 4), new StockTarget(32, "30012345672", "SKU-BLUE", -1));
        stock.begin(negative);
        assertThat(negative.getOutcome()).isEqualTo(ShipmentStatus.REJECTED);
        assertThat(negative.getResultCode()).isEqualTo("BAD_QUANTITY");
        assertThat(negative.getResultMessage()).contains("8807700123").contains("30012345672");
        assertThat(negative.hasNextCall()).isFalse();

        StockPushUnit tooMany = unit(new StockTarget(33, "", "SKU-PLAIN", 100_000_000));
        stock.begin(tooMany);
        assertThat(tooMany.getResultCode()).isEqualTo("BAD_QUANTITY");

        StockPushUnit atLimit = unit(new StockTarget(34, "", "SKU-PLAIN", 99_999_999));
        stock.begin(atLimit);
        assertThat(atLimit.isFinished()).isFalse();

        StockPushUnit badOption = unit(new StockTarget(35, "RED-L", "SKU-RED", 3));
        stock.begin(badOption);
        assertThat(badOption.getResultCode()).isEqualTo("BAD_OPTION");

        StockPushUnit mixed = unit(new StockTarget(36, "", "SKU-PLAIN", 3), new StockTarget(37, "30012345671", "SKU-RED", 3));
        stock.begin(mixed);
        assertThat(mixed.getResultCode()).isEqualTo("MIXED_OPTIONS");

        StockPushUnit channelKey = new StockPushUnit(ACCOUNT, Marketplace.NAVER, "NV-EAR", List.of(new StockTarget(38, "", "S", 1)));
        stock.begin(channelKey);
        assertThat(channelKey.getResultCode()).isEqualTo("BAD_LISTING");
    }

    @Test
    void naversRefusalsOfAStockCallAreRejectedAndItsOutagesRetried() {
        String what = "Naver stock (option-stock) of origin product 8807700123 for account naver-acme";
        // the product API's body, with the field it refuses (naver.md 2.11)
        NaverApi.Error bad = NaverApi.Error.of("{\"code\":\"BAD_REQUEST\",\"message\":\"요청 값이 올바르지 않습니다.\","
                + "\"timestamp\":\"2026-11-29T10:00:00.000+09:00\",\"invalidInputs\":[{\"name\":"
                + "\"optionInfo.optionCombinations[0].stockQuantity\",\"type\":\"Range\",\"message\":\"0 ~ 99,999,999\"}]}");
        assertThat(bad.toString()).contains("optionInfo.optionCombinations[0].stockQuantity: 0 ~ 99,999,999");
        MarketplaceException refused = NaverErrors.API.failure(new HttpAnswer(what, ACCOUNT.id(), 400, bad.code(), bad.toString(), null));
        assertThat(refused).isInstanceOf(RejectedException.class);
        assertThat(((RejectedException) refused).code()).isEqualTo("BAD_REQUEST");

        assertThat(NaverErrors.API.failure(new HttpAnswer(what, ACCOUNT.id(), 404, "NOT_FOUND", "NOT_FOUND 상품이 존재하지 않습니다.", null)))
                .isInstanceOf(RejectedException.class);
        // an unknown API (a wrong base URL) is the configuration's fault, not the product's
        assertThat(NaverErrors.API.failure(new HttpAnswer(what, ACCOUNT.id(), 404, "GW.NOT_FOUND", "GW.NOT_FOUND", null)))
                .isInstanceOf(ConfigurationException.class);
        for (Object[] transientAnswer : new Object[][] {{429, "GW.RATE_LIMIT"}, {503, "GW.BLOCK.02"}, {500, "GW.PROXY.01"},
                {504, "GW.TIMEOUT.01"}}) {
            assertThat(NaverErrors.API.failure(new HttpAnswer(what, ACCOUNT.id(), (int) transientAnswer[0],
                    (String) transientAnswer[1], "x", null))).as(transientAnswer[1].toString())
                    .isInstanceOf(TransientMarketplaceException.class);
        }
    }

    @Test
    void listingsAreTheOriginProductsAndOptionsOfTheStoredDetails() {
        String raw = "[{\"order\":{\"orderId\":\"2026112900000101\"},\"productOrder\":{\"productOrderId\":\"2026112900000102\","
                + "\"productId\":\"5512345678\",\"originalProductId\":\"8807700123\",\"optionCode\":\"30012345671\","
                + "\"optionManageCode\":\"SKU-RED\",\"sellerProductCode\":\"NV-TEE\",\"quantity\":1}},"
                + "{\"order\":{\"orderId\":\"2026112900000101\"},\"productOrder\":{\"productOrderId\":\"2026112900000103\","
                + "\"productId\":\"5512345679\",\"originalProductId\":\"8807700124\",\"sellerProductCode\":\"NV-MUG\",\"quantity\":2}},"
                + "{\"order\":{\"orderId\":\"2026112900000101\"},\"productOrder\":{\"productOrderId\":\"2026112900000104\","
                + "\"productId\":\"5512345680\",\"quantity\":1}}]";
        Order order = new Order(Marketplace.NAVER, ACCOUNT.id(), "2026112900000101", null, null, null, null, null, null, null,
                null, "KRW", null, null, null, null, List.of(), raw);
        assertThat(new NaverConnector().listingsOf(order)).containsExactly(
                new LearnedListing(Marketplace.NAVER, "8807700123", "30012345671", "SKU-RED"),
                // no option: change-status; the product's seller code
                new LearnedListing(Marketplace.NAVER, "8807700124", "", "NV-MUG"));
        assertThat(new NaverConnector().stockRoute()).isEqualTo("naver-stock");
        assertThat(new NaverConnector().stockGroupsOptions()).isTrue();
    }
}
