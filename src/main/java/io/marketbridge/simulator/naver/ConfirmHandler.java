package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.naver.NaverDates.SEOUL;
import static io.marketbridge.simulator.naver.NaverReplies.JSON;
import static io.marketbridge.simulator.naver.NaverReplies.allStrings;
import static io.marketbridge.simulator.naver.NaverReplies.badParameter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * POST /external/v1/pay-order/seller/product-orders/confirm: the seller confirms (places) up to 30 product
 * orders; each is answered on its own, in successProductOrderInfos (with isReceiverAddressChanged) or in
 * failProductOrderInfos with Naver's error code.
 */
final class ConfirmHandler implements NaverApiHandler {

    /** Product orders per confirm call. */
    private static final int CHANGE_LIMIT = 30;

    private final NaverStore store;
    private final NaverFaults faults;
    private final NaverCallCounts counts;

    ConfirmHandler(NaverStore store, NaverFaults faults, NaverCallCounts counts) {
        this.store = store;
        this.faults = faults;
        this.counts = counts;
    }

    @Override
    public SimReply answer(Call call) {
        counts.confirm.incrementAndGet();
        String traceId = call.traceId();
        JsonNode request = NaverReplies.readJson(call.body());
        if (request == null) {
            return badParameter("HttpMessageNotReadable.confirmRequest", traceId);
        }
        JsonNode ids = request.get("productOrderIds");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            return badParameter("NotEmpty.confirmRequest.productOrderIds", traceId);
        }
        if (ids.size() > CHANGE_LIMIT) {
            return badParameter("Size.confirmRequest.productOrderIds (최대 30개)", traceId);
        }
        if (!allStrings(ids)) {
            return badParameter("typeMismatch.confirmRequest.productOrderIds", traceId);
        }
        ArrayNode success = JSON.createArrayNode();
        ArrayNode fail = JSON.createArrayNode();
        Set<String> seen = new HashSet<>();
        Seller s = call.seller();
        synchronized (s) {
            for (JsonNode node : ids) {
                String id = node.asText();
                counts.confirmsPerUnit.record(id);
                String[] refusal = !seen.add(id) ? new String[] {"104131", "상품 주문 번호가 중복되었습니다."} : confirmOne(s, id);
                if (refusal != null) {
                    NaverReplies.failure(fail, id, refusal);
                    continue;
                }
                ObjectNode ok = success.addObject();
                ok.put("productOrderId", id);
                ok.put("isReceiverAddressChanged", s.productOrders.get(id).order.addressChanged);
            }
        }
        ObjectNode data = JSON.createObjectNode();
        data.set("successProductOrderInfos", success);
        data.set("failProductOrderInfos", fail);
        return NaverReplies.ok(data, traceId);
    }

    /** Confirms one product order; null when done, else {code, message}. */
    private String[] confirmOne(Seller s, String id) {
        ProductOrder p = s.productOrders.get(id);
        if (p == null) {
            return store.notFound(id);
        }
        if (p.order.waitingForGift()) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (선물 수락 대기)"};
        }
        if (p.claim != null && p.claim.active()) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (클레임 " + p.claim.claimStatus + ")"};
        }
        if (!p.status.equals("PAYED")) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (현재 상태: " + p.status + ")"};
        }
        if (p.placeOrderStatus.equals("OK")) {
            return new String[] {"105306", "변경을 요청한 상태가 기존과 동일합니다. (이미 발주 확인된 상품 주문)"};
        }
        if (faults.addressChangeRate > 0 && !p.order.addressChanged
                && ThreadLocalRandom.current().nextDouble() < faults.addressChangeRate) {
            store.changeAddress(s, p.order); // the buyer changed the address just before the seller confirmed
        }
        p.placeOrderStatus = "OK";
        p.placeOrderDate = ZonedDateTime.now(SEOUL).truncatedTo(ChronoUnit.MILLIS);
        return null;
    }
}
