package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.JSON;
import static io.marketbridge.simulator.coupang.CoupangSheet.SEOUL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.ControlEndpoint;
import io.marketbridge.simulator.SimHttp;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * /_simulator/coupang/: GET stats, POST faults, orders, sheets, cancel and reset-rates, and claims/* (see
 * {@link CoupangClaimControl}), for engineers and tests
 * driving the simulator from outside.
 */
final class CoupangControl {

    private final CoupangStore store;
    private final CoupangFaults faults;
    private final CoupangRateLimit rateLimit;
    private final CoupangClaimControl claims;

    CoupangControl(CoupangStore store, CoupangFaults faults, CoupangRateLimit rateLimit, CoupangClaimControl claims) {
        this.store = store;
        this.faults = faults;
        this.rateLimit = rateLimit;
        this.claims = claims;
    }

    void handle(HttpExchange http) throws IOException {
        if (http.getRequestURI().getPath().contains("/claims")) {
            claims.handle(http);
            return;
        }
        try (http) {
            String path = http.getRequestURI().getPath();
            boolean post = http.getRequestMethod().equals("POST");
            Map<String, String> q = ControlEndpoint.query(http);
            ObjectNode out = JSON.createObjectNode();
            int status = 200;
            if (path.endsWith("/stats")) {
                stats(out);
            } else if (path.endsWith("/reset-rates") && post) {
                rateLimit.rates().reset();
                out.put("ok", true);
            } else if (path.endsWith("/faults") && post) {
                setFaults(q);
                out.put("ok", true);
            } else if (path.endsWith("/orders") && post) {
                String vendor = q.get("vendorId");
                if (!store.hasVendor(vendor)) {
                    status = 400;
                    out.put("error", "vendorId must name a configured vendor");
                } else {
                    int count = Integer.parseInt(q.getOrDefault("count", "1"));
                    ArrayNode ids = out.putArray("orderIds");
                    for (int i = 0; i < count; i++) {
                        ids.add(store.createOrder(vendor, ZonedDateTime.now(SEOUL), Boolean.parseBoolean(q.get("malformed"))));
                    }
                }
            } else if (path.endsWith("/sheets") && post) {
                String vendor = q.get("vendorId");
                JsonNode sheet = readJson(http);
                if (!store.hasVendor(vendor) || sheet == null || !sheet.isObject()) {
                    status = 400;
                    out.put("error", "vendorId must name a configured vendor and the body must be one order sheet (a JSON object)");
                } else {
                    out.put("key", store.addSheet(vendor, (ObjectNode) sheet));
                }
            } else if (path.endsWith("/cancel") && post) {
                String vendor = q.get("vendorId");
                try {
                    store.cancelBox(vendor, Long.parseLong(q.getOrDefault("shipmentBoxId", "")));
                    out.put("ok", true);
                } catch (IllegalArgumentException e) {
                    status = 400;
                    out.put("error", "vendorId and shipmentBoxId must name a box: " + e.getMessage());
                }
            } else {
                status = 404;
                out.put("error", "GET stats, POST faults, POST orders, POST sheets, POST cancel, POST claims, POST claims/{cancel|return|exchange|withdraw}");
            }
            ControlEndpoint.reply(http, status, out);
        }
    }

    private void stats(ObjectNode out) {
        ObjectNode v = out.putObject("vendors");
        for (String vendor : store.vendorIds()) {
            v.set(vendor, JSON.valueToTree(store.statusCounts(vendor)));
        }
        out.put("acknowledgementCalls", store.acknowledgementCalls());
        ObjectNode lists = out.putObject("listCallsByStatus");
        store.listCallsByStatus().forEach((key, n) -> lists.put(key, n.get()));
        ObjectNode reads = out.putObject("singleReads");
        store.singleReads().forEach((vendor, n) -> reads.put(vendor, n.get()));
        out.put("invoiceUploadCalls", store.invoiceUploadCalls());
        out.put("updateInvoiceCalls", store.updateInvoiceCalls());
        ObjectNode throttled = out.putObject("throttledCalls");
        rateLimit.throttledCalls().forEach((vendor, n) -> throttled.put(vendor, n.get()));
        out.put("peakCallsPerSecondPerVendor", rateLimit.rates().peakPerCaller());
        out.put("peakCallsPerSecondTotal", rateLimit.rates().peakTotal());
        out.put("boxes", store.boxCount());
    }

    private void setFaults(Map<String, String> q) {
        if (q.containsKey("reset")) {
            faults.reset();
            rateLimit.resetBlocks();
        }
        if (q.containsKey("throttleBlockMs")) {
            rateLimit.throttleBlock(Duration.ofMillis(Long.parseLong(q.get("throttleBlockMs"))));
        }
        faults.latencyMs = Long.parseLong(q.getOrDefault("latencyMs", String.valueOf(faults.latencyMs)));
        faults.errorRate = Double.parseDouble(q.getOrDefault("errorRate", String.valueOf(faults.errorRate)));
        faults.throttleRate = Double.parseDouble(q.getOrDefault("throttleRate", String.valueOf(faults.throttleRate)));
        faults.timeoutRate = Double.parseDouble(q.getOrDefault("timeoutRate", String.valueOf(faults.timeoutRate)));
        faults.malformedBodyRate = Double.parseDouble(q.getOrDefault("malformedBodyRate", String.valueOf(faults.malformedBodyRate)));
        faults.malformedOrderRate = Double.parseDouble(q.getOrDefault("malformedOrderRate", String.valueOf(faults.malformedOrderRate)));
        faults.addressChangeRate = Double.parseDouble(q.getOrDefault("addressChangeRate", String.valueOf(faults.addressChangeRate)));
        if (q.containsKey("failInvoices")) {
            faults.failNextInvoices(q.get("failInvoices"), Boolean.parseBoolean(q.getOrDefault("retryRequired", "false")),
                    Integer.parseInt(q.getOrDefault("failCount", "1")));
        }
        if (q.containsKey("failStatus")) {
            faults.failNext(Integer.parseInt(q.get("failStatus")), Integer.parseInt(q.getOrDefault("failCount", "1")));
        }
    }

    /** The request body as JSON; null when it is not JSON or too large. */
    private static JsonNode readJson(HttpExchange http) {
        try {
            byte[] body = SimHttp.body(http);
            return body == null ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
