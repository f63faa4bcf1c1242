package io.marketbridge.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a new embedded H2 database file whole or not at all. H2 commits every DDL statement on its own, so a
 * process killed during the very first migration (a service manager restarting a crashing node, kill -9 in the
 * first seconds) would leave tables that Flyway never recorded, and every later start would fail on them
 * ("Table ... already exists"). So a database file that does not exist yet is created and migrated under a
 * temporary name and renamed into place only once the schema is complete; a temporary file a killed start left
 * behind is deleted. PostgreSQL runs each migration in a transaction and needs none of this.
 */
public final class H2FirstMigration {

    private static final Logger LOG = LoggerFactory.getLogger(H2FirstMigration.class);
    static final String TEMPORARY_SUFFIX = ".migrating";

    private H2FirstMigration() {
    }

    /** Does nothing unless {@code url} names an embedded H2 file that does not exist yet. */
    public static void createIfAbsent(String url, String user, String password) {
        if (!H2Server.servable(url)) {
            return;
        }
        String afterScheme = url.substring(url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:file:") ? 13 : 8);
        int options = afterScheme.indexOf(';');
        String name = options < 0 ? afterScheme : afterScheme.substring(0, options);
        String optionText = options < 0 ? "" : afterScheme.substring(options);
        Path file = Path.of(expandHome(name) + ".mv.db");
        if (Files.exists(file)) {
            return;
        }
        String temporaryName = name + TEMPORARY_SUFFIX;
        Path temporary = Path.of(expandHome(temporaryName) + ".mv.db");
        try {
            Files.deleteIfExists(temporary); // an earlier start killed during its first migration
            Files.deleteIfExists(Path.of(expandHome(temporaryName) + ".trace.db"));
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            JdbcDataSource dataSource = new JdbcDataSource();
            dataSource.setURL("jdbc:h2:file:" + temporaryName + optionText);
            dataSource.setUser(user);
            dataSource.setPassword(password);
            // one connection held throughout keeps the file open between Flyway's own connections
            try (Connection held = dataSource.getConnection()) {
                Database.migrate(dataSource);
                try (Statement s = held.createStatement()) {
                    s.execute("SHUTDOWN"); // everything on disk and the file closed before it is renamed
                }
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Created the database {} (schema complete before it took its name)", file);
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Cannot create the database " + file + ": " + e.getMessage(), e);
        }
    }

    /** H2 reads a leading ~ as the user's home folder. */
    private static String expandHome(String name) {
        return name.startsWith("~") ? System.getProperty("user.home") + name.substring(1) : name;
    }
}
