package io.marketbridge.marketplace.naver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.order.OrderLine;
import io.marketbridge.order.OrderStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NaverOrderMapperTest {

    static List<JsonNode> fixture() throws Exception {
        List<JsonNode> details = new ArrayList<>();
        try (var in = NaverOrderMapperTest.class.getResourceAsStream("/naver/details-multi-line.json")) {
            OrderJson.mapper().readTree(in).forEach(details::add);
        }
        return details;
    }

    @Test
    void anOrderOfTwoProductOrdersIsOneOrderOfTwoLines() throws Exception {
        Order order = NaverOrderMapper.map("acme-naver", fixture());
        assertThat(order.marketplace()).isEqualTo(Marketplace.NAVER);
        assertThat(order.orderId()).isEqualTo("2026112410000001");
        assertThat(order.paidAt().toString()).isEqualTo("2026-11-24T10:00:03+09:00");
        assertThat(order.buyer().name()).isEqualTo("김민지");
        assertThat(order.receiver().name()).isEqualTo("박서준");
        assertThat(order.receiver().phone2()).isNull();
        assertThat(order.receiver().postcode()).isEqualTo("06236");
        assertThat(order.receiver().address2()).isEqualTo("12층 1203호");
        assertThat(order.deliveryMessage()).isEqualTo("부재 시 경비실에 맡겨주세요");
        assertThat(order.customsId()).isEqualTo("P123456789012");
        assertThat(order.currency()).isEqualTo("KRW");
        assertThat(order.itemsAmount()).isEqualByComparingTo("89900");
        assertThat(order.discountAmount()).isEqualByComparingTo("5000");
        assertThat(order.shippingFee()).isEqualByComparingTo("3000");
        assertThat(order.paidAmount()).isEqualByComparingTo("87900");

        OrderLine first = order.lines().get(0);
        assertThat(first.lineId()).isEqualTo("2026112410000101");
        assertThat(first.shipmentId()).isEqualTo("2026112410000101"); // Naver ships per product order
        assertThat(first.optionId()).isEqualTo("44120001");
        assertThat(first.sellerSku()).isEqualTo("EAR-WHT"); // the option's management code wins over the product's
        assertThat(first.optionName()).isEqualTo("색상: 화이트");
        assertThat(first.unitPrice()).isEqualByComparingTo(new BigDecimal("40000"));
        assertThat(first.status()).isEqualTo(OrderStatus.PAID);
        assertThat(first.marketplaceStatus()).isEqualTo("PAYED/NOT_YET");

        OrderLine second = order.lines().get(1);
        assertThat(second.sellerSku()).isEqualTo("CBL-001");
        assertThat(second.optionName()).isNull();
        assertThat(second.status()).isEqualTo(OrderStatus.CANCEL_REQUESTED);
        assertThat(order.shipmentIds()).containsExactly("2026112410000101", "2026112410000102");
    }

    @Test
    void readsTheDeprecatedTopLevelClaimToo() throws Exception {
        List<JsonNode> details = fixture();
        ObjectNode second = (ObjectNode) details.get(1);
        second.remove("currentClaim");
        second.putObject("return").put("claimStatus", "RETURN_REQUEST");
        assertThat(NaverOrderMapper.map("a", details).lines().get(1).status()).isEqualTo(OrderStatus.RETURN_REQUESTED);
        ((ObjectNode) second.get("return")).put("claimStatus", "RETURN_REJECT");
        assertThat(NaverOrderMapper.map("a", details).lines().get(1).status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void namesTheFieldNotTheValue() throws Exception {
        List<JsonNode> details = fixture();
        ((ObjectNode) details.get(0).get("productOrder")).put("quantity", 0);
        assertThatThrownBy(() -> NaverOrderMapper.map("a", details)).isInstanceOf(MappingException.class)
                .hasMessageContaining("productOrder 2026112410000101.quantity");
        List<JsonNode> noAddress = fixture();
        noAddress.forEach(d -> ((ObjectNode) d.get("productOrder")).remove("shippingAddress"));
        assertThatThrownBy(() -> NaverOrderMapper.map("a", noAddress)).hasMessageContaining("shippingAddress is missing")
                .hasMessageNotContaining("박서준");
    }
}
