package io.marketbridge.marketplace.naver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.order.OrderJson;
import io.marketbridge.shipment.ShipBatch;
import io.marketbridge.shipment.ShipUnit;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;

/**
 * Naver's side of the shipment flow (route naver-ship). Naver ships per productOrderId and takes up to 30 of
 * them per call, so one conversation serves the whole batch; each call is chosen from the units' states:
 *
 * <pre>
 *   an earlier try may have got there  -> READ (query) first: already DELIVERING with our number = SENT
 *   not confirmed yet                  -> CONFIRM (chunks of 30), then DISPATCH
 *   confirmed                          -> DISPATCH (chunks of 30)
 *   CONFIRM or DISPATCH refused        -> RECHECK (query): our number is there = SENT; code 9999 = FAILED
 *                                         (retried later); else REJECTED with Naver's code and message
 *   a new number for a dispatched line -> REJECTED: the API has no tracking-number change
 * </pre>
 */
public class NaverShipments {

    static final String READ = "READ";
    static final String CONFIRM = "CONFIRM";
    static final String DISPATCH = "DISPATCH";
    static final String RECHECK = "RECHECK";
    static final int CHUNK = 30;
    static final int QUERY_CHUNK = 300;
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Set<String> SHIPPED = Set.of("DELIVERING", "DELIVERED", "PURCHASE_DECIDED");
    /** Naver's "other error": worth another try later, unlike the courier and invoice codes. */
    private static final Set<String> RETRYABLE = Set.of("9999");

    /** Route variable: the call in flight, null when the conversation is over (the route's loop condition). */
    public static final String CALL = "naverCall";

    /** The call in flight: its kind and its units, by productOrderId. */
    record Call(String kind, Map<String, ShipUnit> units) {
    }

    private final Confirmations confirmations;

    public NaverShipments(Confirmations confirmations) {
        this.confirmations = confirmations;
    }

    /** Route step: settles what needs no call; returns the first call (null: none is due). */
    public Call begin(@ExchangeProperty(ShipBatch.PROPERTY) ShipBatch batch) {
        for (ShipUnit unit : batch.getUnits()) {
            if (unit.isUpdate()) {
                unit.rejected("UPDATE_NOT_SUPPORTED", "product order " + unit.getShipmentId() + " was dispatched with another"
                        + " tracking number; Naver's API cannot change it: correct it in the Naver seller center");
            }
        }
        return next(batch);
    }

    private static Call next(ShipBatch batch) {
        List<ShipUnit> open = batch.getUnits().stream().filter(u -> !u.isFinished()).toList();
        Call read = pick(open, READ, QUERY_CHUNK, u -> u.isReconcile() && !u.hasMade(READ));
        if (read == null) {
            read = pick(open, RECHECK, QUERY_CHUNK, u -> u.getRefusalCode() != null && !u.hasMade(RECHECK));
        }
        if (read != null) {
            return read;
        }
        Call confirm = pick(open, CONFIRM, CHUNK, u -> !u.isConfirmed() && !u.hasMade(CONFIRM));
        if (confirm != null) {
            return confirm;
        }
        Call dispatch = pick(open, DISPATCH, CHUNK, u -> u.isConfirmed() && !u.hasMade(DISPATCH));
        if (dispatch != null) {
            return dispatch;
        }
        for (ShipUnit unit : open) {
            unit.failed("UNSETTLED", "Naver's answers did not settle product order " + unit.getShipmentId(), null);
        }
        return null;
    }

    private static Call pick(List<ShipUnit> open, String kind, int max, java.util.function.Predicate<ShipUnit> wanted) {
        Map<String, ShipUnit> units = new java.util.LinkedHashMap<>();
        for (ShipUnit unit : open) {
            if (units.size() < max && wanted.test(unit)) {
                units.put(unit.getShipmentId(), unit);
            }
        }
        return units.isEmpty() ? null : new Call(kind, units);
    }

    /** Route step: the ApiRequest of the call due. */
    public ApiRequest request(@Variable(CALL) Call call) {
        List<String> ids = List.copyOf(call.units().keySet());
        return switch (call.kind()) {
            case READ, RECHECK -> NaverOrders.queryRequest(ids, "read of " + ids.size() + " product orders before/after shipping");
            case CONFIRM -> {
                ObjectNode body = OrderJson.mapper().createObjectNode();
                ArrayNode array = body.putArray("productOrderIds");
                ids.forEach(array::add);
                yield ApiRequest.withBody("POST", NaverOrders.PAY_ORDER + "/confirm", body.toString(),
                        "confirmation of " + ids.size() + " product orders before shipping");
            }
            default -> ApiRequest.withBody("POST", NaverOrders.PAY_ORDER + "/dispatch", dispatchBody(call.units().values()),
                    "dispatch of " + ids.size() + " product orders");
        };
    }

    /** One entry per product order: courier code and number, or DIRECT_DELIVERY without a courier. */
    static String dispatchBody(Iterable<ShipUnit> units) {
        ObjectNode body = OrderJson.mapper().createObjectNode();
        ArrayNode entries = body.putArray("dispatchProductOrders");
        for (ShipUnit unit : units) {
            ObjectNode e = entries.addObject();
            e.put("productOrderId", unit.getShipmentId());
            if ("DIRECT".equals(unit.getCourier().code())) {
                e.put("deliveryMethod", "DIRECT_DELIVERY");
                if (!unit.getTrackingNo().isEmpty()) {
                    e.put("trackingNumber", unit.getTrackingNo());
                }
            } else {
                e.put("deliveryMethod", "DELIVERY");
                e.put("deliveryCompanyCode", unit.getCourierCode());
                e.put("trackingNumber", unit.getTrackingNo());
            }
            e.put("dispatchDate", NaverOrders.NAVER_TIME.format(OffsetDateTime.ofInstant(unit.getShippedAt(), SEOUL)));
        }
        return body.toString();
    }

