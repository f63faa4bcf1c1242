package io.marketbridge.claim.action;

import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import java.util.List;

/**
 * A claim as MB_CLAIM holds it: the claim an action answers.
 *
 * @param status            its latest status (a final one, COMPLETED, REJECTED or WITHDRAWN, once recorded)
 * @param lines             its lines, with the shipping unit and quantity last recorded for each
 * @param marketplaceStatus the marketplace's own status in the latest event
 * @param rawPayload        the marketplace's payload of the latest event (what the claim poll stored)
 */
public record RecordedClaim(String claimId, ClaimType type, ClaimStatus status, String orderId, List<ClaimLine> lines,
                            String marketplaceStatus, String rawPayload) {

    public RecordedClaim {
        lines = List.copyOf(lines);
    }

    /** The pieces the claim covers, over its lines. */
    public int quantity() {
        return lines.stream().mapToInt(ClaimLine::quantity).sum();
    }

    public boolean isOpen() {
        return status == ClaimStatus.REQUESTED || status == ClaimStatus.APPROVED;
    }
}
