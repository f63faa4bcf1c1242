package io.marketbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.db.Database;
import io.marketbridge.support.TestDatabases;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three nodes' budgets on one database (skipped where it does not answer) hand out the slots of one key so that no
 * sliding period holds more than the limit, however many calls ask at once; other keys are not held up.
 */
class RateBudgetDatabasesTest {

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void threeNodesNeverPutMoreThanTheLimitIntoOnePeriod(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare(vendor, schema);
        try (var pool = Database.open(url, TestDatabases.user(vendor), "", 12)) {
            Database.migrate(pool);
            List<RateBudget> nodes = List.of(new RateBudget(pool, true, Clock.systemUTC()),
                    new RateBudget(pool, true, Clock.systemUTC()), new RateBudget(pool, true, Clock.systemUTC()));
            ExecutorService callers = Executors.newFixedThreadPool(9);
            List<Future<Long>> slots = new ArrayList<>();
            for (int i = 0; i < 45; i++) {
                RateBudget node = nodes.get(i % 3);
                slots.add(callers.submit(() -> node.slotAt("coupang-api", "A001", 5, 1000L)));
            }
            long otherKeyWait = nodes.get(0).waitMs("coupang-api", "A002", 5, 1000L);
            List<Long> at = new ArrayList<>();
            for (Future<Long> f : slots) {
                at.add(f.get());
            }
            callers.shutdown();
            Collections.sort(at);
            int most = 0;
            for (int i = 0; i < at.size(); i++) {
                int j = i;
                while (j < at.size() && at.get(j) - at.get(i) < 1000) {
                    j++;
                }
                most = Math.max(most, j - i);
            }
            assertThat(most).as("slots within any 1000 ms").isLessThanOrEqualTo(5);
            assertThat(at.get(at.size() - 1) - at.get(0)).as("45 calls at 5 per second").isGreaterThanOrEqualTo(8 * 1000);
            assertThat(otherKeyWait).as("another vendor's first call").isZero();
            assertThat(new RateBudget(pool, false, Clock.systemUTC()).waitMs("coupang-api", "A001", 5, 1000L))
                    .as("outside a cluster").isZero();
        } finally {
            TestDatabases.drop(vendor, schema);
        }
    }
}
