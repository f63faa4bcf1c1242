package io.marketbridge.intake;

import io.marketbridge.simulator.esm.EsmSimulator;
import io.marketbridge.simulator.elevenst.ElevenstSimulator;
import io.marketbridge.simulator.naver.NaverSimulator;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.order.OrderJson;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.SimulatorSettings;
import io.marketbridge.support.Db;
import io.marketbridge.support.PackagedRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery guarantee under kill -9: the packaged runtime runs as a separate JVM against a simulator in
 * this JVM that holds thousands of orders and keeps adding more; it is killed with SIGKILL at random
 * moments several times and restarted; then every order must be in the staging tables, the JSON drop and
 * the CSV drop exactly once, no temporary file may be visible, and every order must be acknowledged.
 */
class CrashRecoveryIT {

    static final int SEED_ORDERS_PER_VENDOR = Integer.getInteger("crash.seedOrders", 1200);
    static final int KILLS = Integer.getInteger("crash.kills", 6);

    /**
     * What the crash test needs of one marketplace: its simulator's seed and accounts, the account blocks of
     * the runtime, what it expects delivered (ERP contract code + "/" + order id -> line ids) once arrivals
     * have stopped, and whether every deliverable order is confirmed at the simulator.
     */
    interface Participant {
        void simulator(Properties sim);

        void accounts(StringBuilder config, String simulatorUrl);

        void stopArrivals(SimulatorServer simulator);

        Map<String, Set<String>> expected(SimulatorServer simulator);

        boolean allConfirmed(SimulatorServer simulator);
    }

    static final List<Participant> PARTICIPANTS = List.of(new CoupangParticipant(), new NaverParticipant(),
            new ElevenstParticipant(), new EsmParticipant());

    @TempDir
    Path work;

