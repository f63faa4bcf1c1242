package io.marketbridge.marketplace.esm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.order.OrderStatus;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class EsmOrderMapperTest {

    static ObjectNode row(long payNo, long orderNo) throws Exception {
        return (ObjectNode) OrderJson.mapper().readTree("""
                {"PayNo": %d, "GroupNo": null, "OrderNo": %d, "OrderStatus": 1,
                 "OrderDate": "2026-11-24T09:58:12.350", "PayDate": "2026-11-24T10:01:05",
                 "GoodsNo": 1234567004, "SiteGoodsNo": "2345678904", "OutGoodsNo": "ESM-MD-SET",
                 "GoodsName": "만두 3종 세트", "SalePrice": "19800.0000", "ContrAmount": 2, "OrderAmount": "49400.0000",
                 "AcntMoney": "50400.0000", "SellerDiscountPrice": "2000.0000", "ShippingFee": "3000.0000",
                 "OptSelPrice": "9900.0000", "BuyerName": "김민준", "BuyerId": "abc*****", "BuyerMobileTel": "010-1234-5678",
                 "BuyerTel": null, "ReceiverName": "이서연", "HpNo": "0504-1111-2222", "TelNo": null, "ZipCode": "06164",
                 "DelFrontAddress": "서울특별시 강남구 테헤란로 521", "DelBackAddress": "102동 803호",
                 "DelFullAddress": "서울특별시 강남구 테헤란로 521 102동 803호", "DelMemo": "문 앞에 놓아주세요",
                 "InfoCin": "P123456789012", "SKUNo": 123456700403,
                 "ItemOptionSelectList": [{"ItemOptionValue": "구성: 3종 각 1kg", "ItemOptionCode": "ESM-MD-SET-03",
                                           "ItemOptionOrderCnt": 2, "ItemOptionPrice": "9900.0000"}],
                 "ItemOptionAdditionList": []}
                """.formatted(payNo, orderNo));
    }

    @Test
    void aCartOfTwoOrderNosOnGmarket() throws Exception {
        ObjectNode second = row(4100000001L, 3200000002L);
        second.put("OrderAmount", "15900.0000");
        second.put("ContrAmount", 1);
        second.put("SellerDiscountPrice", "0.0000");
        second.put("ShippingFee", "0.0000");
        second.put("AcntMoney", "15900.0000");
        second.putArray("ItemOptionSelectList");
        second.putNull("SKUNo");
        Order o = EsmOrderMapper.map(Marketplace.GMARKET, "acme", List.of(row(4100000001L, 3200000001L), second));
        assertThat(o.marketplace()).isEqualTo(Marketplace.GMARKET);
        assertThat(o.orderId()).isEqualTo("4100000001");
        assertThat(o.paidAt().toString()).isEqualTo("2026-11-24T10:01:05+09:00");
        assertThat(o.orderedAt().toString()).isEqualTo("2026-11-24T09:58:12.350+09:00");
        assertThat(o.status()).isEqualTo(OrderStatus.PAID);
        // four-decimal strings become plain amounts
        assertThat(o.itemsAmount()).isEqualByComparingTo("65300");
        assertThat(o.itemsAmount().scale()).isZero();
        assertThat(o.discountAmount()).isEqualByComparingTo("2000");
        assertThat(o.shippingFee()).isEqualByComparingTo("3000");
        assertThat(o.paidAmount()).isEqualByComparingTo("66300");
        assertThat(o.lines()).hasSize(2);
        var line = o.lines().get(0);
        assertThat(line.lineId()).isEqualTo("3200000001");
        assertThat(line.shipmentId()).isEqualTo("3200000001");
        assertThat(line.productId()).isEqualTo("2345678904");
        assertThat(line.optionId()).isEqualTo("123456700403");
        assertThat(line.sellerSku()).isEqualTo("ESM-MD-SET");
        assertThat(line.optionName()).isEqualTo("구성: 3종 각 1kg");
        assertThat(line.quantity()).isEqualTo(2);
        assertThat(line.unitPrice()).isEqualTo(new BigDecimal("24700"));
        assertThat(line.lineAmount()).isEqualTo(new BigDecimal("49400"));
        assertThat(o.lines().get(1).optionName()).isNull();
        assertThat(o.lines().get(1).optionId()).isNull();
        assertThat(o.receiver().name()).isEqualTo("이서연");
        assertThat(o.receiver().phone1()).isEqualTo("0504-1111-2222");
        assertThat(o.receiver().postcode()).isEqualTo("06164");
        assertThat(o.receiver().address1()).isEqualTo("서울특별시 강남구 테헤란로 521");
        assertThat(o.receiver().address2()).isEqualTo("102동 803호");
        assertThat(o.deliveryMessage()).isEqualTo("문 앞에 놓아주세요");
        assertThat(o.customsId()).isEqualTo("P123456789012");
        assertThat(o.buyer().name()).isEqualTo("김민준");
        assertThat(o.buyer().phone()).isEqualTo("010-1234-5678");
        assertThat(o.currency()).isEqualTo("KRW");
        // the raw payload keeps the requested site, so a replay maps to the same marketplace
        assertThat(EsmOrderMapper.mapRaw("acme", o.rawPayload())).isEqualTo(o);
    }

    @Test
    void auctionFullAddressOnlyAndFractionsKept() throws Exception {
        ObjectNode r = row(1500000001L, 2500000001L);
        r.putNull("DelFrontAddress");
        r.putNull("DelBackAddress");
        r.put("OrderAmount", "1000.5000");
        r.put("ContrAmount", 1);
        r.put("OrderStatus", 2);
        Order o = EsmOrderMapper.map(Marketplace.AUCTION, "acme", List.of(r));
        assertThat(o.marketplace()).isEqualTo(Marketplace.AUCTION);
        assertThat(o.receiver().address1()).isEqualTo("서울특별시 강남구 테헤란로 521 102동 803호");
        assertThat(o.receiver().address2()).isNull();
        assertThat(o.itemsAmount()).isEqualTo(new BigDecimal("1000.5"));
        assertThat(o.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(EsmOrderMapper.mapRaw("acme", o.rawPayload()).marketplace()).isEqualTo(Marketplace.AUCTION);
        // the official Gmarket sample's SiteType 3 is Gmarket
        assertThat(EsmOrderMapper.site(3)).isEqualTo(Marketplace.GMARKET);
    }

    @Test
    void nullPhonesAreSeenAndAGiftWithoutAddressIsNotMapped() throws Exception {
        ObjectNode fresh = row(4100000009L, 3200000009L);
        fresh.putNull("HpNo");
        fresh.putNull("TelNo");
        fresh.putNull("BuyerMobileTel");
        assertThat(EsmOrderMapper.phonesMissing(fresh)).isTrue();
        Order o = EsmOrderMapper.map(Marketplace.GMARKET, "acme", List.of(fresh));
        assertThat(o.receiver().phone1()).isNull();
        assertThat(o.buyer().phone()).isNull();
        ObjectNode landline = row(4100000010L, 3200000010L);
        landline.putNull("HpNo");
        landline.put("TelNo", "02-555-1234");
        assertThat(EsmOrderMapper.phonesMissing(landline)).isFalse();
        assertThat(EsmOrderMapper.receiverOf(landline).phone1()).isEqualTo("02-555-1234");

        ObjectNode gift = row(4100000011L, 3200000011L);
        for (String f : List.of("ZipCode", "DelFrontAddress", "DelBackAddress", "DelFullAddress", "DelMemo")) {
            gift.putNull(f);
        }
        assertThat(EsmOrderMapper.hasAddress(gift)).isFalse();
        assertThatThrownBy(() -> EsmOrderMapper.map(Marketplace.GMARKET, "acme", List.of(gift)))
                .isInstanceOf(MappingException.class).hasMessageContaining("gift").hasMessageNotContaining("김민준");
    }

    @Test
    void brokenRowsNameTheFieldNotTheValue() throws Exception {
        ObjectNode bad = row(4100000012L, 3200000012L);
        bad.put("OrderAmount", "12,000원");
        assertThatThrownBy(() -> EsmOrderMapper.map(Marketplace.GMARKET, "acme", List.of(bad)))
                .isInstanceOf(MappingException.class).hasMessage("OrderNo 3200000012.OrderAmount is not an amount");
        ObjectNode status = row(4100000013L, 3200000013L);
        status.put("OrderStatus", 9);
        assertThatThrownBy(() -> EsmOrderMapper.map(Marketplace.GMARKET, "acme", List.of(status)))
                .isInstanceOf(MappingException.class).hasMessageContaining("OrderStatus");
        JsonNode other = row(4100000099L, 3200000014L);
        assertThatThrownBy(() -> EsmOrderMapper.map(Marketplace.GMARKET, "acme", List.of(row(4100000013L, 3200000013L), other)))
                .isInstanceOf(MappingException.class);
    }
}
