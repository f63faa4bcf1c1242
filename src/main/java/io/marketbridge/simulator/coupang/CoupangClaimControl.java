package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.ControlEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * POST /_simulator/coupang/claims/{cancel|return|exchange|withdraw}: a buyer's claim made now, so tests drive
 * claims deterministically. cancel, return and exchange take vendorId and either shipmentBoxId or orderId (the box
 * holding vendorItemId, else the order's first box), optional vendorItemId (default every line) and count (default
 * all pieces); withdraw takes vendorId and receiptId. The answer is {receiptId, kind, status, withdrawn}, or 400
 * with the reason. POST /_simulator/coupang/claims?cancelRate=..&cancelDelay=PT5M&... changes the buyers' switches.
 */
final class CoupangClaimControl {

    private final CoupangStore store;
    private final CoupangClaims claims;

    CoupangClaimControl(CoupangStore store, CoupangClaims claims) {
        this.store = store;
        this.claims = claims;
    }

    void handle(HttpExchange http) throws IOException {
        try (http) {
            String path = http.getRequestURI().getPath();
            Map<String, String> q = ControlEndpoint.query(http);
            ObjectNode out = JSON.createObjectNode();
            int status = 200;
            try {
                if (!http.getRequestMethod().equals("POST")) {
                    throw new IllegalArgumentException("POST claims/{cancel|return|exchange|withdraw}");
                }
                if (path.endsWith("/claims")) {
                    claims.switches().set(q); // the buyers' switches: cancelRate, cancelDelay, returnRate, ...
                    out.put("ok", true);
                    ControlEndpoint.reply(http, status, out);
                    return;
                }
                String vendor = q.get("vendorId");
                if (!store.hasVendor(vendor)) {
                    throw new IllegalArgumentException("vendorId must name a configured vendor");
                }
                String action = path.substring(path.lastIndexOf('/') + 1);
                CoupangClaim c;
                if (action.equals("withdraw")) {
                    long receiptId = Long.parseLong(q.getOrDefault("receiptId", ""));
                    claims.withdraw(vendor, receiptId);
                    c = claims.claim(vendor, receiptId);
                } else {
                    Long item = q.containsKey("vendorItemId") ? Long.valueOf(q.get("vendorItemId")) : null;
                    Integer count = q.containsKey("count") ? Integer.valueOf(q.get("count")) : null;
                    long box = box(vendor, q, item);
                    c = switch (action) {
                        case "cancel" -> claims.buyerCancel(vendor, box, item, count, false);
                        case "return" -> claims.buyerReturn(vendor, box, item, count, false, false);
                        case "exchange" -> claims.buyerReturn(vendor, box, item, count, true, false);
                        default -> throw new IllegalArgumentException("POST claims/{cancel|return|exchange|withdraw}");
                    };
                }
                synchronized (c) {
                    out.put("receiptId", c.receiptId);
                    out.put("kind", c.kind.name());
                    out.put("status", c.status);
                    out.put("withdrawn", c.withdrawn);
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                status = 400;
                out.put("error", String.valueOf(e.getMessage()));
            }
            ControlEndpoint.reply(http, status, out);
        }
    }

    private long box(String vendor, Map<String, String> q, Long vendorItemId) {
        if (q.containsKey("shipmentBoxId")) {
            return Long.parseLong(q.get("shipmentBoxId"));
        }
        List<Long> boxes = store.boxIdsOf(vendor, Long.parseLong(q.getOrDefault("orderId", "")));
        if (boxes.isEmpty()) {
            throw new IllegalArgumentException("shipmentBoxId or orderId must name a box of the vendor");
        }
        if (vendorItemId != null) {
            for (long box : boxes) {
                for (var item : store.sheet(vendor, box).json.path("orderItems")) {
                    if (item.path("vendorItemId").asLong() == vendorItemId) {
                        return box;
                    }
                }
            }
        }
        return boxes.get(0);
    }
}
