package io.marketbridge.simulator.esm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.CallRates;
import io.marketbridge.simulator.ControlEndpoint;
import io.marketbridge.simulator.esm.EsmSimulator.Api;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

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
    private final ObjectMapper json = new ObjectMapper();

    EsmControl(EsmStore store, EsmFaults faults, CallRates rates, EsmClaims claims) {
        this.store = store;
        this.faults = faults;
        this.rates = rates;
        this.claims = claims;
    }

    void handle(HttpExchange http) throws IOException {
        try (http) {
            String path = http.getRequestURI().getPath();
            Map<String, String> q = ControlEndpoint.query(http);
            boolean post = http.getRequestMethod().equals("POST");
            ObjectNode out = json.createObjectNode();
            int status = 200;
            try {
                if (path.contains("/claims") && post) {
                    claim(path, q);
                    out.put("ok", true);
                } else if (path.endsWith("/stats")) {
                    stats(out);
                } else if (path.endsWith("/faults") && post) {
                    setFaults(q);
                    out.put("ok", true);
                } else if (path.endsWith("/orders") && post) {
                    createOrders(q, out.putArray("payNos"));
                } else if (path.endsWith("/address") && post) {
                    store.changeAddress(Long.parseLong(q.getOrDefault("orderNo", "0")));
                    out.put("ok", true);
                } else if (path.endsWith("/reset-rates") && post) {
                    rates.reset();
                    out.put("ok", true);
                } else if (path.endsWith("/calls")) {
                    String[] key = q.getOrDefault("seller", "G:").split(":", 2);
                    ArrayNode times = out.putArray("orderQueryTimes");
                    store.orderQueryTimes(key[0], key[1]).forEach(times::add);
                } else {
                    status = 404;
                    out.put("error", "GET stats, POST faults, POST orders, POST address, GET calls?seller=G:<id>, POST reset-rates, "
                            + "POST claims, POST claims/cancel|return|exchange|withdraw?orderNo=");
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                status = 400;
                out.put("error", e.getMessage());
            }
            ControlEndpoint.reply(http, status, out);
        }
    }

    /** claims/cancel, claims/return, claims/exchange, claims/withdraw (orderNo); claims alone sets the buyers' switches. */
    private void claim(String path, Map<String, String> q) {
        long orderNo = Long.parseLong(q.getOrDefault("orderNo", "0"));
        if (path.endsWith("/claims/cancel")) {
            claims.request(EsmClaim.Kind.CANCEL, orderNo);
        } else if (path.endsWith("/claims/return")) {
            claims.request(EsmClaim.Kind.RETURN, orderNo);
        } else if (path.endsWith("/claims/exchange")) {
            claims.request(EsmClaim.Kind.EXCHANGE, orderNo);
        } else if (path.endsWith("/claims/withdraw")) {
            claims.withdraw(orderNo);
        } else if (path.endsWith("/claims")) {
            claims.switches.set(q);
        } else {
            throw new IllegalArgumentException("POST claims, claims/cancel, claims/return, claims/exchange, claims/withdraw");
        }
    }

    private void createOrders(Map<String, String> q, ArrayNode payNos) {
        String site = q.getOrDefault("site", "G");
        String seller = q.getOrDefault("sellerId", "");
        int count = Integer.parseInt(q.getOrDefault("count", "1"));
        int lines = Integer.parseInt(q.getOrDefault("lines", "0"));
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
        out.put("peakCallsPerSecondPerMaster", rates.peakPerCaller());
        out.put("peakCallsPerSecondTotal", rates.peakTotal());
    }

    private void setFaults(Map<String, String> q) {
        if (q.containsKey("reset")) {
            faults.reset();
        }
        faults.latencyMs = Long.parseLong(q.getOrDefault("latencyMs", String.valueOf(faults.latencyMs)));
        faults.errorRate = Double.parseDouble(q.getOrDefault("errorRate", String.valueOf(faults.errorRate)));
        faults.addressChangeRate = Double.parseDouble(q.getOrDefault("addressChangeRate", String.valueOf(faults.addressChangeRate)));
        faults.giftRate = Double.parseDouble(q.getOrDefault("giftRate", String.valueOf(faults.giftRate)));
        if (q.containsKey("freshPhoneDelay")) {
            faults.freshPhoneDelay = Duration.parse(q.get("freshPhoneDelay"));
        }
        faults.gmarketSiteTypeInAnswer = Integer.parseInt(q.getOrDefault("gmarketSiteTypeInAnswer",
                String.valueOf(faults.gmarketSiteTypeInAnswer)));
        faults.buyerIdField = q.getOrDefault("buyerIdField", faults.buyerIdField);
        faults.iatAs = q.getOrDefault("iatAs", faults.iatAs);
        faults.clampPageSize = Boolean.parseBoolean(q.getOrDefault("clampPageSize", String.valueOf(faults.clampPageSize)));
        if (q.containsKey("maxPageSize")) {
            faults.maxPageSize = Math.max(1, Integer.parseInt(q.get("maxPageSize")));
        }
        faults.claimWindowMaxDays = Integer.parseInt(q.getOrDefault("claimWindowMaxDays", String.valueOf(faults.claimWindowMaxDays)));
        faults.claimResultCodeAsString = Boolean.parseBoolean(q.getOrDefault("claimResultCodeAsString",
                String.valueOf(faults.claimResultCodeAsString)));
        if (q.containsKey("orderQueryIntervalMs")) {
            store.setOrderQueryInterval(Duration.ofMillis(Long.parseLong(q.get("orderQueryIntervalMs"))));
        }
        if (q.containsKey("failStatus")) {
            faults.failNext(Integer.parseInt(q.get("failStatus")), Integer.parseInt(q.getOrDefault("failCount", "1")));
        }
        if (q.containsKey("failResult")) {
            Api api = q.containsKey("failApi") ? Api.valueOf(q.get("failApi")) : null;
            faults.failNextResult(api, Integer.parseInt(q.get("failResult")), Integer.parseInt(q.getOrDefault("failCount", "1")));
        }
    }
}
