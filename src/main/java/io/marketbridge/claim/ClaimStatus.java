package io.marketbridge.claim;

/**
 * Where a claim stands. REQUESTED and APPROVED are open, COMPLETED is done; REJECTED (the seller or the
 * marketplace said no) and WITHDRAWN (the buyer took it back) end a claim without effect on its lines.
 */
public enum ClaimStatus {
    REQUESTED, APPROVED, COMPLETED, REJECTED, WITHDRAWN;

    /** True for the two ways a claim ends without effect. */
    public boolean undoes() {
        return this == REJECTED || this == WITHDRAWN;
    }

    /** Events of one claim in the order they happen: a later status wins over an earlier one. */
    int rank() {
        return switch (this) {
            case REQUESTED -> 0;
            case APPROVED -> 1;
            case COMPLETED, REJECTED, WITHDRAWN -> 2;
        };
    }
}
