package io.marketbridge.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's database: a HikariCP pool and the Flyway-managed schema (ERP contract + runtime state).
 * The SQL is portable; the few type names that differ come from db/dialect/&lt;vendor&gt;.properties.
 */
public final class Database {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private Database() {
    }

    /**
     * Opens the pool once the database accepts a connection, waiting up to {@code startupWait} for one that is
     * not available yet (see {@link DatabaseStartup}).
     */
    public static HikariDataSource open(String url, String user, String password, int maxPoolSize, Duration startupWait) {
        // the first connection stays open until the pool holds its own, so an embedded H2 file is not closed and
        // reopened (and perhaps taken by another process) in between
        try (Connection first = DatabaseStartup.connect(url, user, password, startupWait)) {
            return open(url, user, password, maxPoolSize);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the database: " + e.getMessage(), e);
        }
    }

    public static HikariDataSource open(String url, String user, String password, int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("market-bridge");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setAutoCommit(true);
        // the default of H2 and PostgreSQL; on MariaDB/MySQL it avoids the gap locks of REPEATABLE READ, which
        // deadlock two nodes that insert state rows for neighbouring keys at the same moment
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        return new HikariDataSource(config);
    }

    /** Creates or migrates the schema. Returns the dialect name that was used. */
    public static String migrate(DataSource dataSource) {
        String dialect = dialect(dataSource);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(placeholders(dialect))
                .load()
                .migrate();
        LOG.info("Database schema is up to date ({})", dialect);
        return dialect;
    }

    public static String dialect(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase();
            if (product.contains("h2")) {
                return "h2";
            }
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("mariadb")) {
                return "mariadb";
            }
            if (product.contains("mysql")) {
                // MariaDB drivers may report MySQL; both share one dialect file
                return "mysql";
            }
            throw new IllegalStateException("No dialect for database '" + product
                    + "': add src/main/resources/db/dialect/<vendor>.properties");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to the database: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> placeholders(String dialect) {
        String resource = "db/dialect/" + dialect + ".properties";
        try (InputStream in = Database.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing dialect file " + resource);
            }
            Properties p = new Properties();
            p.load(in);
            Map<String, String> map = new HashMap<>();
            p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
            return map;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the exception is a unique or primary key violation (SQLState class 23). */
    public static boolean isDuplicateKey(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && (state.equals("23505") || state.equals("23000") || state.equals("23001"))) {
                return true;
            }
            if (x.getErrorCode() == 1062) { // MariaDB/MySQL ER_DUP_ENTRY
                return true;
            }
        }
        return false;
    }
}
