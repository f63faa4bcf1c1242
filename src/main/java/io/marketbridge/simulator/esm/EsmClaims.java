package io.marketbridge.simulator.esm;

import io.marketbridge.simulator.ClaimSwitches;
import io.marketbridge.simulator.esm.EsmClaim.Kind;
import io.marketbridge.simulator.esm.EsmClaim.State;
import java.time.ZonedDateTime;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The buyers' side of ESM claims: cancel requests on OrderNos not yet shipped (status 1 or 2), return and exchange
 * requests on shipped ones (3), withdrawals; made by the control endpoint and tests, or by the buyers themselves at
 * the rates of the {@link ClaimSwitches}. Claims change under the store's monitor; the seller's answers are handlers.
 */
final class EsmClaims {

    private static final String[][] BUYER_REASONS = {
        {"1", "구매의사 취소", "단순 변심"}, {"2", "옵션 변경", "다른 옵션으로 재주문"}, {"3", "배송 지연", "배송이 늦어요"}};

    final ClaimSwitches switches;
    private final EsmStore store;
    private final Random random;
    final AtomicLong listCalls = new AtomicLong();
    final AtomicLong actionCalls = new AtomicLong();

    EsmClaims(EsmStore store, ClaimSwitches switches, long seed) {
        this.store = store;
        this.switches = switches;
        this.random = new Random(seed);
    }

    /** The buyer asks to cancel, return or exchange the OrderNo. */
    void request(Kind kind, long orderNo) {
        OrderLine i = store.item(orderNo);
        synchronized (store) {
            open(kind, i, store.now());
        }
    }

    private EsmClaim open(Kind kind, OrderLine i, ZonedDateTime at) {
        if (i.inClaim()) {
            throw new IllegalStateException("OrderNo " + i.orderNo + " has a claim already");
        }
        boolean allowed = kind == Kind.CANCEL ? i.status == 1 || i.status == 2 : i.status == 3;
        if (!allowed) {
            throw new IllegalStateException("OrderNo " + i.orderNo + " is in status " + i.status + ": no " + kind + " request");
        }
        String[] r = BUYER_REASONS[random.nextInt(BUYER_REASONS.length)];
        EsmClaim c = new EsmClaim(kind, i, r[0], r[1], r[2], false, at);
        i.claims.add(c);
        return c;
    }

    /** The seller cancels an OrderNo it cannot send (SoldOut): a completed cancel. Under the store's monitor. */
    void sellerCancel(OrderLine i, ZonedDateTime at) {
        EsmClaim c = new EsmClaim(Kind.CANCEL, i, "9", "판매자 사유 - 품절", "재고 소진", true, at);
        i.claims.add(c);
        complete(c, at);
    }

    /** The seller approves the claim. Under the store's monitor. */
    void complete(EsmClaim c, ZonedDateTime at) {
        c.state = State.COMPLETED;
        c.approveDate = at;
        c.completeDate = at;
    }

    /** The buyer withdraws the claim in force on the OrderNo. */
    void withdraw(long orderNo) {
        OrderLine i = store.item(orderNo);
        synchronized (store) {
            EsmClaim c = i.claim();
            if (c == null || !c.open()) {
                throw new IllegalStateException("OrderNo " + orderNo + " has no open claim");
            }
            c.state = State.WITHDRAWN;
            c.withdrawDate = store.now();
        }
    }

    /** One second of the buyers' own claims and withdrawals, each line and claim decided once. */
    void tick() {
        ZonedDateTime now = store.now();
        for (SiteSeller s : store.sortedSellers()) {
            synchronized (store) {
                for (OrderLine i : s.items.values()) {
                    buyerClaim(i, now);
                    EsmClaim c = i.claim();
                    if (c != null && c.open() && !c.bySeller && !c.withdrawRolled
                            && !c.requestDate.plus(switches.withdrawDelay).isAfter(now)) {
                        c.withdrawRolled = true;
                        if (random.nextDouble() < switches.withdrawRate) {
                            c.state = State.WITHDRAWN;
                            c.withdrawDate = now;
                        }
                    }
                }
            }
        }
    }

    private void buyerClaim(OrderLine i, ZonedDateTime now) {
        if (i.inClaim()) {
            return;
        }
        if ((i.status == 1 || i.status == 2) && !i.cancelRolled && !i.payDate.plus(switches.cancelDelay).isAfter(now)) {
            i.cancelRolled = true;
            if (random.nextDouble() < switches.cancelRate) {
                open(Kind.CANCEL, i, now);
            }
        } else if (i.status == 3 && !i.returnRolled && i.transDate != null && !i.transDate.plus(switches.returnDelay).isAfter(now)) {
            i.returnRolled = true;
            double d = random.nextDouble();
            if (d < switches.returnRate) {
                open(Kind.RETURN, i, now);
            } else if (d < switches.returnRate + switches.exchangeRate) {
                open(Kind.EXCHANGE, i, now);
            }
        }
    }
}