    /** Route step: reads the answer to the call just made; returns the next call (null: none is due). */
    public Call answer(@ExchangeProperty(ShipBatch.PROPERTY) ShipBatch batch, @Variable(CALL) Call call, @Body JsonNode answer)
            throws SQLException {
        call.units().values().forEach(u -> u.made(call.kind()));
        JsonNode data = answer.path("data");
        switch (call.kind()) {
            case READ, RECHECK -> afterRead(call, data);
            case CONFIRM -> afterConfirm(call, data);
            default -> afterDispatch(call, data);
        }
        return next(batch);
    }

    private void afterRead(Call call, JsonNode data) throws SQLException {
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode detail : data) {
            byId.put(detail.path("productOrder").path("productOrderId").asText(), detail);
        }
        for (ShipUnit unit : call.units().values()) {
            JsonNode detail = byId.get(unit.getShipmentId());
            if (detail == null) {
                unit.failed("NO_RESULT", "Naver's answer has no product order " + unit.getShipmentId(), null);
                continue;
            }
            JsonNode po = detail.path("productOrder");
            String status = po.path("productOrderStatus").asText();
            String tracking = detail.path("delivery").path("trackingNumber").asText("");
            if (SHIPPED.contains(status)) {
                if (tracking.equals(unit.getTrackingNo())) {
                    unit.sent("ALREADY_SENT", "Naver already shows this tracking number (" + status + ")");
                } else {
                    unit.rejected(code(unit, "ALREADY_DISPATCHED"), "product order " + unit.getShipmentId() + " is " + status
                            + (tracking.isEmpty() ? "" : " with another tracking number") + " at Naver" + detail(unit));
                }
            } else if (!"PAYED".equals(status)) {
                unit.rejected(code(unit, "NOT_SHIPPABLE"), "product order " + unit.getShipmentId() + " is " + status
                        + " at Naver" + detail(unit));
            } else if (NaverOrderMapper.claim(detail, po) != null
                    && NaverOrderMapper.status(status, null, NaverOrderMapper.claim(detail, po)).name().endsWith("_REQUESTED")) {
                unit.rejected("CANCEL_REQUESTED", "product order " + unit.getShipmentId() + " has an open "
                        + po.path("claimType").asText("claim") + " request at Naver: it must not be shipped");
            } else if (unit.getRefusalCode() != null && RETRYABLE.contains(unit.getRefusalCode())) {
                unit.failed(unit.getRefusalCode(), unit.getRefusalMessage(), null);
            } else if (unit.getRefusalCode() != null && (unit.hasMade(DISPATCH) || !"OK".equals(po.path("placeOrderStatus").asText()))) {
                unit.rejected(unit.getRefusalCode(), unit.getRefusalMessage());
            } else {
                if ("OK".equals(po.path("placeOrderStatus").asText()) && !unit.isConfirmed()) {
                    confirmed(unit, "ALREADY_CONFIRMED", "placeOrderStatus is OK at Naver");
                }
                unit.refused(null, null); // settled: on to the next step
            }
        }
    }

    private void afterConfirm(Call call, JsonNode data) throws SQLException {
        for (JsonNode ok : data.path("successProductOrderInfos")) {
            ShipUnit unit = call.units().get(ok.path("productOrderId").asText());
            if (unit != null && !unit.isConfirmed()) {
                confirmed(unit, "OK", "confirmed before shipping");
            }
        }
        for (JsonNode fail : data.path("failProductOrderInfos")) {
            ShipUnit unit = call.units().get(fail.path("productOrderId").asText());
            if (unit != null) {
                unit.refused(fail.path("code").asText("UNKNOWN"), fail.path("message").asText(""));
            }
        }
        for (ShipUnit unit : call.units().values()) {
            if (!unit.isConfirmed() && unit.getRefusalCode() == null) {
                unit.refused("NO_RESULT", "no per-item result for the confirmation");
            }
        }
    }

    private void afterDispatch(Call call, JsonNode data) {
        for (JsonNode id : data.path("successProductOrderIds")) {
            ShipUnit unit = call.units().get(id.asText());
            if (unit != null) {
                unit.sent("OK", null);
            }
        }
        for (JsonNode fail : data.path("failProductOrderInfos")) {
            ShipUnit unit = call.units().get(fail.path("productOrderId").asText());
            if (unit != null && !unit.isFinished()) {
                unit.refused(fail.path("code").asText("UNKNOWN"), fail.path("message").asText(""));
            }
        }
        for (ShipUnit unit : call.units().values()) {
            if (!unit.isFinished() && unit.getRefusalCode() == null) {
                unit.refused("NO_RESULT", "no per-item result for the dispatch");
            }
        }
    }

    private void confirmed(ShipUnit unit, String code, String message) throws SQLException {
        confirmations.record(unit.getAccount().id(), unit.getShipmentId(), Confirmations.CONFIRMED, code, message);
        unit.setConfirmed(true);
    }

    /** Route step (doCatch): a call failed as a whole; every unit not settled yet ends by that error. */
    public void failRemaining(@ExchangeProperty(ShipBatch.PROPERTY) ShipBatch batch,
                              @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable e) {
        for (ShipUnit unit : batch.getUnits()) {
            if (!unit.isFinished()) {
                unit.failedBy(e);
            }
        }
    }

    private static String code(ShipUnit unit, String fallback) {
        return unit.getRefusalCode() != null ? unit.getRefusalCode() : fallback;
    }

    private static String detail(ShipUnit unit) {
        return unit.getRefusalMessage() == null || unit.getRefusalMessage().isEmpty() ? "" : ": " + unit.getRefusalMessage();
    }
}
