package io.marketbridge.simulator.elevenst;

import static io.marketbridge.simulator.elevenst.ElevenstStore.SEOUL;

import io.marketbridge.simulator.SimReply;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * claimservice/reqrejectorder/{ordNo}/{ordPrdSeq}/{ordCnRsnCd}/{ordCnDtlsRsn}: the seller refuses the sale (판매불가)
 * of a line not yet shipped: a completed cancel by the seller (ordCnMnbdCd 02), the line B01. The facts give the
 * codes -21001...-21005 without saying which is which; here -21001 no such line, -21002 a reason code not in 06,
 * 07, 08, 09, 10, 99, -21003 no reason text, -21004 already cancelled or a cancel in progress, -21005 already
 * shipped or past.
 */
final class ElevenstReqRejectOrder implements ElevenstResource {

    static final List<String> REASONS = List.of("06", "07", "08", "09", "10", "99");

    private final ElevenstClaims claims;
    private final ElevenstReplies replies;

    ElevenstReqRejectOrder(ElevenstClaims claims, ElevenstReplies replies) {
        this.claims = claims;
        this.replies = replies;
    }

    @Override
    public String operation() {
        return "claimservice/reqrejectorder";
    }

    @Override
    public boolean accepts(int segments) {
        return segments == 8;
    }

    @Override
    public boolean action() {
        return true;
    }

    @Override
    public void countCall() {
        claims.countAction();
    }

    @Override
    public SimReply answer(ElevenstSeller s, String[] a) {
        countCall();
        synchronized (s) {
            ElevenstOrder o = s.orders.get(a[0]);
            ElevenstLine l = o == null ? null : o.lines.get(a[1]);
            if (l == null) {
                return replies.result(-21001, "주문 정보가 없습니다.");
            }
            if (!REASONS.contains(a[2])) {
                return replies.result(-21002, "취소사유 코드가 올바르지 않습니다.");
            }
            if (a[3].isBlank() || a[3].equals("null")) {
                return replies.result(-21003, "취소 상세사유를 입력해 주세요.");
            }
            if (l.stat.equals("B01") || l.stat.equals("701")) {
                return replies.result(-21004, "이미 취소되었거나 취소요청 중인 주문입니다.");
            }
            if (!l.stat.equals("202") && !l.stat.equals("301")) {
                return replies.result(-21005, "판매불가 처리할 수 없는 주문 상태입니다. (발송 이후)");
            }
            claims.sellerCancel(s, o, l, a[2], a[3], ZonedDateTime.now(SEOUL));
            return replies.result(0, "판매불가 처리되었습니다.");
        }
    }
}
