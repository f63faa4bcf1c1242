package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.naver.NaverDates.SEOUL;

import io.marketbridge.simulator.BuyerClaimPlan;
import io.marketbridge.simulator.ClaimSwitches;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * Claims on product orders (naver.md 2.8, 2.10): buyers cancel what has not shipped (CANCEL_REQUEST, waiting for
 * the seller's cancel/approve), return or exchange what has (RETURN_REQUEST / EXCHANGE_REQUEST, then COLLECT_DONE
 * when the goods are collected, then the seller's return/approve or return/reject), and withdraw an open claim
 * (a CLAIM_REJECTED change, the claim gone); the seller cancels on its own (cancel/request, done at once). Every
 * step appends its change (CLAIM_REQUESTED, COLLECT_DONE, CLAIM_COMPLETED, CLAIM_REJECTED) to the feed. The
 * seller's refusals are {code, message} for failProductOrderInfos. Exchanges: exchange/collect/approve marks the
 * goods collected, exchange/dispatch ships the replacement (EXCHANGE_REDELIVERING, CLAIM_REDELIVERING),
 * exchange/reject refuses (EXCHANGE_REJECT). Buyers act on their own after the plan.
 */
final class NaverClaims {

    static final Set<String> CANCEL_REASONS = Set.of("INTENT_CHANGED", "COLOR_AND_SIZE", "WRONG_ORDER",
            "PRODUCT_UNSATISFIED", "DELAYED_DELIVERY", "SOLD_OUT", "INCORRECT_INFO");

    private final NaverStore store;
    private final BuyerClaimPlan plan;
    private final boolean returnApproveBeforeCollect;

    NaverClaims(NaverStore store, BuyerClaimPlan plan, boolean returnApproveBeforeCollect) {
        this.store = store;
        this.plan = plan;
        this.returnApproveBeforeCollect = returnApproveBeforeCollect;
        store.listen((s, p, type) -> {
            long now = System.currentTimeMillis();
            switch (type) {
                case "PAYED" -> plan.paid(s.id + "/" + p.productOrderId, now);
                case "DISPATCHED" -> plan.shipped(s.id + "/" + p.productOrderId, now);
                default -> {
                }
            }
        });
    }

    /** The buyers' switches (claims.*), changeable while running. */
    ClaimSwitches switches() {
        return plan.switches();
    }

    // ---------------------------------------------------------------- buyers

    /**
     * The buyer asks to cancel {@code quantity} pieces (null: all) of a product order not yet shipped. {@code planned}:
     * the plan's buyer, whose claim may take only some pieces (partial-rate) and be withdrawn later.
     */
    String buyerCancel(String sellerId, String productOrderId, Integer quantity, boolean planned) {
        return buyerClaim(sellerId, productOrderId, quantity, planned, "CANCEL", "CANCEL_REQUEST", "INTENT_CHANGED");
    }

    /** The buyer asks to return (or exchange) pieces of a product order that has shipped. */
    String buyerReturn(String sellerId, String productOrderId, Integer quantity, boolean exchange, boolean planned) {
        return exchange
                ? buyerClaim(sellerId, productOrderId, quantity, planned, "EXCHANGE", "EXCHANGE_REQUEST", "COLOR_AND_SIZE")
                : buyerClaim(sellerId, productOrderId, quantity, planned, "RETURN", "RETURN_REQUEST", "PRODUCT_UNSATISFIED");
    }

    private String buyerClaim(String sellerId, String productOrderId, Integer quantity, boolean planned, String type,
                              String status, String reason) {
        Seller s = store.seller(sellerId);
        synchronized (s) {
            ProductOrder p = NaverStore.productOrder(s, productOrderId);
            boolean shipped = p.status.equals("DELIVERING") || p.status.equals("DELIVERED");
            if (type.equals("CANCEL") ? !p.status.equals("PAYED") : !shipped) {
                throw new IllegalStateException("product order " + productOrderId + " cannot take a " + type + " now (" + p.status + ")");
            }
            if (p.claim != null && p.claim.active()) {
                throw new IllegalStateException("product order " + productOrderId + " has an open claim (" + p.claim.claimStatus + ")");
            }
            int remain = p.remainQuantity();
            int pieces = quantity != null ? quantity : planned ? plan.quantity(remain) : remain;
            if (pieces < 1 || pieces > remain) {
                throw new IllegalArgumentException("quantity " + pieces + " is not within 1.." + remain);
            }
            p.claim = new Claim(type, store.nextClaimId(), status, now(), reason, pieces);
            store.appendChange(s, p, "CLAIM_REQUESTED", System.currentTimeMillis());
            if (planned) {
                plan.claimed(sellerId + "/" + productOrderId + "/" + p.claim.claimId, System.currentTimeMillis());
            }
            return p.claim.claimId;
        }
    }

    /** The returned or exchanged goods are collected: COLLECT_DONE. */
    void collect(String sellerId, String productOrderId) {
        Seller s = store.seller(sellerId);
        synchronized (s) {
            ProductOrder p = NaverStore.productOrder(s, productOrderId);
            Claim c = p.claim;
            if (c == null || !c.active() || c.claimType.equals("CANCEL") || c.collected != null) {
                throw new IllegalStateException("product order " + productOrderId + " has no return or exchange to collect");
            }
            c.claimStatus = "COLLECT_DONE";
            c.collected = now();
            store.appendChange(s, p, "COLLECT_DONE", System.currentTimeMillis());
        }
    }

    /** The buyer withdraws the open claim: it is gone, and the feed says CLAIM_REJECTED without a claim. */
    void withdraw(String sellerId, String productOrderId) {
        Seller s = store.seller(sellerId);
        synchronized (s) {
            ProductOrder p = NaverStore.productOrder(s, productOrderId);
            if (p.claim == null || !p.claim.active() || p.claim.requestChannel.equals("판매자")) {
                throw new IllegalStateException("product order " + productOrderId + " has no open claim of its buyer");
            }
            p.withdrawnClaims.add(p.claim);
            p.claim = null;
            store.appendChange(s, p, "CLAIM_REJECTED", System.currentTimeMillis());
        }
    }

    /** What the plan says is due; what no longer applies (shipped, claimed, withdrawn meanwhile) is skipped. */
    void tick(long nowMillis) {
        for (BuyerClaimPlan.Due due : plan.due(nowMillis)) {
            String[] key = due.key().split("/");
            try {
                switch (due.kind()) {
                    case CANCEL -> buyerCancel(key[0], key[1], null, true);
                    case RETURN -> buyerReturn(key[0], key[1], null, false, true);
                    case EXCHANGE -> buyerReturn(key[0], key[1], null, true, true);
                    case WITHDRAW -> withdrawIfStill(key[0], key[1], key[2]);
                }
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the product order moved on before its buyer got to it
            }
        }
    }

    private void withdrawIfStill(String sellerId, String productOrderId, String claimId) {
        Seller s = store.seller(sellerId);
        synchronized (s) {
            ProductOrder p = NaverStore.productOrder(s, productOrderId);
            if (p.claim != null && p.claim.claimId.equals(claimId)) {
                withdraw(sellerId, productOrderId);
            }
        }
    }

    // ---------------------------------------------------------------- the seller (the caller holds the seller's monitor)

    /** cancel/approve: the buyer's cancel request is approved; the pieces are cancelled. */
    String[] approveCancel(Seller s, String productOrderId) {
        ProductOrder p = s.productOrders.get(productOrderId);
        if (p == null) {
            return store.notFound(productOrderId);
        }
        Claim c = p.claim;
        if (c != null && c.claimType.equals("CANCEL") && c.claimStatus.equals("CANCEL_DONE")) {
            return new String[] {"105306", "변경을 요청한 상태가 기존과 동일합니다. (취소 완료)"};
        }
        if (c == null || !c.active() || !c.claimType.equals("CANCEL")) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (취소 요청 없음)"};
        }
        complete(s, p, "CANCEL_DONE", "CANCELED");
        return null;
    }

    /** cancel/request by the seller: done at once, for {@code quantity} pieces (null: all that remain). */
    String[] sellerCancel(Seller s, String productOrderId, String reason, Integer quantity) {
        ProductOrder p = s.productOrders.get(productOrderId);
        if (p == null) {
            return store.notFound(productOrderId);
        }
        if (p.claim != null && p.claim.active()) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (클레임 " + p.claim.claimStatus + ")"};
        }
        if (!p.status.equals("PAYED")) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (현재 상태: " + p.status + ")"};
        }
        int remain = p.remainQuantity();
        int pieces = quantity == null ? remain : quantity;
        if (pieces < 1 || pieces > remain) {
            return new String[] {"4000", "잘못된 요청 파라미터입니다. (Range.cancelRequest.cancelQuantity: 1.." + remain + ")"};
        }
        p.claim = new Claim("CANCEL", store.nextClaimId(), "CANCEL_REQUEST", now(), reason, pieces, "판매자");
        store.appendChange(s, p, "CLAIM_REQUESTED", System.currentTimeMillis());
        complete(s, p, "CANCEL_DONE", "CANCELED");
        return null;
    }

    /** return/approve: a collected return (or any, with return-approve-before-collect) is done. */
    String[] approveReturn(Seller s, String productOrderId) {
        ProductOrder p = s.productOrders.get(productOrderId);
        if (p == null) {
            return store.notFound(productOrderId);
        }
        Claim c = p.claim;
        if (c != null && c.claimStatus.equals("RETURN_DONE")) {
            return new String[] {"105306", "변경을 요청한 상태가 기존과 동일합니다. (반품 완료)"};
        }
        if (c == null || !c.active() || !c.claimType.equals("RETURN")) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (반품 요청 없음)"};
        }
        if (c.collected == null && !returnApproveBeforeCollect) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (수거 완료 전: " + c.claimStatus + ")"};
        }
        complete(s, p, "RETURN_DONE", "RETURNED");
        return null;
    }

    /** return/reject: the return is refused; the product order stays as it was. */
    String[] rejectReturn(Seller s, String productOrderId, String reason) {
        ProductOrder p = s.productOrders.get(productOrderId);
        if (p == null) {
            return store.notFound(productOrderId);
        }
        Claim c = p.claim;
        if (c == null || !c.active() || !c.claimType.equals("RETURN")) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (반품 요청 없음)"};
        }
        c.claimStatus = "RETURN_REJECT";
        c.rejectReason = reason;
        store.appendChange(s, p, "CLAIM_REJECTED", System.currentTimeMillis());
        return null;
    }

    /** exchange/collect/approve: the seller confirms the exchanged goods are collected (COLLECT_DONE). */
    String[] approveExchangeCollect(Seller s, String productOrderId) {
        ProductOrder p = s.productOrders.get(productOrderId);
        if (p == null) {
            return store.notFound(productOrderId);
        }
        Claim c = p.claim;
        if (c == null || !c.active() || !c.claimType.equals("EXCHANGE")) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (교환 요청 없음)"};
        }
        if (c.collected != null) {
            return new String[] {"105306", "변경을 요청한 상태가 기존과 동일합니다. (수거 완료)"};
        }
        c.claimStatus = "COLLECT_DONE";
        c.collected = now();
        store.appendChange(s, p, "COLLECT_DONE", System.currentTimeMillis());
        return null;
    }

    /** exchange/dispatch: the replacement ships after collection (EXCHANGE_REDELIVERING, a CLAIM_REDELIVERING change). */
    String[] redispatchExchange(Seller s, String productOrderId, String method, String courier, String number) {
        ProductOrder p = s.productOrders.get(productOrderId);
        if (p == null) {
            return store.notFound(productOrderId);
        }
        Claim c = p.claim;
        if (c == null || !c.active() || !c.claimType.equals("EXCHANGE") || c.collected == null) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (수거 완료된 교환 없음)"};
        }
        if (c.claimStatus.equals("EXCHANGE_REDELIVERING")) {
            return new String[] {"105306", "변경을 요청한 상태가 기존과 동일합니다. (재배송 중)"};
        }
        if (method.equals("DELIVERY")) {
            if (courier.isBlank()) {
                return new String[] {"104118", "택배사를 입력해 주세요."};
            }
            if (!NaverCouriers.known(courier)) {
                return new String[] {"104119", "택배사 코드를 확인해 주세요. (" + courier + ")"};
            }
            if (number.isBlank()) {
                return new String[] {"104120", "송장 번호를 입력해 주세요."};
            }
            if (!NaverCouriers.validNumber(courier, number)) {
                return new String[] {"104122", "배송 송장 오류입니다. 유효하지 않은 송장 번호입니다. (" + number + ")"};
            }
        }
        c.claimStatus = "EXCHANGE_REDELIVERING";
        store.appendChange(s, p, "CLAIM_REDELIVERING", System.currentTimeMillis());
        return null;
    }

    /** exchange/reject: the exchange is refused; the product order stays as it was. */
    String[] rejectExchange(Seller s, String productOrderId, String reason) {
        ProductOrder p = s.productOrders.get(productOrderId);
        if (p == null) {
            return store.notFound(productOrderId);
        }
        Claim c = p.claim;
        if (c == null || !c.active() || !c.claimType.equals("EXCHANGE") || c.claimStatus.equals("EXCHANGE_REDELIVERING")) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (교환 요청 없음)"};
        }
        c.claimStatus = "EXCHANGE_REJECT";
        c.rejectReason = reason;
        store.appendChange(s, p, "CLAIM_REJECTED", System.currentTimeMillis());
        return null;
    }

    private void complete(Seller s, ProductOrder p, String claimStatus, String closedStatus) {
        Claim c = p.claim;
        c.claimStatus = claimStatus;
        c.completed = now();
        p.completedClaims.add(c);
        if (p.remainQuantity() == 0) {
            p.status = closedStatus;
        }
        store.appendChange(s, p, "CLAIM_COMPLETED", System.currentTimeMillis());
    }

    private static ZonedDateTime now() {
        return ZonedDateTime.now(SEOUL).truncatedTo(ChronoUnit.MILLIS);
    }
}
