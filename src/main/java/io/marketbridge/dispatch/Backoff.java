package io.marketbridge.dispatch;

import java.time.Duration;
import java.time.Instant;

/**
 * How a FAILED row is tried again: after a wait doubling from initialDelay up to maxDelay, at most maxAttempts
 * tries in all.
 *
 * @param maxAttempts  tries of a transiently failing row before it is left FAILED for good
 * @param initialDelay wait before the first retry; doubles per attempt up to maxDelay
 */
public record Backoff(int maxAttempts, Duration initialDelay, Duration maxDelay) {

    /** The wait before retry number {@code attempt} (1-based), doubling from initialDelay, capped at maxDelay. */
    public Duration wait(int attempt) {
        Duration d = initialDelay.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    /**
     * When a row that just failed its {@code attempt}-th try (1-based) is tried again: after {@link #wait}, or
     * after the marketplace's Retry-After when that is longer; null when the attempts are used up.
     */
    public Instant nextAttempt(int attempt, Duration retryAfter, Instant now) {
        if (attempt >= maxAttempts) {
            return null;
        }
        Duration wait = wait(attempt);
        return now.plus(retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait);
    }
}
