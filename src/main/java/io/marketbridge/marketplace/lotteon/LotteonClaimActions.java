package io.marketbridge.marketplace.lotteon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.claim.action.ClaimActionType;
import io.marketbridge.claim.action.ClaimActionUnit;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.OrderJson;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * The seller's decisions on Lotte ON claims (route lotteon-claim-actions): APPROVE_RETURN informs step 26 (return
 * confirmed) for the claim's return row (dvRtrvDvsCd RTRV, with clmNo and orglProcSeq from the row the claims poll
 * stored). A refusal, or a row that may already have reached Lotte ON, reads the order's progress state: the return
 * row at 26 is done. Lotte ON documents no call for the other actions.
 */
public class LotteonClaimActions {

    static final Set<ClaimActionType> SUPPORTED = Set.of(ClaimActionType.APPROVE_RETURN);
    static final String CONFIRM = "CONFIRM";
    static final String READ = "READ";
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    static String notSupported(ClaimActionType action) {
        return switch (action) {
            case APPROVE_CANCEL, SHIP_INSTEAD -> "Lotte ON's API (as documented) has no list of cancellations and no answer"
                    + " to one: buyers cancel on their own before the acknowledgement (IfComplete); handle cancels in the"
                    + " Lotte ON seller office";
            case SELLER_CANCEL -> "Lotte ON's API (as documented) has no seller cancel: cancel the line in the Lotte ON"
                    + " seller office";
            default -> null;
        };
    }

    public void begin(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit) {
        unit.readsWith(READ);
        unit.next(unit.isReconcile() ? READ : CONFIRM);
    }

    public ApiRequest request(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit) {
        JsonNode row = returnRow(unit);
        ObjectNode body = OrderJson.mapper().createObjectNode();
        if (READ.equals(unit.getNextCall())) {
            body.put("odNo", JsonFields.text(row, "odNo"));
            return ApiRequest.withBody("POST", LotteonShipments.STATE, body.toString(), "progress state of return "
                    + unit.getClaim().claimId());
        }
        ArrayNode list = body.putArray("deliveryProgressStateList");
        ObjectNode r = list.addObject();
        r.put("dvRtrvDvsCd", "RTRV");
        for (String field : new String[] {"odNo", "odSeq", "procSeq", "orglProcSeq", "clmNo", "spdNo", "sitmNo"}) {
            r.put(field, String.valueOf(JsonFields.text(row, field) == null ? "" : JsonFields.text(row, field)));
        }
        r.put("odPrgsStepCd", "26");
        r.put("dvTrcStatDttm", LotteonOrders.SECOND.format(ZonedDateTime.now(SEOUL)));
        r.put("slQty", String.valueOf(unit.getClaim().quantity()));
        return ApiRequest.withBody("POST", LotteonShipments.INFORM, body.toString(), "return confirmation (step 26) of claim "
                + unit.getClaim().claimId());
    }

    public void answer(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit, @Body JsonNode answer) {
        String call = unit.getNextCall();
        JsonNode row = returnRow(unit);
        if (CONFIRM.equals(call)) {
            LotteonResults.Result r = LotteonResults.of(answer, "deliveryProgressStateList")
                    .row(JsonFields.text(row, "odNo"), JsonFields.text(row, "odSeq"), JsonFields.text(row, "procSeq"));
            if (r.ok()) {
                unit.made(call);
                unit.sent(r.code(), null);
            } else {
                unit.refused(r.code(), r.message()); // reads the state once: already 26 counts as done
            }
            return;
        }
        unit.made(call);
        String clmNo = unit.getClaim().claimId();
        for (JsonNode state : answer.path("data").path("deliveryProgressStateList")) {
            if (clmNo.equals(JsonFields.text(state, "clmNo"))) {
                String step = String.valueOf(JsonFields.text(state, "odPrgsStepCd"));
                if ("26".equals(step)) {
                    unit.sent("ALREADY_CONFIRMED", "Lotte ON shows return " + clmNo + " confirmed (step 26)");
                } else if (!unit.hasMade(CONFIRM) && unit.getRefusalCode() == null) {
                    unit.next(CONFIRM);
                } else {
                    unit.rejectedAsRefused("NOT_CONFIRMED", "return " + clmNo + " is at step " + step + " at Lotte ON");
                }
                return;
            }
        }
        unit.rejectedAsRefused("NOT_FOUND", "Lotte ON does not list return " + clmNo + " under order "
                + JsonFields.text(row, "odNo"));
    }

    /** The return row the claims poll stored with the claim. */
    private static JsonNode returnRow(ClaimActionUnit unit) {
        String raw = unit.getClaim() == null ? null : unit.getClaim().rawPayload();
        if (raw == null) {
            throw new MappingException("claim has no stored Lotte ON row");
        }
        return JsonFields.rawPayload(raw).get(0);
    }
}
