package io.marketbridge.simulator.elevenst;

import static io.marketbridge.simulator.elevenst.ElevenstStore.SEOUL;

import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.elevenst.ElevenstClaim.Kind;
import java.time.ZonedDateTime;

/**
 * The seller approves a buyer's claim, /{claimNo}/{ordNo}/{ordPrdSeq}: claimservice/cancelreqconf (ordPrdCnSeq; the
 * line goes B01, or keeps its status with fewer pieces after a partial cancel), claimservice/returnreqconf
 * (clmReqSeq; 106) and claimservice/exchangereqconf with /{dlvEtprsCd}/{invcNo} of the new parcel (221). The facts
 * give no result codes for these: a claim that is not there or no longer requested answers -1.
 */
final class ElevenstClaimApproval implements ElevenstResource {

    private final String operation;
    private final Kind kind;
    private final ElevenstClaims claims;
    private final ElevenstReplies replies;

    private ElevenstClaimApproval(String operation, Kind kind, ElevenstClaims claims, ElevenstReplies replies) {
        this.operation = operation;
        this.kind = kind;
        this.claims = claims;
        this.replies = replies;
    }

    static ElevenstClaimApproval cancel(ElevenstClaims claims, ElevenstReplies replies) {
        return new ElevenstClaimApproval("claimservice/cancelreqconf", Kind.CANCEL, claims, replies);
    }

    static ElevenstClaimApproval returned(ElevenstClaims claims, ElevenstReplies replies) {
        return new ElevenstClaimApproval("claimservice/returnreqconf", Kind.RETURN, claims, replies);
    }

    static ElevenstClaimApproval exchange(ElevenstClaims claims, ElevenstReplies replies) {
        return new ElevenstClaimApproval("claimservice/exchangereqconf", Kind.EXCHANGE, claims, replies);
    }

    @Override
    public String operation() {
        return operation;
    }

    @Override
    public boolean accepts(int segments) {
        return segments == (kind == Kind.EXCHANGE ? 9 : 7);
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
        if (kind == Kind.EXCHANGE) {
            if (!ElevenstCouriers.known(a[3])) {
                return replies.result(-3307, "택배사 코드가 올바르지 않습니다.");
            }
            if (!ElevenstCouriers.validNumber(a[3], a[4])) {
                return replies.result(-3306, "송장번호가 택배사의 송장번호 형식과 맞지 않습니다.");
            }
        }
        synchronized (s) {
            ElevenstClaim c = s.claims.get(a[0]);
            if (c == null || c.kind != kind || !c.order.ordNo.equals(a[1]) || !c.line.seq.equals(a[2])) {
                return replies.result(-1, "클레임 정보가 없습니다. (클레임번호/주문번호/주문순번을 확인해 주세요)");
            }
            if (!c.open()) {
                return replies.result(-1, switch (c.state) {
                    case WITHDRAWN -> "구매자가 철회한 클레임입니다.";
                    case COMPLETED -> "이미 처리 완료된 클레임입니다.";
                    default -> "처리할 수 없는 클레임 상태입니다.";
                });
            }
            claims.complete(c, ZonedDateTime.now(SEOUL));
            if (kind == Kind.EXCHANGE) {
                s.bundleByInvoice.put(a[3] + "/" + a[4], c.line.dlvNo);
            }
            return replies.result(0, switch (kind) {
                case CANCEL -> "취소승인 처리되었습니다.";
                case RETURN -> "반품승인 처리되었습니다.";
                case EXCHANGE -> "교환승인(재발송) 처리되었습니다.";
            });
        }
    }
}
