package io.marketbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.support.PackagedRuntime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a newcomer meets starting the packaged jar (java -jar target/market-bridge.jar, its own defaults and
 * simulators): a taken management port refuses the start in one line; CAMEL_MANAGEMENT_PORT moves it; the summary
 * names the address bound; log lines carry the offset of marketbridge.zone; a route file with a bad indentation
 * is reported with its line and column; and SIGTERM (Ctrl-C, systemd, docker stop) stops it without an ERROR and
 * without an H2 trace file.
 */
class OperatorStartIT {

    @TempDir
    Path work;

    @Test
    void aTakenManagementPortRefusesTheStartInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path config = ports(Map.of("camel.management.port", String.valueOf(taken.getLocalPort())));
            Path log = work.resolve("taken.log");
            Process p = start(config, log, Map.of());
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the start was refused").isTrue();
            assertThat(p.exitValue()).isEqualTo(1);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(output).contains("Market Bridge could not start: the management port 127.0.0.1:" + taken.getLocalPort()
                    + " is not available").contains("camel.management.port");
            assertThat(output).as("nothing started before the check").doesNotContain("simulators listening").doesNotContain("H2 database served").doesNotContain("\tat ");
            assertThat(output).as("nobody sent a SIGTERM").doesNotContain("SIGTERM");
        }
    }

    @Test
    void theEnvironmentMovesTheManagementPortAndAStopIsClean() throws Exception {
        int port = freePort();
        // the file names a port; the environment's wins
        Path config = ports(Map.of());
        Path log = work.resolve("runtime.log");
        Process p = start(config, log, Map.of("CAMEL_MANAGEMENT_PORT", String.valueOf(port)));
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(p.isAlive()).as("the runtime stopped:%n%s", Files.readString(log)).isTrue();
                return Files.readString(log).contains("job=orders window=");
            });
            assertThat(Files.readString(log)).contains("Health on http://127.0.0.1:" + port + "/observe/health")
                    .doesNotContain("0.0.0.0");
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        } finally {
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped within the shutdown timeout").isTrue();
            PackagedRuntime.keepLog(log, "operator-start-runtime.log");
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        List<String> logLines = output.lines().filter(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d.*")).toList();
        assertThat(logLines).isNotEmpty().allSatisfy(l -> assertThat(l).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+09:00 .*"));
        assertThat(output).as("a clean stop logs no error").doesNotContain(" ERROR ").doesNotContain("\tat ")
                .doesNotContain("Database is already closed").doesNotContain("90121");
        assertThat(output).contains("Database closed");
        try (Stream<Path> files = Files.list(work.resolve("data"))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no H2 trace file").noneMatch(n -> n.endsWith(".trace.db"));
        }
    }

    @Test
    void aBadIndentationInARouteFileIsReportedWithItsLineAndColumn() throws Exception {
        Path routes = Files.createDirectories(work.resolve("routes"));
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.toList()) {
                Files.copy(f, routes.resolve(f.getFileName()));
            }
        }
        // "method" one level deeper than "ref", its sibling: "mapping values are not allowed here"
        Files.writeString(routes.resolve("zz-broken.camel.yaml"), String.join("\n",
                "- route:",
                "    id: broken",
                "    from:",
                "      uri: direct:broken",
                "      steps:",
                "        - bean:",
                "            ref: someBean",
                "              method: call",
                ""));
        Path log = work.resolve("broken.log");
        Process p = start(ports(Map.of()), log, Map.of());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("Market Bridge could not start: ")
                .contains("zz-broken.camel.yaml: not well-formed YAML at line 8, column 21: mapping values are not allowed here");
    }

    private Path ports(Map<String, String> extra) throws IOException {
        // free ports, so the test depends on nothing else of the machine (8080 is often taken)
        Map<String, String> settings = new java.util.TreeMap<>(Map.of("marketbridge.simulators.port", String.valueOf(freePort()),
                "marketbridge.db.h2-server.port", "0", "camel.management.port", String.valueOf(freePort())));
        settings.putAll(extra);
        StringBuilder text = new StringBuilder();
        settings.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        Path config = work.resolve("ports.properties");
        Files.writeString(config, text);
        return config;
    }

    private Process start(Path config, Path log, Map<String, String> env) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of(System.getProperty("user.dir"), "target", "market-bridge.jar").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-jar", jar, "--config", config.toString()));
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
