package io.marketbridge.stock;

import java.util.List;

/**
 * One stock push round: the batches (one per account) to send, and whether the round took as many listings as it
 * may (then another round follows at once).
 */
public record StockRound(List<StockPushBatch> batches, boolean full) {
}
