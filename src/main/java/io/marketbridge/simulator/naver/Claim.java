package io.marketbridge.simulator.naver;

import java.time.ZonedDateTime;

/**
 * A claim on a product order: a cancel, return or exchange its buyer asked for (or a cancel by the seller), with
 * how many pieces it takes; guarded by its Seller's monitor.
 */
final class Claim {
    final String claimType;
    final String claimId;
    final ZonedDateTime requested;
    final String reason;
    final int quantity;
    /** 구매자 (buyer) or 판매자 (seller). */
    final String requestChannel;
    String claimStatus;
    ZonedDateTime completed;
    /** When the returned or exchanged goods were collected (COLLECT_DONE). */
    ZonedDateTime collected;
    String rejectReason;

    Claim(String claimType, String claimId, String claimStatus, ZonedDateTime requested, String reason, int quantity) {
        this(claimType, claimId, claimStatus, requested, reason, quantity, "구매자");
    }

    Claim(String claimType, String claimId, String claimStatus, ZonedDateTime requested, String reason, int quantity,
          String requestChannel) {
        this.claimType = claimType;
        this.claimId = claimId;
        this.claimStatus = claimStatus;
        this.requested = requested;
        this.reason = reason;
        this.quantity = quantity;
        this.requestChannel = requestChannel;
    }

    boolean active() {
        return completed == null && !claimStatus.endsWith("_REJECT");
    }
}
