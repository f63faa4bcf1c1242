package io.marketbridge.order;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The money totals of an order, added up line by line as a mapper builds it: items (the lines' amounts),
 * discount (the lines' discounts), shipping, and what the buyer paid. Each marketplace says what a line paid
 * when it gives it, and how its shipping fees come (per line, per box, repeated on each line of a bundle).
 */
public final class OrderTotals {

    private final boolean linesPayShipping;
    private BigDecimal items = BigDecimal.ZERO;
    private BigDecimal discount = BigDecimal.ZERO;
    private BigDecimal linesPaid = BigDecimal.ZERO;
    private BigDecimal shipping = BigDecimal.ZERO;
    private final Map<String, BigDecimal> feeByUnit = new LinkedHashMap<>();

    private OrderTotals(boolean linesPayShipping) {
        this.linesPayShipping = linesPayShipping;
    }

    /** Totals whose paid amount is what the lines paid plus shipping. */
    public static OrderTotals create() {
        return new OrderTotals(false);
    }

    /** Totals whose lines' payments already include their shipping fee (ESM's AcntMoney). */
    public static OrderTotals linesIncludeShipping() {
        return new OrderTotals(true);
    }

    /**
     * Adds a line's amount and discount.
     *
     * @param paid what the buyer paid for the line as the marketplace gives it; null: its amount less its discount
     */
    public OrderTotals add(OrderLine line, BigDecimal paid) {
        items = items.add(line.lineAmount());
        discount = discount.add(line.discountAmount());
        linesPaid = linesPaid.add(paid != null ? paid : line.lineAmount().subtract(line.discountAmount()));
        return this;
    }

    /** Adds a shipping fee (of a line, a box). */
    public OrderTotals addShipping(BigDecimal fee) {
        shipping = shipping.add(fee);
        return this;
    }

    /** A fee the marketplace repeats on each line of a shipping unit: counted once per unit, the largest. */
    public OrderTotals addShippingOf(String unit, BigDecimal fee) {
        feeByUnit.merge(unit, fee, BigDecimal::max);
        return this;
    }

    public BigDecimal items() {
        return items;
    }

    public BigDecimal discount() {
        return discount;
    }

    public BigDecimal shipping() {
        return feeByUnit.values().stream().reduce(shipping, BigDecimal::add);
    }

    public BigDecimal paid() {
        return linesPayShipping ? linesPaid : linesPaid.add(shipping());
    }
}
