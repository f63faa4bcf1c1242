package io.marketbridge.marketplace.naver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.action.ClaimActionType;
import io.marketbridge.claim.action.ClaimActionUnit;
import io.marketbridge.claim.action.RecordedClaim;
import io.marketbridge.claim.action.SellerCancelReason;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.OrderJson;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * Naver's side of the claim action flow (route naver-claim-actions, naver.md 2.3 and 2.8): one conversation per
 * MB_CLAIM_ACTION row, one productOrderId per call (the claim's line: line_id = shipment_id = productOrderId).
 *
 * <pre>
 *   APPROVE_CANCEL  APPROVE_CANCEL_CALL  POST .../{productOrderId}/claim/cancel/approve (no body)
 *   APPROVE_RETURN  APPROVE_RETURN_CALL  POST .../{productOrderId}/claim/return/approve (no body)
 *   SELLER_CANCEL   CANCEL_REQUEST       POST .../{productOrderId}/claim/cancel/request {cancelReason, cancelDetailedReason?}
 *   SHIP_INSTEAD    not sent: Naver has no call that refuses a buyer's cancel request (see {@link #NO_SHIP_INSTEAD})
 *   a row that may have reached Naver starts with READ (POST .../query of the product order); a refused call is
 *   followed by that read once: the action shown done is SENT (ALREADY_DONE), a state that still allows the
 *   call goes on (once), anything else is REJECTED with Naver's code and message (9999 "other error": FAILED)
 * </pre>
 */
public class NaverClaimActions {

    /** What Naver's connector sends. */
    static final Set<ClaimActionType> SUPPORTED = EnumSet.of(ClaimActionType.APPROVE_CANCEL, ClaimActionType.APPROVE_RETURN,
            ClaimActionType.SELLER_CANCEL);

    /** Why SHIP_INSTEAD is NOT_SUPPORTED, and what the seller does instead. */
    static final String NO_SHIP_INSTEAD = "Naver's Commerce API has no call that refuses a buyer's cancel request (its"
            + " cancel calls are cancel/request and cancel/approve only), and it does not dispatch a product order"
            + " while the request is open: refuse the cancel and enter the courier and tracking number in Naver's seller"
            + " center (스마트스토어센터), or let the cancel go through with APPROVE_CANCEL";

    static final String READ = "READ";
    static final String APPROVE_CANCEL_CALL = "CANCEL_APPROVE";
    static final String APPROVE_RETURN_CALL = "RETURN_APPROVE";
    static final String CANCEL_REQUEST = "CANCEL_REQUEST";

    /** Naver's "other error" (naver.md 2.11): worth another try later, as for dispatch. */
    private static final String RETRYABLE = "9999";
    private static final Set<String> CANCELLED = Set.of("CANCELED", "CANCELED_BY_NOPAYMENT");
    /** A cancel approved (in progress) or done, by the seller or by Naver's administrators. */
    private static final Set<String> CANCEL_DONE = Set.of("CANCELING", "CANCEL_DONE", "ADMIN_CANCELING", "ADMIN_CANCEL_DONE");
    /** A cancel approved and under way: its product order is as good as cancelled. */
    private static final Set<String> CANCELLING = Set.of("CANCELING", "ADMIN_CANCELING");
    private static final Set<String> CANCEL_OPEN = Set.of("CANCEL_REQUEST");
    private static final Set<String> RETURN_DONE = Set.of("RETURN_DONE");
    private static final Set<String> RETURN_OPEN = Set.of("RETURN_REQUEST", "COLLECTING", "COLLECT_DONE");

    /** Route step: the unit gets its first call. */
    public void begin(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit) {
        String productOrderId = productOrderId(unit);
        if (productOrderId == null) {
            unit.rejected(unit.getClaim() == null ? "UNKNOWN_LINE" : "UNKNOWN_CLAIM", unit.getClaim() == null
                    ? "line '" + unit.getLine().lineId() + "' of order '" + unit.getOrderId() + "' has no Naver productOrderId"
                    : "claim '" + unit.getClaim().claimId() + "' names no Naver productOrderId");
            return;
        }
        unit.setConversation(productOrderId);
        unit.readsWith(READ);
        unit.next(unit.isReconcile() ? READ : call(unit.getAction()));
    }

    private static String call(ClaimActionType action) {
        return switch (action) {
            case APPROVE_CANCEL -> APPROVE_CANCEL_CALL;
            case APPROVE_RETURN -> APPROVE_RETURN_CALL;
            case SELLER_CANCEL -> CANCEL_REQUEST;
            case SHIP_INSTEAD -> throw new IllegalStateException(NO_SHIP_INSTEAD); // refused by the dispatch first
        };
    }

    /**
     * The product order acted on: SELLER_CANCEL's line; a claim's line (a Naver claim covers one product order),
     * else the productOrderId of the detail the claim poll stored.
     */
    static String productOrderId(ClaimActionUnit unit) {
        if (unit.getClaim() == null) {
            return digits(unit.getLine().shipmentId()) ? unit.getLine().shipmentId()
                    : digits(unit.getLine().lineId()) ? unit.getLine().lineId() : null;
        }
        RecordedClaim claim = unit.getClaim();
        for (ClaimLine line : claim.lines()) {
            if (digits(line.shipmentId())) {
                return line.shipmentId();
            }
        }
        String stored = JsonFields.text(payload(claim).path(NaverClaimMapper.DETAIL).path("productOrder"), "productOrderId");
        return digits(stored) ? stored.trim() : null;
    }

    private static JsonNode payload(RecordedClaim claim) {
        try {
            JsonNode n = claim.rawPayload() == null ? null : OrderJson.mapper().readTree(claim.rawPayload());
            return n == null ? OrderJson.mapper().createObjectNode() : n;
        } catch (IOException e) {
            return OrderJson.mapper().createObjectNode();
        }
    }

    /** Route step: the ApiRequest for the unit's next call. */
    public ApiRequest request(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit) {
        String id = unit.conversation(String.class);
        String call = unit.getNextCall();
        if (call.equals(READ)) {
            return NaverOrders.queryRequest(List.of(id), "read of product order " + id + " for a claim action");
        }
        return ApiRequest.withBody("POST", NaverOrders.PAY_ORDER + "/" + id + "/claim/" + path(call),
                call.equals(CANCEL_REQUEST) ? cancelBody(unit) : "", path(call) + " of product order " + id);
    }

    /** The claim call's path after /claim/ (naver.md 2.3). */
    static String path(String call) {
        return switch (call) {
            case APPROVE_CANCEL_CALL -> "cancel/approve";
            case APPROVE_RETURN_CALL -> "return/approve";
            case CANCEL_REQUEST -> "cancel/request";
            default -> throw new IllegalStateException("unknown call " + call);
        };
    }

    /** {cancelReason, cancelDetailedReason?}; no cancelQuantity: Naver then cancels the whole product order. */
    static String cancelBody(ClaimActionUnit unit) {
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.put("cancelReason", cancelReason(unit.getReason()));
        if (unit.getReasonText() != null && !unit.getReasonText().isBlank()) {
            body.put("cancelDetailedReason", unit.getReasonText().trim());
        }
        return body.toString();
    }

    /** naver.md 2.8's cancelReason values: SOLD_OUT for a stock problem, INCORRECT_INFO for a price error. */
    static String cancelReason(SellerCancelReason reason) {
        return switch (reason) {
            case OUT_OF_STOCK -> "SOLD_OUT";
            case PRICE_ERROR -> "INCORRECT_INFO";
        };
    }

    /** Route step: reads the answer to the call just made and decides the next call or the outcome. */
    public void answer(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit, @Body JsonNode root) {
        String call = unit.getNextCall();
        unit.made(call);
        String id = unit.conversation(String.class);
        if (call.equals(READ)) {
            afterRead(unit, detail(root.path("data"), id));
            return;
        }
        JsonNode data = root.path("data");
        for (JsonNode ok : data.path("successProductOrderIds")) {
            if (id.equals(ok.asText())) {
                unit.sent("OK", null);
                return;
            }
        }
        for (JsonNode fail : data.path("failProductOrderInfos")) {
            if (id.equals(fail.path("productOrderId").asText())) {
                unit.refused(fail.path("code").asText("UNKNOWN"), "Naver refused " + path(call) + " of product order " + id
                        + ": " + fail.path("message").asText(""));
                return;
            }
        }
        unit.refused("NO_RESULT", "Naver's answer names product order " + id + " neither as a success nor as a failure");
    }

    /** The detail of the product order in a query answer's data[], null when it is not there. */
    private static JsonNode detail(JsonNode data, String productOrderId) {
        for (JsonNode d : data) {
            if (productOrderId.equals(d.path("productOrder").path("productOrderId").asText())) {
                return d;
            }
        }
        return null;
    }

    private static void afterRead(ClaimActionUnit unit, JsonNode detail) {
        String id = unit.conversation(String.class);
        if (detail == null) {
            unit.failed("NO_RESULT", "Naver answered the read of product order " + id + " without it", null);
            return;
        }
        if (unit.getAction() == ClaimActionType.SELLER_CANCEL) {
            afterLineRead(unit, detail);
            return;
        }
        Claim claim = shown(unit, detail);
        String status = claim == null ? "" : claim.marketplaceStatus();
        String shown = "claim '" + unit.getClaim().claimId() + "' of product order " + id
                + (claim == null ? " is not shown at Naver (withdrawn by the buyer?)" : " is " + status + " at Naver");
        boolean cancel = unit.getAction() == ClaimActionType.APPROVE_CANCEL;
        Set<String> done = cancel ? CANCEL_DONE : RETURN_DONE;
        Set<String> open = cancel ? CANCEL_OPEN : RETURN_OPEN;
        String due = call(unit.getAction());
        if (done.contains(status)) {
            unit.sent("ALREADY_DONE", "Naver shows the " + (cancel ? "cancel" : "return") + " approved: " + shown);
        } else if (open.contains(status) && !unit.hasMade(due)) {
            unit.next(due);
        } else if (open.contains(status)) {
            settleRefusal(unit, shown);
        } else {
            reject(unit, "CLAIM_CLOSED", shown + ": no " + (cancel ? "cancel request" : "return") + " to approve");
        }
    }

    /** The recorded claim as the detail shows it now (mapped as the claims poll maps it), null when it does not. */
    private static Claim shown(ClaimActionUnit unit, JsonNode detail) {
        List<Claim> claims;
        try {
            claims = NaverClaimMapper.map(unit.getAccount().id(), NaverClaimMapper.record(detail, List.of()));
        } catch (MappingException e) {
            return null;
        }
        return claims.stream().filter(c -> c.claimId().equals(unit.getClaim().claimId())).findFirst().orElse(null);
    }

    /** SELLER_CANCEL: the product order cancelled is done; one still paid with no open claim can be cancelled. */
    private static void afterLineRead(ClaimActionUnit unit, JsonNode detail) {
        String id = unit.conversation(String.class);
        JsonNode po = detail.path("productOrder");
        String status = po.path("productOrderStatus").asText();
        JsonNode claim = NaverOrderMapper.claim(detail, po);
        String claimType = claim == null ? "" : claim.path("mbClaimType").asText();
        String claimStatus = claim == null ? "" : claim.path("claimStatus").asText();
        boolean open = claim != null && !claimStatus.endsWith("_DONE") && !claimStatus.endsWith("_REJECT");
        String shown = "product order " + id + " is " + status
                + (open ? " with an open " + claimType + " claim (" + claimStatus + ")" : "") + " at Naver";
        boolean cancelling = claimType.equals("cancel") && CANCELLING.contains(claimStatus);
        if (CANCELLED.contains(status) || cancelling) {
            unit.sent("ALREADY_DONE", "Naver shows the product order cancelled: " + shown);
        } else if (open && CANCEL_OPEN.contains(claimStatus)) {
            reject(unit, "CANCEL_REQUESTED", shown + ": the buyer's cancel request is open, answer it with"
                    + " APPROVE_CANCEL (claim '" + JsonFields.text(claim, "claimId") + "')");
        } else if (!"PAYED".equals(status) || open) {
            reject(unit, "NOT_CANCELLABLE", shown + ": the seller cancels only a product order that is paid,"
                    + " not dispatched and without an open claim");
        } else if (!unit.hasMade(CANCEL_REQUEST)) {
            unit.next(CANCEL_REQUEST);
        } else {
            settleRefusal(unit, shown);
        }
    }

    /** REJECTED: with Naver's refusal when a refused call led to the read (and what the read showed), else as given. */
    private static void reject(ClaimActionUnit unit, String code, String message) {
        if (unit.getRefusalCode() != null) {
            unit.rejected(unit.getRefusalCode(), unit.getRefusalMessage() + " (" + message + ")");
        } else {
            unit.rejected(code, message);
        }
    }

    /** The call was refused though the state still allows it: REJECTED with Naver's words, or FAILED for 9999. */
    private static void settleRefusal(ClaimActionUnit unit, String shown) {
        String code = unit.getRefusalCode() == null ? "UNSETTLED" : unit.getRefusalCode();
        String message = (unit.getRefusalMessage() == null ? "Naver did not act" : unit.getRefusalMessage()) + " (" + shown + ")";
        if (RETRYABLE.equals(code)) {
            unit.failed(code, message, null);
        } else {
            unit.rejected(code, message);
        }
    }

    private static boolean digits(String s) {
        return s != null && s.trim().matches("[0-9]{1,30}");
    }
}
