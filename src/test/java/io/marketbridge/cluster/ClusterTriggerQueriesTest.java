package io.marketbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.db.Database;
import io.marketbridge.support.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quartz.TriggerKey;
import org.quartz.simpl.SimpleClassLoadHelper;
import org.slf4j.LoggerFactory;

/**
 * The trigger queries of {@link PostgreSqlJobStoreDelegate} on PostgreSQL (skipped where it does not answer): the same
 * triggers in the same order as Quartz's own delegate picks them, at most as many as asked for, and whether more
 * misfired triggers are left; and the tables' statistics refreshed after a reconciliation.
 */
class ClusterTriggerQueriesTest {

    @Test
    void dueAndMisfiredTriggersComeInFireTimeThenPriorityOrderUpToTheLimit() throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare("postgresql", schema);
        try (HikariDataSource db = Database.open(url, "postgres", "", 2)) {
            Database.migrate(db);
            long now = 1_800_000_000_000L;
            try (Connection c = db.getConnection()) {
                job(c);
                // name, next fire time, priority, state, misfire instruction (-1: never a misfire)
                trigger(c, "late-a", now - 120_000, 5, "WAITING", 1);
                trigger(c, "late-b", now - 90_000, 5, "WAITING", 1);
                trigger(c, "late-ignores", now - 100_000, 5, "WAITING", -1);
                trigger(c, "due-low", now - 1_000, 1, "WAITING", 1);
                trigger(c, "due-high", now - 1_000, 9, "WAITING", 1);
                trigger(c, "due-paused", now - 1_000, 5, "PAUSED", 1);
                trigger(c, "soon", now + 20_000, 5, "WAITING", 1);
                trigger(c, "later", now + 120_000, 5, "WAITING", 1);

                PostgreSqlJobStoreDelegate delegate = new PostgreSqlJobStoreDelegate();
                delegate.initialize(LoggerFactory.getLogger(getClass()), QuartzJobStore.TABLE_PREFIX, QuartzJobStore.SCHEDULER_NAME,
                        "node-q", new SimpleClassLoadHelper(), true, null);
                long noLaterThan = now + 30_000;
                long misfireTime = now - 60_000;
                assertThat(names(delegate.selectTriggerToAcquire(c, noLaterThan, misfireTime, 10)))
                        .as("not misfired (except the one that never misfires), waiting, due within 30 s: by time, then priority")
                        .containsExactly("late-ignores", "due-high", "due-low", "soon");
                assertThat(names(delegate.selectTriggerToAcquire(c, noLaterThan, misfireTime, 2))).containsExactly("late-ignores", "due-high");
                assertThat(names(delegate.selectTriggerToAcquire(c, noLaterThan, misfireTime, 0))).containsExactly("late-ignores");

                assertThat(delegate.countMisfiredTriggersInState(c, "WAITING", misfireTime)).isEqualTo(2);
                List<TriggerKey> some = new ArrayList<>();
                assertThat(delegate.hasMisfiredTriggersInState(c, "WAITING", misfireTime, 1, some)).as("one more left").isTrue();
                assertThat(names(some)).containsExactly("late-a");
                List<TriggerKey> two = new ArrayList<>();
                assertThat(delegate.hasMisfiredTriggersInState(c, "WAITING", misfireTime, 2, two)).isFalse();
                assertThat(names(two)).containsExactly("late-a", "late-b");
                List<TriggerKey> all = new ArrayList<>();
                assertThat(delegate.hasMisfiredTriggersInState(c, "WAITING", misfireTime, -1, all)).as("no limit").isFalse();
                assertThat(names(all)).containsExactly("late-a", "late-b");

                // the statistics the planner needs to look a trigger up by its key, refreshed after reconciling
                ClusterNodes nodes = new ClusterNodes(db, new ClusterSettings(true, "node-q", java.time.Duration.ofSeconds(15),
                        java.time.Duration.ofSeconds(60)), java.time.Clock.systemUTC());
                nodes.analyzeJobStore();
                try (var st = c.createStatement(); var rs = st.executeQuery(
                        "SELECT reltuples FROM pg_class WHERE oid = 'mb_qrtz_triggers'::regclass")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(8);
                }
            }
        } finally {
            TestDatabases.drop("postgresql", schema);
        }
    }

    private static List<String> names(List<TriggerKey> keys) {
        return keys.stream().map(TriggerKey::getName).toList();
    }

    private static void job(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO MB_QRTZ_JOB_DETAILS (SCHED_NAME, JOB_NAME, JOB_GROUP,"
                + " JOB_CLASS_NAME, IS_DURABLE, IS_NONCONCURRENT, IS_UPDATE_DATA, REQUESTS_RECOVERY) VALUES (?, 'j', 'g', 'x', true, true, false, true)")) {
            ps.setString(1, QuartzJobStore.SCHEDULER_NAME);
            ps.executeUpdate();
        }
    }

    private static void trigger(Connection c, String name, long next, int priority, String state, int misfire) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO MB_QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_NAME, TRIGGER_GROUP,"
                + " JOB_NAME, JOB_GROUP, NEXT_FIRE_TIME, PRIORITY, TRIGGER_STATE, TRIGGER_TYPE, START_TIME, MISFIRE_INSTR)"
                + " VALUES (?, ?, 'g', 'j', 'g', ?, ?, ?, 'CRON', 0, ?)")) {
            ps.setString(1, QuartzJobStore.SCHEDULER_NAME);
            ps.setString(2, name);
            ps.setLong(3, next);
            ps.setInt(4, priority);
            ps.setString(5, state);
            ps.setInt(6, misfire);
            ps.executeUpdate();
        }
    }
}
