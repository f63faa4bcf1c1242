package io.marketbridge.marketplace.esm;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * ESM's side of the stock push (route esm-stock, esm.md 2.3): one call per goods and site.
 *
 * <pre>
 *   STOCK  PUT /item/v1/goods/{goodsNo}/stock  {"stock":{"gmkt":n}} for a GMARKET unit, {"stock":{"iac":n}} for AUCTION
 * </pre>
 * The key is the ESM master GoodsNo (not the site's SiteGoodsNo). esm.md gives the body only as the sell-status
 * body's {@code stock{gmkt,iac}}; only the unit's site is named, so the other site's figure is left alone. The answer
 * is ESM's envelope, kept by route esm-stock-call: ResultCode 0 (or an answer without an envelope) is SENT, 3000 that
 * speaks of a call limit FAILED (retried later), any other code REJECTED (1000: unknown goods or a bad figure).
 */
public class EsmStock {

    static final String STOCK = "STOCK";
    /**
     * The highest figure sent. esm.md gives no maximum; 99 999 is the most an ESM listing takes in the sellers'
     * own screens we know of (UNCERTAIN): a larger figure is REJECTED here, before ESM refuses it.
     */
    static final int MAX_QUANTITY = 99_999;

    /** Route step: checks the unit and names its call; what ESM would refuse is REJECTED before any call. */
    public void begin(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit) {
        String site = site(unit.getMarketplace());
        if (site == null) {
            unit.rejected("NOT_ESM", "listing " + unit.getListingId() + " is on " + unit.getMarketplace() + ", not Gmarket or Auction");
            return;
        }
        if (unit.getListingId() == null || !unit.getListingId().trim().matches("[0-9]{1,18}")
                || unit.getListingId().trim().matches("0+")) {
            unit.rejected("BAD_LISTING", "listing '" + unit.getListingId() + "' is not an ESM GoodsNo (digits)");
            return;
        }
        String sellerKey = unit.getMarketplace() == Marketplace.GMARKET ? EsmConnector.GMARKET_SELLER_ID : EsmConnector.AUCTION_SELLER_ID;
        String sellerId = unit.getAccount().get(sellerKey);
        if (sellerId == null || sellerId.isBlank()) {
            unit.rejected("SITE_OFF", "goods " + unit.getListingId() + " on " + siteName(unit) + ": the account has no "
                    + sellerKey + ", so its token does not name that site");
            return;
        }
        StockTarget t = unit.getTargets().get(0);
        if (unit.getTargets().size() > 1 || !t.optionId().isEmpty()) {
            unit.rejected("BAD_OPTION", "goods " + unit.getListingId() + " on " + siteName(unit) + ": ESM's stock call sets"
                    + " the goods' figure, not an option's (" + unit.describe() + "); map the GoodsNo with option \"\"");
            return;
        }
        if (t.quantity() < 0 || t.quantity() > MAX_QUANTITY) {
            unit.rejected("BAD_QUANTITY", "stock " + t.quantity() + " for goods " + unit.getListingId() + " on "
                    + siteName(unit) + " is outside 0.." + MAX_QUANTITY);
            return;
        }
        unit.next(STOCK);
    }

    /** gmkt or iac: the site's key in ESM's item bodies; null for another marketplace. */
    static String site(Marketplace marketplace) {
        return marketplace == Marketplace.GMARKET ? "gmkt" : marketplace == Marketplace.AUCTION ? "iac" : null;
    }

    private static String siteName(StockPushUnit unit) {
        return unit.getMarketplace() == Marketplace.GMARKET ? "Gmarket" : "Auction";
    }

    /** Route step: the ApiRequest of the unit's call. */
    public ApiRequest request(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit) {
        String goodsNo = unit.getListingId().trim();
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.putObject("stock").put(site(unit.getMarketplace()), unit.getQuantity());
        return ApiRequest.withBody("PUT", "/item/v1/goods/" + goodsNo + "/stock", body.toString(),
                "stock of goods " + goodsNo + " on " + siteName(unit));
    }

    /** Route step: ESM's envelope (HTTP 200 either way) settles the unit. */
    public void answer(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit, @Body JsonNode answer) {
        unit.made(unit.getNextCall());
        JsonNode code = answer.has("ResultCode") ? answer.get("ResultCode") : answer.get("resultCode");
        if (code == null || code.isNull() || EsmApi.resultOk(answer)
                || code.asText().trim().equals("0") || code.asText().trim().equalsIgnoreCase("success")) {
            unit.sent("OK", null); // item APIs may answer without the envelope (the courier list has none)
            return;
        }
        String message = JsonFields.firstText(answer, "Message", "message");
        String text = "ESM refused the stock of goods " + unit.getListingId() + " on " + siteName(unit) + ": ResultCode "
                + code.asText() + (message == null ? "" : " " + message);
        String result = answer.has("ResultCode") ? EsmApi.resultCode(answer) : code.asText();
        if ("3000".equals(code.asText().trim()) && callLimit(message)) {
            unit.failed(result, text, null); // the stock job's backoff retries it
        } else {
            unit.rejected(result, text);
        }
    }

    /** 3000 is both a parameter/state error and the rate limit (esm.md 2.8): only its message tells them apart. */
    static boolean callLimit(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return m.contains("초과") || m.contains("제한") || m.contains("limit") || m.contains("too many");
    }

    /**
     * The listings of a delivered order: each row's master GoodsNo (the stock call's key; the line keeps the site's
     * SiteGoodsNo) on the order's site, with no option; seller code OutGoodsNo, else SKUNo. A row without a GoodsNo
     * (or 0) is left out.
     */
    static List<LearnedListing> listingsOf(Order order) {
        Set<LearnedListing> listings = new LinkedHashSet<>();
        if (order.rawPayload() == null || order.rawPayload().isBlank()) {
            return List.of();
        }
        JsonNode raw;
        try {
            raw = OrderJson.mapper().readTree(order.rawPayload());
        } catch (java.io.IOException e) {
            return List.of();
        }
        for (JsonNode row : raw.path("RequestOrders")) {
            String goodsNo = JsonFields.blankToNull(JsonFields.text(row, "GoodsNo"));
            if (goodsNo == null || !goodsNo.trim().matches("[0-9]+") || goodsNo.trim().matches("0+")) {
                continue;
            }
            listings.add(new LearnedListing(order.marketplace(), goodsNo.trim(), "", JsonFields.firstText(row, "OutGoodsNo", "SKUNo")));
        }
        return new ArrayList<>(listings);
    }
}
