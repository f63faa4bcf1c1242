package io.marketbridge.simulator.coupang;

import java.util.concurrent.ConcurrentLinkedQueue;

/** The Coupang simulator's fault switches; each may be changed while the simulator runs. */
public final class CoupangFaults {
    public volatile long latencyMs;
    public volatile double errorRate;
    public volatile double throttleRate;
    public volatile double timeoutRate;
    public volatile long timeoutDelayMs = 3000;
    public volatile double malformedBodyRate;
    public volatile double malformedOrderRate;
    public volatile double addressChangeRate;
    final ConcurrentLinkedQueue<Integer> failNext = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String[]> failNextInvoices = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Integer> failNextRereads = new ConcurrentLinkedQueue<>();

    /** The next {@code count} calls answer with {@code status}; a 429 starts the vendor's block, as going over the limit does. */
    public void failNext(int status, int count) {
        for (int i = 0; i < count; i++) {
            failNext.add(status);
        }
    }

    /**
     * The next {@code count} invoice upload or update calls answer HTTP 200 with every item refused with
     * {@code resultCode} and {@code retryRequired}, as Coupang does for business refusals.
     */
    public void failNextInvoices(String resultCode, boolean retryRequired, int count) {
        for (int i = 0; i < count; i++) {
            failNextInvoices.add(new String[] {resultCode, String.valueOf(retryRequired)});
        }
    }

    /**
     * The next {@code count} reads of acknowledged boxes (single-box reads and INSTRUCT lists) answer with
     * {@code status}; the other calls go through. A run that dies between acknowledging and re-reading.
     */
    public void failNextRereads(int status, int count) {
        for (int i = 0; i < count; i++) {
            failNextRereads.add(status);
        }
    }

    public void reset() {
        failNextInvoices.clear();
        failNextRereads.clear();
        latencyMs = 0;
        errorRate = throttleRate = timeoutRate = malformedBodyRate = malformedOrderRate = addressChangeRate = 0;
        timeoutDelayMs = 3000;
        failNext.clear();
    }
}
