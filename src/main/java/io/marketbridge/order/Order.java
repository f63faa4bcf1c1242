package io.marketbridge.order;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The canonical order every marketplace is mapped to (ERP contract, docs/erp-contract.md; version 4 added the kana names).
 * Times carry the marketplace's offset (+09:00 for the Korean marketplaces).
 */
public record Order(
        Marketplace marketplace,
        String accountId,
        String orderId,
        OffsetDateTime orderedAt,
        OffsetDateTime paidAt,
        OrderStatus status,
        String marketplaceStatus,
        Buyer buyer,
        Receiver receiver,
        String deliveryMessage,
        String customsId,
        String currency,
        BigDecimal itemsAmount,
        BigDecimal discountAmount,
        BigDecimal shippingFee,
        BigDecimal paidAmount,
        List<OrderLine> lines,
        String rawPayload) {

    public Order {
        lines = List.copyOf(lines);
    }

    /** The same order with another raw payload (as kept elsewhere than the canonical form). */
    public Order withRawPayload(String raw) {
        return new Order(marketplace, accountId, orderId, orderedAt, paidAt, status, marketplaceStatus, buyer, receiver,
                deliveryMessage, customsId, currency, itemsAmount, discountAmount, shippingFee, paidAmount, lines, raw);
    }

    /** The same order with the given lines (by line id) in another status; the other lines as they are. */
    public Order withLineStatuses(java.util.Map<String, OrderStatus> statuses) {
        List<OrderLine> marked = new java.util.ArrayList<>(lines.size());
        for (OrderLine l : lines) {
            OrderStatus status = statuses.get(l.lineId());
            marked.add(status == null || status == l.status() ? l : new OrderLine(l.lineId(), l.shipmentId(), l.productId(),
                    l.optionId(), l.sellerSku(), l.productName(), l.optionName(), l.quantity(), l.unitPrice(),
                    l.lineAmount(), l.discountAmount(), status, l.marketplaceStatus()));
        }
        return new Order(marketplace, accountId, orderId, orderedAt, paidAt, status, marketplaceStatus, buyer, receiver,
                deliveryMessage, customsId, currency, itemsAmount, discountAmount, shippingFee, paidAmount, marked, rawPayload);
    }

    /** The marketplace shipping units this order spans, in line order. */
    public Set<String> shipmentIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (OrderLine line : lines) {
            ids.add(line.shipmentId());
        }
        return ids;
    }

    /** A short, personal-data-free reference for logs: COUPANG/acme/123. */
    public String reference() {
        return marketplace.code() + "/" + accountId + "/" + orderId;
    }

    @Override
    public String toString() {
        return "Order[" + reference() + ", lines=" + lines.size() + "]";
    }
}
