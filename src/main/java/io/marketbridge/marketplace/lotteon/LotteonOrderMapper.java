package io.marketbridge.marketplace.lotteon;

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
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the rows of Lotte ON's delivery list (deliveryOrderList, one per order line) to one canonical order per odNo.
 *
 * <ul>
 *   <li>line_id: {@code odNo-odSeq-procSeq} (the three together are Lotte ON's line key; procSeq starts at 1 and
 *       grows with each claim on the line); shipment_id: odNo (an order ships as one unit, line by line).</li>
 *   <li>seller_sku: eitmNo (the seller's item code), else sitmNo (Lotte ON's item number); product spdNo, option
 *       sitmNo.</li>
 *   <li>Amounts: the line's amount from slAmt (the whole line, or the unit price times the quantity with
 *       amounts.sl-amt = UNIT); shipping from dvCst (repeated on each row of an order and counted once, or summed
 *       with amounts.dv-cst = LINE). No discount field is known: discount is 0.</li>
 *   <li>Times yyyyMMddHHmmss KST: ordered at odAcptDttm (else odCmptDttm), paid at odCmptDttm.</li>
 * </ul>
 * Error messages name the field, never its value.
 */
public final class LotteonOrderMapper {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** How slAmt and dvCst are read (the account's amounts.* keys). */
    public record Amounts(boolean slAmtPerUnit, boolean dvCstPerLine) {
        public static final Amounts DEFAULT = new Amounts(false, false);
    }

    private LotteonOrderMapper() {
    }

    /** The line id of a row: odNo-odSeq-procSeq. */
    public static String lineId(String odNo, String odSeq, String procSeq) {
        return odNo + "-" + odSeq + "-" + procSeq;
    }

    /** A line id split back into odNo, odSeq, procSeq. */
    static String[] lineKey(String lineId) {
        int last = lineId.lastIndexOf('-');
        int middle = lineId.lastIndexOf('-', last - 1);
        if (middle <= 0) {
            throw new IllegalArgumentException("line id " + lineId + " is not odNo-odSeq-procSeq");
        }
        return new String[] {lineId.substring(0, middle), lineId.substring(middle + 1, last), lineId.substring(last + 1)};
    }

    /** All rows must belong to one odNo. */
    public static Order map(String accountId, List<JsonNode> rows, Amounts amounts) {
        if (rows.isEmpty()) {
            throw new MappingException("no row to map");
        }
        JsonNode first = rows.get(0);
        String odNo = id(first, "odNo", "");
        OrderTotals totals = OrderTotals.create();
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            String at = "row " + (i + 1) + " of order " + odNo + ": ";
            if (!odNo.equals(id(row, "odNo", at))) {
                throw new MappingException("rows of different orders were grouped together");
            }
            String result = JsonFields.firstText(row, "resultCode", "rsltCd");
            if (result != null && !"0000".equals(result)) {
                throw new MappingException(at + "the row's result code is " + result + " (not 0000)");
            }
            String odSeq = id(row, "odSeq", at);
            String procSeq = id(row, "procSeq", at);
            int qty = quantity(row, at);
            BigDecimal slAmt = money(row, "slAmt", at, null);
            if (slAmt == null) {
                throw new MappingException(at + "slAmt is missing");
            }
            BigDecimal amount = amounts.slAmtPerUnit() ? slAmt.multiply(BigDecimal.valueOf(qty)) : slAmt;
            BigDecimal unit = amount.divide(BigDecimal.valueOf(qty), 2, RoundingMode.HALF_UP).stripTrailingZeros();
            String spdNo = required(row, "spdNo", at);
            String sitmNo = JsonFields.blankToNull(JsonFields.text(row, "sitmNo"));
            String step = required(row, "odPrgsStepCd", at);
            OrderLine line = new OrderLine(lineId(odNo, odSeq, procSeq), odNo, spdNo, sitmNo,
                    JsonFields.firstText(row, "eitmNo", "sitmNo"), JsonFields.text(row, "spdNm"), optionName(row),
                    qty, unit.scale() < 0 ? unit.setScale(0) : unit, amount, BigDecimal.ZERO, status(step, at), step);
            lines.add(line);
            totals.add(line, null);
            BigDecimal fee = money(row, "dvCst", at, BigDecimal.ZERO);
            if (amounts.dvCstPerLine()) {
                totals.addShipping(fee);
            } else {
                totals.addShippingOf(odNo, fee);
            }
        }
        String receiverName = JsonFields.blankToNull(JsonFields.text(first, "dvpCustNm"));
        if (receiverName == null) {
            throw new MappingException("order " + odNo + ": dvpCustNm (receiver) is missing");
        }
        ArrayNode raw = OrderJson.mapper().createArrayNode();
        rows.forEach(raw::add);
        OffsetDateTime paid = time(first, "odCmptDttm");
        OffsetDateTime ordered = time(first, "odAcptDttm");
        String step = JsonFields.text(first, "odPrgsStepCd");
        return new Order(Marketplace.LOTTEON, accountId, odNo,
                ordered != null ? ordered : paid, paid,
                status(step, ""), step,
                new Buyer(JsonFields.blankToNull(JsonFields.text(first, "odrNm")), null, null),
                new Receiver(receiverName,
                        JsonFields.firstText(first, "dvpMphnNo", "dvpTelNo"),
                        JsonFields.blankToNull(JsonFields.text(first, "dvpTelNo")),
                        JsonFields.blankToNull(JsonFields.text(first, "dvpZipNo")),
                        JsonFields.blankToNull(JsonFields.text(first, "dvpStnmZipAddr")),
                        JsonFields.blankToNull(JsonFields.text(first, "dvpStnmDtlAddr"))),
                JsonFields.blankToNull(JsonFields.text(first, "dvMsg")),
                JsonFields.blankToNull(JsonFields.text(first, "indvCstmPclrNo")),
                "KRW", totals.items(), totals.discount(), totals.shipping(), totals.paid(), lines, raw.toString());
    }

