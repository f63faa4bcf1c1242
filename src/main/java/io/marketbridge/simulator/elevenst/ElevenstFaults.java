package io.marketbridge.simulator.elevenst;

import java.util.concurrent.ConcurrentLinkedQueue;

/** The 11st simulator's switches, settable from tests or the control endpoint. */
public final class ElevenstFaults {
    public volatile long latencyMs;
    public volatile double errorRate;
    public volatile boolean maintenance;
    public volatile boolean ipDenied;
    /** Non-null: list answers carry a DOCTYPE whose external entity points at this file. */
    public volatile String xxeFile;
    /** Non-null: overrides the configured charset (EUC-KR or UTF-8). */
    public volatile String charset;
    public volatile String resultRoot = "ResultOrder";
    /** Share of new orders whose buyer and receiver names use characters outside KS X 1001 (MS949 only). */
    public volatile double rareNameRate = 0.2;
    /** cancelreqreject's sendDt: yyyyMMdd (one implementation), yyyyMMddHHmm (as reqdelivery), or any of the two. */
    public volatile String cancelRejectSendDt = "yyyyMMdd";
    final ConcurrentLinkedQueue<Integer> failNext = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Integer> actionCodes = new ConcurrentLinkedQueue<>();

    /** The next count calls answer HTTP status (500, 502, 503, 429). */
    public void failNext(int status, int count) {
        for (int i = 0; i < count; i++) {
            failNext.add(status);
        }
    }

    /** The next count action calls (reqpackaging, reqdelivery) answer this result code without acting. */
    public void actionCode(int code, int count) {
        for (int i = 0; i < count; i++) {
            actionCodes.add(code);
        }
    }

    public void reset() {
        latencyMs = 0;
        errorRate = 0;
        maintenance = false;
        ipDenied = false;
        xxeFile = null;
        charset = null;
        resultRoot = "ResultOrder";
        rareNameRate = 0.2;
        cancelRejectSendDt = "yyyyMMdd";
        failNext.clear();
        actionCodes.clear();
    }
}
