package io.marketbridge.simulator.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

/**
 * ESM's answer bodies: the envelope {ResultCode, Message, Data} (failures too answer HTTP 200), the 401 body,
 * and the gateway's Spring Boot error body. Every envelope carries one unannounced field.
 */
final class EsmReplies {

    static final String DENIED = "{\"status\":{\"message\":\"The user does not have right access to the api\",\"status_code\":401}}";
    /**
     * A field no documented answer has, on every answer object: APIs add fields without notice, so a client must
     * ignore what it does not know.
     */
    static final String UNKNOWN_FIELD = "UnannouncedField";

    private final ObjectMapper json = new ObjectMapper();
    private final EsmStore store;

    EsmReplies(EsmStore store) {
        this.store = store;
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    com.fasterxml.jackson.databind.node.ArrayNode array() {
        return json.createArrayNode();
    }

    /**
     * A claim API's success: ResultCode 0, or the string "success" that claim APIs sometimes send (the switch
     * claimResultCodeAsString).
     */
    SimReply claimOk(JsonNode data, boolean codeAsString) {
        ObjectNode out = json.createObjectNode();
        if (codeAsString) {
            out.put("ResultCode", "success");
        } else {
            out.put("ResultCode", 0);
        }
        out.put("Message", "Success");
        out.set("Data", data);
        out.put(UNKNOWN_FIELD, "envelope");
        return json(200, out.toString());
    }

    /** JSON as ESM's gateway labels it. */
    static SimReply json(int status, String body) {
        return new SimReply(status, body.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8",
                new LinkedHashMap<>());
    }

    SimReply ok(JsonNode data, String message) {
        ObjectNode out = json.createObjectNode();
        out.put("ResultCode", 0);
        out.put("Message", message);
        out.set("Data", data);
        if (data instanceof ObjectNode d) {
            d.put(UNKNOWN_FIELD, "Data");
        }
        out.put(UNKNOWN_FIELD, "envelope");
        return json(200, out.toString());
    }

    /** ESM's failure envelope, HTTP 200; Auction adds a BizRuleCode to business-rule (8668) refusals. */
    SimReply error(int code, String message, String bizRuleCode) {
        ObjectNode out = json.createObjectNode();
        out.put("ResultCode", code);
        out.put("Message", message);
        out.putNull("Data");
        out.put(UNKNOWN_FIELD, "envelope");
        if (bizRuleCode != null) {
            out.put("BizRuleCode", bizRuleCode);
        }
        return json(200, out.toString());
    }

    SimReply denied() {
        return json(401, DENIED);
    }

    /** The gateway's Spring Boot default error body. */
    SimReply springError(int status, String error, String path) {
        ObjectNode out = json.createObjectNode();
        out.put("timestamp", store.now().toOffsetDateTime().toString());
        out.put("status", status);
        out.put("error", error);
        out.put("message", "");
        out.put("path", path);
        return json(status, out.toString());
    }
}
