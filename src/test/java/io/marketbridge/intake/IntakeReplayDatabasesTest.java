package io.marketbridge.intake;

import static io.marketbridge.support.RuntimeHarness.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.order.OrderJson;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replay route (a sql: consumer of MB_INTAKE_ERROR rows with status REPLAY, marked by its onConsume) on each
 * database: a corrected payload is delivered and its row marked REPLAYED, a payload still broken reopens its row
 * with the new reason, and neither row is taken again. PostgreSQL and MariaDB cases skip when the server is absent.
 */
class IntakeReplayDatabasesTest {

    static final String VENDOR = "A60000001";
    static final String ACCOUNT = "acct-replay";

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void replayedRowsAreDeliveredOrReopenedAndTakenOnce(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare(vendor, schema);
        try (SimulatorServer simulator = RuntimeHarness.simulator(Map.of(VENDOR, new String[] {"ak", "sk-replay-0123456789"}))) {
            CoupangSimulator coupang = simulator.get(CoupangSimulator.class);
            long fixable = coupang.createOrder(VENDOR, now().minusMinutes(3), true, 1);
            long broken = coupang.createOrder(VENDOR, now().minusMinutes(2), true, 1);
            Properties p = RuntimeHarness.baseProperties(out);
            p.setProperty("marketbridge.db.url", url);
            p.setProperty("marketbridge.db.user", TestDatabases.user(vendor));
            RuntimeHarness.coupangAccount(p, ACCOUNT, simulator.baseUrl(), VENDOR, "ak", "sk-replay-0123456789");
            try (RuntimeHarness runtime = RuntimeHarness.start(p, simulator, out)) {
                DataSource db = runtime.dataSource();
                runtime.pollOrders(ACCOUNT);
                assertThat(Db.list(db, "SELECT status FROM MB_INTAKE_ERROR WHERE account_id = ?", ACCOUNT))
                        .containsExactly("OPEN", "OPEN");

                // the operator corrects one payload and asks for both to be replayed
                ObjectNode fixed = coupang.sheetsOf(VENDOR, fixable).get(0);
                fixed.set("orderItems", OrderJson.mapper().readTree("[{\"vendorItemId\":880123400100,\"shippingCount\":1,"
                        + "\"salesPrice\":{\"currencyCode\":\"KRW\",\"units\":9900,\"nanos\":0},\"externalVendorSkuCode\":\"FIX-1\"}]"));
                assertThat(Db.update(db, "UPDATE MB_INTAKE_ERROR SET raw_payload = ?, status = 'REPLAY' WHERE payload_ref = ?",
                        "[" + fixed + "]", ref(coupang, fixable))).isEqualTo(1);
                assertThat(Db.update(db, "UPDATE MB_INTAKE_ERROR SET status = 'REPLAY' WHERE payload_ref = ?", ref(coupang, broken)))
                        .isEqualTo(1);

                await().atMost(Duration.ofSeconds(20)).until(() ->
                        Db.count(db, "SELECT COUNT(*) FROM MB_INTAKE_ERROR WHERE status = 'REPLAY'") == 0);
                assertThat(row(db, ref(coupang, fixable))).containsExactly("REPLAYED", "replayed: NEW");
                assertThat(row(db, ref(coupang, broken)).get(0)).isEqualTo("OPEN");
                assertThat(String.valueOf(row(db, ref(coupang, broken)).get(1))).startsWith("replay failed: ").contains("orderItems is missing");
                assertThat(Db.list(db, "SELECT seller_sku FROM MB_ORDER_LINE WHERE order_id = ?", String.valueOf(fixable)))
                        .containsExactly("FIX-1");
                assertThat(runtime.orderCount(ACCOUNT)).isEqualTo(1);

                // onConsume marked both rows: later polls of the replay route (every 200 ms) leave them alone
                List<Object> stamps = Db.list(db, "SELECT updated_at FROM MB_INTAKE_ERROR ORDER BY error_id");
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                        Db.list(db, "SELECT updated_at FROM MB_INTAKE_ERROR ORDER BY error_id").equals(stamps));
            }
        } finally {
            TestDatabases.drop(vendor, schema);
        }
    }

    /** Coupang errors are kept under the order's (first) shipping box. */
    private static String ref(CoupangSimulator coupang, long orderId) {
        return "shipmentBoxId:" + coupang.boxIdsOf(VENDOR, orderId).get(0);
    }

    private static List<Object> row(DataSource db, String ref) {
        return List.of(Db.list(db, "SELECT status FROM MB_INTAKE_ERROR WHERE payload_ref = ?", ref).get(0),
                Db.list(db, "SELECT reason FROM MB_INTAKE_ERROR WHERE payload_ref = ?", ref).get(0));
    }
}
