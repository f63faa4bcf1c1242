package io.marketbridge.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.db.Database;
import io.marketbridge.schedule.AccountPauses.Pause;
import io.marketbridge.support.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MB_ACCOUNT_PAUSE (migration V10) on each database: pausing twice is one pause, resuming a job leaves the others,
 * resuming the account clears its job pauses. PostgreSQL and MariaDB cases skip when the server is absent.
 */
class AccountPausesDatabasesTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void pausesAreKeptPerAccountAndJob(String vendor) throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare(vendor, schema);
        try (HikariDataSource db = Database.open(url, TestDatabases.user(vendor), "", 2, Duration.ofSeconds(5))) {
            Database.migrate(db);
            AccountPauses pauses = new AccountPauses(db, Clock.systemUTC());
            assertThat(pauses.all()).isEmpty();

            pauses.pause("acct-1", "orders");
            pauses.pause("acct-1", "orders");
            pauses.pause("acct-1", "claims");
            pauses.pause("acct-2", AccountPauses.WHOLE_ACCOUNT);
            assertThat(pauses.all()).containsExactly(new Pause("acct-1", "claims"), new Pause("acct-1", "orders"),
                    new Pause("acct-2", "*"));
            assertThat(AccountPauses.isPaused(pauses.all(), "acct-2", "orders")).isTrue();
            assertThat(AccountPauses.isPaused(pauses.all(), "acct-3", "orders")).isFalse();

            pauses.resume("acct-1", "claims");
            assertThat(pauses.all()).containsExactly(new Pause("acct-1", "orders"), new Pause("acct-2", "*"));
            pauses.pause("acct-1", AccountPauses.WHOLE_ACCOUNT);
            pauses.resume("acct-1", AccountPauses.WHOLE_ACCOUNT);
            assertThat(pauses.all()).containsExactly(new Pause("acct-2", "*"));
        } finally {
            TestDatabases.drop(vendor, schema);
        }
    }
}
