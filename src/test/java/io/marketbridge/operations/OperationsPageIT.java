package io.marketbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.order.OrderJson;
import io.marketbridge.support.Db;
import io.marketbridge.support.DemoAccounts;
import io.marketbridge.support.HeadlessChromium;
import io.marketbridge.support.PackagedRuntime;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operations page of the packaged runtime on its own demo configuration, in a real headless Chromium: it loads
 * as UTF-8 (Korean text renders), lists every demo account, and its pause button pauses the account (the page shows
 * it paused, and its Quartz triggers are paused); SIGHUP then reloads the configuration without stopping it.
 * Skipped where Chromium is not installed.
 */
class OperationsPageIT {

    @TempDir
    Path work;

    @Test
    void thePageListsTheDemoAccountsAndItsPauseButtonPauses() throws Exception {
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            int management = freePort();
            Path config = work.resolve("ports.properties");
            Files.writeString(config, "marketbridge.simulators.port = " + freePort() + "\ncamel.management.port = " + management
                    + "\nmarketbridge.db.h2-server.port = 0\n");
            Path log = work.resolve("runtime.log");
            Set<String> demoAccounts = DemoAccounts.all().keySet();
            String base = "http://127.0.0.1:" + management;
            Process runtime = PackagedRuntime.start(work, config, log);
            try {
                // every demo account has its triggers once the runtime has started
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                    assertThat(runtime.isAlive()).as("the runtime stopped; see %s", log).isTrue();
                    JsonNode accounts = accounts(base + "/observe/accounts");
                    return accounts.size() == demoAccounts.size() && accounts.findValues("scheduled").stream().allMatch(JsonNode::asBoolean);
                });
                DataSource db = PackagedRuntime.database(log);
                Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, line_id, status, attempts, result_code,"
                        + " result_message, created_at, updated_at) VALUES ('COUPANG', 'demo-coupang-a', '7001', '1', 'REJECTED', 1,"
                        + " 'INVALID', '송장번호 형식 오류', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");

                browser.open(base + OperationsPage.PATH);
                assertThat(browser.script("return document.characterSet").asText()).isEqualTo("UTF-8");
                assertThat(browser.script("return document.title").asText()).isEqualTo("Market Bridge operations");
                for (String account : demoAccounts) {
                    assertThat(browser.findAll("tr[data-account='" + account + "']")).as(account).isNotEmpty();
                }
                assertThat(browser.text(browser.find("#shipments + table"))).contains("송장번호 형식 오류", "demo-coupang-a");

                browser.click(browser.find("tr[data-account='demo-coupang-a'] button[data-action='pause-account']"));
                // the form posts, and the answer sends the browser back to the page
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> browser.text(
                        browser.find("tr[data-account='demo-coupang-a'] td.account-state")).contains("PAUSED"));
                assertThat(browser.text(browser.find("tr[data-account='demo-coupang-b'] td.account-state"))).contains("active");

                JsonNode paused = accounts(base + "/observe/accounts/demo-coupang-a");
                assertThat(paused.get("paused").asBoolean()).isTrue();
                assertThat(paused.get("jobs").findValuesAsText("trigger")).isNotEmpty().containsOnly("PAUSED");
                assertThat(accounts(base + "/observe/accounts/demo-coupang-b").get("jobs").findValuesAsText("trigger"))
                        .doesNotContain("PAUSED");

                // SIGHUP reloads the configuration (nothing changed) and the runtime keeps running, its pause kept; a
                // runtime started with SIGHUP ignored (this test under nohup) says so at start: then the endpoint reloads
                if (Files.readString(log, StandardCharsets.UTF_8).contains("SIGHUP is ignored in this process")) {
                    HttpResponse<String> reload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/observe/reload"))
                            .header("X-Requested-By", "test").POST(HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(reload.statusCode()).isEqualTo(200);
                } else {
                    new ProcessBuilder("kill", "-HUP", String.valueOf(runtime.pid())).start().waitFor(10, TimeUnit.SECONDS);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log, StandardCharsets.UTF_8)
                        .contains("Configuration reloaded: added [], changed [], removed []"));
                assertThat(runtime.isAlive()).isTrue();
                assertThat(accounts(base + "/observe/accounts/demo-coupang-a").get("jobs").findValuesAsText("trigger"))
                        .containsOnly("PAUSED");
            } finally {
                runtime.destroy();
                runtime.waitFor(60, TimeUnit.SECONDS);
                PackagedRuntime.keepLog(log, "operations-page-runtime.log");
            }
        }
    }

    private static JsonNode accounts(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return OrderJson.mapper().readTree(response.body());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
