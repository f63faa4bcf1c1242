package io.marketbridge.simulator.elevenst;

import static io.marketbridge.simulator.elevenst.ElevenstStore.SEOUL;

import io.marketbridge.simulator.ClaimSwitches;
import io.marketbridge.simulator.SimulatedClaimLine;
import io.marketbridge.simulator.elevenst.ElevenstClaim.Kind;
import io.marketbridge.simulator.elevenst.ElevenstClaim.State;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The buyers' side of 11st claims: cancel requests on lines not yet shipped (701), return and exchange requests on
 * shipped lines (601), withdrawals that give the line its status back; made by the control endpoint and tests, or
 * by the buyers themselves at the rates of the {@link ClaimSwitches}. The seller's answers are resources of their own.
 */
final class ElevenstClaims {

    /** Buyer cancel reasons in the cancel list (ordCnRsnCd 00, 04, 11-18; the facts give no meanings). */
    private static final String[] BUYER_CANCEL_REASONS = {"00", "04", "11", "12", "13"};
    private static final String[] BUYER_TEXTS = {"단순 변심", "주문 실수", "배송 지연", "다른 상품으로 재주문"};

    final ClaimSwitches switches;
    private final ElevenstStore store;
    private final Random random;
    private final AtomicLong nextClaim = new AtomicLong(5_000_001L);
    private final AtomicLong listCalls = new AtomicLong();
    private final AtomicLong actionCalls = new AtomicLong();

    ElevenstClaims(ElevenstStore store, ClaimSwitches switches, long seed) {
        this.store = store;
        this.switches = switches;
        this.random = new Random(seed);
    }

    /**
     * The buyer asks to cancel {@code qty} pieces of the line (0 = all); the line goes to 701 until the seller
     * answers. Returns the claim number (ordPrdCnSeq).
     */
    String requestCancel(String sellerId, String ordNo, String seq, int qty, ZonedDateTime at) {
        return request(Kind.CANCEL, sellerId, ordNo, seq, qty, at);
    }

    /** The buyer asks to return or exchange {@code qty} pieces (0 = all) of a shipped line (601). Returns clmReqSeq. */
    String request(Kind kind, String sellerId, String ordNo, String seq, int qty, ZonedDateTime at) {
        ElevenstSeller s = store.seller(sellerId);
        synchronized (s) {
            ElevenstOrder o = s.orders.get(ordNo);
            ElevenstLine l = o == null ? null : o.lines.get(seq);
            if (l == null) {
                throw new IllegalArgumentException("no line " + ordNo + "/" + seq);
            }
            return open(s, kind, o, l, qty, at).claimNo;
        }
    }

    /** Opens the claim on a line that can take it (under the seller's monitor). */
    private ElevenstClaim open(ElevenstSeller s, Kind kind, ElevenstOrder o, ElevenstLine l, int qty, ZonedDateTime at) {
        int left = l.qty - l.cancelledQty;
        int pieces = qty <= 0 ? left : qty;
        if (pieces > left) {
            throw new IllegalArgumentException("line " + o.ordNo + "/" + l.seq + " has " + left + " piece(s) left");
        }
        boolean notShipped = l.stat.equals("202") || l.stat.equals("301");
        boolean shipped = l.stat.equals("401") || l.stat.equals("501");
        if (kind == Kind.CANCEL ? !notShipped : !shipped) {
            throw new IllegalStateException("line " + o.ordNo + "/" + l.seq + " is " + l.stat + ": no " + kind + " request");
        }
        String reason = kind == Kind.CANCEL ? BUYER_CANCEL_REASONS[random.nextInt(BUYER_CANCEL_REASONS.length)] : "";
        ElevenstClaim c = new ElevenstClaim(kind, String.valueOf(nextClaim.getAndIncrement()), o, l, pieces, reason,
                BUYER_TEXTS[random.nextInt(BUYER_TEXTS.length)], false, at.withZoneSameInstant(SEOUL).withNano(0));
        s.claims.put(c.claimNo, c);
        l.stat = kind == Kind.CANCEL ? "701" : "601";
        return c;
    }

    /**
     * The older control call: the buyer asks to cancel the whole line (701), or 11st cancels it (B01, completing an
     * open request). A line no claim can be opened on (shipped) only changes status, as before claims existed.
     */
    void cancelLine(String sellerId, String ordNo, String seq, boolean completed, ZonedDateTime at) {
        ElevenstSeller s = store.seller(sellerId);
        synchronized (s) {
            ElevenstOrder o = s.orders.get(ordNo);
            ElevenstLine l = o == null ? null : o.lines.get(seq);
            if (l == null) {
                throw new IllegalArgumentException("no line " + ordNo + "/" + seq);
            }
            ElevenstClaim c = s.claims.values().stream()
                    .filter(x -> x.kind == Kind.CANCEL && x.open() && x.line == l).findFirst().orElse(null);
            if (c == null && (l.stat.equals("202") || l.stat.equals("301"))) {
                c = open(s, Kind.CANCEL, o, l, 0, at);
            }
            if (c == null) {
                l.stat = completed ? "B01" : "701";
            } else if (completed) {
                complete(c, at.withZoneSameInstant(SEOUL));
            }
        }
    }

