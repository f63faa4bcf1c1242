package io.marketbridge.order;

import java.math.BigDecimal;

/**
 * One line of a canonical order.
 *
 * @param lineId     the marketplace's line id, unique within the order
 * @param shipmentId the unit the marketplace ships by (Coupang shipmentBoxId, 11st dlvNo, Naver productOrderId, ...)
 * @param sellerSku  the seller's own code for the item: the key an ERP maps to its items
 */
public record OrderLine(
        String lineId,
        String shipmentId,
        String productId,
        String optionId,
        String sellerSku,
        String productName,
        String optionName,
        int quantity,
        BigDecimal unitPrice,
        BigDecimal lineAmount,
        BigDecimal discountAmount,
        OrderStatus status,
        String marketplaceStatus) {
}
