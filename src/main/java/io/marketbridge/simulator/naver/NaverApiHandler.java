package io.marketbridge.simulator.naver;

import io.marketbridge.simulator.SimReply;
import java.util.List;
import java.util.Map;

/** One resource of the simulated Commerce API; it answers calls the gateway has let through (token, faults, rate). */
interface NaverApiHandler {

    /**
     * One call as the gateway passes it on: the seller its token belongs to, the query string, the body, the id
     * in the path (the orderId of /orders/{orderId}/product-order-ids, else null) and the gateway's trace id.
     */
    record Call(Seller seller, Map<String, List<String>> query, byte[] body, String pathId, String traceId) {
    }

    SimReply answer(Call call);
}
