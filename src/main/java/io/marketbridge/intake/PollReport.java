package io.marketbridge.intake;

import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.marketplace.MarketplaceException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the one log line each poll ends with (account, window, fetched, new, duplicates, confirmed,
 * duration; never personal data or keys), keeps each account's last outcome for the health check, and
 * counts in Micrometer (/observe/metrics): marketbridge_polls_total{account,outcome},
 * marketbridge_orders_total{account,result=new|duplicate|mapping_error}, marketbridge_confirmations_total{account}.
 */
public class PollReport {

    private static final Logger LOG = LoggerFactory.getLogger("io.marketbridge.poll");
    /** Exchange property: what ended a failed poll (the bulkhead tells timeouts from other failures by it). */
    public static final String FAILURE_PROPERTY = "mbPollFailure";

    /** The last outcome of an account's job. */
    public record Outcome(String accountId, String job, Instant at, boolean ok, ErrorType errorType, String message) {
    }

    /** Polls of an account's job that failed in a row, and when the first of them failed. */
    public record FailureStreak(String accountId, String job, int polls, Instant since, ErrorType lastType) {
    }

    private final Map<String, Outcome> lastOutcomes = new ConcurrentHashMap<>();
    private final Map<String, FailureStreak> failureStreaks = new ConcurrentHashMap<>();
    /** The counters this node counts with, by name, account and result: found without the registry. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Clock clock;

    public PollReport(Clock clock) {
        this.clock = clock;
    }

    /** Route step at the end of a poll: its log line, its outcome, its counters. */
    public void success(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll, CamelContext camel) {
        if (poll.isSkipped()) {
            LOG.warn("account={} job={} skipped: {}", poll.getAccountId(), poll.getJob(), poll.getSkipReason());
        } else {
            LOG.info("account={} job={} window={}..{} fetched={} new={} duplicates={} confirmed={} confirm-failed={}"
                            + " changes={} mapping-errors={} duration={}ms",
                    poll.getAccountId(), poll.getJob(), seconds(poll.getWindowFrom()), seconds(poll.getWindowTo()), poll.fetched,
                    poll.newOrders, poll.duplicates, poll.confirmed, poll.confirmFailed, poll.changes,
                    poll.mappingErrors, poll.elapsedMillis());
        }
        lastOutcomes.put(poll.getAccountId() + "/" + poll.getJob(),
                new Outcome(poll.getAccountId(), poll.getJob(), clock.instant(), true, null, null));
        failureStreaks.remove(poll.getAccountId() + "/" + poll.getJob());
        MeterRegistry meters = meters(camel);
        if (meters != null) {
            String account = poll.getAccountId();
            count(meters, "marketbridge.polls", account, "outcome", "ok", 1);
            if (CursorStore.CLAIMS_JOB.equals(poll.getJob())) {
                // a claims poll counts claim events (one per claim, status and line)
                count(meters, "marketbridge.claims", account, "result", "new", poll.newOrders);
                count(meters, "marketbridge.claims", account, "result", "duplicate", poll.duplicates);
                count(meters, "marketbridge.claims", account, "result", "mapping_error", poll.mappingErrors);
                return;
            }
            count(meters, "marketbridge.orders", account, "result", "new", poll.newOrders);
            count(meters, "marketbridge.orders", account, "result", "duplicate", poll.duplicates);
            count(meters, "marketbridge.orders", account, "result", "mapping_error", poll.mappingErrors);
            count(meters, "marketbridge.confirmations", account, "result", "confirmed", poll.confirmed);
            count(meters, "marketbridge.confirmations", account, "result", "failed", poll.confirmFailed);
        }
    }

    private static MeterRegistry meters(CamelContext camel) {
        return camel.getRegistry().findSingleByType(MeterRegistry.class);
    }

    /**
     * Adds n to the account's counter. A counter is registered at its first count, never for 0: an idle account
     * then holds one meter (its polls) instead of six, which at 10,000 accounts is tens of MiB of heap, and the
     * meter is looked up in a map of our own rather than rebuilt for the registry on every poll.
     */
    private void count(MeterRegistry meters, String name, String account, String tag, String value, long n) {
        if (n <= 0) {
            return;
        }
        counters.computeIfAbsent(name + '\u0000' + account + '\u0000' + value,
                k -> Counter.builder(name).tag("account", account).tag(tag, value).register(meters)).increment(n);
    }

