package io.marketbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.support.RuntimeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /observe/accounts/<id>/check on a running node: the connection test as JSON, behind the management token. */
class AccountCheckEndpointTest {

    private static final String TOKEN = "0123456789abcdef-management-token";

    @TempDir
    Path out;

    @Test
    void theCheckAnswersWithTheTokenOnly() throws Exception {
        try (SimulatorServer simulator = RuntimeHarness.simulator(Map.of("A00000001", new String[] {"ak-1", "sk-1"}))) {
            Properties p = RuntimeHarness.baseProperties(out);
            p.setProperty("camel.management.enabled", "true");
            p.setProperty("camel.management.host", "0.0.0.0");
            p.setProperty("camel.management.port", "0");
            p.setProperty("camel.management.health-check-enabled", "true");
            p.setProperty("marketbridge.management.token", TOKEN);
            RuntimeHarness.coupangAccount(p, "acme", simulator.baseUrl(), "A00000001", "ak-1", "sk-1");
            RuntimeHarness.coupangAccount(p, "acme-wrong", simulator.baseUrl(), "A00000001", "ak-1", "not-sk-1");
            p.setProperty("marketbridge.account.acme.key-expires-on", "2999-01-01");
            try (RuntimeHarness runtime = RuntimeHarness.start(p, simulator, out)) {
                String base = "http://127.0.0.1:" + runtime.context().hasService(VertxPlatformHttpServer.class).getPort()
                        + "/observe/accounts/";
                assertThat(get(base + "acme/check", null).statusCode()).isEqualTo(401);

                HttpResponse<String> ok = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                        .until(() -> get(base + "acme/check", "Bearer " + TOKEN), r -> r.statusCode() != 404);
                assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
                assertThat(ok.body()).contains("\"account\":\"acme\"", "\"marketplace\":\"coupang\"", "\"outcome\":\"OK\"")
                        .containsPattern("\"keyDaysLeft\":\\d+");

                HttpResponse<String> wrong = get(base + "acme-wrong/check", "Bearer " + TOKEN);
                assertThat(wrong.statusCode()).isEqualTo(503);
                assertThat(wrong.body()).contains("\"outcome\":\"CONFIGURATION\"", "HTTP 401").doesNotContain("not-sk-1");
            }
        }
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
