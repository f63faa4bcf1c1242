package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.naver.NaverReplies.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GET /external/v1/products/origin-products/{originProductNo}: the seller's origin product as the product API
 * shows it, from the figures {@link ProductStock} keeps: {@code originProduct} (statusType, name, salePrice,
 * stockQuantity, detailAttribute with optionInfo and sellerCodeInfo) beside {@code smartstoreChannelProduct}. Its
 * options are {@code optionInfo.optionCombinations} [{id, optionName1.., stockQuantity, price, sellerManagerCode,
 * usable}] under {@code optionCombinationGroupNames}; a product without options has none and its own stockQuantity.
 * naver.md documents the option-stock body, not this read; the shape follows the product API's fields the stock
 * calls use (docs/naver.md). An unknown origin product is 404 NOT_FOUND in the product APIs' error body.
 */
final class OriginProductHandler implements NaverApiHandler {

    private final ProductStock stock;
    final AtomicLong calls = new AtomicLong();

    OriginProductHandler(ProductStock stock) {
        this.stock = stock;
    }

    @Override
    public SimReply answer(Call call) {
        calls.incrementAndGet();
        Map<String, ProductStock.Listing> book = stock.book(call.seller().id);
        synchronized (book) {
            ProductStock.Listing l = book.get(call.pathId());
            if (l == null) {
                return StockHandler.error(404, "NOT_FOUND", "상품이 존재하지 않습니다.", "originProductNo", "NotFound",
                        "존재하지 않는 원상품 번호입니다.");
            }
            ObjectNode root = JSON.createObjectNode();
            ObjectNode product = root.putObject("originProduct");
            product.put("statusType", l.status);
            product.put("saleType", "NEW");
            product.put("leafCategoryId", "50000803");
            product.put("name", l.name);
            product.put("salePrice", 10000);
            product.put("stockQuantity", l.hasOptions() ? l.options.values().stream().mapToInt(Integer::intValue).sum() : l.stock);
            ObjectNode detail = product.putObject("detailAttribute");
            if (l.hasOptions()) {
                options(detail.putObject("optionInfo"), l);
            }
            ObjectNode codes = detail.putObject("sellerCodeInfo");
            if (l.sellerCode != null) {
                codes.put("sellerManagementCode", l.sellerCode);
            }
            ObjectNode channel = root.putObject("smartstoreChannelProduct");
            channel.put("channelProductName", l.name);
            channel.put("naverShoppingRegistration", false);
            channel.put("channelProductDisplayStatusType", "ON");
            return SimReply.json(200, root.toString());
        }
    }

    /** optionInfo of a product with options: "사이즈: S / 색상: 베이지" is optionName1 S, optionName2 베이지. */
    private static void options(ObjectNode info, ProductStock.Listing l) {
        info.put("optionCombinationSortType", "CREATE");
        ObjectNode groups = info.putObject("optionCombinationGroupNames");
        ArrayNode combinations = info.putArray("optionCombinations");
        for (Map.Entry<String, Integer> e : l.options.entrySet()) {
            ObjectNode o = combinations.addObject();
            o.put("id", Long.parseLong(e.getKey()));
            String[] parts = l.optionNames.getOrDefault(e.getKey(), "옵션: " + e.getKey()).split(" / ");
            for (int i = 0; i < parts.length && i < 4; i++) {
                int colon = parts[i].indexOf(':');
                groups.put("optionGroupName" + (i + 1), colon < 0 ? "옵션" : parts[i].substring(0, colon).trim());
                o.put("optionName" + (i + 1), colon < 0 ? parts[i].trim() : parts[i].substring(colon + 1).trim());
            }
            o.put("stockQuantity", e.getValue());
            o.put("price", 0);
            String code = l.optionCodes.get(e.getKey());
            if (code != null) {
                o.put("sellerManagerCode", code);
            }
            o.put("usable", true);
        }
        info.put("useStockManagement", true);
    }
}
