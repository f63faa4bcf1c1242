package io.marketbridge.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Coupang v5 order sheets written by hand from the shape in docs/coupang.md (1.5), one box
 * with one item, so a test can give any field any value, including ones Coupang should never send.
 */
final class CoupangSheets {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private CoupangSheets() {
    }

    /** A long id as Coupang sends it: a JSON number when it is digits (however many), else a string. */
    static JsonNode id(String value) {
        return value.matches("[0-9]+") ? F.numberNode(new BigInteger(value)) : F.textNode(value);
    }

    static ObjectNode sheet(String orderId, String shipmentBoxId, String receiverName) {
        String paid = MICROS.format(ZonedDateTime.now(ZoneId.of("Asia/Seoul")).minusMinutes(5).truncatedTo(ChronoUnit.MICROS));
        ObjectNode s = F.objectNode();
        s.set("shipmentBoxId", id(shipmentBoxId));
        s.set("orderId", id(orderId));
        s.put("orderedAt", paid);
        s.put("paidAt", paid);
        ObjectNode orderer = s.putObject("orderer");
        orderer.put("name", "주문자");
        orderer.put("email", "");
        orderer.put("safeNumber", "0502-1111-2222");
        orderer.putNull("ordererNumber");
        s.put("status", "ACCEPT");
        s.set("shippingPrice", money(3000));
        s.set("remotePrice", money(0));
        s.put("remoteArea", false);
        s.put("parcelPrintMessage", "문 앞에 놓아주세요");
        s.put("splitShipping", false);
        s.put("ableSplitShipping", false);
        ObjectNode receiver = s.putObject("receiver");
        receiver.put("name", receiverName);
        receiver.put("safeNumber", "0502-3333-4444");
        receiver.putNull("receiverNumber");
        receiver.put("addr1", "서울특별시 송파구 송파대로 570");
        receiver.put("addr2", "101동 1001호");
        receiver.put("postCode", "05510");
        ObjectNode item = s.putArray("orderItems").addObject();
        item.put("vendorItemPackageId", 0);
        item.put("vendorItemPackageName", "");
        item.put("productId", 7012345678L);
        item.put("vendorItemId", 87012345678L);
        item.put("vendorItemName", "무선 마우스, 블랙");
        item.put("shippingCount", 1);
        item.set("salesPrice", money(19900));
        item.set("orderPrice", money(19900));
        item.set("discountPrice", money(0));
        item.put("externalVendorSkuCode", "MOUSE-BK");
        item.putArray("etcInfoValues");
        item.put("sellerProductId", 7012345678L);
        item.put("sellerProductName", "무선 마우스");
        item.put("sellerProductItemName", "블랙");
        item.put("firstSellerProductItemName", "블랙");
        item.put("cancelCount", 0);
        item.put("holdCountForCancel", 0);
        item.put("canceled", false);
        item.put("deliveryChargeTypeName", "유료");
        ObjectNode oversea = s.putObject("overseaShippingInfoDto");
        oversea.put("personalCustomsClearanceCode", "");
        oversea.put("ordererPhoneNumber", "");
        s.put("deliveryCompanyName", "");
        s.put("invoiceNumber", "");
        s.put("refer", "PC웹");
        s.put("shipmentType", "THIRD_PARTY");
        s.put("isCod", false);
        return s;
    }

    private static ObjectNode money(long units) {
        ObjectNode m = F.objectNode();
        m.put("currencyCode", "KRW");
        m.put("units", units);
        m.put("nanos", 0);
        return m;
    }
}
