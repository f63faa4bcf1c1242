package io.marketbridge.schedule;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.support.RetryAfterProxy;
import io.marketbridge.support.RuntimeHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A marketplace's Retry-After, through a proxy in front of the Coupang simulator that answers 429 with it: a short
 * one is waited by Camel's scheduled redelivery while no thread sleeps (the poll's worker waits for the exchange,
 * the redelivery is a task on Camel's scheduler); one longer than marketbridge.retry.max-retry-after ends the poll
 * at once, naming the wait, and the account's fires within the wait are skipped.
 */
class RetryAfterWaitTest {

    static final String SHORT = "A40000001";
    static final String LONG = "A40000002";

    @TempDir
    static Path out;
    static SimulatorServer simulator;
    static RetryAfterProxy proxy;
    static RuntimeHarness runtime;

    static String access(String vendor) {
        return "access-" + vendor;
    }

    static String secret(String vendor) {
        return "secret-" + vendor + "-0123456789";
    }

    @BeforeAll
    static void start() throws Exception {
        simulator = RuntimeHarness.simulator(Map.of(SHORT, new String[] {access(SHORT), secret(SHORT)},
                LONG, new String[] {access(LONG), secret(LONG)}));
        proxy = new RetryAfterProxy(simulator.baseUrl());
        Properties p = RuntimeHarness.baseProperties(out);
        p.setProperty("marketbridge.retry.max-retry-after", "PT5S");
        for (String v : List.of(SHORT, LONG)) {
            RuntimeHarness.coupangAccount(p, "acct-" + v, proxy.baseUrl(), v, access(v), secret(v));
        }
        runtime = RuntimeHarness.start(p, simulator, out);
    }

    @AfterAll
    static void stop() throws Exception {
        runtime.close();
        proxy.close();
        simulator.close();
    }

    static CoupangSimulator coupang() {
        return simulator.get(CoupangSimulator.class);
    }

    /** Threads that are in Thread.sleep with the runtime's or Camel's code on their stack. */
    static List<String> sleepingWorkers() {
        return Thread.getAllStackTraces().entrySet().stream().filter(e -> {
            List<StackTraceElement> frames = Arrays.asList(e.getValue());
            boolean sleeping = frames.stream().anyMatch(f -> f.getClassName().equals("java.lang.Thread")
                    && f.getMethodName().startsWith("sleep"));
            boolean ours = frames.stream().anyMatch(f -> f.getClassName().startsWith("org.apache.camel.")
                    || f.getClassName().startsWith("io.marketbridge.") && !f.getClassName().startsWith("io.marketbridge.simulator."));
            return sleeping && ours;
        }).map(e -> e.getKey().getName() + " " + Arrays.toString(e.getValue())).toList();
    }

    @Test
    void aShortRetryAfterIsWaitedByAScheduledRedeliveryWithNoThreadSleeping() throws Exception {
        coupang().createOrder(SHORT, now().minusMinutes(3), false, 1);
        proxy.refuse(1, "2");
        AtomicReference<Thread> worker = new AtomicReference<>();
        CompletableFuture<Void> poll = CompletableFuture.runAsync(() -> {
            worker.set(Thread.currentThread());
            runtime.pollOrders("acct-" + SHORT);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> proxy.refusals().size() == 1);
        // well inside the 2 s the marketplace asked for: the worker waits for the exchange to complete (WAITING, not
        // the TIMED_WAITING of a sleep), the redelivery is a task Camel's scheduler runs when the wait is over
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1))
                .until(() -> worker.get().getState() == Thread.State.WAITING);
        assertThat(sleepingWorkers()).isEmpty();
        assertThat(proxy.arrivals()).hasSize(1);

        poll.get();
        assertThat(runtime.outcome("acct-" + SHORT).ok()).isTrue();
        assertThat(runtime.orderCount("acct-" + SHORT)).isEqualTo(1);
        List<Long> arrivals = proxy.arrivals();
        assertThat(arrivals.size()).isGreaterThan(1);
        assertThat(arrivals.get(1) - arrivals.get(0)).isGreaterThanOrEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void aRetryAfterBeyondTheBoundEndsThePollAndTheAccountsFiresWithinItAreSkipped() {
        AccountScheduler scheduler = runtime.context().getRegistry().lookupByNameAndType("accountScheduler", AccountScheduler.class);
        PollSlots slots = runtime.context().getRegistry().lookupByNameAndType("pollSlots", PollSlots.class);
        PollReport report = runtime.context().getRegistry().lookupByNameAndType("pollReport", PollReport.class);
        String account = "acct-" + LONG;
        coupang().createOrder(LONG, now().minusMinutes(3), false, 1);
        int before = proxy.arrivals().size();
        proxy.refuse(1, "600");

        long start = System.nanoTime();
        scheduler.fire(account, "orders", "coupang-orders");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

        // one call, no redelivery: the poll ends TRANSIENT and says how long the marketplace asked to wait
        assertThat(proxy.arrivals()).hasSize(before + 1);
        PollReport.Outcome outcome = runtime.outcome(account);
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.errorType()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(outcome.message()).contains("HTTP 429", "wait 600 s (Retry-After)", "marketbridge.retry.max-retry-after (5 s)");
        assertThat(slots.waiting()).singleElement().satisfies(w -> {
            assertThat(w.accountId()).isEqualTo(account);
            assertThat(w.until()).isBetween(Instant.now().plusSeconds(590), Instant.now().plusSeconds(601));
        });

        // the next fires within the wait are skipped: no call, the outcome stays, the skips are counted
        scheduler.fire(account, "orders", "coupang-orders");
        scheduler.fire(account, "orders", "coupang-orders");
        assertThat(proxy.arrivals()).hasSize(before + 1);
        assertThat(report.lastOutcomes().get(account + "/orders")).isEqualTo(outcome);
        assertThat(slots.waiting()).singleElement().satisfies(w -> assertThat(w.skippedFires()).isEqualTo(2));
        assertThat(runtime.orderCount(account)).isZero();
    }
}
