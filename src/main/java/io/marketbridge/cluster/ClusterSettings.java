package io.marketbridge.cluster;

import java.time.Duration;
import java.util.function.Function;

/**
 * marketbridge.cluster.*: whether this node is one of several on one PostgreSQL or MariaDB database (Quartz's
 * clustered JDBC job store), its id, and how often it checks in (the time within which the others take over the
 * jobs of a node that died).
 *
 * @param enabled           marketbridge.cluster.enabled (default false: the in-memory scheduler of one node)
 * @param nodeId            marketbridge.node-id (default the host name): Quartz's instance id, unique per node
 * @param checkinInterval   marketbridge.cluster.checkin-interval-ms (default 15 s)
 * @param misfireThreshold  marketbridge.cluster.misfire-threshold-ms (default 60 s): a fire later than this is a
 *                          misfire, run once however many periods were missed
 * @param jobStorePoolSize  marketbridge.cluster.job-store.pool-size (default 0: the Quartz thread count plus 3):
 *                          the connections of the job store's own pool
 * @param synchronousCommit marketbridge.cluster.job-store.synchronous-commit (default false): whether the job store's
 *                          commits wait for the WAL flush on PostgreSQL (docs/cluster.md says why they need not)
 */
public record ClusterSettings(boolean enabled, String nodeId, Duration checkinInterval, Duration misfireThreshold,
                              int jobStorePoolSize, boolean synchronousCommit) {

    public static final String ENABLED = "marketbridge.cluster.enabled";
    public static final String NODE_ID = "marketbridge.node-id";
    public static final String CHECKIN_INTERVAL = "marketbridge.cluster.checkin-interval-ms";
    public static final String MISFIRE_THRESHOLD = "marketbridge.cluster.misfire-threshold-ms";
    public static final String JOB_STORE_POOL_SIZE = "marketbridge.cluster.job-store.pool-size";
    public static final String SYNCHRONOUS_COMMIT = "marketbridge.cluster.job-store.synchronous-commit";

    public ClusterSettings {
        if (nodeId.length() > 190) {
            throw new IllegalArgumentException(NODE_ID + ": at most 190 characters");
        }
        if (checkinInterval.toMillis() < 1000) {
            throw new IllegalArgumentException(CHECKIN_INTERVAL + ": at least 1000");
        }
        if (jobStorePoolSize < 0) {
            throw new IllegalArgumentException(JOB_STORE_POOL_SIZE + ": 0 (the Quartz thread count plus 3) or more");
        }
    }

    /** The defaults of the job store's pool: as many connections as Quartz needs, commits without the WAL flush. */
    public ClusterSettings(boolean enabled, String nodeId, Duration checkinInterval, Duration misfireThreshold) {
        this(enabled, nodeId, checkinInterval, misfireThreshold, 0, false);
    }

    public static ClusterSettings from(Function<String, String> property) {
        return new ClusterSettings(Boolean.parseBoolean(value(property, ENABLED, "false")),
                value(property, NODE_ID, hostName()),
                Duration.ofMillis(Long.parseLong(value(property, CHECKIN_INTERVAL, "15000"))),
                Duration.ofMillis(Long.parseLong(value(property, MISFIRE_THRESHOLD, "60000"))),
                Integer.parseInt(value(property, JOB_STORE_POOL_SIZE, "0")),
                Boolean.parseBoolean(value(property, SYNCHRONOUS_COMMIT, "false")));
    }

    private static String value(Function<String, String> property, String key, String defaultValue) {
        String v = property.apply(key);
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "market-bridge";
        }
    }
}
