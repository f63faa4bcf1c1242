package io.marketbridge.marketplace.naver;

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
 * Maps Naver product-order details ({order, productOrder, delivery?, currentClaim?, ...}, one per
 * productOrderId) to one canonical order per orderId: each productOrder is a line, and also its shipping unit
 * (Naver ships per productOrderId). Claims are read from currentClaim and, for older payloads, from the
 * deprecated top-level cancel / return / exchange objects. Error messages name the field, never its value.
 */
public final class NaverOrderMapper {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private NaverOrderMapper() {
    }

    /** All details must belong to one orderId. */
    public static Order map(String accountId, List<JsonNode> details) {
        if (details.isEmpty()) {
            throw new MappingException("no product order to map");
        }
        JsonNode first = details.get(0);
        JsonNode order = object(first, "order", "");
        String orderId = required(order, "orderId", "order.");
        List<OrderLine> lines = new ArrayList<>();
        OrderTotals totals = OrderTotals.create();
        JsonNode addressOf = null;
        String memo = null;
        String customs = null;
        for (JsonNode detail : details) {
            JsonNode po = object(detail, "productOrder", "");
            String productOrderId = required(po, "productOrderId", "productOrder.");
            String field = "productOrder " + productOrderId + ".";
            if (!orderId.equals(required(object(detail, "order", field), "orderId", field + "order."))) {
                throw new MappingException("product orders of different orders were grouped together");
            }
            JsonNode quantity = po.get("quantity");
            if (quantity == null || !quantity.canConvertToInt() || quantity.asInt() <= 0) {
                throw new MappingException(field + "quantity is missing or not a positive number");
            }
            BigDecimal unit = amount(po, "unitPrice", field, null);
            BigDecimal option = amount(po, "optionPrice", field, BigDecimal.ZERO);
            BigDecimal product = amount(po, "totalProductAmount", field, null);
            if (product == null) {
                if (unit == null) {
                    throw new MappingException(field + "totalProductAmount and unitPrice are missing");
                }
                product = unit.add(option).multiply(BigDecimal.valueOf(quantity.asInt()));
            }
            BigDecimal lineDiscount = amount(po, "productDiscountAmount", field, BigDecimal.ZERO);
            BigDecimal linePaid = amount(po, "totalPaymentAmount", field, product.subtract(lineDiscount));
            BigDecimal fee = amount(po, "deliveryFeeAmount", field, BigDecimal.ZERO)
                    .subtract(amount(po, "deliveryDiscountAmount", field, BigDecimal.ZERO));
            String naverStatus = text(po, "productOrderStatus");
            String place = text(po, "placeOrderStatus");
            OrderLine line = new OrderLine(
                    productOrderId,
                    productOrderId,
                    text(po, "productId"),
                    firstText(po, "optionCode", "itemNo"),
                    firstText(po, "optionManageCode", "sellerProductCode"),
                    text(po, "productName"),
                    blankToNull(text(po, "productOption")),
                    quantity.asInt(),
                    unit == null ? null : unit.add(option),
                    product,
                    lineDiscount,
                    status(naverStatus, place, claim(detail, po)),
                    marketplaceStatus(naverStatus, place, claim(detail, po)));
            lines.add(line);
            totals.add(line, linePaid).addShipping(fee);
            JsonNode address = po.get("shippingAddress");
            if (addressOf == null && address != null && address.isObject()) {
                addressOf = address;
                memo = blankToNull(text(po, "shippingMemo"));
            }
            customs = customs != null ? customs : blankToNull(text(po, "individualCustomUniqueCode"));
        }
        if (addressOf == null) {
            throw new MappingException("order " + orderId + ": shippingAddress is missing (a gift not yet accepted?)");
        }
        ArrayNode raw = OrderJson.mapper().createArrayNode();
        details.forEach(raw::add);
        return new Order(
                Marketplace.NAVER,
                accountId,
                orderId,
                time(order, "orderDate"),
                time(order, "paymentDate"),
                lines.get(0).status(),
                lines.get(0).marketplaceStatus(),
                new Buyer(text(order, "ordererName"), blankToNull(text(order, "ordererTel")), null),
                receiverOf(addressOf),
                memo,
                customs,
                "KRW",
                totals.items(),
                totals.discount(),
                totals.shipping(),
                totals.paid(),
                lines,
                raw.toString());
    }

