package io.marketbridge.simulator.esm;

import java.time.ZonedDateTime;

/**
 * One claim on an OrderNo: a cancel, a return or an exchange. ESM claims a whole OrderNo (its claim lists carry no
 * quantity). Changed under the store's monitor.
 */
final class EsmClaim {

    enum Kind { CANCEL, RETURN, EXCHANGE }

    enum State { REQUESTED, COMPLETED, WITHDRAWN, REJECTED }

    final Kind kind;
    final OrderLine line;
    final String reasonCode;
    final String reason;
    final String reasonDetail;
    final boolean bySeller;
    final ZonedDateTime requestDate;
    State state = State.REQUESTED;
    ZonedDateTime withdrawDate;
    ZonedDateTime approveDate;
    ZonedDateTime completeDate;
    boolean withdrawRolled;

    EsmClaim(Kind kind, OrderLine line, String reasonCode, String reason, String reasonDetail, boolean bySeller,
             ZonedDateTime requestDate) {
        this.kind = kind;
        this.line = line;
        this.reasonCode = reasonCode;
        this.reason = reason;
        this.reasonDetail = reasonDetail;
        this.bySeller = bySeller;
        this.requestDate = requestDate;
    }

    boolean open() {
        return state == State.REQUESTED;
    }

    /**
     * CancelStatus as the Cancels list shows it: 1 requested, 3 completed, 4 withdrawn (2 processing, 5 and 6 refunds
     * are not simulated). Returns and exchanges use the same numbers (UNCERTAIN: the facts give ReturnStatus 1-6
     * without meanings); a claim the seller refused shows none (0).
     */
    int statusCode() {
        return switch (state) {
            case REQUESTED -> 1;
            case COMPLETED -> 3;
            case WITHDRAWN -> 4;
            case REJECTED -> 0;
        };
    }
}
