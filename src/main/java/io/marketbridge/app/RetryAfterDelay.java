package io.marketbridge.app;

import io.marketbridge.marketplace.TransientMarketplaceException;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs before each redelivery: when the marketplace sent Retry-After (429), waits out what the backoff
 * has not already waited, capped, so a retry never comes before the marketplace asked.
 */
public class RetryAfterDelay implements Processor {

    static final Duration CAP = Duration.ofSeconds(120);

    @Override
    public void process(Exchange exchange) throws Exception {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (cause == null) {
            cause = exchange.getException();
        }
        if (cause instanceof TransientMarketplaceException t && t.retryAfter() != null) {
            Long waited = exchange.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class);
            long remaining = Math.min(t.retryAfter().toMillis(), CAP.toMillis()) - (waited == null ? 0 : waited);
            if (remaining > 0) {
                Thread.sleep(remaining);
            }
        }
    }
}
