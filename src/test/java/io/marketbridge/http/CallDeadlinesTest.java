package io.marketbridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.TrickleServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The total deadline and the size bound of marketplace calls, through the real route files and camel-http: a server
 * that trickles its answer (headers, then a byte every 200 ms, which resets every read timeout) and a server whose
 * answers are too large.
 */
class CallDeadlinesTest {

    static final long LIMIT = 100_000;

    @TempDir
    static Path out;
    static TrickleServer trickle;
    static HttpServer big;
    static RuntimeHarness runtime;

    @BeforeAll
    static void start() throws Exception {
        trickle = new TrickleServer(200);
        big = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        big.createContext("/", exchange -> {
            // a well-formed empty page of order sheets, padded past the limit
            byte[] body = ("{\"code\":200,\"message\":\"OK\",\"data\":[],\"nextToken\":\"\",\"padding\":\""
                    + " ".repeat(3 * (int) LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
            boolean chunked = exchange.getRequestURI().getPath().startsWith("/chunked");
            exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            } catch (java.io.IOException ignored) {
                // the client hung up once it had seen enough
            }
        });
        big.start();
        String bigUrl = "http://127.0.0.1:" + big.getAddress().getPort();

        Properties p = RuntimeHarness.baseProperties(out);
        p.setProperty(CallDeadlines.DEADLINE_PROPERTY, "2000");
        p.setProperty(CallDeadlines.MAX_BYTES_PROPERTY, String.valueOf(LIMIT));
        // a read timeout far longer than the test: only the deadline can end these calls
        p.setProperty("camel.component.http.response-timeout", "60000");
        p.setProperty("camel.component.http.so-timeout", "60000");
        RuntimeHarness.coupangAccount(p, "trickled", trickle.baseUrl(), "A20000001", "access-1", "secret-1-0123456789");
        RuntimeHarness.coupangAccount(p, "trickled-short", trickle.baseUrl(), "A20000002", "access-2", "secret-2-0123456789");
        p.setProperty("marketbridge.account.trickled-short.call-deadline", "PT1S");
        RuntimeHarness.coupangAccount(p, "oversized", bigUrl + "/fixed", "A20000003", "access-3", "secret-3-0123456789");
        RuntimeHarness.coupangAccount(p, "oversized-chunked", bigUrl + "/chunked", "A20000004", "access-4", "secret-4-0123456789");
        runtime = RuntimeHarness.start(p, null, out);
    }

    @AfterAll
    static void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        trickle.close();
        big.stop(0);
    }

    /** Runs the poll on another thread, so a poll that never ends fails the test instead of hanging it. */
    static CompletableFuture<Exchange> pollAsync(String accountId) {
        return CompletableFuture.supplyAsync(() -> runtime.pollOrders(accountId));
    }

    static PollReport.Outcome outcome(String accountId) {
        return runtime.context().getRegistry().lookupByNameAndType("pollReport", PollReport.class)
                .lastOutcomes().get(accountId + "/orders");
    }

    @Test
    void aTrickledAnswerFailsTheCallAtItsDeadlineAsTransientNamingAccountMarketplaceCallAndDeadline() {
        int before = trickle.requests();
        long started = System.nanoTime();
        CompletableFuture<Exchange> poll = pollAsync("trickled");
        await().atMost(Duration.ofSeconds(15)).until(poll::isDone);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        PollReport.Outcome o = outcome("trickled");
        assertThat(o.ok()).isFalse();
        assertThat(o.errorType()).isEqualTo(ErrorType.TRANSIENT);
        assertThat(o.message()).startsWith("CallDeadlineException: coupang call 'ordersheets ")
                .contains("for account trickled", "passed its deadline of 2 s", "aborted",
                        "marketbridge.http.call-deadline-ms", "marketbridge.account.trickled.call-deadline");
        // one attempt: a call that passed its deadline is not redelivered within the poll
        assertThat(trickle.requests() - before).isEqualTo(1);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(1900)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anAccountsOwnDeadlineWinsOverTheDefault() {
        long started = System.nanoTime();
        CompletableFuture<Exchange> poll = pollAsync("trickled-short");
        await().atMost(Duration.ofSeconds(15)).until(poll::isDone);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(outcome("trickled-short").message()).contains("for account trickled-short",
                "passed its deadline of 1 s");
        assertThat(took).isLessThan(Duration.ofMillis(1900));
    }

    @Test
    void anAnswerAnnouncedLargerThanTheLimitIsRefusedWithoutRetry() {
        CompletableFuture<Exchange> poll = pollAsync("oversized");
        await().atMost(Duration.ofSeconds(15)).until(poll::isDone);

        PollReport.Outcome o = outcome("oversized");
        assertThat(o.ok()).isFalse();
        assertThat(o.errorType()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(o.message()).contains("coupang call 'ordersheets ", "for account oversized",
                "larger than marketbridge.http.max-response-bytes = 100000 bytes", "bytes announced");
    }

    @Test
    void anUnannouncedAnswerIsCutOffOnceItPassesTheLimit() {
        CompletableFuture<Exchange> poll = pollAsync("oversized-chunked");
        await().atMost(Duration.ofSeconds(15)).until(poll::isDone);

        PollReport.Outcome o = outcome("oversized-chunked");
        assertThat(o.ok()).isFalse();
        assertThat(o.errorType()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(o.message()).contains("for account oversized-chunked",
                "larger than marketbridge.http.max-response-bytes = 100000 bytes", "more than that read");
    }
}
