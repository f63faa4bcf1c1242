package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.naver.NaverDates.SEOUL;
import static io.marketbridge.simulator.naver.NaverReplies.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.ControlEndpoint;
import io.marketbridge.simulator.ControlEndpoint.BadRequest;
import io.marketbridge.simulator.ControlEndpoint.Call;
import io.marketbridge.simulator.ControlEndpoint.Params;
import io.marketbridge.simulator.naver.NaverFaults.ClaimShape;
import java.io.IOException;
import java.time.ZonedDateTime;

/** /_simulator/naver/stats, /faults, /orders, /address, /reset-rates, /claims/*: for driving the simulator from outside. */
final class NaverControlEndpoint {

    private final NaverStore store;
    private final NaverFaults faults;
    private final NaverCallCounts counts;
    private final NaverTokens tokens;
    private final NaverRateLimit rateLimit;
    private final NaverClaims claims;
    private final ProductStock stock;
    private final ControlEndpoint endpoint;

    NaverControlEndpoint(NaverStore store, NaverFaults faults, NaverCallCounts counts, NaverTokens tokens,
                         NaverRateLimit rateLimit, NaverClaims claims, ProductStock stock) {
        this.claims = claims;
        this.stock = stock;
        this.store = store;
        this.faults = faults;
        this.counts = counts;
        this.tokens = tokens;
        this.rateLimit = rateLimit;
        this.endpoint = new ControlEndpoint(NaverSimulator.NAME, "GET stats, POST faults, POST orders, POST address, POST reset-rates, "
                + "POST claims, POST claims/{cancel|return|exchange|collect|withdraw}")
                .any("stats", (call, out) -> stats(out))
                .post("reset-rates", q -> rateLimit.resetPeaks())
                .post("faults", this::setFaults)
                .post("orders", this::createOrders)
                // the buyers' switches: cancelRate, cancelDelay, returnRate, ...
                .post("claims", q -> claims.switches().set(q.map()))
                .post("claims/*", (call, out) -> claim(lastSegment(call.rest()), call.query(), out))
                .post("address", q -> store.changeAddress(q.get("sellerId", ""), q.get("orderId", "")));
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    void handle(HttpExchange http) throws IOException {
        endpoint.handle(http);
    }

    private void createOrders(Call call, ObjectNode out) {
        Params q = call.query();
        String seller = q.get("sellerId");
        if (seller == null || !store.hasSeller(seller)) {
            throw new BadRequest("sellerId must name a configured seller");
        }
        int count = Integer.parseInt(q.get("count", "1"));
        int lines = Integer.parseInt(q.get("lines", "0"));
        boolean gift = Boolean.parseBoolean(q.get("gift"));
        ArrayNode ids = out.putArray("orderIds");
        for (int i = 0; i < count; i++) {
            ids.add(store.createOrder(seller, ZonedDateTime.now(SEOUL), lines > 0 ? lines : store.randomLines(), gift));
        }
    }

    /**
     * claims/{cancel|return|exchange|collect|withdraw}?sellerId=..&productOrderId=.. (or orderId=.. for its first
     * line) [&quantity=N]: a buyer's claim made now; answers {productOrderId, claimId, claimType, claimStatus}.
     */
    private void claim(String action, Params q, ObjectNode out) {
        String seller = q.get("sellerId", "");
        String productOrderId = q.get("productOrderId");
        if (productOrderId == null) {
            productOrderId = store.productOrderIds(seller, q.get("orderId", "")).get(0);
        }
        Integer quantity = q.has("quantity") ? Integer.valueOf(q.get("quantity")) : null;
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
        out.put("stockCalls", counts.stock.get());
        // the origin products stock calls named: their options' figures (or own figure), status and calls
        stock.render(out.putObject("stock"));
        out.put("peakCallsPerSecondPerClient", rateLimit.peakPerClient());
        out.put("peakCallsPerSecondTotal", rateLimit.peakTotal());
    }

    private void setFaults(Params q) {
        if (q.has("reset")) {
            faults.reset();
        }
        faults.latencyMs = q.longOr("latencyMs", faults.latencyMs);
        faults.errorRate = q.doubleOr("errorRate", faults.errorRate);
        faults.throttleRate = q.doubleOr("throttleRate", faults.throttleRate);
        faults.timeoutRate = q.doubleOr("timeoutRate", faults.timeoutRate);
        faults.timeoutDelayMs = q.longOr("timeoutDelayMs", faults.timeoutDelayMs);
        faults.malformedBodyRate = q.doubleOr("malformedBodyRate", faults.malformedBodyRate);
        faults.addressChangeRate = q.doubleOr("addressChangeRate", faults.addressChangeRate);
        faults.giftRate = q.doubleOr("giftRate", faults.giftRate);
        faults.ipDenied = q.flagOr("ipDenied", faults.ipDenied);
        faults.latestChangeOnly = q.flagOr("latestChangeOnly", faults.latestChangeOnly);
        faults.rejectLongWindows = q.flagOr("rejectLongWindows", faults.rejectLongWindows);
        faults.quantityFieldsNeedCompatibility = q.flagOr("quantityFieldsNeedCompatibility", faults.quantityFieldsNeedCompatibility);
        if (q.has("claimShape")) {
            faults.claimShape = ClaimShape.valueOf(q.get("claimShape"));
        }
        if (q.has("rateLimitPerSecond")) {
            rateLimit.setPerSecond(Integer.parseInt(q.get("rateLimitPerSecond")));
        }
        if (q.has("failStatus")) {
            faults.failNext(Integer.parseInt(q.get("failStatus")), q.intOr("failCount", 1));
        }
        if (q.has("failTokenStatus")) {
            faults.failNextToken(Integer.parseInt(q.get("failTokenStatus")), q.intOr("failCount", 1));
        }
        if (Boolean.parseBoolean(q.get("expireTokens"))) {
            tokens.expireAll();
        }
    }
}
