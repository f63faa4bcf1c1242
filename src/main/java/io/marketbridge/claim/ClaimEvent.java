package io.marketbridge.claim;

import io.marketbridge.order.Marketplace;
import java.time.OffsetDateTime;

/**
 * One line of a claim in one status: one MB_CLAIM row, one claim JSON file, one row of a claim batch CSV.
 * Its key is (marketplace, accountId, claimId, lineId, status).
 */
public record ClaimEvent(
        Marketplace marketplace,
        String accountId,
        String claimId,
        String lineId,
        ClaimStatus status,
        ClaimType type,
        String orderId,
        String shipmentId,
        int quantity,
        String reasonCode,
        String reasonText,
        OffsetDateTime requestedAt,
        OffsetDateTime statusAt,
        String marketplaceStatus,
        String rawPayload) {

    /** marketplace/claimId/lineId/status: the event's key, for logs and maps (no personal data). */
    public String key() {
        return marketplace.code() + "/" + claimId + "/" + lineId + "/" + status;
    }
}
