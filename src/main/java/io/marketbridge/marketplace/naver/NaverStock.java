package io.marketbridge.marketplace.naver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.stock.LearnedListing;
import io.marketbridge.stock.StockPushUnit;
import io.marketbridge.stock.StockTarget;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * Naver's side of the stock push (route naver-stock, naver.md 2.9): one call per origin product.
 *
 * <pre>
 *   options      OPTION_STOCK   PUT /v1/products/origin-products/{originProductNo}/option-stock
 *                               {optionInfo{useStockManagement:true, optionCombinations[{id, stockQuantity}]}}
 *                               every changed option of the product in one call (stockGroupsOptions)
 *   no options   CHANGE_STATUS  PUT /v1/products/origin-products/{originProductNo}/change-status
 *                               {statusType:SALE, stockQuantity:n}, or {statusType:OUTOFSTOCK} for 0
 * </pre>
 * Only id and stockQuantity are sent for an option: price and usable are left out so that a stock push never
 * changes an option's price or switches it off (naver.md does not say what Naver does with a missing price; see
 * docs/naver.md, Stock). Refusals come as HTTP 4xx (NaverErrors: REJECTED); a 2xx is the success.
 */
public class NaverStock {

    static final String OPTION_STOCK = "OPTION_STOCK";
    static final String CHANGE_STATUS = "CHANGE_STATUS";
    static final String ORIGIN_PRODUCTS = "/v1/products/origin-products/";
    /** naver.md 2.9: stockQuantity is at most 99 999 999. */
    static final int MAX_QUANTITY = 99_999_999;

    /** Route step: checks the unit and names its call; a figure Naver would refuse is REJECTED before any call. */
    public void begin(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit) {
        if (!digits(unit.getListingId())) {
            unit.rejected("BAD_LISTING", "listing '" + unit.getListingId() + "' is not a Naver originProductNo (digits)");
            return;
        }
        boolean plain = false;
        boolean options = false;
        for (StockTarget t : unit.getTargets()) {
            if (t.quantity() < 0 || t.quantity() > MAX_QUANTITY) {
                unit.rejected("BAD_QUANTITY", "stock " + t.quantity() + " for " + where(unit, t)
                        + " is outside Naver's 0.." + MAX_QUANTITY);
                return;
            }
            if (t.optionId().isEmpty()) {
                plain = true;
            } else if (!digits(t.optionId())) {
                unit.rejected("BAD_OPTION", where(unit, t) + ": the option is not a Naver option id (digits)");
                return;
            } else {
                options = true;
            }
        }
        if (plain && (options || unit.getTargets().size() > 1)) {
            // one origin product either has options (option-stock) or not (change-status), never both
            unit.rejected("MIXED_OPTIONS", "origin product " + unit.getListingId() + " is mapped both with and without"
                    + " options (" + unit.describe() + "); correct MB_LISTING");
            return;
        }
        unit.next(plain ? CHANGE_STATUS : OPTION_STOCK);
    }

    /** Route step: the ApiRequest of the unit's call. */
    public ApiRequest request(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit) {
        String no = unit.getListingId().trim();
        if (CHANGE_STATUS.equals(unit.getNextCall())) {
            return ApiRequest.withBody("PUT", ORIGIN_PRODUCTS + no + "/change-status", changeStatusBody(unit.getQuantity()),
                    "stock (change-status) of origin product " + no);
        }
        return ApiRequest.withBody("PUT", ORIGIN_PRODUCTS + no + "/option-stock", optionStockBody(unit.getTargets()),
                "stock (option-stock) of origin product " + no + ", " + unit.getTargets().size() + " option(s)");
    }

    static String optionStockBody(List<StockTarget> targets) {
        ObjectNode body = OrderJson.mapper().createObjectNode();
        ObjectNode info = body.putObject("optionInfo");
        info.put("useStockManagement", true);
        ArrayNode combinations = info.putArray("optionCombinations");
        for (StockTarget t : targets) {
            ObjectNode o = combinations.addObject();
            o.put("id", Long.parseLong(t.optionId().trim())); // an int64 in the product API
            o.put("stockQuantity", t.quantity());
        }
        return body.toString();
    }

    /** A stock of 0 is OUTOFSTOCK (Naver forces it anyway); any other figure puts the product on SALE with it. */
    static String changeStatusBody(int quantity) {
        ObjectNode body = OrderJson.mapper().createObjectNode();
        if (quantity == 0) {
            body.put("statusType", "OUTOFSTOCK");
        } else {
            body.put("statusType", "SALE");
            body.put("stockQuantity", quantity);
        }
        return body.toString();
    }

    /** Route step: a 2xx answer (any body, even none) means Naver took the figures; refusals were thrown by naverApi. */
    public void answer(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit, @Body JsonNode root) {
        unit.made(unit.getNextCall());
        unit.sent("OK", null);
    }

    /**
     * The listing options of a delivered order: each product order's originalProductId (the origin product the
     * stock calls address, not the channel productId the line keeps) and optionCode ("" for a product without
     * options), read from the stored details; seller code optionManageCode, else sellerProductCode.
     */
    static List<LearnedListing> listingsOf(Order order) {
        Set<LearnedListing> listings = new LinkedHashSet<>();
        if (order.rawPayload() == null || order.rawPayload().isBlank()) {
            return List.of();
        }
        for (JsonNode detail : JsonFields.rawPayload(order.rawPayload())) {
            JsonNode po = detail.path("productOrder");
            String origin = JsonFields.blankToNull(JsonFields.text(po, "originalProductId"));
            if (origin == null) {
                continue;
            }
            listings.add(new LearnedListing(Marketplace.NAVER, origin.trim(),
                    JsonFields.blankToNull(JsonFields.text(po, "optionCode")),
                    JsonFields.firstText(po, "optionManageCode", "sellerProductCode")));
        }
        return new ArrayList<>(listings);
    }

    private static String where(StockPushUnit unit, StockTarget t) {
        return "origin product " + unit.getListingId() + (t.optionId().isEmpty() ? "" : " option " + t.optionId());
    }

    private static boolean digits(String s) {
        return s != null && s.trim().matches("[0-9]{1,18}");
    }
}
