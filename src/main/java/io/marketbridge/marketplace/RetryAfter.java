package io.marketbridge.marketplace;

import java.time.Duration;
import org.apache.camel.Message;

/**
 * Reads an HTTP Retry-After header given in seconds, the only form the marketplaces send. An HTTP date, a negative
 * or an absurd number (more than nine digits) gives null: the caller's fallback applies, or the backoff.
 */
public final class RetryAfter {

    public static final String HEADER = "Retry-After";

    private RetryAfter() {
    }

    public static Duration parse(String header) {
        if (header == null) {
            return null;
        }
        String v = header.trim();
        return v.matches("[0-9]{1,9}") ? Duration.ofSeconds(Long.parseLong(v)) : null;
    }

    /** The answer's Retry-After, or null. */
    public static Duration of(Message answer) {
        return parse(answer.getHeader(HEADER, String.class));
    }
}
