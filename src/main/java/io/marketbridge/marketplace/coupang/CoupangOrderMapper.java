package io.marketbridge.marketplace.coupang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps Coupang order sheets (one per shipmentBoxId) to one canonical order per orderId. Tolerant where the
 * API is inconsistent: money as a v5 Money object or a v4 plain number, timestamps with or without offset
 * (v4 sends KST without one), ids as numbers or strings. Error messages name the field, never its value.
 */
public final class CoupangOrderMapper {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private CoupangOrderMapper() {
    }

    /** All sheets must belong to one orderId (an order split into several boxes has several sheets). */
    public static Order map(String accountId, List<JsonNode> sheets) {
        if (sheets.isEmpty()) {
            throw new MappingException("no order sheet to map");
        }
        JsonNode first = sheets.get(0);
        String orderId = requiredId(first, "orderId");
        List<OrderLine> lines = new ArrayList<>();
        OrderTotals totals = OrderTotals.create();
        String currency = null;
        for (JsonNode sheet : sheets) {
            if (!orderId.equals(requiredId(sheet, "orderId"))) {
                throw new MappingException("sheets of different orders were grouped together");
            }
            String boxId = requiredId(sheet, "shipmentBoxId");
            String sheetStatus = text(sheet, "status");
            JsonNode orderItems = sheet.get("orderItems");
            if (orderItems == null || !orderItems.isArray() || orderItems.isEmpty()) {
                throw new MappingException("shipmentBox " + boxId + ": orderItems is missing or empty");
            }
            totals.addShipping(money(sheet.get("shippingPrice"), "shippingPrice", BigDecimal.ZERO)
                    .add(money(sheet.get("remotePrice"), "remotePrice", BigDecimal.ZERO)));
            currency = currency != null ? currency : currencyOf(sheet.get("shippingPrice"));
            for (int i = 0; i < orderItems.size(); i++) {
                JsonNode item = orderItems.get(i);
                String field = "shipmentBox " + boxId + " orderItems[" + i + "].";
                String vendorItemId = requiredId(item, "vendorItemId", field);
                JsonNode count = item.get("shippingCount");
                if (count == null || !count.canConvertToInt() || count.asInt() <= 0) {
                    throw new MappingException(field + "shippingCount is missing or not a positive number");
                }
                BigDecimal unit = money(item.get("salesPrice"), field + "salesPrice", null);
                BigDecimal amount = money(item.get("orderPrice"), field + "orderPrice", null);
                if (amount == null && unit != null) {
                    amount = unit.multiply(BigDecimal.valueOf(count.asInt()));
                }
                if (amount == null) {
                    throw new MappingException(field + "orderPrice and salesPrice are missing");
                }
                BigDecimal lineDiscount = money(item.get("discountPrice"), field + "discountPrice", BigDecimal.ZERO);
                currency = currency != null ? currency : currencyOf(item.get("salesPrice"));
                boolean canceled = item.path("canceled").asBoolean(false);
                OrderLine line = new OrderLine(
                        boxId + "-" + vendorItemId,
                        boxId,
                        idOrNull(item, "productId", "sellerProductId"),
                        vendorItemId,
                        textOrNull(item, "externalVendorSkuCode"),
                        textOrNull(item, "sellerProductName"),
                        firstText(item, "sellerProductItemName", "vendorItemName"),
                        count.asInt(),
                        unit,
                        amount,
                        lineDiscount,
                        canceled ? OrderStatus.CANCELLED : status(sheetStatus),
                        canceled ? "CANCELED" : sheetStatus);
                lines.add(line);
                totals.add(line, null);
            }
        }
        JsonNode orderer = first.path("orderer");
        JsonNode receiver = first.get("receiver");
        if (receiver == null || !receiver.isObject()) {
            throw new MappingException("order " + orderId + ": receiver is missing");
        }
        ArrayNode raw = OrderJson.mapper().createArrayNode();
        sheets.forEach(raw::add);
        String status = text(first, "status");
        return new Order(
                Marketplace.COUPANG,
                accountId,
                orderId,
                time(first, "orderedAt"),
                time(first, "paidAt"),
                status(status),
                status,
                new Buyer(textOrNull(orderer, "name"), firstText(orderer, "safeNumber", "ordererNumber"),
                        blankToNull(textOrNull(orderer, "email"))),
                receiverOf(receiver),
                blankToNull(textOrNull(first, "parcelPrintMessage")),
                blankToNull(textOrNull(first.path("overseaShippingInfoDto"), "personalCustomsClearanceCode")),
                currency == null ? "KRW" : currency,
                totals.items(),
                totals.discount(),
                totals.shipping(),
                totals.paid(),
                lines,
                raw.toString());
    }

