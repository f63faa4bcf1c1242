package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.naver.NaverReplies.JSON;
import static io.marketbridge.simulator.naver.NaverReplies.badParameter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;

/**
 * POST /external/v1/pay-order/seller/product-orders/{productOrderId}/claim/{action} (naver.md 2.3, 2.8) for the
 * actions the simulator plays: cancel/approve and return/approve (no body), cancel/request
 * {cancelReason, cancelDetailedReason?, cancelQuantity?} (the seller's own cancel), return/reject
 * {rejectReturnReason}, exchange/collect/approve (no body), exchange/dispatch {reDeliveryMethod, reDeliveryCompany,
 * reDeliveryTrackingNumber} and exchange/reject {rejectExchangeReason}. A malformed body is 400 code 4000; otherwise HTTP 200 with the product order in
 * successProductOrderIds or failProductOrderInfos.
 */
final class ClaimHandler implements NaverApiHandler {

    /** The claim actions served, as they appear in the path after /claim/. */
    static final String CANCEL_APPROVE = "cancel/approve";
    static final String CANCEL_REQUEST = "cancel/request";
    static final String RETURN_APPROVE = "return/approve";
    static final String RETURN_REJECT = "return/reject";
    static final String EXCHANGE_COLLECT_APPROVE = "exchange/collect/approve";
    static final String EXCHANGE_DISPATCH = "exchange/dispatch";
    static final String EXCHANGE_REJECT = "exchange/reject";

    private final NaverClaims claims;
    private final NaverCallCounts counts;
    private final String action;

    ClaimHandler(NaverClaims claims, NaverCallCounts counts, String action) {
        this.claims = claims;
        this.counts = counts;
        this.action = action;
    }

    @Override
    public SimReply answer(Call call) {
        counts.claim.incrementAndGet();
        String traceId = call.traceId();
        String id = call.pathId();
        JsonNode body = call.body().length == 0 ? JSON.createObjectNode() : NaverReplies.readJson(call.body());
        if (body == null) {
            return badParameter("HttpMessageNotReadable.claimRequest", traceId);
        }
        String reason = null;
        Integer quantity = null;
        if (action.equals(CANCEL_REQUEST)) {
            reason = body.path("cancelReason").asText("");
            if (reason.isEmpty()) {
                return badParameter("NotNull.cancelRequest.cancelReason", traceId);
            }
            if (!NaverClaims.CANCEL_REASONS.contains(reason)) {
                return badParameter("typeMismatch.cancelRequest.cancelReason", traceId);
            }
            if (body.hasNonNull("cancelQuantity")) {
                if (!body.get("cancelQuantity").canConvertToInt() || body.get("cancelQuantity").isTextual()) {
                    return badParameter("typeMismatch.cancelRequest.cancelQuantity", traceId);
                }
                quantity = body.get("cancelQuantity").asInt();
            }
        } else if (action.equals(RETURN_REJECT) || action.equals(EXCHANGE_REJECT)) {
            String field = action.equals(RETURN_REJECT) ? "rejectReturnReason" : "rejectExchangeReason";
            reason = body.path(field).asText("");
            if (reason.isBlank()) {
                return badParameter("NotBlank." + field.replace("Reason", "Request") + "." + field, traceId);
            }
        } else if (action.equals(EXCHANGE_DISPATCH)) {
            String method = body.path("reDeliveryMethod").asText("");
            if (!DispatchHandler.DELIVERY_METHODS.contains(method)) {
                String error = method.isEmpty() ? "NotNull" : "typeMismatch";
                return badParameter(error + ".reDispatchRequest.reDeliveryMethod", traceId);
            }
            for (String field : new String[] {"reDeliveryCompany", "reDeliveryTrackingNumber"}) {
                if (body.hasNonNull(field) && !body.get(field).isTextual()) {
                    return badParameter("typeMismatch.reDispatchRequest." + field, traceId);
                }
            }
        }
        String[] refusal;
        Seller s = call.seller();
        synchronized (s) {
            refusal = switch (action) {
                case CANCEL_APPROVE -> claims.approveCancel(s, id);
                case CANCEL_REQUEST -> claims.sellerCancel(s, id, reason, quantity);
                case RETURN_APPROVE -> claims.approveReturn(s, id);
                case RETURN_REJECT -> claims.rejectReturn(s, id, reason);
                case EXCHANGE_COLLECT_APPROVE -> claims.approveExchangeCollect(s, id);
                case EXCHANGE_DISPATCH -> claims.redispatchExchange(s, id, body.path("reDeliveryMethod").asText(),
                        body.path("reDeliveryCompany").asText(""), body.path("reDeliveryTrackingNumber").asText("").trim());
                default -> claims.rejectExchange(s, id, reason);
            };
        }
        ObjectNode data = JSON.createObjectNode();
        ArrayNode success = data.putArray("successProductOrderIds");
        ArrayNode fail = data.putArray("failProductOrderInfos");
        if (refusal == null) {
            success.add(id);
        } else {
            NaverReplies.failure(fail, id, refusal);
        }
        return NaverReplies.ok(data, traceId);
    }
}
