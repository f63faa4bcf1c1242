package io.marketbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.order.OrderJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark programs from rotting: each runs once with tiny sizes. No figure is asserted
 * (timings belong to the benchmarks, run on purpose); only that they run and write their JSON.
 */
class BenchSmokeIT {

    @Test
    void ingestBenchmarkRuns() throws Exception {
        IngestBench.main(new String[] {"orders=60", "accounts=2", "variants=h2-db,files", "runs=1", "threads=2"});
        JsonNode result = latest("ingest");
        assertThat(result.get("orders").asInt()).isEqualTo(60);
        assertThat(result.get("runs")).hasSize(2);
        assertThat(result.get("runs").get(0).get("ratio").asDouble()).isPositive();
        sameConfirmCalls(result);
    }

    @Test
    void naverIngestBenchmarkRuns() throws Exception {
        IngestBench.main(new String[] {"marketplace=naver", "orders=60", "accounts=2", "variants=h2-db", "runs=1", "threads=2"});
        JsonNode result = latest("ingest");
        assertThat(result.get("marketplace").asText()).isEqualTo("naver");
        assertThat(result.get("seededOrders").asInt()).isEqualTo(60);
        // gifts still waiting for an address are nobody's to ship; every other order is counted
        assertThat(result.get("orders").asInt()).isBetween(50, 60);
        assertThat(result.get("runs")).hasSize(1);
        assertThat(result.get("runs").get(0).get("ratio").asDouble()).isPositive();
        sameConfirmCalls(result);
    }

    @Test
    void elevenstAndEsmIngestBenchmarksRun() throws Exception {
        for (String marketplace : new String[] {"elevenst", "esm"}) {
            IngestBench.main(new String[] {"marketplace=" + marketplace, "orders=40", "accounts=2", "variants=h2-db",
                    "runs=1", "threads=2"});
            JsonNode result = latest("ingest");
            assertThat(result.get("marketplace").asText()).isEqualTo(marketplace);
            assertThat(result.get("orders").asInt()).isEqualTo(40);
            assertThat(result.get("runs").get(0).get("ratio").asDouble()).isPositive();
            sameConfirmCalls(result);
        }
    }

    @Test
    void lotteonIngestBenchmarkRuns() throws Exception {
        IngestBench.main(new String[] {"marketplace=lotteon", "orders=40", "accounts=2", "variants=h2-db", "runs=1", "threads=2"});
        JsonNode result = latest("ingest");
        assertThat(result.get("marketplace").asText()).isEqualTo("lotteon");
        assertThat(result.get("orders").asInt()).isEqualTo(40);
        assertThat(result.get("runs").get(0).get("ratio").asDouble()).isPositive();
        sameConfirmCalls(result);
    }

    @Test
    void qoo10IngestBenchmarkRuns() throws Exception {
        IngestBench.main(new String[] {"marketplace=qoo10", "orders=40", "accounts=2", "variants=h2-db", "runs=1", "threads=2"});
        JsonNode result = latest("ingest");
        assertThat(result.get("marketplace").asText()).isEqualTo("qoo10");
        assertThat(result.get("orders").asInt()).isEqualTo(40);
        assertThat(result.get("runs").get(0).get("ratio").asDouble()).isPositive();
        sameConfirmCalls(result);
    }

    @Test
    void accountsBenchmarkRuns() throws Exception {
        AccountsBench.main(new String[] {"accounts=20", "threads=4", "latencyMs=5", "periodSeconds=5"});
        JsonNode result = latest("accounts");
        JsonNode run = result.get("results").get(0);
        assertThat(run.get("accounts").asInt()).isEqualTo(20);
        assertThat(run.get("failedPolls").asLong()).isZero();
        run.get("marketplaces").forEach(m -> {
            assertThat(m.get("accounts").asInt()).isPositive();
            assertThat(m.get("peakCallsPerSecondPerAccount").asInt()).isBetween(1, 8);
        });
    }

    @Test
    void freshnessBenchmarkRuns() throws Exception {
        FreshnessBench.main(new String[] {"accounts=2", "perMinute=60", "minutes=0.4", "periodSeconds=5"});
        assertThat(latest("freshness").get("orders").asInt()).isPositive();
    }

    @Test
    void rereadBenchmarkRuns() throws Exception {
        RereadBench.main(new String[] {"boxes=30", "rate=50", "simulatorRate=1000"});
        JsonNode result = latest("reread");
        assertThat(result.get("boxes").asInt()).isEqualTo(30);
        assertThat(result.get("confirmedBoxes").asInt()).isEqualTo(30);
    }

    private static JsonNode latest(String name) throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target", "bench"))) {
            Optional<Path> newest = files.filter(f -> f.getFileName().toString().startsWith(name + "-")
                            && f.getFileName().toString().endsWith(".json"))
                    .max(Comparator.comparing(f -> f.toFile().lastModified()));
            return OrderJson.mapper().readTree(newest.orElseThrow().toFile());
        }
    }

    /** With confirmation on (the default), the baseline makes the runtime's confirmation calls, as many as it. */
    private static void sameConfirmCalls(JsonNode result) {
        for (JsonNode run : result.get("runs")) {
            long runtime = run.get("runtime").get("confirmCalls").asLong();
            assertThat(runtime).isPositive();
            assertThat(run.get("baseline").get("confirmCalls").asLong()).isEqualTo(runtime);
        }
    }
}
