package io.marketbridge.simulator.lotteon;

import static io.marketbridge.simulator.lotteon.LotteonReplies.OK;
import static io.marketbridge.simulator.lotteon.LotteonStore.SECOND;
import static io.marketbridge.simulator.lotteon.LotteonStore.SEOUL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.TrackingNumbers;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The four delivery operations of Lotte ON (lotteon.md 4.3), all POST with a JSON body: the order search
 * (windows of at most one day, 2003 beyond), IfComplete (ifCplYN = Y), the progress-state inform (11 -> 12 -> 13
 * -> 14, 23/24/25 -> 26) and the progress-state search. Inform answers are a "0000" envelope with data.rsltCd and,
 * with the rowResults switch, one result per row (resultCode / resultMessage), so failed rows hide in a successful
 * envelope.
 *
 * <p>Result codes other than 0000, 2003 and 3024 are the simulator's own (Lotte ON publishes none): 2001 a missing
 * field, 2002 a bad date, 3101 a cancelled line, 3102 a step the line cannot take, 3103 an unknown courier, 3104 an
 * invoice number the courier does not issue, 3105 no such line.
 */
final class LotteonDelivery {

    /** dvCoCd -> the invoice-number rule (digits; lengths as TrackingNumbers reads them). */
    static final Map<String, String> COURIERS = Map.ofEntries(Map.entry("0001", "10|12|13"), Map.entry("0002", "10|12"),
            Map.entry("0004", "13"), Map.entry("0005", "10|11"), Map.entry("0006", "10|12"), Map.entry("0023", "8-16"),
            Map.entry("0024", "8-16"), Map.entry("0028", "13"), Map.entry("0041", "8-16"), Map.entry("0043", "11"),
            Map.entry("0049", "8-16"));

    private final LotteonStore store;
    private final LotteonFaults faults;
    /** Told of each line step 13 shipped (the buyers may return it later). */
    private final java.util.function.Consumer<LotteonLine> onShipped;

    LotteonDelivery(LotteonStore store, LotteonFaults faults, java.util.function.Consumer<LotteonLine> onShipped) {
        this.store = store;
        this.faults = faults;
        this.onShipped = onShipped;
    }

    // ---------------------------------------------------------------- SellerDeliveryOrdersSearch

