package io.marketbridge.simulator.elevenst;

import static io.marketbridge.simulator.elevenst.ElevenstStore.SEOUL;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.ControlEndpoint;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.Map;

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

    ElevenstControl(ElevenstStore store, ElevenstFaults faults, ElevenstRateLimit rateLimit, ElevenstClaims claims) {
        this.store = store;
        this.faults = faults;
        this.rateLimit = rateLimit;
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
                    claim(path, q, out);
                } else if (path.endsWith("/stats")) {
                    stats(out);
                } else if (path.endsWith("/reset-rates") && post) {
                    rateLimit.rates().reset();
                    out.put("ok", true);
                } else if (path.endsWith("/faults") && post) {
                    setFaults(q);
                    out.put("ok", true);
                } else if (path.endsWith("/orders") && post) {
                    String seller = q.get("sellerId");
                    int count = Integer.parseInt(q.getOrDefault("count", "1"));
                    int lines = Integer.parseInt(q.getOrDefault("lines", "0"));
                    int bundles = Integer.parseInt(q.getOrDefault("bundles", "0"));
                    ArrayNode ids = out.putArray("orderIds");
                    for (int i = 0; i < count; i++) {
                        ids.add(store.createOrder(seller, ZonedDateTime.now(SEOUL), lines > 0 ? lines : store.randomLines(), bundles));
                    }
                } else if (path.endsWith("/cancel") && post) {
                    claims.cancelLine(q.getOrDefault("sellerId", ""), q.getOrDefault("ordNo", ""), q.getOrDefault("ordPrdSeq", "1"),
                            Boolean.parseBoolean(q.get("completed")), ZonedDateTime.now(SEOUL));
                    out.put("ok", true);
                } else {
                    status = 404;
                    out.put("error", "GET stats, POST faults, POST orders, POST cancel, POST reset-rates, POST claims, "
                            + "POST claims/cancel|return|exchange|withdraw");
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                status = 400;
                out.put("error", e.getMessage());
            }
            ControlEndpoint.reply(http, status, out);
        }
    }

    /**
     * claims/cancel, claims/return, claims/exchange (sellerId, ordNo, ordPrdSeq, qty: 0 or absent = all) answer the
     * claim number; claims/withdraw (sellerId, claimNo); claims alone sets the buyers' switches.
     */
    private void claim(String path, Map<String, String> q, ObjectNode out) {
        String seller = q.getOrDefault("sellerId", "");
        String ordNo = q.getOrDefault("ordNo", "");
        String seq = q.getOrDefault("ordPrdSeq", "1");
        int qty = Integer.parseInt(q.getOrDefault("qty", "0"));
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        if (path.endsWith("/claims/cancel")) {
            out.put("claimNo", claims.requestCancel(seller, ordNo, seq, qty, now));
        } else if (path.endsWith("/claims/return")) {
            out.put("claimNo", claims.request(ElevenstClaim.Kind.RETURN, seller, ordNo, seq, qty, now));
        } else if (path.endsWith("/claims/exchange")) {
            out.put("claimNo", claims.request(ElevenstClaim.Kind.EXCHANGE, seller, ordNo, seq, qty, now));
        } else if (path.endsWith("/claims/withdraw")) {
            claims.withdraw(seller, q.getOrDefault("claimNo", ""), now);
            out.put("ok", true);
        } else if (path.endsWith("/claims")) {
            claims.switches.set(q);
            out.put("ok", true);
        } else {
            throw new IllegalArgumentException("POST claims, claims/cancel, claims/return, claims/exchange, claims/withdraw");
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
    }

    private void setFaults(Map<String, String> q) {
        if (q.containsKey("reset")) {
            faults.reset();
        }
        faults.latencyMs = Long.parseLong(q.getOrDefault("latencyMs", String.valueOf(faults.latencyMs)));
        faults.errorRate = Double.parseDouble(q.getOrDefault("errorRate", String.valueOf(faults.errorRate)));
        faults.maintenance = Boolean.parseBoolean(q.getOrDefault("maintenance", String.valueOf(faults.maintenance)));
        faults.ipDenied = Boolean.parseBoolean(q.getOrDefault("ipDenied", String.valueOf(faults.ipDenied)));
        faults.rareNameRate = Double.parseDouble(q.getOrDefault("rareNameRate", String.valueOf(faults.rareNameRate)));
        if (q.containsKey("xxeFile")) {
            faults.xxeFile = q.get("xxeFile").isBlank() ? null : q.get("xxeFile");
        }
        if (q.containsKey("charset")) {
            faults.charset = q.get("charset").isBlank() ? null : q.get("charset");
        }
        if (q.containsKey("resultRoot")) {
            faults.resultRoot = q.get("resultRoot");
        }
        if (q.containsKey("rateLimitPerSecond")) {
            rateLimit.setPerSecond(Integer.parseInt(q.get("rateLimitPerSecond")));
        }
        if (q.containsKey("failStatus")) {
            faults.failNext(Integer.parseInt(q.get("failStatus")), Integer.parseInt(q.getOrDefault("failCount", "1")));
        }
        faults.cancelRejectSendDt = q.getOrDefault("cancelRejectSendDt", faults.cancelRejectSendDt);
        if (q.containsKey("actionCode")) {
            faults.actionCode(Integer.parseInt(q.get("actionCode")), Integer.parseInt(q.getOrDefault("actionCount", "1")));
        }
    }
}
