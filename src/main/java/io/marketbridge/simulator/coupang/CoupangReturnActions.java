package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.JSON;
import static io.marketbridge.simulator.coupang.CoupangReplies.badRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.SimHttp;
import io.marketbridge.simulator.SimReply;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PUT v4 returnRequests/{receiptId}/{stoppedShipment|completedShipment|receiveConfirmation|approval} (coupang.md
 * 1.3, 1.8): the seller's answers to a receipt, each with its body; a wrong state, count or body is Coupang's
 * HTTP 400 business error, a done action {code 200, message OK}.
 */
final class CoupangReturnActions implements CoupangResource {

    private static final Pattern PATH = Pattern.compile(API
            + "/v4/vendors/([^/]+)/returnRequests/([^/]+)/(stoppedShipment|completedShipment|receiveConfirmation|approval)");

    private final CoupangClaims claims;

    CoupangReturnActions(CoupangClaims claims) {
        this.claims = claims;
    }

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public String method() {
        return "PUT";
    }

    @Override
    public SimReply answer(String vendor, Matcher path, Map<String, String> query, HttpExchange http) throws IOException {
        long receiptId;
        try {
            receiptId = Long.parseLong(path.group(2));
        } catch (NumberFormatException e) {
            return badRequest("receiptId must be a number");
        }
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
        String action = path.group(3);
        List<String> required = switch (action) {
            case "stoppedShipment", "approval" -> List.of("vendorId", "receiptId", "cancelCount");
            case "completedShipment" -> List.of("vendorId", "receiptId", "deliveryCompanyCode", "invoiceNumber");
            default -> List.of("vendorId", "receiptId");
        };
        for (String field : required) {
            if (!body.hasNonNull(field)) {
                return badRequest(field + " 값이 없습니다. (" + field + " is required)");
            }
        }
        if (!vendor.equals(body.path("vendorId").asText())) {
            return badRequest("vendorId in the body does not match the path");
        }
        if (body.path("receiptId").asLong(-1) != receiptId) {
            return badRequest("receiptId in the body does not match the path");
        }
        if (body.has("cancelCount") && !body.get("cancelCount").canConvertToInt()) {
            return badRequest("cancelCount must be a number");
        }
        int cancelCount = body.path("cancelCount").asInt();
        String refusal = switch (action) {
            case "stoppedShipment" -> claims.stoppedShipment(vendor, receiptId, cancelCount);
            case "completedShipment" -> claims.completedShipment(vendor, receiptId,
                    body.path("deliveryCompanyCode").asText(), body.path("invoiceNumber").asText());
            case "receiveConfirmation" -> claims.receiveConfirmation(vendor, receiptId);
            default -> claims.approval(vendor, receiptId, cancelCount);
        };
        if (refusal != null) {
            return badRequest(refusal);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("code", 200);
        root.put("message", "OK");
        root.putNull("data");
        return SimReply.json(200, root.toString());
    }
}
