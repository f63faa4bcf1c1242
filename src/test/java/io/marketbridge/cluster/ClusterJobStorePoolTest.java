package io.marketbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.support.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.quartz.utils.DBConnectionManager;

/**
 * The clustered job store's own pool: its size follows the Quartz thread count unless configured, and on PostgreSQL
 * its sessions commit without waiting for the WAL flush (unless configured to), while the runtime's pool keeps the
 * server's setting; on MariaDB nothing is set.
 */
class ClusterJobStorePoolTest {

    @Test
    void settingsDefaultToAPoolSizedByQuartzAndCommitsWithoutTheFlush() {
        ClusterSettings defaults = ClusterSettings.from(k -> null);
        assertThat(defaults.jobStorePoolSize()).isZero();
        assertThat(defaults.synchronousCommit()).isFalse();
        ClusterSettings set = ClusterSettings.from(Map.of(ClusterSettings.JOB_STORE_POOL_SIZE, "7",
                ClusterSettings.SYNCHRONOUS_COMMIT, "true")::get);
        assertThat(set.jobStorePoolSize()).isEqualTo(7);
        assertThat(set.synchronousCommit()).isTrue();
        assertThatThrownBy(() -> ClusterSettings.from(Map.of(ClusterSettings.JOB_STORE_POOL_SIZE, "-1")::get))
                .hasMessageContaining(ClusterSettings.JOB_STORE_POOL_SIZE);
    }

    @Test
    void thePoolHasAConnectionPerQuartzThreadPlusThreeUnlessConfigured() {
        ClusterSettings settings = settings(0, false);
        assertThat(QuartzJobStore.poolSize(settings, QuartzJobStore.properties(null, settings, "postgresql")))
                .as("Quartz's default of 10 threads").isEqualTo(13);
        Map<String, Object> twenty = new HashMap<>(Map.of("org.quartz.threadPool.threadCount", 20));
        assertThat(QuartzJobStore.poolSize(settings, QuartzJobStore.properties(twenty, settings, "postgresql"))).isEqualTo(23);
        assertThat(QuartzJobStore.poolSize(settings(6, false), QuartzJobStore.properties(twenty, settings, "postgresql")))
                .isEqualTo(6);
    }

    @Test
    void aNodeAcquiresOneTriggerPerTransactionUnlessConfigured() {
        ClusterSettings settings = settings(0, false);
        assertThat(QuartzJobStore.properties(null, settings, "postgresql"))
                .doesNotContainKey("org.quartz.scheduler.batchTriggerAcquisitionMaxCount");
        Map<String, Object> configured = new HashMap<>(Map.of("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", 20));
        assertThat(QuartzJobStore.properties(configured, settings, "postgresql"))
                .containsEntry("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", "20");
    }

    @Test
    void postgreSqlGetsTheTriggerQueriesOfItsOwnDelegateUnlessConfigured() {
        ClusterSettings settings = settings(0, false);
        assertThat(QuartzJobStore.properties(null, settings, "postgresql"))
                .containsEntry("org.quartz.jobStore.driverDelegateClass", PostgreSqlJobStoreDelegate.class.getName());
        assertThat(QuartzJobStore.properties(null, settings, "mariadb"))
                .containsEntry("org.quartz.jobStore.driverDelegateClass", org.quartz.impl.jdbcjobstore.StdJDBCDelegate.class.getName());
    }

    @Test
    void onlyPostgreSqlSessionsSkipTheFlushAndOnlyWhenNotAskedToWait() {
        assertThat(QuartzJobStore.connectionInitSql(settings(0, false), "postgresql")).isEqualTo("SET synchronous_commit TO off");
        assertThat(QuartzJobStore.connectionInitSql(settings(0, true), "postgresql")).isNull();
        assertThat(QuartzJobStore.connectionInitSql(settings(0, false), "mariadb")).isNull();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void thePoolsSessionsOnPostgreSqlCarryTheSetting(boolean synchronousCommit) throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare("postgresql", schema);
        try (HikariDataSource pool = QuartzJobStore.configure(new QuartzComponent(), settings(2, synchronousCommit), url,
                "postgres", "", "postgresql")) {
            String server;
            try (Connection other = java.sql.DriverManager.getConnection(url, "postgres", "")) {
                server = show(other);
            }
            String expected = synchronousCommit ? server : "off";
            assertThat(pool.getMaximumPoolSize()).isEqualTo(2);
            assertThat(show(pool.getConnection())).isEqualTo(expected);
            // Quartz takes its connections from this pool
            assertThat(show(DBConnectionManager.getInstance().getConnection(QuartzJobStore.DATA_SOURCE))).isEqualTo(expected);
        } finally {
            TestDatabases.drop("postgresql", schema);
        }
    }

    private static String show(Connection connection) throws Exception {
        try (connection; Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static ClusterSettings settings(int poolSize, boolean synchronousCommit) {
        return new ClusterSettings(true, "node-p", Duration.ofSeconds(15), Duration.ofSeconds(60), poolSize, synchronousCommit);
    }
}
