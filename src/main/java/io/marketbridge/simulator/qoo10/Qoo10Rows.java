package io.marketbridge.simulator.qoo10;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * An order as Qoo10 lists it: the v2 row (lower camel with some Pascal names, qoo10.md 3.3), the v3 row (PascalCase)
 * and the claim row of GetClaimInfo_V3. Prices carry four decimals ("1980.0000") or are numbers (price-format);
 * dates are "yyyy-MM-dd HH:mm:ss" JST; phones +81 or domestic (phone-format), postcodes 150-0041 or 1500041 (zip-format).
 */
final class Qoo10Rows {

    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Qoo10SimulatorSettings settings;

    Qoo10Rows(Qoo10SimulatorSettings settings) {
        this.settings = settings;
    }

    ObjectNode v2(Qoo10Store.SimOrder o) {
        ObjectNode r = F.objectNode();
        r.put("orderNo", o.orderNo);
        r.put("packNo", o.packNo);
        r.put("shippingStatus", String.valueOf(o.status));
        r.put("orderDate", date(o.orderDate));
        r.put("PaymentDate", date(o.paymentDate));
        r.put("EstShippingDate", o.estShipDate);
        r.put("ShippingDate", date(o.shippingDate));
        r.put("DeliveredDate", date(o.deliveredDate));
        r.put("hopeDate", "");
        r.put("itemCode", o.itemCode);
        r.put("sellerItemCode", o.sellerItemCode);
        r.put("itemTitle", o.itemTitle);
        r.put("option", o.option);
        r.put("optionCode", o.optionCode);
        if (o.malformed) {
            r.put("orderQty", "二");
        } else {
            r.put("orderQty", o.qty);
        }
        price(r, "orderPrice", o.price);
        price(r, "discount", o.discount);
        price(r, "total", total(o));
        price(r, "SettlePrice", total(o).multiply(new BigDecimal("0.9")).setScale(0, RoundingMode.DOWN));
        r.put("Currency", "JPY");
        r.put("PaymentNation", "JP");
        r.put("buyer", o.buyer);
        r.put("buyer_gata", o.buyerKana);
        r.put("buyerTel", "");
        r.put("buyerMobile", phone(o.buyerMobile));
        r.put("buyerEmail", "");
        r.put("receiver", o.receiver);
        r.put("receiver_gata", o.receiverKana);
        r.put("receiverTel", phone(o.receiverTel));
        r.put("receiverMobile", phone(o.receiverMobile));
        r.put("zipCode", zip(o.zip));
        r.put("shippingAddr", o.address);
        r.put("shippingCountry", "JP");
        r.put("shippingRateType", "Free");
        r.put("ShippingMsg", o.message);
        r.put("DeliveryCompany", o.shippingCorp);
        r.put("TrackingNo", o.trackingNo);
        r.put("senderName", "");
        r.put("Gift", "");
        return r;
    }

    ObjectNode v3(Qoo10Store.SimOrder o) {
        ObjectNode r = F.objectNode();
        r.put("ShippingStatus", String.valueOf(o.status));
        r.put("SellerID", o.seller);
        r.put("PackNo", o.packNo);
        r.put("OrderNo", o.orderNo);
        r.put("OrderDate", date(o.orderDate));
        r.put("PaymentDate", date(o.paymentDate));
        r.put("EstimatedShippingDate", o.estShipDate);
        r.put("ShippingDate", date(o.shippingDate));
        r.put("DeliveredDate", date(o.deliveredDate));
        r.put("ItemNo", o.itemCode);
        r.put("SellerItemCode", o.sellerItemCode);
        r.put("ItemTitle", o.itemTitle);
        r.put("Option", o.option);
        r.put("OptionCode", o.optionCode);
        price(r, "OrderPrice", o.price);
        if (o.malformed) {
            r.put("OrderQty", "二");
        } else {
            r.put("OrderQty", o.qty);
        }
        price(r, "Discount", o.discount);
        price(r, "Total", total(o));
        price(r, "SettlePrice", total(o).multiply(new BigDecimal("0.9")).setScale(0, RoundingMode.DOWN));
        r.put("Currency", "JPY");
        price(r, "ShippingRate", BigDecimal.ZERO);
        r.put("ShippingRateType", "Free");
        r.put("Buyer", o.buyer);
        r.put("BuyerKana", o.buyerKana);
        r.put("BuyerTel", "");
        r.put("BuyerMobile", phone(o.buyerMobile));
        r.put("BuyerEmail", "");
        r.put("Receiver", o.receiver);
        r.put("ReceiverKana", o.receiverKana);
        r.put("ReceiverTel", phone(o.receiverTel));
        r.put("ReceiverMobile", phone(o.receiverMobile));
        r.put("ZipCode", zip(o.zip));
        r.put("ShippingAddress", o.address);
        r.put("Address1", o.address);
        r.put("Address2", "");
        r.put("ShippingMessage", o.message);
        r.put("DeliveryCompany", o.shippingCorp);
        r.put("TrackingNo", o.trackingNo);
        r.put("Gift", "");
        r.put("AvailableSendType", "0");
        return r;
    }

    ObjectNode claim(Qoo10Store.SimOrder o) {
        ObjectNode r = F.objectNode();
        r.put("claimStatus", String.valueOf(o.claimStatus));
        r.put("requestDate", date(o.claimRequestDate));
        r.put("cancelRefundDate", date(o.claimDoneDate));
        r.put("reason", o.claimReason);
        r.put("orderNo", o.orderNo);
        r.put("packNo", o.packNo);
        r.put("itemCode", o.itemCode);
        r.put("sellerItemCode", o.sellerItemCode);
        r.put("orderQty", o.qty);
        r.put("currency", "JPY");
        price(r, "paymentAmount", total(o));
        r.put("trackingNo", o.trackingNo);
        return r;
    }

    static BigDecimal total(Qoo10Store.SimOrder o) {
        return o.price.multiply(BigDecimal.valueOf(o.qty)).subtract(o.discount);
    }

    private void price(ObjectNode r, String field, BigDecimal value) {
        if (settings.priceFormat().equals("number")) {
            r.put(field, value.setScale(1, RoundingMode.UNNECESSARY).doubleValue());
        } else {
            r.put(field, value.setScale(4, RoundingMode.UNNECESSARY).toPlainString());
        }
    }

    private String phone(String intl) {
        if (intl == null || intl.isEmpty() || settings.phoneFormat().equals("intl") || !intl.startsWith("+81-")) {
            return intl == null ? "" : intl;
        }
        return "0" + intl.substring(4);
    }

    private String zip(String digits) {
        return settings.zipFormat().equals("digits") ? digits : digits.substring(0, 3) + "-" + digits.substring(3);
    }

    static String date(ZonedDateTime t) {
        return t == null ? "" : DATE.format(t.withZoneSameInstant(Qoo10Store.TOKYO));
    }
}
