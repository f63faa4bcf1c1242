package io.marketbridge.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.db.Jdbc;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.SimulatorSettings;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.DemoAccounts;
import io.marketbridge.support.PackagedRuntime;
import io.marketbridge.support.RetryAfterProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while stock figures are being pushed, then restart: every Coupang listing ends with its SKU's last figure
 * and no listing is lost. The packaged runtime runs as its own JVM; the Coupang simulator runs in this JVM behind a
 * proxy that records every call (vendorItemId and figure, in order). This test plays the ERP: it maps the listings
 * to SKUs (MB_LISTING, source ERP) and writes rounds of figures to MB_STOCK, some SKUs many times in quick
 * succession, while the runtime is killed at random moments of the push rounds and restarted at once.
 *
 * <p>A "repeat" is a listing given the same figure twice in a row. Without a kill there is none (a listing is
 * claimed only when its SKU's figure differs from the one Coupang last accepted); a kill repeats the calls answered
 * but not yet recorded, which the restart finds SENDING and pushes again when the figure has not changed meanwhile.
 */
class StockCrashIT {

    static final String VENDOR = "A62000001";
    static final String ACCOUNT = "stock";
    static final int LISTINGS = Integer.getInteger("stockcrash.listings", 300);
    static final int SKUS = Integer.getInteger("stockcrash.skus", 100);
    static final int KILLS = Integer.getInteger("stockcrash.kills", 4);
    /** SKUs written BURST times in quick succession every round. */
    static final int HOT = Integer.getInteger("stockcrash.hot-skus", 10);
    static final int BURST = Integer.getInteger("stockcrash.burst", 8);
    /** Share (percent) of the other SKUs given a new figure every round. */
    static final int CHANGE_PERCENT = Integer.getInteger("stockcrash.change-percent", 35);
    static final long SEED = Long.getLong("stockcrash.seed", System.nanoTime());
    /** The figure each listing has at the simulator before the test: the ERP never writes it (it writes 0-999). */
    static final int SIM_START = 5000;

    private static final Pattern STOCK_CALL = Pattern.compile("PUT \\S*/vendor-items/([0-9]+)/quantities/([0-9]+)");
    private static final Pattern RECLAIMED = Pattern.compile("([0-9]+) stock push\\(es\\) were SENDING");
    private static final String SYNCED = "SELECT COUNT(*) FROM MB_LISTING l JOIN MB_STOCK s ON s.seller_sku = l.seller_sku"
            + " JOIN MB_STOCK_PUSH p ON p.listing_row_id = l.id WHERE p.status = 'SENT' AND p.sent_quantity = s.quantity";

    @TempDir
    Path work;

    private final Random random = new Random(SEED);
    /** The ERP's figure per SKU, as this test last wrote it. */
    private final Map<String, Integer> figures = new LinkedHashMap<>();
    /** Figures written per SKU. */
    private final Map<String, Integer> writes = new HashMap<>();

    @Test
    void killNineWhilePushingLosesNoListingAndEndsWithTheLastFigure() throws Exception {
        Properties sim = new Properties();
        sim.setProperty("marketbridge.simulators.port", "0");
        sim.setProperty("marketbridge.simulators.coupang.vendors", VENDOR);
        sim.setProperty("marketbridge.simulators.coupang.vendor." + VENDOR + ".access-key", "ak-stock");
        sim.setProperty("marketbridge.simulators.coupang.vendor." + VENDOR + ".secret-key", "sk-stock-crash");
        sim.setProperty("marketbridge.simulators.coupang.seed-orders", "0");
        sim.setProperty("marketbridge.simulators.coupang.arrival-per-minute", "0");
        sim.setProperty("marketbridge.simulators.coupang.rate-limit-per-second", "1000");
        try (SimulatorServer simulator = new SimulatorServer(SimulatorSettings.from(sim::getProperty)).start();
             RetryAfterProxy proxy = new RetryAfterProxy(simulator.baseUrl())) {
            CoupangSimulator coupang = simulator.get(CoupangSimulator.class);
            List<Long> vendorItemIds = new ArrayList<>();
            for (int i = 0; i < LISTINGS; i++) {
                long id = 4_310_000_000L + 7L * i; // options the vendor sells at Coupang
                coupang.setStock(VENDOR, id, SIM_START);
                vendorItemIds.add(id);
            }
            Path config = work.resolve("stock-crash.properties");
            Files.writeString(config, String.join("\n",
                    "camel.main.routes-include-pattern = file:" + Path.of(System.getProperty("user.dir"), "routes").toAbsolutePath() + "/*.camel.yaml",
                    "camel.management.enabled = false",
                    "marketbridge.simulators.enabled = false",
                    "marketbridge.db.url = jdbc:h2:file:" + work.resolve("db/mb") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                    "marketbridge.db.h2-server.port = 0",
                    "marketbridge.sink.file.dir = " + work.resolve("out"),
                    "marketbridge.node-id = crash-node",
                    "marketbridge.stock.poll-ms = 300",
                    "marketbridge.stock.start-delay-ms = 500",
                    "marketbridge.stock.batch-size = 50",
                    "marketbridge.stock.retry.initial-delay-ms = 200",
                    "marketbridge.stock.inbox.enabled = false",
                    "marketbridge.stock.listings.inbox.enabled = false",
                    DemoAccounts.disabledLines().strip(),
                    "marketbridge.account." + ACCOUNT + ".marketplace = coupang",
                    "marketbridge.account." + ACCOUNT + ".base-url = " + proxy.baseUrl(),
                    "marketbridge.account." + ACCOUNT + ".vendor-id = " + VENDOR,
                    "marketbridge.account." + ACCOUNT + ".access-key = ak-stock",
                    "marketbridge.account." + ACCOUNT + ".secret-key = sk-stock-crash",
                    "marketbridge.account." + ACCOUNT + ".orders.schedule = 0 0/30 * * * ?",
                    "marketbridge.account." + ACCOUNT + ".rate-per-second = 50", ""));
            Path log = work.resolve("runtime.log");
            // read and written through the H2 server of the runtime that runs (each start serves on a port of its own)
            DataSource live = PackagedRuntime.database(log);

            Process p = PackagedRuntime.start(work, config, log);
            // per kill: how many requests had reached the proxy once the runtime that was killed had gone
            List<Integer> killMarks = new ArrayList<>();
            int killedWhileSending = 0;
            long latencyMs;
            try {
                awaitServed(p, log, 0);
                // the ERP maps every listing to a SKU and gives every SKU a figure
                mapListings(live, vendorItemIds);
                List<String> skus = new ArrayList<>();
                for (int s = 0; s < SKUS; s++) {
                    skus.add(sku(s));
                }
                write(live, skus);
                // the simulator answers slowly enough for a kill to land mid-round
                coupang.faults().latencyMs = 15;
                for (int kill = 1; kill <= KILLS; kill++) {
                    if (kill > 1) {
                        erpRound(live);
                    }
                    long synced = Math.max(0, count(live, SYNCED));
                    long due = LISTINGS - synced;
                    // the round is under way once this start has pushed a listing (rows a restart reclaims are
                    // SENDING before any push, so SENDING alone does not say so)
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                            count(live, SYNCED) > synced);
                    // somewhere in the first seconds of the round: a push takes about 20 ms (50 calls a second)
                    Thread.sleep(random.nextInt((int) Math.max(50, due * 10)));
                    long sending = count(live, "SELECT COUNT(*) FROM MB_STOCK_PUSH WHERE status = 'SENDING'");
                    p.destroyForcibly(); // SIGKILL
                    p.waitFor();
                    killedWhileSending += sending > 0 ? 1 : 0;
                    System.out.printf("stock crash test: kill %d with %d rows SENDING (%d listings due when the round began)%n",
                            kill, sending, due);
                    int startsBefore = PackagedRuntime.databaseOpenedCount(log);
                    p = PackagedRuntime.start(work, config, log); // at once, as a service manager restarts it
                    awaitServed(p, log, startsBefore);
                    // the restarted runtime has not pushed yet: its routes start seconds after it serves the database
                    killMarks.add(proxy.requests().size());
                }
                awaitSynced(live, Duration.ofSeconds(90));

                // a last round with no kill: from the ERP's last write to every listing SENT with its figure
                Instant lastWrite = erpRound(live);
                awaitSynced(live, Duration.ofSeconds(60));
                latencyMs = Duration.between(lastWrite, Instant.now()).toMillis();
                // quiet: nothing changes, so nothing is pushed
                long callsWhenSynced = stockCalls(proxy).size();
                Thread.sleep(1000);
                assertThat(stockCalls(proxy)).as("stock calls while no figure changed").hasSize((int) callsWhenSynced);
            } finally {
                p.destroy();
                p.waitFor();
                PackagedRuntime.keepLog(log, "stock-crash-test-runtime.log");
            }
            JdbcDataSource db = new JdbcDataSource(); // the runtime has stopped: this JVM opens the file itself
            db.setURL("jdbc:h2:file:" + work.resolve("db/mb"));
            db.setUser("sa");
            Map<String, Integer> stock;
            Map<String, Integer> sent;
            try (Connection c = db.getConnection()) { // held, so the file is opened once
                // every listing: one push row, SENT
                assertThat(count(db, "SELECT COUNT(*) FROM MB_LISTING")).isEqualTo(LISTINGS);
                assertThat(count(db, "SELECT COUNT(*) FROM MB_STOCK_PUSH")).isEqualTo(LISTINGS);
                assertThat(count(db, "SELECT COUNT(*) FROM MB_STOCK_PUSH WHERE status <> 'SENT'")).isZero();
                assertThat(count(db, SYNCED)).isEqualTo(LISTINGS);
                stock = pairs(c, "SELECT seller_sku, quantity FROM MB_STOCK");
                sent = pairs(c, "SELECT l.listing_id, p.sent_quantity FROM MB_LISTING l"
                        + " JOIN MB_STOCK_PUSH p ON p.listing_row_id = l.id");
            }
            // the ERP's figures are the ones this test wrote
            assertThat(stock).isEqualTo(figures);
            Map<Long, List<long[]>> pushed = pushesPerListing(stockCalls(proxy));
            int repeats = 0;
            int repeatsWithoutKill = 0;
            // per listing, summed for the hot SKUs' listings [0] and the others' [1]: calls, and its SKU's writes
            long[] calls = new long[2];
            long[] changes = new long[2];
            for (int i = 0; i < LISTINGS; i++) {
                long id = vendorItemIds.get(i);
                int figure = figures.get(sku(i % SKUS));
                int group = i % SKUS < HOT ? 0 : 1;
                calls[group] += coupang.stockCalls(VENDOR, id);
                changes[group] += writes.get(sku(i % SKUS));
                // the last figure is the one Coupang accepted and holds
                assertThat(sent.get(String.valueOf(id))).as("sent_quantity of vendorItemId %d", id).isEqualTo(figure);
                assertThat(coupang.stockOf(VENDOR, id)).as("Coupang's stock of vendorItemId %d", id).isEqualTo(figure);
                List<long[]> made = pushed.getOrDefault(id, List.of());
                // the proxy saw what the simulator counted
                assertThat((long) made.size()).as("calls for %d", id).isEqualTo(coupang.stockCalls(VENDOR, id)).isPositive();
                for (int c = 1; c < made.size(); c++) {
                    if (made.get(c)[1] == made.get(c - 1)[1]) {
                        repeats++;
                        long before = made.get(c - 1)[2];
                        long after = made.get(c)[2];
                        repeatsWithoutKill += killMarks.stream().anyMatch(m -> before < m && m <= after) ? 0 : 1;
                    }
                }
            }
            int reclaimed = reclaimedAtRestart(log);
            int hotWrites = HOT == 0 ? 0 : writes.get(sku(0));
            int otherWrites = 0;
            for (int sku = HOT; sku < SKUS; sku++) {
                otherWrites += writes.get(sku(sku));
            }
            System.out.printf("stock crash test: seed=%d listings=%d skus=%d | ERP figure writes=%d (%d hot SKUs %d"
                            + " each, the others %.1f each) | kills=%d (with rows SENDING: %d, rows reclaimed at restart: %d)"
                            + " | stock calls=%d; per listing and figure written: hot SKUs %.2f, others %.2f | repeats"
                            + " caused by kills=%d | last ERP write -> all listings SENT: %d ms%n",
                    SEED, LISTINGS, SKUS, writes.values().stream().mapToInt(Integer::intValue).sum(), HOT, hotWrites,
                    (double) otherWrites / Math.max(1, SKUS - HOT),
                    KILLS, killedWhileSending, reclaimed, calls[0] + calls[1],
                    (double) calls[0] / Math.max(1, changes[0]), (double) calls[1] / Math.max(1, changes[1]),
                    repeats, latencyMs);
            // without a kill that caught rows SENDING the test proves nothing about the crash it is named after
            assertThat(killedWhileSending).as("kills that caught rows SENDING").isPositive();
            assertThat(reclaimed).as("rows reclaimed at restart").isPositive();
            // a listing gets the same figure twice only across a kill, and only if the kill left its row SENDING
            assertThat(repeatsWithoutKill).as("the same figure twice in a row with no kill between").isZero();
            assertThat(repeats).as("the same figure twice in a row").isLessThanOrEqualTo(reclaimed);
        }
    }

    /**
     * One round of the ERP: a new figure for a share of the SKUs in one transaction, then the hot SKUs written
     * BURST times each in quick succession. Returns when the last write was committed.
     */
    private Instant erpRound(DataSource live) throws Exception {
        List<String> changed = new ArrayList<>();
        for (int s = HOT; s < SKUS; s++) {
            if (random.nextInt(100) < CHANGE_PERCENT) {
                changed.add(sku(s));
            }
        }
        write(live, changed);
        for (int pass = 0; pass < BURST; pass++) {
            for (int s = 0; s < Math.min(HOT, SKUS); s++) {
                write(live, List.of(sku(s)));
            }
            Thread.sleep(10 + random.nextInt(30));
        }
        return Instant.now();
    }

    /** New figures (0-999, each unlike the SKU's last) for the SKUs, in one transaction. */
    private void write(DataSource live, List<String> skus) throws SQLException {
        Map<String, Integer> next = new HashMap<>();
        for (String sku : skus) {
            Integer last = figures.get(sku);
            int figure;
            do {
                figure = random.nextInt(1000);
            } while (last != null && last == figure);
            next.put(sku, figure);
        }
        try (Connection c = live.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement("UPDATE MB_STOCK SET quantity = ?, updated_at = ? WHERE seller_sku = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO MB_STOCK (seller_sku, quantity, updated_at) VALUES (?, ?, ?)")) {
                for (String sku : skus) {
                    if (figures.containsKey(sku)) {
                        update.setInt(1, next.get(sku));
                        update.setTimestamp(2, Jdbc.utc(Instant.now()));
                        update.setString(3, sku);
                        assertThat(update.executeUpdate()).isEqualTo(1);
                    } else {
                        insert.setString(1, sku);
                        insert.setInt(2, next.get(sku));
                        insert.setTimestamp(3, Jdbc.utc(Instant.now()));
                        insert.executeUpdate();
                    }
                }
            }
            c.commit();
        }
        figures.putAll(next);
        skus.forEach(sku -> writes.merge(sku, 1, Integer::sum));
    }

    /** The ERP's mapping: listing i (a vendorItemId, no option level at Coupang) is SKU i % SKUS. */
    private static void mapListings(DataSource live, List<Long> vendorItemIds) throws SQLException {
        try (Connection c = live.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO MB_LISTING (marketplace, account_id, listing_id,"
                     + " option_id, seller_sku, source, first_seen, updated_at) VALUES ('COUPANG', ?, ?, '', ?, 'ERP', ?, ?)")) {
            for (int i = 0; i < vendorItemIds.size(); i++) {
                ps.setString(1, ACCOUNT);
                ps.setString(2, String.valueOf(vendorItemIds.get(i)));
                ps.setString(3, sku(i % SKUS));
                ps.setTimestamp(4, Jdbc.utc(Instant.now()));
                ps.setTimestamp(5, Jdbc.utc(Instant.now()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String sku(int s) {
        return String.format("SKU-CRASH-%03d", s);
    }

    private static void awaitServed(Process p, Path log, int startsBefore) {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            assertThat(p.isAlive()).as("the runtime stopped; see %s", log).isTrue();
            return PackagedRuntime.databaseOpenedCount(log) > startsBefore;
        });
    }

    private static void awaitSynced(DataSource live, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(20)).until(() -> count(live, SYNCED) == LISTINGS);
    }

    /** A two-column query (text key, whole number) as a map. */
    private static Map<String, Integer> pairs(Connection c, String sql) throws SQLException {
        Map<String, Integer> map = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                map.put(rs.getString(1), rs.getObject(2) == null ? null : rs.getInt(2));
            }
        }
        return map;
    }

    /** The stock calls that reached the simulator, in order: [vendorItemId, figure, index among all requests]. */
    private static List<long[]> stockCalls(RetryAfterProxy proxy) {
        List<long[]> calls = new ArrayList<>();
        List<String> requests = proxy.requests();
        for (int i = 0; i < requests.size(); i++) {
            Matcher m = STOCK_CALL.matcher(requests.get(i));
            if (m.matches()) {
                calls.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), i});
            }
        }
        return calls;
    }

    /** vendorItemId -> its calls, in order. */
    private static Map<Long, List<long[]>> pushesPerListing(List<long[]> calls) {
        Map<Long, List<long[]>> per = new HashMap<>();
        for (long[] call : calls) {
            per.computeIfAbsent(call[0], id -> new ArrayList<>()).add(call);
        }
        per.replaceAll((id, list) -> Collections.unmodifiableList(list));
        return per;
    }

    /** Rows the restarts found SENDING, from their log lines. */
    private static int reclaimedAtRestart(Path log) throws Exception {
        Matcher m = RECLAIMED.matcher(new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
        int n = 0;
        while (m.find()) {
            n += Integer.parseInt(m.group(1));
        }
        return n;
    }

    private static long count(DataSource db, String sql) {
        try {
            return Db.count(db, sql);
        } catch (RuntimeException e) {
            return -1; // no runtime serves the database yet
        }
    }
}
