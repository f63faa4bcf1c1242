package io.marketbridge.marketplace;

import java.time.Duration;

/** An answer a marketplace's error table judges: what the call was, and what it gives an exception. */
public interface CallAnswer {

    /** "Coupang order list for account x": the start of every message. */
    String what();

    /** The code a rejection carries (the marketplace's code, else the HTTP status). */
    String rejectCode();

    /** How long the marketplace asked to wait before the next call, or null. */
    Duration retryAfter();
}
