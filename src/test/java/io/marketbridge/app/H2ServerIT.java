package io.marketbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.marketbridge.support.DemoAccounts;
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
 * The packaged runtime serves its H2 file to the ERP on 127.0.0.1 only: a client on this machine reads the
 * staging tables over TCP, while the port is closed on every other address of the machine, and no H2 lock file
 * (with the id AUTO_SERVER would hand out) is written.
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

    private static boolean up(NetworkInterface i) {
        try {
            return i.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
