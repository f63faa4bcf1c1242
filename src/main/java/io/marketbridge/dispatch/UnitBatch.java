package io.marketbridge.dispatch;

import io.marketbridge.config.Account;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.MarketplaceConversation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;

/**
 * One account's share of a dispatch round: the units its marketplace's route sends, and what became of them. It
 * carries a {@link PollContext} (job "shipments", "claim-actions") because the marketplace's api route reads the
 * account from there.
 *
 * @param <U> the unit the marketplace's route sends
 */
public abstract class UnitBatch<U extends MarketplaceConversation> {

    private final Account account;
    private final String route;
    private final String job;
    private final PollContext<?> poll;
    private final List<U> units = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private final Outcomes outcomes = new Outcomes();

    protected UnitBatch(Account account, String route, String job) {
        this.account = account;
        this.route = route;
        this.job = job;
        this.poll = new PollContext<>(account, job, null, null, null);
    }

    public Account getAccount() {
        return account;
    }

    /** The direct endpoint name of the marketplace's route for these units. */
    public String getRoute() {
        return route;
    }

    public PollContext<?> getPoll() {
        return poll;
    }

    public List<U> getUnits() {
        return units;
    }

    /** Counts a unit's outcome (SENT, REJECTED, else failed). */
    public synchronized void count(String outcome) {
        outcomes.add(outcome);
    }

    /**
     * The batch's log line (ids and counts only) and its counts added to counter {@code counter}, tagged by
     * account and result (sent, rejected, failed).
     */
    public void report(Logger log, CamelContext camel, String counter) {
        log.info("account={} job={} units={} sent={} rejected={} failed={} duration={}ms", account.id(), job,
                units.size(), outcomes.sent(), outcomes.rejected(), outcomes.failed(), (System.nanoTime() - startNanos) / 1_000_000);
        MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
        if (meters != null) {
            count(meters, counter, "sent", outcomes.sent());
            count(meters, counter, "rejected", outcomes.rejected());
            count(meters, counter, "failed", outcomes.failed());
        }
    }

    private void count(MeterRegistry meters, String counter, String result, long n) {
        Counter c = Counter.builder(counter).tag("account", account.id()).tag("result", result).register(meters);
        if (n > 0) {
            c.increment(n);
        }
    }
}
