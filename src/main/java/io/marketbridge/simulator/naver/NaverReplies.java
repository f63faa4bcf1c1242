package io.marketbridge.simulator.naver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import java.io.IOException;

/** The bodies the simulated Commerce API answers with: its envelopes, its error shapes, its request checks. */
final class NaverReplies {

    static final ObjectMapper JSON = new ObjectMapper();

    private NaverReplies() {
    }

    /** The pay-order success envelope: {timestamp, traceId, data}. */
    static SimReply ok(JsonNode data, String traceId) {
        ObjectNode root = JSON.createObjectNode();
        root.put("timestamp", NaverDates.now());
        root.put("traceId", traceId);
        root.set("data", data);
        return SimReply.json(200, root.toString());
    }

    /** Gateway and pay-order API error body: {code, message, timestamp, traceId}. */
    static SimReply gatewayError(int status, String code, String message, String traceId) {
        return apiError(status, code, message, traceId);
    }

    static SimReply apiError(int status, String code, String message, String traceId) {
        ObjectNode root = JSON.createObjectNode();
        root.put("code", code);
        root.put("message", message);
        root.put("timestamp", NaverDates.now());
        root.put("traceId", traceId);
        return SimReply.json(status, root.toString());
    }

    /** 4000: Naver's message names the error type, the request object and the field. */
    static SimReply badParameter(String typeObjectField, String traceId) {
        return apiError(400, "4000", "잘못된 요청 파라미터입니다. (" + typeObjectField + ")", traceId);
    }

    /** One failProductOrderInfos entry of confirm or dispatch; {@code refusal} is {code, message}. */
    static void failure(ArrayNode fail, String id, String[] refusal) {
        ObjectNode f = fail.addObject();
        f.put("productOrderId", id);
        f.put("code", refusal[0]);
        f.put("message", refusal[1]);
    }

    /**
     * Ids are strings in Naver's API (naver.md); a JSON number where one is expected is refused as a bad parameter,
     * so a client that sends numbers (and would lose digits past 2^53 in some stacks) is caught here, not live.
     */
    static boolean allStrings(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }

    /** The request body as a JSON object, or null when it is none. */
    static JsonNode readJson(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
