package io.marketbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.order.OrderJson;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link AccountsBench} on several clustered nodes: the same idle accounts served by 1, 2, 3 ... packaged runtimes
 * sharing one PostgreSQL at 127.0.0.1:5432 (database test, user postgres; a schema of its own per run), Quartz's
 * clustered job store spreading the fires. Measures the start-up of all nodes, the cycle time of one full round of
 * fires, each node's heap after start and after the cycle, its CPU seconds during the cycle and its share of the
 * polls. All nodes and the simulator run on this one machine: they share its cores, so more nodes add threads and
 * failover, not CPU.
 *
 * <pre>bench/run.sh AccountsBench accounts=10000 nodes=1,2,3 threads=20 latencyMs=50 [batch=20] [minutes=4]</pre>
 *
 * {@code batch}: org.quartz.scheduler.batchTriggerAcquisitionMaxCount, the triggers a node acquires per transaction;
 * {@code misfireMs}: marketbridge.cluster.misfire-threshold-ms; {@code periodSeconds} 120, 180, 300 ... schedule every
 * that many minutes; {@code syncCommit} on|off: marketbridge.cluster.job-store.synchronous-commit; any
 * {@code org.quartz.*} key: that Quartz property on every node. {@code minutes}: instead of one cycle, measure that
 * many minutes of fires from the first boundary on (the sustained rate: fires per second and per minute, the accounts
 * polled in the last minute), with the CPU of the nodes, the simulator, PostgreSQL and the whole machine.
 */
final class AccountsClusterBench {

    private AccountsClusterBench() {
    }

    static void run(Map<String, String> o, int threads, int latency, int ratePerSecond, int period, Map<String, Double> mix)
            throws Exception {
        ArrayNode results = OrderJson.mapper().createArrayNode();
        for (String n : o.getOrDefault("accounts", "10000").split(",")) {
            for (String k : o.get("nodes").split(",")) {
                ObjectNode r = measure(Integer.parseInt(n.trim()), Integer.parseInt(k.trim()), threads, latency, ratePerSecond,
                        period, mix, Integer.parseInt(o.getOrDefault("batch", "1")), o.get("misfireMs"), o);
                results.add(r);
                System.out.printf("accounts %6d on %d node(s): start-up %5.1f s, cycle %5.1f s (%d threads per node, batch %d),"
                                + " failed polls %d, per node: %s%n", r.get("accounts").asInt(), r.get("nodes").asInt(),
                        r.get("startupSeconds").asDouble(), r.get("cycleSeconds").asDouble(), threads, r.get("batch").asInt(),
                        r.get("failedPolls").asLong(), r.get("perNode"));
                if (r.has("firesPerSecond")) {
                    System.out.printf("  sustained over %d min: %.1f fires/s, per minute %s, accounts polled in the last minute %d;"
                                    + " CPU s: simulator %.1f, PostgreSQL %.1f (the nodes' sessions %.1f), machine busy %.2f of %d cores; settings %s%n",
                            r.get("minutes").asInt(), r.get("firesPerSecond").asDouble(), r.get("firesPerMinute"),
                            r.get("accountsPolledInLastMinute").asLong(), r.get("simulatorCpuSeconds").asDouble(),
                            r.get("postgresCpuSeconds").asDouble(), r.get("nodesSessionsCpuSeconds").asDouble(),
                            r.get("machineBusyCores").asDouble(),
                            Runtime.getRuntime().availableProcessors(), r.get("settings"));
                }
            }
        }
        ObjectNode out = OrderJson.mapper().createObjectNode();
        out.put("threads", threads);
        out.put("latencyMs", latency);
        out.set("results", results);
        System.out.println("accounts on nodes: results written to " + BenchSupport.writeResult("accounts-cluster", out));
    }

