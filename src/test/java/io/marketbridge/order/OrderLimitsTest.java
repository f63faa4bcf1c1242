package io.marketbridge.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.marketplace.coupang.CoupangOrderMapper;
import io.marketbridge.support.Fixtures;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract's limits as OrderLimits applies them; messages name the field and the limit, never the value. */
class OrderLimitsTest {

    static Order order() throws Exception {
        return CoupangOrderMapper.map("acct", Fixtures.elements(Fixtures.json("coupang/ordersheets-v5-split.json")));
    }

    static Order withReceiver(Order o, Receiver r, String message) {
        return new Order(o.marketplace(), o.accountId(), o.orderId(), o.orderedAt(), o.paidAt(), o.status(),
                o.marketplaceStatus(), o.buyer(), r, message, o.customsId(), o.currency(), o.itemsAmount(),
                o.discountAmount(), o.shippingFee(), o.paidAmount(), o.lines(), o.rawPayload());
    }

    static Order withLines(Order o, List<OrderLine> lines, BigDecimal paid) {
        return new Order(o.marketplace(), o.accountId(), o.orderId(), o.orderedAt(), o.paidAt(), o.status(),
                o.marketplaceStatus(), o.buyer(), o.receiver(), o.deliveryMessage(), o.customsId(), o.currency(),
                o.itemsAmount(), o.discountAmount(), o.shippingFee(), paid, lines, o.rawPayload());
    }

    static OrderLine line(OrderLine l, String lineId, String productName, BigDecimal unitPrice) {
        return new OrderLine(lineId, l.shipmentId(), l.productId(), l.optionId(), l.sellerSku(), productName,
                l.optionName(), l.quantity(), unitPrice, l.lineAmount(), l.discountAmount(), l.status(), l.marketplaceStatus());
    }

    @Test
    void aMappedOrderFits() throws Exception {
        assertThat(OrderLimits.problems(order())).isEmpty();
        assertThat(OrderLimits.reason(order())).isNull();
    }

    @Test
    void aDeliveryMessageMayBreakLinesButANameMayNot() throws Exception {
        Order o = order();
        Receiver r = o.receiver();
        assertThat(OrderLimits.problems(withReceiver(o, r, "문 앞에\r\n\t놓아주세요"))).isEmpty();
        Receiver tabbed = new Receiver("홍\t길동", r.phone1(), r.phone2(), r.postcode(), r.address1(), r.address2());
        assertThat(OrderLimits.problems(withReceiver(o, tabbed, null)))
                .containsExactly("receiver_name holds the control character U+0009 at position 2; none is allowed");
        assertThat(OrderLimits.problems(withReceiver(o, r, "벨\u0007누르기")))
                .containsExactly("delivery_message holds the control character U+0007 at position 2; only TAB, LF and CR are allowed");
        Receiver broken = new Receiver("홍길동\uD800", r.phone1(), r.phone2(), r.postcode(), r.address1(), r.address2());
        assertThat(OrderLimits.problems(withReceiver(o, broken, null)).get(0)).contains("receiver_name").contains("unpaired surrogate");
    }

    @Test
    void lengthsAreCountedAsTheDatabasesCountThem() throws Exception {
        Order o = order();
        Receiver r = o.receiver();
        String fifty = "😀".repeat(50); // 100 UTF-16 units: fits VARCHAR(100) on H2
        String fiftyOne = "😀".repeat(51);
        assertThat(OrderLimits.problems(withReceiver(o, new Receiver(fifty, r.phone1(), r.phone2(), r.postcode(),
                r.address1(), r.address2()), null))).isEmpty();
        assertThat(OrderLimits.problems(withReceiver(o, new Receiver(fiftyOne, r.phone1(), r.phone2(), r.postcode(),
                r.address1(), r.address2()), null))).containsExactly("receiver_name is 102 characters long; the limit is 100");
        assertThat(OrderLimits.problems(withReceiver(o, new Receiver(r.name(), r.phone1(), r.phone2(), "12345-67890",
                r.address1(), r.address2()), null))).containsExactly("receiver_postcode is 11 characters long; the limit is 10");
    }

    @Test
    void idsMustBeShortSafeAndUnique() throws Exception {
        Order o = order();
        OrderLine first = o.lines().get(0);
        Order repeated = withLines(o, List.of(first, first), o.paidAmount());
        assertThat(OrderLimits.problems(repeated)).containsExactly("lines[1].line_id repeats the id of an earlier line of the order");
        Order slashed = withLines(o, List.of(line(first, "../etc/passwd", first.productName(), first.unitPrice())), o.paidAmount());
        assertThat(OrderLimits.problems(slashed)).containsExactly(
                "lines[0].line_id may hold only letters, digits, '.', '_' and '-' (starting with a letter or digit)");
        Order longId = withLines(o, List.of(line(first, "1".repeat(65), first.productName(), first.unitPrice())), o.paidAmount());
        assertThat(OrderLimits.problems(longId)).containsExactly("lines[0].line_id is 65 characters long; the limit is 64");
    }

    @Test
    void amountsMustFitDecimal15Comma2ButMayCarryMoreDecimals() throws Exception {
        Order o = order();
        OrderLine first = o.lines().get(0);
        // ESM sends four decimals ("19800.0000"): the database rounds them, they are not refused
        assertThat(OrderLimits.problems(withLines(o, List.of(line(first, first.lineId(), "상품", new BigDecimal("19800.0000"))),
                o.paidAmount()))).isEmpty();
        assertThat(OrderLimits.problems(withLines(o, List.of(line(first, first.lineId(), "상품", first.unitPrice())),
                new BigDecimal("10000000000000")))).containsExactly("paid_amount does not fit DECIMAL(15,2)");
        assertThat(OrderLimits.problems(withLines(o, List.of(line(first, first.lineId(), "상품".repeat(251), first.unitPrice())),
                o.paidAmount()))).containsExactly("lines[0].product_name is 502 characters long; the limit is 500");
    }
}
