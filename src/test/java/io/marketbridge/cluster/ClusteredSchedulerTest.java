package io.marketbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One clustered node on PostgreSQL and on MariaDB (skipped where the server does not answer): Quartz's job store
 * in the MB_QRTZ_ tables made by Flyway, the triggers reconciled with the configuration at every start (added,
 * changed, removed, the rest kept as they are), accounts fired by the job store; and H2 refused.
 */
class ClusteredSchedulerTest {

    static final String VENDOR = "A00000777";
    static final String OTHER = "A00000778";

    @TempDir
    Path out;

    @Test
    void aClusterOnH2IsRefusedAtStartNamingTheDatabasesThatWork() {
        Properties p = RuntimeHarness.baseProperties(out);
        p.setProperty("marketbridge.cluster.enabled", "true");
        assertThatThrownBy(() -> RuntimeHarness.start(p, null, out).close())
                .hasStackTraceContaining("marketbridge.cluster.enabled = true needs a database every node shares")
                .hasStackTraceContaining("PostgreSQL or MariaDB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void theJobStoreFollowsTheConfigurationAcrossRestarts(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare(vendor, schema);
        try (var simulator = RuntimeHarness.simulator(Map.of(VENDOR, new String[] {"ak", "sk"}, OTHER, new String[] {"ak2", "sk2"}))) {
            Properties p = properties(url, vendor, simulator.baseUrl());
            RuntimeHarness.coupangAccount(p, "cl-a", simulator.baseUrl(), VENDOR, "ak", "sk");
            p.setProperty("marketbridge.account.cl-a.orders.schedule", "0/1 * * * * ?");
            RuntimeHarness.coupangAccount(p, "cl-gone", simulator.baseUrl(), OTHER, "ak2", "sk2");
            long startOfKept;
            try (RuntimeHarness node = RuntimeHarness.start(p, simulator, out)) {
                DataSource db = node.dataSource();
                assertThat(Db.list(db, "SELECT TRIGGER_NAME FROM MB_QRTZ_TRIGGERS WHERE SCHED_NAME = 'MarketBridge' ORDER BY TRIGGER_NAME"))
                        .containsExactly("claims/cl-a", "claims/cl-gone", "orders/cl-a", "orders/cl-gone");
                assertThat(Db.list(db, "SELECT cron_expression FROM MB_QRTZ_CRON_TRIGGERS WHERE trigger_name = 'orders/cl-a'"))
                        .containsExactly("0/1 * * * * ?");
                // the job store fires the account: its poll moves the cursor
                await().atMost(Duration.ofSeconds(30)).until(() -> node.outcome("cl-a") != null && node.outcome("cl-a").ok());
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        Db.count(db, "SELECT COUNT(*) FROM MB_QRTZ_SCHEDULER_STATE WHERE INSTANCE_NAME = 'node-t1'") == 1);
                assertThat(Db.list(db, "SELECT jobs FROM MB_CLUSTER_NODE WHERE node_id = 'node-t1'").get(0).toString())
                        .contains("orders/cl-a=0/1 * * * * ?");
                startOfKept = startTime(db, "claims/cl-a");
            }

            // a trigger's start time has whole seconds: the next start is in a later second than the first one's
            long kept = startOfKept;
            await().pollInterval(Duration.ofMillis(50)).until(() -> System.currentTimeMillis() >= kept + 1000);
            // the next start: cl-gone removed, cl-a on another schedule, cl-new added; claims/cl-a is kept as stored
            Properties q = properties(url, vendor, simulator.baseUrl());
            RuntimeHarness.coupangAccount(q, "cl-a", simulator.baseUrl(), VENDOR, "ak", "sk");
            q.setProperty("marketbridge.account.cl-a.orders.schedule", "0 0/7 * * * ?");
            RuntimeHarness.coupangAccount(q, "cl-new", simulator.baseUrl(), OTHER, "ak2", "sk2");
            try (RuntimeHarness node = RuntimeHarness.start(q, simulator, out)) {
                DataSource again = node.dataSource();
                assertThat(Db.list(again, "SELECT TRIGGER_NAME FROM MB_QRTZ_TRIGGERS WHERE SCHED_NAME = 'MarketBridge' ORDER BY TRIGGER_NAME"))
                        .containsExactly("claims/cl-a", "claims/cl-new", "orders/cl-a", "orders/cl-new");
                assertThat(Db.list(again, "SELECT cron_expression FROM MB_QRTZ_CRON_TRIGGERS WHERE trigger_name = 'orders/cl-a'"))
                        .containsExactly("0 0/7 * * * ?");
                assertThat(startTime(again, "claims/cl-a")).as("a trigger left as it was").isEqualTo(startOfKept);
                assertThat(startTime(again, "orders/cl-a")).as("a trigger replaced").isGreaterThan(startOfKept);
                assertThat(Db.list(again, "SELECT REQUESTS_RECOVERY FROM MB_QRTZ_JOB_DETAILS WHERE JOB_NAME = 'orders/cl-new'"))
                        .allMatch(v -> v.equals(Boolean.TRUE) || "1".equals(v.toString()));
            }
        } finally {
            TestDatabases.drop(vendor, schema);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql"})
    void aNodeWithAnotherAccountSetIsReported(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare(vendor, schema);
        try (var pool = io.marketbridge.db.Database.open(url, TestDatabases.user(vendor), "", 2)) {
            io.marketbridge.db.Database.migrate(pool);
            ClusterNodes a = new ClusterNodes(pool, settings("node-a"), java.time.Clock.systemUTC());
            ClusterNodes b = new ClusterNodes(pool, settings("node-b"), java.time.Clock.systemUTC());
            TreeMap<String, String> jobs = new TreeMap<>(Map.of("orders/x", "0 * * * * ?", "orders/y", "0 * * * * ?"));
            assertThat(a.recordAndCompare(jobs)).isEmpty();
            assertThat(b.recordAndCompare(jobs)).as("the same set").isEmpty();
            TreeMap<String, String> other = new TreeMap<>(Map.of("orders/x", "0 0 * * * ?", "orders/z", "0 * * * * ?"));
            assertThat(b.recordAndCompare(other)).containsExactly("node-a");
            assertThat(ClusterNodes.difference(other, jobs))
                    .isEqualTo("1 job(s) only here (orders/z), 1 only there (orders/y), 1 on another schedule (orders/x)");
        } finally {
            TestDatabases.drop(vendor, schema);
        }
    }

    private static ClusterSettings settings(String node) {
        return new ClusterSettings(true, node, Duration.ofSeconds(15), Duration.ofSeconds(60));
    }

    private static long startTime(DataSource db, String trigger) {
        List<Object> next = Db.list(db, "SELECT START_TIME FROM MB_QRTZ_TRIGGERS WHERE TRIGGER_NAME = ?", trigger);
        return ((Number) next.get(0)).longValue();
    }

    private Properties properties(String url, String vendor, String baseUrl) {
        Properties p = RuntimeHarness.baseProperties(out);
        p.setProperty("marketbridge.db.url", url);
        p.setProperty("marketbridge.db.user", TestDatabases.user(vendor));
        p.setProperty("marketbridge.db.password", "");
        p.setProperty("marketbridge.cluster.enabled", "true");
        p.setProperty("marketbridge.node-id", "node-t1");
        p.setProperty("marketbridge.cluster.checkin-interval-ms", "2000");
        p.setProperty("camel.management.enabled", "false");
        return p;
    }
}
