package io.marketbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.TrickleServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A stop (Ctrl-C, SIGTERM) while a poll waits on a marketplace longer than camel.main.shutdown-timeout: Camel
 * forces the routes down and the database closes while the poll's call is still open; nothing logs an ERROR (the
 * poll's cursor is not advanced, so the next start polls the window again).
 */
class StopDuringPollTest {

    @TempDir
    Path out;

    @Test
    void aPollEndedByTheStopLogsNoError() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        try (TrickleServer slowMarketplace = new TrickleServer(100)) {
            Properties p = RuntimeHarness.baseProperties(out);
            p.setProperty("camel.main.shutdown-timeout", "1");
            p.setProperty("marketbridge.http.call-deadline-ms", "4000");
            RuntimeHarness.coupangAccount(p, "slow-shop", slowMarketplace.baseUrl(), "A50000001", "access-slow",
                    "secret-slow-0123456789");
            RuntimeHarness runtime = RuntimeHarness.start(p, null, out);
            CompletableFuture<?> poll = CompletableFuture.runAsync(() -> runtime.pollOrders("slow-shop"));
            await().atMost(Duration.ofSeconds(30)).until(() -> slowMarketplace.openConnections() > 0);

            runtime.close(); // waits the shutdown timeout, then closes the database under the running poll
            poll.get(60, TimeUnit.SECONDS);
        } finally {
            root.detachAppender(log);
        }
        List<ILoggingEvent> events;
        synchronized (log.list) {
            events = List.copyOf(log.list);
        }
        assertThat(events).extracting(ILoggingEvent::getFormattedMessage).as("the stop was forced under the poll")
                .anySatisfy(m -> assertThat(m).contains("Forcing the routes to be shutdown now"));
        assertThat(events).filteredOn(e -> e.getLevel() == Level.ERROR).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }
}
