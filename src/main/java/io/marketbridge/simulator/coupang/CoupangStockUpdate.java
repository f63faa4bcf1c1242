package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.SimReply;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PUT seller_api .../vendor-items/{vendorItemId}/quantities/{quantity} (coupang.md 1.3): sets the stock of one
 * option, no body; {"code":"SUCCESS","message":...} when done. The path names no vendor: the option must be the
 * signing key's vendor's. coupang.md documents no refusal of this call, so the simulator refuses as Coupang's
 * product APIs answer (code "ERROR" and a message) with the HTTP status of the switch stock-refusal-status (400, or
 * 200 for a refusal inside a 200): an unknown vendorItemId, a quantity that is not a whole number, negative, or
 * over stock-max-quantity.
 */
final class CoupangStockUpdate implements CoupangResource {

    static final String SELLER_API = "/v2/providers/seller_api/apis/api/v1/marketplace";
    private static final Pattern PATH = Pattern.compile(SELLER_API + "/vendor-items/([^/]+)/quantities/([^/]+)");

    private final CoupangStockLevels stock;
    private final int maxQuantity;
    private final int refusalStatus;

    CoupangStockUpdate(CoupangStockLevels stock, int maxQuantity, int refusalStatus) {
        this.stock = stock;
        this.maxQuantity = maxQuantity;
        this.refusalStatus = refusalStatus;
    }

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public boolean vendorInPath() {
        return false;
    }

    @Override
    public String method() {
        return "PUT";
    }

    @Override
    public SimReply answer(String vendor, Matcher path, Map<String, String> query, HttpExchange http) {
        String item = path.group(1);
        String quantity = path.group(2);
        if (!item.matches("[0-9]{1,18}")) {
            return refused("옵션ID(vendorItemId) 형식이 올바르지 않습니다: " + item);
        }
        long vendorItemId = Long.parseLong(item);
        stock.called(vendor, vendorItemId);
        if (stock.get(vendor, vendorItemId) == null) {
            return refused("옵션ID(vendorItemId) " + vendorItemId + " 에 해당하는 상품이 없습니다. (no such vendor item)");
        }
        if (!quantity.matches("-?[0-9]{1,10}")) {
            return refused("재고수량(quantity)은 숫자여야 합니다: " + quantity);
        }
        long q = Long.parseLong(quantity);
        if (q < 0 || q > maxQuantity) {
            return refused("재고수량(quantity)은 0 이상 " + maxQuantity + " 이하여야 합니다: " + quantity);
        }
        stock.set(vendor, vendorItemId, (int) q);
        ObjectNode root = JSON.createObjectNode();
        root.put("code", "SUCCESS");
        root.put("message", "재고수량이 변경되었습니다.");
        return SimReply.json(200, root.toString());
    }

    private SimReply refused(String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("code", "ERROR");
        root.put("message", message);
        return SimReply.json(refusalStatus, root.toString());
    }
}
