package io.marketbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start killed during the first migration of a new H2 file leaves at most a temporary file; the next start
 * creates the database whole. Before, it left MB_ tables Flyway never recorded and every later start failed on
 * "Table ... already exists".
 */
class H2FirstMigrationTest {

    @TempDir
    Path dir;

    @Test
    void aHalfCreatedTemporaryFileIsDiscardedAndTheDatabaseIsCreatedWhole() throws Exception {
        String name = dir.resolve("data/mb").toString();
        // what a start killed after V1 and during V3 leaves: some tables, no record of them
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + name + H2FirstMigration.TEMPORARY_SUFFIX, "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE MB_SHIPMENT (id BIGINT)");
            s.execute("SHUTDOWN");
        }
        String url = "jdbc:h2:file:" + name + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

        H2FirstMigration.createIfAbsent(url, "sa", "");

        assertThat(Path.of(name + ".mv.db")).exists();
        assertThat(Path.of(name + H2FirstMigration.TEMPORARY_SUFFIX + ".mv.db")).doesNotExist();
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\"")) {
            rs.next();
            assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(5);
        }
        // the normal start on top finds nothing left to do
        try (var pool = Database.open(url, "sa", "", 2)) {
            Database.migrate(pool);
        }
    }

    @Test
    void anExistingDatabaseIsLeftAlone() throws Exception {
        String name = dir.resolve("mb").toString();
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + name, "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE KEEP_ME (id INT)");
        }
        long size = Files.size(Path.of(name + ".mv.db"));
        H2FirstMigration.createIfAbsent("jdbc:h2:file:" + name, "sa", "");
        assertThat(Files.size(Path.of(name + ".mv.db"))).isEqualTo(size);
        assertThat(Path.of(name + H2FirstMigration.TEMPORARY_SUFFIX + ".mv.db")).doesNotExist();
    }

    @Test
    void otherDatabasesAreNotTouched() {
        H2FirstMigration.createIfAbsent("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1", "sa", "");
        H2FirstMigration.createIfAbsent("jdbc:postgresql://127.0.0.1:1/test", "sa", "");
        assertThat(dir).isEmptyDirectory();
    }
}
