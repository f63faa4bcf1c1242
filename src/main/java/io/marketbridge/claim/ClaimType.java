package io.marketbridge.claim;

import io.marketbridge.order.OrderStatus;

/** What the buyer (or the marketplace, or the seller) asked for. */
public enum ClaimType {
    CANCEL(OrderStatus.CANCEL_REQUESTED, OrderStatus.CANCELLED),
    RETURN(OrderStatus.RETURN_REQUESTED, OrderStatus.RETURNED),
    EXCHANGE(OrderStatus.EXCHANGE_REQUESTED, OrderStatus.EXCHANGED);

    private final OrderStatus requested;
    private final OrderStatus completed;

    ClaimType(OrderStatus requested, OrderStatus completed) {
        this.requested = requested;
        this.completed = completed;
    }

    /**
     * The status a claim of this type in {@code status} gives its lines: the requested one while the claim is
     * open (REQUESTED, APPROVED), the completed one once it is COMPLETED; null when the claim ended without
     * effect (REJECTED, WITHDRAWN), so the line goes back to what it was.
     */
    public OrderStatus lineStatus(ClaimStatus status) {
        return switch (status) {
            case REQUESTED, APPROVED -> requested;
            case COMPLETED -> completed;
            case REJECTED, WITHDRAWN -> null;
        };
    }
}
