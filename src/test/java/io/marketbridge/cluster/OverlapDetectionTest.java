package io.marketbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.support.RuntimeHarness;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link ClusterIT} relies on to see two polls of one account at once: the simulator counts it. Two order
 * polls of one account started together (as two nodes would without the job store's guard) overlap at the
 * simulator; one after the other they do not.
 */
class OverlapDetectionTest {

    static final String VENDOR = "A00000991";

    @TempDir
    Path out;

    @Test
    void twoPollsOfOneAccountAtOnceAreCountedAndPollsInTurnAreNot() throws Exception {
        try (var simulator = RuntimeHarness.simulator(Map.of(VENDOR, new String[] {"ak", "sk"}))) {
            Properties p = RuntimeHarness.baseProperties(out);
            RuntimeHarness.coupangAccount(p, "overlap", simulator.baseUrl(), VENDOR, "ak", "sk");
            try (RuntimeHarness runtime = RuntimeHarness.start(p, simulator, out)) {
                CoupangSimulator coupang = simulator.get(CoupangSimulator.class);
                coupang.faults().latencyMs = 300;
                runtime.pollOrders("overlap");
                runtime.pollOrders("overlap");
                assertThat(coupang.orderListOverlaps().overlaps()).as("polls in turn").isZero();

                CompletableFuture<?> first = CompletableFuture.runAsync(() -> runtime.pollOrders("overlap"));
                CompletableFuture<?> second = CompletableFuture.runAsync(() -> runtime.pollOrders("overlap"));
                CompletableFuture.allOf(first, second).get();
                assertThat(coupang.orderListOverlaps().overlaps()).as("polls at once").isPositive();
                assertThat(coupang.orderListOverlaps().byAccount()).containsOnlyKeys(VENDOR);
            }
        }
    }
}
