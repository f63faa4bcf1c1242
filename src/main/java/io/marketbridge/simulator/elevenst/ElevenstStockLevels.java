package io.marketbridge.simulator.elevenst;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulated 11st believes each seller has in stock: per option (prdStckNo) its product (prdNo), figure
 * (stckQty) and the seller's code for it (sellerStockCd, the one its order lines carry), seeded for every option the
 * simulator sells, and the stock calls answered per option (refused ones included). A seller's figures are made on
 * first use, so a seller added while running has them too.
 */
final class ElevenstStockLevels {

    /** The figure every option the simulator sells starts with. */
    static final int SEED = 100;

    /** One option's stock: the product it belongs to and its figure. */
    record Level(String prdNo, int quantity) {
    }

    private final Map<String, Map<String, Level>> levels = new ConcurrentHashMap<>();
    private final Map<String, Map<String, AtomicLong>> calls = new ConcurrentHashMap<>();
    /** seller -> prdStckNo -> sellerStockCd, where a test set another code than the seeded one ("" for none). */
    private final Map<String, Map<String, String>> codes = new ConcurrentHashMap<>();

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

    /** The seller's options of product prdNo (prdStckNo -> level, in number order); empty when it has none. */
    Map<String, Level> options(String seller, String prdNo) {
        Map<String, Level> options = new TreeMap<>();
        of(seller).forEach((no, level) -> {
            if (level.prdNo().equals(prdNo)) {
                options.put(no, level);
            }
        });
        return options;
    }

    /** The seller's code for the option: the one a test set, else the seeded one; null when there is none. */
    String sellerStockCode(String seller, String prdStckNo) {
        String set = codes.getOrDefault(seller, Map.of()).get(prdStckNo);
        if (set != null) {
            return set.isEmpty() ? null : set;
        }
        ElevenstSampleData.Option o = seeded(prdStckNo);
        return o == null ? null : o.sku();
    }

    void setSellerStockCode(String seller, String prdStckNo, String code) {
        codes.computeIfAbsent(seller, s -> new ConcurrentHashMap<>()).put(prdStckNo, code == null ? "" : code);
    }

    /** The sample option with that prdStckNo, null for an option a test made. */
    static ElevenstSampleData.Option seeded(String prdStckNo) {
        for (ElevenstSampleData.Product p : ElevenstSampleData.PRODUCTS) {
            for (ElevenstSampleData.Option o : p.options()) {
                if (o.stockNo().equals(prdStckNo)) {
                    return o;
                }
            }
        }
        return null;
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
