package io.marketbridge.simulator.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.esm.EsmTokenCheck.Caller;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POST /shipping/v1/Order/OrderCheck/{OrderNo}: 주문확인, status 1 -> 2; IsChanged 1 when the buyer changed the
 * address before the check.
 */
final class OrderCheckHandler implements EsmHandler {

    static final Pattern PATH = Pattern.compile("/shipping/v1/Order/OrderCheck/([0-9]+)");

    private final EsmStore store;
    private final EsmFaults faults;
    private final EsmReplies replies;

    OrderCheckHandler(EsmStore store, EsmFaults faults, EsmReplies replies) {
        this.store = store;
        this.faults = faults;
        this.replies = replies;
    }

    @Override
    public SimReply answer(Caller caller, String path, JsonNode request) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            throw new IllegalStateException("not an OrderCheck path: " + path);
        }
        long orderNo = Long.parseLong(m.group(1));
        store.orderCheckCalls.incrementAndGet();
        store.confirmsPerUnit.record(String.valueOf(orderNo));
        OrderLine i = store.owned(caller.sellerKeys(), orderNo);
        if (i == null) {
            return replies.error(1000, "주문번호를 찾을 수 없습니다.", null);
        }
        synchronized (store) {
            if (i.cancelled() || i.cancelRequested()) {
                return replies.error(3000, i.cancelled() ? "취소된 주문입니다." : "취소요청 중인 주문입니다.", null);
            }
            if (i.status != 1) {
                return replies.error(3000, "주문확인할 수 없는 주문 상태입니다. (OrderStatus " + i.status + ")", null);
            }
            if (!i.addressChanged && faults.addressChangeRate > 0
                    && ThreadLocalRandom.current().nextDouble() < faults.addressChangeRate) {
                store.changeAddress(orderNo);
            }
            i.status = 2;
            i.confirmDate = store.now();
            ObjectNode data = replies.object();
            data.put("IsChanged", i.addressChanged ? 1 : 0);
            return replies.ok(data, "Success");
        }
    }
}
