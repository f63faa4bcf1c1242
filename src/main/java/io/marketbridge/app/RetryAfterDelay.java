package io.marketbridge.app;

import io.marketbridge.intake.CursorStore;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.SafeMessages;
import io.marketbridge.marketplace.TransientMarketplaceException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the error handler of account jobs (routes/error-handling.camel.yaml) waits before each redelivery, and
 * whether it redelivers at all. Nothing here waits: Camel's RedeliveryErrorHandler schedules the redelivery
 * (asyncDelayedRedelivery) after the delay this class puts in header {@value Exchange#REDELIVERY_DELAY}.
 *
 * <ul>
 *   <li>As the route's onExceptionOccurred processor, right after a failure: the delay is the exponential backoff
 *   ({@value #INITIAL_DELAY_PROPERTY}, doubling, at most 60 s), or the marketplace's Retry-After when that is longer.
 *   <li>A Retry-After longer than {@value #MAX_PROPERTY} is not waited for in the poll (it would hold the poll's
 *   worker): the failure is given a message naming the wait, {@link #redeliver} says no, the poll ends TRANSIENT,
 *   and the account's fires until the wait is over are skipped (schedule.PollSlots).
 * </ul>
 */
public class RetryAfterDelay implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger("io.marketbridge.poll");

    public static final String MAX_PROPERTY = "marketbridge.retry.max-retry-after";
    public static final String INITIAL_DELAY_PROPERTY = "marketbridge.retry.initial-delay-ms";
    public static final Duration DEFAULT_MAX = Duration.ofSeconds(10);
    public static final long DEFAULT_INITIAL_DELAY_MS = 500;
    static final long MAX_BACKOFF_MS = 60_000;

    private final Duration max;
    private final long initialDelayMs;

    public RetryAfterDelay(Duration max, long initialDelayMs) {
        if (max.isNegative()) {
            throw new IllegalArgumentException(MAX_PROPERTY + " must not be negative, not " + max);
        }
        if (initialDelayMs < 0) {
            throw new IllegalArgumentException(INITIAL_DELAY_PROPERTY + " must not be negative, not " + initialDelayMs);
        }
        this.max = max;
        this.initialDelayMs = initialDelayMs;
    }

    public static RetryAfterDelay from(Function<String, String> properties) {
        String max = properties.apply(MAX_PROPERTY);
        String initial = properties.apply(INITIAL_DELAY_PROPERTY);
        Duration bound;
        try {
            bound = max == null || max.isBlank() ? DEFAULT_MAX : Duration.parse(max.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(MAX_PROPERTY + " must be an ISO-8601 duration such as PT10S, not '" + max.trim() + "'");
        }
        long initialMs;
        try {
            initialMs = initial == null || initial.isBlank() ? DEFAULT_INITIAL_DELAY_MS : Long.parseLong(initial.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(INITIAL_DELAY_PROPERTY + " must be a whole number, not '" + initial.trim() + "'");
        }
        return new RetryAfterDelay(bound, initialMs);
    }

    /** onExceptionOccurred: sets this redelivery's delay, or names the wait that ends the poll. */
    // takes the Exchange: Camel calls it as the Processor of onExceptionOccurred, and it sets the redelivery header
    @Override
    public void process(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int counter = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 1, Integer.class);
        TransientMarketplaceException t = transientOf(caught);
        Duration retryAfter = t == null ? null : t.retryAfter();
        if (retryAfter != null && retryAfter.compareTo(max) > 0) {
            TransientMarketplaceException named = new TransientMarketplaceException(t.getMessage()
                    + "; the marketplace asks to wait " + retryAfter.toSeconds() + " s (Retry-After), longer than "
                    + MAX_PROPERTY + " (" + max.toSeconds() + " s): not retried in this poll, and the account's fires"
                    + " within that wait are skipped", retryAfter, caught);
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, named);
            exchange.setException(named);
            exchange.getIn().removeHeader(Exchange.REDELIVERY_DELAY);
            return;
        }
        long delay = backoffMs(counter);
        if (retryAfter != null) {
            delay = Math.max(delay, retryAfter.toMillis());
        }
        exchange.getIn().setHeader(Exchange.REDELIVERY_DELAY, delay);
        logRetry(exchange, caught, counter, delay);
    }

    /**
     * Camel's own retry lines (logRetryAttempted: false in the route file) name an exchange id, not the account; this
     * one names the account and job, and only a safe message (never a body or a value the marketplace quoted).
     */
    private static void logRetry(Exchange exchange, Throwable caught, int counter, long delay) {
        int max = exchange.getIn().getHeader(Exchange.REDELIVERY_MAX_COUNTER, 0, Integer.class);
        if (max > 0 && counter > max) {
            return; // no redelivery follows: the poll's FAILED line says why it ended
        }
        PollContext<?> poll = exchange.getProperty(PollContext.PROPERTY, PollContext.class);
        String account = poll != null ? poll.getAccountId() : exchange.getProperty(CursorStore.ACCOUNT_PROPERTY, String.class);
        String job = poll != null ? poll.getJob() : "orders";
        LOG.warn("account={} job={} attempt {} of {} failed, retried in {} ms: {}", account, job, counter,
                max > 0 ? max + 1 : "?", delay, SafeMessages.of(caught));
    }

    /** retryWhile: redeliveries left, and no Retry-After beyond the bound. */
    public boolean redeliver(@Header(Exchange.REDELIVERY_COUNTER) Integer counter,
                             @Header(Exchange.REDELIVERY_MAX_COUNTER) Integer maxRedeliveries,
                             @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught) {
        if (counter == null || maxRedeliveries == null || counter > maxRedeliveries) {
            return false;
        }
        TransientMarketplaceException t = transientOf(caught);
        return t == null || t.retryAfter() == null || t.retryAfter().compareTo(max) <= 0;
    }

    /** The delay before redelivery {@code counter} (1 = the first) without a Retry-After. */
    long backoffMs(int counter) {
        long delay = initialDelayMs;
        for (int i = 1; i < counter && delay < MAX_BACKOFF_MS; i++) {
            delay *= 2;
        }
        return Math.min(delay, MAX_BACKOFF_MS);
    }

    public Duration max() {
        return max;
    }

    static TransientMarketplaceException transientOf(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TransientMarketplaceException t) {
                return t;
            }
        }
        return null;
    }
}
