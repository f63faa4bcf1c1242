package io.marketbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's command line: --help, --version, a wrong argument, and check against the built-in simulators
 * (one account with the right keys, one with a wrong key, one whose base-url nobody answers).
 */
class CheckCommandIT {

    @TempDir
    Path work;

    @Test
    void checkPrintsOneRowPerAccountAndExitsOneWhenAnyIsNotOk() throws Exception {
        Path config = work.resolve("check.properties");
        Files.writeString(config, String.join("\n",
                "marketbridge.simulators.port = " + freePort(),
                "marketbridge.account.demo-coupang-b.secret-key = not-the-demo-secret",
                "marketbridge.account.demo-coupang-a.key-expires-on = 2999-12-31",
                "marketbridge.account.nowhere.marketplace = elevenst",
                "marketbridge.account.nowhere.base-url = http://127.0.0.1:" + freePort(),
                "marketbridge.account.nowhere.api-key = demo11stOpenApiKeyA0000001",
                ""));
        Run run = jar("check", "--config", config.toString(), "demo-coupang-a", "demo-coupang-b", "nowhere");

        assertThat(run.exitCode).as(run.output).isEqualTo(1);
        assertThat(row(run, "demo-coupang-a")).contains("coupang", " OK ").containsPattern(" \\d{6} ");
        assertThat(row(run, "demo-coupang-b")).contains("CONFIGURATION", "HTTP 401", "secret-key");
        assertThat(row(run, "nowhere")).contains("elevenst", "TRANSIENT", "no answer");
        assertThat(run.output).doesNotContain("not-the-demo-secret").doesNotContain("demo-simulator-secret-a");
        // nothing of the runtime: no database, no file drop
        assertThat(work.resolve("data")).doesNotExist();
        assertThat(work.resolve("out")).doesNotExist();
    }

    @Test
    void checkExitsZeroWhenEveryAccountIsOk() throws Exception {
        Path config = work.resolve("ports.properties");
        Files.writeString(config, "marketbridge.simulators.port = " + freePort() + "\n");
        Run run = jar("check", "--config", config.toString(), "demo-coupang-a", "demo-naver-a");
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(row(run, "demo-naver-a")).contains(" OK ");
    }

    @Test
    void helpVersionAndAWrongArgument() throws Exception {
        Run help = jar("--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.output).contains("--config=FILE", "--version", "simulate", "check");

        Run version = jar("--version");
        assertThat(version.exitCode).isZero();
        assertThat(version.output.trim()).isEqualTo("Market Bridge " + projectVersion());

        Run wrong = jar("--no-such-option");
        assertThat(wrong.exitCode).isEqualTo(2);
        assertThat(wrong.output).contains("Unknown option: '--no-such-option'", "Usage:", "check");
    }

    private static String row(Run run, String account) {
        return run.output.lines().filter(l -> l.startsWith(account + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + account + " in:\n" + run.output));
    }

    record Run(int exitCode, String output) {
    }

    private Run jar(String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of(System.getProperty("user.dir"), "target", "market-bridge.jar").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile(work, "run", ".log");
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the command ended").isTrue();
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String projectVersion() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        int artifact = pom.indexOf("<artifactId>market-bridge</artifactId>");
        int start = pom.indexOf("<version>", artifact) + "<version>".length();
        return pom.substring(start, pom.indexOf("</version>", start));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
