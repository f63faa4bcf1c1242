package io.marketbridge.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrderTotalsTest {

    static OrderLine line(String amount, String discount) {
        return new OrderLine("1", "box", "p", "o", "sku", "name", null, 1, null, new BigDecimal(amount),
                new BigDecimal(discount), OrderStatus.PAID, "PAID");
    }

    @Test
    void paidIsWhatTheLinesPaidPlusShipping() {
        OrderTotals totals = OrderTotals.create()
                .add(line("10000", "1000"), null)
                .add(line("5000", "0"), new BigDecimal("4500"))
                .addShipping(new BigDecimal("2500"));
        assertThat(totals.items()).isEqualTo(new BigDecimal("15000"));
        assertThat(totals.discount()).isEqualTo(new BigDecimal("1000"));
        assertThat(totals.shipping()).isEqualTo(new BigDecimal("2500"));
        assertThat(totals.paid()).isEqualTo(new BigDecimal("16000"));
    }

    @Test
    void aFeeRepeatedOnEachLineOfAUnitCountsOnce() {
        OrderTotals totals = OrderTotals.create()
                .add(line("10000", "0"), null).addShippingOf("b1", new BigDecimal("3000"))
                .add(line("10000", "0"), null).addShippingOf("b1", new BigDecimal("3000"))
                .add(line("10000", "0"), null).addShippingOf("b2", new BigDecimal("2500"));
        assertThat(totals.shipping()).isEqualTo(new BigDecimal("5500"));
        assertThat(totals.paid()).isEqualTo(new BigDecimal("35500"));
    }

    @Test
    void linePaymentsThatIncludeTheirFeeAreNotAddedTwice() {
        OrderTotals totals = OrderTotals.linesIncludeShipping()
                .add(line("10000", "0"), new BigDecimal("12500")).addShipping(new BigDecimal("2500"));
        assertThat(totals.shipping()).isEqualTo(new BigDecimal("2500"));
        assertThat(totals.paid()).isEqualTo(new BigDecimal("12500"));
    }
}
