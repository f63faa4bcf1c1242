package io.marketbridge.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many times each shipping unit (a box, a product order, a line, an order number) was named in a confirm call,
 * whatever the answer: a unit named twice was confirmed twice by the client, even when the second call was refused
 * as "already confirmed".
 */
public final class ConfirmCalls {

    private final Map<String, AtomicInteger> perUnit = new ConcurrentHashMap<>();
    private final Map<String, Long> firstCallAt = new ConcurrentHashMap<>();

    public void record(String unit) {
        firstCallAt.putIfAbsent(unit, System.currentTimeMillis());
        perUnit.computeIfAbsent(unit, k -> new AtomicInteger()).incrementAndGet();
    }

    /** When the unit was first named in a confirm call (epoch ms), or null. */
    public Long firstCallAt(String unit) {
        return firstCallAt.get(unit);
    }

    /** Units named in more than one confirm call, with their count. */
    public Map<String, Integer> repeated() {
        Map<String, Integer> repeated = new TreeMap<>();
        perUnit.forEach((unit, n) -> {
            if (n.get() > 1) {
                repeated.put(unit, n.get());
            }
        });
        return repeated;
    }

    /** Units named in at least one confirm call. */
    public int units() {
        return perUnit.size();
    }
}
