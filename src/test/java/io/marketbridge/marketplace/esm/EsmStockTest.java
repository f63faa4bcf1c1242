package io.marketbridge.marketplace.esm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.config.Account;
import io.marketbridge.config.AccountKey;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.shipment.ShipmentStatus;
import io.marketbridge.stock.LearnedListing;
import io.marketbridge.stock.StockPushUnit;
import io.marketbridge.stock.StockTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * ESM's stock push on fixtures written from esm.md 2.3 (PUT /item/v1/goods/{goodsNo}/stock, stock{gmkt,iac}), 2.8
 * (the ResultCode envelope with HTTP 200: 1000 invalid or not found, 3000 parameter error or rate limit) and 2.5
 * (RequestOrders rows: GoodsNo, SiteGoodsNo, OutGoodsNo, SKUNo).
 */
class EsmStockTest {

    static final Map<String, AccountKey> KEYS = EsmConnector.KEYS.stream().collect(Collectors.toMap(AccountKey::name, k -> k));
    static final Account BOTH = account("gmarket-seller", "auction-seller");
    static final Account GMARKET_ONLY = account("gmarket-seller", null);
    final EsmStock stock = new EsmStock();

    static Account account(String gmarket, String auction) {
        Map<String, String> values = new HashMap<>();
        values.put(EsmConnector.MASTER_ID, "acmemaster");
        if (gmarket != null) {
            values.put(EsmConnector.GMARKET_SELLER_ID, gmarket);
        }
        if (auction != null) {
            values.put(EsmConnector.AUCTION_SELLER_ID, auction);
        }
        return new Account("esm-acme", "esm", values, KEYS);
    }

    static StockPushUnit unit(Account account, Marketplace site, String goodsNo, String optionId, int quantity) {
        return new StockPushUnit(account, site, goodsNo, List.of(new StockTarget(41, optionId, "ESM-TEE-01", quantity)));
    }

    static JsonNode json(String text) throws Exception {
        return OrderJson.mapper().readTree(text);
    }

    @Test
    void theUnitsSiteNamesTheFigureItSets() throws Exception {
        StockPushUnit gmarket = unit(BOTH, Marketplace.GMARKET, "3012345678", "", 25);
        stock.begin(gmarket);
        assertThat(gmarket.getNextCall()).isEqualTo(EsmStock.STOCK);
        ApiRequest request = stock.request(gmarket);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/item/v1/goods/3012345678/stock");
        assertThat(json(request.body())).isEqualTo(json("{\"stock\":{\"gmkt\":25}}"));

        StockPushUnit auction = unit(BOTH, Marketplace.AUCTION, "3012345678", "", 0);
        stock.begin(auction);
        assertThat(json(stock.request(auction).body())).isEqualTo(json("{\"stock\":{\"iac\":0}}"));
    }

    @Test
    void resultCodeZeroIsSentAndOtherCodesAreRefusals() throws Exception {
        StockPushUnit ok = unit(BOTH, Marketplace.GMARKET, "3012345678", "", 25);
        stock.begin(ok);
        stock.answer(ok, json("{\"ResultCode\":0,\"Message\":\"Success\",\"Data\":{\"goodsNo\":3012345678}}"));
        assertThat(ok.getOutcome()).isEqualTo(ShipmentStatus.SENT);
        assertThat(ok.getResultCode()).isEqualTo("OK");

        StockPushUnit unknown = unit(BOTH, Marketplace.AUCTION, "3012345679", "", 5);
        stock.begin(unknown);
        stock.answer(unknown, json("{\"ResultCode\":1000,\"Message\":\"상품번호를 찾을 수 없습니다.\",\"Data\":null}"));
        assertThat(unknown.getOutcome()).isEqualTo(ShipmentStatus.REJECTED);
        assertThat(unknown.getResultCode()).isEqualTo("1000");
        assertThat(unknown.getResultMessage()).contains("3012345679").contains("Auction").contains("상품번호를 찾을 수 없습니다.");

        StockPushUnit rule = unit(BOTH, Marketplace.AUCTION, "3012345679", "", 5);
        stock.begin(rule);
        stock.answer(rule, json("{\"ResultCode\":8668,\"Message\":\"판매중지 상품입니다.\",\"Data\":null,\"BizRuleCode\":\"W8123\"}"));
        assertThat(rule.getOutcome()).isEqualTo(ShipmentStatus.REJECTED);
        assertThat(rule.getResultCode()).isEqualTo("8668/W8123");

        // 3000 is the rate limit or a parameter error (esm.md 2.8): only the limit is retried
        StockPushUnit limited = unit(BOTH, Marketplace.GMARKET, "3012345678", "", 5);
        stock.begin(limited);
        stock.answer(limited, json("{\"ResultCode\":3000,\"Message\":\"호출 횟수 제한을 초과하였습니다.\",\"Data\":null}"));
        assertThat(limited.getOutcome()).isEqualTo(ShipmentStatus.FAILED);
        StockPushUnit parameter = unit(BOTH, Marketplace.GMARKET, "3012345678", "", 5);
        stock.begin(parameter);
        stock.answer(parameter, json("{\"ResultCode\":3000,\"Message\":\"파라미터 오류입니다.\",\"Data\":null}"));
        assertThat(parameter.getOutcome()).isEqualTo(ShipmentStatus.REJECTED);
    }

