package io.marketbridge.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.order.OrderJson;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.SimulatorSettings;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * The first poll of a Coupang account that finds many paid boxes: how many calls (list pages, acknowledgements,
 * single-box re-reads) and how long it takes, at Coupang's rate limit. One process: the real runtime
 * (RuntimeHarness) against an in-process simulator holding {@code boxes} boxes (about 15 % of the orders split in
 * two), limited to {@code simulatorRate} calls per second per vendor, polled by an account with
 * {@code rate-per-second = rate}.
 *
 * <pre>bench/run.sh RereadBench boxes=1000 rate=10 simulatorRate=10</pre>
 */
public final class RereadBench {

    private static final String VENDOR = "A00077001";

    private RereadBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            a.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        int boxes = Integer.parseInt(a.getOrDefault("boxes", "1000"));
        int rate = Integer.parseInt(a.getOrDefault("rate", "10"));
        int simulatorRate = Integer.parseInt(a.getOrDefault("simulatorRate", "10"));

        Properties sim = new Properties();
        sim.setProperty("marketbridge.simulators.port", "0");
        sim.setProperty("marketbridge.simulators.coupang.vendors", VENDOR);
        sim.setProperty("marketbridge.simulators.coupang.vendor." + VENDOR + ".access-key", "bench-access");
        sim.setProperty("marketbridge.simulators.coupang.vendor." + VENDOR + ".secret-key", "bench-secret-0123456789");
        sim.setProperty("marketbridge.simulators.coupang.seed-orders", "0");
        sim.setProperty("marketbridge.simulators.coupang.arrival-per-minute", "0");
        sim.setProperty("marketbridge.simulators.coupang.rate-limit-per-second", String.valueOf(simulatorRate));
        sim.setProperty("marketbridge.simulators.coupang.throttle-block", "PT1S");
        for (String m : new String[] {"naver", "elevenst", "esm", "lotteon", "qoo10"}) {
            sim.setProperty("marketbridge.simulators." + m + ".seed-orders", "0");
            sim.setProperty("marketbridge.simulators." + m + ".arrival-per-minute", "0");
        }
        Path out = Files.createTempDirectory("reread-bench");
        try (SimulatorServer simulator = new SimulatorServer(SimulatorSettings.from(sim::getProperty)).start()) {
            CoupangSimulator coupang = simulator.get(CoupangSimulator.class);
            Random random = new Random(20261129L);
            ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Seoul"));
            int made = 0;
            int orders = 0;
            while (made < boxes) {
                int n = boxes - made >= 2 && random.nextDouble() < 0.15 ? 2 : 1;
                coupang.createOrder(VENDOR, now.minusSeconds(3600L * (boxes - made) / boxes + 60), false, n);
                made += n;
                orders++;
            }
            Properties p = RuntimeHarness.baseProperties(out);
            RuntimeHarness.coupangAccount(p, "bench", simulator.baseUrl(), VENDOR, "bench-access", "bench-secret-0123456789");
            p.setProperty("marketbridge.account.bench.rate-per-second", String.valueOf(rate));
            try (RuntimeHarness runtime = RuntimeHarness.start(p, simulator, out)) {
                long start = System.nanoTime();
                runtime.pollOrders("bench");
                double seconds = (System.nanoTime() - start) / 1e9;
                java.time.Instant end = java.time.Instant.now();
                // the last acknowledgement recorded: what follows it is the re-read (updated_at is UTC wall time)
                Object lastAck = Db.list(runtime.dataSource(), "SELECT MAX(updated_at) FROM MB_CONFIRMATION").get(0);
                java.time.Instant acknowledged = ((java.sql.Timestamp) lastAck).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
                ObjectNode result = OrderJson.mapper().createObjectNode();
                result.put("boxes", boxes);
                result.put("orders", orders);
                result.put("ratePerSecond", rate);
                result.put("simulatorRatePerSecond", simulatorRate);
                result.put("pollSeconds", Math.round(seconds * 10) / 10.0);
                result.put("rereadSeconds", Math.round((end.toEpochMilli() - acknowledged.toEpochMilli()) / 100.0) / 10.0);
                result.put("acceptListCalls", coupang.listCalls(VENDOR, "ACCEPT"));
                result.put("instructListCalls", coupang.listCalls(VENDOR, "INSTRUCT"));
                result.put("acknowledgementCalls", coupang.acknowledgementCalls());
                result.put("singleReads", coupang.singleReads(VENDOR));
                result.put("confirmedBoxes", Db.count(runtime.dataSource(),
                        "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE confirm_state = 'CONFIRMED'"));
                result.put("instructBoxes", coupang.statusCounts(VENDOR).getOrDefault("INSTRUCT", 0));
                System.out.println(OrderJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
                System.out.println("written to " + BenchSupport.writeResult("reread", result));
            }
        }
    }
}
