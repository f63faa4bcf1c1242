package io.marketbridge.simulator.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.esm.EsmClaim.Kind;
import io.marketbridge.simulator.esm.EsmTokenCheck.Caller;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seller's answers to claims (esm.md 2.3, 2.7), each with SiteType in its body: PUT /claim/v1/sa/Cancel/{OrderNo}
 * approves a buyer's cancel (CancelStatus 3), POST /claim/v1/sa/Cancel/{OrderNo}/SoldOut cancels an OrderNo not yet
 * shipped that the seller cannot send, PUT /claim/v1/sa/return/{orderNo} approves a return. SiteType is 1 for
 * Auction and 2 or 3 for Gmarket (the facts do not say which rule these bodies follow); an OrderNo of another
 * seller or site answers 1000, a claim or status that does not allow the action 3000.
 */
final class ClaimActionHandler implements EsmHandler {

    static final Pattern CANCEL_APPROVE = Pattern.compile("/claim/v1/sa/Cancel/([0-9]+)");
    static final Pattern SOLD_OUT = Pattern.compile("/claim/v1/sa/Cancel/([0-9]+)/SoldOut");
    static final Pattern RETURN_APPROVE = Pattern.compile("/claim/v1/sa/return/([0-9]+)");

    enum Action { CANCEL_APPROVE, SOLD_OUT, RETURN_APPROVE }

    private final Action action;
    private final EsmStore store;
    private final EsmClaims claims;
    private final EsmFaults faults;
    private final EsmReplies replies;

    ClaimActionHandler(Action action, EsmStore store, EsmClaims claims, EsmFaults faults, EsmReplies replies) {
        this.action = action;
        this.store = store;
        this.claims = claims;
        this.faults = faults;
        this.replies = replies;
    }

    @Override
    public SimReply answer(Caller caller, String path, JsonNode q) {
        claims.actionCalls.incrementAndGet();
        Matcher m = (switch (action) {
            case CANCEL_APPROVE -> CANCEL_APPROVE;
            case SOLD_OUT -> SOLD_OUT;
            case RETURN_APPROVE -> RETURN_APPROVE;
        }).matcher(path);
        if (!m.matches()) {
            throw new IllegalStateException("not a " + action + " path: " + path);
        }
        long orderNo = Long.parseLong(m.group(1));
        OrderLine i = store.owned(caller.sellerKeys(), orderNo);
        if (i == null) {
            return replies.error(1000, "주문번호를 찾을 수 없습니다.", null);
        }
        int siteType = q.path("SiteType").asInt(-1);
        boolean siteMatches = "A".equals(i.site) ? siteType == 1 : siteType == 2 || siteType == 3;
        if (!siteMatches) {
            return replies.error(1000, "SiteType 이 주문의 사이트와 맞지 않습니다.", null);
        }
        synchronized (store) {
            EsmClaim c = i.claim();
            switch (action) {
                case CANCEL_APPROVE -> {
                    if (c == null || c.kind != Kind.CANCEL || !c.open()) {
                        return replies.error(3000, refusal(c, "취소요청"), null);
                    }
                    claims.complete(c, store.now());
                }
                case RETURN_APPROVE -> {
                    if (c == null || c.kind != Kind.RETURN || !c.open()) {
                        return replies.error(3000, refusal(c, "반품요청"), null);
                    }
                    claims.complete(c, store.now());
                }
                case SOLD_OUT -> {
                    if (i.cancelled()) {
                        return replies.error(3000, "이미 취소된 주문입니다.", null);
                    }
                    if (i.cancelRequested()) {
                        return replies.error(3000, "구매자 취소요청 건입니다. 취소승인으로 처리해 주세요.", null);
                    }
                    if (i.status != 1 && i.status != 2) {
                        return replies.error(3000, "발송 이후에는 품절취소할 수 없습니다. (OrderStatus " + i.status + ")", null);
                    }
                    claims.sellerCancel(i, store.now());
                }
                default -> throw new IllegalStateException();
            }
            return replies.claimOk(NullNode.getInstance(), faults.claimResultCodeAsString);
        }
    }

    private static String refusal(EsmClaim c, String what) {
        if (c != null && c.state == EsmClaim.State.WITHDRAWN) {
            return "구매자가 철회한 " + what + "입니다.";
        }
        if (c != null && c.state == EsmClaim.State.COMPLETED) {
            return "이미 처리된 " + what + "입니다.";
        }
        return what + " 건이 없습니다.";
    }
}
