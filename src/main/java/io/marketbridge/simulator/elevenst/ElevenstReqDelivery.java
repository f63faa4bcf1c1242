package io.marketbridge.simulator.elevenst;

import static io.marketbridge.simulator.elevenst.ElevenstStore.SEOUL;

import io.marketbridge.simulator.SimReply;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * ordservices/reqdelivery/{sendDt}/{dlvMthdCd}/{dlvEtprsCd}/{invcNo}/{dlvNo}[/{partDlvYn}/{ordNo}/{ordPrdSeq,...}]:
 * shipment of the whole bundle (or the listed lines), 301 -> 401, with the result codes of the facts.
 */
final class ElevenstReqDelivery implements ElevenstResource {

    private static final List<String> METHODS = List.of("01", "03", "04", "05");

    private final ElevenstStore store;
    private final ElevenstReplies replies;

    ElevenstReqDelivery(ElevenstStore store, ElevenstReplies replies) {
        this.store = store;
        this.replies = replies;
    }

    @Override
    public String operation() {
        return "ordservices/reqdelivery";
    }

    @Override
    public boolean accepts(int segments) {
        return segments == 9 || segments == 12;
    }

    @Override
    public boolean action() {
        return true;
    }

    @Override
    public void countCall() {
        store.countDeliveryCall();
    }

    @Override
    public SimReply answer(ElevenstSeller s, String[] a) {
        countCall();
        LocalDateTime sendDt = ElevenstResource.minute(a[0]);
        if (sendDt == null) {
            return replies.result(-3301, "발송일자 형식이 올바르지 않습니다.");
        }
        String method = a[1];
        if (!METHODS.contains(method)) {
            return replies.result(-1, "배송방법 코드가 올바르지 않습니다.");
        }
        String courier = a[2];
        String invoice = a[3];
        if (!ElevenstCouriers.known(courier)) {
            return replies.result(-3307, "택배사 코드가 올바르지 않습니다.");
        }
        if (!ElevenstCouriers.validNumber(courier, invoice)) {
            return replies.result(-3306, "송장번호가 택배사의 송장번호 형식과 맞지 않습니다.");
        }
        synchronized (s) {
            ElevenstOrder o = s.byBundle.get(a[4]);
            if (o == null) {
                return replies.result(-3310, "주문 상태를 확인해 주세요.");
            }
            List<ElevenstLine> lines = new ArrayList<>();
            boolean partial = a.length == 8;
            if (partial) {
                if (!"Y".equals(a[5]) || !o.ordNo.equals(a[6])) {
                    return replies.result(-3310, "주문 상태를 확인해 주세요.");
                }
                for (String seq : a[7].split(",")) {
                    ElevenstLine l = o.lines.get(seq.trim());
                    if (l == null || !l.dlvNo.equals(a[4])) {
                        return replies.result(-3310, "주문 상태를 확인해 주세요.");
                    }
                    lines.add(l);
                }
            } else {
                o.lines.values().stream().filter(l -> l.dlvNo.equals(a[4]) && !l.stat.equals("B01")).forEach(lines::add);
            }
            String used = s.bundleByInvoice.get(courier + "/" + invoice);
            if (used != null && !used.equals(a[4])) {
                return replies.result(-3320, "이미 사용된 송장번호입니다.");
            }
            if (lines.isEmpty() || lines.stream().anyMatch(l -> l.stat.equals("B01"))) {
                return replies.result(-3310, "주문 상태를 확인해 주세요. (취소된 주문)");
            }
            if (lines.stream().anyMatch(l -> l.stat.equals("501") || l.stat.equals("901"))) {
                return replies.result(-3309, "이미 배송완료된 주문입니다.");
            }
            if (lines.stream().anyMatch(l -> l.stat.equals("401"))) {
                return replies.result(-3308, "이미 발송처리된 묶음배송 주문입니다. (묶음배송은 한 번에 발송처리됩니다)");
            }
            if (lines.stream().anyMatch(l -> l.stat.equals("701"))) {
                return replies.result(-3310, "주문 상태를 확인해 주세요. (취소요청)");
            }
            if (lines.stream().anyMatch(l -> !l.stat.equals("301"))) {
                return replies.result(-3313, "주문 상태가 이미 변경되었거나 발주확인 전입니다.");
            }
            ZonedDateTime at = sendDt.atZone(SEOUL);
            for (ElevenstLine l : lines) {
                l.ship(courier, invoice, method, at);
            }
            s.bundleByInvoice.put(courier + "/" + invoice, a[4]);
            return replies.result(0, "전체 " + lines.size() + "건이 정상적으로 발송처리가 되었습니다.");
        }
    }
}
