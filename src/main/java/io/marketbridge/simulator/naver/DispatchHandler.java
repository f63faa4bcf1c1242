package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.naver.NaverDates.SEOUL;
import static io.marketbridge.simulator.naver.NaverDates.dateTime;
import static io.marketbridge.simulator.naver.NaverReplies.JSON;
import static io.marketbridge.simulator.naver.NaverReplies.badParameter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * POST /external/v1/pay-order/seller/product-orders/dispatch: the seller ships up to 30 product orders with
 * a delivery method and, for a parcel, a courier and a tracking number. A malformed item fails the whole call;
 * otherwise each item is answered on its own, in successProductOrderIds or failProductOrderInfos.
 */
final class DispatchHandler implements NaverApiHandler {

    /** Product orders per dispatch call. */
    private static final int CHANGE_LIMIT = 30;
    static final Set<String> DELIVERY_METHODS = Set.of("DELIVERY", "GDFW_ISSUE_SVC", "VISIT_RECEIPT", "DIRECT_DELIVERY",
            "QUICK_SVC", "NOTHING", "RETURN_DESIGNATED", "RETURN_DELIVERY", "RETURN_INDIVIDUAL", "RETURN_MERCHANT", "UNKNOWN");
    /** Methods a seller may dispatch an ordinary parcel order with; only DELIVERY needs a courier and a number. */
    private static final Set<String> DISPATCHABLE = Set.of("DELIVERY", "DIRECT_DELIVERY", "VISIT_RECEIPT", "QUICK_SVC");

    private final NaverStore store;
    private final NaverCallCounts counts;

    DispatchHandler(NaverStore store, NaverCallCounts counts) {
        this.store = store;
        this.counts = counts;
    }

    @Override
    public SimReply answer(Call call) {
        counts.dispatch.incrementAndGet();
        String traceId = call.traceId();
        JsonNode request = NaverReplies.readJson(call.body());
        if (request == null) {
            return badParameter("HttpMessageNotReadable.dispatchRequest", traceId);
        }
        JsonNode items = request.get("dispatchProductOrders");
        if (items == null || !items.isArray() || items.isEmpty()) {
            return badParameter("NotEmpty.dispatchRequest.dispatchProductOrders", traceId);
        }
        if (items.size() > CHANGE_LIMIT) {
            return badParameter("Size.dispatchRequest.dispatchProductOrders (최대 30개)", traceId);
        }
        // field types first: one malformed item fails the whole call, as request validation does
        List<ZonedDateTime> dates = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.path("productOrderId").asText("").isBlank()) {
                return badParameter("NotBlank.dispatchProductOrder.productOrderId", traceId);
            }
            for (String field : List.of("productOrderId", "deliveryCompanyCode", "trackingNumber")) {
                if (item.hasNonNull(field) && !item.get(field).isTextual()) {
                    return badParameter("typeMismatch.dispatchProductOrder." + field, traceId);
                }
            }
            String method = item.path("deliveryMethod").asText("");
            if (!DELIVERY_METHODS.contains(method)) {
                String error = method.isEmpty() ? "NotNull" : "typeMismatch";
                return badParameter(error + ".dispatchProductOrder.deliveryMethod", traceId);
            }
            OffsetDateTime date = dateTime(item.path("dispatchDate").asText(""));
            if (date == null) {
                String error = item.hasNonNull("dispatchDate") ? "typeMismatch" : "NotNull";
                return badParameter(error + ".dispatchProductOrder.dispatchDate", traceId);
            }
            dates.add(date.atZoneSameInstant(SEOUL).truncatedTo(ChronoUnit.MILLIS));
        }
        ArrayNode success = JSON.createArrayNode();
        ArrayNode fail = JSON.createArrayNode();
        Set<String> seen = new HashSet<>();
        Seller s = call.seller();
        synchronized (s) {
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                String id = item.path("productOrderId").asText();
                String[] refusal = !seen.add(id) ? new String[] {"104131", "상품 주문 번호가 중복되었습니다."}
                        : dispatchOne(s, id, item.path("deliveryMethod").asText(), item.path("deliveryCompanyCode").asText(""),
                        item.path("trackingNumber").asText("").trim(), dates.get(i));
                if (refusal != null) {
                    NaverReplies.failure(fail, id, refusal);
                } else {
                    success.add(id);
                }
            }
        }
        ObjectNode data = JSON.createObjectNode();
        data.set("successProductOrderIds", success);
        data.set("failProductOrderInfos", fail);
        return NaverReplies.ok(data, traceId);
    }

    /** Dispatches one product order; null when done, else {code, message}. */
    private String[] dispatchOne(Seller s, String id, String method, String courier, String number, ZonedDateTime dispatchDate) {
        ProductOrder p = s.productOrders.get(id);
        if (p == null) {
            return store.notFound(id);
        }
        if (!DISPATCHABLE.contains(method)) {
            return new String[] {"104117", "배송 방법 변경이 필요합니다. (" + method + ")"};
        }
        boolean parcel = method.equals("DELIVERY");
        if (parcel) {
            if (courier.isBlank()) {
                return new String[] {"104118", "택배사를 입력해 주세요."};
            }
            if (!NaverCouriers.known(courier)) {
                return new String[] {"104119", "택배사 코드를 확인해 주세요. (" + courier + ")"};
            }
            if (number.isEmpty()) {
                return new String[] {"104120", "송장 번호를 입력해 주세요."};
            }
            if (!NaverCouriers.validNumber(courier, number)) {
                return new String[] {"104122", "배송 송장 오류입니다. 유효하지 않은 송장 번호입니다. (" + number + ")"};
            }
        }
        if (p.order.waitingForGift()) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (선물 수락 대기)"};
        }
        if (p.claim != null && p.claim.active()) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (클레임 " + p.claim.claimStatus + ")"};
        }
        if (p.status.equals("DELIVERING")) {
            return new String[] {"105306", "변경을 요청한 상태가 기존과 동일합니다. (이미 발송 처리된 상품 주문)"};
        }
        if (!p.status.equals("PAYED")) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (현재 상태: " + p.status + ")"};
        }
        if (parcel) {
            Address a = p.order.address;
            String receiver = a.name() + "|" + a.zipCode() + "|" + a.baseAddress() + "|" + a.detailedAddress();
            String before = s.trackingNumbers.putIfAbsent(courier + ":" + number, receiver);
            if (before != null && !before.equals(receiver)) {
                return new String[] {"104121", "배송 송장 오류입니다. 이미 사용된 송장 번호입니다. (" + number + ")"};
            }
            p.deliveryCompany = courier;
            p.trackingNumber = number;
        }
        ZonedDateTime now = ZonedDateTime.now(SEOUL).truncatedTo(ChronoUnit.MILLIS);
        if (p.placeOrderStatus.equals("NOT_YET")) {
            p.placeOrderStatus = "OK"; // dispatching confirms the order too
            p.placeOrderDate = now;
        }
        p.deliveryMethod = method;
        p.sendDate = dispatchDate;
        p.status = "DELIVERING";
        p.dispatches++;
        store.appendChange(s, p, "DISPATCHED", now.toInstant().toEpochMilli());
        return null;
    }
}
