package io.marketbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.order.OrderJson;
import io.marketbridge.simulator.naver.NaverSimulator;
import io.marketbridge.simulator.naver.NaverSimulatorSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingest throughput: the simulator (its own JVM) holds N orders across A Coupang accounts (or, with
 * marketplace=naver / elevenst / esm / lotteon / qoo10, A sellers of that marketplace); the packaged runtime (its own JVM)
 * ingests them until every order is delivered, and, in the same run and against the same simulator, a hand-written
 * baseline does the same work ({@link BaselineIngest} for Coupang, {@link BaselineNaverIngest} for Naver,
 * {@link BaselineElevenstIngest}, {@link BaselineEsmIngest}, {@link BaselineLotteonIngest}, {@link BaselineQoo10Ingest}). Per sink variant it
 * reports orders per second, CPU seconds, peak heap and peak RSS of both, and the ratio runtime / baseline.
 *
 * <pre>bench/run.sh IngestBench orders=200000 accounts=100 variants=h2-db,pg-db,files,both runs=3
 * bench/run.sh IngestBench marketplace=naver orders=50000 accounts=50 variants=h2-db,files,both</pre>
 *
 * The runtime runs as a seller would (auto-confirm on, so acknowledged orders leave the ACCEPT list and a
 * poll fetches each order once; no per-box re-read), and the baseline then makes the same confirmation calls
 * (option confirm, {@link BaselineConfirms}: same chunks, paced at the runtime account's rate); each program gets
 * its own freshly started simulator with the same seed, whose stats count both programs' confirmation calls.
 * autoConfirm=false leaves confirmation out of both (one simulator serves the pair).
 *
 * <p>Naver: the simulator seeds orders/accounts orders per seller over 6 h. Its seeding makes about 5 % of
 * the orders gifts (the gift rate of the faults endpoint only applies to orders arriving later); a seeded
 * gift older than 40 minutes has been accepted (GIFT_RECEIVED, with an address), a younger one still waits
 * for its receiver and is nobody's to ship. The figure N is therefore the orders with an address, counted
 * from an identical simulator built in this process; both programs must deliver exactly those.
 */
public final class IngestBench {

    static final Pattern BASELINE_LINE = Pattern.compile(
            "baseline: orders=(\\d+) lines=(\\d+) seconds=([0-9.]+).*?cpu_seconds=([0-9.]+) rss_peak_mib=([0-9.]+)");

    /** The built-in simulators, by their settings prefix. */
    static final List<String> SIMULATORS = List.of("coupang", "naver", "elevenst", "esm", "lotteon", "qoo10");

    /**
     * ESM's order-query bucket (one RequestOrders per 5 s per site seller ID) would make the benchmark measure
     * waiting; simulator, runtime and baseline all use this interval instead.
     */
    static final String ESM_BENCH_INTERVAL_MS = "50";

    /** autoConfirm=false: the runtime delivers without confirming (set in main before the runs). */
    static boolean AUTO_CONFIRM = true;

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int orders = Integer.parseInt(o.getOrDefault("orders", "200000"));
        int accounts = Integer.parseInt(o.getOrDefault("accounts", "100"));
        int runs = Integer.parseInt(o.getOrDefault("runs", "1"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "10"));
        List<String> variants = Arrays.asList(o.getOrDefault("variants", "h2-db,pg-db,files,both").split(","));
        String marketplace = o.getOrDefault("marketplace", "coupang");
        Target target = Target.of(marketplace);
        AUTO_CONFIRM = Boolean.parseBoolean(o.getOrDefault("autoConfirm", "true"));
        Path work = Path.of("target", "bench", "ingest").toAbsolutePath();
        BenchSupport.clean(work);
        Files.createDirectories(work);
        int simPort = BenchSupport.freePort();

        Map<String, String> sim = new LinkedHashMap<>();
        sim.put("marketbridge.simulators.port", String.valueOf(simPort));
        sim.put("marketbridge.simulators.threads", "16");
        // the simulators' demo sellers (application.properties): nothing seeded, nothing arriving
        for (String m : SIMULATORS) {
            sim.put("marketbridge.simulators." + m + ".seed-orders", "0");
            sim.put("marketbridge.simulators." + m + ".arrival-per-minute", "0");
        }
        int seeded = orders / accounts * accounts;
        List<String> vendors = target.seed(sim, accounts, orders / accounts);
        int total = target.expected(sim, vendors, seeded);
        System.out.printf("ingest: %s, %d orders across %d accounts, variants %s, %d run(s), auto-confirm %s%n", marketplace,
                total, accounts, variants, runs, AUTO_CONFIRM);
        if (total != seeded) {
            System.out.printf("ingest: %d of the %d seeded orders are not the sellers' to ship yet (gifts waiting for an address), left out%n",
                    seeded - total, seeded);
        }
        ArrayNode results = OrderJson.mapper().createArrayNode();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        {
            String baseUrl = "http://127.0.0.1:" + simPort;
            Path accountsFile = work.resolve("baseline-accounts.properties");
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < vendors.size(); i++) {
                lines.append("bench-").append(i + 1).append('=').append(target.baselineAccount(vendors.get(i))).append('\n');
            }
            Files.writeString(accountsFile, lines.toString());
            for (int run = 1; run <= runs; run++) {
                for (String variant : variants) {
                    // a fresh simulator (same seed, same orders) per pair: the runtime acknowledges what it took; with
                    // confirmation on, the baseline confirms too, so each program gets its own fresh simulator
                    Process simulator = BenchSupport.startSimulators(work.resolve(variant + "-" + run + "-simulator"), "8g", sim, simPort);
                    ObjectNode runtime;
                    ObjectNode baseline;
                    try {
                        baseline = runBaseline(work.resolve(variant + "-" + run + "-baseline"), variant, target, baseUrl,
                                accountsFile, total, threads);
                        long baselineCalls = confirmCalls(baseUrl, marketplace);
                        baseline.put("confirmCalls", baselineCalls);
                        if (AUTO_CONFIRM) {
                            BenchSupport.stop(simulator);
                            simulator = BenchSupport.startSimulators(work.resolve(variant + "-" + run + "-simulator-runtime"), "8g",
                                    sim, simPort);
                            baselineCalls = 0;
                        }
                        runtime = runRuntime(work.resolve(variant + "-" + run + "-runtime"), variant, target, baseUrl,
                                vendors, total, threads);
                        runtime.put("confirmCalls", confirmCalls(baseUrl, marketplace) - baselineCalls);
                    } finally {
                        BenchSupport.stop(simulator);
                    }
                    for (ObjectNode program : List.of(runtime, baseline)) {
                        long calls = program.get("confirmCalls").asLong();
                        program.put("cpuMicrosPerConfirmCall", calls == 0 ? 0 : program.get("cpuSeconds").asDouble() * 1e6 / calls);
                    }
                    double ratio = runtime.get("ordersPerSecond").asDouble() / baseline.get("ordersPerSecond").asDouble();
                    ratios.computeIfAbsent(variant, k -> new ArrayList<>()).add(ratio);
                    ObjectNode r = results.addObject();
                    r.put("variant", variant);
                    r.put("run", run);
                    r.set("runtime", runtime);
                    r.set("baseline", baseline);
                    r.put("ratio", ratio);
                    System.out.printf("ingest %-6s run %d: runtime %7.0f orders/s (cpu %6.1f s, heap peak %5d MiB, rss peak %6.0f MiB)"
                                    + " | baseline %7.0f orders/s (cpu %6.1f s, heap peak %5d MiB, rss peak %6.0f MiB) | ratio %.2f%n",
                            variant, run, runtime.get("ordersPerSecond").asDouble(), runtime.get("cpuSeconds").asDouble(),
                            runtime.get("peakHeapMiB").asLong(), runtime.get("peakRssMiB").asDouble(),
                            baseline.get("ordersPerSecond").asDouble(), baseline.get("cpuSeconds").asDouble(),
                            baseline.get("peakHeapMiB").asLong(), baseline.get("peakRssMiB").asDouble(), ratio);
                    if (AUTO_CONFIRM) {
                        System.out.printf("ingest %-6s run %d: confirm calls runtime %d, baseline %d%s; CPU per confirm call"
                                        + " (whole process) runtime %.0f us, baseline %.0f us%n", variant, run,
                                runtime.get("confirmCalls").asLong(), baseline.get("confirmCalls").asLong(),
                                runtime.get("confirmCalls").asLong() == baseline.get("confirmCalls").asLong() ? "" : " (DIFFERENT)",
                                runtime.get("cpuMicrosPerConfirmCall").asDouble(), baseline.get("cpuMicrosPerConfirmCall").asDouble());
                    }
                }
            }
        }
        ObjectNode out = OrderJson.mapper().createObjectNode();
        out.put("marketplace", marketplace);
        out.put("autoConfirm", AUTO_CONFIRM);
        out.put("orders", total);
        out.put("seededOrders", seeded);
        out.put("accounts", accounts);
        out.put("threads", threads);
        out.set("runs", results);
        ObjectNode summary = out.putObject("ratioMedian");
        ratios.forEach((variant, list) -> {
            summary.put(variant, BenchSupport.median(list));
            System.out.printf("ingest %-6s runtime/baseline: median %.2f, min %.2f, max %.2f over %d run(s)%n", variant,
                    BenchSupport.median(list), list.stream().mapToDouble(d -> d).min().orElse(0),
                    list.stream().mapToDouble(d -> d).max().orElse(0), list.size());
            // one line per figure, for bench/run.sh all's summary
            System.out.printf(java.util.Locale.ROOT, "summary: ingest %s confirm=%s %s orders=%d accounts=%d ratio=%.2f (%s)%n",
                    marketplace, AUTO_CONFIRM ? "on" : "off", variant, total, accounts, BenchSupport.median(list),
                    String.join(", ", list.stream().map(d -> String.format(java.util.Locale.ROOT, "%.2f", d)).toList()));
        });
        System.out.println("ingest: results written to " + BenchSupport.writeResult("ingest", out));
    }

    private static ObjectNode runRuntime(Path dir, String variant, Target target, String baseUrl, List<String> vendors,
                                         int total, int threads) throws Exception {
        String dbUrl = dbUrl(variant, dir, true);
        Map<String, String> p = BenchSupport.runtimeBase(dbUrl, dir.resolve("out"));
        p.put("camel.component.quartz.properties[org.quartz.threadPool.threadCount]", String.valueOf(threads));
        p.put("marketbridge.db.user", variant.equals("pg-db") ? "postgres" : "sa");
        p.put("marketbridge.sink.db.enabled", String.valueOf(!variant.equals("files")));
        p.put("marketbridge.sink.file.enabled", String.valueOf(variant.equals("files") || variant.equals("both")));
        target.runtimeAccounts(p, baseUrl, vendors);
        if (!AUTO_CONFIRM) {
            // ingest alone: the confirmation calls (11st: one per line, throttled per account) left out, as the baseline does
            for (int i = 1; i <= vendors.size(); i++) {
                p.put("marketbridge.account.bench-" + i + ".auto-confirm", "false");
            }
        }
        Path config = dir.resolve("runtime.properties");
        BenchSupport.writeProperties(config, p);
        long start = System.nanoTime();
        List<String> jvm = new java.util.ArrayList<>();
        if (Boolean.getBoolean("bench.jfr")) {
            // -Dbench.jfr=true: a flight recording of the runtime for profiling (jfr print / JDK Mission Control)
            jvm.add("-XX:StartFlightRecording=filename=" + dir.resolve("runtime.jfr") + ",settings=profile");
        }
        jvm.addAll(BenchSupport.jar("--config", config.toString()));
        Process rt = BenchSupport.start(dir, "runtime", "2g", jvm);
        try {
            Path log = dir.resolve("runtime.log");
            BenchSupport.waitFor(Duration.ofMinutes(2), () -> alive(rt, log) && contains(log, "Database schema is up to date"));
            // delivered, and (auto-confirm) acknowledged: nothing left for a poll to do
            // the poll lines say how many new orders each poll delivered (and acknowledged); reading the log
            // instead of querying the database keeps the measurement from loading the runtime's H2 server
            BenchSupport.waitFor(Duration.ofMinutes(60), () -> alive(rt, log) && newOrdersLogged(log) >= total);
            if (delivered(dbUrl, variant) < total) {
                throw new IllegalStateException("the log says delivered, the ledger does not; see " + log);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ObjectNode r = OrderJson.mapper().createObjectNode();
            r.put("seconds", seconds);
            r.put("ordersPerSecond", total / seconds);
            r.put("cpuSeconds", BenchSupport.cpuSeconds(rt.pid()));
            r.put("peakRssMiB", BenchSupport.peakRssMib(rt.pid()));
            r.put("peakHeapMiB", BenchSupport.peakHeapMib(dir.resolve("runtime-gc.log")));
            return r;
        } finally {
            BenchSupport.stop(rt);
            dropSchema(variant, dir);
        }
    }

    private static ObjectNode runBaseline(Path dir, String variant, Target target, String baseUrl, Path accountsFile,
                                          int total, int threads) throws Exception {
        String db = variant.equals("files") ? "none" : dbUrl(variant, dir, false);
        String out = variant.equals("files") || variant.equals("both") ? dir.resolve("out").toString() : "none";
        List<String> args = new ArrayList<>(List.of("accounts=" + accountsFile, "db=" + db,
                "dbUser=" + (variant.equals("pg-db") ? "postgres" : "sa"), "out=" + out, "threads=" + threads, "fsync=true"));
        args.addAll(target.baselineArgs(baseUrl));
        // the runtime's confirmation calls, chunked and paced as the runtime's account does (BaselineConfirms)
        args.add("confirm=" + AUTO_CONFIRM);
        args.add("confirmRate=" + target.confirmRate());
        String main = target.baseline().getName();
        long start = System.nanoTime();
        Process p = BenchSupport.start(dir, "baseline", "2g", BenchSupport.mainClass(main, args));
        try {
            p.waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            String log = Files.readString(dir.resolve("baseline.log"));
            Matcher m = BASELINE_LINE.matcher(log);
            if (p.exitValue() != 0 || !m.find()) {
                throw new IllegalStateException("the baseline failed; see " + dir.resolve("baseline.log"));
            }
            if (Long.parseLong(m.group(1)) != total) {
                throw new IllegalStateException("the baseline wrote " + m.group(1) + " orders, expected " + total);
            }
            ObjectNode r = OrderJson.mapper().createObjectNode();
            r.put("seconds", seconds);
            r.put("ordersPerSecond", total / seconds);
            r.put("cpuSeconds", Double.parseDouble(m.group(4)));
            r.put("peakRssMiB", Double.parseDouble(m.group(5)));
            r.put("peakHeapMiB", BenchSupport.peakHeapMib(dir.resolve("baseline-gc.log")));
            return r;
        } finally {
            BenchSupport.stop(p);
            dropSchema(variant, dir);
        }
    }

    /** What the benchmark needs of one marketplace: its simulator, its accounts, its baseline. */
    interface Target {
        /** Adds the sellers and their seed (ordersEach per seller over 6 h, no arrivals) to simulator properties. */
        List<String> seed(Map<String, String> sim, int accounts, int ordersEach);

        /** The orders both programs must deliver (the seeded ones, unless some are not the seller's to ship). */
        default int expected(Map<String, String> sim, List<String> sellers, int seeded) {
            return seeded;
        }

        /** The baseline's accounts-file value for one seller. */
        String baselineAccount(String seller);

        /** The runtime's account blocks, bench-1..n, one per seller. */
        void runtimeAccounts(Map<String, String> p, String baseUrl, List<String> sellers);

        Class<?> baseline();

        /** baseUrl and look-back: the runtime's first poll reads one day back (orders.initial-lookback P1D). */
        List<String> baselineArgs(String baseUrl);

        /** The runtime account's calls per second (rate-per-second), which paces its confirmation calls; 0: none. */
        int confirmRate();

        static Target of(String marketplace) {
            return switch (marketplace) {
                case "coupang" -> new CoupangTarget();
                case "naver" -> new NaverTarget();
                case "elevenst" -> new ElevenstTarget();
                case "esm" -> new EsmTarget();
                case "lotteon" -> new LotteonTarget();
                case "qoo10" -> new Qoo10Target();
                default -> throw new IllegalArgumentException("marketplace is coupang, naver, elevenst, esm, lotteon or qoo10,"
                        + " got: " + marketplace);
            };
        }
    }

    static final class CoupangTarget implements Target {
        static final int RATE = 50;

        @Override
        public int confirmRate() {
            return RATE;
        }

        @Override
        public List<String> seed(Map<String, String> sim, int accounts, int ordersEach) {
            List<String> vendors = BenchSupport.coupangVendors(sim, "A5", accounts);
            sim.put("marketbridge.simulators.coupang.seed-orders", String.valueOf(ordersEach));
            sim.put("marketbridge.simulators.coupang.seed-span", "PT6H");
            sim.put("marketbridge.simulators.coupang.arrival-per-minute", "0");
            sim.put("marketbridge.simulators.coupang.rate-limit-per-second", "100000");
            return vendors;
        }

        @Override
        public String baselineAccount(String v) {
            return v + ",ak-" + v + ",sk-" + v;
        }

        @Override
        public void runtimeAccounts(Map<String, String> p, String baseUrl, List<String> vendors) {
            BenchSupport.coupangAccounts(p, "bench-", baseUrl, vendors, Map.of(
                    "orders.schedule", "* * * * * ?", "recheck-after-confirm", "false", "rate-per-second", String.valueOf(RATE)));
        }

        @Override
        public Class<?> baseline() {
            return BaselineIngest.class;
        }

        @Override
        public List<String> baselineArgs(String baseUrl) {
            return List.of("baseUrl=" + baseUrl, "lookbackDays=1");
        }
    }

    static final class NaverTarget implements Target {
        static final int RATE = 50;

        @Override
        public int confirmRate() {
            return RATE;
        }

        @Override
        public List<String> seed(Map<String, String> sim, int accounts, int ordersEach) {
            List<String> sellers = BenchSupport.naverSellers(sim, "N5", accounts);
            sim.put("marketbridge.simulators.naver.seed-orders", String.valueOf(ordersEach));
            sim.put("marketbridge.simulators.naver.seed-span", "PT6H");
            sim.put("marketbridge.simulators.naver.arrival-per-minute", "0");
            sim.put("marketbridge.simulators.naver.rate-limit-per-second", "1000");
            return sellers;
        }

        @Override
        public int expected(Map<String, String> sim, List<String> sellers, int seeded) {
            return naverOrdersToShip(sim, sellers);
        }

        @Override
        public String baselineAccount(String s) {
            return BenchSupport.naverClientId(s) + "," + BenchSupport.naverSecret(s);
        }

        @Override
        public void runtimeAccounts(Map<String, String> p, String baseUrl, List<String> sellers) {
            // 50 calls/s per application is the connector's ceiling; the simulator allows 1000
            BenchSupport.naverAccounts(p, "bench-", baseUrl, sellers, Map.of(
                    "orders.schedule", "* * * * * ?", "rate-per-second", String.valueOf(RATE)));
        }

        @Override
        public Class<?> baseline() {
            return BaselineNaverIngest.class;
        }

        @Override
        public List<String> baselineArgs(String baseUrl) {
            return List.of("baseUrl=" + baseUrl + "/external", "lookbackHours=24");
        }
    }

    static final class ElevenstTarget implements Target {
        static final int RATE = 20;

        @Override
        public int confirmRate() {
            return RATE;
        }

        @Override
        public List<String> seed(Map<String, String> sim, int accounts, int ordersEach) {
            List<String> sellers = BenchSupport.elevenstSellers(sim, "E5", accounts);
            sim.put("marketbridge.simulators.elevenst.seed-orders", String.valueOf(ordersEach));
            sim.put("marketbridge.simulators.elevenst.seed-span", "PT6H");
            sim.put("marketbridge.simulators.elevenst.arrival-per-minute", "0");
            sim.put("marketbridge.simulators.elevenst.rate-limit-per-second", "100000");
            return sellers;
        }

        @Override
        public String baselineAccount(String s) {
            return BenchSupport.elevenstKey(s);
        }

        @Override
        public void runtimeAccounts(Map<String, String> p, String baseUrl, List<String> sellers) {
            // 20 calls/s is the connector's ceiling for 11st
            BenchSupport.elevenstAccounts(p, "bench-", baseUrl, sellers, Map.of(
                    "orders.schedule", "* * * * * ?", "rate-per-second", String.valueOf(RATE)));
        }

        @Override
        public Class<?> baseline() {
            return BaselineElevenstIngest.class;
        }

        @Override
        public List<String> baselineArgs(String baseUrl) {
            return List.of("baseUrl=" + baseUrl, "lookbackHours=24");
        }
    }

    /** Every account sells on both sites; ordersEach is split between them. */
    static final class EsmTarget implements Target {
        @Override
        public int confirmRate() {
            return 0;
        }

        @Override
        public List<String> seed(Map<String, String> sim, int accounts, int ordersEach) {
            List<String> masters = BenchSupport.esmMasters(sim, "M5", accounts);
            sim.put("marketbridge.simulators.esm.seed-orders", String.valueOf(ordersEach / 2));
            sim.put("marketbridge.simulators.esm.seed-span", "PT6H");
            sim.put("marketbridge.simulators.esm.arrival-per-minute", "0");
            sim.put("marketbridge.simulators.esm.order-query-interval-ms", ESM_BENCH_INTERVAL_MS);
            return masters;
        }

        @Override
        public int expected(Map<String, String> sim, List<String> masters, int seeded) {
            return masters.size() * 2 * Integer.parseInt(sim.get("marketbridge.simulators.esm.seed-orders"));
        }

        @Override
        public String baselineAccount(String m) {
            return m + "," + BenchSupport.esmSecret(m) + ",g" + m + ",a" + m;
        }

        @Override
        public void runtimeAccounts(Map<String, String> p, String baseUrl, List<String> masters) {
            p.put("marketbridge.esm.order-query-interval-ms", ESM_BENCH_INTERVAL_MS);
            BenchSupport.esmAccounts(p, "bench-", baseUrl, masters, Map.of("orders.schedule", "* * * * * ?"));
        }

        @Override
        public Class<?> baseline() {
            return BaselineEsmIngest.class;
        }

        @Override
        public List<String> baselineArgs(String baseUrl) {
            return List.of("baseUrl=" + baseUrl, "lookbackHours=24", "intervalMs=" + ESM_BENCH_INTERVAL_MS);
        }
    }

    static final class LotteonTarget implements Target {
        static final int RATE = 20;

        @Override
        public int confirmRate() {
            return RATE;
        }

        @Override
        public List<String> seed(Map<String, String> sim, int accounts, int ordersEach) {
            List<String> traders = BenchSupport.lotteonTraders(sim, "L5", accounts);
            sim.put("marketbridge.simulators.lotteon.seed-orders", String.valueOf(ordersEach));
            sim.put("marketbridge.simulators.lotteon.seed-span", "PT6H");
            sim.put("marketbridge.simulators.lotteon.arrival-per-minute", "0");
            sim.put("marketbridge.simulators.lotteon.rate-limit-per-second", "100000");
            return traders;
        }

        @Override
        public String baselineAccount(String t) {
            return BenchSupport.lotteonKey(t);
        }

        @Override
        public void runtimeAccounts(Map<String, String> p, String baseUrl, List<String> traders) {
            // 20 calls/s is the connector's default for Lotte ON (10,000 a minute is the reported limit)
            BenchSupport.lotteonAccounts(p, "bench-", baseUrl, traders, Map.of(
                    "orders.schedule", "* * * * * ?", "rate-per-second", String.valueOf(RATE)));
        }

        @Override
        public Class<?> baseline() {
            return BaselineLotteonIngest.class;
        }

        @Override
        public List<String> baselineArgs(String baseUrl) {
            return List.of("baseUrl=" + baseUrl, "lookbackHours=24");
        }
    }

    /** A Qoo10 "order" is a cart (packNo) of one to three orderNos; ordersEach carts per seller. */
    static final class Qoo10Target implements Target {
        static final int RATE = 20;

        @Override
        public int confirmRate() {
            return RATE;
        }

        @Override
        public List<String> seed(Map<String, String> sim, int accounts, int ordersEach) {
            List<String> sellers = BenchSupport.qoo10Sellers(sim, "Q5", accounts);
            sim.put("marketbridge.simulators.qoo10.seed-orders", String.valueOf(ordersEach));
            sim.put("marketbridge.simulators.qoo10.seed-span", "PT6H");
            sim.put("marketbridge.simulators.qoo10.arrival-per-minute", "0");
            return sellers;
        }

        @Override
        public String baselineAccount(String s) {
            return BenchSupport.qoo10Key(s) + "," + s + "," + BenchSupport.qoo10Password(s);
        }

        @Override
        public void runtimeAccounts(Map<String, String> p, String baseUrl, List<String> sellers) {
            // 20 calls/s, the highest the connector takes (its default is 2: Qoo10 publishes no limit); the runtime
            // confirms every orderNo with its own SetSellerCheckYN_V2 call
            BenchSupport.qoo10Accounts(p, "bench-", baseUrl, sellers, Map.of(
                    "orders.schedule", "* * * * * ?", "rate-per-second", String.valueOf(RATE)));
        }

        @Override
        public Class<?> baseline() {
            return BaselineQoo10Ingest.class;
        }

        @Override
        public List<String> baselineArgs(String baseUrl) {
            return List.of("baseUrl=" + baseUrl, "lookbackHours=24");
        }
    }

    /**
     * The Naver orders that are the sellers' to ship: the simulator seeds deterministically (fixed random seed,
     * paid times relative to its start), so an identical one built here has the same orders; a gift still
     * waiting for its receiver has no address and is delivered by neither program.
     */
    private static int naverOrdersToShip(Map<String, String> sim, List<String> sellers) {
        NaverSimulator simulator = new NaverSimulator(NaverSimulatorSettings.from(sim::get));
        int toShip = 0;
        for (String seller : sellers) {
            for (String orderId : simulator.orderIds(seller)) {
                String first = simulator.productOrderIds(seller, orderId).get(0);
                JsonNode po = simulator.detailOf(seller, first).path("productOrder");
                if (!"WAIT_FOR_RECEIVING".equals(po.path("giftReceivingStatus").asText())) {
                    toShip++;
                }
            }
        }
        return toShip;
    }

    /** Where each simulator's stats count the confirmation calls it answered (any answer). */
    private static final Map<String, String> CONFIRM_COUNTS = Map.of("coupang", "/acknowledgementCalls",
            "naver", "/confirmCalls", "elevenst", "/confirmCalls", "esm", "/orderCheckCalls", "lotteon", "/ifCompleteCalls",
            "qoo10", "/calls/shippingbasic.setsellercheckyn_v2");

    static long confirmCalls(String baseUrl, String marketplace) {
        JsonNode stats = BenchSupport.get(baseUrl + "/_simulator/" + marketplace + "/stats");
        return stats == null ? -1 : stats.at(CONFIRM_COUNTS.get(marketplace)).asLong(0);
    }

    private static final Map<Path, String> SCHEMAS = new HashMap<>();

    private static String dbUrl(String variant, Path dir, boolean autoServer) throws Exception {
        if (variant.equals("pg-db")) {
            String schema = "bench_" + Long.toHexString(System.nanoTime());
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            SCHEMAS.put(dir, schema);
            return "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema + "&reWriteBatchedInserts=true";
        }
        return "jdbc:h2:file:" + dir.resolve("db/mb") + (autoServer ? ";AUTO_SERVER=TRUE" : "") + ";WRITE_DELAY=0";
    }

    private static void dropSchema(String variant, Path dir) {
        String schema = SCHEMAS.remove(dir);
        if (schema != null) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private static long delivered(String dbUrl, String variant) {
        try (Connection c = DriverManager.getConnection(dbUrl, variant.equals("pg-db") ? "postgres" : "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM MB_DELIVERY WHERE delivery_state = 'DELIVERED'")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    private static final Pattern NEW_ORDERS = Pattern.compile("io\\.marketbridge\\.poll - .* new=(\\d+) ");

    private static long newOrdersLogged(Path log) {
        long sum = 0;
        try (java.util.stream.Stream<String> lines = Files.lines(log)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Matcher m = NEW_ORDERS.matcher(line);
                if (m.find()) {
                    sum += Long.parseLong(m.group(1));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return sum;
    }

    private static boolean alive(Process p, Path log) {
        if (!p.isAlive()) {
            throw new IllegalStateException("the runtime stopped; see " + log);
        }
        return true;
    }

    private static boolean contains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (Exception e) {
            return false;
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                o.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        return o;
    }
}
