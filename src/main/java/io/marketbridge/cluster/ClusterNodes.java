package io.marketbridge.cluster;

import io.marketbridge.db.Jdbc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes of a cluster as far as the configuration goes: at start, a node reconciles the shared job store's
 * triggers with its own account set while holding a row lock (MB_CLUSTER_LOCK), so nodes that start at once do it
 * one after the other, and it records that set (MB_CLUSTER_NODE) and compares it with the sets of the other nodes
 * that are running or started lately. The configuration of the node that started last decides the triggers; a
 * difference is reported, never merged.
 */
public final class ClusterNodes {

    /** Nodes started within this long are compared even when Quartz has not seen them check in yet. */
    static final Duration RECENT = Duration.ofMinutes(10);
    private static final int NAMED = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNodes.class);

    private final DataSource dataSource;
    private final ClusterSettings settings;
    private final Clock clock;

    public ClusterNodes(DataSource dataSource, ClusterSettings settings, Clock clock) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
    }

    public String nodeId() {
        return settings.nodeId();
    }

    @FunctionalInterface
    public interface Reconciliation<T> {
        T run() throws Exception;
    }

    /** Runs the reconciliation while this node holds the cluster's reconcile lock (released by commit or by a dead connection). */
    public <T> T whileLocked(Reconciliation<T> work) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT lock_name FROM MB_CLUSTER_LOCK WHERE lock_name = 'reconcile' FOR UPDATE")) {
                    ps.executeQuery().close();
                }
                return work.run();
            } finally {
                c.commit();
                c.setAutoCommit(true);
            }
        }
    }

    /**
     * Refreshes PostgreSQL's statistics of the job store's tables once this node has added, changed or removed
     * triggers. Without them (a new table, or a server whose autovacuum has not run or is off) the planner took the
     * index on (group, state) for every look-up of one trigger by its key and read all 10,000 triggers each time, a
     * dozen times per fire under the job store's lock: 2.6 times the fires per second once analyzed
     * (docs/BENCHMARKS.md). Other databases keep their statistics themselves.
     */
    public void analyzeJobStore() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
                return;
            }
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("ANALYZE " + String.join(", ", List.of("TRIGGERS", "CRON_TRIGGERS", "JOB_DETAILS", "FIRED_TRIGGERS")
                        .stream().map(t -> QuartzJobStore.TABLE_PREFIX + t).toList()));
            }
        }
    }

    /**
     * Records this node's jobs (name -> schedule) and reports every running or recently started node whose set
     * differs. Returns the ids of the nodes that differ.
     */
    public List<String> recordAndCompare(SortedMap<String, String> jobs) throws SQLException {
        String text = text(jobs);
        String digest = digest(text);
        Instant now = clock.instant();
        Map<String, SortedMap<String, String>> others = new LinkedHashMap<>();
        Jdbc.inTransaction(dataSource, c -> {
            Jdbc.update(c, "DELETE FROM MB_CLUSTER_NODE WHERE node_id = ?", settings.nodeId());
            Jdbc.update(c, "INSERT INTO MB_CLUSTER_NODE (node_id, accounts_digest, job_count, jobs, started_at) VALUES (?, ?, ?, ?, ?)",
                    settings.nodeId(), digest, jobs.size(), text, now);
            try (PreparedStatement ps = c.prepareStatement("SELECT node_id, accounts_digest, jobs FROM MB_CLUSTER_NODE"
                    + " WHERE node_id <> ? AND accounts_digest <> ? AND (started_at > ? OR node_id IN (SELECT INSTANCE_NAME FROM "
                    + QuartzJobStore.TABLE_PREFIX + "SCHEDULER_STATE WHERE SCHED_NAME = ?)) ORDER BY node_id")) {
                Jdbc.bind(ps, settings.nodeId(), digest, now.minus(RECENT), QuartzJobStore.SCHEDULER_NAME);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        others.put(rs.getString(1), parse(rs.getString(3)));
                    }
                }
            }
            return null;
        });
        others.forEach((node, theirs) -> LOG.warn("Cluster: node {} runs another account set than this node ({}): {}."
                + " The configuration of the node started last decides the job store's triggers: give every node the"
                + " same accounts (docs/cluster.md)", node, settings.nodeId(), difference(jobs, theirs)));
        return List.copyOf(others.keySet());
    }

    /** What differs between two job sets, naming a few jobs of each kind. */
    static String difference(SortedMap<String, String> ours, SortedMap<String, String> theirs) {
        List<String> onlyOurs = new ArrayList<>();
        List<String> onlyTheirs = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        ours.forEach((name, schedule) -> {
            if (!theirs.containsKey(name)) {
                onlyOurs.add(name);
            } else if (!theirs.get(name).equals(schedule)) {
                changed.add(name);
            }
        });
        theirs.keySet().stream().filter(name -> !ours.containsKey(name)).forEach(onlyTheirs::add);
        return onlyOurs.size() + " job(s) only here" + named(onlyOurs) + ", " + onlyTheirs.size() + " only there"
                + named(onlyTheirs) + ", " + changed.size() + " on another schedule" + named(changed);
    }

    private static String named(List<String> names) {
        if (names.isEmpty()) {
            return "";
        }
        return " (" + String.join(", ", names.subList(0, Math.min(NAMED, names.size())))
                + (names.size() > NAMED ? ", ..." : "") + ")";
    }

    static String text(SortedMap<String, String> jobs) {
        StringBuilder sb = new StringBuilder();
        jobs.forEach((name, schedule) -> sb.append(name).append('=').append(schedule).append('\n'));
        return sb.toString();
    }

    static SortedMap<String, String> parse(String text) {
        SortedMap<String, String> jobs = new TreeMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                jobs.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return jobs;
    }

    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
