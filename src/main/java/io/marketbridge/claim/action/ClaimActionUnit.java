package io.marketbridge.claim.action;

import io.marketbridge.config.Account;
import io.marketbridge.order.Marketplace;
import io.marketbridge.shipment.Courier;
import io.marketbridge.shipment.ShipmentStatus;
import io.marketbridge.shipment.ShipmentStore;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * One MB_CLAIM_ACTION row on its way to the marketplace: the action, the claim it answers (or, for
 * SELLER_CANCEL, the delivered line it cancels), and the conversation the marketplace's claim action route
 * runs for it. {@link #nextCall} names the next call, null when the conversation is over; the outcome is
 * SENT, REJECTED or FAILED, as for a shipment.
 *
 * <p>A marketplace that can read the state of a claim names that call with {@link #readsWith}: a row that may
 * have reached the marketplace before ({@link #isReconcile}) starts with it, and a refusal (the marketplace's
 * RejectedException) is settled by it once ("already done" is SENT, anything else REJECTED with the refusal).
 */
public class ClaimActionUnit {

    /** Route variable: the unit a claim action route's split is at, kept while each call replaces the body. */
    public static final String VARIABLE = "claimAction";
    private static final int MAX_CALLS = 8;

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

    private String nextCall;
    private String readCall;
    private Object conversation;
    private final Set<String> callsMade = new HashSet<>();
    private int calls;
    private String refusalCode;
    private String refusalMessage;
    private boolean refusalRead;

    private String outcome;
    private String resultCode;
    private String resultMessage;
    private Duration retryAfter;

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

    public String getNextCall() {
        return nextCall;
    }

    public boolean hasNextCall() {
        return nextCall != null && outcome == null;
    }

    /** Sets the next call; a conversation is at most 8 calls long. */
    public void next(String call) {
        if (calls >= MAX_CALLS) {
            failed("UNSETTLED", "the marketplace's answers did not settle after " + calls + " calls", null);
            return;
        }
        this.nextCall = call;
    }

    /** Marks the current call as made (the marketplace's answer step calls this first). */
    public void made(String call) {
        calls++;
        callsMade.add(call);
    }

    public boolean hasMade(String call) {
        return callsMade.contains(call);
    }

    /** Names the marketplace's call that reads the claim's state (see the class comment); null: none. */
    public void readsWith(String call) {
        this.readCall = call;
    }

    public String getReadCall() {
        return readCall;
    }

    public void setConversation(Object conversation) {
        this.conversation = conversation;
    }

    public <S> S conversation(Class<S> type) {
        return type.cast(conversation);
    }

    /**
     * The marketplace refused the current call: read once to see whether the action is done anyway (a read
     * call being refused, or a second refusal, is REJECTED with the marketplace's code and message).
     */
    public void refused(String code, String message) {
        String call = nextCall;
        if (call != null) {
            made(call);
        }
        this.refusalCode = code;
        this.refusalMessage = message;
        if (readCall == null || readCall.equals(call) || refusalRead) {
            rejected(code, message);
        } else {
            refusalRead = true;
            next(readCall);
        }
    }

    /** The code of the refusal a read is settling, null when none. */
    public String getRefusalCode() {
        return refusalCode;
    }

    public String getRefusalMessage() {
        return refusalMessage;
    }

    // ------------------------------------------------------------ the outcome

    public void sent(String code, String message) {
        finish(ShipmentStatus.SENT, code, message, null);
    }

    public void rejected(String code, String message) {
        finish(ShipmentStatus.REJECTED, code, message, null);
    }

    /** Rejected with the refusal being settled, when there is one, else with this code and message. */
    public void rejectedAsRefused(String code, String message) {
        if (refusalCode != null) {
            rejected(refusalCode, refusalMessage);
        } else {
            rejected(code, message);
        }
    }

    public void failed(String code, String message, Duration retryAfter) {
        finish(ShipmentStatus.FAILED, code, message, retryAfter);
    }

    private void finish(String outcome, String code, String message, Duration retryAfter) {
        if (this.outcome == null) {
            this.outcome = outcome;
            this.resultCode = code;
            this.resultMessage = message;
            this.retryAfter = retryAfter;
        }
        this.nextCall = null;
    }

    public boolean isFinished() {
        return outcome != null;
    }

    public String getOutcome() {
        return outcome;
    }

    public String getResultCode() {
        return resultCode;
    }

    public String getResultMessage() {
        return resultMessage;
    }

    public Duration getRetryAfter() {
        return retryAfter;
    }

    /** For log lines: ids only, never personal data. */
    @Override
    public String toString() {
        return marketplace.code() + "/" + account.id() + "/" + action + "/" + (claim != null ? claim.claimId() : orderId);
    }
}
