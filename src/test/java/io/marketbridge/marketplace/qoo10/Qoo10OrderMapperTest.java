package io.marketbridge.marketplace.qoo10;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.marketplace.qoo10.Qoo10OrderMapper.SellerSku;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderLimits;
import io.marketbridge.order.OrderLine;
import io.marketbridge.order.OrderStatus;
import io.marketbridge.support.Fixtures;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GetShippingInfo rows written by hand from qoo10.md 3.3 (no public raw sample exists), mapped to the canonical order. */
class Qoo10OrderMapperTest {

    static List<JsonNode> cart() throws Exception {
        return Fixtures.elements(Fixtures.json("qoo10/shippinginfo-v2-cart.json").get("ResultObject"));
    }

    @Test
    void oneCartIsOneOrderAndEachOrderNoALineAndItsShippingUnit() throws Exception {
        Order o = Qoo10OrderMapper.map("acme-jp", cart(), SellerSku.ITEM_OPTION, "-");
        assertThat(o.marketplace()).isEqualTo(Marketplace.QOO10);
        assertThat(o.orderId()).isEqualTo("54321987");
        assertThat(o.lines()).extracting(OrderLine::lineId).containsExactly("1087654321", "1087654322");
        assertThat(o.lines()).extracting(OrderLine::shipmentId).containsExactly("1087654321", "1087654322");
        assertThat(o.status()).isEqualTo(OrderStatus.PAID);
        assertThat(o.marketplaceStatus()).isEqualTo("2");
        assertThat(o.orderedAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T10:15:30+09:00"));
        assertThat(o.paidAt()).isEqualTo(OffsetDateTime.parse("2026-11-20T10:16:02+09:00"));
        assertThat(OrderLimits.reason(o)).isNull();
    }

    @Test
    void yenAmountsAreExactFromTheirFourDecimals() throws Exception {
        Order o = Qoo10OrderMapper.map("acme-jp", cart(), SellerSku.ITEM_OPTION, "-");
        OrderLine shirt = o.lines().get(0);
        assertThat(shirt.quantity()).isEqualTo(2);
        assertThat(shirt.unitPrice()).isEqualTo("1980");
        assertThat(shirt.lineAmount()).isEqualTo("3960");
        assertThat(shirt.discountAmount()).isEqualTo("200");
        assertThat(o.currency()).isEqualTo("JPY");
        assertThat(o.itemsAmount()).isEqualTo("4940");
        assertThat(o.discountAmount()).isEqualTo("200");
        assertThat(o.shippingFee()).isEqualByComparingTo("0");
        // the lines' totals: 3760 + 980
        assertThat(o.paidAmount()).isEqualTo("4740");
    }

    @Test
    void japaneseNamesKanaAddressAndPhonesAreKeptAsQoo10GivesThem() throws Exception {
        Order o = Qoo10OrderMapper.map("acme-jp", cart(), SellerSku.ITEM_OPTION, "-");
        assertThat(o.buyer().name()).isEqualTo("渡辺 恵子");
        assertThat(o.buyer().nameKana()).isEqualTo("ワタナベ ケイコ");
        assertThat(o.buyer().phone()).isEqualTo("+81-90-1111-2222");
        assertThat(o.receiver().name()).isEqualTo("渡辺 恵子");
        assertThat(o.receiver().nameKana()).isEqualTo("ワタナベ ケイコ");
        assertThat(o.receiver().phone1()).isEqualTo("+81-90-1111-2222");
        assertThat(o.receiver().phone2()).isEqualTo("03-3333-4444");
        assertThat(o.receiver().postcode()).isEqualTo("150-0041");
        assertThat(o.receiver().address1()).isEqualTo("東京都渋谷区神南1-19-11 パークウェースクエア2 4F");
        assertThat(o.deliveryMessage()).isEqualTo("置き配希望（玄関前）");
        assertThat(o.lines().get(0).productName()).isEqualTo("コットンＴシャツ（長袖）");
        assertThat(o.lines().get(0).optionName()).isEqualTo("カラー:ホワイト/サイズ:M");
    }

    @Test
    void theSellerSkuFollowsTheAccountsRule() throws Exception {
        List<JsonNode> rows = cart();
        assertThat(Qoo10OrderMapper.map("a", rows, SellerSku.ITEM_OPTION, "-").lines()).extracting(OrderLine::sellerSku)
                .containsExactly("TS-LONG-WHT-M", "RAMEN-5");
        assertThat(Qoo10OrderMapper.map("a", rows, SellerSku.ITEM_OPTION, "_").lines().get(0).sellerSku()).isEqualTo("TS-LONG_WHT-M");
        assertThat(Qoo10OrderMapper.map("a", rows, SellerSku.ITEM, "-").lines()).extracting(OrderLine::sellerSku)
                .containsExactly("TS-LONG", "RAMEN-5");
        assertThat(Qoo10OrderMapper.map("a", rows, SellerSku.OPTION_ELSE_ITEM, "-").lines()).extracting(OrderLine::sellerSku)
                .containsExactly("WHT-M", "RAMEN-5");
        assertThat(Qoo10OrderMapper.map("a", rows, SellerSku.ITEM_OPTION, "-").lines())
                .extracting(OrderLine::productId, OrderLine::optionId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("912345678", "WHT-M"),
                        org.assertj.core.groups.Tuple.tuple("912345680", null));
    }

    @Test
    void aV3RowMapsAsItsV2Twin() throws Exception {
        JsonNode row = Qoo10OrderMapper.fromV3(Fixtures.json("qoo10/shippinginfo-v3-row.json"));
        Order o = Qoo10OrderMapper.map("acme-jp", List.of(row), SellerSku.ITEM_OPTION, "-");
        assertThat(o.orderId()).isEqualTo("54400001");
        assertThat(o.lines().get(0).lineId()).isEqualTo("1090000001");
        assertThat(o.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(o.lines().get(0).unitPrice()).isEqualTo("3990");
        assertThat(o.lines().get(0).sellerSku()).isEqualTo("CARD-02-BEG");
        assertThat(o.buyer().nameKana()).isEqualTo("サトウ ショウ");
        assertThat(o.receiver().name()).isEqualTo("佐藤 美咲");
        assertThat(o.receiver().nameKana()).isEqualTo("サトウ ミサキ");
        assertThat(o.receiver().phone1()).isEqualTo("080-7777-8888");
        assertThat(o.receiver().postcode()).isEqualTo("2200012");
        assertThat(o.receiver().address1()).isEqualTo("神奈川県横浜市西区みなとみらい2-2-1");
    }

    @Test
    void aStoredPayloadMapsAgainForAReplay() throws Exception {
        Order o = Qoo10OrderMapper.map("acme-jp", cart(), SellerSku.ITEM_OPTION, "-");
        Order again = Qoo10OrderMapper.mapRaw("acme-jp", o.rawPayload(), SellerSku.ITEM_OPTION, "-");
        assertThat(again.withRawPayload(null)).isEqualTo(o.withRawPayload(null));
    }

    @Test
    void badRowsNameTheFieldNeverTheValue() throws Exception {
        List<JsonNode> rows = cart();
        ((ObjectNode) rows.get(1)).put("orderQty", "二");
        assertThatThrownBy(() -> Qoo10OrderMapper.map("a", rows, SellerSku.ITEM_OPTION, "-"))
                .isInstanceOf(MappingException.class).hasMessage("orderNo 1087654322.orderQty is missing or not a positive whole number");
        List<JsonNode> price = cart();
        ((ObjectNode) price.get(0)).put("orderPrice", "1,98O.0000");
        assertThatThrownBy(() -> Qoo10OrderMapper.map("a", price, SellerSku.ITEM_OPTION, "-"))
                .isInstanceOf(MappingException.class).hasMessage("orderNo 1087654321.orderPrice is not an amount");
        List<JsonNode> address = cart();
        ((ObjectNode) address.get(0)).put("shippingAddr", "");
        assertThatThrownBy(() -> Qoo10OrderMapper.map("a", address, SellerSku.ITEM_OPTION, "-"))
                .isInstanceOf(MappingException.class).hasMessage("shippingAddr is missing");
        List<JsonNode> mixed = cart();
        ((ObjectNode) mixed.get(1)).put("packNo", 1);
        assertThatThrownBy(() -> Qoo10OrderMapper.map("a", mixed, SellerSku.ITEM_OPTION, "-"))
                .isInstanceOf(MappingException.class).hasMessage("rows of different packNos were grouped together");
    }
}