    @Test
    void whatEsmWouldRefuseIsRejectedBeforeAnyCall() {
        StockPushUnit negative = unit(BOTH, Marketplace.GMARKET, "3012345678", "", -2);
        stock.begin(negative);
        assertThat(negative.getResultCode()).isEqualTo("BAD_QUANTITY");
        assertThat(negative.getResultMessage()).contains("3012345678").contains("Gmarket");
        assertThat(negative.hasNextCall()).isFalse();

        StockPushUnit over = unit(BOTH, Marketplace.GMARKET, "3012345678", "", EsmStock.MAX_QUANTITY + 1);
        stock.begin(over);
        assertThat(over.getResultCode()).isEqualTo("BAD_QUANTITY");
        StockPushUnit limit = unit(BOTH, Marketplace.GMARKET, "3012345678", "", EsmStock.MAX_QUANTITY);
        stock.begin(limit);
        assertThat(limit.isFinished()).isFalse();

        StockPushUnit option = unit(BOTH, Marketplace.GMARKET, "3012345678", "301234567801", 3);
        stock.begin(option);
        assertThat(option.getResultCode()).isEqualTo("BAD_OPTION");

        StockPushUnit noAuction = unit(GMARKET_ONLY, Marketplace.AUCTION, "3012345678", "", 3);
        stock.begin(noAuction);
        assertThat(noAuction.getResultCode()).isEqualTo("SITE_OFF");

        StockPushUnit siteGoodsNo = unit(BOTH, Marketplace.AUCTION, "B123456703", "", 3);
        stock.begin(siteGoodsNo);
        assertThat(siteGoodsNo.getResultCode()).isEqualTo("BAD_LISTING");
    }

    @Test
    void listingsAreTheMasterGoodsNosOfTheStoredRows() {
        String raw = "{\"SiteType\":1,\"RequestOrders\":["
                + "{\"PayNo\":4100000001,\"OrderNo\":3200000001,\"GoodsNo\":3012345678,\"SiteGoodsNo\":\"B301234567\","
                + "\"OutGoodsNo\":\"ESM-TEE\",\"SKUNo\":301234567801,\"ContrAmount\":1},"
                + "{\"PayNo\":4100000001,\"OrderNo\":3200000002,\"GoodsNo\":3012345678,\"SiteGoodsNo\":\"B301234567\","
                + "\"OutGoodsNo\":\"ESM-TEE\",\"SKUNo\":301234567802,\"ContrAmount\":2},"
                + "{\"PayNo\":4100000001,\"OrderNo\":3200000003,\"GoodsNo\":\"3012345699\",\"SiteGoodsNo\":\"B301234569\","
                + "\"SKUNo\":301234569900,\"ContrAmount\":1},"
                + "{\"PayNo\":4100000001,\"OrderNo\":3200000004,\"GoodsNo\":0,\"SiteGoodsNo\":\"B301234570\",\"ContrAmount\":1}]}";
        Order order = new Order(Marketplace.AUCTION, "esm-acme", "4100000001", null, null, null, null, null, null, null, null,
                "KRW", null, null, null, null, List.of(), raw);
        assertThat(new EsmConnector().listingsOf(order)).containsExactly(
                new LearnedListing(Marketplace.AUCTION, "3012345678", "", "ESM-TEE"),
                new LearnedListing(Marketplace.AUCTION, "3012345699", "", "301234569900"));
        assertThat(new EsmConnector().stockRoute()).isEqualTo("esm-stock");
        assertThat(new EsmConnector().stockGroupsOptions()).isFalse();
    }
}
