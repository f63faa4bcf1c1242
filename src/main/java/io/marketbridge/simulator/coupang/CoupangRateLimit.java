package io.marketbridge.simulator.coupang;

import io.marketbridge.simulator.CallRates;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Coupang's per-vendor rate limit: at most rate-limit-per-second admitted calls within any sliding second, and once
 * a vendor went over it (or a 429 was forced), a block of every call of that vendor for throttle-block.
 */
final class CoupangRateLimit {

    private final int perSecond;
    private final Duration configuredBlock;
    private final Map<String, Deque<Long>> calls = new ConcurrentHashMap<>();
    /** The rates vendors called at, for the stats (the limit itself uses the admitted calls above). */
    private final CallRates rates = new CallRates();
    /** How long a vendor stays blocked after a 429; settings' throttle-block, changeable while running. */
    private volatile Duration throttleBlock;
    /** vendor -> System.nanoTime() at which its block lifts. */
    private final Map<String, Long> blockedUntil = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> throttledCalls = new ConcurrentHashMap<>();

    CoupangRateLimit(int perSecond, Duration throttleBlock) {
        this.perSecond = perSecond;
        this.configuredBlock = throttleBlock;
        this.throttleBlock = throttleBlock;
    }

    /** Counts the call and tells whether it is admitted: the vendor is not blocked and is within its limit. */
    boolean admit(String vendor) {
        return !blocked(vendor) && withinRate(vendor);
    }

    private boolean withinRate(String vendor) {
        Deque<Long> window = calls.computeIfAbsent(vendor, v -> new ArrayDeque<>());
        long now = System.nanoTime();
        rates.record(vendor);
        synchronized (window) {
            while (!window.isEmpty() && now - window.peekFirst() > 1_000_000_000L) {
                window.pollFirst();
            }
            if (window.size() >= perSecond) {
                return false;
            }
            window.addLast(now);
            return true;
        }
    }

    private boolean blocked(String vendor) {
        Long until = blockedUntil.get(vendor);
        return until != null && System.nanoTime() - until < 0;
    }

    /** Records a 429 of the vendor (null: none named) and starts its block; calls during a block do not lengthen it. */
    void throttled(String vendor) {
        if (vendor != null) {
            throttledCalls.computeIfAbsent(vendor, k -> new AtomicLong()).incrementAndGet();
            if (!blocked(vendor)) {
                blockedUntil.put(vendor, System.nanoTime() + throttleBlock.toNanos());
            }
        }
    }

    void throttleBlock(Duration block) {
        throttleBlock = block;
    }

    long throttledCalls(String vendor) {
        AtomicLong n = throttledCalls.get(vendor);
        return n == null ? 0 : n.get();
    }

    Map<String, AtomicLong> throttledCalls() {
        return throttledCalls;
    }

    /** Lifts every vendor's block now and restores the configured block length. */
    void resetBlocks() {
        throttleBlock = configuredBlock;
        blockedUntil.clear();
    }

    CallRates rates() {
        return rates;
    }
}
