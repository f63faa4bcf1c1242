package io.marketbridge.marketplace.esm;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ESM allows one RequestOrders (shared with PreRequestOrders) per 5 seconds per site seller ID, whoever calls.
 * This process keeps one slot clock per site seller ID ("G:id", "A:id"), shared by every account that names the
 * seller, and hands out slots at the interval: a caller takes the next free slot and waits for it. Slots are
 * taken in arrival order, so accounts sharing a seller ID queue fairly instead of racing into ResultCode 3000.
 * A slot further away than the caller's limit is not taken: the caller fails transiently and its poll is redone
 * later with the cursor where it was.
 */
public class EsmRateLimiter {

    private final ConcurrentHashMap<String, long[]> nextSlot = new ConcurrentHashMap<>();

    /**
     * Takes the seller's next slot and returns how long to wait for it (0 = now), or -1 when that would be longer
     * than {@code maxWait} (no slot taken).
     */
    public long reserve(String sellerKey, Duration interval, Duration maxWait) {
        long[] slot = nextSlot.computeIfAbsent(sellerKey, k -> new long[] {Long.MIN_VALUE});
        synchronized (slot) {
            long now = System.nanoTime() / 1_000_000;
            long at = Math.max(now, slot[0]);
            long wait = at - now;
            if (wait > maxWait.toMillis()) {
                return -1;
            }
            slot[0] = at + interval.toMillis();
            return wait;
        }
    }

    /** After ESM answered 3000 anyway (another client, another node): nothing before one interval from now. */
    public void penalize(String sellerKey, Duration interval) {
        long[] slot = nextSlot.computeIfAbsent(sellerKey, k -> new long[] {Long.MIN_VALUE});
        synchronized (slot) {
            slot[0] = Math.max(slot[0], System.nanoTime() / 1_000_000 + interval.toMillis());
        }
    }
}
