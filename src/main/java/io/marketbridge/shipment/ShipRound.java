package io.marketbridge.shipment;

import java.util.List;

/**
 * One dispatch round: the batches it claimed (one per account) and whether it took a full round of rows, in
 * which case route shipment-dispatch claims another at once instead of waiting for its timer.
 */
public record ShipRound(List<ShipBatch> batches, boolean full) {

    /** Route variable: the round the dispatch loop is at. */
    public static final String VARIABLE = "round";
}
