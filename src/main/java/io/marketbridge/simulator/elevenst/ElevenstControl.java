package io.marketbridge.simulator.elevenst;

import static io.marketbridge.simulator.elevenst.ElevenstStore.SEOUL;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.ControlEndpoint;
import io.marketbridge.simulator.ControlEndpoint.Call;
import io.marketbridge.simulator.ControlEndpoint.Params;
import java.io.IOException;
import java.time.ZonedDateTime;

/**
 * /_simulator/elevenst/: GET stats, POST faults, orders (sellerId, count, lines, bundles), cancel, reset-rates, and
 * the buyers' claims (claims, claims/cancel, claims/return, claims/exchange, claims/withdraw).
 */
final class ElevenstControl {

    private final ObjectMapper json = new ObjectMapper();
    private final ElevenstStore store;
    private final ElevenstFaults faults;
    private final ElevenstRateLimit rateLimit;
    private final ElevenstClaims claims;
    private final ElevenstStockLevels stock;
    private final ControlEndpoint endpoint;

    ElevenstControl(ElevenstStore store, ElevenstFaults faults, ElevenstRateLimit rateLimit, ElevenstClaims claims,
                    ElevenstStockLevels stock) {
        this.store = store;
        this.stock = stock;
        this.faults = faults;
        this.rateLimit = rateLimit;
        this.claims = claims;
        this.endpoint = new ControlEndpoint(ElevenstSimulator.NAME, "GET stats, POST faults, POST orders, POST cancel, POST reset-rates, POST claims, "
                + "POST claims/cancel|return|exchange|withdraw")
                .post("claims", q -> claims.switches.set(q.map()))
                .post("claims/*", (call, out) -> claim(call.rest(), call.query(), out))
                .any("stats", (call, out) -> stats(out))
                .post("reset-rates", q -> rateLimit.rates().reset())
                .post("faults", this::setFaults)
                .post("orders", this::createOrders)
                .post("cancel", q -> claims.cancelLine(q.get("sellerId", ""), q.get("ordNo", ""), q.get("ordPrdSeq", "1"),
                        Boolean.parseBoolean(q.get("completed")), ZonedDateTime.now(SEOUL)));
    }

    void handle(HttpExchange http) throws IOException {
        endpoint.handle(http);
    }

    private void createOrders(Call call, ObjectNode out) {
        Params q = call.query();
        String seller = q.get("sellerId");
        int count = Integer.parseInt(q.get("count", "1"));
        int lines = Integer.parseInt(q.get("lines", "0"));
        int bundles = Integer.parseInt(q.get("bundles", "0"));
        ArrayNode ids = out.putArray("orderIds");
        for (int i = 0; i < count; i++) {
            ids.add(store.createOrder(seller, ZonedDateTime.now(SEOUL), lines > 0 ? lines : store.randomLines(), bundles));
        }
    }

    /**
     * claims/cancel, claims/return, claims/exchange (sellerId, ordNo, ordPrdSeq, qty: 0 or absent = all) answer the
     * claim number; claims/withdraw (sellerId, claimNo). (claims alone sets the buyers' switches.)
     */
    private void claim(String action, Params q, ObjectNode out) {
        String seller = q.get("sellerId", "");
        String ordNo = q.get("ordNo", "");
        String seq = q.get("ordPrdSeq", "1");
        int qty = Integer.parseInt(q.get("qty", "0"));
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        switch (action) {
            case "cancel" -> out.put("claimNo", claims.requestCancel(seller, ordNo, seq, qty, now));
            case "return" -> out.put("claimNo", claims.request(ElevenstClaim.Kind.RETURN, seller, ordNo, seq, qty, now));
            case "exchange" -> out.put("claimNo", claims.request(ElevenstClaim.Kind.EXCHANGE, seller, ordNo, seq, qty, now));
            case "withdraw" -> {
                claims.withdraw(seller, q.get("claimNo", ""), now);
                out.put("ok", true);
            }
            default -> throw new IllegalArgumentException("POST claims, claims/cancel, claims/return, claims/exchange, claims/withdraw");
        }
    }

    private void stats(ObjectNode out) {
        ObjectNode v = out.putObject("sellers");
        store.lineStatusCounts().forEach((id, counts) -> v.set(id, json.valueToTree(counts)));
        out.put("listCalls", store.listCalls());
        out.put("readCalls", store.readCalls());
        out.put("confirmCalls", store.confirmCalls());
        out.put("deliveryCalls", store.deliveryCalls());
        out.put("claimListCalls", claims.listCalls());
        out.put("claimActionCalls", claims.actionCalls());
        out.put("peakCallsPerSecondPerSeller", rateLimit.rates().peakPerCaller());
        out.put("peakCallsPerSecondTotal", rateLimit.rates().peakTotal());
        // what 11st believes each option has, and how often it was told
        out.set("stock", json.valueToTree(stock.figures()));
        out.set("stockCalls", json.valueToTree(stock.calls()));
    }

    private void setFaults(Params q) {
        if (q.has("reset")) {
            faults.reset();
        }
        faults.latencyMs = q.longOr("latencyMs", faults.latencyMs);
        faults.errorRate = q.doubleOr("errorRate", faults.errorRate);
        faults.maintenance = q.flagOr("maintenance", faults.maintenance);
        faults.ipDenied = q.flagOr("ipDenied", faults.ipDenied);
        faults.rareNameRate = q.doubleOr("rareNameRate", faults.rareNameRate);
        if (q.has("xxeFile")) {
            faults.xxeFile = q.get("xxeFile").isBlank() ? null : q.get("xxeFile");
        }
        if (q.has("charset")) {
            faults.charset = q.get("charset").isBlank() ? null : q.get("charset");
        }
        faults.resultRoot = q.textOr("resultRoot", faults.resultRoot);
        if (q.has("rateLimitPerSecond")) {
            rateLimit.setPerSecond(Integer.parseInt(q.get("rateLimitPerSecond")));
        }
        if (q.has("failStatus")) {
            faults.failNext(Integer.parseInt(q.get("failStatus")), q.intOr("failCount", 1));
        }
        faults.cancelRejectSendDt = q.textOr("cancelRejectSendDt", faults.cancelRejectSendDt);
        if (q.has("actionCode")) {
            faults.actionCode(Integer.parseInt(q.get("actionCode")), q.intOr("actionCount", 1));
        }
    }
}
