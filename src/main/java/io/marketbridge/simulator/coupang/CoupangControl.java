package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.JSON;
import static io.marketbridge.simulator.coupang.CoupangSheet.SEOUL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.ControlEndpoint;
import io.marketbridge.simulator.ControlEndpoint.BadRequest;
import io.marketbridge.simulator.ControlEndpoint.Call;
import io.marketbridge.simulator.ControlEndpoint.Params;
import io.marketbridge.simulator.SimHttp;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;

/**
 * /_simulator/coupang/: GET stats, POST faults, orders, sheets, cancel and reset-rates, and claims/* (see
 * {@link CoupangClaimControl}), for engineers and tests
 * driving the simulator from outside.
 */
final class CoupangControl {

    private final CoupangStore store;
    private final CoupangFaults faults;
    private final CoupangRateLimit rateLimit;
    private final CoupangStockLevels stock;
    private final ControlEndpoint endpoint;

    CoupangControl(CoupangStore store, CoupangFaults faults, CoupangRateLimit rateLimit, CoupangClaimControl claims,
                   CoupangStockLevels stock) {
        this.store = store;
        this.stock = stock;
        this.faults = faults;
        this.rateLimit = rateLimit;
        this.endpoint = new ControlEndpoint(CoupangSimulator.NAME, "GET stats, POST faults, POST orders, POST sheets, POST cancel, POST claims, "
                + "POST claims/{cancel|return|exchange|withdraw}")
                .any("claims", claims::switches)
                .any("claims/*", claims::claim)
                .any("stats", (call, out) -> stats(out))
                .post("reset-rates", q -> rateLimit.rates().reset())
                .post("faults", this::setFaults)
                .post("orders", this::createOrders)
                .post("sheets", this::addSheet)
                .post("cancel", this::cancel);
    }

    void handle(HttpExchange http) throws IOException {
        endpoint.handle(http);
    }

    private void createOrders(Call call, ObjectNode out) {
        Params q = call.query();
        String vendor = q.get("vendorId");
        if (!store.hasVendor(vendor)) {
            throw new BadRequest("vendorId must name a configured vendor");
        }
        int count = Integer.parseInt(q.get("count", "1"));
        ArrayNode ids = out.putArray("orderIds");
        for (int i = 0; i < count; i++) {
            ids.add(store.createOrder(vendor, ZonedDateTime.now(SEOUL), Boolean.parseBoolean(q.get("malformed"))));
        }
    }

    private void addSheet(Call call, ObjectNode out) {
        String vendor = call.query().get("vendorId");
        JsonNode sheet = readJson(call.http());
        if (!store.hasVendor(vendor) || sheet == null || !sheet.isObject()) {
            throw new BadRequest("vendorId must name a configured vendor and the body must be one order sheet (a JSON object)");
        }
        out.put("key", store.addSheet(vendor, (ObjectNode) sheet));
    }

    private void cancel(Params q) {
        try {
            store.cancelBox(q.get("vendorId"), Long.parseLong(q.get("shipmentBoxId", "")));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("vendorId and shipmentBoxId must name a box: " + e.getMessage());
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
        // what Coupang believes each option has, and how often it was told
        out.set("stock", JSON.valueToTree(stock.figures()));
        out.set("stockCalls", JSON.valueToTree(stock.calls()));
    }

    private void setFaults(Params q) {
        if (q.has("reset")) {
            faults.reset();
            rateLimit.resetBlocks();
        }
        if (q.has("throttleBlockMs")) {
            rateLimit.throttleBlock(Duration.ofMillis(Long.parseLong(q.get("throttleBlockMs"))));
        }
        faults.latencyMs = q.longOr("latencyMs", faults.latencyMs);
        faults.errorRate = q.doubleOr("errorRate", faults.errorRate);
        faults.throttleRate = q.doubleOr("throttleRate", faults.throttleRate);
        faults.timeoutRate = q.doubleOr("timeoutRate", faults.timeoutRate);
        faults.malformedBodyRate = q.doubleOr("malformedBodyRate", faults.malformedBodyRate);
        faults.malformedOrderRate = q.doubleOr("malformedOrderRate", faults.malformedOrderRate);
        faults.addressChangeRate = q.doubleOr("addressChangeRate", faults.addressChangeRate);
        if (q.has("failInvoices")) {
            faults.failNextInvoices(q.get("failInvoices"), q.flagOr("retryRequired", false), q.intOr("failCount", 1));
        }
        if (q.has("failStatus")) {
            faults.failNext(Integer.parseInt(q.get("failStatus")), q.intOr("failCount", 1));
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
