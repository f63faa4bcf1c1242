package io.marketbridge.marketplace.elevenst;

import static io.marketbridge.marketplace.elevenst.ElevenstXml.value;

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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the rows of one 11st order ({@code ns2:order} elements with the same ordNo, one per ordPrdSeq) to one
 * canonical order: ordPrdSeq is the line, dlvNo (the bundle 11st ships by) its shipment id. Amounts: a line's
 * amount is ordAmt (unit price x quantity + option price), its discount sellerDscPrc + tmallDscPrc, what the buyer
 * paid for it ordPayAmt; the shipping fee (dlvCst + bmDlvCst, the remote-area fee) is counted once per bundle.
 * Error messages name the field, never its value.
 */
public final class ElevenstOrderMapper {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ElevenstOrderMapper() {
    }

    public static Order map(String accountId, List<Map<String, String>> rows) {
        if (rows.isEmpty()) {
            throw new MappingException("no order row to map");
        }
        Map<String, String> first = rows.get(0);
        String orderId = required(first, "ordNo", "");
        List<OrderLine> lines = new ArrayList<>();
        OrderTotals totals = OrderTotals.create();
        String customs = null;
        for (Map<String, String> row : rows) {
            String seq = required(row, "ordPrdSeq", "order " + orderId + ": ");
            String field = "order " + orderId + " line " + seq + ": ";
            if (!orderId.equals(required(row, "ordNo", field))) {
                throw new MappingException("rows of different orders were grouped together");
            }
            String dlvNo = required(row, "dlvNo", field);
            BigDecimal qty = amount(row, "ordQty", field, null);
            if (qty == null || qty.signum() <= 0 || qty.stripTrailingZeros().scale() > 0) {
                throw new MappingException(field + "ordQty is missing or not a positive whole number");
            }
            BigDecimal unit = amount(row, "selPrc", field, null);
            BigDecimal lineAmount = amount(row, "ordAmt", field, null);
            if (lineAmount == null) {
                if (unit == null) {
                    throw new MappingException(field + "ordAmt and selPrc are missing");
                }
                lineAmount = unit.multiply(qty).add(amount(row, "ordOptWonStl", field, BigDecimal.ZERO));
            }
            BigDecimal lineDiscount = amount(row, "sellerDscPrc", field, BigDecimal.ZERO)
                    .add(amount(row, "tmallDscPrc", field, BigDecimal.ZERO));
            BigDecimal linePaid = amount(row, "ordPayAmt", field, lineAmount.subtract(lineDiscount));
            BigDecimal fee = amount(row, "dlvCst", field, BigDecimal.ZERO).add(amount(row, "bmDlvCst", field, BigDecimal.ZERO));
            String stat = value(row, "ordPrdStat");
            String sku = value(row, "sellerStockCd") != null ? value(row, "sellerStockCd") : value(row, "sellerPrdCd");
            OrderLine line = new OrderLine(seq, dlvNo, value(row, "prdNo"), value(row, "prdStckNo"), sku, value(row, "prdNm"),
                    value(row, "slctPrdOptNm"), qty.intValueExact(), unit, lineAmount, lineDiscount, status(stat),
                    stat == null ? "202" : stat);
            lines.add(line);
            totals.add(line, linePaid).addShippingOf(dlvNo, fee); // repeated on each line of the bundle: once per bundle
            customs = customs != null ? customs : value(row, "psnCscUniqNo");
        }
        String phone = value(first, "ordPrtblTel") != null ? value(first, "ordPrtblTel") : value(first, "ordTlphnNo");
        return new Order(
                Marketplace.ELEVENST,
                accountId,
                orderId,
                time(first, "ordDt"),
                time(first, "ordStlEndDt"),
                lines.get(0).status(),
                lines.get(0).marketplaceStatus(),
                new Buyer(value(first, "ordNm"), phone, null),
                receiverOf(first),
                value(first, "ordDlvReqCont"),
                customs,
                "KRW",
                totals.items(),
                totals.discount(),
                totals.shipping(),
                totals.paid(),
                lines,
                raw(rows));
    }

    static Receiver receiverOf(Map<String, String> row) {
        if (value(row, "rcvrNm") == null || value(row, "rcvrBaseAddr") == null) {
            throw new MappingException("order " + value(row, "ordNo") + ": rcvrNm or rcvrBaseAddr is missing");
        }
        return new Receiver(value(row, "rcvrNm"), value(row, "rcvrPrtblNo"), value(row, "rcvrTlphn"),
                value(row, "rcvrMailNo"), value(row, "rcvrBaseAddr"), value(row, "rcvrDtlsAddr"));
    }

    /** ordPrdStat onto the canonical status; the complete list has no status field: it holds paid lines (202). */
    public static OrderStatus status(String ordPrdStat) {
        if (ordPrdStat == null) {
            return OrderStatus.PAID;
        }
        return switch (ordPrdStat) {
            case "202" -> OrderStatus.PAID;
            case "301" -> OrderStatus.CONFIRMED;
            case "401" -> OrderStatus.SHIPPED;
            case "501", "901" -> OrderStatus.DELIVERED;
            case "701" -> OrderStatus.CANCEL_REQUESTED;
            case "B01" -> OrderStatus.CANCELLED;
            case "601" -> OrderStatus.RETURN_REQUESTED;
            default -> throw new MappingException("ordPrdStat '" + ordPrdStat + "' is not a known 11st status");
        };
    }

    /** The rows as a JSON array of objects, field by field as 11st sent them (literal null and empty kept). */
    static String raw(List<Map<String, String>> rows) {
        ArrayNode array = OrderJson.mapper().createArrayNode();
        for (Map<String, String> row : rows) {
            ObjectNode o = array.addObject();
            row.forEach(o::put);
        }
        return array.toString();
    }

    /** A stored raw payload back into rows, for a replay. */
    static List<Map<String, String>> rows(String rawPayload) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode node : JsonFields.rawPayload(rawPayload)) {
            Map<String, String> row = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                row.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
            }
            rows.add(row);
        }
        return rows;
    }

    static OffsetDateTime time(Map<String, String> row, String field) {
        String v = value(row, field);
        if (v == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(v.length() > 19 ? v.substring(0, 19) : v, TIME).atZone(SEOUL).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw new MappingException(field + " is not a yyyy-MM-dd HH:mm:ss time");
        }
    }

    private static BigDecimal amount(Map<String, String> row, String field, String prefix, BigDecimal whenAbsent) {
        String v = value(row, field);
        if (v == null) {
            return whenAbsent;
        }
        try {
            return new BigDecimal(v.replace(",", ""));
        } catch (NumberFormatException e) {
            throw new MappingException(prefix + field + " is not a number");
        }
    }

    private static String required(Map<String, String> row, String field, String prefix) {
        String v = value(row, field);
        if (v == null) {
            throw new MappingException(prefix + field + " is missing");
        }
        return v;
    }
}