    static ObjectNode measure(int accounts, int nodes, int threads, int latency, int ratePerSecond, int period,
                              Map<String, Double> mix, int batch, String misfireMs, Map<String, String> o) throws Exception {
        int minutes = Integer.parseInt(o.getOrDefault("minutes", "0"));
        Map<String, Integer> counts = AccountsBench.split(accounts, mix);
        Path dir = Path.of("target", "bench", "accounts-" + accounts + "-nodes-" + nodes).toAbsolutePath();
        BenchSupport.clean(dir);
        String schema = "bench_" + accounts + "_" + nodes + "_" + Long.toHexString(System.nanoTime() & 0xffffff);
        admin("CREATE SCHEMA " + schema);
        // the nodes' sessions carry the schema as their name, so their backends' CPU can be told from other users'
        String dbUrl = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema + "&ApplicationName=" + schema;
        int port = BenchSupport.freePort();
        String baseUrl = "http://127.0.0.1:" + port;
        Map<String, String> sim = new LinkedHashMap<>();
        sim.put("marketbridge.simulators.port", String.valueOf(port));
        sim.put("marketbridge.simulators.threads", String.valueOf(Math.max(16, threads * nodes * 2)));
        Map<String, List<String>> sellers = new LinkedHashMap<>();
        for (String m : IngestBench.SIMULATORS) {
            sim.put("marketbridge.simulators." + m + ".seed-orders", "0");
            sim.put("marketbridge.simulators." + m + ".arrival-per-minute", "0");
            sim.put("marketbridge.simulators." + m + ".rate-limit-per-second", "10");
            sim.put("marketbridge.simulators.coupang.throttle-block", "PT1S");
            if (counts.getOrDefault(m, 0) > 0) {
                sellers.put(m, AccountsBench.MARKETS.get(m).sellers(sim, counts.get(m)));
            }
        }
        Process simulator = BenchSupport.startSimulators(dir, "2g", sim, port);
        List<Process> runtimes = new ArrayList<>();
        try {
            for (String m : sellers.keySet()) {
                BenchSupport.post(baseUrl + "/_simulator/" + m + "/faults?latencyMs=" + latency);
            }
            Map<String, String> p = BenchSupport.runtimeBase(dbUrl, dir.resolve("out"));
            p.put("marketbridge.db.user", "postgres");
            p.put("marketbridge.cluster.enabled", "true");
            p.put("camel.component.quartz.properties[org.quartz.threadPool.threadCount]", String.valueOf(threads));
            // triggers a node acquires in one transaction of the job store (Quartz's default 1)
            p.put("camel.component.quartz.properties[org.quartz.scheduler.batchTriggerAcquisitionMaxCount]", String.valueOf(batch));
            if (misfireMs != null) {
                p.put("marketbridge.cluster.misfire-threshold-ms", misfireMs);
            }
            if (o.containsKey("syncCommit")) {
                p.put("marketbridge.cluster.job-store.synchronous-commit", String.valueOf("on".equals(o.get("syncCommit"))));
            }
            o.forEach((key, value) -> {
                if (key.startsWith("org.quartz.")) {
                    p.put("camel.component.quartz.properties[" + key + "]", value);
                }
            });
            // PostgreSQL's 100 connections are shared by the nodes, each with its pool and the job store's
            int jobStorePool = Math.min(threads + 3, 45 / nodes);
            p.put("marketbridge.cluster.job-store.pool-size", String.valueOf(jobStorePool));
            p.put("marketbridge.db.pool-size", String.valueOf(Math.min(threads + 5, 90 / nodes - jobStorePool)));
            Map<String, String> keys = Map.of(
                    "orders.schedule", period >= 120 && period % 60 == 0 ? "0 0/" + period / 60 + " * * * ?"
                            : period >= 60 ? "0 * * * * ?" : "0/" + period + " * * * * ?",
                    "rate-per-second", String.valueOf(ratePerSecond));
            sellers.forEach((m, list) -> AccountsBench.MARKETS.get(m).accounts(p, baseUrl, list, keys));
            long spawned = System.nanoTime();
            for (int i = 1; i <= nodes; i++) {
                Map<String, String> node = new LinkedHashMap<>(p);
                node.put("marketbridge.node-id", "node-" + i);
                Path config = dir.resolve("node-" + i + ".properties");
                BenchSupport.writeProperties(config, node);
                runtimes.add(BenchSupport.start(dir, "node-" + i, "2g", BenchSupport.jar("--config", config.toString())));
            }
            for (int i = 1; i <= nodes; i++) {
                Process runtime = runtimes.get(i - 1);
                Path log = dir.resolve("node-" + i + ".log");
                BenchSupport.waitFor(Duration.ofMinutes(10), () -> {
                    if (!runtime.isAlive()) {
                        throw new IllegalStateException("a node stopped; see " + log);
                    }
                    return AccountsBench.logContains(log, "account(s) scheduled");
                });
            }
            double startup = (System.nanoTime() - spawned) / 1e9;
            List<Double> heapAfterStart = new ArrayList<>();
            for (Process r : runtimes) {
                heapAfterStart.add(BenchSupport.heapAfterGcMib(r.pid()));
            }
            long now = Instant.now().getEpochSecond();
            Instant boundary = Instant.ofEpochSecond((now / period + 1) * period);
            if (Duration.between(Instant.now(), boundary).toMillis() < 2500) {
                boundary = boundary.plusSeconds(period);
            }
            while (Instant.now().isBefore(boundary.minusSeconds(2))) {
                Thread.sleep(200);
            }
            for (String m : sellers.keySet()) {
                BenchSupport.post(baseUrl + "/_simulator/" + m + "/reset-rates");
            }
            List<Double> cpuBefore = new ArrayList<>();
            List<Long> pollsBefore = new ArrayList<>();
            for (int i = 1; i <= nodes; i++) {
                cpuBefore.add(BenchSupport.cpuSeconds(runtimes.get(i - 1).pid()));
                pollsBefore.add(AccountsBench.countLines(dir.resolve("node-" + i + ".log"), "job=orders window="));
            }
            Instant cycleStart = boundary;
            ObjectNode r = OrderJson.mapper().createObjectNode();
            double cycle;
            if (minutes > 0) {
                cycle = sustained(r, dir, dbUrl, accounts, nodes, minutes, cycleStart, simulator, pollsBefore);
            } else {
                BenchSupport.waitFor(Duration.ofMinutes(20), () -> AccountsBench.polledSince(dbUrl, "postgres", cycleStart) >= accounts);
                cycle = AccountsBench.lastPollSeconds(dbUrl, "postgres", cycleStart);
            }
            ObjectNode settings = r.putObject("settings");
            p.forEach((key, value) -> {
                if (key.startsWith("camel.component.quartz") || key.startsWith("marketbridge.cluster") || key.startsWith("marketbridge.db.pool")) {
                    settings.put(key.replace("camel.component.quartz.properties[org.quartz.", "").replace("]", ""), value);
                }
            });
            r.put("accounts", accounts);
            r.put("nodes", nodes);
            r.put("batch", batch);
            r.put("periodSeconds", period);
            r.put("misfireThresholdMs", misfireMs == null ? "60000" : misfireMs);
            r.put("startupSeconds", startup);
            r.put("cycleSeconds", cycle);
            ArrayNode perNode = r.putArray("perNode");
            long failed = 0;
            for (int i = 1; i <= nodes; i++) {
                Process runtime = runtimes.get(i - 1);
                Path log = dir.resolve("node-" + i + ".log");
                ObjectNode n = perNode.addObject();
                n.put("node", "node-" + i);
                n.put("cpuSecondsInCycle", BenchSupport.cpuSeconds(runtime.pid()) - cpuBefore.get(i - 1));
                n.put("polls", AccountsBench.countLines(log, "job=orders window=") - pollsBefore.get(i - 1));
                n.put("heapAfterStartMiB", heapAfterStart.get(i - 1));
                n.put("heapAfterCycleMiB", BenchSupport.heapAfterGcMib(runtime.pid()));
                n.put("peakRssMiB", BenchSupport.peakRssMib(runtime.pid()));
                failed += AccountsBench.countLines(log, "FAILED (");
            }
            r.put("failedPolls", failed);
            ObjectNode markets = r.putObject("marketplaces");
            for (String m : sellers.keySet()) {
                JsonNode stats = BenchSupport.get(baseUrl + "/_simulator/" + m + "/stats");
                if (stats == null) {
                    continue; // a simulator too busy to answer in time
                }
                ObjectNode s = markets.putObject(m);
                s.put("accounts", counts.get(m));
                s.put("peakCallsPerSecondPerAccount", AccountsBench.perAccountPeak(stats));
                s.put("peakCallsPerSecondTotal", stats.path("peakCallsPerSecondTotal").asLong());
            }
            return r;
        } finally {
            for (Process runtime : runtimes) {
                BenchSupport.stop(runtime);
            }
            BenchSupport.stop(simulator);
            admin("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /**
     * Measures {@code minutes} minutes of fires from the cycle's start: polls per minute (the nodes' poll lines), the
     * time until every account was polled once (-1 if not within the window), the accounts polled in the last minute,
     * and the CPU seconds of the simulator, of PostgreSQL's processes and of the whole machine meanwhile.
     */
    private static double sustained(ObjectNode r, Path dir, String dbUrl, int accounts, int nodes, int minutes, Instant start,
                                    Process simulator, List<Long> pollsBefore) throws Exception {
        double simCpu = BenchSupport.cpuSeconds(simulator.pid());
        double pgCpu = postgresCpuSeconds();
        Map<Long, Double> sessions = sessionCpuSeconds(dbUrl);
        long[] machine = machineTicks();
        long previous = pollsBefore.stream().mapToLong(Long::longValue).sum();
        ArrayNode perMinute = r.putArray("firesPerMinute");
        double cycle = -1;
        for (int m = 1; m <= minutes; m++) {
            Instant end = start.plusSeconds(60L * m);
            while (Instant.now().isBefore(end)) {
                if (cycle < 0 && AccountsBench.polledSince(dbUrl, "postgres", start) >= accounts) {
                    cycle = AccountsBench.lastPollSeconds(dbUrl, "postgres", start);
                }
                Thread.sleep(Math.min(1000, Math.max(1, Duration.between(Instant.now(), end).toMillis())));
            }
            long polls = 0;
            for (int i = 1; i <= nodes; i++) {
                polls += AccountsBench.countLines(dir.resolve("node-" + i + ".log"), "job=orders window=");
            }
            perMinute.add(polls - previous);
            previous = polls;
        }
        long[] machineAfter = machineTicks();
        long total = 0;
        for (var n : perMinute) {
            total += n.asLong();
        }
        r.put("minutes", minutes);
        r.put("firesPerSecond", total / (minutes * 60.0));
        r.put("accountsPolledInLastMinute", AccountsBench.polledSince(dbUrl, "postgres", start.plusSeconds(60L * (minutes - 1))));
        r.put("simulatorCpuSeconds", BenchSupport.cpuSeconds(simulator.pid()) - simCpu);
        r.put("postgresCpuSeconds", postgresCpuSeconds() - pgCpu);
        Map<Long, Double> sessionsAfter = sessionCpuSeconds(dbUrl);
        double nodesSessions = 0;
        for (var e : sessionsAfter.entrySet()) {
            nodesSessions += e.getValue() - sessions.getOrDefault(e.getKey(), 0.0);
        }
        r.put("nodesSessionsCpuSeconds", nodesSessions);
        r.put("machineBusyCores", (machineAfter[0] - machine[0]) / (double) (machineAfter[1] - machine[1])
                * Runtime.getRuntime().availableProcessors());
        return cycle;
    }

    /** The CPU seconds of every PostgreSQL process on this machine (the server and its backends). */
    static double postgresCpuSeconds() throws Exception {
        double sum = 0;
        try (var procs = java.nio.file.Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (java.nio.file.Files.readString(proc.resolve("comm")).trim().equals("postgres")) {
                        sum += BenchSupport.cpuSeconds(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (java.io.IOException gone) {
                    // a backend that ended meanwhile
                }
            }
        }
        return sum;
    }

    /** The CPU seconds of each PostgreSQL backend serving the nodes (their sessions are named after the schema). */
    static Map<Long, Double> sessionCpuSeconds(String dbUrl) throws Exception {
        String name = dbUrl.substring(dbUrl.indexOf("ApplicationName=") + "ApplicationName=".length());
        Map<Long, Double> cpu = new java.util.HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
            ps.setString(1, name);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        cpu.put(rs.getLong(1), BenchSupport.cpuSeconds(rs.getLong(1)));
                    } catch (java.io.IOException gone) {
                        // a backend that ended meanwhile
                    }
                }
            }
        }
        return cpu;
    }

    /** The machine's busy and total CPU ticks from /proc/stat (busy: all but idle and iowait). */
    static long[] machineTicks() throws Exception {
        String[] f = java.nio.file.Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, total};
    }

    private static void admin(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
