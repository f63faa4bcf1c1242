package io.marketbridge.http;

import io.marketbridge.marketplace.ConfigurationException;

/**
 * A marketplace answered with more bytes than {@code marketbridge.http.max-response-bytes}. Asking again would get
 * the same answer, so this is not retried: it is a CONFIGURATION failure (the health check goes DOWN) until the
 * limit is raised or the page asked for is made smaller.
 */
public class ResponseTooLargeException extends ConfigurationException {

    public ResponseTooLargeException(String message) {
        super(message);
    }
}
