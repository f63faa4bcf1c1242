package io.marketbridge.simulator.coupang;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.ControlEndpoint.BadRequest;
import io.marketbridge.simulator.ControlEndpoint.Call;
import io.marketbridge.simulator.ControlEndpoint.Params;
import java.util.List;

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

    /** claims: the buyers' switches (cancelRate, cancelDelay, returnRate, ...); any method but POST is refused. */
    void switches(Call call, ObjectNode out) {
        run(call, () -> {
            claims.switches().set(call.query().map());
            out.put("ok", true);
        });
    }

    /** claims/{action}; any method but POST is refused. */
    void claim(Call call, ObjectNode out) {
        run(call, () -> answer(call.rest(), call.query(), out));
    }

    /** Every refusal answers 400 with its reason. */
    private static void run(Call call, Runnable action) {
        try {
            if (!call.http().getRequestMethod().equals("POST")) {
                throw new IllegalArgumentException("POST claims/{cancel|return|exchange|withdraw}");
            }
            action.run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new BadRequest(String.valueOf(e.getMessage()));
        }
    }

    private void answer(String action, Params q, ObjectNode out) {
        String vendor = q.get("vendorId");
        if (!store.hasVendor(vendor)) {
            throw new IllegalArgumentException("vendorId must name a configured vendor");
        }
        CoupangClaim c;
        if (action.equals("withdraw")) {
            long receiptId = Long.parseLong(q.get("receiptId", ""));
            claims.withdraw(vendor, receiptId);
            c = claims.claim(vendor, receiptId);
        } else {
            Long item = q.has("vendorItemId") ? Long.valueOf(q.get("vendorItemId")) : null;
            Integer count = q.has("count") ? Integer.valueOf(q.get("count")) : null;
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
    }

    private long box(String vendor, Params q, Long vendorItemId) {
        if (q.has("shipmentBoxId")) {
            return Long.parseLong(q.get("shipmentBoxId"));
        }
        List<Long> boxes = store.boxIdsOf(vendor, Long.parseLong(q.get("orderId", "")));
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
