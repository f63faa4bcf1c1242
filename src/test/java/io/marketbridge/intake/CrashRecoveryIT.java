package io.marketbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.order.OrderJson;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.SimulatorSettings;
import io.marketbridge.simulator.qoo10.Qoo10Simulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.PackagedRuntime;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery guarantee under kill -9: the packaged runtime runs as a separate JVM against a simulator in
 * this JVM that holds thousands of orders and keeps adding more; it is killed with SIGKILL at random
 * moments several times and restarted; then every order must be in the staging tables, the JSON drop and
 * the CSV drop exactly once, no temporary file may be visible, and every order must be acknowledged. Buyers cancel
 * seconds after paying and withdraw some cancels, so claims arrive while the runtime is being killed: every claim
 * event must be in MB_CLAIM, the claim JSON drop and the claim CSVs exactly once ({@link CrashClaims}). A line
 * claimed before the runtime read its order may never arrive, and a claimed order may stay unacknowledged.
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

        /** Whether every deliverable order is acknowledged, leaving out orders with a claim ("MARKETPLACE/orderId"). */
        boolean allConfirmed(SimulatorServer simulator, Set<String> claimedOrders);

        /** The claim events the runtime must hold: each claimed line in its claim's status now. */
        List<CrashClaims.Expected> claims(SimulatorServer simulator);
    }

    static final List<Participant> PARTICIPANTS = List.of(new CrashParticipants.CoupangParticipant(),
            new CrashParticipants.NaverParticipant(), new CrashParticipants.ElevenstParticipant(),
            new CrashParticipants.EsmParticipant(), new CrashParticipants.LotteonParticipant(),
            new CrashParticipants.Qoo10Participant());

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
            List<CrashClaims.Expected> claims = new ArrayList<>();
            PARTICIPANTS.forEach(m -> claims.addAll(m.claims(simulator)));
            Set<String> claimedLines = CrashClaims.claimedLines(claims);
            Set<String> claimedOrders = CrashClaims.claimedOrders(claims);
            // a line claimed before the runtime read it may never come (11st lists 202 lines only, ESM leaves a claimed
            // OrderNo out): every other line must
            Set<String> allLines = new HashSet<>();
            Set<String> mustLines = new HashSet<>();
            expectedLines.forEach((order, lines) -> lines.forEach(l -> {
                allLines.add(order + "/" + l);
                if (!claimedLines.contains(order + "/" + l)) {
                    mustLines.add(order + "/" + l);
                }
            }));
            Set<String> mustOrders = new HashSet<>();
            mustLines.forEach(l -> mustOrders.add(l.substring(0, l.lastIndexOf('/'))));

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
                            allAcknowledged(simulator, claimedOrders) && fullyDeliveredCount() >= mustOrders.size()
                                    && deliveredCount() == fullyDeliveredCount()
                                    && unsettledConfirmations(claimedOrders) == 0 && dueReReads() == 0
                                    && missingClaimEvents(claims) == 0 && pendingClaimFiles() == 0);
                } catch (RuntimeException e) {
                    // say which part is missing: the marketplace whose orders are not all confirmed, the ledger
                    StringBuilder state = new StringBuilder();
                    PARTICIPANTS.forEach(m -> state.append(m.getClass().getSimpleName()).append(" confirmed=")
                            .append(m.allConfirmed(simulator, claimedOrders)).append("; "));
                    state.append("delivered=").append(fullyDeliveredCount()).append(" of ").append(deliveredCount())
                            .append(", at least ").append(mustOrders.size())
                            .append("; unsettled confirmations=").append(unsettledConfirmations(claimedOrders))
                            .append("; re-reads still due=").append(dueReReads())
                            .append("; claim events missing=").append(missingClaimEvents(claims))
                            .append(", with files pending=").append(pendingClaimFiles());
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
            Set<String> ids = new HashSet<>();
            Db.list(db, "SELECT marketplace || '/' || order_id FROM MB_ORDER").forEach(id -> ids.add(id.toString()));
            Set<String> lineIds = new HashSet<>();
            Db.list(db, "SELECT marketplace || '/' || order_id || '/' || line_id FROM MB_ORDER_LINE")
                    .forEach(id -> lineIds.add(id.toString()));
            long lost = mustLines.stream().filter(id -> !lineIds.contains(id)).count();

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
            // a line that comes back after its order was delivered (a cancel withdrawn on 11st or ESM) is added to
            // MB_ORDER_LINE with a LINES_ADDED change row and change file, never to the order's CSV
            Set<String> addedLater = new HashSet<>(lineIds);
            addedLater.removeAll(csvLines.keySet());
            Set<String> ordersWithAddedLines = new HashSet<>();
            Db.list(db, "SELECT marketplace || '/' || order_id FROM MB_ORDER_CHANGE WHERE change_type = 'LINES_ADDED'")
                    .forEach(o -> ordersWithAddedLines.add(o.toString()));
            Set<String> csvWithoutLine = new HashSet<>(csvLines.keySet());
            csvWithoutLine.removeAll(lineIds);

            System.out.printf("crash test: orders=%d lines=%d (claimed lines=%d, orders with claims=%d) kills=%d |"
                            + " MB_ORDER rows=%d distinct=%d lines=%d | json files=%d | csv lines=%d csv duplicates=%d |"
                            + " lines added later=%d | duplicates=%d lost=%d | temp files left=%d%n",
                    expectedOrders, allLines.size(), claimedLines.size(), claimedOrders.size(), KILLS, rows, distinct,
                    lineRows, json.size(), csvLines.size(), csvDuplicates, addedLater.size(), rows - distinct, lost,
                    leftovers.size());
            CrashClaims.verify(db, work.resolve("out"), claims);
            System.out.printf("crash test: Lotte ON | orders=%d lines=%d | MB_ORDER rows=%d lines=%d | confirmations not"
                            + " CONFIRMED=%d | MB_CLAIM rows=%d; none expected: its claims poll reads returns only"
                            + " (steps 23-26) and a return needs a shipped line, which this test does not make%n",
                    expectedLines.keySet().stream().filter(o -> o.startsWith("LOTTEON/")).count(),
                    allLines.stream().filter(l -> l.startsWith("LOTTEON/")).count(),
                    Db.count(db, "SELECT COUNT(*) FROM MB_ORDER WHERE marketplace = 'LOTTEON'"),
                    Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_LINE WHERE marketplace = 'LOTTEON'"),
                    Db.count(db, "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE marketplace = 'LOTTEON'"
                            + " AND confirm_state <> 'CONFIRMED'"),
                    Db.count(db, "SELECT COUNT(*) FROM MB_CLAIM WHERE marketplace = 'LOTTEON'"));

            Qoo10Simulator qoo10 = simulator.get(Qoo10Simulator.class);
            System.out.printf("crash test: Qoo10 | orders=%d lines=%d | MB_ORDER rows=%d lines=%d | orderNos checked at"
                            + " Qoo10 (status 3+)=%d SetSellerCheckYN_V2 calls=%d reads=%d | confirmations not CONFIRMED=%d"
                            + " (all of carts with a cancel: %s) | cancel requests=%d MB_CLAIM rows=%d%n",
                    expectedLines.keySet().stream().filter(o -> o.startsWith("QOO10/")).count(),
                    allLines.stream().filter(l -> l.startsWith("QOO10/")).count(),
                    Db.count(db, "SELECT COUNT(*) FROM MB_ORDER WHERE marketplace = 'QOO10'"),
                    Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_LINE WHERE marketplace = 'QOO10'"),
                    allLines.stream().filter(l -> l.startsWith("QOO10/"))
                            .filter(l -> qoo10.statusOf(Long.parseLong(l.substring(l.lastIndexOf('/') + 1))) >= 3).count(),
                    qoo10.calls("ShippingBasic.SetSellerCheckYN_V2"),
                    qoo10.calls("ShippingBasic.GetShippingAndClaimInfoByOrderNo_V2"),
                    Db.count(db, "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE marketplace = 'QOO10'"
                            + " AND confirm_state <> 'CONFIRMED'"),
                    Db.list(db, "SELECT marketplace || '/' || order_id FROM MB_CONFIRMATION WHERE marketplace = 'QOO10'"
                            + " AND confirm_state <> 'CONFIRMED'").stream().allMatch(o -> claimedOrders.contains(o.toString())),
                    claims.stream().filter(c -> c.marketplace().equals("QOO10")).count(),
                    Db.count(db, "SELECT COUNT(*) FROM MB_CLAIM WHERE marketplace = 'QOO10'"));
            qoo10JapaneseTextIntact(db, qoo10);
            assertThat(expectedOrders).isGreaterThanOrEqualTo(2 * SEED_ORDERS_PER_VENDOR);
            for (Participant m : PARTICIPANTS) {
                assertThat(m.expected(simulator)).as("orders of %s", m.getClass().getSimpleName()).isNotEmpty();
            }
            assertThat(Db.list(db, "SELECT DISTINCT marketplace FROM MB_ORDER")).containsExactlyInAnyOrderElementsOf(
                    expectedLines.keySet().stream().map(k -> k.substring(0, k.indexOf('/'))).distinct().toList());
            assertThat(lost).isZero();
            assertThat(rows).isEqualTo(distinct).isEqualTo(ids.size());
            assertThat(ids).containsAll(mustOrders);
            assertThat(expectedLines.keySet()).containsAll(ids);
            assertThat(lineRows).isEqualTo(lineIds.size());
            assertThat(allLines).containsAll(lineIds);
            assertThat(json).hasSize(ids.size());
            assertThat(jsonOrders).isEqualTo(ids);
            assertThat(csvWithoutLine).as("CSV rows of no order line").isEmpty();
            assertThat(addedLater).as("order lines in no order CSV").allMatch(l -> claimedLines.contains(l)
                    && ordersWithAddedLines.contains(l.substring(0, l.lastIndexOf('/'))));
            assertThat(csvDuplicates).isZero();
            assertThat(leftovers).isEmpty();
            assertThat(allAcknowledged(simulator, claimedOrders)).isTrue();
            assertThat(Db.list(db, "SELECT marketplace || '/' || order_id FROM MB_CONFIRMATION WHERE confirm_state <> 'CONFIRMED'"))
                    .as("unacknowledged orders without claims").allMatch(o -> claimedOrders.contains(o.toString()));
            // a box acknowledged by a run killed before its re-read is re-read by a later run
            assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE reread_state = 'DUE'")).isZero();
            System.out.printf("crash test: boxes re-read after acknowledging=%d%n",
                    Db.count(db, "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE reread_state = 'DONE'"));
        }
    }


    /**
     * The Japanese names of Qoo10 orders, in MB_ORDER, the JSON drop and the UTF-8 batch CSV, are those the simulator's
     * rows carry: the kanji names and their katakana readings (with the long vowel mark and kanji MS949 cannot hold).
     */
    private void qoo10JapaneseTextIntact(DataSource db, Qoo10Simulator qoo10) throws IOException {
        Map<String, String[]> truth = new HashMap<>(); // packNo -> {buyer, buyer kana, receiver, receiver kana}
        for (String seller : CrashParticipants.Qoo10Participant.SELLERS) {
            qoo10.cartsOf(seller).forEach((packNo, orderNos) -> truth.put(String.valueOf(packNo), qoo10.namesOf(orderNos.get(0))));
        }
        List<String[]> rows = Db.list(db, "SELECT order_id || '|' || COALESCE(buyer_name, '') || '|' || COALESCE(buyer_name_kana, '')"
                + " || '|' || COALESCE(receiver_name, '') || '|' || COALESCE(receiver_name_kana, '') FROM MB_ORDER"
                + " WHERE marketplace = 'QOO10' ORDER BY order_id").stream().map(o -> o.toString().split("\\|", -1)).toList();
        // a sample spread over the whole run: every tenth cart
        List<String[]> sample = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += 10) {
            sample.add(rows.get(i));
        }
        Set<String> sampled = new HashSet<>();
        for (String[] r : sample) {
            sampled.add(r[0]);
            assertThat(new String[] {r[1], r[2], r[3], r[4]}).as("MB_ORDER names of Qoo10 cart %s", r[0])
                    .containsExactly(truth.get(r[0]));
            assertThat(r[2] + r[4]).matches("[\\p{InKatakana} ]+");
        }
        int json = 0;
        for (Path f : list(work.resolve("out/json"))) {
            if (f.getFileName().toString().startsWith("QOO10-")) {
                var order = OrderJson.mapper().readTree(f.toFile());
                String[] names = truth.get(order.get("orderId").asText());
                assertThat(new String[] {order.path("buyer").path("name").asText(), order.path("buyer").path("nameKana").asText(),
                        order.path("receiver").path("name").asText(), order.path("receiver").path("nameKana").asText()})
                        .as("JSON names of Qoo10 cart %s", order.get("orderId").asText()).containsExactly(names);
                json++;
            }
        }
        int csv = 0;
        for (Path f : list(work.resolve("out/csv"))) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8);
                 CSVParser p = CSVParser.parse(r, CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
                for (CSVRecord rec : p) {
                    if (rec.get("marketplace").equals("QOO10")) {
                        String[] names = truth.get(rec.get("order_id"));
                        assertThat(new String[] {rec.get("buyer_name"), rec.get("buyer_name_kana"), rec.get("receiver_name"),
                                rec.get("receiver_name_kana")}).as("CSV names of Qoo10 cart %s", rec.get("order_id"))
                                .containsExactly(names);
                        csv++;
                    }
                }
            }
        }
        System.out.printf("crash test: Qoo10 Japanese text | MB_ORDER rows sampled=%d of %d, JSON files=%d, UTF-8 CSV rows=%d:"
                + " names and katakana readings as the simulator's rows carry them%n", sample.size(), rows.size(), json, csv);
        assertThat(sample).isNotEmpty();
        assertThat(json).isEqualTo(rows.size());
        assertThat(csv).isEqualTo((int) Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_LINE WHERE marketplace = 'QOO10'"));
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
    private long unsettledConfirmations(Set<String> claimedOrders) {
        try {
            return Db.list(running(), "SELECT marketplace || '/' || order_id FROM MB_CONFIRMATION WHERE confirm_state <> 'CONFIRMED'")
                    .stream().filter(o -> !claimedOrders.contains(o.toString())).count();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private long missingClaimEvents(List<CrashClaims.Expected> claims) {
        try {
            return CrashClaims.missing(running(), claims);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private long pendingClaimFiles() {
        try {
            return CrashClaims.pendingFiles(running());
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

    private static boolean allAcknowledged(SimulatorServer simulator, Set<String> claimedOrders) {
        return PARTICIPANTS.stream().allMatch(m -> m.allConfirmed(simulator, claimedOrders));
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
