package io.marketbridge.marketplace.qoo10;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.config.Account;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.shipment.ShipUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * Qoo10's side of the shipment flow (route qoo10-ship): one conversation per orderNo with
 * ShippingBasic.SetSendingInfo (OrderNo, ShippingCorp = the carrier's name as Qoo10 knows it, TrackingNo).
 *
 * <pre>
 *   an earlier try may have got there  -> READ first (GetShippingAndClaimInfoByOrderNo_V2): status 4/5 with our
 *                                         number = SENT ALREADY_SENT without sending again
 *   otherwise                          -> SEND (status 2 or 3 -> 4; confirming first is optional at Qoo10)
 *   SEND refused (ResultCode != 0)     -> READ once: our number there = SENT; shipped with another = REJECTED
 *                                         ALREADY_SHIPPED; a cancel claim = REJECTED CANCEL_REQUESTED; still 2/3 =
 *                                         REJECTED with Qoo10's code and message (an unregistered carrier name, ...)
 *   a new number for a shipped line    -> REJECTED UPDATE_NOT_SUPPORTED (whether SetSendingInfo overwrites is not documented)
 * </pre>
 *
 * The carrier name is the courier table's qoo10 column, unless the account's carrier-names overrides it
 * ("YAMATO=ヤマト運輸,SAGAWA=Sagawa"): Qoo10 matches the string against its own carrier list, whose exact
 * spellings are not published.
 */
public class Qoo10Shipments {

    static final String READ = "READ";
    static final String SEND = "SEND";
    static final String SET_SENDING_INFO = "ShippingBasic.SetSendingInfo";
    static final String READ_ORDER = "ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2";

    public void begin(@Variable(ShipUnit.VARIABLE) ShipUnit unit) {
        if (unit.isUpdate()) {
            unit.rejected("UPDATE_NOT_SUPPORTED", "orderNo " + unit.getShipmentId() + " was shipped with another tracking"
                    + " number; change it in QSM (Qoo10's API documents no tracking number change)");
        } else if (unit.isReconcile()) {
            unit.next(READ);
        } else {
            unit.next(SEND);
        }
    }

    public ApiRequest request(@Variable(ShipUnit.VARIABLE) ShipUnit unit) {
        String orderNo = unit.getShipmentId();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("OrderNo", orderNo);
        if (READ.equals(unit.getNextCall())) {
            return Qoo10Api.call(READ_ORDER, p, "read of orderNo " + orderNo + " before/after shipping");
        }
        p.put("ShippingCorp", carrierName(unit.getAccount(), unit.getCourier().code(), unit.getCourierCode()));
        p.put("TrackingNo", unit.getTrackingNo());
        return Qoo10Api.call(SET_SENDING_INFO, p, "SetSendingInfo of orderNo " + orderNo);
    }

    /** The account's own name for the courier (carrier-names), else the courier table's. */
    static String carrierName(Account account, String canonical, String tableName) {
        String overrides = account.get(Qoo10Connector.CARRIER_NAMES);
        if (overrides != null) {
            for (String pair : overrides.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase(canonical)) {
                    return pair.substring(eq + 1).trim();
                }
            }
        }
        return tableName;
    }

    public void answer(@Variable(ShipUnit.VARIABLE) ShipUnit unit, @Body JsonNode answer) {
        String call = unit.getNextCall();
        unit.made(call);
        int code = answer.path("ResultCode").asInt(Integer.MIN_VALUE);
        String message = answer.path("ResultMsg").asText("");
        if (SEND.equals(call)) {
            if (code == 0) {
                unit.sent("OK", null);
            } else {
                unit.refused(String.valueOf(code), message);
                if (unit.hasMade(READ)) {
                    unit.rejected(unit.getRefusalCode(), unit.getRefusalMessage());
                } else {
                    unit.next(READ);
                }
            }
            return;
        }
        afterRead(unit, code, message, answer);
    }

    private static void afterRead(ShipUnit unit, int code, String message, JsonNode answer) {
        String orderNo = unit.getShipmentId();
        if (code != 0) {
            if (code == -10001) {
                unit.rejected(refusal(unit, "-10001"), "orderNo " + orderNo + " is not known to Qoo10: " + message);
            } else {
                unit.failed(String.valueOf(code), "the read of orderNo " + orderNo + " was refused: " + message, null);
            }
            return;
        }
        JsonNode row = null;
        for (JsonNode r : Qoo10Orders.rows(answer.get("ResultObject"))) {
            if (orderNo.equals(r.path("orderNo").asText(r.path("OrderNo").asText("")))) {
                row = r;
            }
        }
        if (row == null) {
            unit.rejected(refusal(unit, "NOT_FOUND"), "orderNo " + orderNo + " is not in Qoo10's answer" + detail(unit));
            return;
        }
        int status = row.path("shippingStatus").asInt(0);
        String tracking = JsonFields.text(row, "TrackingNo");
        String claim = JsonFields.blankToNull(JsonFields.text(row, "claimStatus"));
        if (status >= 4) {
            if (unit.getTrackingNo().equals(tracking == null ? null : tracking.trim())) {
                unit.sent("ALREADY_SENT", "Qoo10 already shows this tracking number (status " + status + ")");
            } else {
                unit.rejected("ALREADY_SHIPPED", "orderNo " + orderNo + " is status " + status + " at Qoo10 with another"
                        + " tracking number" + detail(unit));
            }
        } else if (claim != null && !claim.equals("0")) {
            unit.rejected("CANCEL_REQUESTED", "orderNo " + orderNo + " has a claim at Qoo10 (ClaimStat " + claim + ")" + detail(unit));
        } else if (unit.hasMade(SEND)) {
            unit.rejected(refusal(unit, "REFUSED"), "SetSendingInfo of orderNo " + orderNo + " was refused" + detail(unit));
        } else {
            unit.next(SEND);
        }
    }

    private static String refusal(ShipUnit unit, String fallback) {
        return unit.getRefusalCode() != null ? unit.getRefusalCode() : fallback;
    }

    private static String detail(ShipUnit unit) {
        String m = unit.getRefusalMessage();
        return m == null || m.isEmpty() ? "" : ": " + m;
    }

    /** The calls that read or change one order: their ResultCodes come back to this bean. */
    static final List<String> PER_ORDER = List.of(SET_SENDING_INFO, READ_ORDER, Qoo10Orders.CHECK);
}
