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
 * How far one node scales in accounts: N accounts (generated configuration) spread over the marketplaces of
 * the mix, the simulator answering every call after 50 ms with no new orders. Measures start-up time, heap
 * after start and after one full poll cycle (all accounts fire at the same minute), how long that cycle takes
 * with the configured concurrency, and the highest call rate each simulator saw per account and in total.
 *
 * <pre>bench/run.sh AccountsBench accounts=1000,5000,10000 threads=50 latencyMs=50 mix=coupang:1,naver:1,elevenst:1,esm:1,lotteon:1,qoo10:1</pre>
 *
 * With {@code nodes=1,2,3} each account count runs on that many clustered nodes sharing one PostgreSQL instead
 * ({@link AccountsClusterBench}).
 *
 * ESM accounts sell on both sites and keep ESM's real order-query bucket (one query per 5 s per site seller ID).
 */
public final class AccountsBench {

    /** One marketplace of the mix: how its simulator gets its sellers and the runtime its account blocks. */
    record Market(String key, String simulatorPrefix, String accountPrefix) {
        List<String> sellers(Map<String, String> sim, int count) {
            return switch (key) {
                case "coupang" -> BenchSupport.coupangVendors(sim, simulatorPrefix, count);
                case "naver" -> BenchSupport.naverSellers(sim, simulatorPrefix, count);
                case "elevenst" -> BenchSupport.elevenstSellers(sim, simulatorPrefix, count);
                case "esm" -> BenchSupport.esmMasters(sim, simulatorPrefix, count);
                case "lotteon" -> BenchSupport.lotteonTraders(sim, simulatorPrefix, count);
                case "qoo10" -> BenchSupport.qoo10Sellers(sim, simulatorPrefix, count);
                default -> throw new IllegalArgumentException("unknown marketplace in mix: " + key);
            };
        }

        void accounts(Map<String, String> p, String baseUrl, List<String> sellers, Map<String, String> keys) {
            switch (key) {
                case "coupang" -> BenchSupport.coupangAccounts(p, accountPrefix, baseUrl, sellers, keys);
                case "naver" -> BenchSupport.naverAccounts(p, accountPrefix, baseUrl, sellers, keys);
                case "elevenst" -> BenchSupport.elevenstAccounts(p, accountPrefix, baseUrl, sellers, keys);
                // ESM has no per-account call rate: its limit is the order-query bucket per seller ID
                case "esm" -> BenchSupport.esmAccounts(p, accountPrefix, baseUrl, sellers, withoutRate(keys));
                case "lotteon" -> BenchSupport.lotteonAccounts(p, accountPrefix, baseUrl, sellers, keys);
                case "qoo10" -> BenchSupport.qoo10Accounts(p, accountPrefix, baseUrl, sellers, keys);
                default -> throw new IllegalArgumentException("unknown marketplace in mix: " + key);
            }
        }
    }

    private static Map<String, String> withoutRate(Map<String, String> keys) {
        Map<String, String> k = new LinkedHashMap<>(keys);
        k.remove("rate-per-second");
        return k;
    }

    static final Map<String, Market> MARKETS = Map.of(
            "coupang", new Market("coupang", "A6", "acct-"),
            "naver", new Market("naver", "N6", "naver-"),
            "elevenst", new Market("elevenst", "E6", "11st-"),
            "esm", new Market("esm", "M6", "esm-"),
            "lotteon", new Market("lotteon", "L6", "lotteon-"),
            "qoo10", new Market("qoo10", "Q6", "qoo10-"));

