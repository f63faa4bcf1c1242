package io.marketbridge.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.support.Db;
import io.marketbridge.support.H2FileHolder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.h2.engine.SysProperties;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The start waits for a database that is not available yet, says once what it waits for, and then starts; it fails
 * with the reason once marketbridge.db.startup-wait is over, and at once when waiting would not help.
 */
class DatabaseStartupTest {

    @TempDir
    Path dir;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    private Process holder;

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(DatabaseStartup.class)).addAppender(log);
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        ((Logger) LoggerFactory.getLogger(DatabaseStartup.class)).detachAppender(log);
        later.shutdownNow();
        if (holder != null) {
            holder.destroyForcibly();
            holder.waitFor();
        }
    }

    @Test
    void waitsForAnH2FileHeldByAProcessThatIsKilledThenStarts() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db/mb") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        holder = H2FileHolder.start(url, 120_000);
        long t0 = System.nanoTime();
        later.schedule(() -> holder.destroyForcibly(), 3, TimeUnit.SECONDS); // kill -9, as a crash would

        try (HikariDataSource ds = Database.open(url, "sa", "", 2, Duration.ofSeconds(60))) {
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(Db.list(ds, "SELECT DATABASE_PATH()")).containsExactly(dir.resolve("db/mb").toString());
            assertThat(waitedMs).as("waited for the holder to die").isGreaterThanOrEqualTo(2_900);
            System.out.printf("startup wait: H2 file held by a process killed after 3 s: open after %d ms%n", waitedMs);
        }
        assertThat(waitingLines()).singleElement().asString()
                .contains("Waiting up to 60 s for the database: the H2 file " + dir.resolve("db/mb"))
                .contains("held by another process");
    }

    @Test
    void failsWithTheReasonOnceTheWaitIsOver() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("db/mb") + ";DB_CLOSE_ON_EXIT=FALSE";
        holder = H2FileHolder.start(url, 120_000);
        long t0 = System.nanoTime();

        assertThatThrownBy(() -> Database.open(url, "sa", "", 2, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The database did not become available within 2 s (marketbridge.db.startup-wait)")
                .hasMessageContaining("the H2 file " + dir.resolve("db/mb") + " is held by another process");
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(tookMs).isBetween(1_900L, 15_000L);
        assertThat(waitingLines()).hasSize(1);
    }

    /** A URL with AUTO_SERVER uses H2's lock file, which H2 refuses while it was touched in the last seconds. */
    @Test
    void waitsForAnH2LockFileTouchedRecentlyThenStarts() throws Exception {
        Path db = dir.resolve("db/mb");
        Files.createDirectories(db.getParent());
        Path lock = Path.of(db + ".lock.db");
        Files.writeString(lock, "#FileLock\nid=18c0ffee0000000000000000000000000000\nmethod=file\n");
        // the watchdog of another process keeps the lock fresh for 6 s, then that process is gone
        Instant until = Instant.now().plusSeconds(6);
        later.scheduleAtFixedRate(() -> {
            if (Instant.now().isBefore(until)) {
                try {
                    Files.setLastModifiedTime(lock, FileTime.from(Instant.now()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        String url = "jdbc:h2:file:" + db + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        long t0 = System.nanoTime();

        try (HikariDataSource ds = Database.open(url, "sa", "", 1, Duration.ofSeconds(60))) {
            assertThat(Db.count(ds, "SELECT 1")).isEqualTo(1);
        }
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("startup wait: H2 lock file touched for 6 s: open after %d ms%n", waitedMs);
        assertThat(waitedMs).isGreaterThanOrEqualTo(6_000);
        assertThat(waitingLines()).singleElement().asString()
                .contains("Waiting up to 60 s for the database: the H2 lock " + db + ".lock.db")
                .contains("stopped uncleanly");
    }

    @Test
    void waitsForADatabaseServerThatStartsLater() throws Exception {
        int port = freePort();
        AtomicReference<Server> server = new AtomicReference<>();
        later.schedule(() -> {
            server.set(Server.createTcpServer("-tcpPort", String.valueOf(port), "-tcpDaemon", "-ifNotExists").start());
            return null;
        }, 3, TimeUnit.SECONDS);
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:later;DB_CLOSE_DELAY=-1";
        long t0 = System.nanoTime();
        try (HikariDataSource ds = Database.open(url, "sa", "", 1, Duration.ofSeconds(60))) {
            assertThat(Db.count(ds, "SELECT 1")).isEqualTo(1);
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(2_900);
        } finally {
            if (server.get() != null) {
                server.get().stop();
            }
        }
        assertThat(waitingLines()).singleElement().asString()
                .contains("Waiting up to 60 s for the database: The H2 server at 127.0.0.1:" + port
                        + " is not accepting connections yet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "mariadb"})
    void aServerThatDoesNotAcceptConnectionsFailsClearlyAfterTheWait(String vendor) throws Exception {
        int port = freePort(); // closed: nothing listens there
        String url = "jdbc:" + vendor + "://127.0.0.1:" + port + "/mb";
        long t0 = System.nanoTime();
        String name = vendor.equals("postgresql") ? "PostgreSQL" : "MariaDB";

        assertThatThrownBy(() -> Database.open(url, "mb", "secret-password", 2, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The database did not become available within 1 s (marketbridge.db.startup-wait): "
                        + name + " at 127.0.0.1:" + port + " is not accepting connections yet")
                .message().doesNotContain("secret-password");
        assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(900L, 15_000L);
        assertThat(waitingLines()).singleElement().asString()
                .contains("Waiting up to 1 s for the database: " + name + " at 127.0.0.1:" + port);
    }

    @Test
    void aWrongPasswordFailsAtOnceWithoutWaiting() throws Exception {
        String url = "jdbc:h2:mem:startup-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (Connection owner = DriverManager.getConnection(url, "sa", "right")) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> Database.open(url, "sa", "wrong", 2, Duration.ofSeconds(60)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Cannot connect to the database: Wrong user name or password");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
        }
        assertThat(waitingLines()).isEmpty();
    }

    @Test
    void aUrlNoDriverTakesFailsAtOnceWithoutShowingItsParameters() {
        assertThatThrownBy(() -> Database.open("jdbc:nosuchdb://db.example:1/x?password=hunter22", "sa", "", 2,
                Duration.ofSeconds(60)))
                .hasMessageContaining("No JDBC driver for marketbridge.db.url 'jdbc:nosuchdb:...'")
                .message().doesNotContain("hunter22");
        assertThat(waitingLines()).isEmpty();
    }

    /** H2 reads its bind address once; when that would mean every interface, the runtime does not serve H2. */
    @Test
    void theH2ServerIsNotStartedWhenH2WouldListenOnEveryInterface() {
        assumeTrue(SysProperties.BIND_ADDRESS == null || SysProperties.BIND_ADDRESS.isBlank(),
                "this JVM's H2 has a bind address (" + SysProperties.BIND_ADDRESS + "): nothing to check here");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("db/served"));
        ds.setUser("sa");
        assertThatThrownBy(() -> H2Server.start(ds, "127.0.0.1", 0))
                .hasMessageContaining("The H2 server would not listen on 127.0.0.1")
                .hasMessageContaining("-Dh2.bindAddress=127.0.0.1");
    }

    private List<String> waitingLines() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("Waiting")).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
