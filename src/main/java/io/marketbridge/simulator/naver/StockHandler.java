package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.naver.NaverReplies.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * PUT /external/v1/products/origin-products/{originProductNo}/option-stock and .../change-status (naver.md 2.9):
 * the seller sets option stock (optionInfo.optionCombinations / optionStandards [{id, stockQuantity}], all or
 * nothing), or the sale status of a product without options (statusType, stockQuantity; 0 forces OUTOFSTOCK,
 * OUTOFSTOCK -> SALE needs a stockQuantity). Success is HTTP 200 without a body (naver.md shows none). Refusals
 * use the product APIs' body {code, message, timestamp, invalidInputs[{name, type, message}], needAlert}: 404
 * NOT_FOUND for an unknown origin product, 400 BAD_REQUEST naming the field for anything else.
 */
final class StockHandler implements NaverApiHandler {

    static final boolean OPTION_STOCK = true;
    static final boolean CHANGE_STATUS = false;
    /** naver.md 2.9. */
    static final long MAX_QUANTITY = 99_999_999L;
    private static final Set<String> STATUSES = Set.of("SALE", "OUTOFSTOCK", "SUSPENSION");

    private final ProductStock stock;
    private final NaverCallCounts counts;
    private final boolean optionStock;

    StockHandler(ProductStock stock, NaverCallCounts counts, boolean optionStock) {
        this.stock = stock;
        this.counts = counts;
        this.optionStock = optionStock;
    }

    @Override
    public SimReply answer(Call call) {
        counts.stock.incrementAndGet();
        Map<String, ProductStock.Listing> book = stock.book(call.seller().id);
        synchronized (book) {
            ProductStock.Listing listing = book.get(call.pathId());
            if (listing == null) {
                return error(404, "NOT_FOUND", "상품이 존재하지 않습니다.", "originProductNo", "NotFound", "존재하지 않는 원상품 번호입니다.");
            }
            listing.calls++;
            JsonNode body = NaverReplies.readJson(call.body());
            if (body == null) {
                return error(400, "BAD_REQUEST", "요청 본문을 읽을 수 없습니다.", "body", "HttpMessageNotReadable", "JSON 객체가 아닙니다.");
            }
            return optionStock ? optionStock(listing, body) : changeStatus(listing, body);
        }
    }

    private SimReply optionStock(ProductStock.Listing listing, JsonNode body) {
        if (!listing.hasOptions()) {
            return invalid("optionInfo", "NotSupported", "옵션이 없는 상품입니다. 판매 상태 변경으로 재고를 수정해 주세요.");
        }
        JsonNode info = body.path("optionInfo");
        Map<String, Long> changes = new LinkedHashMap<>();
        for (String kind : new String[] {"optionCombinations", "optionStandards"}) {
            JsonNode list = info.path(kind);
            for (int i = 0; i < list.size(); i++) {
                JsonNode o = list.get(i);
                String field = "optionInfo." + kind + "[" + i + "]";
                JsonNode id = o.get("id");
                if (id == null || !id.isIntegralNumber()) {
                    return invalid(field + ".id", "typeMismatch", "옵션 ID는 숫자여야 합니다.");
                }
                if (!listing.options.containsKey(id.asText())) {
                    return invalid(field + ".id", "NotFound", "존재하지 않는 옵션입니다.");
                }
                JsonNode q = o.get("stockQuantity");
                if (q != null && !q.isNull()) {
                    SimReply bad = checkQuantity(q, field + ".stockQuantity");
                    if (bad != null) {
                        return bad;
                    }
                    changes.put(id.asText(), q.asLong());
                }
            }
        }
        if (changes.isEmpty()) {
            return invalid("optionInfo", "NotEmpty", "수정할 옵션이 없습니다.");
        }
        changes.forEach((id, q) -> listing.options.put(id, q.intValue()));
        return SimReply.empty(200);
    }

    private SimReply changeStatus(ProductStock.Listing listing, JsonNode body) {
        String status = body.path("statusType").asText("");
        if (!STATUSES.contains(status)) {
            return invalid("statusType", "NotValid", "변경할 수 없는 판매 상태입니다.");
        }
        JsonNode q = body.get("stockQuantity");
        boolean quantity = q != null && !q.isNull();
        if (quantity) {
            SimReply bad = checkQuantity(q, "stockQuantity");
            if (bad != null) {
                return bad;
            }
            if (listing.hasOptions()) {
                return invalid("stockQuantity", "NotSupported", "옵션 상품의 재고는 옵션 재고로 수정해 주세요.");
            }
        }
        switch (status) {
            case "SALE" -> {
                if (!quantity && !listing.hasOptions() && (listing.stock == 0 || "OUTOFSTOCK".equals(listing.status))) {
                    return invalid("stockQuantity", "NotNull", "품절 상품을 판매중으로 변경하려면 재고 수량이 필요합니다.");
                }
                if (quantity) {
                    listing.stock = q.intValue();
                }
                // a stock of 0 forces OUTOFSTOCK
                listing.status = quantity && q.intValue() == 0 ? "OUTOFSTOCK" : "SALE";
            }
            case "OUTOFSTOCK" -> {
                listing.status = "OUTOFSTOCK";
                if (!listing.hasOptions()) {
                    listing.stock = 0;
                }
            }
            default -> listing.status = status;
        }
        return SimReply.empty(200);
    }

    /** A figure Naver takes: an integer 0..99 999 999 (a string, a fraction or a negative is refused). */
    private static SimReply checkQuantity(JsonNode q, String field) {
        if (!q.isIntegralNumber()) {
            return invalid(field, "typeMismatch", "재고 수량은 숫자여야 합니다.");
        }
        if (q.asLong() < 0 || q.asLong() > MAX_QUANTITY) {
            return invalid(field, "Range", "재고 수량은 0 ~ 99,999,999 사이여야 합니다.");
        }
        return null;
    }

    private static SimReply invalid(String name, String type, String message) {
        return error(400, "BAD_REQUEST", "요청 값이 올바르지 않습니다.", name, type, message);
    }

    /** The product APIs' error body (naver.md 2.11). */
    static SimReply error(int status, String code, String message, String name, String type, String inputMessage) {
        ObjectNode root = JSON.createObjectNode();
        root.put("code", code);
        root.put("message", message);
        root.put("timestamp", NaverDates.now());
        ObjectNode input = root.putArray("invalidInputs").addObject();
        input.put("name", name);
        input.put("type", type);
        input.put("message", inputMessage);
        root.put("needAlert", false);
        return SimReply.json(status, root.toString());
    }
}