    private AccountsBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = IngestBench.options(args);
        int threads = Integer.parseInt(o.getOrDefault("threads", "50"));
        int latency = Integer.parseInt(o.getOrDefault("latencyMs", "50"));
        int ratePerSecond = Integer.parseInt(o.getOrDefault("ratePerSecond", "8"));
        int period = Integer.parseInt(o.getOrDefault("periodSeconds", "60"));
        Map<String, Double> mix = mix(o.getOrDefault("mix", "coupang:1,naver:1,elevenst:1,esm:1,lotteon:1,qoo10:1"));
        ArrayNode results = OrderJson.mapper().createArrayNode();
        if (o.containsKey("nodes")) {
            AccountsClusterBench.run(o, threads, latency, ratePerSecond, period, mix);
            return;
        }
        for (String n : o.getOrDefault("accounts", "1000,5000,10000").split(",")) {
            ObjectNode r = measure(Integer.parseInt(n.trim()), threads, latency, ratePerSecond, period, mix);
            results.add(r);
            StringBuilder perMarket = new StringBuilder();
            r.path("marketplaces").fields().forEachRemaining(e -> perMarket.append(String.format(
                    "; %s %d accounts, peak calls/s per account %d, total %d", e.getKey(), e.getValue().path("accounts").asInt(),
                    e.getValue().path("peakCallsPerSecondPerAccount").asInt(), e.getValue().path("peakCallsPerSecondTotal").asLong())));
            System.out.printf("accounts %6d: start-up %5.1f s, heap after start %6.1f MiB, after a cycle %6.1f MiB,"
                            + " cycle %5.1f s (%d threads), rss peak %6.0f MiB, failed polls %d%s%n",
                    r.get("accounts").asInt(), r.get("startupSeconds").asDouble(), r.get("heapAfterStartMiB").asDouble(),
                    r.get("heapAfterCycleMiB").asDouble(), r.get("cycleSeconds").asDouble(), threads,
                    r.get("peakRssMiB").asDouble(), r.get("failedPolls").asLong(), perMarket);
        }
        ObjectNode out = OrderJson.mapper().createObjectNode();
        out.put("threads", threads);
        out.put("latencyMs", latency);
        ObjectNode mixNode = out.putObject("mix");
        mix.forEach(mixNode::put);
        out.set("results", results);
        System.out.println("accounts: results written to " + BenchSupport.writeResult("accounts", out));
    }

    /** "coupang:1,naver:1" -> the marketplaces and their weights, in the given order. */
    static Map<String, Double> mix(String spec) {
        Map<String, Double> mix = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split(":");
            if (!MARKETS.containsKey(kv[0])) {
                throw new IllegalArgumentException("mix: unknown marketplace " + kv[0] + " (known: " + MARKETS.keySet() + ")");
            }
            mix.put(kv[0], kv.length > 1 ? Double.parseDouble(kv[1]) : 1.0);
        }
        return mix;
    }

    /** The accounts of each marketplace: proportional to its weight, the rounding remainder to the first. */
    static Map<String, Integer> split(int accounts, Map<String, Double> mix) {
        double sum = mix.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int given = 0;
        for (Map.Entry<String, Double> e : mix.entrySet()) {
            int n = (int) Math.floor(accounts * e.getValue() / sum);
            counts.put(e.getKey(), n);
            given += n;
        }
        String first = mix.keySet().iterator().next();
        counts.merge(first, accounts - given, Integer::sum);
        return counts;
    }

    static ObjectNode measure(int accounts, int threads, int latency, int ratePerSecond, int period, Map<String, Double> mix)
            throws Exception {
        Map<String, Integer> counts = split(accounts, mix);
        Path dir = Path.of("target", "bench", "accounts-" + accounts).toAbsolutePath();
        BenchSupport.clean(dir);
        int port = BenchSupport.freePort();
        String baseUrl = "http://127.0.0.1:" + port;
        Map<String, String> sim = new LinkedHashMap<>();
        sim.put("marketbridge.simulators.port", String.valueOf(port));
        sim.put("marketbridge.simulators.threads", String.valueOf(Math.max(16, threads * 2)));
        Map<String, List<String>> sellers = new LinkedHashMap<>();
        for (String m : IngestBench.SIMULATORS) {
            // idle sellers: nothing seeded, nothing arriving (also the simulators' demo sellers)
            sim.put("marketbridge.simulators." + m + ".seed-orders", "0");
            sim.put("marketbridge.simulators." + m + ".arrival-per-minute", "0");
            sim.put("marketbridge.simulators." + m + ".rate-limit-per-second", "10");
            // a one-second block, so one slip over the limit shows in the figures without stalling the run
            sim.put("marketbridge.simulators.coupang.throttle-block", "PT1S");
            if (counts.getOrDefault(m, 0) > 0) {
                sellers.put(m, MARKETS.get(m).sellers(sim, counts.get(m)));
            }
        }
        Process simulator = BenchSupport.startSimulators(dir, "2g", sim, port);
        Process rt = null;
        try {
            for (String m : sellers.keySet()) {
                BenchSupport.post(baseUrl + "/_simulator/" + m + "/faults?latencyMs=" + latency);
            }
            String dbUrl = "jdbc:h2:file:" + dir.resolve("db/mb") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
            Map<String, String> p = BenchSupport.runtimeBase(dbUrl, dir.resolve("out"));
            p.put("camel.component.quartz.properties[org.quartz.threadPool.threadCount]", String.valueOf(threads));
            p.put("marketbridge.db.pool-size", String.valueOf(Math.min(threads, 50)));
            Map<String, String> keys = Map.of(
                    "orders.schedule", period >= 60 ? "0 * * * * ?" : "0/" + period + " * * * * ?",
                    "rate-per-second", String.valueOf(ratePerSecond));
            sellers.forEach((m, list) -> MARKETS.get(m).accounts(p, baseUrl, list, keys));
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
            for (String m : sellers.keySet()) {
                BenchSupport.post(baseUrl + "/_simulator/" + m + "/reset-rates");
            }
            Instant cycleStart = boundary;
            BenchSupport.waitFor(Duration.ofMinutes(10), () -> polledSince(dbUrl, "sa", cycleStart) >= accounts);
            double cycle = lastPollSeconds(dbUrl, "sa", cycleStart);
            double heapAfterCycle = BenchSupport.heapAfterGcMib(runtime.pid());
            ObjectNode r = OrderJson.mapper().createObjectNode();
            r.put("accounts", accounts);
            r.put("startupSeconds", startup);
            r.put("heapAfterStartMiB", heapAfterStart);
            r.put("heapAfterCycleMiB", heapAfterCycle);
            r.put("cycleSeconds", cycle);
            r.put("peakRssMiB", BenchSupport.peakRssMib(runtime.pid()));
            r.put("failedPolls", countLines(log, "FAILED ("));
            ObjectNode markets = r.putObject("marketplaces");
            for (String m : sellers.keySet()) {
                JsonNode stats = BenchSupport.get(baseUrl + "/_simulator/" + m + "/stats");
                ObjectNode s = markets.putObject(m);
                s.put("accounts", counts.get(m));
                s.put("peakCallsPerSecondPerAccount", perAccountPeak(stats));
                s.put("peakCallsPerSecondTotal", stats.path("peakCallsPerSecondTotal").asLong());
                s.set("stats", stats);
            }
            return r;
        } finally {
            BenchSupport.stop(rt);
            BenchSupport.stop(simulator);
        }
    }

    /** Each simulator names its per-seller peak after its own credentials (per vendor, per client, per key, ...). */
    static int perAccountPeak(JsonNode stats) {
        var fields = stats.fields();
        while (fields.hasNext()) {
            var e = fields.next();
            if (e.getKey().startsWith("peakCallsPerSecondPer") && !e.getKey().equals("peakCallsPerSecondPerTotal")
                    && !e.getKey().endsWith("Total")) {
                return e.getValue().asInt();
            }
        }
        return -1;
    }

    static long polledSince(String dbUrl, String user, Instant since) {
        try (Connection c = DriverManager.getConnection(dbUrl, user, "");
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT account_id) FROM MB_CURSOR WHERE updated_at >= ?")) {
            ps.setTimestamp(1, Timestamp.valueOf(LocalDateTime.ofInstant(since, ZoneOffset.UTC)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (Exception e) {
            return -1;
        }
    }

    static double lastPollSeconds(String dbUrl, String user, Instant since) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl, user, "");
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
