package io.marketbridge.marketplace;

import io.marketbridge.intake.SafeMessages;
import io.marketbridge.shipment.ShipmentStatus;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * What a marketplace's route makes of one unit it sends (a shipping unit, a claim action): a short conversation of
 * calls that ends in an outcome. {@link #getNextCall} names the next call, null when the conversation is over; the
 * outcome is SENT, REJECTED or FAILED (the MB_SHIPMENT / MB_CLAIM_ACTION status the unit's rows get). The routes
 * loop on {@code hasNextCall()}; the marketplace's beans call {@link #next}, {@link #made} and the outcome methods.
 */
public abstract class MarketplaceConversation {

    /** A conversation that has not settled after this many calls fails (UNSETTLED). */
    private static final int MAX_CALLS = 8;

    private String nextCall;
    /** The marketplace's own state of the conversation (11st: the lines still to confirm), set by its begin step. */
    private Object conversation;
    private final Set<String> callsMade = new HashSet<>();
    private int calls;
    private String refusalCode;
    private String refusalMessage;

    private String outcome;
    private String resultCode;
    private String resultMessage;
    private Duration retryAfter;

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

    /** Marks the current call as made (the marketplace's answer step calls this when the answer is read). */
    public void made(String call) {
        calls++;
        callsMade.add(call);
    }

    public boolean hasMade(String call) {
        return callsMade.contains(call);
    }

    public void setConversation(Object conversation) {
        this.conversation = conversation;
    }

    public <S> S conversation(Class<S> type) {
        return type.cast(conversation);
    }

    /** The marketplace refused a call: its code and message are kept while a read decides what the refusal means. */
    public void refused(String code, String message) {
        this.refusalCode = code;
        this.refusalMessage = message;
    }

    /** The code of the refusal being settled, null when none. */
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

    public void failed(String code, String message, Duration retryAfter) {
        finish(ShipmentStatus.FAILED, code, message, retryAfter);
    }

    /**
     * Ends the conversation by the exception that cut it short (typed marketplace errors first): a refusal is
     * REJECTED, a configuration error, a transient error (with its Retry-After) and anything else FAILED.
     */
    public void failedBy(Throwable caught) {
        Throwable e = caught;
        while (e != null && e.getCause() != null && !(e instanceof MarketplaceException)) {
            e = e.getCause();
        }
        String message = e instanceof MarketplaceException ? e.getMessage()
                : SafeMessages.of(caught); // a database's or parser's text may quote personal data
        if (e instanceof RejectedException r) {
            rejected(refusalCode(r), message);
        } else if (e instanceof ConfigurationException) {
            failed("CONFIGURATION", message, null);
        } else if (e instanceof TransientMarketplaceException t) {
            failed("TRANSIENT", message, t.retryAfter());
        } else {
            failed("ERROR", message, null);
        }
    }

    /** A refusal's result code: an HTTP status as HTTP_400, a marketplace's own code (Naver's 104121, ...) as it is. */
    public static String refusalCode(RejectedException r) {
        return r.code() == null ? "REJECTED" : r.code().matches("[0-9]{3}") ? "HTTP_" + r.code() : r.code();
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
}
