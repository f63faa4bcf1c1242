package io.marketbridge.marketplace.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.claim.action.ClaimActionType;
import io.marketbridge.claim.action.ClaimActionUnit;
import io.marketbridge.claim.action.RecordedClaim;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.marketplace.esm.EsmClaimMapper.ClaimList;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderJson;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * ESM's side of the claim action flow (route esm-claim-actions; esm.md 2.3, 2.6, 2.7): one conversation per
 * MB_CLAIM_ACTION row. ESM has no claim id: every call names the OrderNo (the claim's line id, or Row.OrderNo of
 * the raw payload the claims poll stored) and the site (the payload's Marketplace, else the row's marketplace).
 *
 * <pre>
 *   APPROVE_CANCEL  CANCEL_APPROVE  PUT  /claim/v1/sa/Cancel/{OrderNo}          {SiteType}
 *   SHIP_INSTEAD    SHIP            POST /shipping/v1/Delivery/ShippingInfo    (as esm-ship sends it: ESM refuses
 *                                                                              the cancel and ships)
 *   APPROVE_RETURN  RETURN_APPROVE  PUT  /claim/v1/sa/return/{OrderNo}          {SiteType}
 *   SELLER_CANCEL   SOLD_OUT        POST /claim/v1/sa/Cancel/{OrderNo}/SoldOut  {SiteType}
 *   reads: READ_CANCELS (Cancels by OrderNo, every status), READ_RETURNS (Returns by OrderNo, one ReturnStatus a
 *   call: no "all"), READ_ORDER (RequestOrders by order number, for SHIP_INSTEAD)
 * </pre>
 *
 * A row that may have reached ESM starts with its read; a refused call (ResultCode other than 0, kept by route
 * esm-claim-action-call) is followed by one read: the action shown done is SENT ALREADY_DONE, a state that still
 * allows the call makes it (once), anything else is REJECTED with ESM's code and message. A claim is found in a
 * list by its derived id (site, OrderNo, type, RequestDate), as the claims poll made it.
 */
public class EsmClaimActions {

    /** What ESM's connector sends. */
    static final Set<ClaimActionType> SUPPORTED = EnumSet.allOf(ClaimActionType.class);

    static final String CANCEL_APPROVE = "CANCEL_APPROVE";
    static final String SHIP = "SHIP";
    static final String RETURN_APPROVE = "RETURN_APPROVE";
    static final String SOLD_OUT = "SOLD_OUT";
    static final String READ_CANCELS = "READ_CANCELS";
    static final String READ_RETURNS = "READ_RETURNS";
    static final String READ_ORDER = "READ_ORDER";
    static final String CLAIM_PATH = "/claim/v1/sa/";
    /**
     * The ReturnStatus values a return is looked for, one call each: requested first, then the ones read as done
     * (EsmClaimMapper: 2 processing, 3, 5, 6 completed); 4 (withdrawn) is not read, not listed settles it the same way.
     */
    static final List<Integer> RETURN_READS = List.of(1, 3, 2, 5, 6);

    /** One row's conversation: where the calls go and, for a return, which ReturnStatus the next read asks for. */
    static final class Target {
        final Marketplace site;
        final String orderNo;
        final String sellerId;
        /** The claim's request day (KST), null for SELLER_CANCEL. */
        final LocalDate requestDay;
        int returnRead;

        Target(Marketplace site, String orderNo, String sellerId, LocalDate requestDay) {
            this.site = site;
            this.orderNo = orderNo;
            this.sellerId = sellerId;
            this.requestDay = requestDay;
        }
    }

    private final Clock clock;

    public EsmClaimActions(Clock clock) {
        this.clock = clock;
    }

    /** Route step: the unit gets its first call. */
    public void begin(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit) {
        Target target = target(unit);
        if (target == null) {
            return;
        }
        if (unit.getAction() == ClaimActionType.SHIP_INSTEAD && !digits(unit.getCourierCode())) {
            unit.rejected("UNMAPPED_COURIER", "courier '" + unit.getCourier().code() + "' has no numeric ESM"
                    + " DeliveryCompanyCode");
            return;
        }
        unit.setConversation(target);
        String read = switch (unit.getAction()) {
            case APPROVE_CANCEL, SELLER_CANCEL -> READ_CANCELS;
            case APPROVE_RETURN -> READ_RETURNS;
            case SHIP_INSTEAD -> READ_ORDER;
        };
        unit.readsWith(read);
        unit.next(unit.isReconcile() ? read : actionCall(unit.getAction()));
    }