    public static Receiver receiverOf(JsonNode address) {
        return new Receiver(
                text(address, "name"),
                blankToNull(text(address, "tel1")),
                blankToNull(text(address, "tel2")),
                text(address, "zipCode"),
                text(address, "baseAddress"),
                blankToNull(text(address, "detailedAddress")));
    }

    /** The claim in force: currentClaim.{cancel|return|exchange}, else the deprecated top-level object. */
    static JsonNode claim(JsonNode detail, JsonNode productOrder) {
        JsonNode current = detail.get("currentClaim");
        for (String type : List.of("cancel", "return", "exchange")) {
            if (current != null && current.get(type) != null && current.get(type).isObject()) {
                return withType(current.get(type), type);
            }
        }
        for (String type : List.of("cancel", "return", "exchange")) {
            if (detail.get(type) != null && detail.get(type).isObject()) {
                return withType(detail.get(type), type);
            }
        }
        if (productOrder.hasNonNull("claimStatus")) { // only the summary fields on the product order
            return withType(productOrder, String.valueOf(text(productOrder, "claimType")).toLowerCase());
        }
        return null;
    }

    private static JsonNode withType(JsonNode claim, String type) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = claim.deepCopy();
        copy.put("mbClaimType", type);
        return copy;
    }

    /** Naver's product-order status (with the confirmation flag and an open claim) onto the canonical one. */
    public static OrderStatus status(String productOrderStatus, String placeOrderStatus, JsonNode claim) {
        if (productOrderStatus == null) {
            throw new MappingException("productOrderStatus is missing");
        }
        OrderStatus base = switch (productOrderStatus) {
            case "PAYMENT_WAITING", "PAYED" -> "OK".equals(placeOrderStatus) ? OrderStatus.CONFIRMED : OrderStatus.PAID;
            case "DELIVERING" -> OrderStatus.SHIPPED;
            case "DELIVERED", "PURCHASE_DECIDED" -> OrderStatus.DELIVERED;
            case "EXCHANGED" -> OrderStatus.EXCHANGED;
            case "CANCELED", "CANCELED_BY_NOPAYMENT" -> OrderStatus.CANCELLED;
            case "RETURNED" -> OrderStatus.RETURNED;
            default -> throw new MappingException("productOrderStatus '" + productOrderStatus + "' is not a known Naver status");
        };
        if (claim == null || base == OrderStatus.CANCELLED || base == OrderStatus.RETURNED || base == OrderStatus.EXCHANGED) {
            return base;
        }
        String claimStatus = String.valueOf(text(claim, "claimStatus"));
        if (claimStatus.endsWith("_REJECT") || claimStatus.endsWith("_DONE") || claimStatus.contains("HOLDBACK_RELEASE")) {
            return base; // a rejected or settled claim leaves the order as it is
        }
        return switch (text(claim, "mbClaimType")) {
            case "cancel", "admin_cancel" -> OrderStatus.CANCEL_REQUESTED;
            case "return" -> OrderStatus.RETURN_REQUESTED;
            case "exchange" -> OrderStatus.EXCHANGE_REQUESTED;
            default -> base;
        };
    }

    private static String marketplaceStatus(String productOrderStatus, String placeOrderStatus, JsonNode claim) {
        String s = productOrderStatus + (placeOrderStatus == null ? "" : "/" + placeOrderStatus);
        return claim == null || text(claim, "claimStatus") == null ? s : s + "/" + text(claim, "claimStatus");
    }

    private static BigDecimal amount(JsonNode node, String field, String prefix, BigDecimal whenAbsent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            return whenAbsent;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        try {
            return new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new MappingException(prefix + field + " is not a number");
        }
    }

    static OffsetDateTime time(JsonNode node, String field) {
        return JsonFields.time(node, field, SEOUL);
    }

    private static JsonNode object(JsonNode node, String field, String prefix) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw new MappingException(prefix + field + " is missing");
        }
        return v;
    }

    private static String required(JsonNode node, String field, String prefix) {
        String v = blankToNull(text(node, field));
        if (v == null) {
            throw new MappingException(prefix + field + " is missing");
        }
        return v.trim();
    }

    private static String text(JsonNode node, String field) {
        return JsonFields.text(node, field);
    }

    private static String firstText(JsonNode node, String... fields) {
        return JsonFields.firstText(node, fields);
    }

    private static String blankToNull(String s) {
        return JsonFields.blankToNull(s);
    }
}
