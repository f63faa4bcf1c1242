package io.marketbridge.claim;

import io.marketbridge.order.Marketplace;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical claim every marketplace's claim is mapped to (ERP contract v3, docs/erp-contract.md): one
 * cancellation, return or exchange of lines of one order, as seen in one status. Times carry the
 * marketplace's offset. Where a marketplace has no claim id, the connector derives one with
 * {@link ClaimIntake#derivedClaimId}.
 *
 * @param statusAt when the claim reached {@code status}, when the marketplace says
 */
public record Claim(
        Marketplace marketplace,
        String accountId,
        String claimId,
        String orderId,
        ClaimType type,
        ClaimStatus status,
        String reasonCode,
        String reasonText,
        OffsetDateTime requestedAt,
        OffsetDateTime statusAt,
        String marketplaceStatus,
        List<ClaimLine> lines,
        String rawPayload) {

    public Claim {
        lines = List.copyOf(lines);
    }

    /** One event per line: the unit MB_CLAIM, the claim files and the batch CSV hold. */
    public List<ClaimEvent> events() {
        List<ClaimEvent> events = new ArrayList<>(lines.size());
        for (ClaimLine line : lines) {
            events.add(new ClaimEvent(marketplace, accountId, claimId, line.lineId(), status, type, orderId,
                    line.shipmentId(), line.quantity(), reasonCode, reasonText, requestedAt, statusAt,
                    marketplaceStatus, rawPayload));
        }
        return events;
    }

    /** A short, personal-data-free reference for logs: NAVER/acme/C123. */
    public String reference() {
        return marketplace.code() + "/" + accountId + "/" + claimId;
    }

    @Override
    public String toString() {
        return "Claim[" + reference() + ", " + type + " " + status + ", lines=" + lines.size() + "]";
    }
}
