package io.marketbridge.intake;

import io.marketbridge.simulator.coupang.CoupangSimulator;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * One bad order on a Coupang page must not hold back the good one beside it: through the real routes against
 * the simulator, the good order reaches every sink and is acknowledged, the poll succeeds (the cursor
 * advances), the bad one is kept in MB_INTAKE_ERROR as MAPPING with its payload and a reason that names the
 * field and the limit but not the value, no file exists for it, and no log line carries the value.
 */
class BadOrderIntakeTest {

    /** The orders that once blocked their whole account. */
    enum Bad {
        ORDER_ID_70_DIGITS, ORDER_ID_300_DIGITS, RECEIVER_NAME_5000_CHARS, BOX_ID_200_CHARS, NUL_IN_RECEIVER_NAME
    }

    /** A bad sheet, the value that must not leak, and what its reason must name. */
    record Case(String orderId, String boxId, String receiverName, String secret, String field, String limit) {
    }

    private static final AtomicLong IDS = new AtomicLong(45_000_000_000_000L);

    static Case bad(Bad kind) {
        long n = IDS.incrementAndGet();
        return switch (kind) {
            case ORDER_ID_70_DIGITS -> {
                String id = "9" + "1234567890".repeat(6) + "123456789";
                yield new Case(id, String.valueOf(720_000_000_000_000L + n), "김철수", id, "order_id", "64");
            }
            case ORDER_ID_300_DIGITS -> {
                String id = "8" + "0987654321".repeat(29) + "098765432";
                yield new Case(id, String.valueOf(720_000_000_000_000L + n), "김철수", id, "order_id", "64");
            }
            case RECEIVER_NAME_5000_CHARS -> {
                String name = "박영희 010-9876-5432 ".repeat(300).substring(0, 5000);
                // H2 quotes Hangul as U& escapes: the phone number is what shows in clear
                yield new Case(String.valueOf(n), String.valueOf(720_000_000_000_000L + n), name, "010-9876-5432",
                        "receiver_name", "100");
            }
            case BOX_ID_200_CHARS -> {
                String box = "BOX-" + "abcdefghij".repeat(19) + "abcdef";
                yield new Case(String.valueOf(n), box, "김철수", box, "shipmentBoxId", "numeric");
            }
            case NUL_IN_RECEIVER_NAME -> new Case(String.valueOf(n), String.valueOf(720_000_000_000_000L + n),
                    "이민호\u0000010-5555-6666", "010-5555-6666", "receiver_name", "U+0000");
        };
    }

    @TempDir
    static Path out;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;

    static final String[] VENDORS = {"A20000001", "A20000002", "A20000003", "A20000004", "A20000005", "A20000006", "A20000007",
        "A20000008"};

    static String access(String vendor) {
        return "access-" + vendor;
    }

    static String secret(String vendor) {
        return "secret-" + vendor + "-0123456789";
    }

    @BeforeAll
    static void start() throws Exception {
        Map<String, String[]> vendors = new LinkedHashMap<>();
        for (String v : VENDORS) {
            vendors.put(v, new String[] {access(v), secret(v)});
        }
        simulator = RuntimeHarness.simulator(vendors);
        runtime = start(RuntimeHarness.baseProperties(out), out);
    }

    static RuntimeHarness start(Properties p, Path dir) throws Exception {
        for (String v : VENDORS) {
            RuntimeHarness.coupangAccount(p, "acct-" + v, simulator.baseUrl(), v, access(v), secret(v));
        }
        return RuntimeHarness.start(p, simulator, dir);
    }

    @AfterAll
    static void stop() throws Exception {
        runtime.close();
        simulator.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Bad.class)
    void theGoodOrderGoesThroughAndTheBadOneIsKeptWithoutItsValue(Bad kind) throws Exception {
        String vendor = VENDORS[kind.ordinal()];
        pageWithOneBadAndOneGoodOrder(runtime, out, vendor, bad(kind));
    }

    /** On PostgreSQL a NUL failed the whole poll ("invalid byte sequence for encoding UTF8: 0x00"). */
    @Test
    void nulInTheReceiverNameOnPostgresql(@TempDir Path pgOut) throws Exception {
        String schema = TestDatabases.newSchema();
        String url = TestDatabases.prepare("postgresql", schema);
        Properties p = RuntimeHarness.baseProperties(pgOut);
        p.setProperty("marketbridge.db.url", url);
        p.setProperty("marketbridge.db.user", TestDatabases.user("postgresql"));
        p.setProperty("marketbridge.db.pool-size", "4");
        try (RuntimeHarness pg = start(p, pgOut)) {
            pageWithOneBadAndOneGoodOrder(pg, pgOut, "A20000006", bad(Bad.NUL_IN_RECEIVER_NAME));
        } finally {
            TestDatabases.drop("postgresql", schema);
        }
    }

