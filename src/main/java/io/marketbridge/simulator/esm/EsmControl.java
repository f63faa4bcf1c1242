package io.marketbridge.simulator.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.CallRates;
import io.marketbridge.simulator.ControlEndpoint;
import io.marketbridge.simulator.ControlEndpoint.Call;
import io.marketbridge.simulator.ControlEndpoint.Params;
import io.marketbridge.simulator.esm.EsmSimulator.Api;
import java.io.IOException;
import java.time.Duration;

/**
 * /_simulator/esm/stats, /faults, /orders, /address, /calls, /reset-rates, /claims (the buyers' switches) and
 * /claims/cancel, /claims/return, /claims/exchange, /claims/withdraw: for driving the ESM simulator from outside
 * (benchmarks, demos, tests).
 */
final class EsmControl {

    private final EsmStore store;
    private final EsmFaults faults;
    private final CallRates rates;
    private final EsmClaims claims;
    private final GoodsStockHandler stock;
    private final ControlEndpoint endpoint;
    private final ObjectMapper json = new ObjectMapper();

    EsmControl(EsmStore store, EsmFaults faults, CallRates rates, EsmClaims claims, GoodsStockHandler stock) {
        this.stock = stock;
        this.store = store;
        this.faults = faults;
        this.rates = rates;
        this.claims = claims;
        this.endpoint = new ControlEndpoint(EsmSimulator.NAME, "GET stats, POST faults, POST orders, POST address, GET calls?seller=G:<id>, POST reset-rates, "
                + "POST claims, POST claims/cancel|return|exchange|withdraw?orderNo=")
                // claims alone sets the buyers' switches
                .post("claims", q -> claims.switches.set(q.map()))
                .post("claims/*", (call, out) -> {
                    claim(call.rest(), call.query());
                    out.put("ok", true);
                })
                .any("stats", (call, out) -> stats(out))
                .post("faults", this::setFaults)
                .post("orders", (call, out) -> createOrders(call.query(), out.putArray("payNos")))
                .post("address", q -> store.changeAddress(Long.parseLong(q.get("orderNo", "0"))))
                .post("reset-rates", q -> rates.reset())
                .any("calls", this::calls);
    }

    void handle(HttpExchange http) throws IOException {
        endpoint.handle(http);
    }

    /** claims/cancel, claims/return, claims/exchange, claims/withdraw (orderNo). */
    private void claim(String action, Params q) {
        long orderNo = Long.parseLong(q.get("orderNo", "0"));
        switch (action) {
            case "cancel" -> claims.request(EsmClaim.Kind.CANCEL, orderNo);
            case "return" -> claims.request(EsmClaim.Kind.RETURN, orderNo);
            case "exchange" -> claims.request(EsmClaim.Kind.EXCHANGE, orderNo);
            case "withdraw" -> claims.withdraw(orderNo);
            default -> throw new IllegalArgumentException("POST claims, claims/cancel, claims/return, claims/exchange, claims/withdraw");
        }
    }

    /** The times of one seller's order queries (seller=G:&lt;id&gt;), for checking the runtime's pacing. */
    private void calls(Call call, ObjectNode out) {
        String[] key = call.query().get("seller", "G:").split(":", 2);
        ArrayNode times = out.putArray("orderQueryTimes");
        store.orderQueryTimes(key[0], key[1]).forEach(times::add);
    }

    private void createOrders(Params q, ArrayNode payNos) {
        String site = q.get("site", "G");
        String seller = q.get("sellerId", "");
        int count = Integer.parseInt(q.get("count", "1"));
        int lines = Integer.parseInt(q.get("lines", "0"));
        for (int k = 0; k < count; k++) {
            payNos.add(store.createCart(site, seller, store.now(), lines > 0 ? lines : store.randomLines(),
                    Boolean.parseBoolean(q.get("gift"))));
        }
    }

    private void stats(ObjectNode out) {
        ObjectNode v = out.putObject("sellers");
        store.statusCounts().forEach((key, counts) -> v.set(key, json.valueToTree(counts)));
        out.put("requestOrdersCalls", store.requestOrdersCalls.get());
        out.put("rateLimitedCalls", store.rateLimited.get());
        out.put("orderCheckCalls", store.orderCheckCalls.get());
        out.put("shippingInfoCalls", store.shippingInfoCalls.get());
        out.put("unauthorizedCalls", store.unauthorized.get());
        out.put("claimListCalls", claims.listCalls.get());
        out.put("claimActionCalls", claims.actionCalls.get());
        out.put("stockCalls", stock.calls.get());
        // the goods stock calls named, per master: both sites' figures and the calls
        stock.render(out.putObject("stock"));
        out.put("peakCallsPerSecondPerMaster", rates.peakPerCaller());
        out.put("peakCallsPerSecondTotal", rates.peakTotal());
    }

    private void setFaults(Params q) {
        if (q.has("reset")) {
            faults.reset();
        }
        faults.latencyMs = q.longOr("latencyMs", faults.latencyMs);
        faults.errorRate = q.doubleOr("errorRate", faults.errorRate);
        faults.addressChangeRate = q.doubleOr("addressChangeRate", faults.addressChangeRate);
        faults.giftRate = q.doubleOr("giftRate", faults.giftRate);
        if (q.has("freshPhoneDelay")) {
            faults.freshPhoneDelay = Duration.parse(q.get("freshPhoneDelay"));
        }
        faults.gmarketSiteTypeInAnswer = q.intOr("gmarketSiteTypeInAnswer", faults.gmarketSiteTypeInAnswer);
        faults.buyerIdField = q.textOr("buyerIdField", faults.buyerIdField);
        faults.iatAs = q.textOr("iatAs", faults.iatAs);
        faults.clampPageSize = q.flagOr("clampPageSize", faults.clampPageSize);
        if (q.has("maxPageSize")) {
            faults.maxPageSize = Math.max(1, Integer.parseInt(q.get("maxPageSize")));
        }
        faults.claimWindowMaxDays = q.intOr("claimWindowMaxDays", faults.claimWindowMaxDays);
        faults.claimResultCodeAsString = q.flagOr("claimResultCodeAsString", faults.claimResultCodeAsString);
        if (q.has("orderQueryIntervalMs")) {
            store.setOrderQueryInterval(Duration.ofMillis(Long.parseLong(q.get("orderQueryIntervalMs"))));
        }
        if (q.has("failStatus")) {
            faults.failNext(Integer.parseInt(q.get("failStatus")), q.intOr("failCount", 1));
        }
        if (q.has("failResult")) {
            Api api = q.has("failApi") ? Api.valueOf(q.get("failApi")) : null;
            faults.failNextResult(api, Integer.parseInt(q.get("failResult")), q.intOr("failCount", 1));
        }
    }
}
