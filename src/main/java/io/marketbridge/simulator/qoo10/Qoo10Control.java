package io.marketbridge.simulator.qoo10;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.ControlEndpoint;
import java.io.IOException;
import java.time.ZonedDateTime;

/**
 * /_simulator/qoo10/ (loopback only):
 * <pre>
 *   GET  stats                                    calls per method, SAKs issued, orders per status, stock per
 *                                                 seller and item (per optionCode) with its stock calls
 *   POST orders?seller=&amp;count=1&amp;lines=1[&amp;minutes-ago=0][&amp;malformed=true]   new paid carts (status 2)
 *   GET  order?orderNo=                           one order's status, carrier, tracking number, claim
 *   POST status?orderNo=&amp;to=3                   moves an order to another status (1-5)
 *   POST cancel-request?orderNo=                  the buyer asks to cancel (ClaimStat 1)
 *   POST cancel-withdraw?orderNo=                 the buyer takes the cancel request back (no claim listed any more)
 *   POST expire-saks[?seller=]                    every SAK (of a seller) expires now
 *   POST expire-saks?seller=&amp;after=N            the seller's SAKs expire once they answered N more calls
 *   POST password?seller=&amp;value=               the seller changes the QSM password (its SAKs stop working)
 *   POST faults?method=&amp;mode=http500|http503|malformed|result:CODE&amp;times=1   forced failures (method or *);
 *        faults?latencyMs=N alone: a delay before every answer
 *   POST reset-rates                              the call-rate peaks of stats start again
 *   POST switches?call-styles=both|header|legacy&amp;latency-ms=0
 * </pre>
 */
final class Qoo10Control {

    private final ControlEndpoint endpoint;

    Qoo10Control(Qoo10Simulator sim) {
        Qoo10Store store = sim.store;
        this.endpoint = new ControlEndpoint(Qoo10Simulator.NAME, "see Qoo10Control: stats, orders, order, status,"
                + " cancel-request, cancel-withdraw, expire-saks, password, faults, reset-rates, switches")
                .get("stats", (call, out) -> {
                    ObjectNode calls = out.putObject("calls");
                    store.calls.forEach((m, n) -> calls.put(m, n.get()));
                    out.put("saksIssued", store.saksIssued.get());
                    out.put("peakCallsPerSecondPerSeller", sim.rates.peakPerCaller());
                    out.put("peakCallsPerSecondTotal", sim.rates.peakTotal());
                    ObjectNode statuses = out.putObject("ordersByStatus");
                    for (Qoo10Store.SimOrder o : store.all()) {
                        statuses.put(String.valueOf(o.status), statuses.path(String.valueOf(o.status)).asInt(0) + 1);
                    }
                    sim.stock.describe(out.putObject("stock"));
                })
                .post("orders", (call, out) -> {
                    String seller = call.query().get("seller");
                    if (seller == null || !store.sellers.containsKey(seller)) {
                        throw new ControlEndpoint.BadRequest("seller must name a configured seller");
                    }
                    ZonedDateTime at = store.now().minusMinutes(call.query().longOr("minutes-ago", 0));
                    ArrayNode packs = out.putArray("packNos");
                    sim.addCarts(seller, call.query().intOr("count", 1), call.query().intOr("lines", 1), at,
                            call.query().flagOr("malformed", false)).forEach(packs::add);
                })
                .get("order", (call, out) -> {
                    Qoo10Store.SimOrder o = order(store, call.query().get("orderNo"));
                    out.put("orderNo", o.orderNo);
                    out.put("packNo", o.packNo);
                    out.put("status", o.status);
                    out.put("shippingCorp", o.shippingCorp);
                    out.put("trackingNo", o.trackingNo);
                    out.put("estShipDt", o.estShipDate);
                    out.put("claimStatus", o.claimStatus);
                })
                .post("status", q -> {
                    int to = Integer.parseInt(q.get("to"));
                    if (to < 1 || to > 5) {
                        throw new ControlEndpoint.BadRequest("to must be 1 to 5");
                    }
                    order(store, q.get("orderNo")).status = to;
                })
                .post("cancel-request", q -> sim.methods.requestCancel(order(store, q.get("orderNo")), "買い間違え"))
                .post("cancel-withdraw", q -> sim.methods.withdrawCancel(order(store, q.get("orderNo"))))
                .post("expire-saks", (call, out) -> {
                    String seller = call.query().get("seller");
                    int after = call.query().intOr("after", 0);
                    if (after > 0) {
                        if (seller == null || !store.sellers.containsKey(seller)) {
                            throw new ControlEndpoint.BadRequest("after needs seller to name a configured seller");
                        }
                        sim.expireSaksAfter(seller, after);
                        out.put("expiresAfter", after);
                    } else {
                        out.put("expired", store.expireSaks(seller));
                    }
                })
                .post("password", q -> store.changePassword(q.get("seller"), q.get("value")))
                .post("faults", q -> {
                    // latencyMs alone (as the benchmarks set every simulator's) is a delay, not a forced failure
                    if (q.get("latencyMs") != null && q.get("mode") == null && q.get("method") == null) {
                        sim.latencyMs = q.longOr("latencyMs", sim.latencyMs);
                    } else {
                        sim.force(q.get("method", "*"), q.get("mode", "http500"), q.longOr("times", 1));
                    }
                })
                .post("reset-rates", q -> sim.rates.reset())
                .post("switches", q -> {
                    sim.callStyles = q.textOr("call-styles", sim.callStyles);
                    sim.latencyMs = q.longOr("latency-ms", sim.latencyMs);
                });
    }

    private static Qoo10Store.SimOrder order(Qoo10Store store, String orderNo) {
        Qoo10Store.SimOrder o = orderNo == null ? null : store.order(Long.parseLong(orderNo.trim()));
        if (o == null) {
            throw new ControlEndpoint.BadRequest("no order " + orderNo);
        }
        return o;
    }

    void handle(HttpExchange http) throws IOException {
        endpoint.handle(http);
    }
}
