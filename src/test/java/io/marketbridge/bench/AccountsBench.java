package io.marketbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.order.OrderJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far one node scales in accounts: N accounts (generated configuration), the simulator answering
 * every call after 50 ms with no new orders. Measures start-up time, heap after start and after one full
 * poll cycle (all accounts fire at the same minute), how long that cycle takes with the configured
 * concurrency, and the highest call rate the simulator saw per account and in total.
 *
 * <pre>bench/run.sh AccountsBench accounts=1000,5000,10000 threads=50 latencyMs=50</pre>
 */
public final class AccountsBench {

    private AccountsBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = IngestBench.options(args);
        int threads = Integer.parseInt(o.getOrDefault("threads", "50"));
        int latency = Integer.parseInt(o.getOrDefault("latencyMs", "50"));
        int ratePerSecond = Integer.parseInt(o.getOrDefault("ratePerSecond", "8"));
        int period = Integer.parseInt(o.getOrDefault("periodSeconds", "60"));
        double naverShare = Double.parseDouble(o.getOrDefault("naverShare", "0.5"));
        ArrayNode results = OrderJson.mapper().createArrayNode();
        for (String n : o.getOrDefault("accounts", "1000,5000,10000").split(",")) {
            ObjectNode r = measure(Integer.parseInt(n.trim()), threads, latency, ratePerSecond, period, naverShare);
            results.add(r);
            System.out.printf("accounts %6d: start-up %5.1f s, heap after start %6.1f MiB, after a cycle %6.1f MiB,"
                            + " cycle %5.1f s (%d threads), peak calls/s per account %d (limit %d), total %d, rss peak %6.0f MiB"
                            + " (coupang %d, naver %d accounts; peak calls/s per naver application %d, total %d)%n",
                    r.get("accounts").asInt(), r.get("startupSeconds").asDouble(), r.get("heapAfterStartMiB").asDouble(),
                    r.get("heapAfterCycleMiB").asDouble(), r.get("cycleSeconds").asDouble(), threads,
                    r.get("peakCallsPerSecondPerAccount").asInt(), ratePerSecond,
                    r.get("peakCallsPerSecondTotal").asLong(), r.get("peakRssMiB").asDouble(),
                    r.get("coupangAccounts").asInt(), r.get("naverAccounts").asInt(),
                    r.get("naverPeakCallsPerSecondPerAccount").asInt(), r.get("naverPeakCallsPerSecondTotal").asLong());
        }
        ObjectNode out = OrderJson.mapper().createObjectNode();
        out.put("threads", threads);
        out.put("latencyMs", latency);
        out.put("naverShare", naverShare);
        out.set("results", results);
        System.out.println("accounts: results written to " + BenchSupport.writeResult("accounts", out));
    }

    static ObjectNode measure(int accounts, int threads, int latency, int ratePerSecond, int period, double naverShare)
            throws Exception {
        int naverAccounts = (int) Math.round(accounts * naverShare);
        int coupangAccounts = accounts - naverAccounts;
        Path dir = Path.of("target", "bench", "accounts-" + accounts).toAbsolutePath();
        BenchSupport.clean(dir);
        int port = BenchSupport.freePort();
        Map<String, String> sim = new LinkedHashMap<>();
        sim.put("marketbridge.simulators.port", String.valueOf(port));
        sim.put("marketbridge.simulators.threads", String.valueOf(Math.max(16, threads * 2)));
        List<String> vendors = BenchSupport.coupangVendors(sim, "A6", coupangAccounts);
        List<String> sellers = BenchSupport.naverSellers(sim, "N6", naverAccounts);
        sim.put("marketbridge.simulators.naver.seed-orders", "0");
        sim.put("marketbridge.simulators.naver.arrival-per-minute", "0");
        sim.put("marketbridge.simulators.naver.rate-limit-per-second", "10");
        sim.put("marketbridge.simulators.coupang.seed-orders", "0");
        sim.put("marketbridge.simulators.coupang.arrival-per-minute", "0");
        sim.put("marketbridge.simulators.coupang.rate-limit-per-second", "10");
        Process simulator = BenchSupport.startSimulators(dir, "2g", sim, port);
        Process rt = null;
        try {
            BenchSupport.post("http://127.0.0.1:" + port + "/_simulator/coupang/faults?latencyMs=" + latency);
            BenchSupport.post("http://127.0.0.1:" + port + "/_simulator/naver/faults?latencyMs=" + latency);
            String dbUrl = "jdbc:h2:file:" + dir.resolve("db/mb") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
            Map<String, String> p = BenchSupport.runtimeBase(dbUrl, dir.resolve("out"));
            p.put("camel.component.quartz.properties[org.quartz.threadPool.threadCount]", String.valueOf(threads));
            p.put("marketbridge.db.pool-size", String.valueOf(Math.min(threads, 50)));
            Map<String, String> keys = Map.of(
                    "orders.schedule", period >= 60 ? "0 * * * * ?" : "0/" + period + " * * * * ?",
                    "rate-per-second", String.valueOf(ratePerSecond));
            BenchSupport.coupangAccounts(p, "acct-", "http://127.0.0.1:" + port, vendors, keys);
            BenchSupport.naverAccounts(p, "naver-", "http://127.0.0.1:" + port, sellers, keys);
            Path config = dir.resolve("runtime.properties");
            BenchSupport.writeProperties(config, p);
            Path log = dir.resolve("runtime.log");
            long spawned = System.nanoTime();
            List<String> jvm = new ArrayList<>();
            if (Boolean.getBoolean("bench.jfr")) {
                jvm.add("-XX:StartFlightRecording=filename=" + dir.resolve("runtime.jfr") + ",settings=profile");
            }
            jvm.addAll(BenchSupport.jar("--config", config.toString()));
            Process runtime = BenchSupport.start(dir, "runtime", "2g", jvm);
            rt = runtime;
            BenchSupport.waitFor(Duration.ofMinutes(5), () -> {
                if (!runtime.isAlive()) {
                    throw new IllegalStateException("the runtime stopped; see " + log);
                }
                // started: the context is up and every account has its trigger
                return logContains(log, "account(s) scheduled");
            });
            double startup = (System.nanoTime() - spawned) / 1e9;
            double heapAfterStart = BenchSupport.heapAfterGcMib(runtime.pid());
            // the next boundary of the schedule is when every account fires
            long now = Instant.now().getEpochSecond();
            Instant boundary = Instant.ofEpochSecond((now / period + 1) * period);
            if (Duration.between(Instant.now(), boundary).toMillis() < 2500) {
                boundary = boundary.plusSeconds(period);
            }
            while (Instant.now().isBefore(boundary.minusSeconds(2))) {
                Thread.sleep(200);
            }
            BenchSupport.post("http://127.0.0.1:" + port + "/_simulator/coupang/reset-rates");
            BenchSupport.post("http://127.0.0.1:" + port + "/_simulator/naver/reset-rates");
            Instant cycleStart = boundary;
            BenchSupport.waitFor(Duration.ofMinutes(10), () -> polledSince(dbUrl, cycleStart) >= accounts);
            double cycle = lastPollSeconds(dbUrl, cycleStart);
            double heapAfterCycle = BenchSupport.heapAfterGcMib(runtime.pid());
            JsonNode stats = BenchSupport.get("http://127.0.0.1:" + port + "/_simulator/coupang/stats");
            JsonNode naverStats = BenchSupport.get("http://127.0.0.1:" + port + "/_simulator/naver/stats");
            ObjectNode r = OrderJson.mapper().createObjectNode();
            r.put("accounts", accounts);
            r.put("coupangAccounts", coupangAccounts);
            r.put("naverAccounts", naverAccounts);
            r.put("naverPeakCallsPerSecondPerAccount", naverStats.path("peakCallsPerSecondPerClient").asInt());
            r.put("naverPeakCallsPerSecondTotal", naverStats.path("peakCallsPerSecondTotal").asLong());
            r.put("startupSeconds", startup);
            r.put("heapAfterStartMiB", heapAfterStart);
            r.put("heapAfterCycleMiB", heapAfterCycle);
            r.put("cycleSeconds", cycle);
            r.put("peakCallsPerSecondPerAccount", stats.get("peakCallsPerSecondPerVendor").asInt());
            r.put("peakCallsPerSecondTotal", stats.get("peakCallsPerSecondTotal").asLong());
            r.put("peakRssMiB", BenchSupport.peakRssMib(runtime.pid()));
            r.put("failedPolls", countLines(log, "FAILED ("));
            return r;
        } finally {
            BenchSupport.stop(rt);
            BenchSupport.stop(simulator);
        }
    }

    private static long polledSince(String dbUrl, Instant since) {
        try (Connection c = DriverManager.getConnection(dbUrl, "sa", "");
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM MB_CURSOR WHERE updated_at >= ?")) {
            ps.setTimestamp(1, Timestamp.valueOf(LocalDateTime.ofInstant(since, ZoneOffset.UTC)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            return -1;
        }
    }

    private static double lastPollSeconds(String dbUrl, Instant since) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl, "sa", "");
             PreparedStatement ps = c.prepareStatement("SELECT MAX(updated_at) FROM MB_CURSOR WHERE updated_at >= ?")) {
            ps.setTimestamp(1, Timestamp.valueOf(LocalDateTime.ofInstant(since, ZoneOffset.UTC)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Instant last = rs.getTimestamp(1).toLocalDateTime().toInstant(ZoneOffset.UTC);
                return Duration.between(since, last).toMillis() / 1000.0;
            }
        }
    }

    static boolean logContains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (Exception e) {
            return false;
        }
    }

    static long countLines(Path log, String text) {
        try {
            return Files.readAllLines(log).stream().filter(l -> l.contains(text)).count();
        } catch (Exception e) {
            return -1;
        }
    }
}
