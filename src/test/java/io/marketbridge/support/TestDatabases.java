package io.marketbridge.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/**
 * A schema of its own per test on H2, or on PostgreSQL and MariaDB at 127.0.0.1 when they answer (CI starts
 * them; elsewhere the case is skipped with the reason).
 */
public final class TestDatabases {

    private TestDatabases() {
    }

    public static String newSchema() {
        return "mb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static String user(String vendor) {
        return switch (vendor) {
            case "postgresql" -> "postgres";
            case "mariadb" -> "root";
            default -> "sa";
        };
    }

    /** Creates the schema and returns its JDBC URL; skips the test when the server does not answer. */
    public static String prepare(String vendor, String schema) {
        switch (vendor) {
            case "h2":
                return "jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1";
            case "postgresql":
                admin("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "CREATE SCHEMA " + schema,
                        "PostgreSQL on 127.0.0.1:5432 (database test, user postgres)");
                return "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + schema;
            case "mariadb":
                admin("jdbc:mariadb://127.0.0.1:3306/test", "root", "CREATE DATABASE " + schema,
                        "MariaDB on 127.0.0.1:3306 (user root)");
                return "jdbc:mariadb://127.0.0.1:3306/" + schema;
            default:
                throw new IllegalArgumentException(vendor);
        }
    }

    private static void admin(String url, String user, String sql, String what) {
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (Exception e) {
            assumeTrue(false, what + " is not reachable, so this case is skipped: " + e.getMessage());
        }
    }

    /** Drops the schema (best effort). */
    public static void drop(String vendor, String schema) {
        String[] admin = switch (vendor) {
            case "postgresql" -> new String[] {"jdbc:postgresql://127.0.0.1:5432/test", "postgres", "DROP SCHEMA " + schema + " CASCADE"};
            case "mariadb" -> new String[] {"jdbc:mariadb://127.0.0.1:3306/test", "root", "DROP DATABASE " + schema};
            default -> null;
        };
        if (admin == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(admin[0], admin[1], ""); Statement s = c.createStatement()) {
            s.execute(admin[2]);
        } catch (Exception ignored) {
            // best effort
        }
    }
}
