package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.JSON;
import static io.marketbridge.simulator.coupang.CoupangReplies.badRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.SimHttp;
import io.marketbridge.simulator.SimReply;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POST v5 orders/{orderId}/cancel (coupang.md 1.8): the seller cancels pieces of its order. Items of ACCEPT boxes
 * are cancelled (receiptType CANCEL), of INSTRUCT boxes stopped (STOP_SHIPMENT); items already shipped, unknown or
 * over their shippable count land in failedVendorItemIds. code "200" when anything was cancelled, else "400" (the
 * HTTP status of that answer is the switch claims.seller-cancel-failure-status).
 */
final class CoupangSellerCancel implements CoupangResource {

    private static final Pattern PATH = Pattern.compile(API + "/v5/vendors/([^/]+)/orders/([^/]+)/cancel");
    private static final List<String> MIDDLE_CODES = List.of("CCTTER", "CCPNER", "CCPRER");

    private final CoupangStore store;
    private final CoupangClaims claims;
    private final int failureStatus;

    CoupangSellerCancel(CoupangStore store, CoupangClaims claims, int failureStatus) {
        this.store = store;
        this.claims = claims;
        this.failureStatus = failureStatus;
    }

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public String method() {
        return "POST";
    }

    @Override
    public SimReply answer(String vendor, Matcher path, Map<String, String> query, HttpExchange http) throws IOException {
        byte[] bytes = SimHttp.body(http);
        if (bytes == null) {
            return CoupangReplies.bodyTooLarge();
        }
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return badRequest("request body is not JSON");
        }
        for (String field : List.of("orderId", "vendorItemIds", "receiptCounts", "bigCancelCode", "middleCancelCode",
                "vendorId", "userId")) {
            if (!body.hasNonNull(field)) {
                return badRequest(field + " 값이 없습니다. (" + field + " is required)");
            }
        }
        long orderId;
        try {
            orderId = Long.parseLong(path.group(2));
        } catch (NumberFormatException e) {
            return badRequest("orderId must be a number");
        }
        if (!vendor.equals(body.path("vendorId").asText())) {
            return badRequest("vendorId in the body does not match the path");
        }
        if (body.path("orderId").asLong(-1) != orderId) {
            return badRequest("orderId in the body does not match the path");
        }
        if (!"CANERR".equals(body.path("bigCancelCode").asText())) {
            return badRequest("bigCancelCode must be CANERR");
        }
        String middle = body.path("middleCancelCode").asText();
        if (!MIDDLE_CODES.contains(middle)) {
            return badRequest("middleCancelCode must be one of " + MIDDLE_CODES);
        }
        JsonNode ids = body.get("vendorItemIds");
        JsonNode counts = body.get("receiptCounts");
        if (!ids.isArray() || !counts.isArray() || ids.isEmpty() || ids.size() != counts.size()) {
            return badRequest("vendorItemIds and receiptCounts must be arrays of the same, non-zero length");
        }
        long[] itemIds = new long[ids.size()];
        int[] pieces = new int[ids.size()];
        for (int i = 0; i < itemIds.length; i++) {
            if (!ids.get(i).canConvertToLong() || !counts.get(i).canConvertToInt() || counts.get(i).asInt() <= 0) {
                return badRequest("vendorItemIds must be numbers and every receiptCounts value above 0");
            }
            itemIds[i] = ids.get(i).asLong();
            pieces[i] = counts.get(i).asInt();
        }
        if (store.boxIdsOf(vendor, orderId).isEmpty()) {
            return badRequest("주문을 찾을 수 없습니다. (orderId: " + orderId + ")");
        }
        CoupangClaims.SellerCancel result = claims.sellerCancel(vendor, orderId, itemIds, pieces, middle);
        String requestId = UUID.randomUUID().toString();
        ObjectNode root = JSON.createObjectNode();
        boolean any = !result.receipts().isEmpty();
        root.put("code", any ? "200" : "400");
        StringBuilder message = new StringBuilder(requestId);
        for (long failed : result.failed()) {
            message.append(" [").append(failed).append(": 취소할 수 없는 상태입니다]");
        }
        root.put("message", message.toString());
        ObjectNode data = root.putObject("data");
        ObjectNode map = data.putObject("receiptMap");
        for (CoupangClaims.SellerReceipt r : result.receipts()) {
            ObjectNode entry = map.putObject(String.valueOf(r.receiptId()));
            entry.put("receiptId", r.receiptId());
            entry.put("receiptType", r.receiptType());
            ArrayNode items = entry.putArray("vendorItemIds");
            r.vendorItemIds().forEach(items::add);
            entry.put("totalCount", r.totalCount());
        }
        data.put("orderId", orderId);
        ArrayNode failed = data.putArray("failedVendorItemIds");
        result.failed().forEach(failed::add);
        return SimReply.json(any ? 200 : failureStatus, root.toString());
    }
}
