package io.marketbridge.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/** Small helpers over plain JDBC: one transaction, parameter binding. */
public final class Jdbc {

    private Jdbc() {
    }

    @FunctionalInterface
    public interface TxWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A null bound as a timestamp (PostgreSQL refuses a null typed as text for a timestamp column). */
    public static final Object NULL_TIMESTAMP = new Object() {
        @Override
        public String toString() {
            return "NULL_TIMESTAMP";
        }
    };

    private static final int DEADLOCK_ATTEMPTS = 3;

    /**
     * Runs the work in one transaction: commit when it returns, roll back when it throws. A transaction the
     * database chose as a deadlock or serialization victim (SQLState 40001 / 40P01) is run again, up to three
     * times in all, so the work must only touch the database.
     */
    public static <T> T inTransaction(DataSource dataSource, TxWork<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransactionOnce(dataSource, work);
            } catch (SQLException e) {
                if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(20L * attempt + java.util.concurrent.ThreadLocalRandom.current().nextInt(30));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static boolean isDeadlock(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("40001".equals(x.getSQLState()) || "40P01".equals(x.getSQLState()) || x.getErrorCode() == 1213) {
                return true;
            }
        }
        return false;
    }

    private static <T> T inTransactionOnce(DataSource dataSource, TxWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    public static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else if (v == NULL_TIMESTAMP) {
                ps.setNull(i + 1, Types.TIMESTAMP);
            } else if (v instanceof Instant instant) {
                ps.setTimestamp(i + 1, utc(instant));
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }

    /** Timestamps are stored as UTC wall time, whatever the JVM's zone. */
    public static Timestamp utc(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            return ps.executeUpdate();
        }
    }
}
