package io.marketbridge.simulator.elevenst;

import io.marketbridge.simulator.CallRates;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** 11st's traffic limit: at most rate-limit-per-second admitted calls per OpenAPI key within any sliding second. */
final class ElevenstRateLimit {

    private final Map<String, Deque<Long>> recentCalls = new ConcurrentHashMap<>();
    /** The rates sellers called at, for the stats (the limit itself uses the admitted calls in recentCalls). */
    private final CallRates rates = new CallRates();
    private volatile int perSecond;
    /** Calls refused (HTTP 429) for going over the limit. */
    final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();

    ElevenstRateLimit(int perSecond) {
        setPerSecond(perSecond);
    }

    void setPerSecond(int perSecond) {
        this.perSecond = Math.max(1, perSecond);
    }

    /** Counts the seller's call and tells whether its key is still within the limit. */
    boolean admit(String sellerId, String key) {
        rates.record(sellerId);
        long now = System.currentTimeMillis();
        Deque<Long> calls = recentCalls.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (calls) {
            while (!calls.isEmpty() && calls.peekFirst() <= now - 1000) {
                calls.pollFirst();
            }
            if (calls.size() >= perSecond) {
                refused.incrementAndGet();
                return false;
            }
            calls.addLast(now);
            return true;
        }
    }

    CallRates rates() {
        return rates;
    }
}
