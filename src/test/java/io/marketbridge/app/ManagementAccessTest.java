package io.marketbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.marketbridge.support.RuntimeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management server (/observe/health, /observe/metrics) of the real runtime: beyond loopback only with a
 * token, and with a token only to requests that carry it.
 */
class ManagementAccessTest {

    private static final String TOKEN = "0123456789abcdef-management-token";

    @TempDir
    Path out;

    private Properties management(String host) {
        Properties p = RuntimeHarness.baseProperties(out);
        p.setProperty("camel.management.enabled", "true");
        p.setProperty("camel.management.host", host);
        p.setProperty("camel.management.port", "0");
        p.setProperty("camel.management.health-check-enabled", "true");
        p.setProperty("camel.management.metrics-enabled", "true");
        p.setProperty("camel.metrics.enabled", "true");
        return p;
    }

    @Test
    void aBindBeyondLoopbackWithoutATokenIsRefusedAtStart() {
        assertThatThrownBy(() -> RuntimeHarness.start(management("0.0.0.0"), null, out).close())
                .hasStackTraceContaining("camel.management.host = 0.0.0.0")
                .hasStackTraceContaining("set marketbridge.management.token");
    }

    @Test
    void aShortTokenIsRefusedAtStart() {
        Properties p = management("127.0.0.1");
        p.setProperty("marketbridge.management.token", "short");
        assertThatThrownBy(() -> RuntimeHarness.start(p, null, out).close())
                .hasStackTraceContaining("marketbridge.management.token is too short");
    }

    @Test
    void withATokenTheEndpointsAnswerOnlyRequestsThatCarryIt() throws Exception {
        Properties p = management("0.0.0.0");
        p.setProperty("marketbridge.management.token", TOKEN);
        try (RuntimeHarness runtime = RuntimeHarness.start(p, null, out)) {
            String base = "http://127.0.0.1:" + port(runtime);
            HttpResponse<String> refused = get(base + "/observe/health", null);
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(get(base + "/observe/metrics", null).statusCode()).isEqualTo(401);
            assertThat(get(base + "/observe/health", "Bearer not-the-token-0123456789").statusCode()).isEqualTo(401);
            assertThat(get(base + "/observe/health", "Basic " + TOKEN).statusCode()).isEqualTo(401);
            assertThat(healthWhenUp(base, "Bearer " + TOKEN).body()).contains("UP");
            assertThat(get(base + "/observe/metrics", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void camelsOwnAuthenticationAlsoAllowsABindBeyondLoopback() throws Exception {
        java.nio.file.Path users = out.resolve("management-users.properties");
        java.nio.file.Files.writeString(users, "user.ops = ops-password-0123,admin\n");
        Properties p = management("0.0.0.0");
        p.setProperty("camel.management.authentication-enabled", "true");
        p.setProperty("camel.management.basic-properties-file", users.toString());
        try (RuntimeHarness runtime = RuntimeHarness.start(p, null, out)) {
            String base = "http://127.0.0.1:" + port(runtime);
            assertThat(get(base + "/observe/health", null).statusCode()).isEqualTo(401);
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("ops:ops-password-0123".getBytes());
            assertThat(healthWhenUp(base, basic).body()).contains("UP");
        }
    }

    @Test
    void onLoopbackWithoutATokenTheEndpointsAnswerAsBefore() throws Exception {
        try (RuntimeHarness runtime = RuntimeHarness.start(management("127.0.0.1"), null, out)) {
            assertThat(healthWhenUp("http://127.0.0.1:" + port(runtime), null).body()).contains("UP");
        }
    }

    @Test
    void loopbackIsTheLoopbackAddressesAndNamesOnly() {
        assertThat(ManagementAccess.isLoopback("127.0.0.1")).isTrue();
        assertThat(ManagementAccess.isLoopback("::1")).isTrue();
        assertThat(ManagementAccess.isLoopback("localhost")).isTrue();
        assertThat(ManagementAccess.isLoopback("0.0.0.0")).isFalse();
        assertThat(ManagementAccess.isLoopback("::")).isFalse();
        assertThat(ManagementAccess.isLoopback("192.168.0.10")).isFalse();
    }

    private static int port(RuntimeHarness runtime) {
        // the port the management server's Vert.x server actually bound (it was given port 0)
        return runtime.context().hasService(VertxPlatformHttpServer.class).getPort();
    }

    /** The health answer once the runtime has finished starting (503 until then). */
    private static HttpResponse<String> healthWhenUp(String base, String authorization) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> get(base + "/observe/health", authorization), r -> r.statusCode() == 200);
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
