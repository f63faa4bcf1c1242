package io.marketbridge.stock;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;

/**
 * What the stock job has left to do, as last counted (route stock-counts): per account the listings out of sync
 * (gauge marketbridge_stock_out_of_sync{account,state}: state pending, rejected, failed) and the SKUs with a figure
 * but no listing (marketbridge_stock_unmapped_skus). The health check "stock" reads the same counts.
 */
public class StockCounts {

    private final StockStore store;
    private final Map<String, AtomicLong[]> byAccount = new ConcurrentHashMap<>();
    private final AtomicLong unmapped = new AtomicLong();
    private volatile boolean unmappedGauge;

    public StockCounts(StockStore store) {
        this.store = store;
    }

    /** Route step (stock-counts): counts again and registers the gauges of each account seen. */
    public void refresh(CamelContext camel) throws SQLException {
        Map<String, StockStore.Counts> now = store.counts();
        long unmappedNow = store.unmappedSkus();
        MeterRegistry meters = camel == null ? null : camel.getRegistry().findSingleByType(MeterRegistry.class);
        for (String account : now.keySet()) {
            byAccount.computeIfAbsent(account, a -> gauges(meters, a));
        }
        byAccount.forEach((account, values) -> {
            StockStore.Counts c = now.getOrDefault(account, new StockStore.Counts(0, 0, 0));
            values[0].set(c.pending());
            values[1].set(c.rejected());
            values[2].set(c.failed());
        });
        unmapped.set(unmappedNow);
        if (meters != null && !unmappedGauge) {
            Gauge.builder("marketbridge.stock.unmapped.skus", unmapped, AtomicLong::get).register(meters);
            unmappedGauge = true;
        }
    }

    private static AtomicLong[] gauges(MeterRegistry meters, String account) {
        AtomicLong[] values = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
        String[] states = {"pending", "rejected", "failed"};
        if (meters != null) {
            for (int i = 0; i < 3; i++) {
                Gauge.builder("marketbridge.stock.out.of.sync", values[i], AtomicLong::get).tag("account", account)
                        .tag("state", states[i]).register(meters);
            }
        }
        return values;
    }

    /** account -> {pending, rejected, failed} listings out of sync, as last counted. */
    public Map<String, long[]> outOfSync() {
        Map<String, long[]> copy = new TreeMap<>();
        byAccount.forEach((account, v) -> copy.put(account, new long[] {v[0].get(), v[1].get(), v[2].get()}));
        return copy;
    }

    public long unmappedSkus() {
        return unmapped.get();
    }
}