    static String actionCall(ClaimActionType action) {
        return switch (action) {
            case APPROVE_CANCEL -> CANCEL_APPROVE;
            case SHIP_INSTEAD -> SHIP;
            case APPROVE_RETURN -> RETURN_APPROVE;
            case SELLER_CANCEL -> SOLD_OUT;
        };
    }

    /** The OrderNo, site and site seller ID of the row, or null when the unit ended (rejected or failed). */
    static Target target(ClaimActionUnit unit) {
        Marketplace site = unit.getMarketplace();
        String orderNo;
        LocalDate requestDay = null;
        if (unit.getAction() == ClaimActionType.SELLER_CANCEL) {
            orderNo = unit.getLine().lineId();
            if (!digits(orderNo)) {
                unit.rejected("UNKNOWN_LINE", "line '" + orderNo + "' of order '" + unit.getOrderId() + "' is not an ESM OrderNo");
                return null;
            }
        } else {
            RecordedClaim claim = unit.getClaim();
            JsonNode raw = payload(claim);
            JsonNode row = raw.path("Row");
            orderNo = JsonFields.blankToNull(JsonFields.text(row, "OrderNo"));
            if (orderNo == null && !claim.lines().isEmpty()) {
                orderNo = claim.lines().get(0).lineId();
            }
            if (!digits(orderNo)) {
                unit.rejected("UNKNOWN_CLAIM", "claim '" + claim.claimId() + "' names no ESM OrderNo");
                return null;
            }
            orderNo = orderNo.trim();
            String stored = raw.path("Marketplace").asText("");
            if (stored.equals(Marketplace.GMARKET.name()) || stored.equals(Marketplace.AUCTION.name())) {
                site = Marketplace.valueOf(stored);
            }
            requestDay = requestDay(row);
        }
        if (site != Marketplace.GMARKET && site != Marketplace.AUCTION) {
            unit.rejected("UNKNOWN_SITE", "marketplace " + site.code() + " is neither Gmarket nor Auction");
            return null;
        }
        String key = site == Marketplace.GMARKET ? EsmConnector.GMARKET_SELLER_ID : EsmConnector.AUCTION_SELLER_ID;
        String sellerId = unit.getAccount().get(key);
        if (sellerId == null || sellerId.isBlank()) {
            unit.failed("CONFIGURATION", "the account sells on " + site.code() + " no more: set "
                    + AccountRegistry.property(unit.getAccount().id(), key), null);
            return null;
        }
        return new Target(site, orderNo, sellerId.trim(), requestDay);
    }

    private static LocalDate requestDay(JsonNode row) {
        try {
            OffsetDateTime at = EsmOrderMapper.time(row, "RequestDate");
            return at == null ? null : at.atZoneSameInstant(EsmOrderMapper.SEOUL).toLocalDate();
        } catch (MappingException e) {
            return null;
        }
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
        Target t = unit.conversation(Target.class);
        String call = unit.getNextCall();
        return switch (call) {
            case CANCEL_APPROVE -> ApiRequest.withBody("PUT", CLAIM_PATH + "Cancel/" + t.orderNo, siteBody(unit, t),
                    "cancel approval of OrderNo " + t.orderNo);
            case RETURN_APPROVE -> ApiRequest.withBody("PUT", CLAIM_PATH + "return/" + t.orderNo, siteBody(unit, t),
                    "return approval of OrderNo " + t.orderNo);
            case SOLD_OUT -> ApiRequest.withBody("POST", CLAIM_PATH + "Cancel/" + t.orderNo + "/SoldOut", siteBody(unit, t),
                    "seller cancel (SoldOut) of OrderNo " + t.orderNo);
            case SHIP -> ApiRequest.withBody("POST", EsmShipments.SHIPPING_INFO,
                    EsmShipments.shippingInfo(t.orderNo, clock.instant(), unit.getCourierCode(), unit.getTrackingNo()),
                    "ShippingInfo of cancel-requested OrderNo " + t.orderNo);
            case READ_CANCELS -> ApiRequest.withBody("POST", ClaimList.CANCELS.path, listBody(t, ClaimList.CANCELS, 0),
                    "read of the cancels of OrderNo " + t.orderNo);
            case READ_RETURNS -> ApiRequest.withBody("POST", ClaimList.RETURNS.path,
                    listBody(t, ClaimList.RETURNS, RETURN_READS.get(t.returnRead)), "read of the returns of OrderNo " + t.orderNo);
            case READ_ORDER -> EsmOrders.lookup(t.site, t.orderNo, clock, "read of OrderNo " + t.orderNo + " for SHIP_INSTEAD");
            default -> throw new IllegalStateException("unknown call " + call);
        };
    }

