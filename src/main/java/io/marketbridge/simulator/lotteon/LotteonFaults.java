package io.marketbridge.simulator.lotteon;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The Lotte ON simulator's switches, settable from tests or the control endpoint: faults (latency, HTTP errors,
 * malformed bodies and rows, an unregistered IP) and one switch per point lotteon.md leaves UNCERTAIN.
 */
public final class LotteonFaults {

    public volatile long latencyMs;
    /** Share of calls answered HTTP 500. */
    public volatile double errorRate;
    public volatile boolean ipDenied;
    /** Share of new orders whose first row is malformed (odQty not a number). */
    public volatile double malformedRowRate;

    // ---- the UNCERTAIN points of lotteon.md
    /** Where the key is read: bearer (Authorization: Bearer), query (a Key parameter) or either. */
    public volatile String keyPlacement = "either";
    /** The order search refuses a body without trNo. */
    public volatile boolean requireTrNo;
    /** SellerIfCompleteInform moves the line to 12 (preparing), as one codebase says it does. */
    public volatile boolean ifCompleteMovesToPreparing;
    /** Step 13 is refused for a line still at 11: step 12 must come first. */
    public volatile boolean requireStep12;
    /** Inform answers carry a per-row result list (else only data.rsltCd for the whole call). */
    public volatile boolean rowResults = true;
    /** slAmt is the unit price (else the line's amount). */
    public volatile boolean slAmtPerUnit;
    /** dvCst repeats the order's fee on every row (else on its first row, 0 on the others). */
    public volatile boolean dvCstOnEveryRow = true;
    /** The older paths (without the Seller prefix, SellerDeliveryOrderSearch) are answered too. */
    public volatile boolean legacyPaths;

    final ConcurrentLinkedQueue<Integer> failNext = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Boolean> malformedNext = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> rowCodes = new ConcurrentLinkedQueue<>();

    /** The next {@code count} calls answer HTTP {@code status} (500, 502, 503, 429). */
    public void failNext(int status, int count) {
        for (int i = 0; i < count; i++) {
            failNext.add(status);
        }
    }

    /** The next {@code count} answers are cut off half-way (HTTP 200, not JSON). */
    public void malformedNext(int count) {
        for (int i = 0; i < count; i++) {
            malformedNext.add(true);
        }
    }

    /**
     * The next {@code count} rows of inform calls (IfComplete, ProgressStateInform) are refused with this result
     * code inside a "0000" envelope, without acting.
     */
    public void refuseNextRows(String code, int count) {
        for (int i = 0; i < count; i++) {
            rowCodes.add(code);
        }
    }

    public void reset() {
        latencyMs = 0;
        errorRate = 0;
        ipDenied = false;
        malformedRowRate = 0;
        keyPlacement = "either";
        requireTrNo = false;
        ifCompleteMovesToPreparing = false;
        requireStep12 = false;
        rowResults = true;
        slAmtPerUnit = false;
        dvCstOnEveryRow = true;
        legacyPaths = false;
        failNext.clear();
        malformedNext.clear();
        rowCodes.clear();
    }
}
