package io.marketbridge.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.http.CallDeadlineException;
import io.marketbridge.marketplace.ConfigurationException;
import io.marketbridge.marketplace.TransientMarketplaceException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.RuntimeCamelException;
import org.junit.jupiter.api.Test;

class PollSlotsTest {

    static final Throwable DEADLINE = new RuntimeCamelException(new CallDeadlineException("coupang call passed its deadline"));

    static class MutableClock extends Clock {
        Instant now = Instant.parse("2026-11-29T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void healthyAccountsAreNeverHeldBackWhateverIsRunning() {
        PollSlots slots = new PollSlots(1, Duration.ofMinutes(10), Clock.systemUTC());
        List<PollSlots.Ticket> tickets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tickets.add(slots.enter("a" + i, "orders"));
        }
        assertThat(tickets).doesNotContainNull();
        assertThat(slots.running()).hasSize(50);
        tickets.forEach(t -> slots.leave(t, null));
        assertThat(slots.running()).isEmpty();
        assertThat(slots.stalled()).isEmpty();
    }

    @Test
    void accountsWhosePollTimedOutShareTheSlotsAndTakeTurns() {
        PollSlots slots = new PollSlots(2, Duration.ofMinutes(10), Clock.systemUTC());
        for (int i = 0; i < 6; i++) {
            slots.leave(slots.enter("s" + i, "orders"), DEADLINE);
        }
        assertThat(slots.stalled()).hasSize(6).allSatisfy(s -> assertThat(s.reason()).isEqualTo("a call passed its deadline"));

        // fires of every stalled account, round after round: never more than 2 at once, and every one gets turns
        int[] turns = new int[6];
        for (int round = 0; round < 9; round++) {
            List<PollSlots.Ticket> running = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                PollSlots.Ticket t = slots.enter("s" + i, "orders");
                if (t != null) {
                    turns[i]++;
                    running.add(t);
                }
            }
            assertThat(running).hasSizeLessThanOrEqualTo(2);
            assertThat(slots.slotsInUse()).isEqualTo(running.size());
            running.forEach(t -> slots.leave(t, DEADLINE));
        }
        assertThat(java.util.Arrays.stream(turns).boxed().toList()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(3));
        assertThat(slots.stalled()).allSatisfy(s -> assertThat(s.skippedFires()).isPositive());
        assertThat(slots.skippedFires("s0", "orders")).isPositive();
    }

    @Test
    void aPollEndingWithoutATimeoutFreesTheAccount() {
        PollSlots slots = new PollSlots(1, Duration.ofMinutes(10), Clock.systemUTC());
        slots.leave(slots.enter("a", "orders"), new RuntimeCamelException(new SocketTimeoutException("Read timed out")));
        slots.leave(slots.enter("b", "orders"), DEADLINE);
        assertThat(slots.stalled()).extracting(PollSlots.Stalled::accountId).containsExactlyInAnyOrder("a", "b");
        assertThat(slots.stalled()).filteredOn(s -> s.accountId().equals("a"))
                .singleElement().satisfies(s -> assertThat(s.reason()).contains("SocketTimeoutException"));

        slots.leave(slots.enter("a", "orders"), null);
        slots.leave(slots.enter("b", "orders"), new ConfigurationException("bad key"));
        assertThat(slots.stalled()).isEmpty();
        assertThat(slots.slotsInUse()).isZero();
    }

    @Test
    void aPollRunningPastItsDeadlineIsOverdue() {
        MutableClock clock = new MutableClock();
        PollSlots slots = new PollSlots(2, Duration.ofSeconds(120), clock);
        PollSlots.Ticket t = slots.enter("a", "orders");
        clock.now = clock.now.plusSeconds(100);
        assertThat(slots.overdue(slots.running().get(0))).isNull();
        clock.now = clock.now.plusSeconds(85);
        assertThat(slots.overdue(slots.running().get(0))).isEqualTo(Duration.ofSeconds(185));
        slots.leave(t, null);
        assertThat(slots.running()).isEmpty();
    }

    @Test
    void aPollEndedOnARetryAfterSkipsTheFiresWithinTheWaitOnly() {
        MutableClock clock = new MutableClock();
        PollSlots slots = new PollSlots(2, Duration.ofMinutes(10), clock);
        assertThat(slots.skipIfWaiting("a", "orders")).isNull();

        slots.leave(slots.enter("a", "orders"), new RuntimeCamelException(
                new TransientMarketplaceException("HTTP 429", Duration.ofSeconds(90))));
        assertThat(slots.skipIfWaiting("b", "orders")).isNull(); // another account is not affected
        clock.now = clock.now.plusSeconds(30);
        PollSlots.Waiting waiting = slots.skipIfWaiting("a", "orders");
        assertThat(waiting.until()).isEqualTo(Instant.parse("2026-11-29T00:01:30Z"));
        assertThat(waiting.skippedFires()).isEqualTo(1);
        assertThat(slots.skipIfWaiting("a", "orders").skippedFires()).isEqualTo(2);

        clock.now = clock.now.plusSeconds(60);
        assertThat(slots.skipIfWaiting("a", "orders")).isNull();
        assertThat(slots.waiting()).isEmpty();

        // a poll that ends without a Retry-After clears an earlier wait
        slots.leave(slots.enter("a", "orders"), new TransientMarketplaceException("HTTP 429", Duration.ofSeconds(90)));
        slots.leave(slots.enter("a", "orders"), new ConfigurationException("bad key"));
        assertThat(slots.skipIfWaiting("a", "orders")).isNull();
    }
}