    @Test
    void killNineLosesNothingAndDuplicatesNothing() throws Exception {
        Properties sim = new Properties();
        sim.setProperty("marketbridge.simulators.port", "0");
        PARTICIPANTS.forEach(m -> m.simulator(sim));

        try (SimulatorServer simulator = new SimulatorServer(SimulatorSettings.from(sim::getProperty)).start()) {
            Path config = writeConfig(simulator.baseUrl());
            Random random = new Random();
            Path log = work.resolve("runtime.log");
            // While a runtime runs, the database is read through its H2 server (TCP); the next runtime starts the
            // moment the previous one is dead, as a service manager restarts it, with no pause in between.
            for (int kill = 1; kill <= KILLS; kill++) {
                long started = System.currentTimeMillis();
                int startsBefore = dbOpenedCount(log);
                Process p = startRuntime(config, log);
                String delivered = "not read";
                if (kill % 2 == 1) {
                    // anywhere: during start, the wait for the database, migration, paging, mapping
                    Thread.sleep(1500 + random.nextInt(6000));
                } else {
                    // in the middle of delivering: once this run has committed orders, a little later
                    await().atMost(Duration.ofSeconds(90)).until(() -> {
                        assertThat(p.isAlive()).as("run %d stopped by itself: %s", startsBefore + 1, tail(log)).isTrue();
                        return dbOpenedCount(log) > startsBefore;
                    });
                    long opened = System.currentTimeMillis() - started;
                    long before = Math.max(0, deliveredCount());
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                            .until(() -> deliveredCount() > before);
                    Thread.sleep(random.nextInt(2500));
                    delivered = "database served " + opened + " ms after the start; " + before + " then, "
                            + Math.max(0, deliveredCount()) + " just before the kill";
                }
                // a runtime that could not start (the database of the killed one still locked) has exited by now
                assertThat(p.isAlive()).as("run %d is still running when it is killed: %s", kill, tail(log)).isTrue();
                p.destroyForcibly(); // SIGKILL
                p.waitFor();
                System.out.printf("crash test: kill %d after %d ms (delivered: %s)%n", kill,
                        System.currentTimeMillis() - started, delivered);
            }
            String runs = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(runs).as("every crash-test account starts")
                    .doesNotContain("is disabled because of its configuration");
            assertThat(runs).as("every restart right after a kill starts").doesNotContain("could not start");
            System.out.printf("crash test: restarts that waited for the database: %d%n",
                    runs.lines().filter(l -> l.contains("Waiting up to")).count());
            PARTICIPANTS.forEach(m -> m.stopArrivals(simulator)); // no more arrivals: the final run must catch up

            Map<String, Set<String>> expectedLines = new HashMap<>();
            PARTICIPANTS.forEach(m -> expectedLines.putAll(m.expected(simulator)));
            int expectedOrders = expectedLines.size();
            int totalLines = expectedLines.values().stream().mapToInt(Set::size).sum();

            int startsBefore = dbOpenedCount(log);
            long lastStarted = System.currentTimeMillis();
            Process last = startRuntime(config, log);
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    assertThat(last.isAlive()).as("the last run stopped by itself: %s", tail(log)).isTrue();
                    return dbOpenedCount(log) > startsBefore;
                });
                System.out.printf("crash test: the last run served the database %d ms after its start%n",
                        System.currentTimeMillis() - lastStarted);
                try {
                    // a day of orders per account, first polled by this run when every earlier one was killed
                    // mid-poll: on a loaded machine (fsync per file) that first poll alone can take minutes
                    await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2)).until(() ->
                            allAcknowledged(simulator) && fullyDeliveredCount() >= expectedLines.size()
                                    && unsettledConfirmations() == 0 && dueReReads() == 0);
                } catch (RuntimeException e) {
                    // say which part is missing: the marketplace whose orders are not all confirmed, the ledger
                    StringBuilder state = new StringBuilder();
                    PARTICIPANTS.forEach(m -> state.append(m.getClass().getSimpleName()).append(" confirmed=")
                            .append(m.allConfirmed(simulator)).append("; "));
                    state.append("delivered=").append(fullyDeliveredCount()).append(" of ").append(expectedLines.size())
                            .append("; unsettled confirmations=").append(unsettledConfirmations())
                            .append("; re-reads still due=").append(dueReReads());
                    throw new AssertionError("the last run did not catch up: " + state, e);
                }
            } finally {
                last.destroy(); // SIGTERM: a clean stop
                last.waitFor();
                PackagedRuntime.keepLog(log, "crash-test-runtime.log");
            }

            JdbcDataSource db = fileDataSource(); // every runtime has stopped: this JVM opens the file itself
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain("could not start");
            long rows = Db.count(db, "SELECT COUNT(*) FROM MB_ORDER");
            long distinct = Db.count(db, "SELECT COUNT(DISTINCT marketplace || '/' || order_id) FROM MB_ORDER");
            long lineRows = Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_LINE");
            Set<Object> ids = new HashSet<>(Db.list(db, "SELECT marketplace || '/' || order_id FROM MB_ORDER"));
            long lost = expectedLines.keySet().stream().filter(id -> !ids.contains(id)).count();

            // JSON drop: one parseable file per order
            List<Path> json = list(work.resolve("out/json"));
            Set<String> jsonOrders = new HashSet<>();
            for (Path f : json) {
                assertThat(f.getFileName().toString()).endsWith(".json");
                var order = OrderJson.mapper().readTree(f.toFile());
                jsonOrders.add(order.get("marketplace").asText() + "/" + order.get("orderId").asText());
            }
            // CSV drop: every line exactly once across all batch files
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

            System.out.printf("crash test: orders=%d lines=%d kills=%d | MB_ORDER rows=%d distinct=%d lines=%d |"
                            + " json files=%d | csv lines=%d csv duplicates=%d | duplicates=%d lost=%d | temp files left=%d%n",
                    expectedOrders, totalLines, KILLS, rows, distinct, lineRows, json.size(), csvLines.size(),
                    csvDuplicates, rows - distinct, lost, leftovers.size());

            assertThat(expectedOrders).isGreaterThanOrEqualTo(2 * SEED_ORDERS_PER_VENDOR);
            for (Participant m : PARTICIPANTS) {
                assertThat(m.expected(simulator)).as("orders of %s", m.getClass().getSimpleName()).isNotEmpty();
            }
            assertThat(Db.list(db, "SELECT DISTINCT marketplace FROM MB_ORDER")).containsExactlyInAnyOrderElementsOf(
                    expectedLines.keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).distinct().toList());
            assertThat(lost).isZero();
            assertThat(rows).isEqualTo(expectedOrders).isEqualTo(distinct);
            assertThat(lineRows).isEqualTo(totalLines);
            assertThat(json).hasSize(expectedOrders);
            assertThat(jsonOrders).isEqualTo(expectedLines.keySet());
            assertThat(csvLines).hasSize(totalLines);
            assertThat(csvDuplicates).isZero();
            assertThat(leftovers).isEmpty();
            assertThat(allAcknowledged(simulator)).isTrue();
            assertThat(Db.list(db, "SELECT DISTINCT confirm_state FROM MB_CONFIRMATION")).containsOnly("CONFIRMED");
            // a box acknowledged by a run killed before its re-read is re-read by a later run
            assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE reread_state = 'DUE'")).isZero();
            System.out.printf("crash test: boxes re-read after acknowledging=%d%n",
                    Db.count(db, "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE reread_state = 'DONE'"));
        }
    }


    private long deliveredCount() {
        try {
            return Db.count(running(), "SELECT COUNT(*) FROM MB_DELIVERY");
        } catch (RuntimeException e) {
            return -1; // the runtime may still be migrating
        }
    }

    private long fullyDeliveredCount() {
        try {
            return Db.count(running(), "SELECT COUNT(*) FROM MB_DELIVERY WHERE delivery_state = 'DELIVERED'");
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * Confirmations not yet CONFIRMED in the runtime's own records. A box acknowledged by a run that was killed
     * before recording it is refused as "already acknowledged" and settled by the re-read that follows, so the
     * marketplace can be all acknowledged a poll before the runtime's records say so.
     */
    private long unsettledConfirmations() {
        try {
            return Db.count(running(), "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE confirm_state <> 'CONFIRMED'");
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Acknowledged units whose re-read (Coupang, recheck-after-confirm) is still to be done. */
    private long dueReReads() {
        try {
            return Db.count(running(), "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE reread_state = 'DUE'");
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static int dbOpenedCount(Path log) throws IOException {
        return PackagedRuntime.databaseOpenedCount(log);
    }

    private static boolean allAcknowledged(SimulatorServer simulator) {
        return PARTICIPANTS.stream().allMatch(m -> m.allConfirmed(simulator));
    }

    /** Two Coupang vendors; one re-reads every box after acknowledging it, the other does not. */
    static final class CoupangParticipant implements Participant {
        static final String[] VENDORS = {"A20000001", "A20000002"};

        @Override
        public void simulator(Properties sim) {
            sim.setProperty("marketbridge.simulators.coupang.vendors", String.join(",", VENDORS));
            for (String v : VENDORS) {
                sim.setProperty("marketbridge.simulators.coupang.vendor." + v + ".access-key", "ak-" + v);
                sim.setProperty("marketbridge.simulators.coupang.vendor." + v + ".secret-key", "sk-" + v + "-crash");
            }
            sim.setProperty("marketbridge.simulators.coupang.seed-orders", String.valueOf(SEED_ORDERS_PER_VENDOR));
            sim.setProperty("marketbridge.simulators.coupang.seed-span", "PT3H");
            sim.setProperty("marketbridge.simulators.coupang.arrival-per-minute", "180");
            sim.setProperty("marketbridge.simulators.coupang.rate-limit-per-second", "1000");
        }

        @Override
        public void accounts(StringBuilder sb, String simulatorUrl) {
            for (String v : VENDORS) {
                String p = "marketbridge.account.crash-" + v + ".";
                sb.append(p).append("marketplace = coupang\n");
                sb.append(p).append("base-url = ").append(simulatorUrl).append('\n');
                sb.append(p).append("vendor-id = ").append(v).append('\n');
                sb.append(p).append("access-key = ak-").append(v).append('\n');
                sb.append(p).append("secret-key = sk-").append(v).append("-crash\n");
                sb.append(p).append("orders.schedule = 0/2 * * * * ?\n");
                sb.append(p).append("rate-per-second = 50\n");
            }
            sb.append("marketbridge.account.crash-A20000002.recheck-after-confirm = false\n");
        }

        @Override
        public void stopArrivals(SimulatorServer simulator) {
            simulator.get(CoupangSimulator.class).stop();
        }

        @Override
        public Map<String, Set<String>> expected(SimulatorServer simulator) {
            Map<String, Set<String>> expected = new HashMap<>();
            for (String v : VENDORS) {
                for (Long orderId : simulator.get(CoupangSimulator.class).orders(v).keySet()) {
                    Set<String> lines = new HashSet<>();
                    simulator.get(CoupangSimulator.class).sheetsOf(v, orderId).forEach(s -> s.path("orderItems").forEach(item ->
                            lines.add(s.get("shipmentBoxId").asText() + "-" + item.get("vendorItemId").asText())));
                    expected.put("COUPANG/" + orderId, lines);
                }
            }
            return expected;
        }

        @Override
        public boolean allConfirmed(SimulatorServer simulator) {
            for (String v : VENDORS) {
                if (simulator.get(CoupangSimulator.class).statusCounts(v).getOrDefault("ACCEPT", 0) > 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Two Naver sellers; gifts still waiting for their receiver's address are nobody's to ship yet. */
    static final class NaverParticipant implements Participant {
        static final String[] SELLERS = {"N2000001", "N2000002"};

        @Override
        public void simulator(Properties sim) {
            sim.setProperty("marketbridge.simulators.naver.sellers", String.join(",", SELLERS));
            for (String s : SELLERS) {
                sim.setProperty("marketbridge.simulators.naver.seller." + s + ".client-id", client(s));
                sim.setProperty("marketbridge.simulators.naver.seller." + s + ".client-secret", secret(s));
            }
            sim.setProperty("marketbridge.simulators.naver.seed-orders", String.valueOf(SEED_ORDERS_PER_VENDOR / 2));
            sim.setProperty("marketbridge.simulators.naver.seed-span", "PT3H");
            sim.setProperty("marketbridge.simulators.naver.arrival-per-minute", "120");
            sim.setProperty("marketbridge.simulators.naver.rate-limit-per-second", "1000");
        }

        @Override
        public void accounts(StringBuilder sb, String simulatorUrl) {
            for (String s : SELLERS) {
                String p = "marketbridge.account.crash-naver-" + s + ".";
                sb.append(p).append("marketplace = naver\n");
                sb.append(p).append("base-url = ").append(simulatorUrl).append("/external\n");
                sb.append(p).append("client-id = ").append(client(s)).append('\n');
                sb.append(p).append("client-secret = ").append(secret(s)).append('\n');
                sb.append(p).append("orders.schedule = 1/2 * * * * ?\n");
                sb.append(p).append("rate-per-second = 50\n");
            }
        }

        @Override
        public void stopArrivals(SimulatorServer simulator) {
            simulator.get(NaverSimulator.class).stop();
        }

        @Override
        public Map<String, Set<String>> expected(SimulatorServer simulator) {
            Map<String, Set<String>> expected = new HashMap<>();
            for (String s : SELLERS) {
                for (String orderId : simulator.get(NaverSimulator.class).orderIds(s)) {
                    Set<String> lines = new HashSet<>();
                    for (String po : simulator.get(NaverSimulator.class).productOrderIds(s, orderId)) {
                        if (!waitingGift(simulator, s, po)) {
                            lines.add(po);
                        }
                    }
                    if (!lines.isEmpty()) {
                        expected.put("NAVER/" + orderId, lines);
                    }
                }
            }
            return expected;
        }

        @Override
        public boolean allConfirmed(SimulatorServer simulator) {
            for (String s : SELLERS) {
                for (String orderId : simulator.get(NaverSimulator.class).orderIds(s)) {
                    for (String po : simulator.get(NaverSimulator.class).productOrderIds(s, orderId)) {
                        if (!waitingGift(simulator, s, po) && "NOT_YET".equals(simulator.get(NaverSimulator.class).placeOrderStatusOf(s, po))) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        private static boolean waitingGift(SimulatorServer simulator, String seller, String productOrderId) {
            return "WAIT_FOR_RECEIVING".equals(simulator.get(NaverSimulator.class).detailOf(seller, productOrderId)
                    .path("productOrder").path("giftReceivingStatus").asText());
        }

        static String client(String seller) {
            return "crashClient" + seller;
        }

        static String secret(String seller) {
            return "$2a$04$CrashTestSecret" + seller.substring(1);
        }
    }

    /** Two 11st sellers: orders of several lines in bundles, confirmed line by line (202 -> 301). */
    static final class ElevenstParticipant implements Participant {
        static final String[] SELLERS = {"ST2000001", "ST2000002"};

        @Override
        public void simulator(Properties sim) {
            sim.setProperty("marketbridge.simulators.elevenst.sellers", String.join(",", SELLERS));
            for (String s : SELLERS) {
                sim.setProperty("marketbridge.simulators.elevenst.seller." + s + ".api-key", key(s));
            }
            sim.setProperty("marketbridge.simulators.elevenst.seed-orders", String.valueOf(SEED_ORDERS_PER_VENDOR / 2));
            sim.setProperty("marketbridge.simulators.elevenst.seed-span", "PT3H");
            sim.setProperty("marketbridge.simulators.elevenst.arrival-per-minute", "120");
            sim.setProperty("marketbridge.simulators.elevenst.rate-limit-per-second", "1000");
        }

        @Override
        public void accounts(StringBuilder sb, String simulatorUrl) {
            for (String s : SELLERS) {
                String p = "marketbridge.account.crash-11st-" + s + ".";
                sb.append(p).append("marketplace = elevenst\n");
                sb.append(p).append("base-url = ").append(simulatorUrl).append('\n');
                sb.append(p).append("api-key = ").append(key(s)).append('\n');
                sb.append(p).append("orders.schedule = 0/2 * * * * ?\n");
                sb.append(p).append("rate-per-second = 20\n");
            }
        }

        @Override
        public void stopArrivals(SimulatorServer simulator) {
            simulator.get(ElevenstSimulator.class).stop();
        }

        @Override
        public Map<String, Set<String>> expected(SimulatorServer simulator) {
            Map<String, Set<String>> expected = new HashMap<>();
            for (String s : SELLERS) {
                for (String ordNo : simulator.get(ElevenstSimulator.class).orderIds(s)) {
                    expected.put("11ST/" + ordNo, new HashSet<>(simulator.get(ElevenstSimulator.class).statusOf(s, ordNo).keySet()));
                }
            }
            return expected;
        }

        @Override
        public boolean allConfirmed(SimulatorServer simulator) {
            for (String s : SELLERS) {
                for (String ordNo : simulator.get(ElevenstSimulator.class).orderIds(s)) {
                    if (simulator.get(ElevenstSimulator.class).statusOf(s, ordNo).containsValue("202")) {
                        return false;
                    }
                }
            }
            return true;
        }

        static String key(String seller) {
            return "crash11stKey" + seller;
        }
    }

    /**
     * Two ESM+ masters, each selling on Gmarket and Auction; the simulator's order-query bucket is shortened to
     * 300 ms (ESM: 5 s) and the accounts keep 350 ms between queries of a seller ID.
     */
    static final class EsmParticipant implements Participant {
        static final String[] MASTERS = {"crashmaster1", "crashmaster2"};

        @Override
        public void simulator(Properties sim) {
            sim.setProperty("marketbridge.simulators.esm.masters", String.join(",", MASTERS));
            for (String m : MASTERS) {
                String prefix = "marketbridge.simulators.esm.master." + m + ".";
                sim.setProperty(prefix + "secret", secret(m));
                sim.setProperty(prefix + "gmarket-sellers", "g" + m);
                sim.setProperty(prefix + "auction-sellers", "a" + m);
            }
            sim.setProperty("marketbridge.simulators.esm.seed-orders", String.valueOf(SEED_ORDERS_PER_VENDOR / 4));
            sim.setProperty("marketbridge.simulators.esm.seed-span", "PT3H");
            sim.setProperty("marketbridge.simulators.esm.arrival-per-minute", "60");
            sim.setProperty("marketbridge.simulators.esm.order-query-interval-ms", "300");
        }

        @Override
        public void accounts(StringBuilder sb, String simulatorUrl) {
            sb.append("marketbridge.esm.order-query-interval-ms = 350\n");
            for (String m : MASTERS) {
                String p = "marketbridge.account.crash-esm-" + m + ".";
                sb.append(p).append("marketplace = esm\n");
                sb.append(p).append("base-url = ").append(simulatorUrl).append('\n');
                sb.append(p).append("master-id = ").append(m).append('\n');
                sb.append(p).append("secret-key = ").append(secret(m)).append('\n');
                sb.append(p).append("gmarket-seller-id = g").append(m).append('\n');
                sb.append(p).append("auction-seller-id = a").append(m).append('\n');
                sb.append(p).append("orders.schedule = 1/2 * * * * ?\n");
            }
        }

        @Override
        public void stopArrivals(SimulatorServer simulator) {
            simulator.get(EsmSimulator.class).stop();
        }

        @Override
        public Map<String, Set<String>> expected(SimulatorServer simulator) {
            Map<String, Set<String>> expected = new HashMap<>();
            for (String m : MASTERS) {
                for (String[] site : new String[][] {{"G", "GMARKET", "g"}, {"A", "AUCTION", "a"}}) {
                    for (Long payNo : simulator.get(EsmSimulator.class).payNos(site[0], site[2] + m)) {
                        Set<String> lines = new HashSet<>();
                        simulator.get(EsmSimulator.class).orderNos(payNo).forEach(n -> lines.add(String.valueOf(n)));
                        expected.put(site[1] + "/" + payNo, lines);
                    }
                }
            }
            return expected;
        }

        @Override
        public boolean allConfirmed(SimulatorServer simulator) {
            for (String m : MASTERS) {
                for (String[] site : new String[][] {{"G", "g"}, {"A", "a"}}) {
                    for (Long payNo : simulator.get(EsmSimulator.class).payNos(site[0], site[1] + m)) {
                        for (Long orderNo : simulator.get(EsmSimulator.class).orderNos(payNo)) {
                            if (simulator.get(EsmSimulator.class).statusOf(orderNo) == 1) {
                                return false;
                            }
                        }
                    }
                }
            }
            return true;
        }

        static String secret(String master) {
            return "crash-esm-secret-" + master;
        }
    }

    /** The database of the running runtime, through its H2 server. */
    private DataSource running() {
        return PackagedRuntime.database(work.resolve("runtime.log"));
    }

    private JdbcDataSource fileDataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + work.resolve("db/mb"));
        ds.setUser("sa");
        return ds;
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private Path writeConfig(String simulatorUrl) throws IOException {
        String routes = Path.of(System.getProperty("user.dir"), "routes").toAbsolutePath().toString();
        StringBuilder sb = new StringBuilder();
        sb.append("camel.main.routes-include-pattern = file:").append(routes).append("/*.camel.yaml\n");
        sb.append("camel.management.enabled = false\n");
        sb.append("marketbridge.simulators.enabled = false\n");
        sb.append("marketbridge.db.url = jdbc:h2:file:").append(work.resolve("db/mb")).append(";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0\n");
        sb.append("marketbridge.db.h2-server.port = 0\n");
        sb.append("marketbridge.sink.file.dir = ").append(work.resolve("out")).append('\n');
        sb.append("marketbridge.retry.initial-delay-ms = 100\n");
        sb.append(io.marketbridge.support.DemoAccounts.disabledLines());
        PARTICIPANTS.forEach(m -> m.accounts(sb, simulatorUrl));
        Path config = work.resolve("crash.properties");
        Files.writeString(config, sb.toString());
        return config;
    }

    private Process startRuntime(Path config, Path log) throws IOException {
        return PackagedRuntime.start(work, config, log);
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
