package io.marketbridge.app;

import io.marketbridge.stock.StockCounts;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * /observe/health: "stock" lists, per account, the listings whose marketplace figure is not the ERP's (pending a
 * push, refused by the marketplace, failing), and the SKUs with a figure but no listing, as last counted. It stays
 * UP: a listing out of sync is the seller's to look at (MB_LISTING_STOCK says why), not a fault of the node; alert on
 * marketbridge_stock_out_of_sync instead.
 */
public class StockHealthCheck extends AbstractHealthCheck {

    private final StockCounts counts;

    public StockHealthCheck(StockCounts counts) {
        super("market-bridge", "stock");
        this.counts = counts;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long total = 0;
        for (Map.Entry<String, long[]> e : counts.outOfSync().entrySet()) {
            long[] v = e.getValue();
            total += v[0] + v[1] + v[2];
            builder.detail("account." + e.getKey(), "out-of-sync=" + (v[0] + v[1] + v[2]) + " pending=" + v[0]
                    + " rejected=" + v[1] + " failed=" + v[2]);
        }
        builder.detail("stock.out-of-sync", total);
        builder.detail("stock.unmapped-skus", counts.unmappedSkus());
        builder.up();
    }
}
