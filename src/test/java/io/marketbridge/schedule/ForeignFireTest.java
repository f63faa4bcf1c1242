package io.marketbridge.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.config.AccountRegistry;
import io.marketbridge.intake.PollReport;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In a cluster whose nodes run different configurations, a fire of an account this node does not have reaches it
 * (the node started last made the triggers): it is skipped, without a poll and without failing the Quartz job.
 */
class ForeignFireTest {

    @Test
    void aFireOfAnAccountThisNodeDoesNotHaveIsSkipped() {
        PollSlots slots = PollSlots.from(k -> null, Clock.systemUTC());
        PollReport report = new PollReport(Clock.systemUTC());
        AccountScheduler scheduler = new AccountScheduler(new AccountRegistry(List.of()), slots, report);

        scheduler.fire("only-on-another-node", "orders", "coupang-orders");
        scheduler.fire("only-on-another-node", "orders", "coupang-orders");

        assertThat(slots.running()).isEmpty();
        assertThat(report.lastOutcomes()).isEmpty();
    }
}
