package io.marketbridge.simulator.esm;

import static io.marketbridge.simulator.esm.EsmStore.SEOUL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.esm.EsmTokenCheck.Caller;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * POST /shipping/v1/Delivery/ShippingInfo: 발송처리, status 2 -> 3, with an integer courier code from the list,
 * an invoice number (none for direct delivery) and a ShippingDate within 2 days of the call; star-delivery orders
 * take only CJ, Hanjin and Lotte. A cancelled OrderNo is refused (3000); on a cancel-requested one the call refuses
 * the cancel and ships.
 */
final class ShippingInfoHandler implements EsmHandler {

    private final EsmStore store;
    private final EsmReplies replies;

    ShippingInfoHandler(EsmStore store, EsmReplies replies) {
        this.store = store;
        this.replies = replies;
    }

    @Override
    public SimReply answer(Caller caller, String path, JsonNode q) {
        store.shippingInfoCalls.incrementAndGet();
        long orderNo = q.path("OrderNo").asLong(0);
        OrderLine i = orderNo <= 0 ? null : store.owned(caller.sellerKeys(), orderNo);
        if (i == null) {
            return replies.error(1000, "주문번호를 찾을 수 없습니다.", null);
        }
        int courier = q.path("DeliveryCompanyCode").asInt(-1);
        String invoice = q.path("InvoiceNo").asText("").trim();
        if (!EsmCouriers.NAMES.containsKey(courier)) {
            return replies.error(1000, "DeliveryCompanyCode 가 올바르지 않습니다.", null);
        }
        if (invoice.isEmpty() && courier != EsmCouriers.DIRECT) {
            return replies.error(1000, "InvoiceNo 가 필요합니다.", null);
        }
        LocalDateTime shipped;
        try {
            shipped = LocalDateTime.parse(q.path("ShippingDate").asText(""), RequestOrdersHandler.LOCAL);
        } catch (DateTimeParseException e) {
            return replies.error(2000, "ShippingDate 형식(YYYY-MM-DDThh:mm:ss)을 확인해 주세요.", null);
        }
        LocalDateTime now = store.now().toLocalDateTime();
        if (Duration.between(shipped, now).abs().compareTo(Duration.ofDays(2)) > 0) {
            return replies.error(2000, "발송일은 호출일 기준 2일 이내여야 합니다.", null);
        }
        synchronized (store) {
            if (i.cancelled()) {
                return replies.error(3000, "취소된 주문은 발송처리할 수 없습니다.", null);
            }
            // on a cancel-requested order ShippingInfo refuses the cancel and ships (esm.md 2.6)
            EsmClaim refusedCancel = i.cancelRequested() ? i.claim() : null;
            if (i.status == 1 && refusedCancel == null) {
                return replies.error(3000, "주문확인 후 발송처리 할 수 있습니다.", null);
            }
            if (i.status != 2 && refusedCancel == null) {
                return replies.error(3000, "발송처리할 수 없는 주문 상태입니다. (OrderStatus " + i.status + ")", null);
            }
            if (!"A".equals(i.transType) && !EsmCouriers.STAR.contains(courier)) {
                return replies.error(8668, "스타배송 주문은 CJ대한통운, 한진택배, 롯데택배만 가능합니다.",
                        store.onAuction(i) ? "W8101" : null);
            }
            if (refusedCancel != null) {
                refusedCancel.state = EsmClaim.State.REJECTED;
            }
            i.status = 3;
            i.transDate = shipped.atZone(SEOUL);
            i.courier = courier;
            i.invoice = invoice;
            i.shipments++;
            ObjectNode data = replies.object();
            data.put("OrderNo", orderNo);
            return replies.ok(data, "Success");
        }
    }
}
