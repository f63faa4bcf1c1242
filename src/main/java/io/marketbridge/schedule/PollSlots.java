package io.marketbridge.schedule;

import io.marketbridge.http.CallDeadlineException;
import io.marketbridge.marketplace.TransientMarketplaceException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The bulkhead between accounts on this node's Quartz threads, and what the health check needs to know about the
 * polls running on them.
 *
 * <p>Every marketplace call has a total deadline, so a poll of an account whose marketplace (or proxy) stalls ends,
 * but it still holds a worker for up to that deadline at every fire. An account whose last poll ended on a timeout
 * (a call past its deadline, a connect or read timeout) is <em>stalled</em>: its fires share
 * {@value #SLOTS_PROPERTY} slots (2 by default, of the 10 Quartz threads) with every other stalled account, and a
 * fire that finds them taken is skipped and counted (its cursor stays, the next fire polls the window again); a
 * stalled account that just had its turn sits out the fires it takes the slots to go round the others. So
 * however many accounts stall, and on whichever marketplaces, after their first timeout they hold at most that many
 * workers and every healthy account keeps the rest. A poll that ends without a timeout releases the account.
 *
 * <p>A poll that ended on a failure carrying the marketplace's Retry-After (one longer than the error handler waits
 * within a poll, or the last of its retries) makes the account <em>wait</em>: its fires until that wait is over are
 * skipped ({@link #skipIfWaiting}), on this node.
 *
 * <p>A poll running longer than {@value #DEADLINE_PROPERTY} (10 minutes by default) is reported by the accounts
 * health check (DOWN), instead of its last, stale, outcome.
 */
public class PollSlots {

    public static final String SLOTS_PROPERTY = "marketbridge.polls.stalled-slots";
    public static final String DEADLINE_PROPERTY = "marketbridge.polls.deadline-ms";
    public static final int DEFAULT_SLOTS = 2;
    public static final long DEFAULT_DEADLINE_MS = 600_000;

    /** A poll running on this node. */
    public record Running(String accountId, String job, Instant since) {
    }

    /** An account whose last poll timed out. */
    public record Stalled(String accountId, String job, Instant since, String reason, long skippedFires) {
    }

    /** An account and job whose last poll ended on a Retry-After: fires before {@code until} are skipped. */
    public record Waiting(String accountId, String job, Instant until, long skippedFires) {
    }

    private record WaitState(Instant until, AtomicLong skipped) {
    }

    /** Held by one fire from {@link #enter} to {@link #leave}. */
    public static final class Ticket {
        private final String key;
        private final Running running;
        private final boolean stalledSlot;

        private Ticket(String key, Running running, boolean stalledSlot) {
            this.key = key;
            this.running = running;
            this.stalledSlot = stalledSlot;
        }
    }

    private static final class StalledState {
        final Instant since;
        final String reason;
        final AtomicLong skipped = new AtomicLong();
        /** Fires it still yields after its last turn (which timed out again), so every stalled account gets turns. */
        volatile int yielding;

        StalledState(Instant since, String reason) {
            this.since = since;
            this.reason = reason;
        }
    }

    private final int slots;
    private final Duration pollDeadline;
    private final Clock clock;
    private final Semaphore stalledSlots;
    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Map<String, StalledState> stalled = new ConcurrentHashMap<>();
    private final Map<String, WaitState> waiting = new ConcurrentHashMap<>();

    public PollSlots(int slots, Duration pollDeadline, Clock clock) {
        if (slots < 1) {
            throw new IllegalArgumentException(SLOTS_PROPERTY + " must be at least 1, not " + slots);
        }
        if (pollDeadline.isNegative() || pollDeadline.isZero()) {
            throw new IllegalArgumentException(DEADLINE_PROPERTY + " must be more than 0, not " + pollDeadline.toMillis());
        }
        this.slots = slots;
        this.pollDeadline = pollDeadline;
        this.clock = clock;
        this.stalledSlots = new Semaphore(slots);
    }

    public static PollSlots from(Function<String, String> properties, Clock clock) {
        return new PollSlots((int) number(properties, SLOTS_PROPERTY, DEFAULT_SLOTS),
                Duration.ofMillis(number(properties, DEADLINE_PROPERTY, DEFAULT_DEADLINE_MS)), clock);
    }

    private static long number(Function<String, String> properties, String key, long defaultValue) {
        String value = properties.apply(key);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value.trim() + "'");
        }
    }

    /** A ticket for this fire, or null when the account is stalled and every stalled slot is taken: skip the fire. */
    public Ticket enter(String accountId, String job) {
        String key = accountId + "/" + job;
        StalledState state = stalled.get(key);
        boolean slot = false;
        if (state != null) {
            if (state.yielding > 0 || !stalledSlots.tryAcquire()) {
                state.yielding = Math.max(0, state.yielding - 1);
                state.skipped.incrementAndGet();
                return null;
            }
            slot = true;
        }
        Running r = new Running(accountId, job, clock.instant());
        running.put(key, r);
        return new Ticket(key, r, slot);
    }

    /**
     * Called before {@link #enter}: when the account and job wait out a Retry-After, the wait (this fire counted as
     * skipped), else null. A wait that is over is forgotten.
     */
    public Waiting skipIfWaiting(String accountId, String job) {
        String key = accountId + "/" + job;
        WaitState state = waiting.get(key);
        if (state == null) {
            return null;
        }
        if (!clock.instant().isBefore(state.until())) {
            waiting.remove(key, state);
            return null;
        }
        return new Waiting(accountId, job, state.until(), state.skipped().incrementAndGet());
    }

    /** The fire ended; {@code failure} is what ended the poll, null when it succeeded. */
    public void leave(Ticket ticket, Throwable failure) {
        running.remove(ticket.key, ticket.running);
        Duration retryAfter = retryAfterOf(failure);
        if (retryAfter != null && !retryAfter.isZero() && !retryAfter.isNegative()) {
            waiting.put(ticket.key, new WaitState(clock.instant().plus(retryAfter), new AtomicLong()));
        } else {
            waiting.remove(ticket.key);
        }
        if (ticket.stalledSlot) {
            stalledSlots.release();
        }
        String timeout = timeoutOf(failure);
        if (timeout == null) {
            stalled.remove(ticket.key);
        } else {
            StalledState state = stalled.computeIfAbsent(ticket.key, k -> new StalledState(clock.instant(), timeout));
            // after a turn, sit out as many fires as it takes the slots to go round the other stalled accounts
            state.yielding = ticket.stalledSlot ? Math.max(0, (stalled.size() + slots - 1) / slots - 1) : 0;
        }
    }

    /** Fires of a stalled account skipped since it stalled (0 when it is not stalled). */
    public long skippedFires(String accountId, String job) {
        StalledState state = stalled.get(accountId + "/" + job);
        return state == null ? 0 : state.skipped.get();
    }

    /** The Retry-After the failure carries, or null. */
    static Duration retryAfterOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientMarketplaceException e && e.retryAfter() != null) {
                return e.retryAfter();
            }
        }
        return null;
    }

    /** What timed out, or null when the failure is not a timeout (or there is none). */
    static String timeoutOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CallDeadlineException) {
                return "a call passed its deadline";
            }
            if (t instanceof InterruptedIOException) { // connect and read timeouts, an aborted request
                return "a call timed out (" + t.getClass().getSimpleName() + ")";
            }
        }
        return null;
    }

    /** The account's poll is past its deadline by now: how long it has run, else null. */
    public Duration overdue(Running r) {
        Duration ran = Duration.between(r.since(), clock.instant());
        return ran.compareTo(pollDeadline) > 0 ? ran : null;
    }

    public List<Running> running() {
        return List.copyOf(running.values());
    }

    public List<Stalled> stalled() {
        return stalled.entrySet().stream().map(e -> {
            String[] idJob = e.getKey().split("/", 2);
            StalledState s = e.getValue();
            return new Stalled(idJob[0], idJob[1], s.since, s.reason, s.skipped.get());
        }).toList();
    }

    /** Accounts and jobs waiting out a Retry-After now. */
    public List<Waiting> waiting() {
        Instant now = clock.instant();
        return waiting.entrySet().stream().filter(e -> now.isBefore(e.getValue().until())).map(e -> {
            String[] idJob = e.getKey().split("/", 2);
            return new Waiting(idJob[0], idJob[1], e.getValue().until(), e.getValue().skipped().get());
        }).toList();
    }

    public int slots() {
        return slots;
    }

    public int slotsInUse() {
        return slots - stalledSlots.availablePermits();
    }

    public Duration pollDeadline() {
        return pollDeadline;
    }
}
