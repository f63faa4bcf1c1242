package io.marketbridge.stock;

/**
 * One listing option a stock push sets: its MB_STOCK_PUSH row, the option at the marketplace and the figure to set.
 *
 * @param pushId    the MB_STOCK_PUSH row this target's outcome is recorded in
 * @param optionId  the marketplace's option key (Naver option id, 11st prdStckNo, Lotte ON sitmNo, Qoo10 optionCode);
 *                  "" where the listing has no option level (Coupang vendorItemId, ESM goodsNo)
 * @param sellerSku the SKU whose MB_STOCK figure this is
 * @param quantity  the figure to set, 0 = sold out
 */
public record StockTarget(long pushId, String optionId, String sellerSku, int quantity) {
}
