package io.marketbridge.marketplace.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.order.OrderJson;
import io.marketbridge.shipment.ShipUnit;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * ESM's side of the shipment flow (route esm-ship): one conversation per OrderNo (ESM has no bulk form).
 *
 * <pre>
 *   an earlier try may have got there  -> READ first (RequestOrders by order number): status 3 or later with our
 *                                         invoice = SENT without sending again
 *   not confirmed yet                  -> CHECK (OrderCheck), then SHIP
 *   confirmed                          -> SHIP (ShippingInfo: DeliveryCompanyCode, InvoiceNo, ShippingDate)
 *   CHECK or SHIP refused              -> READ once: our invoice is there = SENT; shipped with another = REJECTED
 *                                         ALREADY_SHIPPED; gone from the list (a claim) = REJECTED with ESM's code;
 *                                         status 2 after a refused SHIP = REJECTED with ESM's code (8668 ...)
 *   a new number for a shipped line    -> REJECTED UPDATE_NOT_SUPPORTED (no invoice-change call is documented)
 *   HTTP 5xx, timeouts                 -> FAILED, retried later with backoff
 * </pre>
 *
 * A restart while SENDING is settled by reading first: ShippingInfo is not idempotent at ESM (a second call on a
 * shipped order is refused, not acknowledged), so the read is what tells "reached ESM before the crash" (status 3
 * with our invoice) from "never sent".
 */
public class EsmShipments {

    static final String READ = "READ";
    static final String CHECK = "CHECK";
    static final String SHIP = "SHIP";
    static final String SHIPPING_INFO = "/shipping/v1/Delivery/ShippingInfo";
    static final DateTimeFormatter SHIPPING_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** ESM refuses a ShippingDate more than 2 days from the call; an older ERP date is replaced by now. */
    static final Duration SHIPPING_DATE_LIMIT = Duration.ofHours(47);

    private final Confirmations confirmations;
    private final Clock clock;

    public EsmShipments(Confirmations confirmations, Clock clock) {
        this.confirmations = confirmations;
        this.clock = clock;
    }

    /** Route step: the unit gets its first call. */
    public void begin(@Variable(ShipUnit.VARIABLE) ShipUnit unit) {
        if (unit.isUpdate()) {
            unit.rejected("UPDATE_NOT_SUPPORTED", "OrderNo " + unit.getShipmentId() + " was shipped with another tracking number;"
                    + " ESM's API has no invoice change: correct it in ESM+");
        } else if (unit.isReconcile()) {
            unit.next(READ);
        } else {
            unit.next(unit.isConfirmed() ? SHIP : CHECK);
        }
    }

    /** Route step: the ApiRequest for the unit's next call. */
    public ApiRequest request(@Variable(ShipUnit.VARIABLE) ShipUnit unit) {
        String orderNo = unit.getShipmentId();
        return switch (unit.getNextCall()) {
            case READ -> EsmOrders.lookup(unit.getMarketplace(), orderNo, clock, "read of OrderNo " + orderNo + " before/after shipping");
            case CHECK -> ApiRequest.withBody("POST", EsmOrders.ORDER_CHECK + orderNo, "{}",
                    "confirmation (OrderCheck) of OrderNo " + orderNo + " before shipping");
            case SHIP -> ApiRequest.withBody("POST", SHIPPING_INFO, shippingInfo(unit), "ShippingInfo of OrderNo " + orderNo);
            default -> throw new IllegalStateException("unknown call " + unit.getNextCall());
        };
    }

    String shippingInfo(ShipUnit unit) {
        Instant now = clock.instant();
        Instant shipped = unit.getShippedAt();
        if (shipped == null || shipped.isAfter(now) || shipped.isBefore(now.minus(SHIPPING_DATE_LIMIT))) {
            shipped = now;
        }
        return shippingInfo(unit.getShipmentId(), shipped, unit.getCourierCode(), unit.getTrackingNo());
    }

