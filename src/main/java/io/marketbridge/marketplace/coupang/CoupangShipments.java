package io.marketbridge.marketplace.coupang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.order.OrderJson;
import io.marketbridge.shipment.ShipUnit;
import java.sql.SQLException;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * Coupang's side of the shipment flow (route coupang-ship): one conversation per shipmentBoxId.
 *
 * <pre>
 *   box not acknowledged yet          -> ACK (ACCEPT -> INSTRUCT), then UPLOAD
 *   an earlier try may have got there -> READ first: the box already shows our number = SENT, no upload
 *   lines sent before with another no -> UPDATE (updateInvoices)
 *   UPLOAD / UPDATE refused           -> READ once: "already shipped with this number" counts as SENT,
 *                                        a new number for a DEPARTURE box becomes an UPDATE, else REJECTED
 *   refused with retryRequired=true   -> FAILED (retried later with backoff)
 * </pre>
 */
public class CoupangShipments {

    static final String ACK = "ACK";
    static final String READ = "READ";
    static final String UPLOAD = "UPLOAD";
    static final String UPDATE = "UPDATE";
    private static final String API = "/v2/providers/openapi/apis/api";
    private static final Set<String> SHIPPED = Set.of("DEPARTURE", "DELIVERING", "FINAL_DELIVERY");

    private final Confirmations confirmations;

    public CoupangShipments(Confirmations confirmations) {
        this.confirmations = confirmations;
    }

    /** Route step: the unit gets its first call. */
    public void begin(@Variable(ShipUnit.VARIABLE) ShipUnit unit) {
        if (!unit.isConfirmed()) {
            unit.next(ACK);
        } else if (unit.isReconcile()) {
            unit.next(READ);
        } else {
            unit.next(unit.isUpdate() ? UPDATE : UPLOAD);
        }
    }

    /** Route step: the ApiRequest for the unit's next call. */
    public ApiRequest request(@Variable(ShipUnit.VARIABLE) ShipUnit unit) {
        String vendor = unit.getAccount().get(CoupangConnector.VENDOR_ID);
        return switch (unit.getNextCall()) {
            case ACK -> {
                ObjectNode body = OrderJson.mapper().createObjectNode();
                body.put("vendorId", vendor);
                body.putArray("shipmentBoxIds").add(Long.parseLong(unit.getShipmentId()));
                yield ApiRequest.withBody("PUT", API + "/v4/vendors/" + vendor + "/ordersheets/acknowledgement",
                        body.toString(), "acknowledgement before shipping box " + unit.getShipmentId());
            }
            case READ -> ApiRequest.get(API + "/v5/vendors/" + vendor + "/ordersheets/" + unit.getShipmentId(), "",
                    "read of box " + unit.getShipmentId());
            case UPLOAD, UPDATE -> ApiRequest.withBody("POST", API + "/v4/vendors/" + vendor + "/orders/"
                            + (unit.getNextCall().equals(UPLOAD) ? "invoices" : "updateInvoices"), invoiceBody(vendor, unit),
                    (unit.getNextCall().equals(UPLOAD) ? "invoice upload" : "invoice update") + " of box " + unit.getShipmentId());
            default -> throw new IllegalStateException("unknown call " + unit.getNextCall());
        };
    }

    /** One entry per vendorItemId of the box; every field is required by Coupang ("" for unused strings). */
    static String invoiceBody(String vendor, ShipUnit unit) {
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.put("vendorId", vendor);
        ArrayNode entries = body.putArray("orderSheetInvoiceApplyDtos");
        for (ShipUnit.Line line : unit.getLines()) {
            ObjectNode e = entries.addObject();
            e.put("shipmentBoxId", Long.parseLong(unit.getShipmentId()));
            e.put("orderId", Long.parseLong(unit.getOrderId()));
            e.put("vendorItemId", Long.parseLong(line.optionId()));
            e.put("deliveryCompanyCode", unit.getCourierCode());
            e.put("invoiceNumber", unit.getTrackingNo());
            e.put("splitShipping", unit.isPartial());
            e.put("preSplitShipped", false);
            e.put("estimatedShippingDate", "");
        }
        return body.toString();
    }

    /** Route step: reads the answer to the call just made and decides the next call or the outcome. */
    public void answer(@Variable(ShipUnit.VARIABLE) ShipUnit unit, @Body JsonNode root) throws SQLException {
        String call = unit.getNextCall();
        unit.made(call);
        switch (call) {
            case ACK -> afterAcknowledgement(unit, item(root, unit));
            case READ -> afterRead(unit, root.path("data"));
            default -> afterInvoice(unit, item(root, unit));
        }
    }

