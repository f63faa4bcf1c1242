package io.marketbridge.schedule;

import io.marketbridge.db.Database;
import io.marketbridge.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.sql.DataSource;

/**
 * MB_ACCOUNT_PAUSE: which accounts, or which jobs of an account, an operator paused. The Quartz triggers are
 * paused from it at every start and reload, so a pause outlives the process (and, with a clustered job store, is
 * the same on every node).
 */
public class AccountPauses {

    /** The job value that pauses every job of the account. */
    public static final String WHOLE_ACCOUNT = "*";

    /** One pause: an account's job, or the whole account ({@link #WHOLE_ACCOUNT}). */
    public record Pause(String accountId, String job) {
        public boolean wholeAccount() {
            return WHOLE_ACCOUNT.equals(job);
        }
    }

    private final DataSource dataSource;
    private final Clock clock;

    public AccountPauses(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public Set<Pause> all() throws SQLException {
        Set<Pause> pauses = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT account_id, job FROM MB_ACCOUNT_PAUSE ORDER BY account_id, job");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                pauses.add(new Pause(rs.getString(1), rs.getString(2)));
            }
        }
        return pauses;
    }

    /** True when the job runs no scheduled fire: it, or its whole account, is paused. */
    public static boolean isPaused(Set<Pause> pauses, String accountId, String job) {
        return pauses.contains(new Pause(accountId, WHOLE_ACCOUNT)) || pauses.contains(new Pause(accountId, job));
    }

    /** Records the pause; pausing twice is one pause. */
    public void pause(String accountId, String job) throws SQLException {
        try {
            Jdbc.inTransaction(dataSource, c -> {
                boolean present;
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM MB_ACCOUNT_PAUSE WHERE account_id = ? AND job = ?")) {
                    Jdbc.bind(ps, accountId, job);
                    try (ResultSet rs = ps.executeQuery()) {
                        present = rs.next();
                    }
                }
                if (!present) {
                    Jdbc.update(c, "INSERT INTO MB_ACCOUNT_PAUSE (account_id, job, paused_at) VALUES (?,?,?)",
                            accountId, job, clock.instant());
                }
                return null;
            });
        } catch (SQLException e) {
            if (!Database.isDuplicateKey(e)) { // paused at the same moment from another node: paused either way
                throw e;
            }
        }
    }

    /** Resuming the whole account clears its job pauses too; resuming one job leaves a whole-account pause. */
    public void resume(String accountId, String job) throws SQLException {
        Jdbc.inTransaction(dataSource, c -> WHOLE_ACCOUNT.equals(job)
                ? Jdbc.update(c, "DELETE FROM MB_ACCOUNT_PAUSE WHERE account_id = ?", accountId)
                : Jdbc.update(c, "DELETE FROM MB_ACCOUNT_PAUSE WHERE account_id = ? AND job = ?", accountId, job));
    }
}
