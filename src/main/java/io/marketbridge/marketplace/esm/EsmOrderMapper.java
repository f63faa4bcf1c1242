package io.marketbridge.marketplace.esm;

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
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps RequestOrders rows of one cart (PayNo) to one canonical order: each OrderNo is a line and its own shipping
 * unit (ESM ships, confirms and cancels per OrderNo). The site is the one the rows were requested for (siteType 1
 * Auction, 2 Gmarket; the answer's own SiteType is not trusted: Gmarket's sample says 3). Money arrives as strings
 * with four decimals ("1000.0000"); dates as local KST without offset. Messages name fields, never values.
 *
 * <pre>
 *   PayNo -> order_id            OrderNo -> line_id and shipment_id     SiteGoodsNo (else GoodsNo) -> product_id
 *   SKUNo (else the option code) -> option_id      OutGoodsNo (else SKUNo) -> seller_sku
 *   ItemOptionSelectList[].ItemOptionValue -> option_name                ContrAmount -> quantity
 *   OrderAmount -> line_amount (unit_price = OrderAmount / ContrAmount)  SellerDiscountPrice -> discount
 *   ShippingFee -> shipping_fee     AcntMoney (paid incl. shipping) -> paid_amount     InfoCin -> customs_id
 *   ReceiverName, HpNo, TelNo, ZipCode, DelFrontAddress + DelBackAddress (else DelFullAddress), DelMemo -> receiver
 *   OrderStatus 1 PAID, 2 CONFIRMED, 3 SHIPPED, 4/5 DELIVERED
 * </pre>
 */
public final class EsmOrderMapper {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private EsmOrderMapper() {
    }

    /** siteType of the orders API: 1 Auction, 2 Gmarket (3, as in the official Gmarket sample, read as Gmarket). */
    public static Marketplace site(int siteType) {
        return switch (siteType) {
            case 1 -> Marketplace.AUCTION;
            case 2, 3 -> Marketplace.GMARKET;
            default -> throw new MappingException("SiteType " + siteType + " is neither Auction (1) nor Gmarket (2)");
        };
    }

    public static int siteType(Marketplace site) {
        return site == Marketplace.AUCTION ? 1 : 2;
    }

    /** The stored raw payload: the rows in the shape of RequestOrders' Data, with the SiteType that was requested. */
    public static String rawPayload(Marketplace site, List<JsonNode> rows) {
        ObjectNode raw = OrderJson.mapper().createObjectNode();
        raw.put("SiteType", siteType(site));
        ArrayNode array = raw.putArray("RequestOrders");
        rows.forEach(array::add);
        return raw.toString();
    }

    /** Maps a stored raw payload ({SiteType, RequestOrders}) again, for a replay. */
    public static Order mapRaw(String accountId, String rawPayload) {
        JsonNode raw;
        try {
            raw = OrderJson.mapper().readTree(rawPayload);
        } catch (java.io.IOException e) {
            throw new MappingException("raw_payload is not valid JSON");
        }
        if (raw == null || !raw.path("RequestOrders").isArray()) {
            throw new MappingException("raw_payload has no RequestOrders array");
        }
        List<JsonNode> rows = new ArrayList<>();
        raw.get("RequestOrders").forEach(rows::add);
        return map(site(raw.path("SiteType").asInt(-1)), accountId, rows);
    }

    /** All rows must share one PayNo. */
    public static Order map(Marketplace site, String accountId, List<JsonNode> rows) {
        if (rows.isEmpty()) {
            throw new MappingException("no order row to map");
        }
        JsonNode first = rows.get(0);
        String payNo = required(first, "PayNo", "");
        List<OrderLine> lines = new ArrayList<>();
        OrderTotals totals = OrderTotals.linesIncludeShipping();
        JsonNode addressRow = null;
        String customs = null;
        for (JsonNode row : rows) {
            String orderNo = required(row, "OrderNo", "");
            String field = "OrderNo " + orderNo + ".";
            if (!payNo.equals(required(row, "PayNo", field))) {
                throw new MappingException("rows of different PayNos were grouped together");
            }
            JsonNode quantity = row.get("ContrAmount");
            if (quantity == null || !quantity.canConvertToInt() || quantity.asInt() <= 0) {
                throw new MappingException(field + "ContrAmount is missing or not a positive number");
            }
            int qty = quantity.asInt();
            BigDecimal sale = money(row, "SalePrice", field, null);
            BigDecimal lineAmount = money(row, "OrderAmount", field, null);
            if (lineAmount == null) {
                if (sale == null) {
                    throw new MappingException(field + "OrderAmount and SalePrice are missing");
                }
                lineAmount = sale.add(money(row, "OptSelPrice", field, BigDecimal.ZERO)).multiply(BigDecimal.valueOf(qty));
            }
            BigDecimal lineDiscount = money(row, "SellerDiscountPrice", field, null);
            if (lineDiscount == null) {
                lineDiscount = money(row, "SellerDiscountPrice1", field, BigDecimal.ZERO)
                        .add(money(row, "SellerDiscountPrice2", field, BigDecimal.ZERO));
            }
            BigDecimal fee = money(row, "ShippingFee", field, BigDecimal.ZERO);
            BigDecimal linePaid = money(row, "AcntMoney", field, lineAmount.subtract(lineDiscount).add(fee));
            OrderStatus status = status(row.get("OrderStatus"), field);
            OrderLine line = new OrderLine(
                    orderNo,
                    orderNo,
                    JsonFields.firstText(row, "SiteGoodsNo", "GoodsNo"),
                    optionId(row),
                    JsonFields.firstText(row, "OutGoodsNo", "SKUNo"),
                    JsonFields.text(row, "GoodsName"),
                    optionName(row.get("ItemOptionSelectList")),
                    qty,
                    strip(lineAmount.divide(BigDecimal.valueOf(qty), 2, java.math.RoundingMode.HALF_UP)),
                    lineAmount,
                    lineDiscount,
                    status,
                    row.path("OrderStatus").asText());
            lines.add(line);
            totals.add(line, linePaid).addShipping(fee);
            if (addressRow == null && hasAddress(row)) {
                addressRow = row;
            }
            customs = customs != null ? customs : JsonFields.blankToNull(JsonFields.text(row, "InfoCin"));
        }
        if (addressRow == null) {
            throw new MappingException("PayNo " + payNo + ": DelFullAddress and ZipCode are missing (a gift not yet accepted?)");
        }
        return new Order(
                site,
                accountId,
                payNo,
                time(first, "OrderDate"),
                time(first, "PayDate"),
                lines.get(0).status(),
                lines.get(0).marketplaceStatus(),
                new Buyer(JsonFields.text(first, "BuyerName"), JsonFields.firstText(first, "BuyerMobileTel", "BuyerTel"), null),
                receiverOf(addressRow),
                JsonFields.blankToNull(JsonFields.text(addressRow, "DelMemo")),
                customs,
                "KRW",
                totals.items(),
                totals.discount(),
                totals.shipping(),
                totals.paid(),
                lines,
                rawPayload(site, rows));
    }

