package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangSimulator.UNKNOWN_FIELD;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimHttp;
import io.marketbridge.simulator.SimReply;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The answer shapes Coupang's gateway and its order APIs share. */
final class CoupangReplies {

    static final ObjectMapper JSON = new ObjectMapper();

    private CoupangReplies() {
    }

    /** What the API gateway answers (auth, routing, throttling, its own failures): code ERROR and a transactionId. */
    static SimReply gatewayError(int status, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("code", "ERROR");
        root.put("message", message);
        root.put("transactionId", UUID.randomUUID().toString());
        return SimReply.json(status, root.toString());
    }

    /**
     * A 429. coupang.md documents no Retry-After header, so none is sent: a client has to back off on its own.
     */
    static SimReply tooManyRequests() {
        return SimReply.json(429, "{\"code\":\"ERROR\",\"message\":\"Too Many Requests\",\"transactionId\":\""
                + UUID.randomUUID() + "\"}");
    }

    /** A business error of an order API: HTTP 400 with a numeric code. */
    static SimReply badRequest(String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("code", 400);
        root.put("message", message);
        return SimReply.json(400, root.toString());
    }

    /** A read: HTTP 200 with code 200, message OK and the data ({@code marker} names the reply in its unknown field). */
    static SimReply ok(JsonNode data, String marker) {
        return SimReply.json(200, envelope(data, marker, null, null).toString());
    }

    /**
     * A page of a list: HTTP 200 with code 200, message OK, the page's data and the cursor of the next page
     * ({@code cursor}: nextToken, nextPageIndex), "" on the last page.
     */
    static SimReply page(ArrayNode data, String cursor, String next, String marker) {
        return SimReply.json(200, envelope(data, marker, cursor, next).toString());
    }

    private static ObjectNode envelope(JsonNode data, String marker, String cursor, String next) {
        ObjectNode root = JSON.createObjectNode();
        root.put("code", 200);
        root.put("message", "OK");
        root.set("data", data);
        if (cursor != null) {
            root.put(cursor, next);
        }
        root.put(UNKNOWN_FIELD, marker);
        return root;
    }

    /** The acknowledgement and invoice answer: HTTP 200, responseCode 0 / 1 / 99 for all, some or none done. */
    static SimReply perItem(ArrayNode results, int ok) {
        ObjectNode root = JSON.createObjectNode();
        root.put("code", "200");
        root.put("message", "OK");
        ObjectNode data = root.putObject("data");
        data.put("responseKey", ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
        int code = ok == results.size() ? 0 : ok == 0 ? 99 : 1;
        data.put("responseCode", code);
        data.put("responseMessage", code == 0 ? "SUCCESS" : code == 1 ? "PARTIAL_ERROR" : "FAILED");
        data.set("responseList", results);
        data.put(UNKNOWN_FIELD, "data");
        results.forEach(item -> ((ObjectNode) item).put(UNKNOWN_FIELD, "responseList item"));
        root.put(UNKNOWN_FIELD, "per-item reply");
        return SimReply.json(200, root.toString());
    }

    /** The gateway's answer to a body over {@link SimHttp#MAX_BODY_BYTES}. */
    static SimReply bodyTooLarge() {
        return gatewayError(413, "Request Entity Too Large");
    }

    /** One entry of a per-item answer: done, or refused with {resultCode, retryRequired, message}. */
    static int addResult(ArrayNode results, long shipmentBoxId, String[] refusal) {
        ObjectNode item = results.addObject();
        item.put("shipmentBoxId", shipmentBoxId);
        if (refusal == null) {
            item.put("succeed", true);
            item.put("resultCode", "OK");
            item.put("resultMessage", "");
            item.put("retryRequired", false);
            return 1;
        }
        item.put("succeed", false);
        item.put("resultCode", refusal[0]);
        item.put("resultMessage", refusal.length > 2 ? refusal[2] : refusal[0]);
        item.put("retryRequired", Boolean.parseBoolean(refusal[1]));
        return 0;
    }
}