    /** Lotte ON's progress step (odPrgsStepCd) onto the canonical status. */
    public static OrderStatus status(String step, String at) {
        if (step == null) {
            throw new MappingException(at + "odPrgsStepCd is missing");
        }
        return switch (step) {
            case "11" -> OrderStatus.PAID;
            case "12" -> OrderStatus.CONFIRMED;
            case "13" -> OrderStatus.SHIPPED;
            case "14", "15" -> OrderStatus.DELIVERED;
            case "23", "24", "25" -> OrderStatus.RETURN_REQUESTED;
            case "26" -> OrderStatus.RETURNED;
            default -> throw new MappingException(at + "odPrgsStepCd '" + step + "' is not a known Lotte ON step");
        };
    }

    /** sitmNm, with the added option (adtnOptNm: adtnOptVal) when there is one. */
    private static String optionName(JsonNode row) {
        String option = JsonFields.blankToNull(JsonFields.text(row, "sitmNm"));
        String addName = JsonFields.blankToNull(JsonFields.text(row, "adtnOptNm"));
        String addValue = JsonFields.blankToNull(JsonFields.text(row, "adtnOptVal"));
        if (addName == null) {
            return option;
        }
        String added = addName + (addValue == null ? "" : ": " + addValue);
        return option == null ? added : option + " / " + added;
    }

    private static int quantity(JsonNode row, String at) {
        JsonNode q = row.hasNonNull("odQty") ? row.get("odQty") : row.get("slQty");
        if (q == null || q.isNull()) {
            throw new MappingException(at + "odQty is missing");
        }
        String text = q.asText().trim();
        if (!text.matches("[0-9]{1,6}") || Integer.parseInt(text) <= 0) {
            throw new MappingException(at + "odQty is not a positive number");
        }
        return Integer.parseInt(text);
    }

    /** A number or a numeric string; {@code whenAbsent} when the field is missing or blank. */
    static BigDecimal money(JsonNode row, String field, String at, BigDecimal whenAbsent) {
        JsonNode v = row.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            return whenAbsent;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        try {
            return new BigDecimal(v.asText().trim());
        } catch (NumberFormatException e) {
            throw new MappingException(at + field + " is not a number");
        }
    }

    private static String id(JsonNode row, String field, String at) {
        String v = required(row, field, at);
        if (!v.matches("[0-9A-Za-z]{1,40}")) {
            throw new MappingException(at + field + " is not an id");
        }
        return v;
    }

    private static String required(JsonNode row, String field, String at) {
        String v = JsonFields.blankToNull(JsonFields.text(row, field));
        if (v == null) {
            throw new MappingException(at + field + " is missing");
        }
        return v.trim();
    }

    /** yyyyMMddHHmmss KST (or ISO-8601); null when absent. */
    static OffsetDateTime time(JsonNode row, String field) {
        String v = JsonFields.blankToNull(JsonFields.text(row, field));
        if (v == null) {
            return null;
        }
        if (v.matches("[0-9]{14}")) {
            try {
                return LocalDateTime.parse(v, SECOND).atZone(SEOUL).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw new MappingException(field + " is not a yyyyMMddHHmmss time");
            }
        }
        return JsonFields.time(row, field, SEOUL);
    }
}