    /** The seller refuses the sale of a line (reqrejectorder): a completed cancel by the seller, the line B01. */
    ElevenstClaim sellerCancel(ElevenstSeller s, ElevenstOrder o, ElevenstLine l, String reasonCode, String text,
                               ZonedDateTime at) {
        ElevenstClaim c = new ElevenstClaim(Kind.CANCEL, String.valueOf(nextClaim.getAndIncrement()), o, l,
                l.qty - l.cancelledQty, reasonCode, text, true, at.withNano(0));
        s.claims.put(c.claimNo, c);
        complete(c, at);
        return c;
    }

    /**
     * The claim is done: a cancel of every piece left makes the line B01, a partial one leaves it where it was with
     * fewer pieces; a return or exchange leaves the line at 601.
     */
    void complete(ElevenstClaim c, ZonedDateTime at) {
        c.close(State.COMPLETED, at.withNano(0));
        if (c.kind == Kind.CANCEL) {
            c.line.cancelledQty += c.qty;
            c.line.stat = c.line.cancelledQty >= c.line.qty ? "B01" : c.statBefore;
        }
    }

    /** The buyer withdraws the claim: the line gets its status back. */
    void withdraw(String sellerId, String claimNo, ZonedDateTime at) {
        ElevenstSeller s = store.seller(sellerId);
        synchronized (s) {
            ElevenstClaim c = s.claims.get(claimNo);
            if (c == null) {
                throw new IllegalArgumentException("no claim " + claimNo);
            }
            if (!c.open()) {
                throw new IllegalStateException("claim " + claimNo + " is " + c.state);
            }
            c.close(State.WITHDRAWN, at.withZoneSameInstant(SEOUL).withNano(0));
            c.line.stat = c.statBefore;
        }
    }

    /** One second of the buyers' own claims and withdrawals, each line and claim decided once. */
    void tick(ZonedDateTime now) {
        for (ElevenstSeller s : store.sellers()) {
            synchronized (s) {
                for (ElevenstOrder o : s.orders.values()) {
                    for (ElevenstLine l : o.lines.values()) {
                        buyerClaim(s, o, l, now);
                    }
                }
                for (ElevenstClaim c : s.claims.values()) {
                    if (c.open() && !c.bySeller && !c.withdrawRolled && !c.requestedAt.plus(switches.withdrawDelay).isAfter(now)) {
                        c.withdrawRolled = true;
                        if (random.nextDouble() < switches.withdrawRate) {
                            c.close(State.WITHDRAWN, now.withNano(0));
                            c.line.stat = c.statBefore;
                        }
                    }
                }
            }
        }
    }

    private ElevenstClaim buyerClaim(ElevenstSeller s, ElevenstOrder o, ElevenstLine l, ZonedDateTime now) {
        boolean notShipped = l.stat.equals("202") || l.stat.equals("301");
        if (notShipped && !l.cancelRolled && !o.paidAt.plus(switches.cancelDelay).isAfter(now)) {
            l.cancelRolled = true;
            return random.nextDouble() < switches.cancelRate ? open(s, Kind.CANCEL, o, l, pieces(l), now) : null;
        }
        boolean shipped = l.stat.equals("401") || l.stat.equals("501");
        if (shipped && !l.returnRolled && l.sentAt != null && !l.sentAt.plus(switches.returnDelay).isAfter(now)) {
            l.returnRolled = true;
            double d = random.nextDouble();
            if (d < switches.returnRate) {
                return open(s, Kind.RETURN, o, l, pieces(l), now);
            }
            if (d < switches.returnRate + switches.exchangeRate) {
                return open(s, Kind.EXCHANGE, o, l, pieces(l), now);
            }
        }
        return null;
    }

    /** All pieces left, or (partial-rate) some of them. */
    private int pieces(ElevenstLine l) {
        int left = l.qty - l.cancelledQty;
        return left > 1 && random.nextDouble() < switches.partialRate ? 1 + random.nextInt(left - 1) : left;
    }

    List<SimulatedClaimLine> lines(String sellerId) {
        ElevenstSeller s = store.seller(sellerId);
        synchronized (s) {
            List<SimulatedClaimLine> out = new ArrayList<>();
            for (ElevenstClaim c : s.claims.values()) {
                out.add(new SimulatedClaimLine(c.claimNo, c.order.ordNo, c.line.seq, c.kind.name(), c.statusCode(),
                        c.state == State.WITHDRAWN));
            }
            return out;
        }
    }

    void countList() {
        listCalls.incrementAndGet();
    }

    void countAction() {
        actionCalls.incrementAndGet();
    }

    long listCalls() {
        return listCalls.get();
    }

    long actionCalls() {
        return actionCalls.get();
    }
}
