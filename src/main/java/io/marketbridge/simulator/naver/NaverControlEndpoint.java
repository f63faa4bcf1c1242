package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.naver.NaverDates.SEOUL;
import static io.marketbridge.simulator.naver.NaverReplies.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.ControlEndpoint;
import io.marketbridge.simulator.naver.NaverFaults.ClaimShape;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.Map;

/** /_simulator/naver/stats, /faults, /orders, /address, /reset-rates, /claims/*: for driving the simulator from outside. */
final class NaverControlEndpoint {

    private final NaverStore store;
    private final NaverFaults faults;
    private final NaverCallCounts counts;
    private final NaverTokens tokens;
    private final NaverRateLimit rateLimit;
    private final NaverClaims claims;

    NaverControlEndpoint(NaverStore store, NaverFaults faults, NaverCallCounts counts, NaverTokens tokens,
                         NaverRateLimit rateLimit, NaverClaims claims) {
        this.claims = claims;
        this.store = store;
        this.faults = faults;
        this.counts = counts;
        this.tokens = tokens;
        this.rateLimit = rateLimit;
    }

    void handle(HttpExchange http) throws IOException {
        try (http) {
            String path = http.getRequestURI().getPath();
            Map<String, String> q = ControlEndpoint.query(http);
            boolean post = http.getRequestMethod().equals("POST");
            ObjectNode out = JSON.createObjectNode();
            int status = 200;
            try {
                if (path.endsWith("/stats")) {
                    stats(out);
                } else if (path.endsWith("/reset-rates") && post) {
                    rateLimit.resetPeaks();
                    out.put("ok", true);
                } else if (path.endsWith("/faults") && post) {
                    setFaults(q);
                    out.put("ok", true);
                } else if (path.endsWith("/orders") && post) {
                    String seller = q.get("sellerId");
                    if (seller == null || !store.hasSeller(seller)) {
                        throw new IllegalArgumentException("sellerId must name a configured seller");
                    }
                    int count = Integer.parseInt(q.getOrDefault("count", "1"));
                    int lines = Integer.parseInt(q.getOrDefault("lines", "0"));
                    boolean gift = Boolean.parseBoolean(q.get("gift"));
                    ArrayNode ids = out.putArray("orderIds");
                    for (int i = 0; i < count; i++) {
                        ids.add(store.createOrder(seller, ZonedDateTime.now(SEOUL), lines > 0 ? lines : store.randomLines(), gift));
                    }
                } else if (path.endsWith("/claims") && post) {
                    claims.switches().set(q); // the buyers' switches: cancelRate, cancelDelay, returnRate, ...
                    out.put("ok", true);
                } else if (path.contains("/claims/") && post) {
                    claim(path.substring(path.lastIndexOf('/') + 1), q, out);
                } else if (path.endsWith("/address") && post) {
                    store.changeAddress(q.getOrDefault("sellerId", ""), q.getOrDefault("orderId", ""));
                    out.put("ok", true);
                } else {
                    status = 404;
                    out.put("error", "GET stats, POST faults, POST orders, POST address, POST reset-rates, "
                            + "POST claims, POST claims/{cancel|return|exchange|collect|withdraw}");
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                status = 400;
                out.put("error", e.getMessage());
            }
            ControlEndpoint.reply(http, status, out);
        }
    }

    /**
     * claims/{cancel|return|exchange|collect|withdraw}?sellerId=..&productOrderId=.. (or orderId=.. for its first
     * line) [&quantity=N]: a buyer's claim made now; answers {productOrderId, claimId, claimType, claimStatus}.
     */
    private void claim(String action, Map<String, String> q, ObjectNode out) {
        String seller = q.getOrDefault("sellerId", "");
        String productOrderId = q.get("productOrderId");
        if (productOrderId == null) {
            productOrderId = store.productOrderIds(seller, q.getOrDefault("orderId", "")).get(0);
        }
        Integer quantity = q.containsKey("quantity") ? Integer.valueOf(q.get("quantity")) : null;
        switch (action) {
            case "cancel" -> claims.buyerCancel(seller, productOrderId, quantity, false);
            case "return" -> claims.buyerReturn(seller, productOrderId, quantity, false, false);
            case "exchange" -> claims.buyerReturn(seller, productOrderId, quantity, true, false);
            case "collect" -> claims.collect(seller, productOrderId);
            case "withdraw" -> claims.withdraw(seller, productOrderId);
            default -> throw new IllegalArgumentException("POST claims, POST claims/{cancel|return|exchange|collect|withdraw}");
        }
        String id = productOrderId;
        out.put("productOrderId", id);
        Claim c = store.read(seller, id, p -> p.claim);
        if (c != null) {
            out.put("claimId", c.claimId);
            out.put("claimType", c.claimType);
            String status = store.read(seller, id, p -> p.claim.claimStatus);
            out.put("claimStatus", status);
        }
    }

    private void stats(ObjectNode out) {
        ObjectNode v = out.putObject("sellers");
        long productOrders = 0;
        for (String id : store.sellerIds()) {
            v.set(id, JSON.valueToTree(store.statusCounts(id)));
            productOrders += store.productOrderCount(id);
        }
        out.put("productOrders", productOrders);
        out.put("tokenCalls", counts.token.get());
        out.put("tokensIssued", tokens.issued());
        out.put("feedCalls", counts.feed.get());
        out.put("queryCalls", counts.query.get());
        out.put("confirmCalls", counts.confirm.get());
        out.put("dispatchCalls", counts.dispatch.get());
        out.put("claimCalls", counts.claim.get());
        out.put("peakCallsPerSecondPerClient", rateLimit.peakPerClient());
        out.put("peakCallsPerSecondTotal", rateLimit.peakTotal());
    }

    private void setFaults(Map<String, String> q) {
        if (q.containsKey("reset")) {
            faults.reset();
        }
        faults.latencyMs = Long.parseLong(q.getOrDefault("latencyMs", String.valueOf(faults.latencyMs)));
        faults.errorRate = Double.parseDouble(q.getOrDefault("errorRate", String.valueOf(faults.errorRate)));
        faults.throttleRate = Double.parseDouble(q.getOrDefault("throttleRate", String.valueOf(faults.throttleRate)));
        faults.timeoutRate = Double.parseDouble(q.getOrDefault("timeoutRate", String.valueOf(faults.timeoutRate)));
        faults.timeoutDelayMs = Long.parseLong(q.getOrDefault("timeoutDelayMs", String.valueOf(faults.timeoutDelayMs)));
        faults.malformedBodyRate = Double.parseDouble(q.getOrDefault("malformedBodyRate", String.valueOf(faults.malformedBodyRate)));
        faults.addressChangeRate = Double.parseDouble(q.getOrDefault("addressChangeRate", String.valueOf(faults.addressChangeRate)));
        faults.giftRate = Double.parseDouble(q.getOrDefault("giftRate", String.valueOf(faults.giftRate)));
        faults.ipDenied = Boolean.parseBoolean(q.getOrDefault("ipDenied", String.valueOf(faults.ipDenied)));
        faults.latestChangeOnly = Boolean.parseBoolean(q.getOrDefault("latestChangeOnly", String.valueOf(faults.latestChangeOnly)));
        faults.rejectLongWindows = Boolean.parseBoolean(q.getOrDefault("rejectLongWindows", String.valueOf(faults.rejectLongWindows)));
        faults.quantityFieldsNeedCompatibility = Boolean.parseBoolean(
                q.getOrDefault("quantityFieldsNeedCompatibility", String.valueOf(faults.quantityFieldsNeedCompatibility)));
        if (q.containsKey("claimShape")) {
            faults.claimShape = ClaimShape.valueOf(q.get("claimShape"));
        }
        if (q.containsKey("rateLimitPerSecond")) {
            rateLimit.setPerSecond(Integer.parseInt(q.get("rateLimitPerSecond")));
        }
        if (q.containsKey("failStatus")) {
            faults.failNext(Integer.parseInt(q.get("failStatus")), Integer.parseInt(q.getOrDefault("failCount", "1")));
        }
        if (q.containsKey("failTokenStatus")) {
            faults.failNextToken(Integer.parseInt(q.get("failTokenStatus")), Integer.parseInt(q.getOrDefault("failCount", "1")));
        }
        if (Boolean.parseBoolean(q.get("expireTokens"))) {
            tokens.expireAll();
        }
    }
}
