package io.marketbridge.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.order.OrderJson;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Freshness: orders arrive at the simulator at a steady rate; the runtime polls every minute. For every
 * order paid before the last poll, the delay from its paid time at the simulator to its row in MB_ORDER
 * (collected_at): median, 99th percentile and maximum.
 *
 * <pre>bench/run.sh FreshnessBench accounts=10 perMinute=30 minutes=5 periodSeconds=60</pre>
 */
public final class FreshnessBench {

    private FreshnessBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = IngestBench.options(args);
        int accounts = Integer.parseInt(o.getOrDefault("accounts", "10"));
        double perMinute = Double.parseDouble(o.getOrDefault("perMinute", "30"));
        double minutes = Double.parseDouble(o.getOrDefault("minutes", "5"));
        int period = Integer.parseInt(o.getOrDefault("periodSeconds", "60"));
        String schedule = period >= 60 ? "0 * * * * ?" : "0/" + period + " * * * * ?";
        Path dir = Path.of("target", "bench", "freshness").toAbsolutePath();
        BenchSupport.clean(dir);
        int port = BenchSupport.freePort();
        Map<String, String> sim = new LinkedHashMap<>();
        sim.put("marketbridge.simulators.port", String.valueOf(port));
        List<String> vendors = BenchSupport.coupangVendors(sim, "A7", accounts);
        sim.put("marketbridge.simulators.coupang.seed-orders", "0");
        sim.put("marketbridge.simulators.coupang.arrival-per-minute", String.valueOf(perMinute));
        Process simulator = BenchSupport.startSimulators(dir, "1g", sim, port);
        Process rt = null;
        try {
            String dbUrl = "jdbc:h2:file:" + dir.resolve("db/mb") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
            Map<String, String> p = BenchSupport.runtimeBase(dbUrl, dir.resolve("out"));
            BenchSupport.coupangAccounts(p, "fresh-", "http://127.0.0.1:" + port, vendors, Map.of("orders.schedule", schedule));
            Path config = dir.resolve("runtime.properties");
            BenchSupport.writeProperties(config, p);
            Process runtime = BenchSupport.start(dir, "runtime", "1g", BenchSupport.jar("--config", config.toString()));
            rt = runtime;
            Instant end = Instant.now().plusMillis((long) (minutes * 60_000));
            while (Instant.now().isBefore(end)) {
                if (!runtime.isAlive()) {
                    throw new IllegalStateException("the runtime stopped; see " + dir.resolve("runtime.log"));
                }
                Thread.sleep(1000);
            }
            // orders paid in the last minute may not have been polled yet: leave them out
            Instant cutoff = end.minus(Duration.ofSeconds(period + 5));
            List<Double> delays = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(dbUrl, "sa", "");
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT paid_at, collected_at FROM MB_ORDER")) {
                while (rs.next()) {
                    Instant paid = OffsetDateTime.parse(rs.getString(1)).toInstant();
                    Instant collected = rs.getTimestamp(2).toLocalDateTime().toInstant(ZoneOffset.UTC);
                    if (!paid.isAfter(cutoff)) {
                        delays.add(Duration.between(paid, collected).toMillis() / 1000.0);
                    }
                }
            }
            if (delays.isEmpty()) {
                throw new IllegalStateException("no order was delivered; see " + dir.resolve("runtime.log"));
            }
            ObjectNode out = OrderJson.mapper().createObjectNode();
            out.put("accounts", accounts);
            out.put("perMinutePerAccount", perMinute);
            out.put("minutes", minutes);
            out.put("schedule", schedule);
            out.put("orders", delays.size());
            out.put("medianSeconds", BenchSupport.median(delays));
            out.put("p99Seconds", BenchSupport.percentile(delays, 99));
            out.put("maxSeconds", delays.stream().mapToDouble(d -> d).max().orElse(0));
            System.out.printf("freshness: %d orders, paid -> MB_ORDER: median %.1f s, p99 %.1f s, max %.1f s (schedule '%s')%n",
                    delays.size(), out.get("medianSeconds").asDouble(), out.get("p99Seconds").asDouble(),
                    out.get("maxSeconds").asDouble(), schedule);
            System.out.println("freshness: results written to " + BenchSupport.writeResult("freshness", out));
        } finally {
            BenchSupport.stop(rt);
            BenchSupport.stop(simulator);
        }
    }
}
