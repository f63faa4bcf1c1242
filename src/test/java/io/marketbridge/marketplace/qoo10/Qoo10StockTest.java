package io.marketbridge.marketplace.qoo10;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketbridge.config.Account;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.stock.LearnedListing;
import io.marketbridge.support.Fixtures;
import io.marketbridge.stock.StockPushUnit;
import io.marketbridge.stock.StockTarget;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Qoo10 stock bean on answers built by hand from Qoo10's item method specs (GetItemDetailInfo's string fields,
 * GetGoodsInventoryInfo's Name1..Value5 / Price / Qty / ItemTypeCode rows, ResultCode -10001 "Fail to find Item
 * information", -10002 "Check Inventory Data Format").
 */
class Qoo10StockTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Account ACCOUNT = new Account("qoo10-acme", "qoo10", Map.of(), Map.of());

    final Qoo10Stock stock = new Qoo10Stock();

    static StockPushUnit unit(String itemCode, String optionCode, int qty) {
        return new StockPushUnit(ACCOUNT, Marketplace.QOO10, itemCode, List.of(new StockTarget(41, optionCode, "SKU-1", qty)));
    }

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    static Map<String, String> params(ApiRequest request) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String pair : request.body().split("&")) {
            String[] kv = pair.split("=", 2);
            p.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void anItemWithoutOptionsIsReadThenSetWithItsPriceTaxAndEndOfSaleAsRead() throws Exception {
        StockPushUnit u = unit("1234567890", "", 37);
        stock.begin(u);
        ApiRequest read = stock.request(u);
        assertThat(read.method()).isEqualTo("POST");
        assertThat(read.path()).isEqualTo("ItemsLookup.GetItemDetailInfo");
        assertThat(params(read)).containsExactly(Map.entry("ItemCode", "1234567890"), Map.entry("SellerCode", ""));

        stock.answer(u, json("""
                {"ResultCode":0,"ResultMsg":"Success","ResultObject":[{"ItemCode":"1234567890","ItemStatus":"S2",
                 "SellerCode":"A12345b","ItemPrice":"10000.0000","TaxRate":"8","ItemQty":"200","ExpireDate":"2030-12-31"}]}"""));
        assertThat(u.hasNextCall()).isTrue();
        ApiRequest write = stock.request(u);
        assertThat(write.path()).isEqualTo("ItemsOrder.SetGoodsPriceQty");
        assertThat(params(write)).containsExactly(Map.entry("ItemCode", "1234567890"), Map.entry("SellerCode", ""),
                Map.entry("Price", "10000"), Map.entry("TaxRate", "8"), Map.entry("Qty", "37"),
                Map.entry("ExpireDate", "2030-12-31"));

        stock.answer(u, json("{\"ResultCode\":0,\"ResultMsg\":\"SUCCESS\"}"));
        assertThat(u.getOutcome()).isEqualTo("SENT");
        assertThat(u.getResultCode()).isEqualTo("OK");
    }

    @Test
    void anOptionIsWrittenBackWithEveryOtherRowAsRead() throws Exception {
        StockPushUnit u = unit("1234567890", "blue-1", 0);
        stock.begin(u);
        ApiRequest read = stock.request(u);
        assertThat(read.path()).isEqualTo("ItemsLookup.GetGoodsInventoryInfo");
        stock.answer(u, json("""
                {"ResultCode":0,"ResultMsg":"Success","ResultObject":[
                 {"Name1":"color","Value1":"red","Name2":"","Value2":"","Price":0,"Qty":10,"ItemTypeCode":"red-1"},
                 {"Name1":"color","Value1":"blue","Name2":"","Value2":"","Price":500.0000,"Qty":15,"ItemTypeCode":"blue-1"}]}"""));
        ApiRequest write = stock.request(u);
        assertThat(write.path()).isEqualTo("ItemsOptions.EditGoodsInventory");
        assertThat(params(write)).containsExactly(Map.entry("ItemCode", "1234567890"), Map.entry("SellerCode", ""),
                Map.entry("InventoryInfo", "color||*red||*0||*10||*red-1$$color||*blue||*500||*0||*blue-1"));
        stock.answer(u, json("{\"ResultCode\":0,\"ResultMsg\":\"成功\"}"));
        assertThat(u.getOutcome()).isEqualTo("SENT");
    }

    @Test
    void anOptionTheItemDoesNotHaveIsRejectedWithoutAWrite() throws Exception {
        StockPushUnit u = unit("1234567890", "green-1", 3);
        stock.begin(u);
        stock.answer(u, json("""
                {"ResultCode":0,"ResultObject":[{"Name1":"color","Value1":"red","Price":0,"Qty":10,"ItemTypeCode":"red-1"}]}"""));
        assertThat(u.getOutcome()).isEqualTo("REJECTED");
        assertThat(u.getResultCode()).isEqualTo("OPTION_NOT_FOUND");
        assertThat(u.getResultMessage()).contains("1234567890", "green-1");
        assertThat(u.hasNextCall()).isFalse();
    }

    @Test
    void optionsOnTwoAxesAreRejected() throws Exception {
        StockPushUnit u = unit("1234567890", "Red_S", 3);
        stock.begin(u);
        stock.answer(u, json("""
                {"ResultCode":0,"ResultObject":[{"Name1":"カラー","Value1":"RED","Name2":"サイズ","Value2":"S",
                 "Price":0,"Qty":10,"ItemTypeCode":"Red_S"}]}"""));
        assertThat(u.getResultCode()).isEqualTo("MULTI_AXIS_OPTIONS");
        assertThat(u.getOutcome()).isEqualTo("REJECTED");
    }

    @Test
    void anUnknownItemIsRejectedWithQoo10sCodeNamingTheItem() throws Exception {
        StockPushUnit u = unit("999999999", "", 3);
        stock.begin(u);
        stock.answer(u, json("{\"ResultCode\":-10001,\"ResultMsg\":\"Fail to find Item information with 'ItemCode','SellerCode'.\"}"));
        assertThat(u.getOutcome()).isEqualTo("REJECTED");
        assertThat(u.getResultCode()).isEqualTo("-10001");
        assertThat(u.getResultMessage()).contains("999999999");
    }

    @Test
    void aRefusedWriteIsRejectedWithItsCode() throws Exception {
        StockPushUnit u = unit("1234567890", "red-1", 4);
        stock.begin(u);
        stock.answer(u, json("""
                {"ResultCode":0,"ResultObject":[{"Name1":"color","Value1":"red","Price":0,"Qty":10,"ItemTypeCode":"red-1"}]}"""));
        stock.answer(u, json("{\"ResultCode\":-10002,\"ResultMsg\":\"Check Inventory Data Format\"}"));
        assertThat(u.getOutcome()).isEqualTo("REJECTED");
        assertThat(u.getResultCode()).isEqualTo("-10002");
        assertThat(u.getResultMessage()).contains("itemCode 1234567890 option red-1", "Check Inventory Data Format");
    }

    @Test
    void anItemReadWithoutAnEndOfSaleIsNotWritten() throws Exception {
        StockPushUnit u = unit("1234567890", "", 3);
        stock.begin(u);
        stock.answer(u, json("{\"ResultCode\":0,\"ResultObject\":{\"ItemCode\":\"1234567890\",\"ItemPrice\":\"100\",\"ExpireDate\":\"\"}}"));
        assertThat(u.getOutcome()).isEqualTo("REJECTED");
        assertThat(u.getResultCode()).isEqualTo("NO_EXPIRE_DATE");
    }

    @Test
    void aNegativeQuantityIsRejectedBeforeAnyCall() {
        StockPushUnit u = unit("1234567890", "", -1);
        stock.begin(u);
        assertThat(u.getOutcome()).isEqualTo("REJECTED");
        assertThat(u.getResultCode()).isEqualTo("BAD_QUANTITY");
        assertThat(u.hasNextCall()).isFalse();
    }

    @Test
    void anOrdersListingsAreItsItemCodesWithTheirOptionCodes() throws Exception {
        // the hand-built GetShippingInfo_v2 cart: one line with optionCode WHT-M, one without an option
        Order order = Qoo10OrderMapper.map("qoo10-acme", Fixtures.elements(Fixtures.json("qoo10/shippinginfo-v2-cart.json")
                .get("ResultObject")), Qoo10OrderMapper.SellerSku.ITEM_OPTION, "-");
        assertThat(new Qoo10Connector().listingsOf(order)).containsExactly(
                new LearnedListing(Marketplace.QOO10, "912345678", "WHT-M", "TS-LONG-WHT-M"),
                new LearnedListing(Marketplace.QOO10, "912345680", "", "RAMEN-5"));
    }

    @Test
    void theConnectorNamesItsStockRouteAndSetsOneOptionPerUnit() {
        Qoo10Connector qoo10 = new Qoo10Connector();
        assertThat(qoo10.stockRoute()).isEqualTo("qoo10-stock");
        assertThat(qoo10.stockGroupsOptions()).isFalse();
    }
}
