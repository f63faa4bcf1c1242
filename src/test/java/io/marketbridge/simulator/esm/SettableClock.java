package io.marketbridge.simulator.esm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it: the simulator's time passes only when the test says so. */
final class SettableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    SettableClock(Instant start, ZoneId zone) {
        this(new AtomicReference<>(start), zone);
    }

    private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** Moves the clock (and every copy of it in another zone) forward. */
    void advance(Duration step) {
        now.updateAndGet(t -> t.plus(step));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SettableClock(now, zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
