package io.marketbridge.simulator.elevenst;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulated 11st believes each seller has in stock: per option (prdStckNo) its product (prdNo) and figure
 * (stckQty), seeded for every option the simulator sells, and the stock calls answered per option (refused ones
 * included). A seller's figures are made on first use, so a seller added while running has them too.
 */
final class ElevenstStockLevels {

    /** The figure every option the simulator sells starts with. */
    static final int SEED = 100;

    /** One option's stock: the product it belongs to and its figure. */
    record Level(String prdNo, int quantity) {
    }

    private final Map<String, Map<String, Level>> levels = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AtomicLong>> calls = new ConcurrentHashMap<>();

    private Map<String, Level> of(String seller) {
        return levels.computeIfAbsent(seller, s -> {
            Map<String, Level> seeded = new ConcurrentHashMap<>();
            for (ElevenstSampleData.Product p : ElevenstSampleData.PRODUCTS) {
                for (ElevenstSampleData.Option o : p.options()) {
                    seeded.put(o.stockNo(), new Level(p.prdNo(), SEED));
                }
            }
            return seeded;
        });
    }

    /** The seller's stock of the option, null when the seller has no such prdStckNo. */
    Level get(String seller, String prdStckNo) {
        return of(seller).get(prdStckNo);
    }

    void set(String seller, String prdNo, String prdStckNo, int quantity) {
        of(seller).put(prdStckNo, new Level(prdNo, quantity));
    }

    void called(String seller, String prdStckNo) {
        calls.computeIfAbsent(seller, s -> new ConcurrentHashMap<>())
                .computeIfAbsent(prdStckNo, n -> new AtomicLong()).incrementAndGet();
    }

    long calls(String seller, String prdStckNo) {
        AtomicLong n = calls.getOrDefault(seller, Map.of()).get(prdStckNo);
        return n == null ? 0 : n.get();
    }

    /** seller -> prdStckNo -> stckQty, for the stats. */
    Map<String, Map<String, Integer>> figures() {
        Map<String, Map<String, Integer>> copy = new TreeMap<>();
        levels.forEach((seller, m) -> {
            Map<String, Integer> f = new TreeMap<>();
            m.forEach((no, level) -> f.put(no, level.quantity()));
            copy.put(seller, f);
        });
        return copy;
    }

    /** seller -> prdStckNo -> stock calls. */
    Map<String, Map<String, Long>> calls() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        calls.forEach((seller, m) -> {
            Map<String, Long> c = new TreeMap<>();
            m.forEach((no, n) -> c.put(no, n.get()));
            copy.put(seller, c);
        });
        return copy;
    }
}
