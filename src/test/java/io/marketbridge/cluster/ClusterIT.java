package io.marketbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.db.Database;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.SimulatorSettings;
import io.marketbridge.support.DemoAccounts;
import io.marketbridge.support.Db;
import io.marketbridge.support.PackagedRuntime;
import io.marketbridge.support.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scaling out, proven by killing nodes: three packaged runtimes (separate JVMs) on one PostgreSQL (skipped, saying
 * so, where none answers on 127.0.0.1:5432; MariaDB with -Dcluster.database=mariadb) in a Quartz cluster serve 60 accounts of four marketplaces against the
 * simulators in this JVM, with orders arriving all along. One node is SIGKILLed and restarted twice, another is
 * stopped cleanly. At the end every order, line and file is there once, every unit is confirmed, no unit was named
 * in two confirm calls, no two polls of one account ran at once (the simulators count overlapping order-list reads;
 * the nodes' poll lines are checked too), no simulator refused a call for its rate limit, and every node fired.
 */
class ClusterIT {

    static final List<String> NODES = List.of("node-a", "node-b", "node-c");
    /** How long the cluster runs between the steps of the plan. */
    static final Duration PHASE = Duration.ofSeconds(Long.getLong("cluster.phaseSeconds", 20));
    /** The nodes' check-in interval: Quartz takes a silent node for dead after it and a 7.5 s grace. */
    static final long CHECKIN_MS = 5000;
    /** postgresql (CI), or mariadb with -Dcluster.database=mariadb. */
    static final String DATABASE = System.getProperty("cluster.database", "postgresql");

    @TempDir
    Path work;

    private final Map<String, Process> running = new LinkedHashMap<>();

    @Test
    void threeNodesOnOneDatabaseLoseNothingDuplicateNothingAndKeepTheRateLimitsUnderKills() throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare(DATABASE, schema);
        Properties sim = new Properties();
        sim.setProperty("marketbridge.simulators.port", "0");
        sim.setProperty("marketbridge.simulators.threads", "64");
        ClusterMarketplaces.ALL.forEach(m -> m.simulator(sim));
        try (SimulatorServer simulator = new SimulatorServer(SimulatorSettings.from(sim::getProperty)).start();
             var db = Database.open(url, TestDatabases.user(DATABASE), "", 3)) {
            // a little latency, so that two reads of one account at once would overlap at the simulator
            for (String name : List.of("coupang", "naver", "elevenst", "esm")) {
                control(simulator, name, "faults?latencyMs=20");
            }
            Path config = writeConfig(url, simulator.baseUrl());
            Random random = new Random();
            List<String> takeovers = new ArrayList<>();
            List<Long> kills = new ArrayList<>();

            for (String node : NODES) { // all at once: they reconcile the job store one after the other
                start(node, config);
            }
            for (String node : NODES) {
                awaitStarted(node, 1);
            }
            Thread.sleep(PHASE.toMillis());

            String killed = "node-a";
            for (int kill = 1; kill <= 2; kill++) {
                Thread.sleep(random.nextInt(3000));
                long at = System.currentTimeMillis();
                kills.add(at);
                Process p = running.remove(killed);
                assertThat(p.isAlive()).as("%s before kill %d: %s", killed, kill, tail(killed)).isTrue();
                p.destroyForcibly(); // SIGKILL
                p.waitFor();
                // the others find it silent and recover its fires (its row in the scheduler state goes)
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                        Db.count(db, "SELECT COUNT(*) FROM MB_QRTZ_SCHEDULER_STATE WHERE INSTANCE_NAME = ?", killed) == 0);
                long takeover = System.currentTimeMillis() - at;
                takeovers.add(takeover + " ms");
                System.out.printf("cluster test: kill %d of %s, its jobs taken over after %d ms%n", kill, killed, takeover);
                Thread.sleep(PHASE.toMillis() / 2);
                start(killed, config);
                awaitStarted(killed, kill + 1);
                Thread.sleep(PHASE.toMillis());
            }

            Process stopped = running.remove("node-b");
            stopped.destroy(); // SIGTERM: a clean stop, its running polls finish
            assertThat(stopped.waitFor()).as("node-b's exit code after SIGTERM: %s", tail("node-b")).isIn(0, 143);
            Thread.sleep(PHASE.toMillis());

            ClusterMarketplaces.ALL.forEach(m -> m.stopArrivals(simulator)); // the rest must catch up
            Map<String, Set<String>> expected = new HashMap<>();
            ClusterMarketplaces.ALL.forEach(m -> expected.putAll(m.expected(simulator)));
            try {
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() ->
                        ClusterMarketplaces.ALL.stream().allMatch(m -> m.allConfirmed(simulator))
                                && Db.count(db, "SELECT COUNT(*) FROM MB_DELIVERY WHERE delivery_state = 'DELIVERED'") >= expected.size()
                                && Db.count(db, "SELECT COUNT(*) FROM MB_DELIVERY WHERE delivery_state <> 'DELIVERED'") == 0
                                && Db.count(db, "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE confirm_state <> 'CONFIRMED'") == 0);
            } catch (RuntimeException e) {
                StringBuilder state = new StringBuilder();
                ClusterMarketplaces.ALL.forEach(m -> state.append(m.getClass().getSimpleName()).append(" confirmed=")
                        .append(m.allConfirmed(simulator)).append("; "));
                state.append("delivered=").append(Db.count(db, "SELECT COUNT(*) FROM MB_DELIVERY WHERE delivery_state = 'DELIVERED'"))
                        .append(" of ").append(expected.size()).append("; unconfirmed rows=")
                        .append(Db.count(db, "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE confirm_state <> 'CONFIRMED'"));
                throw new AssertionError("the cluster did not catch up: " + state, e);
            } finally {
                for (Process p : running.values()) {
                    p.destroy();
                    p.waitFor();
                }
                for (String node : NODES) {
                    PackagedRuntime.keepLog(log(node), "cluster-" + node + ".log");
                }
            }
            verify(db, simulator, expected, takeovers, kills);
        } finally {
            TestDatabases.drop(DATABASE, schema);
        }
    }

    private void verify(DataSource db, SimulatorServer simulator, Map<String, Set<String>> expected, List<String> takeovers,
                        List<Long> kills) throws IOException {
        Set<String> expectedLines = new HashSet<>();
        expected.forEach((order, lines) -> lines.forEach(l -> expectedLines.add(order + "/" + l)));
        long rows = Db.count(db, "SELECT COUNT(*) FROM MB_ORDER");
        Set<String> ids = new HashSet<>();
        Db.list(db, "SELECT CONCAT(marketplace, '/', order_id) FROM MB_ORDER").forEach(id -> ids.add(id.toString()));
        long lineRows = Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_LINE");
        Set<String> lineIds = new HashSet<>();
        Db.list(db, "SELECT CONCAT(marketplace, '/', order_id, '/', line_id) FROM MB_ORDER_LINE").forEach(l -> lineIds.add(l.toString()));
        List<Path> json = list(work.resolve("out/json"));
        Map<String, Integer> csvLines = new HashMap<>();
        for (Path f : list(work.resolve("out/csv"))) {
            List<String> rowsOfFile = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (String row : rowsOfFile.subList(1, rowsOfFile.size())) {
                String[] cols = row.split(",", 5);
                csvLines.merge(cols[0] + "/" + cols[2] + "/" + cols[3], 1, Integer::sum);
            }
        }
        long csvDuplicates = csvLines.values().stream().filter(n -> n > 1).count();
        List<Path> leftovers = list(work.resolve("out/.tmp"));

        Map<String, Integer> repeatedConfirms = new TreeMap<>();
        List<String> repeatedWithoutKill = new ArrayList<>();
        List<String> overlapEvents = new ArrayList<>();
        int confirmedUnits = 0;
        long overlappingReads = 0;
        long reads = 0;
        Map<String, String> rates = new LinkedHashMap<>();
        for (ClusterMarketplaces.Marketplace m : ClusterMarketplaces.ALL) {
            String name = m.getClass().getSimpleName();
            m.confirmCalls(simulator).repeated().forEach((unit, n) -> {
                repeatedConfirms.put(name + "/" + unit, n);
                // a unit confirmed at the marketplace by a node killed before it recorded the answer is confirmed
                // again by the node that takes the poll over (the marketplace refuses it as already confirmed)
                long first = m.confirmCalls(simulator).firstCallAt(unit);
                if (kills.stream().noneMatch(k -> first <= k && first >= k - 15_000)) {
                    repeatedWithoutKill.add(name + "/" + unit + " first at " + java.time.Instant.ofEpochMilli(first));
                }
            });
            m.orderReads(simulator).events().forEach(e -> overlapEvents.add(name + " " + e));
            confirmedUnits += m.confirmCalls(simulator).units();
            overlappingReads += m.orderReads(simulator).overlaps();
            reads += m.orderReads(simulator).reads();
            rates.put(name, "peak/s per key=" + m.peakPerKey(simulator) + " refused for rate=" + m.refusedForRate(simulator));
        }
        List<PollLines.Poll> polls = new ArrayList<>();
        Map<String, Long> firesPerNode = new LinkedHashMap<>();
        for (String node : NODES) {
            List<PollLines.Poll> ofNode = PollLines.read(node, log(node));
            polls.addAll(ofNode);
            firesPerNode.put(node, (long) ofNode.size());
        }
        List<String> overlappingPolls = PollLines.overlaps(polls, 50);

        System.out.printf("cluster test: accounts=%d orders=%d lines=%d | MB_ORDER rows=%d lines=%d | json files=%d"
                        + " csv lines=%d csv duplicates=%d temp files left=%d | kills=2 (SIGKILL) + 1 clean stop, takeovers=%s |"
                        + " polls per node=%s | confirmed units=%d, units in two or more confirm calls=%d %s |"
                        + " order-list reads=%d, overlapping=%d %s, overlapping polls in the logs=%d | rates (limit %d/s per key,"
                        + " accounts %d/s): %s | kills at %s%n",
                ClusterMarketplaces.ALL.size() * ClusterMarketplaces.ACCOUNTS, expected.size(), expectedLines.size(), rows,
                lineRows, json.size(), csvLines.size(), csvDuplicates, leftovers.size(), takeovers, firesPerNode,
                confirmedUnits, repeatedConfirms.size(), repeatedConfirms.isEmpty() ? "" : repeatedConfirms, reads,
                overlappingReads, overlapEvents, overlappingPolls.size(), ClusterMarketplaces.SIMULATOR_LIMIT,
                ClusterMarketplaces.ACCOUNT_LIMIT, rates, kills.stream().map(java.time.Instant::ofEpochMilli).toList());

        assertThat(ids).as("orders in MB_ORDER").isEqualTo(expected.keySet());
        assertThat(rows).as("MB_ORDER rows").isEqualTo(ids.size());
        assertThat(lineIds).as("lines in MB_ORDER_LINE").isEqualTo(expectedLines);
        assertThat(lineRows).isEqualTo(lineIds.size());
        assertThat(json).as("JSON files").hasSize(ids.size());
        assertThat(csvLines.keySet()).as("CSV lines").isEqualTo(expectedLines);
        assertThat(csvDuplicates).isZero();
        assertThat(leftovers).as("temporary files left").isEmpty();
        assertThat(repeatedWithoutKill).as("units named in a second confirm call, not after a kill").isEmpty();
        assertThat(repeatedConfirms.values()).as("confirm calls per unit").allMatch(n -> n <= 2);
        assertThat(overlappingReads).as("overlapping order-list reads of one account").isZero();
        assertThat(overlappingPolls).as("polls of one account and job at the same time").isEmpty();
        for (ClusterMarketplaces.Marketplace m : ClusterMarketplaces.ALL) {
            assertThat(m.refusedForRate(simulator)).as("%s calls refused for the rate limit", m.getClass().getSimpleName()).isZero();
            assertThat(m.peakPerKey(simulator)).as("%s peak calls per second of one key", m.getClass().getSimpleName())
                    .isLessThanOrEqualTo(ClusterMarketplaces.SIMULATOR_LIMIT);
        }
        assertThat(firesPerNode.values()).as("polls per node").allMatch(n -> n > 0);
        String logs = Files.readString(log("node-a")) + Files.readString(log("node-b")) + Files.readString(log("node-c"));
        assertThat(logs).doesNotContain("could not start").doesNotContain("runs another account set");
    }

    private void start(String node, Path config) throws IOException {
        Path dir = work.resolve(node);
        Files.createDirectories(dir);
        Path nodeConfig = dir.resolve("node.properties");
        Files.writeString(nodeConfig, "marketbridge.node-id = " + node + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of(System.getProperty("user.dir"), "target", "market-bridge.jar").toString();
        Process p = new ProcessBuilder(java, "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar, "--config", config.toString(),
                "--config", nodeConfig.toString()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile())).start();
        running.put(node, p);
    }

    /** Waits until the node's {@code starts}-th start has scheduled its accounts. */
    private void awaitStarted(String node, int starts) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            assertThat(running.get(node).isAlive()).as("%s stopped by itself: %s", node, tail(node)).isTrue();
            return Files.exists(log(node)) && Files.readString(log(node)).lines()
                    .filter(l -> l.contains("account(s) scheduled")).count() >= starts;
        });
    }

    private Path log(String node) {
        return work.resolve(node + ".log");
    }

    private String tail(String node) throws IOException {
        if (!Files.exists(log(node))) {
            return "(no log)";
        }
        List<String> lines = new String(Files.readAllBytes(log(node)), StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private Path writeConfig(String dbUrl, String simulatorUrl) throws IOException {
        String routes = Path.of(System.getProperty("user.dir"), "routes").toAbsolutePath().toString();
        StringBuilder sb = new StringBuilder();
        sb.append("camel.main.routes-include-pattern = file:").append(routes).append("/*.camel.yaml\n");
        sb.append("camel.management.enabled = false\n");
        sb.append("marketbridge.simulators.enabled = false\n");
        sb.append("marketbridge.db.url = ").append(dbUrl).append('\n');
        sb.append("marketbridge.db.user = ").append(TestDatabases.user(DATABASE)).append("\nmarketbridge.db.password = \n");
        sb.append("marketbridge.cluster.enabled = true\n");
        sb.append("marketbridge.cluster.checkin-interval-ms = ").append(CHECKIN_MS).append('\n');
        // one drop folder for the three nodes, as a shared mount would be
        sb.append("marketbridge.sink.file.dir = ").append(work.resolve("out")).append('\n');
        sb.append("marketbridge.sink.file.fsync = false\n");
        sb.append("marketbridge.retry.initial-delay-ms = 100\n");
        sb.append(DemoAccounts.disabledLines());
        ClusterMarketplaces.ALL.forEach(m -> m.accounts(sb, simulatorUrl));
        Path config = work.resolve("cluster.properties");
        Files.writeString(config, sb.toString());
        return config;
    }

    private static void control(SimulatorServer simulator, String name, String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(simulator.baseUrl() + "/_simulator/" + name + "/" + path)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s control %s: %s", name, path, answer.body()).isEqualTo(200);
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }
}
