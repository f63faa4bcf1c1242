package io.marketbridge.marketplace;

import java.time.Duration;

/** Worth retrying: timeouts, 5xx, 429 (with the marketplace's Retry-After when it sent one). */
public class TransientMarketplaceException extends MarketplaceException {

    private final Duration retryAfter;

    public TransientMarketplaceException(String message, Duration retryAfter) {
        super(ErrorType.TRANSIENT, message);
        this.retryAfter = retryAfter;
    }

    public TransientMarketplaceException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public TransientMarketplaceException(String message, Duration retryAfter, Throwable cause) {
        super(ErrorType.TRANSIENT, message, cause);
        this.retryAfter = retryAfter;
    }

    /** How long the marketplace asked us to wait, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
