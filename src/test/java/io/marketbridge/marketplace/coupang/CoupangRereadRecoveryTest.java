package io.marketbridge.marketplace.coupang;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that acknowledged boxes and stopped before re-reading them: the boxes have left Coupang's ACCEPT list,
 * so only the database can say they still need the re-read. The next run, started on the same database,
 * re-reads them and sees the receivers that changed.
 */
class CoupangRereadRecoveryTest {

    static final String VENDOR = "A20000001";
    static final String ACCESS = "access-recovery";
    static final String SECRET = "secret-recovery-0123456789";

    @TempDir
    Path out;

    @Test
    void boxesAcknowledgedByARunStoppedBeforeTheReReadAreReReadByTheNextRun() throws Exception {
        try (SimulatorServer simulator = RuntimeHarness.simulator(Map.of(VENDOR, new String[] {ACCESS, SECRET}))) {
            CoupangSimulator coupang = simulator.get(CoupangSimulator.class);
            ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Seoul"));
            for (int i = 0; i < 30; i++) {
                coupang.createOrder(VENDOR, now.minusMinutes(40 - i), false, 1);
            }
            Properties p = RuntimeHarness.baseProperties(out);
            RuntimeHarness.coupangAccount(p, "acct", simulator.baseUrl(), VENDOR, ACCESS, SECRET);

            try (RuntimeHarness first = RuntimeHarness.start(p, simulator, out)) {
                coupang.faults().addressChangeRate = 1.0; // every receiver changes as its box is acknowledged
                coupang.faults().failNextRereads(503, 1000); // and this run never gets to read them again
                first.pollOrders("acct");
                PollReport.Outcome outcome = first.outcome("acct");
                assertThat(outcome.ok()).isFalse();
                assertThat(outcome.errorType()).isEqualTo(ErrorType.TRANSIENT);
                assertThat(coupang.statusCounts(VENDOR)).containsOnlyKeys("INSTRUCT");
                assertThat(changes(first)).isZero();
                assertThat(Db.count(first.dataSource(), "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE reread_state = 'DUE'"))
                        .isEqualTo(30);
            }
            coupang.faults().reset();

            try (RuntimeHarness second = RuntimeHarness.start(p, simulator, out)) {
                second.pollOrders("acct");

                assertThat(Db.count(second.dataSource(), "SELECT COUNT(*) FROM MB_CONFIRMATION WHERE confirm_state = 'CONFIRMED'"))
                        .isEqualTo(30);
                assertThat(changes(second)).isEqualTo(30);
                assertThat(Db.list(second.dataSource(), "SELECT DISTINCT reread_state FROM MB_CONFIRMATION"))
                        .containsExactly("DONE");
                // from the INSTRUCT list, not box by box
                assertThat(coupang.singleReads(VENDOR)).isZero();
            }
        }
    }

    private static long changes(RuntimeHarness runtime) {
        return Db.count(runtime.dataSource(), "SELECT COUNT(*) FROM MB_ORDER_CHANGE WHERE change_type = 'ADDRESS_CHANGED'");
    }
}