    /** {SiteType} of the approve and SoldOut bodies: Auction 1, Gmarket the account's setting (2 by default). */
    static String siteBody(ClaimActionUnit unit, Target t) {
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.put("SiteType", t.site == Marketplace.AUCTION ? 1
                : unit.getAccount().integer(EsmConnector.CLAIM_ACTION_GMARKET_SITE_TYPE));
        return body.toString();
    }

    /**
     * A claim list by OrderNo (Type 0). The dates are sent too, as a window the claim's request day falls in (today's
     * for a seller cancel), in case ESM checks them with Type 0.
     */
    String listBody(Target t, ClaimList list, int status) {
        LocalDate today = OffsetDateTime.now(clock).atZoneSameInstant(EsmOrderMapper.SEOUL).toLocalDate();
        LocalDate start = t.requestDay != null ? t.requestDay : today.minusDays(5);
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.put("SiteType", list.siteType(t.site));
        body.put(list.statusField, status);
        body.put("Type", 0);
        body.put("OrderNo", Long.parseLong(t.orderNo));
        body.put("StartDate", start.toString());
        body.put("EndDate", (t.requestDay != null ? start.plusDays(1) : today.plusDays(1)).toString());
        return body.toString();
    }

    /**
     * Route step (route esm-claim-action-call): the site seller key ("G:id" / "A:id") whose order-query slot a claim
     * list read spends, as the claims poll's reads do; null for the other calls (not throttled).
     */
    public String bucket(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit) {
        String call = unit.getNextCall();
        if (!READ_CANCELS.equals(call) && !READ_RETURNS.equals(call)) {
            return null;
        }
        Target t = unit.conversation(Target.class);
        return EsmClaims.bucket(t.site, t.sellerId);
    }

    /** Route step: reads the answer to the call just made and decides the next call or the outcome. */
    public void answer(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit, @Body JsonNode answer) {
        String call = unit.getNextCall();
        Target t = unit.conversation(Target.class);
        boolean ok = EsmApi.resultOk(answer);
        boolean read = call.equals(READ_CANCELS) || call.equals(READ_RETURNS) || call.equals(READ_ORDER);
        if (!ok && !read) {
            // refused: unit.refused counts the call and reads once (a return's reads start at ReturnStatus 1 again)
            t.returnRead = 0;
            unit.refused(EsmApi.resultCode(answer), answer.path("Message").asText(""));
            return;
        }
        unit.made(call);
        if (!ok) {
            readRefused(unit, t, answer);
            return;
        }
        switch (call) {
            case READ_CANCELS -> {
                if (unit.getAction() == ClaimActionType.SELLER_CANCEL) {
                    afterSellerCancelRead(unit, t, answer.path("Data"));
                } else {
                    afterClaimRead(unit, t, find(unit, t, ClaimList.CANCELS, answer.path("Data")), CANCEL_APPROVE);
                }
            }
            case READ_RETURNS -> {
                JsonNode row = find(unit, t, ClaimList.RETURNS, answer.path("Data"));
                if (row == null && t.returnRead + 1 < RETURN_READS.size()) {
                    t.returnRead++;
                    unit.next(READ_RETURNS);
                } else {
                    afterClaimRead(unit, t, row, RETURN_APPROVE);
                }
            }
            case READ_ORDER -> afterOrderRead(unit, t, answer);
            default -> unit.sent("OK", null);
        }
    }

    /** A read ESM refused: the refusal it was settling stands; without one the row is tried again later. */
    private static void readRefused(ClaimActionUnit unit, Target t, JsonNode answer) {
        if (unit.getRefusalCode() != null) {
            unit.rejected(unit.getRefusalCode(), unit.getRefusalMessage());
        } else {
            unit.failed(EsmApi.resultCode(answer), "ESM refused the read of OrderNo " + t.orderNo + ": "
                    + answer.path("Message").asText(""), null);
        }
    }

    /** The list row of the unit's claim: the same derived claim id (site, OrderNo, type, RequestDate). */
    static JsonNode find(ClaimActionUnit unit, Target t, ClaimList list, JsonNode rows) {
        for (JsonNode row : rows) {
            if (unit.getClaim().claimId().equals(EsmClaimMapper.claimId(t.site, list.type, row))) {
                return row;
            }
        }
        return null;
    }