    /** ShippingInfo's body (esm.md 2.6); also what answers a buyer's cancel with a shipment (SHIP_INSTEAD). */
    static String shippingInfo(String orderNo, Instant shipped, String courierCode, String invoiceNo) {
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.put("OrderNo", Long.parseLong(orderNo));
        body.put("ShippingDate", SHIPPING_DATE.format(shipped.atZone(EsmOrderMapper.SEOUL)));
        body.put("DeliveryCompanyCode", Integer.parseInt(courierCode));
        body.put("InvoiceNo", invoiceNo);
        return body.toString();
    }

    /** Route step: reads the answer to the call just made and decides the next call or the outcome. */
    public void answer(@Variable(ShipUnit.VARIABLE) ShipUnit unit, @Body JsonNode answer) throws SQLException {
        String call = unit.getNextCall();
        unit.made(call);
        boolean ok = EsmApi.resultOk(answer);
        switch (call) {
            case CHECK -> {
                if (ok) {
                    confirmed(unit, "OK", "confirmed before shipping");
                    unit.next(SHIP);
                } else {
                    refusedThenRead(unit, answer);
                }
            }
            case SHIP -> {
                if (ok) {
                    unit.sent("OK", null);
                } else {
                    refusedThenRead(unit, answer);
                }
            }
            default -> afterRead(unit, answer);
        }
    }

    private static void refusedThenRead(ShipUnit unit, JsonNode answer) {
        unit.refused(EsmApi.resultCode(answer), answer.path("Message").asText(""));
        if (unit.hasMade(READ)) {
            unit.rejected(unit.getRefusalCode(), unit.getRefusalMessage());
        } else {
            unit.next(READ);
        }
    }

    private void afterRead(ShipUnit unit, JsonNode answer) throws SQLException {
        if (!EsmApi.resultOk(answer)) {
            unit.failed(EsmApi.resultCode(answer), "the read of OrderNo " + unit.getShipmentId() + " was refused: "
                    + answer.path("Message").asText(""), null);
            return;
        }
        JsonNode row = null;
        for (JsonNode r : answer.path("Data").path("RequestOrders")) {
            if (unit.getShipmentId().equals(r.path("OrderNo").asText())) {
                row = r;
            }
        }
        if (row == null) {
            unit.rejected(code(unit, "NOT_FOUND"), "OrderNo " + unit.getShipmentId() + " is not listed by ESM any more"
                    + " (cancelled, or in a cancel/return/exchange claim)" + detail(unit));
            return;
        }
        int status = row.path("OrderStatus").asInt(0);
        String invoice = row.path("NoSongjang").asText("");
        if (status >= 3) {
            if (invoice.equals(unit.getTrackingNo())) {
                unit.sent("ALREADY_SENT", "ESM already shows this invoice (OrderStatus " + status + ")");
            } else {
                unit.rejected("ALREADY_SHIPPED", "OrderNo " + unit.getShipmentId() + " is OrderStatus " + status
                        + " at ESM with another invoice" + detail(unit));
            }
        } else if (status == 2) {
            if (!unit.isConfirmed()) {
                confirmed(unit, "ALREADY_CONFIRMED", "OrderStatus 2 at ESM");
            }
            if (unit.hasMade(SHIP)) {
                unit.rejected(code(unit, "REFUSED"), "ShippingInfo of OrderNo " + unit.getShipmentId() + " was refused" + detail(unit));
            } else {
                unit.next(SHIP);
            }
        } else if (unit.hasMade(CHECK)) {
            unit.rejected(code(unit, "NOT_CONFIRMED"), "OrderNo " + unit.getShipmentId() + " could not be confirmed" + detail(unit));
        } else {
            unit.next(CHECK);
        }
    }

    private void confirmed(ShipUnit unit, String code, String message) throws SQLException {
        confirmations.record(unit.getAccount().id(), unit.getShipmentId(), Confirmations.CONFIRMED, code, message);
        unit.setConfirmed(true);
    }

    private static String code(ShipUnit unit, String fallback) {
        return unit.getRefusalCode() != null ? unit.getRefusalCode() : fallback;
    }

    private static String detail(ShipUnit unit) {
        return unit.getRefusalMessage() == null || unit.getRefusalMessage().isEmpty() ? "" : ": " + unit.getRefusalMessage();
    }
}
