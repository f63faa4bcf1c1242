package io.marketbridge.claim.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.db.Database;
import io.marketbridge.support.Db;
import io.marketbridge.support.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two nodes claiming MB_CLAIM_ACTION rows at the same time on one database take each row once: PostgreSQL and
 * MariaDB with FOR UPDATE SKIP LOCKED, H2 with a conditional update. A node restarted reclaims its own SENDING rows.
 */
class ClaimActionStoreTest {

    static final int ROWS = 200;

    static ClaimActionStore store(HikariDataSource ds, String node) {
        return new ClaimActionStore(ds, ClaimActionSettings.from(Map.of("marketbridge.node-id", node)::get));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void eachRowIsClaimedOnceByOneOfTwoNodes(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare(vendor, schema);
        try (HikariDataSource ds = Database.open(url, TestDatabases.user(vendor), "", 8)) {
            Database.migrate(ds);
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO MB_CLAIM_ACTION"
                    + " (marketplace, account_id, claim_id, action) VALUES ('COUPANG', 'acct', ?, 'APPROVE_CANCEL')")) {
                for (int i = 0; i < ROWS; i++) {
                    ps.setString(1, String.valueOf(480_000_000 + i));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            List<ClaimActionStore> nodes = List.of(store(ds, "node-a"), store(ds, "node-b"));
            List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> runs = new ArrayList<>();
                for (ClaimActionStore node : nodes) {
                    Callable<Integer> run = () -> {
                        int rounds = 0;
                        List<ClaimActionRow> got;
                        do {
                            got = node.claim(7, Instant.now());
                            got.forEach(r -> claimed.add(r.id()));
                            rounds++;
                        } while (!got.isEmpty() || Db.count(ds, "SELECT COUNT(*) FROM MB_CLAIM_ACTION WHERE status = 'READY'") > 0);
                        return rounds;
                    };
                    runs.add(pool.submit(run));
                }
                for (Future<Integer> f : runs) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            Set<Long> distinct = new HashSet<>(claimed);
            assertThat(claimed).as("no row claimed twice").hasSameSizeAs(distinct);
            assertThat(distinct).hasSize(ROWS);
            long byA = Db.count(ds, "SELECT COUNT(*) FROM MB_CLAIM_ACTION WHERE claimed_by = 'node-a' AND status = 'SENDING'");
            long byB = Db.count(ds, "SELECT COUNT(*) FROM MB_CLAIM_ACTION WHERE claimed_by = 'node-b' AND status = 'SENDING'");
            assertThat(byA + byB).isEqualTo(ROWS);

            // node-a restarts: its SENDING rows are due at once (and read at the marketplace first), node-b's are not
            assertThat(nodes.get(0).reclaimOwn()).isEqualTo((int) byA);
            List<ClaimActionRow> again = nodes.get(0).claim(ROWS, Instant.now());
            assertThat(again).hasSize((int) byA).allSatisfy(r -> assertThat(r.mayHaveReachedMarketplace()).isTrue());
        } finally {
            TestDatabases.drop(vendor, schema);
        }
    }
}
