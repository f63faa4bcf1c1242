package io.marketbridge.intake;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.config.CommonAccountKeys;
import io.marketbridge.db.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.apache.camel.ExchangeProperty;

/**
 * MB_CURSOR: per account and job, the end of the last window that was delivered completely. A poll
 * opens the window [cursor - overlap, now] and the cursor moves to "now" only after the poll succeeded.
 */
public class CursorStore {

    /** Exchange property: the id of the account a job was fired for (set by the scheduler). */
    public static final String ACCOUNT_PROPERTY = "mbAccountId";
    public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    /** The job that reads claims (cancellations, returns, exchanges): its own cursor, look-back and overlap. */
    public static final String CLAIMS_JOB = "claims";

    private final DataSource dataSource;
    private final AccountRegistry accounts;
    private final Clock clock;

    public CursorStore(DataSource dataSource, AccountRegistry accounts, Clock clock) {
        this.dataSource = dataSource;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Opens the window of the account's job: [cursor - overlap, now], or the initial look-back when the job has no
     * cursor yet. The route keeps the answer as the exchange property {@value PollContext#PROPERTY}.
     */
    public PollContext<?> openWindow(@ExchangeProperty(ACCOUNT_PROPERTY) String accountId, String job) throws SQLException {
        return open(accounts.require(accountId), job);
    }

    public PollContext<?> open(Account account, String job) throws SQLException {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), SEOUL);
        Instant cursor = load(account.id(), job);
        boolean claims = CLAIMS_JOB.equals(job);
        if (cursor == null) {
            return new PollContext<>(account, job, now.minus(account.duration(claims ? CommonAccountKeys.CLAIMS_INITIAL_LOOKBACK
                    : CommonAccountKeys.ORDERS_INITIAL_LOOKBACK)), now, null);
        }
        OffsetDateTime stored = OffsetDateTime.ofInstant(cursor, SEOUL);
        if (stored.isAfter(now)) {
            return new PollContext<>(account, job, stored, stored, "the stored cursor " + stored + " is in the future");
        }
        return new PollContext<>(account, job, stored.minus(account.duration(claims ? CommonAccountKeys.CLAIMS_OVERLAP
                : CommonAccountKeys.ORDERS_OVERLAP)), now, null);
    }

    /**
     * Moves the poll's job's cursor to the end of its window (or to where the marketplace's state holds it back).
     * Call only when everything in it was delivered.
     */
    public void advance(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll) throws SQLException {
        if (poll != null && !poll.isSkipped()) {
            store(poll.getAccountId(), poll.getJob(), poll.getPaging().cursorEnd(poll.getWindowTo()).toInstant());
        }
    }

    public Instant load(String accountId, String job) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT cursor_value FROM MB_CURSOR WHERE account_id = ? AND job = ?")) {
            Jdbc.bind(ps, accountId, job);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OffsetDateTime.parse(rs.getString(1)).toInstant() : null;
            }
        }
    }

    public void store(String accountId, String job, Instant value) throws SQLException {
        String iso = OffsetDateTime.ofInstant(value, SEOUL).toString();
        Instant now = clock.instant();
        try {
            upsert(accountId, job, iso, now);
        } catch (SQLException e) {
            if (!io.marketbridge.db.Database.isDuplicateKey(e)) {
                throw e;
            }
            upsert(accountId, job, iso, now); // two polls of the account stored its first cursor at once: now it updates
        }
    }

    private void upsert(String accountId, String job, String iso, Instant now) throws SQLException {
        Jdbc.inTransaction(dataSource, c -> {
            if (Jdbc.update(c, "UPDATE MB_CURSOR SET cursor_value = ?, updated_at = ? WHERE account_id = ? AND job = ?",
                    iso, now, accountId, job) == 0) {
                Jdbc.update(c, "INSERT INTO MB_CURSOR (account_id, job, cursor_value, updated_at) VALUES (?,?,?,?)",
                        accountId, job, iso, now);
            }
            return null;
        });
    }
}