    static void pageWithOneBadAndOneGoodOrder(RuntimeHarness rt, Path dir, String vendor, Case bad) throws Exception {
        String account = "acct-" + vendor;
        DataSource db = rt.dataSource();
        long n = IDS.incrementAndGet();
        String goodOrder = String.valueOf(n);
        String goodBox = String.valueOf(730_000_000_000_000L + n);
        simulator.get(CoupangSimulator.class).addSheet(vendor, CoupangSheets.sheet(bad.orderId(), bad.boxId(), bad.receiverName()));
        simulator.get(CoupangSimulator.class).addSheet(vendor, CoupangSheets.sheet(goodOrder, goodBox, "정상수령인"));

        List<ILoggingEvent> logs;
        ListAppender<ILoggingEvent> appender = capture();
        try {
            rt.pollOrders(account);
        } finally {
            logs = release(appender);
        }

        // the poll succeeded and the cursor moved on
        PollReport.Outcome outcome = rt.outcome(account);
        assertThat(outcome.ok()).as("poll outcome: %s", outcome.message()).isTrue();
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CURSOR WHERE account_id = ?", account)).isEqualTo(1);

        // the good order: table rows, JSON, CSV, acknowledged
        assertThat(Db.list(db, "SELECT order_id FROM MB_ORDER WHERE account_id = ?", account)).containsExactly(goodOrder);
        assertThat(Db.list(db, "SELECT shipment_id FROM MB_ORDER_LINE WHERE account_id = ?", account)).containsExactly(goodBox);
        assertThat(dir.resolve("json/COUPANG-" + account + "-" + goodOrder + ".json")).exists();
        List<Path> csv = files(dir.resolve("csv"), account);
        assertThat(csv).hasSize(1);
        assertThat(Files.readString(csv.get(0))).contains(goodOrder);
        assertThat(simulator.get(CoupangSimulator.class).statusOf(vendor, Long.parseLong(goodBox))).isEqualTo("INSTRUCT");
        assertThat(Db.list(db, "SELECT delivery_state FROM MB_DELIVERY WHERE account_id = ?", account)).containsExactly("DELIVERED");

        // the bad one: kept with its payload, the reason names the field and the limit, never the value
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_INTAKE_ERROR WHERE account_id = ?", account)).isEqualTo(1);
        assertThat(Db.list(db, "SELECT error_type FROM MB_INTAKE_ERROR WHERE account_id = ?", account)).containsExactly("MAPPING");
        String reason = String.valueOf(Db.list(db, "SELECT reason FROM MB_INTAKE_ERROR WHERE account_id = ?", account).get(0));
        assertThat(reason).contains(bad.field()).contains(bad.limit()).doesNotContain(bad.secret());
        String raw = text(db, "SELECT raw_payload FROM MB_INTAKE_ERROR WHERE account_id = ?", account);
        assertThat(raw).contains(bad.orderId().length() > 30 ? bad.orderId() : bad.boxId());
        String fullRef = text(db, "SELECT full_ref FROM MB_INTAKE_ERROR WHERE account_id = ?", account);
        assertThat(fullRef).contains(bad.orderId().length() > 30 ? bad.orderId() : bad.boxId().length() > 30 ? bad.boxId() : "");

        // no file for it, anywhere in the drop, and no log line with its value
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path f : all.filter(Files::isRegularFile).toList()) {
                assertThat(f.getFileName().toString()).doesNotContain(bad.orderId().length() > 30 ? bad.orderId() : bad.boxId());
                assertThat(Files.readString(f, StandardCharsets.UTF_8)).as(f.toString())
                        .doesNotContain(bad.secret()).doesNotContain(bad.boxId()).doesNotContain("\u0000");
            }
        }
        for (ILoggingEvent e : logs) {
            assertThat(e.getFormattedMessage()).doesNotContain(bad.secret());
            if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(bad.secret());
            }
        }
    }

    /** The operator corrects the kept payload and asks for a replay: the order is delivered like a polled one. */
    @Test
    void aCorrectedPayloadIsDeliveredByReplay() throws Exception {
        String vendor = "A20000008";
        String account = "acct-" + vendor;
        DataSource db = runtime.dataSource();
        Case bad = bad(Bad.RECEIVER_NAME_5000_CHARS);
        simulator.get(CoupangSimulator.class).addSheet(vendor, CoupangSheets.sheet(bad.orderId(), bad.boxId(), bad.receiverName()));
        runtime.pollOrders(account);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_INTAKE_ERROR WHERE account_id = ? AND status = 'OPEN'", account)).isEqualTo(1);

        String corrected = text(db, "SELECT raw_payload FROM MB_INTAKE_ERROR WHERE account_id = ?", account)
                .replace(bad.receiverName(), "박영희");
        Db.update(db, "UPDATE MB_INTAKE_ERROR SET raw_payload = ?, status = 'REPLAY' WHERE account_id = ?", corrected, account);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                Db.count(db, "SELECT COUNT(*) FROM MB_INTAKE_ERROR WHERE account_id = ? AND status = 'REPLAYED'", account) == 1);
        assertThat(Db.list(db, "SELECT receiver_name FROM MB_ORDER WHERE account_id = ?", account)).containsExactly("박영희");
        assertThat(out.resolve("json/COUPANG-" + account + "-" + bad.orderId() + ".json")).exists();
        assertThat(Db.list(db, "SELECT delivery_state FROM MB_DELIVERY WHERE account_id = ?", account)).containsExactly("DELIVERED");
    }

    /**
     * A database that refuses what the contract allows (here: columns narrower than the contract's) fails the
     * poll; the poll's log line and the health details then name the column and its limit, never the value the
     * database quoted, and the failure is not TRANSIENT: it will happen again until an operator acts.
     */
    @Test
    void aDatabaseErrorIsReportedWithoutTheValue(@TempDir Path narrowOut) throws Exception {
        try (RuntimeHarness narrow = start(RuntimeHarness.baseProperties(narrowOut), narrowOut)) {
            DataSource db = narrow.dataSource();
            Db.update(db, "ALTER TABLE MB_ORDER ALTER COLUMN receiver_name SET DATA TYPE VARCHAR(8)");
            Db.update(db, "ALTER TABLE MB_INTAKE_ERROR ALTER COLUMN raw_payload SET DATA TYPE VARCHAR(10)");
            String vendor = "A20000007";
            String account = "acct-" + vendor;
            String name = "최수정 010-2222-3333";
            long n = IDS.incrementAndGet();
            simulator.get(CoupangSimulator.class).addSheet(vendor, CoupangSheets.sheet(String.valueOf(n), String.valueOf(740_000_000_000_000L + n), name));

            List<ILoggingEvent> logs;
            ListAppender<ILoggingEvent> appender = capture();
            try {
                narrow.pollOrders(account);
            } finally {
                logs = release(appender);
            }

            PollReport.Outcome outcome = narrow.outcome(account);
            assertThat(outcome.ok()).isFalse();
            assertThat(outcome.errorType()).isEqualTo(ErrorType.CONFIGURATION);
            assertThat(outcome.message()).contains("RAW_PAYLOAD").contains("(10)").doesNotContain(name).doesNotContain("010-2222");
            List<String> pollLines = logs.stream().filter(e -> e.getLoggerName().equals("io.marketbridge.poll"))
                    .map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(pollLines).anySatisfy(l -> assertThat(l).contains("FAILED (CONFIGURATION)").contains("RAW_PAYLOAD"));
            for (ILoggingEvent e : logs) {
                assertThat(e.getFormattedMessage()).doesNotContain("010-2222");
                if (e.getThrowableProxy() != null) {
                    assertThat(e.getThrowableProxy().getMessage()).doesNotContain("010-2222");
                }
            }
            HealthCheck.Result health = HealthCheckHelper.invoke(narrow.context()).stream()
                    .filter(r -> r.getCheck().getId().equals("accounts")).findFirst().orElseThrow();
            assertThat(health.getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(String.valueOf(health.getDetails().get("account." + account + ".orders")))
                    .contains("RAW_PAYLOAD").doesNotContain("010-2222");
            // nothing half-delivered: no row, no file
            assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER WHERE account_id = ?", account)).isZero();
            assertThat(files(narrowOut.resolve("json"), account)).isEmpty();
        }
    }

    static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        return appender;
    }

    static List<ILoggingEvent> release(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
        return List.copyOf(appender.list);
    }

    static List<Path> files(Path dir, String account) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().contains("-" + account + "-")).toList();
        }
    }

    /** One text value (a CLOB on H2) read while its connection is open. */
    static String text(DataSource db, String sql, String arg) throws Exception {
        try (java.sql.Connection c = db.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }
}
