package io.marketbridge.marketplace.qoo10;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Buyer;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.order.OrderLine;
import io.marketbridge.order.OrderStatus;
import io.marketbridge.order.OrderTotals;
import io.marketbridge.order.Receiver;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps the GetShippingInfo_v2 rows of one cart (packNo) to one canonical order: each orderNo is a line and its own
 * shipping unit (Qoo10 confirms and ships per orderNo). Rows of GetShippingInfo_v3 are first renamed to the v2
 * names ({@link #fromV3}). Money arrives with four decimals ("1980.0000", or a number) and is read exactly; yen
 * have no minor unit, so trailing zeros go. Dates are JST wall clock "yyyy-MM-dd HH:mm:ss". Messages name fields,
 * never values.
 *
 * <pre>
 *   packNo -> order_id      orderNo -> line_id and shipment_id      itemCode -> product_id     optionCode -> option_id
 *   sellerItemCode [+ separator + optionCode] -> seller_sku (seller-sku)      itemTitle -> product_name   option -> option_name
 *   orderQty -> quantity    orderPrice -> unit_price   orderPrice x orderQty -> line_amount   discount -> line_discount
 *   total (what the buyer paid for the line) -> paid    Currency -> currency (JPY when absent)
 *   buyer, buyer_gata, buyerMobile (else buyerTel), buyerEmail -> buyer
 *   receiver, receiver_gata, receiverMobile / receiverTel, zipCode, shippingAddr, ShippingMsg -> receiver
 *   shippingStatus 1, 2 PAID   3 CONFIRMED   4 SHIPPED   5 DELIVERED
 * </pre>
 */
public final class Qoo10OrderMapper {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** How seller_sku is made from the row. */
    public enum SellerSku { ITEM_OPTION, ITEM, OPTION_ELSE_ITEM }

    /** v3 (PascalCase) name -> v2 name. */
    private static final Map<String, String> V3_NAMES = Map.ofEntries(
            Map.entry("OrderNo", "orderNo"), Map.entry("PackNo", "packNo"), Map.entry("ShippingStatus", "shippingStatus"),
            Map.entry("OrderDate", "orderDate"), Map.entry("EstimatedShippingDate", "EstShippingDate"),
            Map.entry("ItemNo", "itemCode"), Map.entry("SellerItemCode", "sellerItemCode"), Map.entry("ItemTitle", "itemTitle"),
            Map.entry("Option", "option"), Map.entry("OptionCode", "optionCode"), Map.entry("OrderQty", "orderQty"),
            Map.entry("OrderPrice", "orderPrice"), Map.entry("Discount", "discount"), Map.entry("Total", "total"),
            Map.entry("Buyer", "buyer"), Map.entry("BuyerKana", "buyer_gata"), Map.entry("BuyerTel", "buyerTel"),
            Map.entry("BuyerMobile", "buyerMobile"), Map.entry("BuyerEmail", "buyerEmail"), Map.entry("Receiver", "receiver"),
            Map.entry("ReceiverKana", "receiver_gata"), Map.entry("ReceiverTel", "receiverTel"),
            Map.entry("ReceiverMobile", "receiverMobile"), Map.entry("ZipCode", "zipCode"),
            Map.entry("ShippingAddress", "shippingAddr"), Map.entry("ShippingMessage", "ShippingMsg"));

    private Qoo10OrderMapper() {
    }

    /** A v3 row with the v2 names (fields v2 has no name for keep theirs). */
    public static JsonNode fromV3(JsonNode row) {
        ObjectNode v2 = OrderJson.mapper().createObjectNode();
        row.fields().forEachRemaining(e -> v2.set(V3_NAMES.getOrDefault(e.getKey(), e.getKey()), e.getValue()));
        return v2;
    }

    /** The stored raw payload: the cart's rows as Qoo10 sent them (v2 names). */
    public static String rawPayload(List<JsonNode> rows) {
        ArrayNode array = OrderJson.mapper().createArrayNode();
        rows.forEach(array::add);
        return array.toString();
    }

    /** Maps a stored raw payload (a JSON array of the cart's rows) again, for a replay. */
    public static Order mapRaw(String accountId, String rawPayload, SellerSku sku, String separator) {
        return map(accountId, JsonFields.rawPayload(rawPayload), sku, separator);
    }

    /** All rows must share one packNo. */
    public static Order map(String accountId, List<JsonNode> rows, SellerSku sku, String separator) {
        if (rows.isEmpty()) {
            throw new MappingException("no order row to map");
        }
        JsonNode first = rows.get(0);
        String packNo = required(first, "packNo", "");
        List<OrderLine> lines = new ArrayList<>();
        OrderTotals totals = OrderTotals.create();
        String currency = null;
        for (JsonNode row : rows) {
            String orderNo = required(row, "orderNo", "");
            String at = "orderNo " + orderNo + ".";
            if (!packNo.equals(required(row, "packNo", at))) {
                throw new MappingException("rows of different packNos were grouped together");
            }
            JsonNode q = row.get("orderQty");
            int qty;
            try {
                qty = q == null || q.isNull() ? -1 : q.isNumber() ? q.decimalValue().intValueExact() : Integer.parseInt(q.asText().trim());
            } catch (NumberFormatException | ArithmeticException e) {
                qty = -1;
            }
            if (qty <= 0) {
                throw new MappingException(at + "orderQty is missing or not a positive whole number");
            }
            BigDecimal price = money(row, "orderPrice", at, null);
            if (price == null) {
                throw new MappingException(at + "orderPrice is missing");
            }
            BigDecimal discount = money(row, "discount", at, BigDecimal.ZERO);
            BigDecimal lineAmount = price.multiply(BigDecimal.valueOf(qty));
            BigDecimal paid = money(row, "total", at, null);
            String status = JsonFields.blankToNull(JsonFields.text(row, "shippingStatus"));
            OrderLine line = new OrderLine(orderNo, orderNo,
                    JsonFields.blankToNull(JsonFields.text(row, "itemCode")),
                    JsonFields.blankToNull(JsonFields.text(row, "optionCode")),
                    sellerSku(row, sku, separator),
                    JsonFields.text(row, "itemTitle"),
                    JsonFields.blankToNull(JsonFields.text(row, "option")),
                    qty, price, lineAmount, discount, status(status, at), status == null ? "2" : status.trim());
            lines.add(line);
            totals.add(line, paid);
            String c = JsonFields.blankToNull(JsonFields.firstText(row, "Currency", "currency"));
            if (currency == null && c != null) {
                currency = c.trim().toUpperCase(java.util.Locale.ROOT);
            }
        }
        return new Order(Marketplace.QOO10, accountId, packNo, time(first, "orderDate"), time(first, "PaymentDate"),
                lines.get(0).status(), lines.get(0).marketplaceStatus(),
                new Buyer(JsonFields.text(first, "buyer"), JsonFields.firstText(first, "buyerMobile", "buyerTel"),
                        JsonFields.blankToNull(JsonFields.text(first, "buyerEmail")),
                        JsonFields.blankToNull(JsonFields.text(first, "buyer_gata"))),
                receiverOf(first),
                JsonFields.blankToNull(JsonFields.text(first, "ShippingMsg")),
                null,
                currency == null ? "JPY" : currency,
                totals.items(), totals.discount(), totals.shipping(), totals.paid(), lines, rawPayload(rows));
    }

    static Receiver receiverOf(JsonNode row) {
        String mobile = JsonFields.blankToNull(JsonFields.text(row, "receiverMobile"));
        String tel = JsonFields.blankToNull(JsonFields.text(row, "receiverTel"));
        String address = JsonFields.blankToNull(JsonFields.text(row, "shippingAddr"));
        if (address == null) {
            throw new MappingException("shippingAddr is missing");
        }
        return new Receiver(JsonFields.text(row, "receiver"), mobile != null ? mobile : tel, mobile != null ? tel : null,
                JsonFields.blankToNull(JsonFields.text(row, "zipCode")), address, null,
                JsonFields.blankToNull(JsonFields.text(row, "receiver_gata")));
    }

    static String sellerSku(JsonNode row, SellerSku rule, String separator) {
        String item = JsonFields.blankToNull(JsonFields.text(row, "sellerItemCode"));
        String option = JsonFields.blankToNull(JsonFields.text(row, "optionCode"));
        String sku = switch (rule) {
            case ITEM -> item;
            case OPTION_ELSE_ITEM -> option != null ? option : item;
            case ITEM_OPTION -> item == null ? option : option == null ? item : item + separator + option;
        };
        return sku != null ? sku.trim() : JsonFields.blankToNull(JsonFields.text(row, "itemCode"));
    }

    /** Qoo10's shipping status: 1 waiting and 2 shipping requested (paid), 3 checked, 4 on delivery, 5 delivered. */
    static OrderStatus status(String code, String at) {
        if (code == null) {
            return OrderStatus.PAID; // the list was asked for status 2
        }
        return switch (code.trim()) {
            case "1", "2" -> OrderStatus.PAID;
            case "3" -> OrderStatus.CONFIRMED;
            case "4" -> OrderStatus.SHIPPED;
            case "5" -> OrderStatus.DELIVERED;
            default -> throw new MappingException(at + "shippingStatus is not a Qoo10 status (1 to 5)");
        };
    }

    /** "1980.0000" or 1980.0 -> 1980; blank -> whenAbsent; exact (no binary floating point). */
    static BigDecimal money(JsonNode row, String field, String at, BigDecimal whenAbsent) {
        JsonNode v = row.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            return whenAbsent;
        }
        try {
            BigDecimal d = v.isNumber() ? new BigDecimal(v.asText()) : new BigDecimal(v.asText().trim().replace(",", ""));
            BigDecimal s = d.stripTrailingZeros();
            return s.scale() < 0 ? s.setScale(0) : s;
        } catch (NumberFormatException e) {
            throw new MappingException(at + field + " is not an amount");
        }
    }

    /** "yyyy-MM-dd HH:mm:ss" in JST (or ISO-8601); null when blank. */
    static OffsetDateTime time(JsonNode row, String field) {
        String v = JsonFields.blankToNull(JsonFields.text(row, field));
        if (v == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(v.trim(), DATE).atZone(TOKYO).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            return JsonFields.time(row, field, TOKYO);
        }
    }

    private static String required(JsonNode node, String field, String prefix) {
        String v = JsonFields.blankToNull(JsonFields.text(node, field));
        if (v == null) {
            throw new MappingException(prefix + field + " is missing");
        }
        return v.trim();
    }
}
