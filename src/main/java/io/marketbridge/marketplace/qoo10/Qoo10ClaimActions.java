package io.marketbridge.marketplace.qoo10;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.claim.action.ClaimActionType;
import io.marketbridge.claim.action.ClaimActionUnit;
import io.marketbridge.claim.action.SellerCancelReason;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.MappingException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * The seller's decisions on Qoo10 claims (route qoo10-claim-actions), one orderNo each, through the per-order call
 * route (Qoo10's ResultCode comes back here):
 *
 * <pre>
 *   APPROVE_CANCEL  Claim.SetCancelProcess (ContrNo = the claim's orderNo, CancelReason 1 "order change")
 *   SELLER_CANCEL   Claim.SetCancelProcess (ContrNo = the line's orderNo, CancelReason blank = out of stock for
 *                   OUT_OF_STOCK, 1 "order change" for PRICE_ERROR; SellerMemo = the reason's text)
 *   READ            ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2: claimStatus 3 (cancelled) = done
 * </pre>
 *
 * A row that may have reached Qoo10 before reads first (cancelled already: SENT ALREADY_CANCELLED); a refusal
 * (-10004 wrong status, ...) reads once the same way, else it is REJECTED with Qoo10's code and message. Qoo10
 * documents no call that refuses a buyer's cancel or approves a return: those are NOT_SUPPORTED.
 */
public class Qoo10ClaimActions {

    static final Set<ClaimActionType> SUPPORTED = Set.of(ClaimActionType.APPROVE_CANCEL, ClaimActionType.SELLER_CANCEL);
    static final String CANCEL = "CANCEL";
    static final String READ = "READ";
    static final String SET_CANCEL = "Claim.SetCancelProcess";
    /** GetClaimInfo_V3's ClaimStat for "cancelled". */
    static final String CANCELLED = "3";

    static String notSupported(ClaimActionType action) {
        return switch (action) {
            case SHIP_INSTEAD -> "Qoo10's QAPI (as documented) has no call to refuse a buyer's cancel request: refuse it in"
                    + " QSM (claim management), then send the shipment";
            case APPROVE_RETURN -> "Qoo10's QAPI (as documented) has no call to approve a return: complete the return in QSM"
                    + " (claim management)";
            default -> null;
        };
    }

    public void begin(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit) {
        unit.readsWith(READ);
        unit.next(unit.isReconcile() ? READ : CANCEL);
    }

    /** The orderNo acted on: the claim's line, or the delivered line a seller cancel names. */
    static String orderNo(ClaimActionUnit unit) {
        if (unit.getClaim() != null) {
            if (unit.getClaim().lines().isEmpty()) {
                throw new MappingException("claim " + unit.getClaim().claimId() + " has no line");
            }
            return unit.getClaim().lines().get(0).lineId();
        }
        return unit.getLine().lineId();
    }

    public ApiRequest request(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit) {
        String orderNo = orderNo(unit);
        Map<String, String> p = new LinkedHashMap<>();
        if (READ.equals(unit.getNextCall())) {
            p.put("OrderNo", orderNo);
            return Qoo10Api.call(Qoo10Shipments.READ_ORDER, p, "read of orderNo " + orderNo + " (claim action)");
        }
        p.put("ContrNo", orderNo);
        if (unit.getAction() == ClaimActionType.SELLER_CANCEL) {
            p.put("CancelReason", unit.getReason() == SellerCancelReason.OUT_OF_STOCK ? "" : "1");
            String text = unit.getReasonText();
            p.put("SellerMemo", text == null ? "" : text);
        } else {
            p.put("CancelReason", "1");
            p.put("SellerMemo", "");
        }
        return Qoo10Api.call(SET_CANCEL, p, "SetCancelProcess of orderNo " + orderNo + " (" + unit.getAction() + ")");
    }

    public void answer(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit, @Body JsonNode answer) {
        String call = unit.getNextCall();
        int code = answer.path("ResultCode").asInt(Integer.MIN_VALUE);
        String message = answer.path("ResultMsg").asText("");
        if (CANCEL.equals(call)) {
            if (code == 0) {
                unit.made(call);
                unit.sent("OK", null);
            } else {
                unit.refused(String.valueOf(code), message); // reads once: cancelled already counts as done
            }
            return;
        }
        unit.made(call);
        String orderNo = orderNo(unit);
        if (code != 0) {
            if (code == -10001) {
                unit.rejectedAsRefused("-10001", "orderNo " + orderNo + " is not known to Qoo10: " + message);
            } else {
                unit.failed(String.valueOf(code), "the read of orderNo " + orderNo + " was refused: " + message, null);
            }
            return;
        }
        for (JsonNode row : Qoo10Orders.rows(answer.get("ResultObject"))) {
            if (orderNo.equals(JsonFields.firstText(row, "orderNo", "OrderNo"))) {
                String claim = JsonFields.blankToNull(JsonFields.firstText(row, "claimStatus", "ClaimStatus"));
                if (CANCELLED.equals(claim == null ? null : claim.trim())) {
                    unit.sent("ALREADY_CANCELLED", "Qoo10 shows orderNo " + orderNo + " cancelled (ClaimStat 3)");
                } else if (!unit.hasMade(CANCEL) && unit.getRefusalCode() == null) {
                    unit.next(CANCEL);
                } else {
                    unit.rejectedAsRefused("NOT_CANCELLED", "orderNo " + orderNo + " is not cancelled at Qoo10 (status "
                            + JsonFields.firstText(row, "shippingStatus", "ShippingStatus") + ", ClaimStat " + claim + ")");
                }
                return;
            }
        }
        unit.rejectedAsRefused("NOT_FOUND", "orderNo " + orderNo + " is not in Qoo10's answer");
    }
}
