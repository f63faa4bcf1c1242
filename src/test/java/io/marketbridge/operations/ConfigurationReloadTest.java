package io.marketbridge.operations;

import static io.marketbridge.operations.OperationsEndpointsTest.get;
import static io.marketbridge.operations.OperationsEndpointsTest.json;
import static io.marketbridge.operations.OperationsEndpointsTest.post;
import static io.marketbridge.operations.OperationsEndpointsTest.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.app.RuntimeSetup;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.intake.PollReport;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.support.RuntimeHarness;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

/**
 * POST /observe/reload on a runtime started from a property file: accounts added to the file start, removed ones
 * stop, changed ones restart with their new settings (and keep their stored pause), the others are left alone;
 * a running poll of a changed account finishes before the reload applies.
 */
class ConfigurationReloadTest {

    static final String VENDOR = "A71000001";
    static final String SECRET = "sk-reload-0123456789";
    static final String GROUP = "marketbridge-accounts";

    @TempDir
    Path out;

    @Test
    void addsChangesAndRemovesAccountsAfterTheirRunningPollsFinish() throws Exception {
        try (SimulatorServer simulator = RuntimeHarness.simulator(Map.of(VENDOR, new String[] {"ak", SECRET}))) {
            Properties p = OperationsEndpointsTest.management(RuntimeHarness.baseProperties(out));
            for (String id : new String[] {"r-a", "r-b", "r-c"}) {
                RuntimeHarness.coupangAccount(p, id, simulator.baseUrl(), VENDOR, "ak", SECRET);
            }
            Path config = out.resolve("accounts.properties");
            write(config, p);
            Main main = new Main();
            main.setPropertyPlaceholderLocations("file:" + config);
            main.addMainListener(new RuntimeSetup());
            main.start();
            try {
                CamelContext context = main.getCamelContext();
                String base = "http://127.0.0.1:" + context.hasService(VertxPlatformHttpServer.class).getPort();
                Scheduler quartz = context.getComponent("quartz", QuartzComponent.class).getScheduler();
                await().atMost(Duration.ofSeconds(30)).until(() -> quartz.checkExists(TriggerKey.triggerKey("orders/r-c", GROUP)));
                assertThat(post(base + "/observe/accounts/r-b/pause", Map.of("X-Requested-By", "test")).statusCode()).isEqualTo(200);

                // a slow poll of r-b is running when the reload asks to change r-b
                simulator.get(CoupangSimulator.class).faults().latencyMs = 700;
                assertThat(post(base + "/observe/accounts/r-b/jobs/orders/run", Map.of("X-Requested-By", "test")).statusCode())
                        .isEqualTo(200);
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        json(get(base + "/observe/accounts/r-b")).get("jobs").get(0).get("running").asBoolean());

                p.setProperty("marketbridge.account.r-b.orders.schedule", "0 0 0 2 1 ? 2099");
                p.stringPropertyNames().stream().filter(k -> k.startsWith("marketbridge.account.r-c.")).forEach(p::remove);
                RuntimeHarness.coupangAccount(p, "r-d", simulator.baseUrl(), VENDOR, "ak", SECRET);
                write(config, p);

                HttpResponse<String> reloaded = post(base + "/observe/reload", Map.of("X-Requested-By", "test"));
                PollReport.Outcome slowPoll = context.getRegistry().lookupByNameAndType("pollReport", PollReport.class)
                        .lastOutcomes().get("r-b/orders");
                assertThat(slowPoll).as("the running poll of r-b ended before the reload answered").isNotNull();
                assertThat(slowPoll.ok()).isTrue();
                simulator.get(CoupangSimulator.class).faults().latencyMs = 0;

                assertThat(reloaded.statusCode()).isEqualTo(200);
                JsonNode result = json(reloaded);
                assertThat(result.get("added").toString()).isEqualTo("[\"r-d\"]");
                assertThat(result.get("changed").toString()).isEqualTo("[\"r-b\"]");
                assertThat(result.get("removed").toString()).isEqualTo("[\"r-c\"]");

                assertThat(quartz.checkExists(TriggerKey.triggerKey("orders/r-c", GROUP))).isFalse();
                assertThat(quartz.checkExists(TriggerKey.triggerKey("claims/r-c", GROUP))).isFalse();
                assertThat(quartz.checkExists(TriggerKey.triggerKey("orders/r-d", GROUP))).isTrue();
                Trigger changed = quartz.getTrigger(TriggerKey.triggerKey("orders/r-b", GROUP));
                assertThat(changed.getNextFireTime().toInstant().toString()).startsWith("2099-01-0");
                assertThat(state(quartz, "orders/r-b")).isEqualTo(Trigger.TriggerState.PAUSED); // its pause is kept
                assertThat(state(quartz, "orders/r-a")).isEqualTo(Trigger.TriggerState.NORMAL);
                AccountRegistry accounts = context.getRegistry().lookupByNameAndType("accountRegistry", AccountRegistry.class);
                assertThat(accounts.accounts()).extracting(a -> a.id()).containsExactly("r-a", "r-b", "r-d");
                assertThat(get(base + "/observe/accounts/r-c").statusCode()).isEqualTo(404);

                // a reload that finds nothing changed changes nothing
                JsonNode again = json(post(base + "/observe/reload", Map.of("X-Requested-By", "test")));
                assertThat(again.get("added").size() + again.get("changed").size() + again.get("removed").size()).isZero();
            } finally {
                main.stop();
            }
        }
    }

    private static void write(Path file, Properties p) throws Exception {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
    }
}
