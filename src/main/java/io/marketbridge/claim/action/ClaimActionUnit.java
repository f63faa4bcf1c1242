package io.marketbridge.claim.action;

import io.marketbridge.config.Account;
import io.marketbridge.marketplace.MarketplaceConversation;
import io.marketbridge.order.Marketplace;
import io.marketbridge.shipment.Courier;
import io.marketbridge.shipment.ShipmentStore;

/**
 * One MB_CLAIM_ACTION row on its way to the marketplace: the action, the claim it answers (or, for
 * SELLER_CANCEL, the delivered line it cancels), and the conversation the marketplace's claim action route
 * runs for it ({@link MarketplaceConversation}: the next call, the outcome SENT, REJECTED or FAILED, as for a
 * shipment).
 *
 * <p>A marketplace that can read the state of a claim names that call with {@link #readsWith}: a row that may
 * have reached the marketplace before ({@link #isReconcile}) starts with it, and a refusal (the marketplace's
 * RejectedException) is settled by it once ("already done" is SENT, anything else REJECTED with the refusal).
 */
public class ClaimActionUnit extends MarketplaceConversation {

    /** Route variable: the unit a claim action route's split is at, kept while each call replaces the body. */
    public static final String VARIABLE = "claimAction";

    private final ClaimActionRow row;
    private final Account account;
    private final Marketplace marketplace;
    private final ClaimActionType action;
    private final RecordedClaim claim;
    private final String orderId;
    private final ShipmentStore.DeliveredLine line;
    private final SellerCancelReason reason;
    private final String reasonText;
    private final Courier courier;
    private final String courierCode;
    private final String trackingNo;

    private String readCall;
    private boolean refusalRead;

    /**
     * @param row    the MB_CLAIM_ACTION row as claimed
     * @param claim  the claim answered; null for SELLER_CANCEL
     * @param line   the line cancelled by SELLER_CANCEL; null otherwise
     * @param courier the courier of SHIP_INSTEAD and its code at the marketplace; null otherwise
     */
    public ClaimActionUnit(ClaimActionRow row, Account account, Marketplace marketplace, ClaimActionType action, RecordedClaim claim,
                           String orderId, ShipmentStore.DeliveredLine line, SellerCancelReason reason, String reasonText,
                           Courier courier, String courierCode, String trackingNo) {
        this.row = row;
        this.account = account;
        this.marketplace = marketplace;
        this.action = action;
        this.claim = claim;
        this.orderId = orderId;
        this.line = line;
        this.reason = reason;
        this.reasonText = reasonText;
        this.courier = courier;
        this.courierCode = courierCode;
        this.trackingNo = trackingNo;
    }

    // ------------------------------------------------------------ what to send

    public long getRowId() {
        return row.id();
    }

    /** The MB_CLAIM_ACTION row as claimed. */
    public ClaimActionRow getRow() {
        return row;
    }

    public Account getAccount() {
        return account;
    }

    public Marketplace getMarketplace() {
        return marketplace;
    }

    public ClaimActionType getAction() {
        return action;
    }

    /** The claim answered (APPROVE_CANCEL, SHIP_INSTEAD, APPROVE_RETURN); null for SELLER_CANCEL. */
    public RecordedClaim getClaim() {
        return claim;
    }

    public String getOrderId() {
        return orderId;
    }

    /** SELLER_CANCEL: the delivered line to cancel (its shipping unit and the marketplace's ids); else null. */
    public ShipmentStore.DeliveredLine getLine() {
        return line;
    }

    /** SELLER_CANCEL: why; else null. */
    public SellerCancelReason getReason() {
        return reason;
    }

    /** SELLER_CANCEL: the text after the reason's code ("" when none). */
    public String getReasonText() {
        return reasonText;
    }

    /** SHIP_INSTEAD: the courier; else null. */
    public Courier getCourier() {
        return courier;
    }

    /** SHIP_INSTEAD: the courier's code at this unit's marketplace. */
    public String getCourierCode() {
        return courierCode;
    }

    public String getTrackingNo() {
        return trackingNo;
    }

    /** True when an earlier try may have reached the marketplace: read its state before acting. */
    public boolean isReconcile() {
        return row.mayHaveReachedMarketplace();
    }

    // ------------------------------------------------------------ the conversation

    /** Names the marketplace's call that reads the claim's state (see the class comment); null: none. */
    public void readsWith(String call) {
        this.readCall = call;
    }

    public String getReadCall() {
        return readCall;
    }

    /**
     * The marketplace refused the current call: read once to see whether the action is done anyway (a read
     * call being refused, or a second refusal, is REJECTED with the marketplace's code and message).
     */
    @Override
    public void refused(String code, String message) {
        String call = getNextCall();
        if (call != null) {
            made(call);
        }
        super.refused(code, message);
        if (readCall == null || readCall.equals(call) || refusalRead) {
            rejected(code, message);
        } else {
            refusalRead = true;
            next(readCall);
        }
    }

    /** Rejected with the refusal being settled, when there is one, else with this code and message. */
    public void rejectedAsRefused(String code, String message) {
        if (getRefusalCode() != null) {
            rejected(getRefusalCode(), getRefusalMessage());
        } else {
            rejected(code, message);
        }
    }

    /** For log lines: ids only, never personal data. */
    @Override
    public String toString() {
        return marketplace.code() + "/" + account.id() + "/" + action + "/" + (claim != null ? claim.claimId() : orderId);
    }
}
