package io.marketbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.support.Db;
import io.marketbridge.support.DemoAccounts;
import io.marketbridge.support.PackagedRuntime;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command: the packaged jar on its embedded default (its own application.properties: H2 in
 * ./data, files in ./out, the built-in simulators, every demo account), with only the two ports moved to
 * free ones so the test does not depend on 18231 and 8080 being free. Orders of every demo account reach the
 * staging tables and the file drop, and SIGTERM stops it cleanly.
 */
class EmbeddedDefaultIT {

    @TempDir
    Path work;

    @Test
    void theEmbeddedDefaultRunsEveryDemoAccountAndStopsCleanly() throws Exception {
        Path config = work.resolve("ports.properties");
        Files.writeString(config, "marketbridge.simulators.port = " + freePort() + "\ncamel.management.port = " + freePort()
                + "\nmarketbridge.db.h2-server.port = 0\n");
        Path log = work.resolve("runtime.log");
        Map<String, String> demoAccounts = DemoAccounts.all();
        assertThat(demoAccounts).as("demo accounts in application.properties").isNotEmpty();
        Process p = PackagedRuntime.start(work, config, log);
        try {
            // as the README tells an ERP: through the runtime's H2 server
            DataSource db = PackagedRuntime.database(log);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                assertThat(p.isAlive()).as("the runtime stopped; see its output:%n%s", tail(log)).isTrue();
                return countOr(db, "SELECT COUNT(DISTINCT account_id) FROM MB_ORDER") == demoAccounts.size();
            });
            assertThat(PackagedRuntime.h2Url(log)).matches("jdbc:h2:tcp://127\\.0\\.0\\.1:\\d+/market-bridge");
            assertThat(Db.list(db, "SELECT DISTINCT account_id FROM MB_ORDER")).containsExactlyInAnyOrderElementsOf(demoAccounts.keySet());
            try (var files = Files.list(work.resolve("out/json"))) {
                assertThat(files.count()).isPositive();
            }
        } finally {
            p.destroy(); // SIGTERM, as Ctrl-C or systemd would
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped within the shutdown timeout").isTrue();
            PackagedRuntime.keepLog(log, "embedded-default-runtime.log");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(output).doesNotContain("could not start");
        // the runtime closes H2 after its routes: H2's own shutdown hook no longer closes it under a running poll
        assertThat(output).doesNotContain("Database is already closed").doesNotContain("90121");
        assertThat(output.indexOf("Database closed")).as("the database closes after the routes have stopped")
                .isGreaterThan(output.indexOf("Routes stopped")).isPositive();
        demoAccounts.keySet().forEach(id -> assertThat(output).contains("account=" + id + " job=orders"));
        for (String secret : demoSecrets()) {
            assertThat(output).as("a demo secret in the output").doesNotContain(secret);
        }
    }

    /** The values of every secret-like key in application.properties (accounts and simulators). */
    private static List<String> demoSecrets() throws IOException {
        java.util.Properties props = new java.util.Properties();
        try (var in = Files.newBufferedReader(Path.of("application.properties"), StandardCharsets.UTF_8)) {
            props.load(in);
        }
        return props.stringPropertyNames().stream()
                .filter(k -> k.endsWith("secret") || k.endsWith("secret-key") || k.endsWith("api-key"))
                .map(k -> props.getProperty(k).trim())
                .filter(v -> v.length() >= 8 && !v.startsWith("{{"))
                .toList();
    }

    private static long countOr(DataSource db, String sql) {
        try {
            return Db.count(db, sql);
        } catch (RuntimeException e) {
            return -1; // not migrated yet
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
