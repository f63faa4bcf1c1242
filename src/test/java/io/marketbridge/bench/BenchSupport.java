package io.marketbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.order.OrderJson;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the benchmarks share: starting the packaged runtime and the simulators as separate processes,
 * reading a process's CPU time and peak RSS from /proc, its peak heap from its GC log, and writing results.
 */
final class BenchSupport {

    static final Path JAR = Path.of("target", "market-bridge.jar").toAbsolutePath();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private BenchSupport() {
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Adds `count` Coupang vendors (ids prefix + 7 digits, keys ak-id / sk-id) to simulator properties. */
    static List<String> coupangVendors(Map<String, String> sim, String prefix, int count) {
        List<String> vendors = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String v = String.format("%s%07d", prefix, i);
            vendors.add(v);
            sim.put("marketbridge.simulators.coupang.vendor." + v + ".access-key", "ak-" + v);
            sim.put("marketbridge.simulators.coupang.vendor." + v + ".secret-key", "sk-" + v);
        }
        sim.put("marketbridge.simulators.coupang.vendors", String.join(",", vendors));
        return vendors;
    }

    /** Adds `count` Naver sellers (ids prefix + 7 digits; client id nc + id, a bcrypt-salt secret) to simulator properties. */
    static List<String> naverSellers(Map<String, String> sim, String prefix, int count) {
        List<String> sellers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String s = String.format("%s%07d", prefix, i);
            sellers.add(s);
            sim.put("marketbridge.simulators.naver.seller." + s + ".client-id", naverClientId(s));
            sim.put("marketbridge.simulators.naver.seller." + s + ".client-secret", naverSecret(s));
        }
        sim.put("marketbridge.simulators.naver.sellers", String.join(",", sellers));
        return sellers;
    }

    static String naverClientId(String seller) {
        return "nc" + seller;
    }

    /** A secret in the shape Naver issues: $2a$04$ and 22 characters of bcrypt's alphabet. */
    static String naverSecret(String seller) {
        String body = ("BenchSecret" + seller + "0000000000000000000000").substring(0, 22);
        return "$2a$04$" + body;
    }

    /** One Naver account block per simulator seller: ids idPrefix1..n, plus the given keys for each. */
    static void naverAccounts(Map<String, String> p, String idPrefix, String baseUrl, List<String> sellers,
                              Map<String, String> keys) {
        for (int i = 0; i < sellers.size(); i++) {
            String a = "marketbridge.account." + idPrefix + (i + 1) + ".";
            p.put(a + "marketplace", "naver");
            p.put(a + "base-url", baseUrl + "/external");
            p.put(a + "client-id", naverClientId(sellers.get(i)));
            p.put(a + "client-secret", naverSecret(sellers.get(i)));
            p.put(a + "claims.enabled", "false"); // the benchmarks measure orders; a bench that wants claims says so
            keys.forEach((k, v) -> p.put(a + k, v));
        }
    }

    /** Adds `count` 11st sellers (ids prefix + 7 digits, a 32-hex-digit OpenAPI key each) to simulator properties. */
    static List<String> elevenstSellers(Map<String, String> sim, String prefix, int count) {
        List<String> sellers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String s = String.format("%s%07d", prefix, i);
            sellers.add(s);
            sim.put("marketbridge.simulators.elevenst.seller." + s + ".api-key", elevenstKey(s));
        }
        sim.put("marketbridge.simulators.elevenst.sellers", String.join(",", sellers));
        return sellers;
    }

    static String elevenstKey(String seller) {
        return java.util.UUID.nameUUIDFromBytes(("bench-" + seller).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString().replace("-", "");
    }

    /** One 11st account block per simulator seller: ids idPrefix1..n, plus the given keys for each. */
    static void elevenstAccounts(Map<String, String> p, String idPrefix, String baseUrl, List<String> sellers,
                                 Map<String, String> keys) {
        for (int i = 0; i < sellers.size(); i++) {
            String a = "marketbridge.account." + idPrefix + (i + 1) + ".";
            p.put(a + "marketplace", "elevenst");
            p.put(a + "base-url", baseUrl);
            p.put(a + "api-key", elevenstKey(sellers.get(i)));
            p.put(a + "claims.enabled", "false"); // the benchmarks measure orders; a bench that wants claims says so
            keys.forEach((k, v) -> p.put(a + k, v));
        }
    }

    /**
     * Adds `count` ESM+ master IDs (prefix + 7 digits) to simulator properties, each selling on both sites:
     * Gmarket seller g + id, Auction seller a + id, a 40-character secret.
     */
    static List<String> esmMasters(Map<String, String> sim, String prefix, int count) {
        List<String> masters = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String m = String.format("%s%07d", prefix, i).toLowerCase(java.util.Locale.ROOT);
            masters.add(m);
            String key = "marketbridge.simulators.esm.master." + m + ".";
            sim.put(key + "secret", esmSecret(m));
            sim.put(key + "gmarket-sellers", "g" + m);
            sim.put(key + "auction-sellers", "a" + m);
        }
        sim.put("marketbridge.simulators.esm.masters", String.join(",", masters));
        return masters;
    }

    static String esmSecret(String master) {
        return ("BenchEsmSecret-" + master + "-0000000000000000000000000").substring(0, 40);
    }

    /** One ESM account block per simulator master, selling on both sites: ids idPrefix1..n, plus the given keys. */
    static void esmAccounts(Map<String, String> p, String idPrefix, String baseUrl, List<String> masters,
                            Map<String, String> keys) {
        for (int i = 0; i < masters.size(); i++) {
            String a = "marketbridge.account." + idPrefix + (i + 1) + ".";
            String m = masters.get(i);
            p.put(a + "marketplace", "esm");
            p.put(a + "base-url", baseUrl);
            p.put(a + "master-id", m);
            p.put(a + "secret-key", esmSecret(m));
            p.put(a + "gmarket-seller-id", "g" + m);
            p.put(a + "auction-seller-id", "a" + m);
            p.put(a + "claims.enabled", "false"); // the benchmarks measure orders; a bench that wants claims says so
            keys.forEach((k, v) -> p.put(a + k, v));
        }
    }

    /** Adds `count` Lotte ON traders (trader numbers prefix + 7 digits, an API key each) to simulator properties. */
    static List<String> lotteonTraders(Map<String, String> sim, String prefix, int count) {
        List<String> traders = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String t = String.format("%s%07d", prefix, i);
            traders.add(t);
            sim.put("marketbridge.simulators.lotteon.trader." + t + ".api-key", lotteonKey(t));
        }
        sim.put("marketbridge.simulators.lotteon.traders", String.join(",", traders));
        return traders;
    }

    static String lotteonKey(String trader) {
        return "bench" + java.util.UUID.nameUUIDFromBytes(("bench-lotteon-" + trader).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString().replace("-", "");
    }

    /** One Lotte ON account block per simulator trader: ids idPrefix1..n, plus the given keys for each. */
    static void lotteonAccounts(Map<String, String> p, String idPrefix, String baseUrl, List<String> traders,
                                Map<String, String> keys) {
        for (int i = 0; i < traders.size(); i++) {
            String a = "marketbridge.account." + idPrefix + (i + 1) + ".";
            p.put(a + "marketplace", "lotteon");
            p.put(a + "base-url", baseUrl);
            p.put(a + "api-key", lotteonKey(traders.get(i)));
            p.put(a + "claims.enabled", "false"); // the benchmarks measure orders; a bench that wants claims says so
            keys.forEach((k, v) -> p.put(a + k, v));
        }
    }

    /** Adds `count` Qoo10 sellers (QSM logins prefix + 7 digits, an API key and a password each) to simulator properties. */
    static List<String> qoo10Sellers(Map<String, String> sim, String prefix, int count) {
        List<String> sellers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String s = String.format("%s%07d", prefix, i);
            sellers.add(s);
            sim.put("marketbridge.simulators.qoo10.seller." + s + ".api-key", qoo10Key(s));
            sim.put("marketbridge.simulators.qoo10.seller." + s + ".password", qoo10Password(s));
        }
        sim.put("marketbridge.simulators.qoo10.sellers", String.join(",", sellers));
        return sellers;
    }

    static String qoo10Key(String seller) {
        return "bench" + java.util.UUID.nameUUIDFromBytes(("bench-qoo10-" + seller).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString().replace("-", "");
    }

    static String qoo10Password(String seller) {
        return "pw-" + seller;
    }

    /** One Qoo10 account block per simulator seller: ids idPrefix1..n (CSV in UTF-8), plus the given keys for each. */
    static void qoo10Accounts(Map<String, String> p, String idPrefix, String baseUrl, List<String> sellers,
                              Map<String, String> keys) {
        for (int i = 0; i < sellers.size(); i++) {
            String a = "marketbridge.account." + idPrefix + (i + 1) + ".";
            p.put(a + "marketplace", "qoo10");
            p.put(a + "base-url", baseUrl);
            p.put(a + "api-key", qoo10Key(sellers.get(i)));
            p.put(a + "user-id", sellers.get(i));
            p.put(a + "password", qoo10Password(sellers.get(i)));
            p.put(a + "csv-encoding", "UTF-8");
            p.put(a + "claims.enabled", "false"); // the benchmarks measure orders; a bench that wants claims says so
            keys.forEach((k, v) -> p.put(a + k, v));
        }
    }

    /** The runtime settings every benchmark shares: this checkout's routes, no demo accounts, no simulators. */
    static Map<String, String> runtimeBase(String dbUrl, Path outDir) {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("camel.main.routes-include-pattern", "file:" + Path.of("routes").toAbsolutePath() + "/*.camel.yaml");
        p.put("camel.management.enabled", "false");
        p.put("marketbridge.simulators.enabled", "false");
        p.putAll(io.marketbridge.support.DemoAccounts.disabled());
        p.put("marketbridge.db.url", dbUrl);
        p.put("marketbridge.db.h2-server.port", "0"); // several nodes of a benchmark may run on one machine
        p.put("marketbridge.sink.file.dir", outDir.toString());
        return p;
    }

    /** One Coupang account block per simulator vendor: ids idPrefix1..n, plus the given keys for each. */
    static void coupangAccounts(Map<String, String> p, String idPrefix, String baseUrl, List<String> vendors,
                                Map<String, String> keys) {
        for (int i = 0; i < vendors.size(); i++) {
            String a = "marketbridge.account." + idPrefix + (i + 1) + ".";
            p.put(a + "marketplace", "coupang");
            p.put(a + "base-url", baseUrl);
            p.put(a + "vendor-id", vendors.get(i));
            p.put(a + "access-key", "ak-" + vendors.get(i));
            p.put(a + "secret-key", "sk-" + vendors.get(i));
            p.put(a + "claims.enabled", "false"); // the benchmarks measure orders; a bench that wants claims says so
            keys.forEach((k, v) -> p.put(a + k, v));
        }
    }

    /** Removes a benchmark's working folder from an earlier run. */
    static void clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    /** A JVM child: the packaged jar (or a main class on this JVM's class path), with a GC log. */
    static Process start(Path dir, String name, String heap, List<String> args) throws IOException {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-Xlog:gc:file=" + dir.resolve(name + "-gc.log")));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    static List<String> jar(String... args) {
        List<String> a = new ArrayList<>(List.of("-jar", JAR.toString()));
        a.addAll(List.of(args));
        return a;
    }

    static List<String> mainClass(String className, List<String> args) {
        List<String> a = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), className));
        a.addAll(args);
        return a;
    }

    /** Starts `java -jar market-bridge.jar simulate` and waits until it answers. */
    static Process startSimulators(Path dir, String heap, Map<String, String> properties, int port) throws Exception {
        Path config = dir.resolve("simulator.properties");
        // the demo's buyers cancel and return (application.properties): a benchmark's seeded orders all stay to be read
        Map<String, String> quiet = new java.util.LinkedHashMap<>(properties);
        for (String m : IngestBench.SIMULATORS) {
            for (String rate : List.of("cancel-rate", "return-rate", "exchange-rate")) {
                quiet.putIfAbsent("marketbridge.simulators." + m + ".claims." + rate, "0");
            }
        }
        writeProperties(config, quiet);
        Process p = start(dir, "simulator", heap, jar("simulate", "--config", config.toString()));
        waitFor(Duration.ofMinutes(5), () -> {
            if (!p.isAlive()) {
                throw new IllegalStateException("the simulator stopped; see " + dir.resolve("simulator.log"));
            }
            return get("http://127.0.0.1:" + port + "/_simulator/coupang/stats") != null;
        });
        return p;
    }

    static JsonNode get(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? OrderJson.mapper().readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static void post(String url) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void writeProperties(Path file, Map<String, String> properties) throws IOException {
        StringBuilder sb = new StringBuilder();
        properties.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        Files.createDirectories(file.getParent());
        Files.writeString(file, sb.toString());
    }

    static void waitFor(Duration max, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up after " + max);
            }
            Thread.sleep(200);
        }
    }

    /** CPU seconds (user + system) of a live process, from /proc. */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ 100)
    }

    /** Peak resident set size of a live process in MiB (VmHWM). */
    static double peakRssMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    /** The highest heap occupancy before a collection in the GC log, in MiB. */
    static long peakHeapMib(Path gcLog) throws IOException {
        long peak = 0;
        if (Files.exists(gcLog)) {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                }
            }
        }
        return peak;
    }

    /** Heap in use after a full GC in a live JVM, via jcmd, in MiB. */
    static double heapAfterGcMib(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        run(jcmd, String.valueOf(pid), "GC.run");
        String info = run(jcmd, String.valueOf(pid), "GC.heap_info");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : -1;
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    static void stop(Process p) throws InterruptedException {
        if (p != null && p.isAlive()) {
            p.destroy();
            if (!p.waitFor(Duration.ofSeconds(40).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** Writes the result as JSON under target/bench and returns the path. */
    static Path writeResult(String name, ObjectNode result) throws IOException {
        result.put("benchmark", name);
        result.put("finishedAt", Instant.now().toString());
        result.put("jdk", System.getProperty("java.version"));
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("machineMemoryMiB", machineMemoryMib());
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        Files.writeString(file, OrderJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
        return file;
    }

    static long machineMemoryMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return -1;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
