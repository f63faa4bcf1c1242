package io.marketbridge.simulator.coupang;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulated Coupang believes each vendor has in stock: a figure per vendorItemId (an option, in Coupang's
 * words), seeded for every option the simulator sells, and the stock calls answered per vendorItemId (refused ones
 * included). A vendor's figures are made on its first use, so a vendor added while running has them too.
 */
final class CoupangStockLevels {

    /** The figure every option the simulator sells starts with. */
    static final int SEED = 100;

    private final Map<String, Map<Long, Integer>> figures = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, AtomicLong>> calls = new ConcurrentHashMap<>();

    private Map<Long, Integer> of(String vendor) {
        return figures.computeIfAbsent(vendor, v -> {
            Map<Long, Integer> seeded = new ConcurrentHashMap<>();
            for (CoupangSampleData.Product p : CoupangSampleData.PRODUCTS) {
                for (int option = 0; option < p.options().size(); option++) {
                    // the vendorItemIds the order generator gives the options
                    seeded.put(p.productId() * 100 + option, SEED);
                }
            }
            return seeded;
        });
    }

    /** The vendor's figure of the option, null when the vendor has no such vendorItemId. */
    Integer get(String vendor, long vendorItemId) {
        return of(vendor).get(vendorItemId);
    }

    /** Sets the figure (and makes the vendorItemId the vendor's when it was not). */
    void set(String vendor, long vendorItemId, int quantity) {
        of(vendor).put(vendorItemId, quantity);
    }

    /** Counts a stock call naming the vendorItemId. */
    void called(String vendor, long vendorItemId) {
        calls.computeIfAbsent(vendor, v -> new ConcurrentHashMap<>())
                .computeIfAbsent(vendorItemId, id -> new AtomicLong()).incrementAndGet();
    }

    long calls(String vendor, long vendorItemId) {
        AtomicLong n = calls.getOrDefault(vendor, Map.of()).get(vendorItemId);
        return n == null ? 0 : n.get();
    }

    /** vendor -> vendorItemId -> figure, for the stats (sorted, so a person can read it). */
    Map<String, Map<Long, Integer>> figures() {
        Map<String, Map<Long, Integer>> copy = new TreeMap<>();
        figures.forEach((vendor, m) -> copy.put(vendor, new TreeMap<>(m)));
        return copy;
    }

    /** vendor -> vendorItemId -> stock calls. */
    Map<String, Map<Long, Long>> calls() {
        Map<String, Map<Long, Long>> copy = new TreeMap<>();
        calls.forEach((vendor, m) -> {
            Map<Long, Long> c = new TreeMap<>();
            m.forEach((id, n) -> c.put(id, n.get()));
            copy.put(vendor, c);
        });
        return copy;
    }
}