    SimReply search(LotteonTrader t, JsonNode body) {
        store.searchCalls.incrementAndGet();
        if (faults.requireTrNo && text(body, "trNo").isEmpty()) {
            return LotteonReplies.error("2001", "필수 입력값이 누락되었습니다. (trNo)");
        }
        LocalDateTime from = second(text(body, "srchStrtDt"));
        LocalDateTime to = second(text(body, "srchEndDt"));
        if (from == null || to == null || to.isBefore(from)) {
            return LotteonReplies.error("2002", "조회 기간의 형식이 올바르지 않습니다. (yyyyMMddHHmmss)");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(1)) > 0) {
            return LotteonReplies.error("2003", "조회 기간은 최대 1일까지 가능합니다.");
        }
        List<LotteonLine> rows = store.search(t, from.atZone(SEOUL), to.atZone(SEOUL), text(body, "odPrgsStepCd"),
                text(body, "ifCplYN"), text(body, "odNo"));
        ArrayNode list = LotteonReplies.array();
        synchronized (t) {
            for (LotteonLine l : rows) {
                list.add(LotteonRows.row(l, faults));
            }
        }
        ObjectNode data = LotteonReplies.object();
        data.set("deliveryOrderList", list);
        return LotteonReplies.ok(data);
    }

    // ---------------------------------------------------------------- SellerIfCompleteInform

    SimReply ifComplete(LotteonTrader t, JsonNode body) {
        store.ifCompleteCalls.incrementAndGet();
        return rows(t, body, "ifCompleteList", (l, item, result) -> {
            if (l.cancelled) {
                result.refuse("3101", "취소된 주문입니다.");
            } else {
                l.ifCplYN = "Y";
                if (faults.ifCompleteMovesToPreparing && "11".equals(l.step)) {
                    l.step = "12";
                    l.stepAt = ZonedDateTime.now(SEOUL);
                }
            }
        });
    }

    // ---------------------------------------------------------------- SellerDeliveryProgressStateInform

    SimReply inform(LotteonTrader t, JsonNode body) {
        store.informCalls.incrementAndGet();
        return rows(t, body, "deliveryProgressStateList", (l, item, result) -> {
            String to = text(item, "odPrgsStepCd");
            if (!List.of("12", "13", "14", "24", "25", "26").contains(to)) {
                result.refuse("3024", "유효하지 않은 진행단계 코드입니다.");
                return;
            }
            if (l.cancelled) {
                result.refuse("3101", "취소된 주문입니다.");
                return;
            }
            String from = l.step;
            boolean allowed = switch (to) {
                case "12" -> from.equals("11");
                case "13" -> from.equals("12") || from.equals("11") && !faults.requireStep12;
                case "14" -> from.equals("13");
                case "24" -> from.equals("23");
                case "25" -> from.equals("23") || from.equals("24");
                default -> from.equals("23") || from.equals("24") || from.equals("25"); // 26: return confirmed
            };
            if (!allowed) {
                result.refuse("3102", "현재 진행단계(" + from + ")에서 요청한 단계(" + to + ")로 변경할 수 없습니다.");
                return;
            }
            if (to.equals("13")) {
                String dvCoCd = text(item, "dvCoCd");
                String invcNo = text(item, "invcNo");
                if (!COURIERS.containsKey(dvCoCd)) {
                    result.refuse("3103", "유효하지 않은 택배사 코드입니다.");
                    return;
                }
                if (!TrackingNumbers.digitsOfLength(COURIERS.get(dvCoCd), invcNo)) {
                    result.refuse("3104", "송장번호 형식이 올바르지 않습니다.");
                    return;
                }
                l.dvCoCd = dvCoCd;
                l.invcNo = invcNo;
                l.shipments++;
                onShipped.accept(l);
            }
            l.step = to;
            l.stepAt = ZonedDateTime.now(SEOUL);
        });
    }

    // ---------------------------------------------------------------- SellerDeliveryProgressStateSearch

    /** Body {odNo, odSeq?, procSeq?}: the order's rows (delivery and return) with their step and invoice. */
    SimReply stateSearch(LotteonTrader t, JsonNode body) {
        store.stateCalls.incrementAndGet();
        String odNo = text(body, "odNo");
        if (odNo.isEmpty()) {
            return LotteonReplies.error("2001", "필수 입력값이 누락되었습니다. (odNo)");
        }
        ArrayNode list = LotteonReplies.array();
        synchronized (t) {
            LotteonOrder o = t.orders.get(odNo);
            if (o != null) {
                for (LotteonLine l : o.lines.values()) {
                    boolean seqOk = text(body, "odSeq").isEmpty() || text(body, "odSeq").equals(String.valueOf(l.odSeq));
                    boolean procOk = text(body, "procSeq").isEmpty() || text(body, "procSeq").equals(String.valueOf(l.procSeq));
                    if (seqOk && procOk && !l.cancelled) {
                        list.add(LotteonRows.state(l));
                    }
                }
            }
        }
        ObjectNode data = LotteonReplies.object();
        data.set("deliveryProgressStateList", list);
        return LotteonReplies.ok(data);
    }

    // ---------------------------------------------------------------- rows of an inform call

    /** One row's result, refused or not. */
    static final class Result {
        String code = OK;
        String message = "성공";

        void refuse(String c, String m) {
            code = c;
            message = m;
        }
    }

    interface RowAction {
        void apply(LotteonLine line, JsonNode item, Result result);
    }

    private SimReply rows(LotteonTrader t, JsonNode body, String listName, RowAction action) {
        JsonNode items = body.path(listName);
        if (!items.isArray() || items.isEmpty()) {
            return LotteonReplies.error("2001", "필수 입력값이 누락되었습니다. (" + listName + ")");
        }
        ArrayNode results = LotteonReplies.array();
        String firstFailure = null;
        String firstMessage = null;
        synchronized (t) {
            for (JsonNode item : items) {
                Result result = new Result();
                String forced = faults.rowCodes.poll();
                LotteonOrder o = t.orders.get(text(item, "odNo"));
                LotteonLine l = o == null ? null : o.lines.get(LotteonLine.key(text(item, "odSeq"), text(item, "procSeq")));
                if (forced != null) {
                    result.refuse(forced, "시뮬레이터가 지정한 응답입니다.");
                } else if (l == null) {
                    result.refuse("3105", "주문 정보를 찾을 수 없습니다.");
                } else {
                    action.apply(l, item, result);
                }
                ObjectNode r = results.addObject();
                r.put("odNo", text(item, "odNo"));
                r.put("odSeq", text(item, "odSeq"));
                r.put("procSeq", text(item, "procSeq"));
                r.put("resultCode", result.code);
                r.put("resultMessage", result.message);
                if (firstFailure == null && !OK.equals(result.code)) {
                    firstFailure = result.code;
                    firstMessage = result.message;
                }
            }
        }
        ObjectNode data = LotteonReplies.object();
        if (faults.rowResults) {
            data.put("rsltCd", OK);
            data.put("rsltMsg", "성공");
            data.set(listName, results);
        } else {
            data.put("rsltCd", firstFailure == null ? OK : firstFailure);
            data.put("rsltMsg", firstFailure == null ? "성공" : firstMessage);
        }
        return LotteonReplies.ok(data);
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? "" : v.asText().trim();
    }

    static LocalDateTime second(String s) {
        if (s == null || !s.matches("[0-9]{14}")) {
            return null;
        }
        try {
            return LocalDateTime.parse(s, SECOND);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

}
