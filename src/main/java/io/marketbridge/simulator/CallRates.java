package io.marketbridge.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a simulator reports about the rate it was called at: per caller (vendor, application, key ...) the most
 * calls within any sliding second, and for all callers together the most calls in one wall-clock second. A
 * call is counted before any rate limit applies, so the figures show what clients really sent.
 */
public final class CallRates {

    private final Map<String, Deque<Long>> recent = new ConcurrentHashMap<>();
    private final Map<String, Integer> peakPerCaller = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> perSecond = new ConcurrentHashMap<>();

    /** Counts one call of the caller; returns how many calls it made within the last second, this one included. */
    public int record(String caller) {
        long nanos = System.nanoTime();
        perSecond.computeIfAbsent(System.currentTimeMillis() / 1000, k -> new AtomicLong()).incrementAndGet();
        Deque<Long> window = recent.computeIfAbsent(caller, k -> new ArrayDeque<>());
        synchronized (window) {
            while (!window.isEmpty() && nanos - window.peekFirst() > 1_000_000_000L) {
                window.pollFirst();
            }
            window.addLast(nanos);
            int inLastSecond = window.size();
            peakPerCaller.merge(caller, inLastSecond, Math::max);
            return inLastSecond;
        }
    }

    /** The highest calls-per-second any single caller reached (a sliding one-second window). */
    public int peakPerCaller() {
        return peakPerCaller.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** The highest calls-per-second of all callers together (per wall-clock second). */
    public long peakTotal() {
        return perSecond.values().stream().mapToLong(AtomicLong::get).max().orElse(0);
    }

    /** Forgets the peaks (for a benchmark that measures one phase). */
    public void reset() {
        peakPerCaller.clear();
        perSecond.clear();
    }
}
