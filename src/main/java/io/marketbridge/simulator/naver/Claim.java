package io.marketbridge.simulator.naver;

import java.time.ZonedDateTime;

/** A buyer's claim on a product order (the simulator plays cancellations); guarded by its Seller's monitor. */
final class Claim {
    final String claimType;
    final String claimId;
    final ZonedDateTime requested;
    final String reason;
    final int quantity;
    String claimStatus;
    ZonedDateTime completed;

    Claim(String claimType, String claimId, String claimStatus, ZonedDateTime requested, String reason, int quantity) {
        this.claimType = claimType;
        this.claimId = claimId;
        this.claimStatus = claimStatus;
        this.requested = requested;
        this.reason = reason;
        this.quantity = quantity;
    }

    boolean active() {
        return completed == null && !claimStatus.endsWith("_REJECT");
    }
}
