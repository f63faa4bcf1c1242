package io.marketbridge.marketplace.coupang;

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
import io.marketbridge.support.Fixtures;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoupangOrderMapperTest {

    static JsonNode fixture(String name) throws Exception {
        return Fixtures.json("coupang/" + name);
    }

    static List<JsonNode> sheets(JsonNode node) {
        return Fixtures.elements(node);
    }

    @Test
    void mapsASplitOrderWithMoneyObjectsToOneOrder() throws Exception {
        Order order = CoupangOrderMapper.map("acme", sheets(fixture("ordersheets-v5-split.json")));

        assertThat(order.marketplace()).isEqualTo(Marketplace.COUPANG);
        assertThat(order.orderId()).isEqualTo("27000000000055");
        assertThat(order.paidAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T10:16:40.000001+09:00"));
        assertThat(order.status()).isEqualTo(OrderStatus.PAID);
        assertThat(order.marketplaceStatus()).isEqualTo("ACCEPT");
        assertThat(order.currency()).isEqualTo("KRW");
        assertThat(order.customsId()).isEqualTo("P000000000001");
        assertThat(order.deliveryMessage()).isEqualTo("문 앞에 놓아주세요");
        assertThat(order.buyer().name()).isEqualTo("테스트구매자");
        assertThat(order.buyer().email()).isNull();
        assertThat(order.receiver().postcode()).isEqualTo("01234");
        assertThat(order.receiver().phone1()).isEqualTo("0502-3333-4444");
        assertThat(order.shipmentIds()).containsExactly("310000000000101", "310000000000102");
        assertThat(order.lines()).hasSize(2);

        OrderLine first = order.lines().get(0);
        assertThat(first.lineId()).isEqualTo("310000000000101-880123400100");
        assertThat(first.shipmentId()).isEqualTo("310000000000101");
        assertThat(first.sellerSku()).isEqualTo("SKU-A-WHITE");
        assertThat(first.optionId()).isEqualTo("880123400100");
        assertThat(first.optionName()).isEqualTo("화이트");
        assertThat(first.quantity()).isEqualTo(2);
        assertThat(first.unitPrice()).isEqualByComparingTo("10000");
        assertThat(first.lineAmount()).isEqualByComparingTo("20000");
        assertThat(first.discountAmount()).isEqualByComparingTo("1000.5");

        OrderLine second = order.lines().get(1);
        assertThat(second.productId()).isEqualTo("8801234002"); // productId 0 means none: sellerProductId instead
        assertThat(second.status()).isEqualTo(OrderStatus.CANCELLED);

        assertThat(order.itemsAmount()).isEqualByComparingTo("44900");
        assertThat(order.discountAmount()).isEqualByComparingTo("1000.5");
        assertThat(order.shippingFee()).isEqualByComparingTo("3000");
        assertThat(order.paidAmount()).isEqualByComparingTo(new BigDecimal("46899.5"));
        assertThat(OrderJson.mapper().readTree(order.rawPayload())).hasSize(2);
    }

    @Test
    void acceptsV4PlainNumbersAndTimesWithoutOffset() throws Exception {
        Order order = CoupangOrderMapper.map("acme", sheets(fixture("ordersheet-v4-plain-numbers.json")));

        assertThat(order.paidAt()).isEqualTo(OffsetDateTime.parse("2019-05-01T09:01:00+09:00"));
        assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.shippingFee()).isEqualByComparingTo("2500");
        assertThat(order.lines().get(0).lineAmount()).isEqualByComparingTo("15000");
        assertThat(order.lines().get(0).discountAmount()).isEqualByComparingTo("0");
        assertThat(order.receiver().phone2()).isEqualTo("010-0000-0002");
        assertThat(order.deliveryMessage()).isNull();
    }

    @Test
    void namesTheMissingFieldWithoutEchoingPersonalData() throws Exception {
        ObjectNode sheet = (ObjectNode) fixture("ordersheet-v4-plain-numbers.json");
        sheet.remove("orderItems");
        assertThatThrownBy(() -> CoupangOrderMapper.map("acme", List.of(sheet)))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("orderItems is missing");

        ObjectNode badTime = (ObjectNode) fixture("ordersheet-v4-plain-numbers.json");
        badTime.put("paidAt", "yesterday");
        assertThatThrownBy(() -> CoupangOrderMapper.map("acme", List.of(badTime)))
                .isInstanceOf(MappingException.class)
                .hasMessage("paidAt is not an ISO-8601 date-time");

        ObjectNode noReceiver = (ObjectNode) fixture("ordersheet-v4-plain-numbers.json");
        noReceiver.remove("receiver");
        assertThatThrownBy(() -> CoupangOrderMapper.map("acme", List.of(noReceiver)))
                .hasMessageContaining("receiver is missing")
                .hasMessageNotContaining("테스트");
    }

    @Test
    void rejectsAnUnknownStatusAndABadAmount() throws Exception {
        ObjectNode sheet = (ObjectNode) fixture("ordersheet-v4-plain-numbers.json");
        sheet.put("status", "TELEPORTED");
        assertThatThrownBy(() -> CoupangOrderMapper.map("acme", List.of(sheet)))
                .hasMessageContaining("TELEPORTED");

        ObjectNode amount = (ObjectNode) fixture("ordersheet-v4-plain-numbers.json");
        ((ObjectNode) amount.get("orderItems").get(0)).put("orderPrice", "free");
        assertThatThrownBy(() -> CoupangOrderMapper.map("acme", List.of(amount)))
                .hasMessageContaining("orderPrice is not a number");
    }

    @Test
    void mapsTheSimulatorsFullShapesBundleFieldsExtraPropertiesAndUnknownFieldsIncluded() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("marketbridge.simulators.coupang.vendors", "A10000001");
        p.setProperty("marketbridge.simulators.coupang.seed-orders", "0");
        p.setProperty("marketbridge.simulators.coupang.arrival-per-minute", "0");
        io.marketbridge.simulator.coupang.CoupangSimulator sim = new io.marketbridge.simulator.coupang.CoupangSimulator(
                io.marketbridge.simulator.coupang.CoupangSimulatorSettings.from(p::getProperty));
        int bundles = 0;
        for (int n = 0; n < 40; n++) {
            long orderId = sim.createOrder("A10000001", java.time.ZonedDateTime.now(java.time.ZoneId.of("Asia/Seoul")), false, 1 + n % 2);
            List<JsonNode> sheets = List.copyOf(sim.sheetsOf("A10000001", orderId));
            assertThat(sheets.get(0).has(io.marketbridge.simulator.coupang.CoupangSimulator.UNKNOWN_FIELD)).isTrue();
            assertThat(sheets.get(0).at("/extraProperties/cutOffTimeHour").asText()).isNotEmpty();
            Order order = CoupangOrderMapper.map("acme", sheets);
            int items = 0;
            for (JsonNode sheet : sheets) {
                for (JsonNode item : sheet.get("orderItems")) {
                    items++;
                    assertThat(item.has("upBundleItem")).isTrue();
                    if (item.get("upBundleItem").asBoolean()) {
                        bundles++;
                        // the line is the item sold, not the auto-generated bundle option
                        assertThat(order.lines()).anyMatch(l -> l.optionId().equals(item.get("vendorItemId").asText()));
                        assertThat(order.lines()).noneMatch(l -> l.optionId().equals(item.get("upBundleVendorItemId").asText()));
                    }
                }
            }
            assertThat(order.lines()).hasSize(items);
        }
        assertThat(bundles).isPositive();
    }
}
