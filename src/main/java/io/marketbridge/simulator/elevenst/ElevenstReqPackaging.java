package io.marketbridge.simulator.elevenst;

import static io.marketbridge.simulator.elevenst.ElevenstStore.SEOUL;

import io.marketbridge.simulator.SimReply;
import java.time.ZonedDateTime;

/** ordservices/reqpackaging/{ordNo}/{ordPrdSeq}/{addPrdYn}/{addPrdNo}/{dlvNo}: order confirmation of one line, 202 -> 301. */
final class ElevenstReqPackaging implements ElevenstResource {

    private final ElevenstStore store;
    private final ElevenstReplies replies;

    ElevenstReqPackaging(ElevenstStore store, ElevenstReplies replies) {
        this.store = store;
        this.replies = replies;
    }

    @Override
    public String operation() {
        return "ordservices/reqpackaging";
    }

    @Override
    public boolean accepts(int segments) {
        return segments == 9;
    }

    @Override
    public boolean action() {
        return true;
    }

    @Override
    public void countCall() {
        store.countConfirmCall();
    }

    @Override
    public SimReply answer(ElevenstSeller s, String[] a) {
        countCall();
        store.confirmsPerUnit.record(a[0] + "/" + a[1]);
        synchronized (s) {
            ElevenstOrder o = s.orders.get(a[0]);
            ElevenstLine l = o == null ? null : o.lines.get(a[1]);
            if (l == null || !l.dlvNo.equals(a[4])) {
                return replies.result(-3206, "발주확인 처리할 주문이 없습니다.");
            }
            boolean addOn = "Y".equals(a[2]);
            if (addOn != l.addOn || (addOn ? !a[3].equals(l.addPrdNo) : !(a[3].equals("null") || a[3].equals("0")))) {
                return replies.result(-1, "추가구성상품 정보(addPrdYn/addPrdNo)가 주문과 일치하지 않습니다.");
            }
            return switch (l.stat) {
                case "202" -> {
                    l.stat = "301";
                    l.confirmedAt = ZonedDateTime.now(SEOUL);
                    yield replies.result(0, "발주확인 처리되었습니다.");
                }
                case "701" -> replies.result(-3214, "취소요청 중인 주문입니다.");
                case "B01" -> replies.result(-3211, "취소된 주문입니다.");
                default -> replies.result(-3206, "이미 발주확인된 주문입니다.");
            };
        }
    }
}
