package io.marketbridge.stock;

import io.marketbridge.config.Account;
import io.marketbridge.dispatch.UnitBatch;

/** One account's share of a stock push round (job "stock"): the units its marketplace's stock route sends. */
public class StockPushBatch extends UnitBatch<StockPushUnit> {

    /** Exchange property: the batch a marketplace's stock route sends (set by route stock-push). */
    public static final String PROPERTY = "mbStockBatch";

    /** @param route the direct endpoint name of the marketplace's stock route */
    public StockPushBatch(Account account, String route) {
        super(account, route, "stock");
    }
}
