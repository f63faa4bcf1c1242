package io.marketbridge.marketplace.qoo10;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.simulator.qoo10.Qoo10Simulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.SimulatedRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The real qoo10 routes against the Qoo10 simulator, the acceptance cases of the cursor and the seller authorization
 * key (SAK): resuming from MB_CURSOR less the overlap, a cursor in the future, a SAK expiring in the middle of a poll,
 * a changed QSM password, and no key, password or SAK in the log, MB_INTAKE_ERROR or health. Each test owns one
 * seller and its account.
 */
class Qoo10CursorAndKeyRouteTest {

    static final String LIST = "ShippingBasic.GetShippingInfo_v2";
    static final String CREATE_KEY = "CertificationAPI.CreateCertificationKey";

    @TempDir
    static Path out;

    static SimulatedRuntime rt;
    static DataSource db;

    static String seller(int n) {
        return "jpkeys" + n;
    }

    static String apiKey(int n) {
        return "qoo10-cursor-api-key-" + n + "x7Rq";
    }

    static String password(int n) {
        return "qsm-cursor-pw-" + n + "Lk9";
    }

    static String account(int n) {
        return "qoo10-ck-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        rt = SimulatedRuntime.qoo10(out, 7, Qoo10CursorAndKeyRouteTest::seller, Qoo10CursorAndKeyRouteTest::apiKey,
                Qoo10CursorAndKeyRouteTest::password, Qoo10CursorAndKeyRouteTest::account, p -> {
                    // the orders stay "shipping requested" and are listed again by the overlapping window
                    p.setProperty("marketbridge.account." + account(1) + ".auto-confirm", "false");
                    // 20 days: three list calls (7 + 7 + 6) in one poll
                    p.setProperty("marketbridge.account." + account(3) + ".orders.initial-lookback", "P20D");
                    p.setProperty("marketbridge.account." + account(6) + ".orders.initial-lookback", "P20D");
                });
        db = rt.db();
    }

    @AfterAll
    static void stop() throws Exception {
        rt.close();
    }

    static Qoo10Simulator qoo10() {
        return rt.simulator().get(Qoo10Simulator.class);
    }

    static ZonedDateTime now() {
        return RuntimeHarness.now();
    }

    static PollReport.Outcome poll(int n) {
        rt.runtime().pollOrders(account(n));
        return rt.runtime().outcome(account(n));
    }

    static List<Object> orderIds(int n) {
        return Db.list(db, "SELECT order_id FROM MB_ORDER WHERE account_id = ?", account(n));
    }

    @Test
    void theNextPollResumesFromTheCursorLessTheOverlapAndDeliversEachOrderOnce() throws Exception {
        long first = qoo10().addCarts(seller(1), 1, 2, now().minusMinutes(5), false).get(0);
        Instant before = Instant.now();
        Exchange firstPoll = rt.runtime().pollOrders(account(1));
        assertThat(rt.runtime().outcome(account(1)).ok()).isTrue();
        Instant cursor = rt.runtime().cursors().load(account(1), "orders");
        // the cursor moved to the end of the first window
        PollContext<?> firstWindow = firstPoll.getProperty(PollContext.PROPERTY, PollContext.class);
        assertThat(cursor).isEqualTo(firstWindow.getWindowTo().toInstant()).isBetween(before, Instant.now());

        // paid after the cursor; paid before it but inside the overlap (listed late); paid before the overlap
        long between = qoo10().addCarts(seller(1), 1, 1, now(), false).get(0);
        ZonedDateTime cursorTime = cursor.atZone(now().getZone());
        long inOverlap = qoo10().addCarts(seller(1), 1, 1, cursorTime.minusMinutes(4), false).get(0);
        qoo10().addCarts(seller(1), 1, 1, cursorTime.minusMinutes(25), false);
        Exchange secondPoll = rt.runtime().pollOrders(account(1));
        assertThat(rt.runtime().outcome(account(1)).ok()).isTrue();

        PollContext<?> secondWindow = secondPoll.getProperty(PollContext.PROPERTY, PollContext.class);
        assertThat(secondWindow.getWindowFrom().toInstant()).isEqualTo(cursor.minus(Duration.ofMinutes(10)));
        // the first cart is listed again (not confirmed, still in the overlap) and counted a duplicate, not delivered
        assertThat(secondWindow.getDuplicates()).isEqualTo(1);
        assertThat(secondWindow.getNewOrders()).isEqualTo(2);
        assertThat(orderIds(1)).containsExactlyInAnyOrder(String.valueOf(first), String.valueOf(between), String.valueOf(inOverlap));
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_ORDER_LINE WHERE account_id = ?", account(1))).isEqualTo(4);
        assertThat(csvLinesOf(account(1), first)).isEqualTo(2);
        assertThat(csvLinesOf(account(1), between)).isEqualTo(1);
        assertThat(rt.runtime().cursors().load(account(1), "orders")).isEqualTo(secondWindow.getWindowTo().toInstant());
    }

    /** Data lines of every CSV drop of the account that carry the cart's packNo. */
    static long csvLinesOf(String accountId, long packNo) throws Exception {
        long n = 0;
        try (Stream<Path> files = Files.list(out.resolve("csv"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("orders-" + accountId + "-")).toList()) {
                n += Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> l.contains("," + packNo + ",")).count();
            }
        }
        return n;
    }

    @Test
    void aCursorInTheFutureSkipsThePollWithItsLogLineAndCallsNothing() throws Exception {
        Instant future = Instant.now().plus(Duration.ofDays(2));
        rt.runtime().cursors().store(account(2), "orders", future);
        qoo10().addCarts(seller(2), 1, 1, now().minusMinutes(5), false);
        long lists = qoo10().calls(LIST);
        long keys = qoo10().calls(CREATE_KEY);

        List<ILoggingEvent> logs = logOf(() -> rt.runtime().pollOrders(account(2)));

        assertThat(qoo10().calls(LIST)).isEqualTo(lists);
        assertThat(qoo10().calls(CREATE_KEY)).isEqualTo(keys);
        assertThat(rt.runtime().orderCount(account(2))).isZero();
        assertThat(rt.runtime().cursors().load(account(2), "orders")).isEqualTo(future);
        assertThat(logs).filteredOn(e -> e.getLoggerName().equals("io.marketbridge.poll") && e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("account=" + account(2)).contains("skipped")
                        .contains("is in the future"));
    }

    @Test
    void aSakExpiringBetweenTwoCallsOfOnePollIsRenewedOnceAndThePollCompletes() throws Exception {
        // one cart in each of the three slices of the 20-day window
        qoo10().addCarts(seller(3), 1, 1, now().minusDays(18), false);
        qoo10().addCarts(seller(3), 1, 1, now().minusDays(10), false);
        qoo10().addCarts(seller(3), 1, 1, now().minusHours(1), false);
        long lists = qoo10().calls(LIST);
        long keys = qoo10().calls(CREATE_KEY);
        // the SAK fetched at the start answers the first list call, then expires
        qoo10().expireSaksAfter(seller(3), 1);

        PollReport.Outcome o = poll(3);

        assertThat(o.ok()).as(String.valueOf(o.message())).isTrue();
        assertThat(rt.runtime().orderCount(account(3))).isEqualTo(3);
        // the first SAK and one renewal; the second slice asked twice (-90004, then with the new SAK)
        assertThat(qoo10().calls(CREATE_KEY) - keys).isEqualTo(2);
        assertThat(qoo10().calls(LIST) - lists).isEqualTo(4);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE account_id = ? AND confirm_state = 'CONFIRMED'",
                account(3))).isEqualTo(3);
        assertThat(rt.runtime().cursors().load(account(3), "orders")).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void aFreshSakRefusedAgainEndsThePollAsAConfigurationErrorWithoutRenewingAgain() throws Exception {
        assertThat(poll(4).ok()).isTrue();
        Instant cursor = rt.runtime().cursors().load(account(4), "orders");
        qoo10().addCarts(seller(4), 1, 1, now().minusMinutes(2), false);
        long lists = qoo10().calls(LIST);
        long keys = qoo10().calls(CREATE_KEY);
        qoo10().force(LIST, "result:-90004", 2);

        PollReport.Outcome o = poll(4);

        assertThat(o.ok()).isFalse();
        assertThat(o.errorType()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(o.message()).contains("-90004").contains("account " + account(4))
                .contains("marketbridge.account." + account(4) + ".password");
        assertThat(qoo10().calls(CREATE_KEY) - keys).isEqualTo(1);
        assertThat(qoo10().calls(LIST) - lists).isEqualTo(2);
        assertThat(rt.runtime().orderCount(account(4))).isZero();
        assertThat(rt.runtime().cursors().load(account(4), "orders")).isEqualTo(cursor);
        // the next poll (nothing forced any more) reads the order
        assertThat(poll(4).ok()).isTrue();
        assertThat(rt.runtime().orderCount(account(4))).isEqualTo(1);
    }

    @Test
    void aPasswordChangedInQsmIsAConfigurationErrorNamingThePasswordKeyOfThatAccountOnly() throws Exception {
        assertThat(poll(5).ok()).isTrue();
        qoo10().addCarts(seller(5), 1, 1, now().minusMinutes(2), false);
        long other = qoo10().addCarts(seller(7), 1, 1, now().minusMinutes(2), false).get(0);
        long keys = qoo10().calls(CREATE_KEY);
        long issued = qoo10().saksIssued();
        qoo10().changePassword(seller(5), "qsm-new-password-5");

        PollReport.Outcome o = poll(5);

        // the SAK answers -90005; the renewal with the old password is refused: once, no loop
        assertThat(o.ok()).isFalse();
        assertThat(o.errorType()).isEqualTo(ErrorType.CONFIGURATION);
        assertThat(o.message()).contains("account " + account(5)).contains("marketbridge.account." + account(5) + ".password")
                .doesNotContain(password(5)).doesNotContain("qsm-new-password-5");
        assertThat(qoo10().calls(CREATE_KEY) - keys).isEqualTo(1);
        assertThat(qoo10().saksIssued()).isEqualTo(issued);
        assertThat(rt.runtime().orderCount(account(5))).isZero();
        // another seller's account polls as before
        assertThat(poll(7).ok()).isTrue();
        assertThat(orderIds(7)).containsExactly(String.valueOf(other));
    }

    @Test
    void theSakTheApiKeyAndThePasswordAreNeitherLoggedNorStoredNorInHealth() {
        // a poll that renews its SAK half-way and keeps a malformed cart, then one that fails on a refused fresh SAK
        qoo10().addCarts(seller(6), 1, 1, now().minusDays(18), true);
        qoo10().addCarts(seller(6), 1, 1, now().minusHours(1), false);
        qoo10().expireSaksAfter(seller(6), 1);
        Logger marketbridge = (Logger) LoggerFactory.getLogger("io.marketbridge");
        Level level = marketbridge.getLevel();
        marketbridge.setLevel(Level.DEBUG);
        List<ILoggingEvent> logs;
        try {
            logs = logOf(() -> {
                assertThat(poll(6).ok()).isTrue();
                qoo10().force(LIST, "result:-90004", 2);
                assertThat(poll(6).errorType()).isEqualTo(ErrorType.CONFIGURATION);
            });
        } finally {
            marketbridge.setLevel(level);
        }
        List<String> secrets = new ArrayList<>(qoo10().saksOf(seller(6)));
        assertThat(secrets).as("the SAKs issued: the first, its renewal and the one refused").hasSize(3);
        secrets.add(apiKey(6));
        secrets.add(password(6));

        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : logs) {
            lines.add(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                lines.add(t.getMessage());
            }
        }
        // the scan means something: the poll lines of this account are there
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("account=" + account(6)).contains("FAILED (CONFIGURATION)"));
        List<String> intakeErrors = new ArrayList<>();
        for (Object row : Db.list(db, "SELECT payload_ref || ' ' || reason || ' ' || COALESCE(CAST(raw_payload AS VARCHAR), '')"
                + " FROM MB_INTAKE_ERROR")) {
            intakeErrors.add(String.valueOf(row));
        }
        assertThat(intakeErrors).anySatisfy(r -> assertThat(r).startsWith("packNo:"));
        List<String> health = new ArrayList<>();
        for (HealthCheck.Result r : HealthCheckHelper.invoke(rt.runtime().context())) {
            health.add(r.getCheck().getId() + " " + r.getState() + " " + r.getMessage().orElse("") + " " + r.getDetails()
                    + " " + r.getError().map(Throwable::toString).orElse(""));
        }
        assertThat(String.join("\n", health)).contains("account." + account(6) + ".orders");
        String outcome = rt.runtime().outcome(account(6)).message();

        for (String secret : secrets) {
            assertThat(lines).as("log lines").noneMatch(l -> l != null && l.contains(secret));
            assertThat(intakeErrors).as("MB_INTAKE_ERROR").noneMatch(r -> r.contains(secret));
            assertThat(health).as("health").noneMatch(h -> h.contains(secret));
            assertThat(outcome).doesNotContain(secret);
        }
    }

    /** Every event logged while the action runs, at the levels the loggers are set to, before any masking. */
    static List<ILoggingEvent> logOf(Runnable action) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        try {
            action.run();
        } finally {
            root.detachAppender(appender);
        }
        return List.copyOf(appender.list);
    }
}
