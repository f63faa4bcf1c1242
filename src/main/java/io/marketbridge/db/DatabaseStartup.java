package io.marketbridge.db;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first connection at start, waited for while the database is unavailable for a reason that passes by itself:
 * an H2 file still held by a runtime that stopped uncleanly or is still stopping (H2 refuses a lock file touched in
 * the last seconds), or a database server (PostgreSQL, MariaDB, an H2 server) not accepting connections yet. A
 * service manager restarts the runtime at once, so a crash must not turn into a second failure. Anything else (a
 * wrong password, an unknown database, a bad URL) fails at once: waiting would not change it.
 */
public final class DatabaseStartup {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseStartup.class);

    static final long FIRST_DELAY_MS = 200;
    static final long MAX_DELAY_MS = 2000;

    private static final Pattern AUTHORITY = Pattern.compile("//(?:[^@/?;]*@)?([^/?;,]+)");

    private DatabaseStartup() {
    }

    /**
     * Opens a connection, trying again with backoff (0.2 s doubling, at most 2 s) for as long as {@code wait} while
     * the database is unavailable for a passing reason; logs one line saying what it waits for.
     *
     * @throws IllegalStateException naming the reason, once the wait is over or at once for a lasting failure
     */
    public static Connection connect(String url, String user, String password, Duration wait) {
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            // the URL may carry a password in its parameters: name only its scheme
            throw new IllegalStateException("No JDBC driver for marketbridge.db.url '" + scheme(url)
                    + ":...': use jdbc:h2:, jdbc:postgresql: or jdbc:mariadb:", e);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        long delay = FIRST_DELAY_MS;
        boolean logged = false;
        while (true) {
            SQLException failure;
            try {
                return DriverManager.getConnection(url, user, password);
            } catch (SQLException e) {
                failure = e;
            }
            String reason = unavailable(url, failure);
            if (reason == null) {
                throw new IllegalStateException("Cannot connect to the database: " + failure.getMessage(), failure);
            }
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                throw new IllegalStateException("The database did not become available within " + seconds(wait)
                        + " (marketbridge.db.startup-wait): " + reason + ". Last error: " + failure.getMessage(), failure);
            }
            if (!logged) {
                LOG.warn("Waiting up to {} for the database: {}", seconds(wait), reason);
                logged = true;
            }
            // the main thread at start, before Camel runs anything: there is nothing else to do meanwhile
            try {
                Thread.sleep(Math.min(delay, leftMs));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the database: " + reason, e);
            }
            delay = Math.min(delay * 2, MAX_DELAY_MS);
        }
    }

    /** What the database is waiting on, when the failure passes by itself; null when waiting would not help. */
    static String unavailable(String url, SQLException e) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:")) {
            if (lower.startsWith("jdbc:h2:mem:")) {
                return null;
            }
            String file = h2File(url);
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) { // the file lock of another process
                return "the H2 file " + file + " is held by another process (a runtime still stopping, or a tool that"
                        + " opened the file itself instead of through the runtime's H2 server)";
            }
            String message = String.valueOf(e.getMessage());
            if (e.getErrorCode() == ErrorCode.ERROR_OPENING_DATABASE_1 && (message.contains("Lock file recently modified")
                    || message.contains("Concurrent update") || message.contains("Another process was faster"))) {
                return "the H2 lock " + file + ".lock.db left by a runtime that stopped uncleanly (H2 takes it over"
                        + " once nobody has touched it for a few seconds)";
            }
            return null;
        }
        if (connectionRefused(e)) {
            return vendor(lower) + " at " + hostAndPort(url) + " is not accepting connections yet";
        }
        return null;
    }

    private static boolean connectionRefused(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P03: PostgreSQL "the database system is starting up";
                // 90067: H2 "connection is broken" (its server not listening)
                if (state != null && (state.startsWith("08") || state.equals("57P03") || state.equals("90067"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String vendor(String lowerUrl) {
        if (lowerUrl.startsWith("jdbc:postgresql:")) {
            return "PostgreSQL";
        }
        if (lowerUrl.startsWith("jdbc:mariadb:")) {
            return "MariaDB";
        }
        if (lowerUrl.startsWith("jdbc:mysql:")) {
            return "MySQL";
        }
        if (lowerUrl.startsWith("jdbc:h2:")) {
            return "The H2 server";
        }
        return "The database server";
    }

    /** host:port of a server URL, without user or password. */
    static String hostAndPort(String url) {
        Matcher m = AUTHORITY.matcher(url);
        return m.find() ? m.group(1) : scheme(url);
    }

    /** The file an embedded H2 URL names (jdbc:h2:file:./data/x;... -> ./data/x). */
    static String h2File(String url) {
        String name = url.substring("jdbc:h2:".length());
        int semicolon = name.indexOf(';');
        if (semicolon >= 0) {
            name = name.substring(0, semicolon);
        }
        return name.startsWith("file:") ? name.substring("file:".length()) : name;
    }

    private static String scheme(String url) {
        String[] parts = url.split(":", 3);
        return parts.length >= 2 ? parts[0] + ":" + parts[1] : "?";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
