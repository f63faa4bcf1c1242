package io.marketbridge.simulator;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New orders arriving at a simulator while it runs: once a second, how many orders each seller gets now at a
 * rate per minute (fractions carry over to the next second), handed to the simulator with the KST time.
 */
public final class Arrivals {

    private static final Logger LOG = LoggerFactory.getLogger(Arrivals.class);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    /** One second of arrivals: {@code count} new orders per seller (often 0: a tick can still do timed work). */
    public interface Tick {
        void arrive(int count, ZonedDateTime now);
    }

    private final ScheduledExecutorService executor;

    private Arrivals(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    /** Starts the ticks on a daemon thread named after the marketplace; stop() ends them. */
    public static Arrivals start(String marketplace, double perMinute, Tick tick) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, marketplace + "-simulator-arrivals");
            t.setDaemon(true);
            return t;
        });
        double perSecond = perMinute / 60.0;
        double[] owed = new double[1];
        executor.scheduleAtFixedRate(() -> {
            try {
                owed[0] += perSecond;
                int count = (int) owed[0];
                owed[0] -= count;
                tick.arrive(count, ZonedDateTime.now(SEOUL));
            } catch (RuntimeException e) {
                // one failed second must not end the arrivals (a scheduled task that throws is never run again)
                LOG.warn("{} simulator arrivals failed: {}", marketplace, e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        return new Arrivals(executor);
    }

    public void stop() {
        executor.shutdownNow();
    }
}
