package io.marketbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.order.OrderJson;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

/**
 * The per-account control endpoints and the operations page of the real runtime, on its management port (loopback,
 * no token): list, pause and resume an account or a job (Quartz trigger and MB_ACCOUNT_PAUSE), run a job now, replay
 * an intake error; actions refused without the script header or from another origin; a pause kept over a restart.
 */
class OperationsEndpointsTest {

    static final String VENDOR_A = "A70000001";
    static final String VENDOR_B = "A70000002";
    static final String SECRET_A = "sk-ops-a-0123456789";
    static final String SECRET_B = "sk-ops-b-0123456789";

    @TempDir
    Path out;

    static Properties management(Properties p) {
        p.setProperty("camel.management.enabled", "true");
        p.setProperty("camel.management.host", "127.0.0.1");
        p.setProperty("camel.management.port", "0");
        p.setProperty("camel.management.health-check-enabled", "true");
        return p;
    }

    private Properties twoAccounts(SimulatorServer simulator) {
        Properties p = management(RuntimeHarness.baseProperties(out));
        RuntimeHarness.coupangAccount(p, "ops-a", simulator.baseUrl(), VENDOR_A, "ak-a", SECRET_A);
        RuntimeHarness.coupangAccount(p, "ops-b", simulator.baseUrl(), VENDOR_B, "ak-b", SECRET_B);
        return p;
    }

    private static Properties withExpiringKey(Properties p) {
        p.setProperty("marketbridge.account.ops-b.key-expires-on",
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Seoul")).plusDays(10).toString());
        return p;
    }

    private static SimulatorServer simulator() {
        return RuntimeHarness.simulator(Map.of(VENDOR_A, new String[] {"ak-a", SECRET_A}, VENDOR_B, new String[] {"ak-b", SECRET_B}));
    }

    @Test
    void listsPausesResumesAndRunsAccountsAndJobs() throws Exception {
        try (SimulatorServer simulator = simulator(); RuntimeHarness runtime = RuntimeHarness.start(twoAccounts(simulator), simulator, out)) {
            String base = base(runtime);
            Scheduler quartz = runtime.context().getComponent("quartz", QuartzComponent.class).getScheduler();
            await().atMost(Duration.ofSeconds(30)).until(() -> quartz.checkExists(TriggerKey.triggerKey("orders/ops-a", "marketbridge-accounts")));

            JsonNode accounts = json(get(base + "/observe/accounts"));
            assertThat(accounts.findValuesAsText("account")).containsExactly("ops-a", "ops-b");
            JsonNode a = accounts.get(0);
            assertThat(a.get("marketplace").asText()).isEqualTo("coupang");
            assertThat(a.get("enabled").asBoolean()).isTrue();
            assertThat(a.get("paused").asBoolean()).isFalse();
            assertThat(a.get("jobs").findValuesAsText("job")).containsExactly("orders", "claims");
            assertThat(a.get("jobs").get(0).get("scheduled").asBoolean()).isTrue();
            assertThat(a.get("jobs").get(0).get("nextFire").asText()).startsWith("2099-");

            // an action needs the script header (or the page's form token) and refuses another origin
            assertThat(post(base + "/observe/accounts/ops-a/pause", Map.of()).statusCode()).isEqualTo(403);
            assertThat(post(base + "/observe/accounts/ops-a/pause", Map.of("X-Requested-By", "test",
                    "Origin", "http://evil.example")).statusCode()).isEqualTo(403);
            assertThat(state(quartz, "orders/ops-a")).isEqualTo(Trigger.TriggerState.NORMAL);

            HttpResponse<String> paused = post(base + "/observe/accounts/ops-a/pause", Map.of("X-Requested-By", "test"));
            assertThat(paused.statusCode()).isEqualTo(200);
            assertThat(json(paused).get("paused").asBoolean()).isTrue();
            assertThat(json(paused).get("jobs").findValuesAsText("paused")).containsOnly("true");
            assertThat(paused.headers().firstValue("X-Requested-By")).isEmpty();
            assertThat(state(quartz, "orders/ops-a")).isEqualTo(Trigger.TriggerState.PAUSED);
            assertThat(state(quartz, "claims/ops-a")).isEqualTo(Trigger.TriggerState.PAUSED);
            assertThat(state(quartz, "orders/ops-b")).isEqualTo(Trigger.TriggerState.NORMAL);
            assertThat(Db.list(runtime.dataSource(), "SELECT job FROM MB_ACCOUNT_PAUSE WHERE account_id = 'ops-a'")).containsExactly("*");

            // one job of a paused account cannot resume alone; the account can
            assertThat(post(base + "/observe/accounts/ops-a/jobs/orders/resume", Map.of("X-Requested-By", "test")).statusCode())
                    .isEqualTo(409);
            assertThat(post(base + "/observe/accounts/ops-a/resume", Map.of("X-Requested-By", "test")).statusCode()).isEqualTo(200);
            assertThat(state(quartz, "orders/ops-a")).isEqualTo(Trigger.TriggerState.NORMAL);

            // one job
            assertThat(post(base + "/observe/accounts/ops-b/jobs/claims/pause", Map.of("X-Requested-By", "test")).statusCode())
                    .isEqualTo(200);
            assertThat(state(quartz, "claims/ops-b")).isEqualTo(Trigger.TriggerState.PAUSED);
            assertThat(state(quartz, "orders/ops-b")).isEqualTo(Trigger.TriggerState.NORMAL);
            JsonNode b = json(get(base + "/observe/accounts/ops-b"));
            assertThat(b.get("paused").asBoolean()).isFalse();
            assertThat(b.get("jobs").get(1).get("paused").asBoolean()).isTrue();
            assertThat(b.get("jobs").get(1).get("nextFire").isNull()).isTrue();

            // run now: the orders poll runs although its trigger fires in 2099
            assertThat(runtime.outcome("ops-a")).isNull();
            assertThat(post(base + "/observe/accounts/ops-a/jobs/orders/run", Map.of("X-Requested-By", "test")).statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> runtime.outcome("ops-a") != null);
            assertThat(runtime.outcome("ops-a").ok()).isTrue();
            JsonNode afterRun = json(get(base + "/observe/accounts/ops-a")).get("jobs").get(0);
            assertThat(afterRun.get("lastResult").asText()).isEqualTo("OK");
            assertThat(afterRun.get("lastSuccess").isNull()).isFalse();
            assertThat(afterRun.get("cursor").isNull()).isFalse();

            // unknown accounts and jobs
            assertThat(get(base + "/observe/accounts/nobody").statusCode()).isEqualTo(404);
            HttpResponse<String> noJob = post(base + "/observe/accounts/ops-a/jobs/stock/pause", Map.of("X-Requested-By", "test"));
            assertThat(noJob.statusCode()).isEqualTo(404);
            assertThat(json(noJob).get("error").asText()).contains("has no job stock");
        }
    }

    @Test
    void aPauseOutlivesARestart() throws Exception {
        try (SimulatorServer simulator = simulator()) {
            Properties p = twoAccounts(simulator); // the same in-memory database (DB_CLOSE_DELAY=-1) for both runs
            try (RuntimeHarness runtime = RuntimeHarness.start(p, simulator, out)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> quartz(runtime).checkExists(TriggerKey.triggerKey("orders/ops-b", "marketbridge-accounts")));
                assertThat(post(base(runtime) + "/observe/accounts/ops-b/jobs/orders/pause", Map.of("X-Requested-By", "test"))
                        .statusCode()).isEqualTo(200);
            }
            try (RuntimeHarness runtime = RuntimeHarness.start(p, simulator, out)) {
                Scheduler quartz = quartz(runtime);
                await().atMost(Duration.ofSeconds(30)).until(() -> quartz.checkExists(TriggerKey.triggerKey("orders/ops-b", "marketbridge-accounts")));
                await().atMost(Duration.ofSeconds(10)).until(() -> state(quartz, "orders/ops-b") == Trigger.TriggerState.PAUSED);
                assertThat(state(quartz, "claims/ops-b")).isEqualTo(Trigger.TriggerState.NORMAL);
                assertThat(json(get(base(runtime) + "/observe/accounts/ops-b")).get("jobs").get(0).get("paused").asBoolean()).isTrue();
            }
        }
    }

