package io.marketbridge.http;

import io.marketbridge.simulator.coupang.CoupangSimulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.TrickleServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpComponent;
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
    static final String SHIPPER_VENDOR = "A20000005";

    @TempDir
    static Path out;
    static TrickleServer trickle;
    static HttpServer big;
    static SimulatorServer simulator;
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

        simulator = RuntimeHarness.simulator(Map.of(SHIPPER_VENDOR, new String[] {"access-5", "secret-5-0123456789"}));
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
        RuntimeHarness.coupangAccount(p, "shipper", simulator.baseUrl(), SHIPPER_VENDOR, "access-5", "secret-5-0123456789");
        runtime = RuntimeHarness.start(p, simulator, out);
    }

    @AfterAll
    static void stop() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        trickle.close();
        big.stop(0);
        simulator.close();
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

    @Test
    void bothHttpComponentsCarryTheDeadline() {
        for (String scheme : List.of("http", "https")) {
            HttpComponent http = runtime.context().getComponent(scheme, HttpComponent.class);
            assertThat(http.getHttpClientConfigurer()).as(scheme).isInstanceOf(CallDeadlines.class);
            assertThat(http.getHttpActivityListener()).as(scheme).isSameAs(http.getHttpClientConfigurer());
        }
    }

    @Test
    void aShipmentCallPastItsDeadlineFailsTransientAndIsSentOnceTheMarketplaceAnswersInTime() {
        DataSource db = runtime.dataSource();
        long orderId = simulator.get(CoupangSimulator.class).createOrder(SHIPPER_VENDOR, ZonedDateTime.now(ZoneId.of("Asia/Seoul")).minusMinutes(10),
                false, 1);
        runtime.pollOrders("shipper");
        assertThat(outcome("shipper").ok()).isTrue();
        // from now on the marketplace takes longer than the deadline to answer (no byte at all: the read timeout is 60 s)
        simulator.get(CoupangSimulator.class).faults().latencyMs = 4000;
        try {
            Db.update(db, "INSERT INTO MB_SHIPMENT (marketplace, account_id, order_id, courier, tracking_no)"
                    + " VALUES ('COUPANG', 'shipper', ?, 'CJ', '123456789012')", String.valueOf(orderId));
            long id = Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT");
            await().atMost(Duration.ofSeconds(20)).until(() -> "TRANSIENT".equals(column(db, id, "result_code")));
            assertThat(column(db, id, "status")).isEqualTo("FAILED");
            assertThat((String) column(db, id, "result_message")).contains("coupang call '", "for account shipper",
                    "passed its deadline of 2 s");
        } finally {
            simulator.get(CoupangSimulator.class).faults().latencyMs = 0;
        }
        long id = Db.count(db, "SELECT MAX(id) FROM MB_SHIPMENT");
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(column(db, id, "status")));
    }

    static Object column(DataSource db, long id, String column) {
        return Db.list(db, "SELECT " + column + " FROM MB_SHIPMENT WHERE id = ?", id).get(0);
    }
}
