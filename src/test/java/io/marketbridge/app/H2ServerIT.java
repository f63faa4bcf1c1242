package io.marketbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.marketbridge.support.DemoAccounts;
import io.marketbridge.support.H2FileHolder;
import io.marketbridge.support.PackagedRuntime;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged runtime and its H2 file: it serves the file to the ERP on 127.0.0.1 only (a client on this machine
 * reads the staging tables over TCP, while the port is closed on every other address of the machine, and no H2
 * lock file with the id AUTO_SERVER would hand out is written); started while another process holds the file, it
 * waits for it, and gives up with the reason once marketbridge.db.startup-wait is over.
 */
class H2ServerIT {

    @TempDir
    Path work;

    @Test
    void theH2ServerAnswersOnLoopbackOnlyAndServesOnlyTheRuntimesDatabase() throws Exception {
        Path config = work.resolve("h2.properties");
        Files.writeString(config, String.join("\n",
                "camel.main.routes-include-pattern = file:" + Path.of(System.getProperty("user.dir"), "routes").toAbsolutePath() + "/*.camel.yaml",
                "camel.management.enabled = false",
                "marketbridge.simulators.enabled = false",
                "marketbridge.db.url = jdbc:h2:file:" + work.resolve("db/mb") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                "marketbridge.db.h2-server.port = 0",
                "marketbridge.sink.file.dir = " + work.resolve("out"),
                DemoAccounts.disabledLines().strip(), ""));
        Path log = work.resolve("runtime.log");
        Process p = PackagedRuntime.start(work, config, log);
        int port;
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                assertThat(p.isAlive()).as("the runtime stopped; see %s", log).isTrue();
                return PackagedRuntime.databaseOpenedCount(log) > 0;
            });
            String url = PackagedRuntime.h2Url(log);
            port = URI.create(url.substring("jdbc:h2:".length())).getPort();

            // on 127.0.0.1: the staging tables, read over TCP while the runtime holds the file
            try (Connection c = DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + port + "/market-bridge", "sa", "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM MB_ORDER")) {
                assertThat(rs.next()).isTrue();
            }
            // that database only: another name is refused
            assertThatThrownBy(() -> DriverManager.getConnection("jdbc:h2:tcp://127.0.0.1:" + port + "/" + work.resolve("other"), "sa", ""))
                    .isInstanceOf(SQLException.class);
            assertThat(work.resolve("db/mb.lock.db")).as("no AUTO_SERVER lock file with a server id").doesNotExist();

            // on every other address of this machine: nothing listens
            List<InetAddress> others = NetworkInterface.networkInterfaces()
                    .filter(H2ServerIT::up)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> !a.isLoopbackAddress() && !(a instanceof Inet6Address && a.isLinkLocalAddress()))
                    .toList();
            assumeTrue(!others.isEmpty(), "this machine has no non-loopback address: only 127.0.0.1 was checked");
            for (InetAddress address : others) {
                try (Socket s = new Socket()) {
                    assertThatThrownBy(() -> s.connect(new InetSocketAddress(address, port), 2000))
                            .as("the H2 port %d on %s", port, address.getHostAddress())
                            .isInstanceOf(ConnectException.class);
                }
                System.out.printf("H2 server: port %d closed on %s%n", port, address.getHostAddress());
            }
        } finally {
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            PackagedRuntime.keepLog(log, "h2-server-runtime.log");
        }
        try (Socket s = new Socket()) {
            assertThatThrownBy(() -> s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000))
                    .as("the H2 server stops with the runtime").isInstanceOf(ConnectException.class);
        }
    }

    /** Started while another process holds the H2 file, the runtime waits, says so once, and starts when it is free. */
    @Test
    void aRuntimeStartedWhileItsH2FileIsHeldWaitsThenStarts() throws Exception {
        Path log = work.resolve("runtime.log");
        Process holder = H2FileHolder.start(dbUrl(), 600_000);
        Process p = PackagedRuntime.start(work, config("PT60S"), log);
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                assertThat(p.isAlive()).as("the runtime stopped; see %s", log).isTrue();
                return Files.readString(log).contains("Waiting up to 60 s for the database: the H2 file");
            });
            holder.destroyForcibly(); // the holder dies, as a killed runtime would
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                assertThat(p.isAlive()).as("the runtime stopped:%n%s", Files.readString(log)).isTrue();
                return PackagedRuntime.databaseOpenedCount(log) > 0;
            });
            assertThat(Files.readString(log).lines().filter(l -> l.contains("Waiting up to"))).hasSize(1);
        } finally {
            holder.destroyForcibly();
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aRuntimeWhoseH2FileStaysHeldGivesUpWithTheReason() throws Exception {
        Path log = work.resolve("runtime.log");
        Process holder = H2FileHolder.start(dbUrl(), 600_000);
        try {
            Process p = PackagedRuntime.start(work, config("PT3S"), log);
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the runtime gives up").isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
            assertThat(Files.readString(log)).contains("Market Bridge could not start: The database did not become"
                    + " available within 3 s (marketbridge.db.startup-wait): the H2 file " + work.resolve("db/mb")
                    + " is held by another process");
        } finally {
            holder.destroyForcibly();
        }
    }

    private String dbUrl() {
        return "jdbc:h2:file:" + work.resolve("db/mb") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    private Path config(String startupWait) throws java.io.IOException {
        Path config = work.resolve("wait.properties");
        Files.writeString(config, String.join("\n",
                "camel.main.routes-include-pattern = file:" + Path.of(System.getProperty("user.dir"), "routes").toAbsolutePath() + "/*.camel.yaml",
                "camel.management.enabled = false",
                "marketbridge.simulators.enabled = false",
                "marketbridge.db.url = " + dbUrl(),
                "marketbridge.db.startup-wait = " + startupWait,
                "marketbridge.db.h2-server.port = 0",
                "marketbridge.sink.file.dir = " + work.resolve("out"),
                DemoAccounts.disabledLines().strip(), ""));
        return config;
    }

    private static boolean up(NetworkInterface i) {
        try {
            return i.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
