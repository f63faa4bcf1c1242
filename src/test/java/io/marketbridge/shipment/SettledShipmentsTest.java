package io.marketbridge.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.db.Database;
import io.marketbridge.support.Db;
import io.marketbridge.support.TestDatabases;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ERP settles shipment rows a person has dealt with (docs/erp-contract.md, "Settling a shipment that was not
 * sent"): a SETTLED row leaves MB_SHIPMENT_OPEN and the counts behind the marketbridge_shipments_open gauge, the
 * runtime never takes it again, and the documented UPDATE touches no row the runtime is still working on. A FAILED
 * row still to be tried again counts as pending, not as failed. PostgreSQL and MariaDB cases skip when absent.
 */
class SettledShipmentsTest {

    private static final String SETTLE = "UPDATE MB_SHIPMENT SET status = 'SETTLED' WHERE id = ? AND status IN ('REJECTED', 'FAILED')";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void settledRowsLeaveTheOpenViewAndTheGauge(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare(vendor, schema);
        try (HikariDataSource db = Database.open(url, TestDatabases.user(vendor), "", 2)) {
            Database.migrate(db);
            long rejected = insert(db, "REJECTED", null);
            long gaveUp = insert(db, "FAILED", null);
            long retrying = insert(db, "FAILED", LocalDateTime.now().plusHours(1));
            long ready = insert(db, "READY", null);
            long sent = insert(db, "SENT", null);
            ShipmentStore store = new ShipmentStore(db, null, ShipmentSettings.from(k -> null));

            assertThat(store.openCounts().get("acct")).containsExactlyInAnyOrderEntriesOf(
                    Map.of("REJECTED", 1L, "FAILED", 1L, "RETRYING", 1L, "READY", 1L));
            assertThat(Db.list(db, "SELECT id FROM MB_SHIPMENT_OPEN ORDER BY id")).map(o -> ((Number) o).longValue())
                    .containsExactly(rejected, gaveUp, retrying, ready);

            // a person dealt with the rejected row and the one that gave up; the documented UPDATE leaves the others
            assertThat(Db.update(db, SETTLE, rejected)).isEqualTo(1);
            assertThat(Db.update(db, SETTLE, gaveUp)).isEqualTo(1);
            assertThat(Db.update(db, SETTLE, ready)).isZero();
            assertThat(Db.update(db, SETTLE, sent)).isZero();

            assertThat(Db.list(db, "SELECT id FROM MB_SHIPMENT_OPEN ORDER BY id")).map(o -> ((Number) o).longValue()).containsExactly(retrying, ready);
            assertThat(store.openCounts().get("acct")).containsExactlyInAnyOrderEntriesOf(Map.of("RETRYING", 1L, "READY", 1L));
            // due rows: never a SETTLED one
            assertThat(Db.list(db, "SELECT id FROM MB_SHIPMENT WHERE status = 'READY' OR (status = 'FAILED' AND next_attempt_at <= ?)"
                    + " ORDER BY id", Timestamp.valueOf(LocalDateTime.now().plusDays(1)))).map(o -> ((Number) o).longValue()).containsExactly(retrying, ready);
        } finally {
            TestDatabases.drop(vendor, schema);
        }
    }

    private static long insert(HikariDataSource db, String status, LocalDateTime nextAttempt) {
        Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no, status, next_attempt_at)"
                + " VALUES ('COUPANG', 'acct', ?, 'CJ', '123456789012', ?, ?)", "order-" + status + "-" + System.nanoTime(), status,
                nextAttempt == null ? null : Timestamp.valueOf(nextAttempt));
        return Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT");
    }
}
