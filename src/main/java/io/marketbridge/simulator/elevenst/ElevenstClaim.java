package io.marketbridge.simulator.elevenst;

import java.time.ZonedDateTime;

/**
 * One claim on an order line: a cancellation (its number is ordPrdCnSeq), a return or an exchange (clmReqSeq), for
 * some or all of the line's pieces. Changed under the seller's monitor.
 */
final class ElevenstClaim {

    enum Kind { CANCEL, RETURN, EXCHANGE }

    enum State { REQUESTED, COMPLETED, REJECTED, WITHDRAWN }

    final Kind kind;
    final String claimNo;
    final ElevenstOrder order;
    final ElevenstLine line;
    final int qty;
    final String reasonCode;
    final String reasonText;
    /** ordCnMnbdCd 02: the seller refused the sale (reqrejectorder); else the buyer asked. */
    final boolean bySeller;
    final ZonedDateTime requestedAt;
    /** The line's ordPrdStat before the claim, given back when the claim is withdrawn or refused. */
    final String statBefore;
    State state = State.REQUESTED;
    ZonedDateTime closedAt;
    boolean withdrawRolled;

    ElevenstClaim(Kind kind, String claimNo, ElevenstOrder order, ElevenstLine line, int qty, String reasonCode,
                  String reasonText, boolean bySeller, ZonedDateTime requestedAt) {
        this.kind = kind;
        this.claimNo = claimNo;
        this.order = order;
        this.line = line;
        this.qty = qty;
        this.reasonCode = reasonCode;
        this.reasonText = reasonText;
        this.bySeller = bySeller;
        this.requestedAt = requestedAt;
        this.statBefore = line.stat;
    }

    /** Still waiting for the seller (or the buyer's withdrawal). */
    boolean open() {
        return state == State.REQUESTED;
    }

    /**
     * The status code the lists show: ordCnStatCd 01 requested / 02 completed for cancels (a withdrawn one shows 03,
     * a value the facts do not give); clmStat 105/106/107/108 for returns, 201/221/232/233 for exchanges.
     */
    String statusCode() {
        return switch (kind) {
            case CANCEL -> switch (state) {
                case REQUESTED -> "01";
                case COMPLETED -> "02";
                case WITHDRAWN -> "03";
                case REJECTED -> "04";
            };
            case RETURN -> switch (state) {
                case REQUESTED -> "105";
                case COMPLETED -> "106";
                case REJECTED -> "107";
                case WITHDRAWN -> "108";
            };
            case EXCHANGE -> switch (state) {
                case REQUESTED -> "201";
                case COMPLETED -> "221";
                case REJECTED -> "232";
                case WITHDRAWN -> "233";
            };
        };
    }

    /** Closes the claim at {@code at}. */
    void close(State to, ZonedDateTime at) {
        state = to;
        closedAt = at;
    }
}
