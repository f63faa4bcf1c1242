package io.marketbridge.simulator.esm;

import io.marketbridge.simulator.esm.EsmSimulator.Api;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Fault and behaviour switches of the ESM simulator; each may be changed while it runs. */
public final class EsmFaults {

    public volatile long latencyMs;
    /** Share of calls answered with HTTP 500 (the gateway's Spring Boot error body). */
    public volatile double errorRate;
    /** Fresh orders show null phones for this long after payment (ESM: "about 5 minutes"). */
    public volatile Duration freshPhoneDelay = Duration.ZERO;
    /** Share of orders whose buyer changes the address just before OrderCheck (it answers IsChanged 1). */
    public volatile double addressChangeRate;
    /** Share of new orders that are gifts waiting for the receiver's address. */
    public volatile double giftRate;
    /** Gmarket's Data.SiteType in RequestOrders answers: 2 as requested, or 3 as the official sample shows. */
    public volatile int gmarketSiteTypeInAnswer = 2;
    /** The buyer id field's name: BuyerId (sample) or BuyerID (some doc text). */
    public volatile String buyerIdField = "BuyerId";
    /** iat accepted as: any (number or numeric string), number, string. */
    public volatile String iatAs = "any";
    /** A page size over maxPageSize: clamp it (answer PageSize shows the clamp) or refuse with 1000. */
    public volatile boolean clampPageSize = true;
    /** Claim lists: the longest StartDate..EndDate span in days (ESM refused exactly 7 with 2000). */
    public volatile int claimWindowMaxDays = 6;
    /** Claim APIs answer ResultCode as the string "success" instead of 0 (seen sometimes). */
    public volatile boolean claimResultCodeAsString;
    volatile int maxPageSize;
    private final ConcurrentLinkedQueue<Forced> failNext = new ConcurrentLinkedQueue<>();

    /** One forced answer: for {@code api} (null = any), HTTP {@code httpStatus}, or HTTP 200 with {@code resultCode}. */
    record Forced(Api api, int httpStatus, int resultCode) {
    }

    EsmFaults(int maxPageSize, Duration freshPhoneDelay) {
        this.maxPageSize = Math.max(1, maxPageSize);
        this.freshPhoneDelay = freshPhoneDelay;
    }

    /** The next {@code count} calls of any API answer HTTP {@code status}. */
    public void failNext(int status, int count) {
        for (int i = 0; i < count; i++) {
            failNext.add(new Forced(null, status, 0));
        }
    }

    /** The next {@code count} calls of {@code api} (null = any) answer HTTP 200 with ResultCode {@code code}. */
    public void failNextResult(Api api, int code, int count) {
        for (int i = 0; i < count; i++) {
            failNext.add(new Forced(api, 0, code));
        }
    }

    /** The forced answer for this call of {@code api}, taken off the queue, or null. */
    Forced takeForced(Api api) {
        Forced forced = failNext.peek();
        if (forced != null && (forced.api() == null || forced.api() == api) && failNext.remove(forced)) {
            return forced;
        }
        return null;
    }

    public void reset() {
        latencyMs = 0;
        errorRate = addressChangeRate = giftRate = 0;
        freshPhoneDelay = Duration.ZERO;
        gmarketSiteTypeInAnswer = 2;
        buyerIdField = "BuyerId";
        iatAs = "any";
        clampPageSize = true;
        claimWindowMaxDays = 6;
        claimResultCodeAsString = false;
        failNext.clear();
    }
}
