package io.marketbridge.marketplace.elevenst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderStatus;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ElevenstOrderMapperTest {

    static Map<String, String> row(String seq, String dlvNo, String qty, String price, String amount, String dsc, String fee) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("ordNo", "202611240000123");
        r.put("ordPrdSeq", seq);
        r.put("dlvNo", dlvNo);
        r.put("prdNo", "3456780011");
        r.put("prdStckNo", "345678001101");
        r.put("sellerPrdCd", "ST-RICE-10");
        r.put("sellerStockCd", seq.equals("2") ? "null" : "ST-RICE-10-01");
        r.put("prdNm", "국산 유기농 현미 10kg");
        r.put("slctPrdOptNm", "포장:선물용-1개");
        r.put("ordQty", qty);
        r.put("selPrc", price);
        r.put("ordAmt", amount);
        r.put("sellerDscPrc", dsc);
        r.put("tmallDscPrc", "0");
        r.put("ordPayAmt", String.valueOf(Long.parseLong(amount) - Long.parseLong(dsc)));
        r.put("dlvCst", fee);
        r.put("bmDlvCst", "");
        r.put("ordDt", "2026-11-24 10:01:02");
        r.put("ordStlEndDt", "2026-11-24 10:02:03");
        r.put("ordNm", "김똠이");
        r.put("ordPrtblTel", "010-1234-5678");
        r.put("ordTlphnNo", "null");
        r.put("rcvrNm", "이햏수");
        r.put("rcvrPrtblNo", "010-9876-5432");
        r.put("rcvrTlphn", "");
        r.put("rcvrMailNo", "06236");
        r.put("rcvrBaseAddr", "서울특별시 강남구 테헤란로 152");
        r.put("rcvrDtlsAddr", "똠방빌라 201호");
        r.put("ordDlvReqCont", "null");
        r.put("psnCscUniqNo", seq.equals("1") ? "" : "P123456789012");
        return r;
    }

    @Test
    void mapsLinesBundlesAmountsAndNullLiterals() {
        Order o = ElevenstOrderMapper.map("acme", List.of(
                row("1", "4100000001", "2", "39800", "79600", "1000", "3000"),
                row("2", "4100000001", "1", "500", "500", "0", "3000"),
                row("3", "4100000002", "1", "15900", "15900", "0", "0")));
        assertThat(o.marketplace().code()).isEqualTo("11ST");
        assertThat(o.orderId()).isEqualTo("202611240000123");
        assertThat(o.orderedAt().toString()).isEqualTo("2026-11-24T10:01:02+09:00");
        assertThat(o.paidAt().toString()).isEqualTo("2026-11-24T10:02:03+09:00");
        assertThat(o.status()).isEqualTo(OrderStatus.PAID);
        assertThat(o.buyer().name()).isEqualTo("김똠이");
        assertThat(o.buyer().phone()).isEqualTo("010-1234-5678");
        assertThat(o.receiver().name()).isEqualTo("이햏수");
        assertThat(o.receiver().phone2()).isNull();
        assertThat(o.receiver().address2()).isEqualTo("똠방빌라 201호");
        assertThat(o.deliveryMessage()).isNull();
        assertThat(o.customsId()).isEqualTo("P123456789012");
        assertThat(o.lines()).extracting(l -> l.lineId() + "@" + l.shipmentId())
                .containsExactly("1@4100000001", "2@4100000001", "3@4100000002");
        assertThat(o.lines().get(0).sellerSku()).isEqualTo("ST-RICE-10-01");
        assertThat(o.lines().get(1).sellerSku()).isEqualTo("ST-RICE-10"); // sellerStockCd null: the product code
        assertThat(o.lines().get(0).optionId()).isEqualTo("345678001101");
        assertThat(o.lines().get(0).optionName()).isEqualTo("포장:선물용-1개");
        assertThat(o.itemsAmount()).isEqualByComparingTo("96000");
        assertThat(o.discountAmount()).isEqualByComparingTo("1000");
        assertThat(o.shippingFee()).isEqualByComparingTo("3000"); // once per bundle, not per line
        assertThat(o.paidAmount()).isEqualByComparingTo(new BigDecimal("98000"));
        assertThat(o.rawPayload()).contains("\"ordDlvReqCont\":\"null\"");
        // a replay maps the stored payload to the same order
        assertThat(ElevenstOrderMapper.map("acme", ElevenstOrderMapper.rows(o.rawPayload()))).isEqualTo(o);
    }

    @Test
    void aMissingIdOrABadNumberNamesTheFieldNotTheValue() {
        Map<String, String> noBundle = row("1", "null", "1", "100", "100", "0", "0");
        assertThatThrownBy(() -> ElevenstOrderMapper.map("acme", List.of(noBundle)))
                .isInstanceOf(MappingException.class).hasMessageContaining("dlvNo is missing");
        Map<String, String> badQty = row("1", "41", "x", "100", "100", "0", "0");
        assertThatThrownBy(() -> ElevenstOrderMapper.map("acme", List.of(badQty)))
                .isInstanceOf(MappingException.class).hasMessageContaining("ordQty");
        assertThat(ElevenstOrderMapper.status("301")).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(ElevenstOrderMapper.status("B01")).isEqualTo(OrderStatus.CANCELLED);
    }
}
