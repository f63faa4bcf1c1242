package io.marketbridge.shipment;

import io.marketbridge.simulator.coupang.CoupangSimulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two runtime nodes on one database claim the same READY rows: every shipment is uploaded exactly once,
 * counted at the simulator. PostgreSQL and MariaDB claim with FOR UPDATE SKIP LOCKED, H2 with a
 * conditional update.
 */
class TwoNodeShipmentTest {

    static final String VENDOR = "A50000001";
    static final int ORDERS = 150;

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"postgresql", "mariadb", "h2"})
    void eachShipmentIsUploadedOnceByOneOfTheNodes(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare(vendor, schema);
        try (SimulatorServer simulator = RuntimeHarness.simulator(Map.of(VENDOR, new String[] {"ak", "sk-two-nodes"}))) {
            // each upload takes 20 ms, so one node alone needs 3 s for the 150 rows while the other node's
            // dispatch timer fires every 100 ms: both nodes are bound to claim some of them
            simulator.get(CoupangSimulator.class).faults().latencyMs = 20;
            List<Long> orderIds = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                orderIds.add(simulator.get(CoupangSimulator.class).createOrder(VENDOR, ZonedDateTime.now(ZoneId.of("Asia/Seoul")).minusMinutes(30), false, 1));
            }
            try (RuntimeHarness a = node("node-a", url, vendor, simulator); RuntimeHarness b = node("node-b", url, vendor, simulator)) {
                a.pollOrders("acct-two");
                DataSource db = a.dataSource();
                assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER")).isEqualTo(ORDERS);

                // the ERP hands over every order at once; both nodes' dispatch rounds run against them
                try (Connection c = db.getConnection();
                     PreparedStatement ps = c.prepareStatement("INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id,"
                             + " courier, tracking_no) VALUES ('COUPANG', 'acct-two', ?, 'CJ', ?)")) {
                    for (int i = 0; i < ORDERS; i++) {
                        ps.setString(1, String.valueOf(orderIds.get(i)));
                        ps.setString(2, String.valueOf(500_000_000_000L + i));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                        .until(() -> Db.count(db, "SELECT COUNT(*) FROM MB_SHIPMENT WHERE status = 'SENT'") == ORDERS);

                long uploads = 0;
                for (long orderId : orderIds) {
                    for (long box : simulator.get(CoupangSimulator.class).boxIdsOf(VENDOR, orderId)) {
                        assertThat(simulator.get(CoupangSimulator.class).invoiceUploadsOf(VENDOR, box)).as("uploads of box %d", box).isEqualTo(1);
                        uploads++;
                    }
                }
                long byA = Db.count(db, "SELECT COUNT(*) FROM MB_SHIPMENT WHERE claimed_by = 'node-a'");
                long byB = Db.count(db, "SELECT COUNT(*) FROM MB_SHIPMENT WHERE claimed_by = 'node-b'");
                System.out.printf("two nodes on %s: %d shipments, %d boxes uploaded once each (%d upload calls),"
                                + " node-a sent %d, node-b sent %d%n", vendor, ORDERS, uploads,
                        simulator.get(CoupangSimulator.class).invoiceUploadCalls(), byA, byB);
                assertThat(simulator.get(CoupangSimulator.class).invoiceUploadCalls()).isEqualTo(ORDERS);
                assertThat(byA + byB).isEqualTo(ORDERS);
                // both nodes did part of the work: a node that claims nothing would leave this test without a race
                assertThat(byA).as("shipments sent by node-a").isPositive();
                assertThat(byB).as("shipments sent by node-b").isPositive();
            }
        } finally {
            TestDatabases.drop(vendor, schema);
        }
    }

    private RuntimeHarness node(String nodeId, String url, String vendor, SimulatorServer simulator) throws Exception {
        Properties p = RuntimeHarness.baseProperties(out.resolve(nodeId));
        p.setProperty("camel.main.name", "market-bridge-" + nodeId);
        p.setProperty("marketbridge.node-id", nodeId);
        p.setProperty("marketbridge.db.url", url);
        p.setProperty("marketbridge.db.user", TestDatabases.user(vendor));
        p.setProperty("marketbridge.shipments.batch-size", "10");
        p.setProperty("marketbridge.shipments.poll-ms", "100");
        RuntimeHarness.coupangAccount(p, "acct-two", simulator.baseUrl(), VENDOR, "ak", "sk-two-nodes");
        return RuntimeHarness.start(p, simulator, out.resolve(nodeId));
    }
}
