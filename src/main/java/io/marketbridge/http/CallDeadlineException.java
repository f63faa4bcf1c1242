package io.marketbridge.http;

import io.marketbridge.marketplace.TransientMarketplaceException;
import java.time.Duration;

/**
 * A marketplace call passed its total deadline (connect + request + the whole answer) and was aborted. TRANSIENT:
 * the window is polled again at the next fire. It carries no cause on purpose: the error handler matches the
 * deepest exception of a chain, and the aborted socket's IOException would be taken for an ordinary, redelivered
 * I/O failure.
 */
public class CallDeadlineException extends TransientMarketplaceException {

    public CallDeadlineException(String message) {
        super(message, (Duration) null);
    }
}
