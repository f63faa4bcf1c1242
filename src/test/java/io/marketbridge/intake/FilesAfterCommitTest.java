package io.marketbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.db.Database;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.marketplace.coupang.CoupangOrderMapper;
import io.marketbridge.order.Order;
import io.marketbridge.sink.DatabaseSink;
import io.marketbridge.sink.FileSink;
import io.marketbridge.sink.FileSinkSettings;
import io.marketbridge.support.Db;
import io.marketbridge.support.Fixtures;
import io.marketbridge.support.TestDatabases;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Files follow the database commit: no file for an order the tables refused, and a file that could not be
 * written after the commit (a crash, a full disk) is written by the account's next round from the ledger,
 * raw payload included, before the order's units may be acknowledged.
 */
class FilesAfterCommitTest {

    @TempDir
    Path out;

    @ParameterizedTest(name = "staging tables on: {0}")
    @ValueSource(booleans = {true, false})
    void aJsonFileMissingAfterTheCommitIsWrittenByTheNextRound(boolean tables) throws Exception {
        String schema = TestDatabases.newSchema();
        try (HikariDataSource ds = Database.open(TestDatabases.prepare("h2", schema), "sa", "", 2)) {
            Database.migrate(ds);
            OrderIntake intake = intake(ds, tables);
            Order order = CoupangOrderMapper.map("acct", Fixtures.elements(Fixtures.json("coupang/ordersheets-v5-split.json")));
            Files.createDirectories(out);
            Files.writeString(out.resolve("json"), "a file where the folder should be"); // the JSON write fails

            assertThatThrownBy(() -> intake.deliver(order, true)).isInstanceOf(UncheckedIOException.class);
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_DELIVERY WHERE delivery_state = 'PENDING_JSON'")).isEqualTo(1);
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_ORDER")).isEqualTo(tables ? 1 : 0);
            assertThat(Db.list(ds, "SELECT DISTINCT confirm_state FROM MB_CONFIRMATION")).containsExactly("WAITING");
            assertThat(out.resolve("csv")).doesNotExist();

            Files.delete(out.resolve("json"));
            intake.writeCsvBatches("acct");

            Path json = out.resolve("json/COUPANG-acct-" + order.orderId() + ".json");
            assertThat(json).exists();
            assertThat(Files.readString(json)).contains("\"rawPayload\" : [").contains("310000000000101").contains("테스트수령인");
            assertThat(Db.list(ds, "SELECT delivery_state FROM MB_DELIVERY")).containsExactly("DELIVERED");
            assertThat(Db.list(ds, "SELECT DISTINCT confirm_state FROM MB_CONFIRMATION")).containsExactly("PENDING");
            try (Stream<Path> csv = Files.list(out.resolve("csv"))) {
                assertThat(csv.toList()).hasSize(1);
            }
        } finally {
            TestDatabases.drop("h2", schema);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void noFileForAnOrderTheTablesRefused(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        try (HikariDataSource ds = Database.open(TestDatabases.prepare(vendor, schema), TestDatabases.user(vendor), "", 2)) {
            Database.migrate(ds);
            // a database narrower than the contract: its refusal is the order's, not the poll's
            Db.update(ds, vendor.equals("mariadb") ? "ALTER TABLE MB_ORDER MODIFY receiver_name VARCHAR(3)"
                    : vendor.equals("postgresql") ? "ALTER TABLE MB_ORDER ALTER COLUMN receiver_name TYPE VARCHAR(3)"
                    : "ALTER TABLE MB_ORDER ALTER COLUMN receiver_name SET DATA TYPE VARCHAR(3)");
            OrderIntake intake = intake(ds, true);
            Order order = CoupangOrderMapper.map("acct", Fixtures.elements(Fixtures.json("coupang/ordersheets-v5-split.json")));

            assertThatThrownBy(() -> intake.deliver(order, true)).isInstanceOf(MappingException.class)
                    .hasMessageContaining("too long").hasMessageNotContaining("테스트수령인");
            intake.writeCsvBatches("acct");
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_DELIVERY")).isZero();
            try (Stream<Path> files = Files.exists(out) ? Files.walk(out) : Stream.empty()) {
                assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
            }
        } finally {
            TestDatabases.drop(vendor, schema);
        }
    }

    private OrderIntake intake(HikariDataSource ds, boolean tables) {
        Clock clock = Clock.systemUTC();
        FileSink files = new FileSink(new FileSinkSettings(true, out, Set.of("json", "csv"), "UTF-8", false, false));
        return new OrderIntake(ds, new DatabaseSink(tables), files, new OrderChanges(ds, files, clock),
                new IntakeErrors(ds, clock), clock);
    }
}
