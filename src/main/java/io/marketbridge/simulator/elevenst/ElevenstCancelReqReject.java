package io.marketbridge.simulator.elevenst;

import static io.marketbridge.simulator.elevenst.ElevenstStore.SEOUL;

import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.elevenst.ElevenstClaim.Kind;
import io.marketbridge.simulator.elevenst.ElevenstClaim.State;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * claimservice/cancelreqreject/{ordNo}/{ordPrdSeq}/{ordPrdCnSeq}/{dlvMthdCd}/{sendDt}/{dlvEtprsCd}/{invcNo}: the
 * seller refuses a buyer's cancel by shipping the line (401). sendDt is yyyyMMdd as one implementation sends it
 * (UNCERTAIN: the switch cancelRejectSendDt takes yyyyMMddHHmm or any); courier and invoice are checked as
 * reqdelivery checks them, with its codes. A claim that is not there or not requested answers -1.
 */
final class ElevenstCancelReqReject implements ElevenstResource {

    private final ElevenstClaims claims;
    private final ElevenstFaults faults;
    private final ElevenstReplies replies;

    ElevenstCancelReqReject(ElevenstClaims claims, ElevenstFaults faults, ElevenstReplies replies) {
        this.claims = claims;
        this.faults = faults;
        this.replies = replies;
    }

    @Override
    public String operation() {
        return "claimservice/cancelreqreject";
    }

    @Override
    public boolean accepts(int segments) {
        return segments == 11;
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
        String method = a[3];
        String courier = a[5];
        String invoice = a[6];
        ZonedDateTime sent = sendDt(a[4]);
        if (sent == null) {
            return replies.result(-3301, "발송일자 형식이 올바르지 않습니다.");
        }
        if (!method.equals("01") && !method.equals("03") && !method.equals("04") && !method.equals("05")) {
            return replies.result(-1, "배송방법 코드가 올바르지 않습니다.");
        }
        if (!ElevenstCouriers.known(courier)) {
            return replies.result(-3307, "택배사 코드가 올바르지 않습니다.");
        }
        if (!ElevenstCouriers.validNumber(courier, invoice)) {
            return replies.result(-3306, "송장번호가 택배사의 송장번호 형식과 맞지 않습니다.");
        }
        synchronized (s) {
            ElevenstClaim c = s.claims.get(a[2]);
            if (c == null || c.kind != Kind.CANCEL || !c.order.ordNo.equals(a[0]) || !c.line.seq.equals(a[1])) {
                return replies.result(-1, "취소요청 정보가 없습니다. (주문번호/주문순번/클레임번호를 확인해 주세요)");
            }
            if (!c.open()) {
                return replies.result(-1, c.state == State.WITHDRAWN ? "구매자가 취소요청을 철회한 주문입니다."
                        : "이미 처리된 취소요청입니다.");
            }
            String used = s.bundleByInvoice.get(courier + "/" + invoice);
            if (used != null && !used.equals(c.line.dlvNo)) {
                return replies.result(-3320, "이미 사용된 송장번호입니다.");
            }
            c.close(State.REJECTED, ZonedDateTime.now(SEOUL).withNano(0));
            c.line.ship(courier, invoice, method, sent);
            s.bundleByInvoice.put(courier + "/" + invoice, c.line.dlvNo);
            return replies.result(0, "취소거부(발송처리) 되었습니다.");
        }
    }

    private ZonedDateTime sendDt(String value) {
        String form = faults.cancelRejectSendDt;
        if (!form.equals("yyyyMMddHHmm") && value.matches("[0-9]{8}")) {
            try {
                return LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(SEOUL);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (!form.equals("yyyyMMdd")) {
            LocalDateTime minute = ElevenstResource.minute(value);
            return minute == null ? null : minute.atZone(SEOUL);
        }
        return null;
    }
}
