package io.marketbridge.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.component.quartz.QuartzComponent;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches the scheduler of Camel's quartz component to Quartz's clustered JDBC job store on the runtime's own
 * database (its Flyway-made MB_QRTZ_ tables, through a small pool of the job store's own): every node that shares the database and the scheduler name
 * fires each trigger on exactly one node, checks in every checkin interval, and takes over (and recovers the fires
 * of) a node that stopped checking in. Nothing here coordinates nodes itself: Quartz does, through row locks.
 */
public final class QuartzJobStore {

    /** The prefix of Quartz's tables (org.quartz.jobStore.tablePrefix), made by V12__quartz_cluster.sql. */
    public static final String TABLE_PREFIX = "MB_QRTZ_";
    /** Quartz's scheduler name, the same on every node: the nodes of one cluster share it in SCHED_NAME. */
    public static final String SCHEDULER_NAME = "MarketBridge";
    /** The name under which Quartz finds the job store's pool (DBConnectionManager). */
    static final String DATA_SOURCE = "marketbridge";

    private static final Logger LOG = LoggerFactory.getLogger(QuartzJobStore.class);

    private QuartzJobStore() {
    }

    /**
     * Refuses a cluster on a database only one process can share. Called with marketbridge.db.url before the
     * database is opened, so nothing is created or migrated.
     */
    public static void requireSharedDatabase(ClusterSettings settings, String dbUrl) {
        if (settings.enabled() && dbUrl.regionMatches(true, 0, "jdbc:h2:", 0, "jdbc:h2:".length())) {
            throw new IllegalStateException(ClusterSettings.ENABLED + " = true needs a database every node shares:"
                    + " PostgreSQL or MariaDB (marketbridge.db.url = jdbc:postgresql://... or jdbc:mariadb://...)."
                    + " H2 is the embedded database of one node; set " + ClusterSettings.ENABLED + " = false to run one"
                    + " node on it (docs/cluster.md)");
        }
    }

    /**
     * The Quartz driver delegate of a dialect: PostgreSQL stores job data as BYTEA (with the trigger queries of
     * {@link PostgreSqlJobStoreDelegate}), the others as BLOB.
     */
    static String delegate(String dialect) {
        return switch (dialect) {
            case "postgresql" -> PostgreSqlJobStoreDelegate.class.getName();
            case "mariadb", "mysql" -> StdJDBCDelegate.class.getName();
            default -> throw new IllegalStateException("No Quartz driver delegate for database " + dialect);
        };
    }

    /** The quartz properties of a clustered node, on top of those configured (the thread count, ...). */
    static Map<String, Object> properties(Map<String, Object> configured, ClusterSettings settings, String dialect) {
        Map<String, Object> p = new HashMap<>();
        if (configured != null) {
            configured.forEach((k, v) -> p.put(k, String.valueOf(v)));
        }
        // Quartz's own default, which it does not apply once it is given properties
        p.putIfAbsent("org.quartz.threadPool.threadCount", "10");
        // batchTriggerAcquisitionMaxCount stays Quartz's 1: with 10, ClusterIT saw one account polled on two nodes at
        // once right after a takeover (docs/cluster.md, "Capacity")
        p.put("org.quartz.scheduler.instanceName", SCHEDULER_NAME);
        p.put("org.quartz.scheduler.instanceId", settings.nodeId());
        p.put("org.quartz.jobStore.class", JobStoreTX.class.getName());
        // configurable so that Quartz's own delegate can be compared (AccountsClusterBench)
        p.putIfAbsent("org.quartz.jobStore.driverDelegateClass", delegate(dialect));
        p.put("org.quartz.jobStore.dataSource", DATA_SOURCE);
        p.put("org.quartz.jobStore.tablePrefix", TABLE_PREFIX);
        p.put("org.quartz.jobStore.isClustered", "true");
        p.put("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(settings.checkinInterval().toMillis()));
        p.put("org.quartz.jobStore.misfireThreshold", String.valueOf(settings.misfireThreshold().toMillis()));
        // job data are plain strings (AccountJob), stored as properties rather than serialized Java objects
        p.put("org.quartz.jobStore.useProperties", "true");
        // nodes acquire triggers one at a time under the TRIGGER_ACCESS row lock: no trigger is acquired twice
        p.put("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    /**
     * The session settings of the job store's connections. On PostgreSQL its commits do not wait for the WAL flush:
     * every one of them holds Quartz's row lock, so they cannot share a flush with each other and the flush would
     * set the pace of the whole cluster. What a crash of the database server can lose is its last moments of trigger
     * bookkeeping, never an order: a fire repeated or late, or a trigger left blocked until its node restarts
     * (docs/cluster.md). MariaDB flushes per server (innodb_flush_log_at_trx_commit is global), so nothing is set there.
     */
    static String connectionInitSql(ClusterSettings settings, String dialect) {
        return "postgresql".equals(dialect) && !settings.synchronousCommit() ? "SET synchronous_commit TO off" : null;
    }

    /** The job store's pool size: the configured one, or a connection per Quartz thread plus the scheduler's own. */
    static int poolSize(ClusterSettings settings, Map<String, Object> quartzProperties) {
        if (settings.jobStorePoolSize() > 0) {
            return settings.jobStorePoolSize();
        }
        // the scheduler thread (acquiring), the misfire handler and the cluster check-in hold one each
        return Integer.parseInt(String.valueOf(quartzProperties.get("org.quartz.threadPool.threadCount"))) + 3;
    }

    /**
     * Configures the quartz component (before the Camel context starts it) for a clustered node and opens the job
     * store's pool on the runtime's database. Quartz closes the pool when its scheduler shuts down; the caller closes
     * it too (a no-op then) in case the scheduler never started.
     */
    public static HikariDataSource configure(QuartzComponent quartz, ClusterSettings settings, String url, String user,
                                             String password, String dialect) {
        Map<String, Object> properties = properties(quartz.getProperties(), settings, dialect);
        quartz.setProperties(properties);
        // one scheduler name on every node: Camel would prefix it with the context's name
        quartz.setPrefixInstanceName(false);
        HikariConfig config = new HikariConfig();
        config.setPoolName("market-bridge-quartz");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize(settings, properties));
        config.setMinimumIdle(2);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setConnectionInitSql(connectionInitSql(settings, dialect));
        HikariDataSource pool = new HikariDataSource(config);
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new PoolConnections(pool));
        LOG.info("Cluster node {}: Quartz job store in {} (tables {}*), check-in every {} ms, {} connection(s){}",
                settings.nodeId(), dialect, TABLE_PREFIX, settings.checkinInterval().toMillis(), config.getMaximumPoolSize(),
                config.getConnectionInitSql() == null ? "" : ", commits without waiting for the WAL flush");
        return pool;
    }

    /** Quartz's connections come from the job store's own pool, which Quartz closes when its scheduler stops. */
    private record PoolConnections(HikariDataSource pool) implements ConnectionProvider {

        @Override
        public Connection getConnection() throws SQLException {
            return pool.getConnection();
        }

        @Override
        public void shutdown() {
            pool.close();
        }

        @Override
        public void initialize() {
            // the pool is open already
        }
    }
}