    private static void afterClaimRead(ClaimActionUnit unit, Target t, JsonNode row, String approve) {
        String what = (unit.getClaim().type() == ClaimType.CANCEL ? "cancel" : "return") + " of OrderNo " + t.orderNo;
        if (row == null) {
            unit.rejectedAsRefused("NOT_LISTED", "ESM does not list the " + what + " as requested or done (refused,"
                    + " withdrawn or ended)");
            return;
        }
        ClaimList list = unit.getClaim().type() == ClaimType.CANCEL ? ClaimList.CANCELS : ClaimList.RETURNS;
        ClaimStatus status = status(row, list);
        String shown = list.statusField + "=" + row.path(list.statusField).asText();
        if (status == null) {
            unit.failed("NO_STATUS", "ESM listed the " + what + " without a known " + list.statusField, null);
        } else if (status == ClaimStatus.APPROVED || status == ClaimStatus.COMPLETED) {
            unit.sent("ALREADY_DONE", "ESM shows the " + what + " approved (" + shown + ")");
        } else if (status == ClaimStatus.REQUESTED && !unit.hasMade(approve)) {
            t.returnRead = 0;
            unit.next(approve);
        } else if (status == ClaimStatus.REQUESTED) {
            unit.rejectedAsRefused("NOT_APPROVED", "ESM still shows the " + what + " requested (" + shown + ")");
        } else {
            unit.rejectedAsRefused("WITHDRAWN", "the buyer withdrew the " + what + " at ESM (" + shown + ")");
        }
    }

    /** SELLER_CANCEL: the OrderNo's cancels, whoever asked; the latest request decides. */
    private static void afterSellerCancelRead(ClaimActionUnit unit, Target t, JsonNode rows) {
        JsonNode latest = null;
        OffsetDateTime latestAt = null;
        for (JsonNode row : rows) {
            if (!t.orderNo.equals(row.path("OrderNo").asText())) {
                continue;
            }
            OffsetDateTime at = at(row);
            if (latest == null || at != null && (latestAt == null || !at.isBefore(latestAt))) {
                latest = row;
                latestAt = at;
            }
        }
        ClaimStatus status = latest == null ? null : status(latest, ClaimList.CANCELS);
        String shown = latest == null ? "" : " (CancelStatus=" + latest.path("CancelStatus").asText() + ")";
        if (status == ClaimStatus.APPROVED || status == ClaimStatus.COMPLETED) {
            unit.sent("ALREADY_DONE", "ESM shows OrderNo " + t.orderNo + " cancelled" + shown);
        } else if (status == ClaimStatus.REQUESTED) {
            unit.rejectedAsRefused("CANCEL_REQUESTED", "the buyer asked to cancel OrderNo " + t.orderNo + shown
                    + ": answer it with APPROVE_CANCEL");
        } else if (!unit.hasMade(SOLD_OUT)) {
            unit.next(SOLD_OUT);
        } else {
            unit.rejectedAsRefused("NOT_CANCELLED", "ESM did not cancel OrderNo " + t.orderNo);
        }
    }

    /** SHIP_INSTEAD: the OrderNo shipped with this invoice is done; still unshipped, ShippingInfo is sent (once). */
    private static void afterOrderRead(ClaimActionUnit unit, Target t, JsonNode answer) {
        JsonNode row = null;
        for (JsonNode r : answer.path("Data").path("RequestOrders")) {
            if (t.orderNo.equals(r.path("OrderNo").asText())) {
                row = r;
            }
        }
        if (row == null) {
            unit.rejectedAsRefused("NOT_FOUND", "ESM does not list OrderNo " + t.orderNo);
            return;
        }
        int status = row.path("OrderStatus").asInt(0);
        if (status >= 3 && unit.getTrackingNo().equals(row.path("NoSongjang").asText(""))) {
            unit.sent("ALREADY_DONE", "ESM shows OrderNo " + t.orderNo + " shipped with this invoice (OrderStatus " + status + ")");
        } else if (status >= 3) {
            unit.rejectedAsRefused("ALREADY_SHIPPED", "OrderNo " + t.orderNo + " is OrderStatus " + status
                    + " at ESM with another invoice");
        } else if (!unit.hasMade(SHIP)) {
            unit.next(SHIP);
        } else {
            unit.rejectedAsRefused("NOT_SHIPPED", "ESM did not ship OrderNo " + t.orderNo + " (OrderStatus " + status + ")");
        }
    }

    private static ClaimStatus status(JsonNode row, ClaimList list) {
        String code = row.path(list.statusField).asText("").trim();
        if (!code.matches("[0-9]{1,2}")) {
            return null;
        }
        try {
            return EsmClaimMapper.status(Integer.parseInt(code), list.statusField);
        } catch (MappingException e) {
            return null;
        }
    }

    private static OffsetDateTime at(JsonNode row) {
        try {
            return EsmOrderMapper.time(row, "RequestDate");
        } catch (MappingException e) {
            return null;
        }
    }

    private static boolean digits(String s) {
        return s != null && s.trim().matches("[0-9]{1,18}");
    }
}
