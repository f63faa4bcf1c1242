package io.marketbridge.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Order-list reads of one account that overlap: a read that starts while another read of the same account is
 * still being answered (latency included, the sending of the answer not). An account's order poll reads its list page after page, one call at a
 * time, so an overlap means two polls of one account ran at once (two nodes of a cluster, say).
 */
public final class ReadOverlaps {

    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> byAccount = new ConcurrentHashMap<>();
    private final AtomicLong reads = new AtomicLong();
    private final java.util.Queue<String> events = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * A read of the account starts; the returned handle ends it. Close it once the answer is ready, before it is sent:
     * the client may ask for its next page as soon as it has the answer, while this thread is still on its way out.
     * Closing it again (in a finally) does nothing.
     */
    public AutoCloseable enter(String account) {
        reads.incrementAndGet();
        AtomicInteger running = inFlight.computeIfAbsent(account, k -> new AtomicInteger());
        if (running.incrementAndGet() > 1) {
            byAccount.computeIfAbsent(account, k -> new AtomicLong()).incrementAndGet();
            events.add(account + " at " + java.time.Instant.now());
        }
        java.util.concurrent.atomic.AtomicBoolean left = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (left.compareAndSet(false, true)) {
                running.decrementAndGet();
            }
        };
    }

    /** Reads that started while another read of the same account was in flight. */
    public long overlaps() {
        return byAccount.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Account -> overlapping reads, for a report. */
    public Map<String, Long> byAccount() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        byAccount.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Each overlapping read: "account at instant". */
    public java.util.List<String> events() {
        return java.util.List.copyOf(events);
    }

    /** Order-list reads counted. */
    public long reads() {
        return reads.get();
    }

    /** Closes a handle from {@link #enter} (its close cannot fail). */
    public static void leave(AutoCloseable read) {
        try {
            read.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
