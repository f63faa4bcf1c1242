package io.marketbridge.simulator.lotteon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;

/**
 * Lotte ON's answers: the JSON envelope {@code {"returnCode":"0000","message":...,"data":...}} (returnCode a string,
 * "0000" success), and the gateway's refusals (401 key, 403 IP, 429 rate, 500).
 */
final class LotteonReplies {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String OK = "0000";

    private LotteonReplies() {
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    static SimReply envelope(int status, String returnCode, String message, JsonNode data) {
        ObjectNode root = object();
        root.put("returnCode", returnCode);
        root.put("message", message);
        root.set("data", data == null ? JSON.nullNode() : data);
        return SimReply.json(status, root.toString());
    }

    static SimReply ok(JsonNode data) {
        return envelope(200, OK, "정상 처리되었습니다.", data);
    }

    /** A business error of the whole call: HTTP 200 with the code in returnCode. */
    static SimReply error(String returnCode, String message) {
        return envelope(200, returnCode, message, null);
    }

    static SimReply badKey() {
        return envelope(401, "401", "인증에 실패하였습니다. 유효하지 않은 API Key 입니다.", null);
    }

    static SimReply ipDenied(String ip) {
        return envelope(403, "403", "허용되지 않은 IP(" + ip + ") 입니다. 판매자센터에서 IP를 등록해 주세요.", null);
    }

    static SimReply tooMany() {
        return envelope(429, "429", "API 호출 한도를 초과하였습니다.", null).with("Retry-After", "1");
    }

    static SimReply serverError(int status) {
        return envelope(status, String.valueOf(status), "일시적인 오류가 발생하였습니다.", null);
    }

    static SimReply notFound() {
        return envelope(404, "404", "존재하지 않는 API 입니다.", null);
    }
}
