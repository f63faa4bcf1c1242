package io.marketbridge.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.intake.PollReport;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.TrickleServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Twelve accounts behind a server that trickles its answers, next to one good account on the simulator, all fired by
 * their Quartz triggers every second on the default 10 threads: the trickled polls end at their call deadline, are
 * then held to the stalled slots, and the good account keeps polling; health names the overdue polls.
 */
class StalledAccountsTest {

    static final int TRICKLED = 12;
    static final String EVERY_SECOND = "0/1 * * * * ?";

    @TempDir
    static Path out;
    static TrickleServer trickle;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;

    @BeforeAll
    static void start() throws Exception {
        trickle = new TrickleServer(100);
        simulator = RuntimeHarness.simulator(Map.of("A30000001", new String[] {"access-good", "secret-good-0123456789"}));
        Properties p = RuntimeHarness.baseProperties(out);
        p.setProperty("camel.component.quartz.properties[org.quartz.threadPool.threadCount]", "10");
        p.setProperty("camel.component.http.response-timeout", "60000");
        p.setProperty("camel.component.http.so-timeout", "60000");
        p.setProperty("marketbridge.http.call-deadline-ms", "2000");
        p.setProperty(PollSlots.DEADLINE_PROPERTY, "1000");
        RuntimeHarness.coupangAccount(p, "good", simulator.baseUrl(), "A30000001", "access-good", "secret-good-0123456789");
        p.setProperty("marketbridge.account.good.orders.schedule", EVERY_SECOND);
        for (int i = 1; i <= TRICKLED; i++) {
            String id = "trickled-" + i;
            RuntimeHarness.coupangAccount(p, id, trickle.baseUrl(), String.format("A31%06d", i), "access-" + i, "secret-" + i + "-0123456789");
            p.setProperty("marketbridge.account." + id + ".orders.schedule", EVERY_SECOND);
        }
        runtime = RuntimeHarness.start(p, simulator, out);
    }

    @AfterAll
    static void stop() throws Exception {
        if (runtime != null) {
            // triggers that fire every second would keep the graceful shutdown waiting for their polls
            runtime.context().getComponent("quartz", QuartzComponent.class).getScheduler().standby();
            runtime.close();
        }
        trickle.close();
        if (simulator != null) {
            simulator.close();
        }
    }

    static HealthCheck.Result accountsHealth() {
        return HealthCheckHelper.invoke(runtime.context(), "full").stream()
                .filter(r -> r.getCheck().getId().equals("accounts")).findFirst().orElse(null);
    }

    static Instant lastOk(PollReport report) {
        PollReport.Outcome o = report.lastOutcomes().get("good/orders");
        return o != null && o.ok() ? o.at() : null;
    }

    @Test
    void stalledAccountsHoldAtMostTheirSlotsAndTheGoodAccountKeepsPolling() {
        PollSlots slots = runtime.context().getRegistry().lookupByNameAndType("pollSlots", PollSlots.class);
        PollReport report = runtime.context().getRegistry().lookupByNameAndType("pollReport", PollReport.class);

        // health names a poll running past its (poll) deadline instead of a stale outcome, and is DOWN
        AtomicReference<HealthCheck.Result> seen = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HealthCheck.Result h = accountsHealth();
            seen.set(h);
            return h != null && h.getDetails().values().stream().anyMatch(v -> String.valueOf(v).startsWith("POLL OVERDUE"));
        });
        HealthCheck.Result overdue = seen.get();
        assertThat(overdue.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(overdue.getDetails().entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).matches("account\\.trickled-\\d+\\.orders");
            assertThat(String.valueOf(e.getValue())).matches(
                    "POLL OVERDUE: poll running for \\d+ s, past its deadline of 1 s \\(marketbridge\\.polls\\.deadline-ms\\).*");
        });

        // every trickled account's poll ends at its call deadline and the account is then stalled
        await().atMost(Duration.ofSeconds(30)).until(() -> slots.stalled().size() == TRICKLED);
        assertThat(slots.stalled()).allSatisfy(s -> assertThat(s.reason()).isEqualTo("a call passed its deadline"));

        // from now on the trickled accounts hold at most the stalled slots, and the good account polls on
        trickle.resetMax();
        Instant from = Instant.now();
        Set<Instant> goodPolls = new HashSet<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Instant ok = lastOk(report);
            if (ok != null && ok.isAfter(from)) {
                goodPolls.add(ok);
            }
            return goodPolls.size() >= 3;
        });
        assertThat(trickle.maxOpenConnections()).isLessThanOrEqualTo(slots.slots());
        // the slots went round: every trickled account had a turn after it stalled (skipped fires and a second failure)
        assertThat(slots.stalled()).allSatisfy(s -> assertThat(s.skippedFires()).isPositive());
        HealthCheck.Result after = accountsHealth();
        assertThat(after.getDetails().get("account.trickled-1.orders.stalled").toString())
                .contains("a call passed its deadline", "2 stalled slot(s)", "fire(s) skipped");
        assertThat(after.getDetails().get("account.good.orders").toString()).startsWith("OK at ");
    }
}
