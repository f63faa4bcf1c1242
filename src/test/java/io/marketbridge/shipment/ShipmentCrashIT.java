package io.marketbridge.shipment;

import io.marketbridge.simulator.coupang.CoupangSimulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.SimulatorSettings;
import io.marketbridge.support.Db;
import io.marketbridge.support.PackagedRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while shipments are SENDING, then restart: no shipment is lost and none is uploaded twice. The
 * packaged runtime runs as its own JVM against a simulator in this JVM (which counts uploads per box); it is
 * killed at random moments while it works through the ERP's rows, and restarted each time.
 */
class ShipmentCrashIT {

    static final String VENDOR = "A60000001";
    static final int ORDERS = Integer.getInteger("shipcrash.orders", 300);
    static final int KILLS = Integer.getInteger("shipcrash.kills", 5);

    @TempDir
    Path work;

    @Test
    void killNineWhileSendingLosesNoShipmentAndSendsNoneTwice() throws Exception {
        Properties sim = new Properties();
        sim.setProperty("marketbridge.simulators.port", "0");
        sim.setProperty("marketbridge.simulators.coupang.vendors", VENDOR);
        sim.setProperty("marketbridge.simulators.coupang.vendor." + VENDOR + ".access-key", "ak-ship");
        sim.setProperty("marketbridge.simulators.coupang.vendor." + VENDOR + ".secret-key", "sk-ship-crash");
        sim.setProperty("marketbridge.simulators.coupang.seed-orders", "0");
        sim.setProperty("marketbridge.simulators.coupang.arrival-per-minute", "0");
        sim.setProperty("marketbridge.simulators.coupang.rate-limit-per-second", "1000");
        try (SimulatorServer simulator = new SimulatorServer(SimulatorSettings.from(sim::getProperty)).start()) {
            List<Long> orderIds = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                orderIds.add(simulator.get(CoupangSimulator.class).createOrder(VENDOR, ZonedDateTime.now(ZoneId.of("Asia/Seoul")).minusMinutes(20), false, 1));
            }
            Path config = work.resolve("ship-crash.properties");
            Files.writeString(config, String.join("\n",
                    "camel.main.routes-include-pattern = file:" + Path.of(System.getProperty("user.dir"), "routes").toAbsolutePath() + "/*.camel.yaml",
                    "camel.management.enabled = false",
                    "marketbridge.simulators.enabled = false",
                    "marketbridge.db.url = jdbc:h2:file:" + work.resolve("db/mb") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                    "marketbridge.db.h2-server.port = 0",
                    "marketbridge.sink.file.dir = " + work.resolve("out"),
                    "marketbridge.node-id = crash-node",
                    "marketbridge.shipments.poll-ms = 200",
                    "marketbridge.shipments.start-delay-ms = 500",
                    "marketbridge.shipments.batch-size = 20",
                    "marketbridge.shipments.retry.initial-delay-ms = 200",
                    io.marketbridge.support.DemoAccounts.disabledLines().strip(),
                    "marketbridge.account.ship.marketplace = coupang",
                    "marketbridge.account.ship.base-url = " + simulator.baseUrl(),
                    "marketbridge.account.ship.vendor-id = " + VENDOR,
                    "marketbridge.account.ship.access-key = ak-ship",
                    "marketbridge.account.ship.secret-key = sk-ship-crash",
                    "marketbridge.account.ship.orders.schedule = 0/2 * * * * ?",
                    "marketbridge.account.ship.rate-per-second = 50", ""));
            Path log = work.resolve("runtime.log");
            // read through the H2 server of the runtime that runs (each start serves on a port of its own)
            DataSource live = PackagedRuntime.database(log);

            // 1. the orders arrive and are acknowledged
            Process p = PackagedRuntime.start(work, config, log);
            try {
                Process started = p;
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    assertThat(started.isAlive()).as("the runtime stopped; see %s", log).isTrue();
                    return PackagedRuntime.databaseOpenedCount(log) > 0;
                });
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                        count(live, "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE confirm_state = 'CONFIRMED'") == ORDERS);
            } catch (RuntimeException e) {
                p.destroy();
                p.waitFor();
                PackagedRuntime.keepLog(log, "shipment-crash-test-runtime.log");
                throw e;
            }

            // 2. the ERP hands over a tracking number per order; the simulator answers slowly enough to be caught mid-way
            simulator.get(CoupangSimulator.class).faults().latencyMs = 15;
            try (Connection c = live.getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id,"
                         + " courier, tracking_no) VALUES ('COUPANG', 'ship', ?, 'HANJIN', ?)")) {
                for (int i = 0; i < ORDERS; i++) {
                    ps.setString(1, String.valueOf(orderIds.get(i)));
                    ps.setString(2, String.valueOf(4_100_000_000L + i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            Random random = new Random();
            int killedWhileSending = 0;
            for (int kill = 1; kill <= KILLS; kill++) {
                long sentBefore = Math.max(0, count(live, "SELECT COUNT(*) FROM MB_SHIPMENT WHERE status = 'SENT'"));
                if (sentBefore == ORDERS) {
                    break;
                }
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                        count(live, "SELECT COUNT(*) FROM MB_SHIPMENT WHERE status = 'SENT'") > sentBefore);
                Thread.sleep(random.nextInt(400));
                long sending = count(live, "SELECT COUNT(*) FROM MB_SHIPMENT WHERE status = 'SENDING'");
                p.destroyForcibly(); // SIGKILL
                p.waitFor();
                killedWhileSending += sending > 0 ? 1 : 0;
                System.out.printf("shipment crash test: kill %d with %d rows SENDING (sent before: %d)%n", kill, sending, sentBefore);
                int startsBefore = PackagedRuntime.databaseOpenedCount(log);
                p = PackagedRuntime.start(work, config, log); // at once, as a service manager restarts it
                Process restarted = p;
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    assertThat(restarted.isAlive()).as("the restarted runtime stopped; see %s", log).isTrue();
                    return PackagedRuntime.databaseOpenedCount(log) > startsBefore;
                });
            }
            try {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        count(live, "SELECT COUNT(*) FROM MB_SHIPMENT WHERE status = 'SENT'") == ORDERS);
            } finally {
                p.destroy();
                p.waitFor();
                PackagedRuntime.keepLog(log, "shipment-crash-test-runtime.log");
            }
            JdbcDataSource db = new JdbcDataSource(); // the runtime has stopped: this JVM opens the file itself
            db.setURL("jdbc:h2:file:" + work.resolve("db/mb"));
            db.setUser("sa");

            int uploadedTwice = 0;
            int notUploaded = 0;
            for (long orderId : orderIds) {
                for (long box : simulator.get(CoupangSimulator.class).boxIdsOf(VENDOR, orderId)) {
                    int n = simulator.get(CoupangSimulator.class).invoiceUploadsOf(VENDOR, box);
                    uploadedTwice += n > 1 ? 1 : 0;
                    notUploaded += n == 0 ? 1 : 0;
                    assertThat(simulator.get(CoupangSimulator.class).statusOf(VENDOR, box)).isEqualTo("DEPARTURE");
                }
            }
            long alreadySent = count(db, "SELECT COUNT(*) FROM MB_SHIPMENT WHERE result_code = 'ALREADY_SENT'");
            System.out.printf("shipment crash test: shipments=%d kills=%d (with rows SENDING: %d) | SENT=%d |"
                            + " boxes uploaded twice=%d, never=%d | upload calls=%d | settled by reading the box=%d%n",
                    ORDERS, KILLS, killedWhileSending, count(db, "SELECT COUNT(*) FROM MB_SHIPMENT WHERE status = 'SENT'"),
                    uploadedTwice, notUploaded, simulator.get(CoupangSimulator.class).invoiceUploadCalls(), alreadySent);
            // without a kill that caught rows SENDING the test proves nothing about the crash it is named after
            assertThat(killedWhileSending).as("kills that caught rows SENDING").isPositive();
            assertThat(uploadedTwice).isZero();
            assertThat(notUploaded).isZero();
            assertThat(count(db, "SELECT COUNT(*) FROM MB_SHIPMENT WHERE status <> 'SENT'")).isZero();
            assertThat(count(db, "SELECT COUNT(DISTINCT order_id) FROM MB_SHIPPED_LINE")).isEqualTo(ORDERS);
            assertThat(count(db, "SELECT COUNT(*) FROM MB_ORDER_CHANGE WHERE change_type = 'SHIPPED'")).isEqualTo(ORDERS);
        }
    }

    private static long count(DataSource db, String sql) {
        try {
            return Db.count(db, sql);
        } catch (RuntimeException e) {
            return -1; // no runtime serves the database yet
        }
    }
}
