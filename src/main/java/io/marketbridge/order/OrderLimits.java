package io.marketbridge.order;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The limits of the ERP contract (the column sizes of V1__erp_contract.sql, docs/erp-contract.md), checked on
 * every mapped order before any sink sees it. An order that breaks one is not delivered in part: the intake
 * keeps it in MB_INTAKE_ERROR and delivers the others.
 *
 * <p>The rules: ids ({@code order_id}, {@code line_id}, {@code shipment_id}) are required, at most 64
 * characters of {@code A-Z a-z 0-9 . _ -} starting with a letter or digit (they name files and keys); every
 * text fits its column, counted in UTF-16 units (a character outside the BMP, such as an emoji, counts two,
 * as H2 counts it); no text holds a control character (C0, DEL, C1) or a broken surrogate, except TAB, LF and
 * CR in {@code delivery_message}, {@code product_name} and {@code option_name}; amounts fit DECIMAL(15,2). Messages name the field and the limit, never the
 * value: the fields hold buyers' personal data.
 */
public final class OrderLimits {

    public static final int ID = 64;
    private static final Pattern ID_SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final BigDecimal MONEY_BOUND = BigDecimal.TEN.pow(13); // DECIMAL(15,2): 13 digits before the point

    private OrderLimits() {
    }

    /** What is wrong with the order, one message per field; empty when it fits the contract. */
    public static List<String> problems(Order o) {
        List<String> p = new ArrayList<>();
        required(p, "marketplace", o.marketplace());
        text(p, "account_id", o.accountId(), ID, false);
        id(p, "order_id", o.orderId());
        required(p, "status", o.status());
        text(p, "marketplace_status", o.marketplaceStatus(), 40, false);
        if (o.buyer() != null) {
            text(p, "buyer_name", o.buyer().name(), 100, false);
            text(p, "buyer_phone", o.buyer().phone(), 40, false);
            text(p, "buyer_email", o.buyer().email(), 200, false);
            text(p, "buyer_name_kana", o.buyer().nameKana(), 100, false);
        }
        if (o.receiver() == null) {
            p.add("receiver is missing");
        } else {
            receiver(p, o.receiver(), o.deliveryMessage());
        }
        text(p, "customs_id", o.customsId(), 40, false);
        if (o.currency() == null || !o.currency().matches("[A-Z]{3}")) {
            p.add("currency must be three capital letters (ISO 4217)");
        }
        money(p, "items_amount", o.itemsAmount());
        money(p, "discount_amount", o.discountAmount());
        money(p, "shipping_fee", o.shippingFee());
        money(p, "paid_amount", o.paidAmount());
        if (o.lines().isEmpty()) {
            p.add("the order has no lines");
        }
        Set<String> lineIds = new HashSet<>();
        for (int i = 0; i < o.lines().size(); i++) {
            OrderLine l = o.lines().get(i);
            String at = "lines[" + i + "].";
            if (id(p, at + "line_id", l.lineId()) && !lineIds.add(l.lineId())) {
                p.add(at + "line_id repeats the id of an earlier line of the order");
            }
            id(p, at + "shipment_id", l.shipmentId());
            text(p, at + "product_id", l.productId(), ID, false);
            text(p, at + "option_id", l.optionId(), ID, false);
            text(p, at + "seller_sku", l.sellerSku(), 100, false);
            // catalogue text a seller may have pasted over several lines
            text(p, at + "product_name", l.productName(), 500, true);
            text(p, at + "option_name", l.optionName(), 500, true);
            text(p, at + "marketplace_status", l.marketplaceStatus(), 40, false);
            required(p, at + "status", l.status());
            money(p, at + "unit_price", l.unitPrice());
            money(p, at + "line_amount", l.lineAmount());
            money(p, at + "discount_amount", l.discountAmount());
        }
        return p;
    }

    /** What is wrong with a receiver and delivery message (a re-read after delivery); empty when they fit. */
    public static List<String> problems(Receiver r, String deliveryMessage) {
        List<String> p = new ArrayList<>();
        receiver(p, r, deliveryMessage);
        return p;
    }

    private static void receiver(List<String> p, Receiver r, String deliveryMessage) {
        text(p, "receiver_name", r.name(), 100, false);
        text(p, "receiver_name_kana", r.nameKana(), 100, false);
        text(p, "receiver_phone1", r.phone1(), 40, false);
        text(p, "receiver_phone2", r.phone2(), 40, false);
        text(p, "receiver_postcode", r.postcode(), 10, false);
        text(p, "receiver_address1", r.address1(), 300, false);
        text(p, "receiver_address2", r.address2(), 300, false);
        text(p, "delivery_message", deliveryMessage, 500, true);
    }

    /** The problems as one reason (for MB_INTAKE_ERROR.reason), or null when there is none. */
    public static String reason(Order o) {
        List<String> p = problems(o);
        return p.isEmpty() ? null : "the order breaks the ERP contract's limits: " + String.join("; ", p);
    }

    private static void required(List<String> p, String field, Object value) {
        if (value == null) {
            p.add(field + " is missing");
        }
    }

    /** Required, at most 64 characters, file-name and key safe. Returns true when the id is fine. */
    private static boolean id(List<String> p, String field, String value) {
        if (value == null || value.isEmpty()) {
            p.add(field + " is missing");
            return false;
        }
        if (value.length() > ID) {
            p.add(field + " is " + value.length() + " characters long; the limit is " + ID);
            return false;
        }
        if (!ID_SHAPE.matcher(value).matches()) {
            p.add(field + " may hold only letters, digits, '.', '_' and '-' (starting with a letter or digit)");
            return false;
        }
        return true;
    }

    private static void text(List<String> p, String field, String value, int max, boolean multiLine) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            p.add(field + " is " + value.length() + " characters long; the limit is " + max);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                p.add(field + " holds a broken character (an unpaired surrogate) at position " + (i + 1));
                return;
            } else if (Character.getType(c) == Character.CONTROL && !(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
                p.add(field + " holds the control character U+" + String.format("%04X", (int) c) + " at position " + (i + 1)
                        + (multiLine ? "; only TAB, LF and CR are allowed" : "; none is allowed"));
                return;
            }
        }
    }

    private static void money(List<String> p, String field, BigDecimal value) {
        if (value != null && value.setScale(2, RoundingMode.HALF_UP).abs().compareTo(MONEY_BOUND) >= 0) {
            p.add(field + " does not fit DECIMAL(15,2)");
        }
    }
}