    @Test
    void theReplayButtonMarksAnIntakeErrorAndTheReplayRouteTakesIt() throws Exception {
        try (SimulatorServer simulator = simulator(); RuntimeHarness runtime = RuntimeHarness.start(twoAccounts(simulator), simulator, out)) {
            String base = base(runtime);
            Db.update(runtime.dataSource(), "INSERT INTO MB_INTAKE_ERROR (marketplace, account_id, payload_ref, error_type, reason,"
                    + " raw_payload, status, occurrences, created_at, updated_at, full_ref) VALUES ('COUPANG', 'ops-a', '9001',"
                    + " 'MAPPING', 'orderItems is missing', '[{}]', 'OPEN', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '9001')");
            long id = Db.count(runtime.dataSource(), "SELECT error_id FROM MB_INTAKE_ERROR WHERE payload_ref = '9001'");
            assertThat(get(base + "/observe/operations").body()).contains("/observe/intake-errors/" + id + "/replay");

            assertThat(post(base + "/observe/intake-errors/" + id + "/replay", Map.of()).statusCode()).isEqualTo(403);
            HttpResponse<String> marked = post(base + "/observe/intake-errors/" + id + "/replay", Map.of("X-Requested-By", "test"));
            assertThat(marked.statusCode()).isEqualTo(200);
            assertThat(json(marked).get("status").asText()).isEqualTo("REPLAY");
            // the replay route took it: still broken, so it is OPEN again with the replay's reason
            await().atMost(Duration.ofSeconds(20)).until(() -> String.valueOf(Db.list(runtime.dataSource(),
                    "SELECT reason FROM MB_INTAKE_ERROR WHERE error_id = ?", id).get(0)).startsWith("replay failed"));
            assertThat(post(base + "/observe/intake-errors/999999/replay", Map.of("X-Requested-By", "test")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void thePageShowsAccountsStuckShipmentsAndPollsInUtf8WithoutBuyersData() throws Exception {
        try (SimulatorServer simulator = simulator(); RuntimeHarness runtime = RuntimeHarness.start(withExpiringKey(twoAccounts(simulator)),
                simulator, out)) {
            String base = base(runtime);
            Db.update(runtime.dataSource(), "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, line_id, courier, tracking_no,"
                    + " status, attempts, result_code, result_message, created_at, updated_at) VALUES ('COUPANG', 'ops-a', '5001', '1',"
                    + " 'CJ', '123456789012', 'REJECTED', 1, 'INVALID', '송장번호 형식 오류', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            HttpResponse<byte[]> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/observe/operations")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            String html = new String(page.body(), StandardCharsets.UTF_8);
            assertThat(html).contains("<meta charset=\"utf-8\">", "ops-a", "ops-b", "Shipments not transmitted (1)",
                    "송장번호 형식 오류", "API keys near expiry (1)", "Intake errors (0)", "Last polls (0)");
            // ops-b's key expires in 10 days: listed with its day; ops-a's expiry is not known, so it is not
            assertThat(html).contains("<tr><td>ops-b</td><td>coupang</td><td>" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Seoul")).plusDays(10));
            assertThat(html.substring(html.indexOf("id=\"keys\""), html.indexOf("id=\"shipments\"") > 0 ? html.indexOf("id=\"shipments\"")
                    : html.length())).doesNotContain("ops-a");
            assertThat(html).doesNotContain("123456789012"); // the tracking number is not shown
            assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
            // every button carries the page's form token; the form token alone is enough for an action
            String token = html.replaceAll("(?s).*name=\"csrf\" value=\"([0-9a-f]+)\".*", "$1");
            HttpResponse<String> fromPage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/observe/accounts/ops-a/pause"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + token)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fromPage.statusCode()).isEqualTo(303);
            assertThat(fromPage.headers().firstValue("Location")).hasValue("/observe/operations");
            HttpResponse<String> wrongToken = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/observe/accounts/ops-b/pause"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=0000")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(wrongToken.statusCode()).isEqualTo(403);
            assertThat(get(base + "/observe/operations").body()).contains("PAUSED");
        }
    }

    @Test
    void boundBeyondLoopbackTheEndpointsAndThePageNeedTheToken() throws Exception {
        String token = "0123456789abcdef-operations-token";
        try (SimulatorServer simulator = simulator()) {
            Properties p = twoAccounts(simulator);
            p.setProperty("camel.management.host", "0.0.0.0");
            p.setProperty("marketbridge.management.token", token);
            try (RuntimeHarness runtime = RuntimeHarness.start(p, simulator, out)) {
                String base = base(runtime);
                assertThat(get(base + "/observe/accounts").statusCode()).isEqualTo(401);
                assertThat(get(base + "/observe/operations").statusCode()).isEqualTo(401);
                assertThat(post(base + "/observe/accounts/ops-a/pause", Map.of("X-Requested-By", "test")).statusCode()).isEqualTo(401);
                String bearer = "Bearer " + token;
                await().atMost(Duration.ofSeconds(30)).until(() -> quartz(runtime).checkExists(TriggerKey.triggerKey("orders/ops-a", "marketbridge-accounts")));
                assertThat(json(get(base + "/observe/accounts", bearer)).findValuesAsText("account")).containsExactly("ops-a", "ops-b");
                assertThat(post(base + "/observe/accounts/ops-a/pause", Map.of("Authorization", bearer)).statusCode()).isEqualTo(403);
                assertThat(post(base + "/observe/accounts/ops-a/pause", Map.of("Authorization", bearer, "X-Requested-By", "test"))
                        .statusCode()).isEqualTo(200);
                assertThat(state(quartz(runtime), "orders/ops-a")).isEqualTo(Trigger.TriggerState.PAUSED);
            }
        }
    }

    static HttpResponse<String> get(String url, String authorization) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String base(RuntimeHarness runtime) {
        return "http://127.0.0.1:" + runtime.context().hasService(VertxPlatformHttpServer.class).getPort();
    }

    static Scheduler quartz(RuntimeHarness runtime) {
        return runtime.context().getComponent("quartz", QuartzComponent.class).getScheduler();
    }

    static Trigger.TriggerState state(Scheduler quartz, String name) throws Exception {
        return quartz.getTriggerState(TriggerKey.triggerKey(name, "marketbridge-accounts"));
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return OrderJson.mapper().readTree(response.body());
    }
}