    private void afterAcknowledgement(ShipUnit unit, JsonNode item) throws SQLException {
        if (item != null && item.path("succeed").asBoolean(false)) {
            confirmations.record(unit.getAccount().id(), unit.getShipmentId(), Confirmations.CONFIRMED, "OK",
                    "acknowledged before shipping");
            unit.setConfirmed(true);
            unit.next(unit.isUpdate() ? UPDATE : UPLOAD);
        } else {
            unit.next(READ); // already INSTRUCT (acknowledged elsewhere), cancelled, ...: the box's state decides
        }
    }

    private void afterRead(ShipUnit unit, JsonNode sheet) throws SQLException {
        if (!sheet.isObject()) {
            unit.failed("NO_RESULT", "Coupang answered the read of box " + unit.getShipmentId() + " without the box", null);
            return;
        }
        String status = sheet.path("status").asText();
        String invoice = sheet.path("invoiceNumber").asText("");
        if (allCanceled(unit, sheet)) {
            unit.rejected("ORDER_DELIVERY_CANCELED", "box " + unit.getShipmentId() + " was cancelled at Coupang");
        } else if (SHIPPED.contains(status) && invoice.equals(unit.getTrackingNo())) {
            unit.sent("ALREADY_SENT", "Coupang already shows this tracking number (box " + status + ")");
        } else if ("ACCEPT".equals(status)) {
            if (unit.hasMade(ACK)) {
                unit.rejected(code(unit, "INVALID_STATUS"), "box " + unit.getShipmentId()
                        + " is still ACCEPT after acknowledging it" + detail(unit));
            } else {
                unit.next(ACK);
            }
        } else if ("INSTRUCT".equals(status)) {
            if (!unit.isConfirmed()) {
                confirmations.record(unit.getAccount().id(), unit.getShipmentId(), Confirmations.CONFIRMED,
                        "ALREADY_ACKNOWLEDGED", "the box is INSTRUCT at Coupang");
                unit.setConfirmed(true);
            }
            if (unit.hasMade(UPLOAD)) {
                unit.rejected(code(unit, "INVALID_STATUS"), "Coupang refused the upload for box " + unit.getShipmentId() + detail(unit));
            } else {
                unit.next(UPLOAD);
            }
        } else if ("DEPARTURE".equals(status) && !unit.hasMade(UPDATE)) {
            unit.next(UPDATE); // shipped with another number: change it
        } else {
            unit.rejected(code(unit, "INVALID_STATUS"), "box " + unit.getShipmentId() + " is " + status
                    + (invoice.isEmpty() ? "" : " with another tracking number") + " at Coupang" + detail(unit));
        }
    }

    private static boolean allCanceled(ShipUnit unit, JsonNode sheet) {
        boolean any = false;
        for (JsonNode item : sheet.path("orderItems")) {
            String vendorItemId = item.path("vendorItemId").asText();
            if (unit.getLines().stream().anyMatch(l -> vendorItemId.equals(l.optionId()))) {
                if (!item.path("canceled").asBoolean(false)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private void afterInvoice(ShipUnit unit, JsonNode item) {
        if (item == null) {
            unit.failed("NO_RESULT", "Coupang's answer has no result for box " + unit.getShipmentId(), null);
            return;
        }
        if (item.path("succeed").asBoolean(false)) {
            unit.sent(item.path("resultCode").asText("OK"), null);
            return;
        }
        String code = item.path("resultCode").asText("UNKNOWN");
        String message = item.path("resultMessage").asText("");
        if (item.path("retryRequired").asBoolean(false)) {
            unit.failed(code, message, null);
        } else if (!unit.hasMade(READ) || unit.getRefusalCode() == null) {
            unit.refused(code, message); // a read tells whether it is "already shipped with this number"
            unit.next(READ);
        } else {
            unit.rejected(code, message);
        }
    }

    private static String code(ShipUnit unit, String fallback) {
        return unit.getRefusalCode() != null ? unit.getRefusalCode() : fallback;
    }

    private static String detail(ShipUnit unit) {
        return unit.getRefusalMessage() == null || unit.getRefusalMessage().isEmpty() ? "" : ": " + unit.getRefusalMessage();
    }

    /** The responseList item of the unit's box, null when absent. */
    private static JsonNode item(JsonNode root, ShipUnit unit) {
        for (JsonNode item : root.path("data").path("responseList")) {
            if (unit.getShipmentId().equals(item.path("shipmentBoxId").asText())) {
                return item;
            }
        }
        return null;
    }
}
