package io.marketbridge.claim.action;

import io.marketbridge.dispatch.DueRows;

/**
 * One MB_CLAIM_ACTION row as claimed: what the ERP asked for, and how it stood before the claim
 * (previousStatus SENDING means an earlier node stopped while sending it).
 */
public record ClaimActionRow(long id, String marketplace, String accountId, String claimId, String orderId, String lineId,
                             String action, String courier, String trackingNo, String reason, String previousStatus,
                             int attempts) implements DueRows.Row {

    /** True when an earlier try may have reached the marketplace: read its state before sending again. */
    public boolean mayHaveReachedMarketplace() {
        return "SENDING".equals(previousStatus) || attempts > 0;
    }
}
