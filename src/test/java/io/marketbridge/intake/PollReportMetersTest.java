package io.marketbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.config.Account;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * An idle poll registers one meter (the account's polls), not one per result: at 10,000 accounts each meter
 * costs heap; a poll that delivered orders adds the orders counter with its count.
 */
class PollReportMetersTest {

    @Test
    void anIdleAccountHoldsOneMeterAndCountsAddUp() throws Exception {
        MeterRegistry meters = new SimpleMeterRegistry();
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("meters", meters);
            PollReport report = new PollReport(Clock.systemUTC());
            Account account = new Account("idle-1", "coupang", Map.of(), Map.of());
            OffsetDateTime now = OffsetDateTime.now();
            report.success(new PollContext<>(account, "orders", now.minusMinutes(1), now, null), camel);
            report.success(new PollContext<>(account, "orders", now.minusMinutes(1), now, null), camel);
            assertThat(meters.getMeters()).extracting(m -> m.getId().getName()).containsExactly("marketbridge.polls");
            assertThat(meters.get("marketbridge.polls").tag("account", "idle-1").counter().count()).isEqualTo(2);

            PollContext<?> busy = new PollContext<>(account, "orders", now.minusMinutes(1), now, null);
            busy.newOrders = 3;
            report.success(busy, camel);
            report.success(busy, camel);
            assertThat(meters.get("marketbridge.orders").tag("result", "new").counter().count()).isEqualTo(6);
            assertThat(meters.find("marketbridge.orders").tag("result", "duplicate").counter()).isNull();
        }
    }
}
