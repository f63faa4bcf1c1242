package io.marketbridge.marketplace.lotteon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.order.OrderJson;
import io.marketbridge.shipment.ShipUnit;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * Lotte ON's side of the shipment flow (route lotteon-ship): one conversation per unit, a unit being the lines of one
 * order (odNo) that go out with one courier and tracking number. SellerDeliveryProgressStateInform takes one row per
 * line, so a unit holding only some of an order's lines sends only those.
 *
 * <pre>
 *   a row left SENDING (or a retry)      -> READ (SellerDeliveryProgressStateSearch) first:
 *        every line at 13+ with our number = SENT (nothing sent again); with another number = REJECTED;
 *        a line Lotte ON no longer lists (cancelled) = REJECTED; lines at 11/12 = PREPARE or SHIP
 *   ship.preparing-first and a line at 11 -> PREPARE (step 12), then SHIP
 *   SHIP (step 13, dvCoCd, invcNo, invcNbr 1): every row "0000" = SENT
 *   a row refused inside the "0000" envelope -> RECHECK (the state search): our number everywhere = SENT, else
 *        REJECTED with Lotte ON's code and message
 *   lines sent before with another number -> REJECTED (Lotte ON's API documents no change of invoice)
 * </pre>
 */
public class LotteonShipments {

    static final String READ = "READ";
    static final String RECHECK = "RECHECK";
    static final String PREPARE = "PREPARE";
    static final String SHIP = "SHIP";
    static final String INFORM = LotteonApi.DELIVERY + "SellerDeliveryProgressStateInform";
    static final String STATE = LotteonApi.DELIVERY + "SellerDeliveryProgressStateSearch";
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Set<String> SHIPPED = Set.of("13", "14", "15");

    /** Route step: the unit gets its first call. */
    public void begin(@Variable(ShipUnit.VARIABLE) ShipUnit unit) {
        if (unit.isUpdate()) {
            unit.rejected("UPDATE_NOT_SUPPORTED", "order " + unit.getShipmentId() + " was shipped with another tracking"
                    + " number; Lotte ON's API documents no change of invoice: correct it in the Lotte ON seller office");
        } else if (unit.isReconcile()) {
            unit.next(READ);
        } else {
            unit.next(unit.getAccount().flag(LotteonConnector.PREPARING_FIRST) ? PREPARE : SHIP);
        }
    }

    /** Route step: the ApiRequest for the unit's next call. */
    public ApiRequest request(@Variable(ShipUnit.VARIABLE) ShipUnit unit) {
        return switch (unit.getNextCall()) {
            case READ, RECHECK -> {
                ObjectNode body = OrderJson.mapper().createObjectNode();
                body.put("odNo", unit.getShipmentId());
                yield ApiRequest.withBody("POST", STATE, body.toString(), "progress state of order " + unit.getShipmentId());
            }
            case PREPARE -> ApiRequest.withBody("POST", INFORM, inform(unit, "12"), "step 12 (preparing) of order "
                    + unit.getShipmentId());
            case SHIP -> ApiRequest.withBody("POST", INFORM, inform(unit, "13"), (unit.isPartial() ? "partial shipment"
                    : "shipment") + " (step 13) of order " + unit.getShipmentId());
            default -> throw new IllegalStateException("unknown call " + unit.getNextCall());
        };
    }

    /** One row per line of the unit, every value a string; step 13 adds dvCoCd, invcNo and invcNbr. */
    static String inform(ShipUnit unit, String step) {
        Instant at = unit.getShippedAt() == null ? Instant.now() : unit.getShippedAt();
        String when = LotteonOrders.SECOND.format(at.atZone(SEOUL));
        ObjectNode body = OrderJson.mapper().createObjectNode();
        ArrayNode rows = body.putArray("deliveryProgressStateList");
        for (ShipUnit.Line line : unit.getLines()) {
            String[] key = LotteonOrderMapper.lineKey(line.lineId());
            ObjectNode row = rows.addObject();
            row.put("dvRtrvDvsCd", "DV");
            row.put("odNo", key[0]);
            row.put("odSeq", key[1]);
            row.put("procSeq", key[2]);
            row.put("odPrgsStepCd", step);
            row.put("dvTrcStatDttm", when);
            row.put("spdNo", line.productId());
            row.put("sitmNo", line.optionId() == null ? "" : line.optionId());
            row.put("slQty", String.valueOf(Math.max(1, line.quantity())));
            if (step.equals("13")) {
                row.put("dvCoCd", unit.getCourierCode());
                row.put("invcNo", unit.getTrackingNo());
                row.put("invcNbr", "1");
            }
        }
        return body.toString();
    }

    /** Route step: reads the answer to the call just made and decides the next call or the outcome. */
    public void answer(@Variable(ShipUnit.VARIABLE) ShipUnit unit, @Body JsonNode answer) {
        String call = unit.getNextCall();
        unit.made(call);
        switch (call) {
            case READ, RECHECK -> afterRead(unit, answer);
            case PREPARE -> unit.next(SHIP); // a refused 12 (already 12, cancelled) is settled by the 13 that follows
            default -> afterShip(unit, LotteonResults.of(answer, "deliveryProgressStateList"));
        }
    }

    private static void afterShip(ShipUnit unit, LotteonResults results) {
        for (ShipUnit.Line line : unit.getLines()) {
            String[] key = LotteonOrderMapper.lineKey(line.lineId());
            LotteonResults.Result r = results.row(key[0], key[1], key[2]);
            if (!r.ok()) {
                if (unit.hasMade(RECHECK)) {
                    unit.rejected(r.code(), "line " + line.lineId() + ": " + r.message());
                } else {
                    unit.refused(r.code(), "line " + line.lineId() + ": " + r.message());
                    unit.next(RECHECK); // the state tells "already shipped with this number" from a refusal
                }
                return;
            }
        }
        unit.sent(LotteonResults.OK, null);
    }

    private static void afterRead(ShipUnit unit, JsonNode answer) {
        Map<String, JsonNode> rows = new HashMap<>();
        JsonNode data = answer.path("data");
        JsonNode list = data.path("deliveryProgressStateList").isArray() ? data.path("deliveryProgressStateList")
                : data.path("deliveryOrderList");
        for (JsonNode row : list) {
            if (!"RTRV".equals(JsonFields.text(row, "dvRtrvDvsCd"))) {
                rows.put(LotteonOrderMapper.lineId(JsonFields.text(row, "odNo"), JsonFields.text(row, "odSeq"),
                        JsonFields.text(row, "procSeq")), row);
            }
        }
        boolean allOurs = true;
        boolean anyAtStart = false;
        boolean anyAtEleven = false;
        for (ShipUnit.Line line : unit.getLines()) {
            JsonNode row = rows.get(line.lineId());
            if (row == null) {
                unit.rejected(code(unit, "NOT_FOUND"), "Lotte ON does not list line " + line.lineId()
                        + " (cancelled?)" + detail(unit));
                return;
            }
            String step = String.valueOf(JsonFields.text(row, "odPrgsStepCd"));
            if (SHIPPED.contains(step)) {
                String invcNo = JsonFields.blankToNull(JsonFields.text(row, "invcNo"));
                String dvCoCd = JsonFields.blankToNull(JsonFields.text(row, "dvCoCd"));
                if (!unit.getTrackingNo().equals(invcNo) || dvCoCd != null && !dvCoCd.equals(unit.getCourierCode())) {
                    unit.rejected(code(unit, "ALREADY_SHIPPED"), "line " + line.lineId() + " was shipped at Lotte ON with"
                            + " another tracking number" + detail(unit));
                    return;
                }
            } else if (step.equals("11") || step.equals("12")) {
                allOurs = false;
                anyAtStart = true;
                anyAtEleven |= step.equals("11");
            } else {
                unit.rejected(code(unit, "NOT_SHIPPABLE"), "line " + line.lineId() + " is at step " + step
                        + " at Lotte ON" + detail(unit));
                return;
            }
        }
        if (allOurs) {
            unit.sent("ALREADY_SENT", "Lotte ON already shows this courier and tracking number");
        } else if (unit.getRefusalCode() != null || unit.hasMade(SHIP)) {
            // refused, and not shipped: the refusal stands
            unit.rejected(code(unit, "UNSETTLED"), "order " + unit.getShipmentId() + " is not shipped at Lotte ON" + detail(unit));
        } else if (anyAtStart && anyAtEleven && unit.getAccount().flag(LotteonConnector.PREPARING_FIRST)
                && !unit.hasMade(PREPARE)) {
            unit.next(PREPARE);
        } else {
            unit.next(SHIP);
        }
    }

    private static String code(ShipUnit unit, String fallback) {
        return unit.getRefusalCode() != null ? unit.getRefusalCode() : fallback;
    }

    private static String detail(ShipUnit unit) {
        return unit.getRefusalMessage() == null || unit.getRefusalMessage().isEmpty() ? "" : ": " + unit.getRefusalMessage();
    }

}
