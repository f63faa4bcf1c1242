package io.marketbridge.marketplace.lotteon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderLine;
import io.marketbridge.order.OrderStatus;
import io.marketbridge.support.Fixtures;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapping of deliveryOrderList rows, on an answer written by hand from lotteon.md (4.3). */
class LotteonOrderMapperTest {

    static List<JsonNode> rows() throws Exception {
        return Fixtures.elements(Fixtures.json("lotteon/delivery-orders-two-lines.json").path("data").path("deliveryOrderList"));
    }

    static Order map(List<JsonNode> rows, LotteonOrderMapper.Amounts amounts) {
        return LotteonOrderMapper.map("acme-lotteon", rows, amounts);
    }

    @Test
    void rowsOfOneOdNoBecomeOneOrderWithLineIdsOdNoOdSeqProcSeq() throws Exception {
        Order o = map(rows(), LotteonOrderMapper.Amounts.DEFAULT);
        assertThat(o.marketplace()).isEqualTo(Marketplace.LOTTEON);
        assertThat(o.orderId()).isEqualTo("2026112410000001");
        assertThat(o.lines()).extracting(OrderLine::lineId)
                .containsExactly("2026112410000001-1-1", "2026112410000001-2-1");
        assertThat(o.lines()).extracting(OrderLine::shipmentId).containsOnly("2026112410000001");
        OrderLine first = o.lines().get(0);
        assertThat(first.productId()).isEqualTo("LO2000000101");
        assertThat(first.optionId()).isEqualTo("LO2000000101_1");
        assertThat(first.sellerSku()).isEqualTo("RICE-10-GIFT");
        assertThat(first.productName()).isEqualTo("국내산 햅쌀 10kg");
        assertThat(first.optionName()).isEqualTo("포장:선물용 / 쇼핑백: 추가");
        assertThat(first.quantity()).isEqualTo(2);
        assertThat(first.lineAmount()).isEqualByComparingTo("59800");
        assertThat(first.unitPrice()).isEqualByComparingTo("29900");
        assertThat(first.status()).isEqualTo(OrderStatus.PAID);
        assertThat(first.marketplaceStatus()).isEqualTo("11");
        // no seller item code: Lotte ON's item number is the SKU; numbers may come as strings
        OrderLine second = o.lines().get(1);
        assertThat(second.sellerSku()).isEqualTo("LO2000000202_3");
        assertThat(second.quantity()).isEqualTo(1);
        assertThat(second.lineAmount()).isEqualByComparingTo("15900");
    }

    @Test
    void peopleTimesAndTheFeeRepeatedOnEachRowCountedOnce() throws Exception {
        Order o = map(rows(), LotteonOrderMapper.Amounts.DEFAULT);
        assertThat(o.buyer().name()).isEqualTo("홍길동");
        assertThat(o.receiver().name()).isEqualTo("성춘향");
        assertThat(o.receiver().phone1()).isEqualTo("010-2345-6789");
        assertThat(o.receiver().phone2()).isEqualTo("02-345-6789");
        assertThat(o.receiver().postcode()).isEqualTo("05551");
        assertThat(o.receiver().address1()).isEqualTo("서울특별시 송파구 올림픽로 300");
        assertThat(o.receiver().address2()).isEqualTo("롯데월드타워 오피스 12층");
        assertThat(o.deliveryMessage()).isEqualTo("부재시 경비실에 맡겨주세요");
        assertThat(o.customsId()).isEqualTo("P123456789012");
        assertThat(o.orderedAt()).isEqualTo(OffsetDateTime.parse("2026-11-24T10:01:02+09:00"));
        assertThat(o.paidAt()).isEqualTo(OffsetDateTime.parse("2026-11-24T10:02:03+09:00"));
        assertThat(o.currency()).isEqualTo("KRW");
        assertThat(o.itemsAmount()).isEqualByComparingTo("75700");
        assertThat(o.shippingFee()).isEqualByComparingTo("3000");
        assertThat(o.discountAmount()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(o.paidAmount()).isEqualByComparingTo("78700");
        assertThat(o.rawPayload()).contains("2026112410000001").contains("someFieldNobodyDocumented");
    }

    @Test
    void theAmountSettingsReadSlAmtAsAUnitPriceAndDvCstPerLine() throws Exception {
        Order o = map(rows(), new LotteonOrderMapper.Amounts(true, true));
        assertThat(o.lines().get(0).lineAmount()).isEqualByComparingTo("119600");
        assertThat(o.lines().get(0).unitPrice()).isEqualByComparingTo("59800");
        assertThat(o.shippingFee()).isEqualByComparingTo("6000");
    }

    @Test
    void stepCodesMapOntoTheCanonicalStatuses() {
        assertThat(LotteonOrderMapper.status("12", "")).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(LotteonOrderMapper.status("13", "")).isEqualTo(OrderStatus.SHIPPED);
        assertThat(LotteonOrderMapper.status("14", "")).isEqualTo(OrderStatus.DELIVERED);
        assertThat(LotteonOrderMapper.status("23", "")).isEqualTo(OrderStatus.RETURN_REQUESTED);
        assertThat(LotteonOrderMapper.status("26", "")).isEqualTo(OrderStatus.RETURNED);
        assertThatThrownBy(() -> LotteonOrderMapper.status("99", "")).isInstanceOf(MappingException.class);
    }

    @Test
    void brokenRowsNameTheFieldNeverItsValue() throws Exception {
        List<JsonNode> rows = rows();
        ((ObjectNode) rows.get(1)).put("odQty", "두개");
        assertThatThrownBy(() -> map(rows, LotteonOrderMapper.Amounts.DEFAULT)).isInstanceOf(MappingException.class)
                .hasMessageContaining("odQty").hasMessageNotContaining("두개");
        List<JsonNode> noSeq = rows();
        ((ObjectNode) noSeq.get(0)).remove("odSeq");
        assertThatThrownBy(() -> map(noSeq, LotteonOrderMapper.Amounts.DEFAULT)).hasMessageContaining("odSeq is missing");
        List<JsonNode> refused = rows();
        ((ObjectNode) refused.get(0)).put("resultCode", "9001");
        assertThatThrownBy(() -> map(refused, LotteonOrderMapper.Amounts.DEFAULT)).hasMessageContaining("9001");
        List<JsonNode> noReceiver = rows();
        ((ObjectNode) noReceiver.get(0)).put("dvpCustNm", "");
        assertThatThrownBy(() -> map(noReceiver, LotteonOrderMapper.Amounts.DEFAULT))
                .hasMessageContaining("dvpCustNm").hasMessageNotContaining("성춘향");
    }

    @Test
    void aLineIdSplitsBackIntoItsKey() {
        assertThat(LotteonOrderMapper.lineKey("2026112410000001-2-3")).containsExactly("2026112410000001", "2", "3");
        assertThatThrownBy(() -> LotteonOrderMapper.lineKey("123")).isInstanceOf(IllegalArgumentException.class);
    }
}
