package io.marketbridge.simulator.naver;

import java.util.concurrent.ConcurrentLinkedQueue;

/** Fault and behaviour switches of the Naver simulator; each may be changed while the simulator runs. */
public final class NaverFaults {

    static final double DEFAULT_GIFT_RATE = 0.05;

    /** How claim objects appear in the detail: naver.md marks the top-level ones as deprecated (H1 2025). */
    public enum ClaimShape {
        /** currentClaim.{cancel|return|exchange} and completedClaims[] only. */
        CURRENT,
        /** the current form and the deprecated top-level cancel/return/exchange together. */
        BOTH,
        /** the deprecated top-level objects only. */
        LEGACY
    }

    public volatile long latencyMs;
    public volatile double errorRate;
    public volatile double throttleRate;
    public volatile double timeoutRate;
    public volatile long timeoutDelayMs = 3000;
    public volatile double malformedBodyRate;
    /** Share of confirmations whose buyer changed the address just before (feed and isReceiverAddressChanged show it). */
    public volatile double addressChangeRate;
    /** Share of new orders that are gifts waiting for the receiver's address. */
    public volatile double giftRate = DEFAULT_GIFT_RATE;
    /** Every call answers 403 GW.IP_NOT_ALLOWED, as for a server IP not registered in the API Center. */
    public volatile boolean ipDenied;
    public volatile ClaimShape claimShape = ClaimShape.CURRENT;
    /** Feed lists only each product order's latest change (one reading of "last changed"); else every change. */
    public volatile boolean latestChangeOnly;
    /** Feed and conditional windows over 24 h answer 104139 (whether Naver rejects them is uncertain). */
    public volatile boolean rejectLongWindows = true;
    /** Hide initial and remain amounts unless the query sends quantityClaimCompatibility=true (uncertain). */
    public volatile boolean quantityFieldsNeedCompatibility;
    final ConcurrentLinkedQueue<Integer> failNext = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Integer> failNextToken = new ConcurrentLinkedQueue<>();
    private final Runnable tokenExpiry;

    NaverFaults(Runnable tokenExpiry) {
        this.tokenExpiry = tokenExpiry;
    }

    /** The next {@code count} API calls (token requests excluded) answer the gateway error of {@code status}. */
    public void failNext(int status, int count) {
        for (int i = 0; i < count; i++) {
            failNext.add(status);
        }
    }

    /** The next {@code count} token requests answer {@code status}. */
    public void failNextToken(int status, int count) {
        for (int i = 0; i < count; i++) {
            failNextToken.add(status);
        }
    }

    /** Invalidates every issued token: the next API call with any of them answers 401 GW.AUTHN. */
    public void expireTokens() {
        tokenExpiry.run();
    }

    public void reset() {
        latencyMs = 0;
        errorRate = throttleRate = timeoutRate = malformedBodyRate = addressChangeRate = 0;
        timeoutDelayMs = 3000;
        giftRate = DEFAULT_GIFT_RATE;
        ipDenied = false;
        claimShape = ClaimShape.CURRENT;
        latestChangeOnly = false;
        rejectLongWindows = true;
        quantityFieldsNeedCompatibility = false;
        failNext.clear();
        failNextToken.clear();
    }
}
