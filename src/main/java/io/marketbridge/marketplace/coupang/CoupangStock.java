package io.marketbridge.marketplace.coupang;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.stock.StockPushUnit;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * Coupang's side of the stock push (route coupang-stock, coupang.md 1.3): one call per option, PUT seller_api
 * .../vendor-items/{vendorItemId}/quantities/{quantity}, no body. The listing is the vendorItemId (Coupang has no
 * option level below it). The answer is {"code":"SUCCESS"|"ERROR","message":...}: an ERROR inside a 200 is a
 * refusal; refusals with an error status (400) are judged by {@link CoupangErrors} as REJECTED, 429 and 5xx as
 * TRANSIENT.
 */
public class CoupangStock {

    static final String SET = "SET";
    private static final String SELLER_API = "/v2/providers/seller_api/apis/api/v1/marketplace";

    /** Route step: the unit's figure and key are checked before any call, then the one call is next. */
    public void begin(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit) {
        String vendorItemId = unit.getListingId();
        if (vendorItemId == null || !vendorItemId.matches("[0-9]{1,18}")) {
            unit.rejected("UNKNOWN_LISTING", "'" + vendorItemId + "' is not a Coupang vendorItemId (a number)");
            return;
        }
        int max = unit.getAccount().integer(CoupangConnector.STOCK_MAX_QUANTITY);
        int quantity = unit.getQuantity();
        if (quantity < 0 || quantity > max) {
            unit.rejected("BAD_QUANTITY", "stock " + quantity + " for vendorItemId " + vendorItemId
                    + " is outside 0.." + max + " (" + CoupangConnector.STOCK_MAX_QUANTITY + ")");
            return;
        }
        unit.next(SET);
    }

    /** Route step: the PUT of the figure (the path carries both values; the signature covers the path). */
    public ApiRequest request(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit) {
        return ApiRequest.withBody("PUT", SELLER_API + "/vendor-items/" + unit.getListingId() + "/quantities/"
                + unit.getQuantity(), null, "stock of vendorItemId " + unit.getListingId());
    }

    /** Route step: SUCCESS (or 200) is SENT; any other code in a 2xx answer is Coupang's refusal. */
    public void answer(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit, @Body JsonNode root) {
        unit.made(SET);
        String code = root.path("code").asText("");
        if (code.equalsIgnoreCase("SUCCESS") || code.equals("200")) {
            unit.sent(code.toUpperCase(java.util.Locale.ROOT), null);
            return;
        }
        String message = root.path("message").asText("");
        unit.rejected(code.isEmpty() ? "NO_CODE" : code.matches("[0-9]{3}") ? "HTTP_" + code : code,
                "Coupang refused stock " + unit.getQuantity() + " for vendorItemId " + unit.getListingId()
                        + (message.isEmpty() ? "" : ": " + message));
    }
}