    public static Receiver receiverOf(JsonNode receiver) {
        return new Receiver(
                textOrNull(receiver, "name"),
                firstText(receiver, "safeNumber", "receiverNumber"),
                blankToNull(textOrNull(receiver, "receiverNumber")),
                textOrNull(receiver, "postCode"),
                textOrNull(receiver, "addr1"),
                textOrNull(receiver, "addr2"));
    }

    /** Coupang's delivery status onto the canonical one. */
    public static OrderStatus status(String coupang) {
        if (coupang == null) {
            throw new MappingException("status is missing");
        }
        return switch (coupang) {
            case "ACCEPT" -> OrderStatus.PAID;
            case "INSTRUCT" -> OrderStatus.CONFIRMED;
            case "DEPARTURE", "DELIVERING", "NONE_TRACKING" -> OrderStatus.SHIPPED;
            case "FINAL_DELIVERY" -> OrderStatus.DELIVERED;
            default -> throw new MappingException("status '" + coupang + "' is not a known Coupang delivery status");
        };
    }

    /** v5 Money {currencyCode, units, nanos}, or a v4 plain number. */
    static BigDecimal money(JsonNode node, String field, BigDecimal whenAbsent) {
        if (node == null || node.isNull()) {
            return whenAbsent;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.asText().trim());
            } catch (NumberFormatException e) {
                throw new MappingException(field + " is not a number");
            }
        }
        if (node.isObject() && node.has("units")) {
            BigDecimal units = new BigDecimal(node.get("units").asText());
            BigDecimal value = units.add(BigDecimal.valueOf(node.path("nanos").asLong(0), 9)).stripTrailingZeros();
            return value.scale() < 0 ? value.setScale(0) : value;
        }
        throw new MappingException(field + " is neither a Money object nor a number");
    }

    private static String currencyOf(JsonNode money) {
        return money != null && money.isObject() && money.hasNonNull("currencyCode") ? money.get("currencyCode").asText() : null;
    }

    /** v5: ISO-8601 with offset (micros); v4: local KST without offset. */
    static OffsetDateTime time(JsonNode node, String field) {
        return JsonFields.time(node, field, SEOUL);
    }

    private static String requiredId(JsonNode node, String field) {
        return requiredId(node, field, "");
    }

    private static String requiredId(JsonNode node, String field, String prefix) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new MappingException(prefix + field + " is missing");
        }
        if (!(v.isIntegralNumber() || v.isTextual() && v.asText().trim().matches("[0-9]+"))) {
            throw new MappingException(prefix + field + " is not a numeric id");
        }
        return v.asText().trim();
    }

    private static String idOrNull(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v != null && !v.isNull() && !v.asText().isBlank() && !v.asText().equals("0")) {
                return v.asText();
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        return textOrNull(node, field);
    }

    private static String textOrNull(JsonNode node, String field) {
        return JsonFields.text(node, field);
    }

    private static String firstText(JsonNode node, String... fields) {
        return JsonFields.firstText(node, fields);
    }

    private static String blankToNull(String s) {
        return JsonFields.blankToNull(s);
    }
}
