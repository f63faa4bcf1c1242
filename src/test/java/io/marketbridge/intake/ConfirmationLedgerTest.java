package io.marketbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.db.Database;
import io.marketbridge.marketplace.coupang.CoupangOrderMapper;
import io.marketbridge.order.Order;
import io.marketbridge.sink.DatabaseSink;
import io.marketbridge.sink.FileSink;
import io.marketbridge.sink.FileSinkSettings;
import io.marketbridge.support.Db;
import io.marketbridge.support.Fixtures;
import io.marketbridge.support.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MB_CONFIRMATION on every supported database: no unit waits for a batch CSV that was already written, and
 * the re-reads still due survive in the table. H2 always; PostgreSQL and MariaDB when they answer.
 */
class ConfirmationLedgerTest {

    static final String BOX_1 = "327365548165727";
    static final String BOX_2 = "702595316215710";

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void aLateUnitIsNeverLeftWaitingAndDueReReadsAreKept(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare(vendor, schema);
        try (HikariDataSource ds = Database.open(url, TestDatabases.user(vendor), "", 4)) {
            Database.migrate(ds);
            Clock clock = Clock.systemUTC();
            FileSink files = new FileSink(new FileSinkSettings(true, out, Set.of("json", "csv"), "UTF-8", false, false));
            OrderIntake intake = new OrderIntake(ds, new DatabaseSink(true), files, new OrderChanges(ds, files, clock),
                    new IntakeErrors(ds, clock), clock);
            Confirmations confirmations = new Confirmations(ds, clock);

            // a split order whose second box (another receiver phone) arrives after the first was delivered
            Order whole = CoupangOrderMapper.map("acct", Fixtures.elements(Fixtures.json("coupang/ordersheets-v5-split-two-phones.json")));
            Order firstBox = CoupangOrderMapper.map("acct", List.of(Fixtures.elements(Fixtures.json(
                    "coupang/ordersheets-v5-split-two-phones.json")).get(0)));
            assertThat(intake.deliver(firstBox, true)).isEqualTo(OrderIntake.Outcome.NEW);
            assertThat(confirmations.pending("acct")).isEmpty(); // WAITING for its batch CSV
            intake.writeCsvBatches("acct");
            assertThat(confirmations.pending("acct")).containsExactly(BOX_1);

            assertThat(intake.deliver(whole, true)).isEqualTo(OrderIntake.Outcome.LINES_ADDED);
            assertThat(Db.list(ds, "SELECT confirm_state FROM MB_CONFIRMATION WHERE shipment_id = ?", BOX_2))
                    .containsExactly(Confirmations.PENDING);
            assertThat(confirmations.pending("acct")).containsExactlyInAnyOrder(BOX_1, BOX_2);

            // a WAITING row with its batch written (as an earlier version left late units) is offered too
            Db.update(ds, "UPDATE MB_CONFIRMATION SET confirm_state = 'WAITING' WHERE shipment_id = ?", BOX_2);
            assertThat(confirmations.pending("acct")).containsExactlyInAnyOrder(BOX_1, BOX_2);
            // but not while its order's batch is still to be written
            Db.update(ds, "UPDATE MB_DELIVERY SET delivery_state = 'PENDING_CSV'");
            assertThat(confirmations.pending("acct")).containsExactly(BOX_1);
            Db.update(ds, "UPDATE MB_DELIVERY SET delivery_state = 'DELIVERED'");

            // acknowledged: DUE in the same transaction; a failure is not due
            confirmations.recordAll("acct", List.of(
                    new Confirmations.Answer(BOX_1, Confirmations.CONFIRMED, "OK", null),
                    new Confirmations.Answer(BOX_2, Confirmations.FAILED, "UNDEFINED_ERROR_OCCUR", "try again")), true);
            assertThat(confirmations.rereadsDue("acct")).isEqualTo(Map.of(BOX_1, whole.orderId()));
            confirmations.recordAll("acct", List.of(new Confirmations.Answer(BOX_2, Confirmations.CONFIRMED, "OK", null)), false);
            assertThat(confirmations.rereadsDue("acct")).containsOnlyKeys(BOX_1);

            confirmations.rereadEnded("acct", List.of(BOX_1), Confirmations.REREAD_DONE);
            assertThat(confirmations.rereadsDue("acct")).isEmpty();
            assertThat(confirmations.pending("acct")).isEmpty();
            assertThat(Db.list(ds, "SELECT reread_state FROM MB_CONFIRMATION WHERE shipment_id = ?", BOX_1))
                    .containsExactly(Confirmations.REREAD_DONE);
        } finally {
            TestDatabases.drop(vendor, schema);
        }
    }
}