    /**
     * Route step (the account job's error handler): the failed poll's log line, outcome and counter; returns what
     * ended the poll, which the route keeps in {@link #FAILURE_PROPERTY} for {@link #failureOf}.
     */
    public Throwable failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught,
                            @ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll,
                            @ExchangeProperty(CursorStore.ACCOUNT_PROPERTY) String accountFired, CamelContext camel) {
        Throwable cause = rootOf(caught);
        ErrorType type = typeOf(cause);
        // never the exception's own text: databases and parsers quote the (personal) value they refused
        String message = cause == null ? "unknown error"
                : cause instanceof MarketplaceException ? cause.getClass().getSimpleName() + ": " + SafeMessages.of(cause)
                : SafeMessages.of(caught);
        String accountId = poll != null ? poll.getAccountId() : accountFired;
        String job = poll != null ? poll.getJob() : "orders";
        if (poll != null) {
            LOG.error("account={} job={} FAILED ({}) window={}..{} fetched={} new={} duplicates={} confirmed={}"
                            + " duration={}ms: {} (cursor not advanced)",
                    accountId, job, type, seconds(poll.getWindowFrom()), seconds(poll.getWindowTo()), poll.fetched, poll.newOrders,
                    poll.duplicates, poll.confirmed, poll.elapsedMillis(), message);
        } else {
            LOG.error("account={} job={} FAILED ({}): {}", accountId, job, type, message);
        }
        Instant now = clock.instant();
        lastOutcomes.put(accountId + "/" + job, new Outcome(accountId, job, now, false, type, message));
        failureStreaks.merge(accountId + "/" + job, new FailureStreak(accountId, job, 1, now, type),
                (before, first) -> new FailureStreak(accountId, job, before.polls() + 1, before.since(), type));
        MeterRegistry meters = meters(camel);
        if (meters != null && accountId != null) {
            count(meters, "marketbridge.polls", accountId, "outcome", type.name().toLowerCase(), 1);
            // for alerts on an account that keeps failing: 0 again after its next good poll
            String streakKey = accountId + "/" + job;
            io.micrometer.core.instrument.Gauge.builder("marketbridge.account.failed.polls", failureStreaks,
                            m -> m.containsKey(streakKey) ? m.get(streakKey).polls() : 0)
                    .tag("account", accountId).tag("job", job).register(meters);
        }
        return caught != null ? caught : new IllegalStateException("unknown error");
    }

    /**
     * Typed failures carry their type. A database refusing data it will refuse again (a value or constraint
     * the schema does not take) is not transient: the schema differs from the contract, so an operator must
     * act (CONFIGURATION, which the health check reports). Anything else is taken as transient.
     */
    static ErrorType typeOf(Throwable cause) {
        if (cause instanceof MarketplaceException me) {
            return me.type();
        }
        if (cause instanceof java.sql.SQLException sql && SafeMessages.isDataError(sql)
                && !io.marketbridge.db.Database.isDuplicateKey(sql)) {
            return ErrorType.CONFIGURATION;
        }
        return ErrorType.TRANSIENT;
    }

    /**
     * What ended the poll run by this exchange, or null when it succeeded. Takes the Exchange: the scheduler asks
     * it of a completed exchange, whose own exception or failure property is the answer.
     */
    public static Throwable failureOf(Exchange exchange) {
        return exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(FAILURE_PROPERTY, Throwable.class);
    }

    /**
     * A fire that did not run (the bulkhead had no slot for it), counted as outcome "skipped"; logged at WARN the
     * first time in a row ({@code first}), then at DEBUG (a stalled account is skipped at most of its fires).
     */
    public void skipped(org.apache.camel.CamelContext camel, String accountId, String job, String reason, boolean first) {
        if (first) {
            LOG.warn("account={} job={} fire skipped: {} (further skips are counted in marketbridge_polls_total"
                    + "{outcome=\"skipped\"} and shown in health)", accountId, job, reason);
        } else {
            LOG.debug("account={} job={} fire skipped: {}", accountId, job, reason);
        }
        MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters != null) {
            count(meters, "marketbridge.polls", accountId, "outcome", "skipped", 1);
        }
    }

    /** The typed failure if there is one in the chain (Camel wraps it in split/multicast), else the deepest cause. */
    static Throwable rootOf(Throwable t) {
        Throwable deepest = t;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof MarketplaceException) {
                return c;
            }
            deepest = c;
        }
        return deepest;
    }

    private static Object seconds(java.time.OffsetDateTime t) {
        return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** account/job -> the polls that failed in a row (none once a poll succeeds), for the health check. */
    public Map<String, FailureStreak> failureStreaks() {
        return Map.copyOf(failureStreaks);
    }

    public Map<String, Outcome> lastOutcomes() {
        return Map.copyOf(lastOutcomes);
    }
}