    /** ESM's SKU number, else the code of the first selected option. */
    static String optionId(JsonNode row) {
        String sku = JsonFields.blankToNull(JsonFields.text(row, "SKUNo"));
        JsonNode options = row.get("ItemOptionSelectList");
        if (sku != null || options == null || !options.isArray() || options.isEmpty()) {
            return sku;
        }
        return JsonFields.blankToNull(JsonFields.text(options.get(0), "ItemOptionCode"));
    }

    /** A gift waiting for its receiver has no address, zip code or memo yet. */
    static boolean hasAddress(JsonNode row) {
        return JsonFields.firstText(row, "DelFullAddress", "DelFrontAddress") != null;
    }

    /** True when ESM has not filled in the receiver's phones yet (it does so a few minutes after payment). */
    static boolean phonesMissing(JsonNode row) {
        return JsonFields.firstText(row, "HpNo", "TelNo") == null;
    }

    public static Receiver receiverOf(JsonNode row) {
        String front = JsonFields.blankToNull(JsonFields.text(row, "DelFrontAddress"));
        String back = JsonFields.blankToNull(JsonFields.text(row, "DelBackAddress"));
        String full = JsonFields.blankToNull(JsonFields.text(row, "DelFullAddress"));
        String hp = JsonFields.blankToNull(JsonFields.text(row, "HpNo"));
        String tel = JsonFields.blankToNull(JsonFields.text(row, "TelNo"));
        return new Receiver(
                JsonFields.text(row, "ReceiverName"),
                hp != null ? hp : tel,
                hp != null ? tel : null,
                JsonFields.text(row, "ZipCode"),
                front != null ? front : full,
                front != null ? back : null);
    }

    /** "색상: 화이트 / 사이즈: L" from the selected options (ItemOptionValue, with ItemOptionName when ESM sends one). */
    static String optionName(JsonNode list) {
        if (list == null || !list.isArray() || list.isEmpty()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (JsonNode o : list) {
            String value = JsonFields.firstText(o, "ItemOptionValue", "OptionValue", "Value");
            String name = JsonFields.firstText(o, "ItemOptionName", "OptionName");
            if (value != null) {
                names.add(name == null ? value : name + ": " + value);
            }
        }
        return names.isEmpty() ? null : String.join(" / ", names);
    }

    static OrderStatus status(JsonNode node, String field) {
        int status = node == null ? -1 : node.asInt(-1);
        return switch (status) {
            case 1 -> OrderStatus.PAID;
            case 2 -> OrderStatus.CONFIRMED;
            case 3 -> OrderStatus.SHIPPED;
            case 4, 5 -> OrderStatus.DELIVERED;
            default -> throw new MappingException(field + "OrderStatus is missing or not a known ESM status");
        };
    }

    /** "1000.0000" -> 1000; a number node as it is; null or blank -> whenAbsent. */
    static BigDecimal money(JsonNode node, String field, String prefix, BigDecimal whenAbsent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            return whenAbsent;
        }
        try {
            return strip(v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim()));
        } catch (NumberFormatException e) {
            throw new MappingException(prefix + field + " is not an amount");
        }
    }

    private static BigDecimal strip(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    static OffsetDateTime time(JsonNode node, String field) {
        return JsonFields.time(node, field, SEOUL);
    }

    private static String required(JsonNode node, String field, String prefix) {
        String v = JsonFields.blankToNull(JsonFields.text(node, field));
        if (v == null) {
            throw new MappingException(prefix + field + " is missing");
        }
        return v.trim();
    }
}
