package io.marketbridge.marketplace.coupang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.claim.action.ClaimActionType;
import io.marketbridge.claim.action.ClaimActionUnit;
import io.marketbridge.claim.action.RecordedClaim;
import io.marketbridge.claim.action.SellerCancelReason;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.order.OrderJson;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * Coupang's side of the claim action flow (route coupang-claim-actions, coupang.md 1.3 and 1.8): one conversation
 * per MB_CLAIM_ACTION row. The claim's receiptId is its claim_id (or the receiptId of the raw payload the claim
 * poll stored).
 *
 * <pre>
 *   APPROVE_CANCEL  RU receipt -> STOP (stoppedShipment, cancelCount = the receipt's cancelCountSum)
 *   SHIP_INSTEAD    RU receipt -> SHIPPED (completedShipment with the courier's Coupang code and the invoice)
 *   APPROVE_RETURN  UC receipt -> RECEIVE (receiveConfirmation) -> APPROVE (approval, cancelCount)
 *   SELLER_CANCEL   READ_BOX (the line's shippable pieces) -> CANCEL (v5 cancel of the vendorItemId, CANERR + reason)
 *   a row that may have reached Coupang starts with READ (the receipt) or READ_BOX; a refused call is followed by
 *   one read: the action shown done is SENT (ALREADY_DONE), a state that allows the next step goes on, anything
 *   else is REJECTED with Coupang's message
 * </pre>
 */
public class CoupangClaimActions {

    /** What Coupang's connector sends. */
    static final Set<ClaimActionType> SUPPORTED = EnumSet.allOf(ClaimActionType.class);

    static final String READ = "READ";
    static final String STOP = "STOP";
    static final String SHIPPED = "SHIPPED";
    static final String RECEIVE = "RECEIVE";
    static final String APPROVE = "APPROVE";
    static final String READ_BOX = "READ_BOX";
    static final String CANCEL = "CANCEL";
    private static final String API = "/v2/providers/openapi/apis/api";

    /** A receipt's conversation: its id and the pieces it covers (stoppedShipment's and approval's cancelCount). */
    static final class Receipt {
        final long receiptId;
        int cancelCount;

        Receipt(long receiptId, int cancelCount) {
            this.receiptId = receiptId;
            this.cancelCount = cancelCount;
        }
    }

    /** SELLER_CANCEL's conversation: the pieces of the line to cancel, read from the box. */
    static final class Pieces {
        int count;
    }

    /** Route step: the unit gets its first call. */
    public void begin(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit) {
        if (unit.getAction() == ClaimActionType.SELLER_CANCEL) {
            if (blank(unit.getAccount().get(CoupangConnector.WING_USER_ID))) {
                unit.failed("CONFIGURATION", "Coupang's seller cancel needs the WING login id: set "
                        + AccountRegistry.property(unit.getAccount().id(), CoupangConnector.WING_USER_ID), null);
                return;
            }
            if (!digits(unit.getLine().shipmentId()) || !digits(unit.getLine().optionId()) || !digits(unit.getOrderId())) {
                unit.rejected("UNKNOWN_LINE", "line '" + unit.getLine().lineId() + "' of order '" + unit.getOrderId()
                        + "' has no Coupang shipmentBoxId and vendorItemId");
                return;
            }
            unit.setConversation(new Pieces());
            unit.readsWith(READ_BOX);
            unit.next(READ_BOX);
            return;
        }
        RecordedClaim claim = unit.getClaim();
        Long receiptId = receiptId(claim);
        if (receiptId == null) {
            unit.rejected("UNKNOWN_CLAIM", "claim '" + claim.claimId() + "' has no Coupang receiptId");
            return;
        }
        unit.setConversation(new Receipt(receiptId, cancelCount(claim)));
        unit.readsWith(READ);
        if (unit.isReconcile()) {
            unit.next(READ);
        } else {
            unit.next(switch (unit.getAction()) {
                case APPROVE_CANCEL -> STOP;
                case SHIP_INSTEAD -> SHIPPED;
                default -> RECEIVE;
            });
        }
    }

    /** The receipt a claim answers: the stored payload's receiptId, else a numeric claim_id. */
    static Long receiptId(RecordedClaim claim) {
        JsonNode raw = payload(claim);
        if (raw.path("receiptId").canConvertToLong() && raw.path("receiptId").asLong() > 0) {
            return raw.path("receiptId").asLong();
        }
        return digits(claim.claimId()) ? Long.valueOf(claim.claimId()) : null;
    }

    /** The pieces the receipt covers: the stored payload's cancelCountSum, else the claim's quantities. */
    static int cancelCount(RecordedClaim claim) {
        int sum = payload(claim).path("cancelCountSum").asInt(0);
        return sum > 0 ? sum : claim.quantity();
    }

    private static JsonNode payload(RecordedClaim claim) {
        if (claim.rawPayload() == null || claim.rawPayload().isBlank()) {
            return OrderJson.mapper().createObjectNode();
        }
        try {
            JsonNode n = OrderJson.mapper().readTree(claim.rawPayload());
            return n == null ? OrderJson.mapper().createObjectNode() : n;
        } catch (IOException e) {
            return OrderJson.mapper().createObjectNode();
        }
    }

    /** Route step: the ApiRequest for the unit's next call. */
    public ApiRequest request(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit) {
        String vendor = unit.getAccount().get(CoupangConnector.VENDOR_ID);
        String call = unit.getNextCall();
        if (call.equals(READ_BOX)) {
            return ApiRequest.get(API + "/v5/vendors/" + vendor + "/ordersheets/" + unit.getLine().shipmentId(), "",
                    "read of box " + unit.getLine().shipmentId() + " before a seller cancel");
        }
        if (call.equals(CANCEL)) {
            return ApiRequest.withBody("POST", API + "/v5/vendors/" + vendor + "/orders/" + unit.getOrderId() + "/cancel",
                    cancelBody(vendor, unit), "seller cancel of order " + unit.getOrderId());
        }
        Receipt receipt = unit.conversation(Receipt.class);
        String path = API + "/v4/vendors/" + vendor + "/returnRequests/" + receipt.receiptId;
        return switch (call) {
            case READ -> ApiRequest.get(API + "/v6/vendors/" + vendor + "/returnRequests/" + receipt.receiptId, "",
                    "read of receipt " + receipt.receiptId);
            case STOP -> ApiRequest.withBody("PUT", path + "/stoppedShipment", receiptBody(vendor, receipt, true),
                    "stoppedShipment of receipt " + receipt.receiptId);
            case SHIPPED -> ApiRequest.withBody("PUT", path + "/completedShipment", shippedBody(vendor, receipt, unit),
                    "completedShipment of receipt " + receipt.receiptId);
            case RECEIVE -> ApiRequest.withBody("PUT", path + "/receiveConfirmation", receiptBody(vendor, receipt, false),
                    "receiveConfirmation of receipt " + receipt.receiptId);
            case APPROVE -> ApiRequest.withBody("PUT", path + "/approval", receiptBody(vendor, receipt, true),
                    "approval of receipt " + receipt.receiptId);
            default -> throw new IllegalStateException("unknown call " + call);
        };
    }

    /** {vendorId, receiptId} and, for stoppedShipment and approval, cancelCount. */
    static String receiptBody(String vendor, Receipt receipt, boolean withCount) {
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.put("vendorId", vendor);
        body.put("receiptId", receipt.receiptId);
        if (withCount) {
            body.put("cancelCount", receipt.cancelCount);
        }
        return body.toString();
    }

    static String shippedBody(String vendor, Receipt receipt, ClaimActionUnit unit) {
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.put("vendorId", vendor);
        body.put("receiptId", receipt.receiptId);
        body.put("deliveryCompanyCode", unit.getCourierCode());
        body.put("invoiceNumber", unit.getTrackingNo());
        return body.toString();
    }

    /** v5 cancel of the line's vendorItemId: bigCancelCode CANERR, middleCancelCode by the reason. */
    static String cancelBody(String vendor, ClaimActionUnit unit) {
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.put("orderId", Long.parseLong(unit.getOrderId()));
        body.putArray("vendorItemIds").add(Long.parseLong(unit.getLine().optionId()));
        body.putArray("receiptCounts").add(unit.conversation(Pieces.class).count);
        body.put("bigCancelCode", "CANERR");
        body.put("middleCancelCode", middleCancelCode(unit.getReason()));
        body.put("vendorId", vendor);
        body.put("userId", unit.getAccount().get(CoupangConnector.WING_USER_ID));
        return body.toString();
    }

    /** CCTTER stock problem, CCPRER price error (coupang.md 1.8). */
    static String middleCancelCode(SellerCancelReason reason) {
        return switch (reason) {
            case OUT_OF_STOCK -> "CCTTER";
            case PRICE_ERROR -> "CCPRER";
        };
    }

    /** Route step: reads the answer to the call just made and decides the next call or the outcome. */
    public void answer(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit, @Body JsonNode root) {
        String call = unit.getNextCall();
        unit.made(call);
        switch (call) {
            case READ -> afterRead(unit, one(root.path("data")));
            case READ_BOX -> afterBoxRead(unit, one(root.path("data")));
            case CANCEL -> afterCancel(unit, root);
            case RECEIVE -> {
                if (refusedInBody(unit, root)) {
                    return;
                }
                unit.next(APPROVE);
            }
            default -> {
                if (!refusedInBody(unit, root)) {
                    unit.sent("OK", null);
                }
            }
        }
    }

    /** A 2xx answer whose code says no ({code: 400, message}): refused as an HTTP 400 would be. */
    private static boolean refusedInBody(ClaimActionUnit unit, JsonNode root) {
        String code = root.path("code").asText("200");
        if (code.equals("200") || code.equalsIgnoreCase("SUCCESS") || code.equalsIgnoreCase("OK")) {
            return false;
        }
        unit.refused(code.matches("[0-9]{3}") ? "HTTP_" + code : code, root.path("message").asText(""));
        return true;
    }

    private static JsonNode one(JsonNode data) {
        return data.isArray() ? data.path(0) : data;
    }

    private static void afterRead(ClaimActionUnit unit, JsonNode receipt) {
        Receipt r = unit.conversation(Receipt.class);
        if (!receipt.isObject()) {
            unit.failed("NO_RESULT", "Coupang answered the read of receipt " + r.receiptId + " without the receipt", null);
            return;
        }
        if (receipt.path("cancelCountSum").asInt(0) > 0) {
            r.cancelCount = receipt.path("cancelCountSum").asInt();
        }
        String status = receipt.path("receiptStatus").asText();
        String release = releaseStatus(receipt);
        String shown = "receipt " + r.receiptId + " is " + status + (release.isEmpty() ? "" : " (releaseStatus " + release + ")")
                + " at Coupang";
        switch (unit.getAction()) {
            case APPROVE_CANCEL -> {
                if ("RETURNS_COMPLETED".equals(status) && release.equals("S")) {
                    unit.sent("ALREADY_DONE", "Coupang shows the shipment stopped: " + shown);
                } else if ("RELEASE_STOP_UNCHECKED".equals(status) && !unit.hasMade(STOP)) {
                    unit.next(STOP);
                } else {
                    unit.rejectedAsRefused("INVALID_STATUS", shown + ": no stop request to approve");
                }
            }
            case SHIP_INSTEAD -> {
                if (release.equals("A") && !"RELEASE_STOP_UNCHECKED".equals(status)) {
                    unit.sent("ALREADY_DONE", "Coupang shows the goods already shipped: " + shown);
                } else if ("RELEASE_STOP_UNCHECKED".equals(status) && !unit.hasMade(SHIPPED)) {
                    unit.next(SHIPPED);
                } else {
                    unit.rejectedAsRefused("INVALID_STATUS", shown + ": no stop request to answer with a shipment");
                }
            }
            default -> {
                if ("RETURNS_COMPLETED".equals(status)) {
                    unit.sent("ALREADY_DONE", "Coupang shows the return approved: " + shown);
                } else if ("RETURNS_UNCHECKED".equals(status) && !unit.hasMade(RECEIVE)) {
                    unit.next(RECEIVE);
                } else if ("VENDOR_WAREHOUSE_CONFIRM".equals(status) && !unit.hasMade(APPROVE)) {
                    unit.next(APPROVE);
                } else if ("RELEASE_STOP_UNCHECKED".equals(status)) {
                    unit.rejected("WRONG_CLAIM_TYPE", shown + ": a stop-shipment request is answered by APPROVE_CANCEL or SHIP_INSTEAD");
                } else {
                    unit.rejectedAsRefused("INVALID_STATUS", shown + ": no return to approve");
                }
            }
        }
    }

    /** The receipt's items' releaseStatus when they agree (Y, N, S, A), else "". */
    private static String releaseStatus(JsonNode receipt) {
        String release = null;
        for (JsonNode item : receipt.path("returnItems")) {
            String s = item.path("releaseStatus").asText("");
            if (release == null) {
                release = s;
            } else if (!release.equals(s)) {
                return "";
            }
        }
        return release == null ? "" : release;
    }

    private static void afterBoxRead(ClaimActionUnit unit, JsonNode sheet) {
        String box = unit.getLine().shipmentId();
        if (!sheet.isObject()) {
            unit.failed("NO_RESULT", "Coupang answered the read of box " + box + " without the box", null);
            return;
        }
        JsonNode item = null;
        for (JsonNode i : sheet.path("orderItems")) {
            if (unit.getLine().optionId().equals(i.path("vendorItemId").asText())) {
                item = i;
            }
        }
        if (item == null) {
            unit.rejected("NOT_FOUND_VENDOR_ITEM", "box " + box + " has no vendorItemId " + unit.getLine().optionId() + " at Coupang");
            return;
        }
        int cancelled = item.path("cancelCount").asInt(0);
        int held = item.path("holdCountForCancel").asInt(0);
        int shippable = item.path("shippingCount").asInt(0) - held - cancelled;
        String status = sheet.path("status").asText();
        if (item.path("canceled").asBoolean(false) || (shippable <= 0 && held == 0 && cancelled > 0)) {
            unit.sent("ALREADY_DONE", "Coupang shows the line cancelled (box " + box + ")");
        } else if (!"ACCEPT".equals(status) && !"INSTRUCT".equals(status)) {
            unit.rejectedAsRefused("INVALID_STATUS", "box " + box + " is " + status + " at Coupang: a line that left"
                    + " cannot be cancelled by the seller");
        } else if (shippable <= 0) {
            unit.rejectedAsRefused("HELD_FOR_CANCEL", "the line's pieces in box " + box + " are held by the buyer's"
                    + " cancel request: answer it with APPROVE_CANCEL");
        } else if (unit.hasMade(CANCEL)) {
            unit.rejectedAsRefused("INVALID_STATUS", "Coupang did not cancel the line (box " + box + " is " + status + ")");
        } else {
            unit.conversation(Pieces.class).count = shippable;
            unit.next(CANCEL);
        }
    }

    private static void afterCancel(ClaimActionUnit unit, JsonNode root) {
        String vendorItemId = unit.getLine().optionId();
        JsonNode data = root.path("data");
        for (JsonNode failed : data.path("failedVendorItemIds")) {
            if (vendorItemId.equals(failed.asText())) {
                unit.refused("FAILED_VENDOR_ITEM", root.path("message").asText(""));
                return;
            }
        }
        for (JsonNode receipt : data.path("receiptMap")) {
            for (JsonNode id : receipt.path("vendorItemIds")) {
                if (vendorItemId.equals(id.asText())) {
                    unit.sent("OK", "receipt " + receipt.path("receiptId").asText() + " ("
                            + receipt.path("receiptType").asText() + ")");
                    return;
                }
            }
        }
        if (!refusedInBody(unit, root)) {
            unit.refused("NO_RECEIPT", "Coupang's answer names no receipt for vendorItemId " + vendorItemId);
        }
    }

    private static boolean digits(String s) {
        return s != null && s.matches("[0-9]{1,18}");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
