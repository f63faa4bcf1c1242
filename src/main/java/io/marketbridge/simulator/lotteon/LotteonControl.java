package io.marketbridge.simulator.lotteon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.CallRates;
import io.marketbridge.simulator.ControlEndpoint;
import io.marketbridge.simulator.ControlEndpoint.Call;
import io.marketbridge.simulator.ControlEndpoint.Params;
import java.io.IOException;
import java.time.ZonedDateTime;

/**
 * /_simulator/lotteon/: GET stats (with each sitmNo's stock: 100 less what orders took), POST faults, orders (trNo, count, lines), reset-rates, and the buyers (claims sets
 * their switches; claims/cancel, claims/return, claims/pickup).
 */
final class LotteonControl {

    private final ObjectMapper json = new ObjectMapper();
    private final LotteonSimulator simulator;
    private final LotteonStore store;
    private final LotteonFaults faults;
    private final CallRates rates;
    private final ControlEndpoint endpoint;

    LotteonControl(LotteonSimulator simulator, LotteonStore store, LotteonFaults faults, CallRates rates) {
        this.simulator = simulator;
        this.store = store;
        this.faults = faults;
        this.rates = rates;
        this.endpoint = new ControlEndpoint(LotteonSimulator.NAME, "GET stats, POST faults, POST orders, POST reset-rates,"
                + " POST claims, POST claims/cancel|return|pickup")
                .any("stats", (call, out) -> stats(out))
                .post("faults", this::setFaults)
                .post("orders", this::createOrders)
                .post("reset-rates", q -> rates.reset())
                .post("claims", q -> simulator.claimSwitches().set(q.map()))
                .post("claims/*", (call, out) -> claim(call.rest(), call.query(), out));
    }

    void handle(HttpExchange http) throws IOException {
        endpoint.handle(http);
    }

    private void createOrders(Call call, ObjectNode out) {
        Params q = call.query();
        String trNo = q.get("trNo");
        int count = q.intOr("count", 1);
        int lines = q.intOr("lines", 0);
        ArrayNode ids = out.putArray("orderIds");
        for (int i = 0; i < count; i++) {
            ids.add(simulator.createOrder(trNo, ZonedDateTime.now(LotteonStore.SEOUL), lines > 0 ? lines : store.randomLines()));
        }
    }

    /** claims/cancel (trNo, odNo, odSeq), claims/return (trNo, odNo, odSeq, qty: 0 = all), claims/pickup (trNo, clmNo). */
    private void claim(String action, Params q, ObjectNode out) {
        String trNo = q.get("trNo", "");
        switch (action) {
            case "cancel" -> out.put("cancelled", simulator.cancel(trNo, q.get("odNo", ""), q.intOr("odSeq", 1)));
            case "return" -> out.put("clmNo", simulator.requestReturn(trNo, q.get("odNo", ""), q.intOr("odSeq", 1),
                    q.intOr("qty", 0)));
            case "pickup" -> out.put("odPrgsStepCd", simulator.pickUp(trNo, q.get("clmNo", "")));
            default -> throw new IllegalArgumentException("POST claims, claims/cancel, claims/return, claims/pickup");
        }
    }

    private void stats(ObjectNode out) {
        ObjectNode t = out.putObject("traders");
        store.stepCounts().forEach((id, counts) -> t.set(id, json.valueToTree(counts)));
        out.put("searchCalls", store.searchCalls.get());
        out.put("ifCompleteCalls", store.ifCompleteCalls.get());
        out.put("informCalls", store.informCalls.get());
        out.put("stateCalls", store.stateCalls.get());
        out.put("peakCallsPerSecondPerTrader", rates.peakPerCaller());
        out.put("peakCallsPerSecondTotal", rates.peakTotal());
        ObjectNode stock = out.putObject("stockBySitmNo");
        store.stockBySitmNo.forEach((sitmNo, qty) -> stock.put(sitmNo, qty.get()));
    }

    private void setFaults(Params q) {
        if (q.has("reset")) {
            faults.reset();
        }
        faults.latencyMs = q.longOr("latencyMs", faults.latencyMs);
        faults.errorRate = q.doubleOr("errorRate", faults.errorRate);
        faults.ipDenied = q.flagOr("ipDenied", faults.ipDenied);
        faults.malformedRowRate = q.doubleOr("malformedRowRate", faults.malformedRowRate);
        if (q.has("keyPlacement")) {
            String placement = q.get("keyPlacement");
            if (!placement.equals("bearer") && !placement.equals("query") && !placement.equals("either")) {
                throw new ControlEndpoint.BadRequest("keyPlacement is bearer, query or either");
            }
            faults.keyPlacement = placement;
        }
        faults.requireTrNo = q.flagOr("requireTrNo", faults.requireTrNo);
        faults.ifCompleteMovesToPreparing = q.flagOr("ifCompleteMovesToPreparing", faults.ifCompleteMovesToPreparing);
        faults.requireStep12 = q.flagOr("requireStep12", faults.requireStep12);
        faults.rowResults = q.flagOr("rowResults", faults.rowResults);
        faults.slAmtPerUnit = q.flagOr("slAmtPerUnit", faults.slAmtPerUnit);
        faults.dvCstOnEveryRow = q.flagOr("dvCstOnEveryRow", faults.dvCstOnEveryRow);
        faults.legacyPaths = q.flagOr("legacyPaths", faults.legacyPaths);
        if (q.has("rateLimitPerSecond")) {
            simulator.setRateLimitPerSecond(Integer.parseInt(q.get("rateLimitPerSecond")));
        }
        if (q.has("failStatus")) {
            faults.failNext(Integer.parseInt(q.get("failStatus")), q.intOr("failCount", 1));
        }
        if (q.has("malformedCount")) {
            faults.malformedNext(Integer.parseInt(q.get("malformedCount")));
        }
        if (q.has("rowCode")) {
            faults.refuseNextRows(q.get("rowCode"), q.intOr("rowCount", 1));
        }
    }
}
