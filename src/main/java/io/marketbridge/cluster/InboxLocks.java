package io.marketbridge.cluster;

import io.marketbridge.db.Database;
import io.marketbridge.db.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The read locks of CSV inbox files several nodes see (a shared inbox folder): Camel's file consumer takes a file
 * only after {@link #add} got its row in MB_INBOX_LOCK (readLock=idempotent-changed), so one node imports, moves and
 * answers it; the row is removed once the file is done with (commit or rollback). A row older than {@link #LEASE}
 * belongs to a node that died while taking the file and is taken over; a node restarting under its id takes back its
 * own rows at once.
 */
public class InboxLocks extends ServiceSupport implements IdempotentRepository {

    /** Longer than any take of a file (the stable check waits at most stable-timeout-ms, 60 s by default). */
    static final Duration LEASE = Duration.ofMinutes(10);
    private static final int MAX_KEY = 400;

    private final DataSource dataSource;
    private final String nodeId;
    private final Clock clock;

    public InboxLocks(DataSource dataSource, String nodeId, Clock clock) {
        this.dataSource = dataSource;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    @Override
    public boolean add(String key) {
        String id = id(key);
        Instant now = clock.instant();
        try {
            try {
                return Jdbc.inTransaction(dataSource, c -> Jdbc.update(c,
                        "INSERT INTO MB_INBOX_LOCK (lock_key, node_id, taken_at) VALUES (?, ?, ?)", id, nodeId, now)) == 1;
            } catch (SQLException e) {
                if (!Database.isDuplicateKey(e)) {
                    throw e;
                }
            }
            // held: by this node before it restarted, or by a node that died while taking the file
            return Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "UPDATE MB_INBOX_LOCK SET node_id = ?, taken_at = ?"
                    + " WHERE lock_key = ? AND (node_id = ? OR taken_at < ?)", nodeId, now, id, nodeId, now.minus(LEASE))) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the inbox lock of a file: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean contains(String key) {
        try (var c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM MB_INBOX_LOCK WHERE lock_key = ?")) {
            Jdbc.bind(ps, id(key));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the inbox locks: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean remove(String key) {
        try {
            return Jdbc.inTransaction(dataSource, c -> Jdbc.update(c,
                    "DELETE FROM MB_INBOX_LOCK WHERE lock_key = ? AND node_id = ?", id(key), nodeId)) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot release the inbox lock of a file: " + e.getMessage(), e);
        }
    }

    /** The lock stays until the file is done with (the route removes it on commit). */
    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        try {
            Jdbc.inTransaction(dataSource, c -> Jdbc.update(c, "DELETE FROM MB_INBOX_LOCK WHERE node_id = ?", nodeId));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot release the inbox locks: " + e.getMessage(), e);
        }
    }

    /** The key (the file's name, size and time) as stored: a key longer than the column by its digest. */
    static String id(String key) {
        if (key.length() <= MAX_KEY) {
            return key;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
