package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.JSON;
import static io.marketbridge.simulator.coupang.CoupangReplies.badRequest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.SimHttp;
import io.marketbridge.simulator.SimReply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POST v4 invoice upload (INSTRUCT -> DEPARTURE) and update (a new number for a DEPARTURE box). Format errors
 * (unknown courier code, a number of the wrong shape) are HTTP 400 for the whole call; refusals of a box
 * come back per box inside HTTP 200, with Coupang's resultCode and retryRequired.
 */
final class CoupangInvoices implements CoupangResource {

    private static final Pattern PATH = Pattern.compile(API + "/v4/vendors/([^/]+)/orders/(invoices|updateInvoices)");
    private static final List<String> REQUIRED = List.of("shipmentBoxId", "orderId", "vendorItemId", "deliveryCompanyCode",
            "invoiceNumber", "splitShipping", "preSplitShipped", "estimatedShippingDate");

    private final CoupangStore store;
    private final CoupangFaults faults;

    CoupangInvoices(CoupangStore store, CoupangFaults faults) {
        this.store = store;
        this.faults = faults;
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
        boolean update = path.group(2).equals("updateInvoices");
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
        JsonNode entries = body == null ? null : body.get("orderSheetInvoiceApplyDtos");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            return badRequest("orderSheetInvoiceApplyDtos is required");
        }
        if (!vendor.equals(body.path("vendorId").asText())) {
            return badRequest("vendorId in the body does not match the path");
        }
        store.countInvoiceCall(update);
        // 1. format checks of every entry: one bad entry fails the call
        Map<Long, List<JsonNode>> byBox = new LinkedHashMap<>();
        for (JsonNode e : entries) {
            for (String field : REQUIRED) {
                if (!e.has(field)) {
                    return badRequest(field + " 값이 없습니다. (" + field + " is required)");
                }
            }
            String problem = CoupangCouriers.check(e.path("deliveryCompanyCode").asText(), e.path("invoiceNumber").asText());
            if (problem != null) {
                return badRequest(problem);
            }
            byBox.computeIfAbsent(e.path("shipmentBoxId").asLong(), k -> new ArrayList<>()).add(e);
        }
        // 2. per box
        String[] forced = faults.failNextInvoices.poll();
        ArrayNode results = JSON.createArrayNode();
        int ok = 0;
        for (Map.Entry<Long, List<JsonNode>> box : byBox.entrySet()) {
            String[] refusal = forced != null ? forced : store.applyInvoice(vendor, box.getKey(), box.getValue(), update);
            ok += CoupangReplies.addResult(results, box.getKey(), refusal);
        }
        return CoupangReplies.perItem(results, ok);
    }
}
