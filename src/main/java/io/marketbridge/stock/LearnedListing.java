package io.marketbridge.stock;

import io.marketbridge.order.Marketplace;

/**
 * A marketplace listing option as an order line shows it, learned into MB_LISTING (source ORDER).
 *
 * @param listingId the key the marketplace's stock call addresses: Coupang vendorItemId, Naver originProductNo, 11st
 *                  prdNo, ESM goodsNo, Lotte ON spdNo, Qoo10 itemCode
 * @param optionId  the option under it (Naver option id, 11st prdStckNo, Lotte ON sitmNo, Qoo10 optionCode), "" when
 *                  the listing has no option level
 * @param sellerSku the seller's code for it at the marketplace; null when the marketplace holds none (the ERP fills it)
 */
public record LearnedListing(Marketplace marketplace, String listingId, String optionId, String sellerSku) {

    public LearnedListing {
        optionId = optionId == null ? "" : optionId;
        sellerSku = sellerSku == null || sellerSku.isBlank() ? null : sellerSku.trim();
    }
}
