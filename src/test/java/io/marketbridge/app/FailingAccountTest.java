package io.marketbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.marketbridge.support.RuntimeHarness;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An account whose base-url does not answer (nothing listens on its port): every retry line names the account,
 * Camel's own retry lines (an exchange id, no account) are off, and the "accounts" health check warns after
 * {@value #WARN_AFTER} failed polls in a row and is DOWN after {@value #DOWN_AFTER}.
 */
class FailingAccountTest {

    static final int WARN_AFTER = 2;
    static final int DOWN_AFTER = 3;
    static final int REDELIVERIES = 2;

    @TempDir
    static Path out;
    static RuntimeHarness runtime;
    static final ListAppender<ILoggingEvent> log = new ListAppender<>();
    static final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeAll
    static void start() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Properties p = RuntimeHarness.baseProperties(out);
        p.setProperty("marketbridge.retry.max-redeliveries", String.valueOf(REDELIVERIES));
        p.setProperty("marketbridge.retry.initial-delay-ms", "10");
        p.setProperty(AccountsHealthCheck.WARN_AFTER, String.valueOf(WARN_AFTER));
        p.setProperty(AccountsHealthCheck.DOWN_AFTER, String.valueOf(DOWN_AFTER));
        RuntimeHarness.coupangAccount(p, "unreachable-shop", "http://127.0.0.1:" + closedPort, "A40000001",
                "access-unreachable", "secret-unreachable-0123456789");
        log.start();
        root.addAppender(log);
        runtime = RuntimeHarness.start(p, null, out);
    }

    @AfterAll
    static void stop() throws Exception {
        root.detachAppender(log);
        if (runtime != null) {
            runtime.close();
        }
    }

    static HealthCheck.Result accountsHealth() {
        return HealthCheckHelper.invoke(runtime.context(), "full").stream()
                .filter(r -> r.getCheck().getId().equals("accounts")).findFirst().orElseThrow();
    }

    @Test
    void retriesNameTheAccountAndHealthWarnsThenGoesDown() {
        runtime.pollOrders("unreachable-shop");
        assertThat(accountsHealth().getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(accountsHealth().getDetails().get("accounts.warning")).isEqualTo("");

        runtime.pollOrders("unreachable-shop");
        HealthCheck.Result warned = accountsHealth();
        assertThat(warned.getState()).as("a warning does not take the node out of service").isEqualTo(HealthCheck.State.UP);
        assertThat(warned.getDetails().get("accounts.warning")).isEqualTo("unreachable-shop/orders");
        assertThat(warned.getDetails().get("account.unreachable-shop.orders.failing").toString())
                .startsWith("WARNING: 2 polls in a row failed").contains("TRANSIENT");

        runtime.pollOrders("unreachable-shop");
        HealthCheck.Result down = accountsHealth();
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getDetails().get("account.unreachable-shop.orders.failing").toString())
                .startsWith("DOWN: 3 polls in a row failed").contains(AccountsHealthCheck.DOWN_AFTER);

        List<String> retries = lines("attempt ");
        assertThat(retries).hasSize(3 * REDELIVERIES)
                .allSatisfy(line -> assertThat(line).startsWith("account=unreachable-shop job=orders attempt "));
        assertThat(retries.get(0)).contains("attempt 1 of 3 failed, retried in 10 ms");
        assertThat(retries.get(1)).contains("attempt 2 of 3 failed, retried in 20 ms");
        assertThat(lines("FAILED")).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("account=unreachable-shop"));
        assertThat(lines("Failed delivery for")).as("Camel's own retry lines, which name no account").isEmpty();
    }

    private static List<String> lines(String containing) {
        synchronized (log.list) {
            return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing)).toList();
        }
    }
}
