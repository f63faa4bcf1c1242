package io.marketbridge.stock;

import java.time.Instant;

/**
 * One listing option a stock push sets: its MB_STOCK_PUSH row, the option at the marketplace and the figure to set.
 *
 * @param pushId         the MB_STOCK_PUSH row this target's outcome is recorded in (the MB_LISTING id)
 * @param optionId       the marketplace's option key (Naver option id, 11st prdStckNo, Lotte ON sitmNo, Qoo10
 *                       optionCode); "" where the listing has no option level (Coupang vendorItemId, ESM goodsNo)
 * @param sellerSku      the SKU whose MB_STOCK figure this is
 * @param quantity       the figure to set, 0 = sold out
 * @param attempts       earlier attempts at this figure that failed (the backoff counts on from them)
 * @param stockUpdatedAt when the ERP wrote the figure (MB_STOCK.updated_at), for the push latency; null if unknown
 */
public record StockTarget(long pushId, String optionId, String sellerSku, int quantity, int attempts, Instant stockUpdatedAt) {

    public StockTarget(long pushId, String optionId, String sellerSku, int quantity) {
        this(pushId, optionId, sellerSku, quantity, 0, null);
    }
}
