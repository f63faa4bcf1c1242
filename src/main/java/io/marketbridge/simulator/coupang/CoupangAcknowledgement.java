package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.JSON;
import static io.marketbridge.simulator.coupang.CoupangReplies.badRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.SimHttp;
import io.marketbridge.simulator.SimReply;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PUT v4 acknowledgement of up to 50 boxes (ACCEPT -> INSTRUCT), answered per box. */
final class CoupangAcknowledgement implements CoupangResource {

    private static final Pattern PATH = Pattern.compile(API + "/v4/vendors/([^/]+)/ordersheets/acknowledgement");

    private final CoupangStore store;
    private final CoupangFaults faults;

    CoupangAcknowledgement(CoupangStore store, CoupangFaults faults) {
        this.store = store;
        this.faults = faults;
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
        byte[] bytes = SimHttp.body(http);
        if (bytes == null) {
            return CoupangReplies.bodyTooLarge();
        }
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (IOException e) {
            return badRequest("request body is not JSON");
        }
        JsonNode ids = body == null ? null : body.get("shipmentBoxIds");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            return badRequest("shipmentBoxIds is required");
        }
        if (ids.size() > 50) {
            return badRequest("shipmentBoxIds: at most 50 per call");
        }
        if (!vendor.equals(body.path("vendorId").asText())) {
            return badRequest("vendorId in the body does not match the path");
        }
        store.countAcknowledgement();
        ArrayNode results = JSON.createArrayNode();
        int ok = 0;
        for (JsonNode id : ids) {
            long boxId = id.asLong();
            store.confirmsPerUnit.record(vendor + "/" + boxId);
            CoupangSheet s = store.box(vendor, boxId);
            String[] refusal = s == null
                    ? new String[] {"NOT_FOUND_SHIPMENT_BOX", "true", "배송번호를 찾을 수 없습니다."}
                    : store.acknowledge(s, () -> faults.addressChangeRate > 0
                            && ThreadLocalRandom.current().nextDouble() < faults.addressChangeRate);
            ok += CoupangReplies.addResult(results, boxId, refusal);
        }
        return CoupangReplies.perItem(results, ok);
    }
}
