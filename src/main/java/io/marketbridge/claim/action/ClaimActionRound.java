package io.marketbridge.claim.action;

import java.util.List;

/**
 * One claim action round: the batches it claimed (one per account) and whether it took a full round of rows, in
 * which case route claim-action-dispatch claims another at once instead of waiting for its timer.
 */
public record ClaimActionRound(List<ClaimActionBatch> batches, boolean full) {
}
