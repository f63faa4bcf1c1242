package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.naver.NaverReplies.JSON;
import static io.marketbridge.simulator.naver.NaverReplies.allStrings;
import static io.marketbridge.simulator.naver.NaverReplies.badParameter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.marketbridge.simulator.SimReply;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * POST /external/v1/pay-order/seller/product-orders/query: the details of up to 300 product orders by id;
 * unknown ids and other sellers' ids are left out of the answer.
 */
final class ProductOrderQueryHandler implements NaverApiHandler {

    private static final int QUERY_LIMIT = 300;

    private final ProductOrderDetails details;
    private final NaverCallCounts counts;

    ProductOrderQueryHandler(ProductOrderDetails details, NaverCallCounts counts) {
        this.details = details;
        this.counts = counts;
    }

    @Override
    public SimReply answer(Call call) {
        counts.query.incrementAndGet();
        String traceId = call.traceId();
        JsonNode request = NaverReplies.readJson(call.body());
        if (request == null) {
            return badParameter("HttpMessageNotReadable.productOrdersQueryRequest", traceId);
        }
        JsonNode ids = request.get("productOrderIds");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            return badParameter("NotEmpty.productOrdersQueryRequest.productOrderIds", traceId);
        }
        if (ids.size() > QUERY_LIMIT) {
            return badParameter("Size.productOrdersQueryRequest.productOrderIds (최대 300개)", traceId);
        }
        if (!allStrings(ids)) {
            return badParameter("typeMismatch.productOrdersQueryRequest.productOrderIds", traceId);
        }
        boolean compatible = request.path("quantityClaimCompatibility").asBoolean(false);
        ArrayNode data = JSON.createArrayNode();
        Set<String> seen = new LinkedHashSet<>();
        Seller s = call.seller();
        synchronized (s) {
            for (JsonNode id : ids) {
                ProductOrder p = s.productOrders.get(id.asText());
                if (p != null && seen.add(p.productOrderId)) { // unknown or another seller's ids are left out
                    data.add(details.render(s, p, compatible));
                }
            }
        }
        return NaverReplies.ok(data, traceId);
    }
}
