package io.marketbridge.marketplace.coupang;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountKey;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.stock.LearnedListing;
import io.marketbridge.stock.StockPushUnit;
import io.marketbridge.stock.StockTarget;
import io.marketbridge.support.Fixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Coupang's stock push on fixtures written from coupang.md 1.3 (PUT seller_api vendor-items/{vendorItemId}/quantities
 * /{quantity}, no body, answer {"code":"SUCCESS","message":...}) and 1.1 (product APIs say ERROR when they refuse).
 */
class CoupangStockTest {

    final CoupangStock stock = new CoupangStock();

    static Account account(String maxQuantity) {
        Map<String, AccountKey> keys = new HashMap<>();
        CoupangConnector.KEYS.forEach(k -> keys.put(k.name(), k));
        return new Account("acme", "coupang", Map.of("vendor-id", "A00012345", "access-key", "ak", "secret-key", "sk",
                CoupangConnector.STOCK_MAX_QUANTITY, maxQuantity), keys);
    }

    static StockPushUnit unit(String vendorItemId, int quantity) {
        return new StockPushUnit(account("99999"), Marketplace.COUPANG, vendorItemId,
                List.of(new StockTarget(7, "", "SKU-A-WHITE", quantity)));
    }

    @Test
    void setsTheFigureWithOnePutOnThePathAndNoBody() throws Exception {
        StockPushUnit unit = unit("880123400100", 37);
        stock.begin(unit);
        assertThat(unit.getNextCall()).isEqualTo(CoupangStock.SET);
        ApiRequest request = stock.request(unit);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo(
                "/v2/providers/seller_api/apis/api/v1/marketplace/vendor-items/880123400100/quantities/37");
        assertThat(request.rawQuery()).isEmpty();
        assertThat(request.body()).isNull();

        stock.answer(unit, OrderJson.mapper().readTree("{\"code\":\"SUCCESS\",\"message\":\"재고 변경 완료\"}"));
        assertThat(unit.getOutcome()).isEqualTo("SENT");
        assertThat(unit.getResultCode()).isEqualTo("SUCCESS");
        assertThat(unit.hasNextCall()).isFalse();
    }

    @Test
    void zeroIsSentAsSoldOut() {
        StockPushUnit unit = unit("880123400100", 0);
        stock.begin(unit);
        assertThat(stock.request(unit).path()).endsWith("/vendor-items/880123400100/quantities/0");
    }

    @Test
    void aRefusalInsideA200IsRejectedNamingTheListing() throws Exception {
        StockPushUnit unit = unit("880123400199", 5);
        stock.begin(unit);
        stock.request(unit);
        stock.answer(unit, OrderJson.mapper().readTree("{\"code\":\"ERROR\",\"message\":\"존재하지 않는 옵션입니다.\"}"));
        assertThat(unit.getOutcome()).isEqualTo("REJECTED");
        assertThat(unit.getResultCode()).isEqualTo("ERROR");
        assertThat(unit.getResultMessage()).contains("880123400199").contains("존재하지 않는 옵션입니다.")
                .doesNotContain("ak").doesNotContain("sk");
    }

    @Test
    void aQuantityOutsideTheLimitOrABadKeyIsRejectedBeforeAnyCall() {
        StockPushUnit negative = unit("880123400100", -1);
        stock.begin(negative);
        assertThat(negative.getOutcome()).isEqualTo("REJECTED");
        assertThat(negative.getResultCode()).isEqualTo("BAD_QUANTITY");
        assertThat(negative.hasNextCall()).isFalse();

        StockPushUnit over = new StockPushUnit(account("500"), Marketplace.COUPANG, "880123400100",
                List.of(new StockTarget(8, "", "SKU-A-WHITE", 501)));
        stock.begin(over);
        assertThat(over.getResultCode()).isEqualTo("BAD_QUANTITY");
        assertThat(over.getResultMessage()).contains("0..500");

        StockPushUnit atLimit = new StockPushUnit(account("500"), Marketplace.COUPANG, "880123400100",
                List.of(new StockTarget(9, "", "SKU-A-WHITE", 500)));
        stock.begin(atLimit);
        assertThat(atLimit.hasNextCall()).isTrue();

        StockPushUnit notAnId = unit("SKU-A-WHITE", 3);
        stock.begin(notAnId);
        assertThat(notAnId.getResultCode()).isEqualTo("UNKNOWN_LISTING");
    }

    @Test
    void theErrorTableRejectsA400AndRetriesA429AndServerErrors() {
        var http400 = new io.marketbridge.marketplace.HttpAnswer("Coupang stock", "acme", 400, null,
                "옵션ID(vendorItemId) 1 에 해당하는 상품이 없습니다.", null);
        assertThat(CoupangErrors.TABLE.failure(http400)).isInstanceOf(io.marketbridge.marketplace.RejectedException.class);
        assertThat(CoupangErrors.TABLE.failure(new io.marketbridge.marketplace.HttpAnswer("Coupang stock", "acme", 429,
                null, "Too Many Requests", null))).isInstanceOf(io.marketbridge.marketplace.TransientMarketplaceException.class);
        assertThat(CoupangErrors.TABLE.failure(new io.marketbridge.marketplace.HttpAnswer("Coupang stock", "acme", 503,
                null, "x", null))).isInstanceOf(io.marketbridge.marketplace.TransientMarketplaceException.class);
    }

    @Test
    void learnsEachLineAsItsVendorItemIdWithoutAnOption() throws Exception {
        Order order = CoupangOrderMapper.map("acme", Fixtures.elements(Fixtures.json("coupang/ordersheets-v5-split.json")));
        List<LearnedListing> listings = new CoupangConnector().listingsOf(order);
        assertThat(listings).hasSize(order.lines().size());
        assertThat(listings.get(0)).isEqualTo(new LearnedListing(Marketplace.COUPANG, "880123400100", "", "SKU-A-WHITE"));
        assertThat(listings).allSatisfy(l -> assertThat(l.optionId()).isEmpty());
        assertThat(listings.get(1).listingId()).isEqualTo(order.lines().get(1).optionId());
    }
}
