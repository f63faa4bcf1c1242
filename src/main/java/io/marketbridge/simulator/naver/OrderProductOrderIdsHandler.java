package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.naver.NaverReplies.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.marketbridge.simulator.SimReply;

/** GET /external/v1/pay-order/seller/orders/{orderId}/product-order-ids: an order's product orders, in line order. */
final class OrderProductOrderIdsHandler implements NaverApiHandler {

    @Override
    public SimReply answer(Call call) {
        ArrayNode ids = JSON.createArrayNode();
        Seller s = call.seller();
        synchronized (s) {
            Order o = s.orders.get(call.pathId());
            if (o == null) {
                return NaverReplies.apiError(400, "100003", "주문을 찾을 수 없습니다.", call.traceId());
            }
            for (ProductOrder p : o.lines) {
                ids.add(p.productOrderId);
            }
        }
        return NaverReplies.ok(ids, call.traceId());
    }
}
