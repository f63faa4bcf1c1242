package io.marketbridge.simulator.naver;

import io.marketbridge.simulator.CallRates;
import io.marketbridge.simulator.SimReply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Naver's gateway rate limit: a token bucket per application and API, answered with GW.RATE_LIMIT and the
 * GNCP-GW-RateLimit-* headers; also records the rates clients really called at, before any limit applies.
 */
final class NaverRateLimit {

    /** Naver's token bucket: refills at the rate, holds twice the rate (the burst capacity). */
    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final CallRates rates = new CallRates();
    private volatile int perSecond;

    NaverRateLimit(int perSecond) {
        this.perSecond = Math.max(1, perSecond);
    }

    /** Changes the per-application, per-API limit (requests per second; the burst capacity is twice that). */
    void setPerSecond(int perSecond) {
        this.perSecond = Math.max(1, perSecond);
        buckets.clear();
    }

    /** Takes one token from the application's bucket for this API; returns what remains, or -1 when empty. */
    int take(String clientId, String api) {
        long nanos = System.nanoTime();
        rates.record(clientId);
        int rate = perSecond;
        int burst = 2 * rate;
        Bucket b = buckets.computeIfAbsent(clientId + " " + api, k -> new Bucket(burst, nanos));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (nanos - b.last) * rate / 1e9);
            b.last = nanos;
            if (b.tokens < 1) {
                return -1;
            }
            b.tokens -= 1;
            return (int) Math.floor(b.tokens);
        }
    }

    SimReply withRateHeaders(SimReply reply, int remaining) {
        int rate = perSecond;
        return reply.with("GNCP-GW-RateLimit-Replenish-Rate", String.valueOf(rate))
                .with("GNCP-GW-RateLimit-Burst-Capacity", String.valueOf(2 * rate))
                .with("GNCP-GW-RateLimit-Remaining", String.valueOf(remaining));
    }

    SimReply rateLimited(String traceId) {
        return withRateHeaders(NaverReplies.gatewayError(429, "GW.RATE_LIMIT",
                "요청이 많아 서비스를 일시적으로 사용할 수 없습니다.", traceId), 0);
    }

    /** The highest calls-per-second any single application reached across all APIs (a sliding one-second window). */
    int peakPerClient() {
        return rates.peakPerCaller();
    }

    /** The highest calls-per-second of all applications together (per wall-clock second). */
    long peakTotal() {
        return rates.peakTotal();
    }

    /** Forgets the rate peaks (for a benchmark that measures one phase). */
    void resetPeaks() {
        rates.reset();
    }
}
