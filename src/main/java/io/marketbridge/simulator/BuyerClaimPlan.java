package io.marketbridge.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * When simulated buyers act on their lines, after {@link BuyerClaimSettings}: each line is drawn once when it is
 * paid (a cancel later?) and once when it ships (a return or an exchange later?), each claim once when made (a
 * withdrawal later?). The simulator asks for what is due on its ticks and applies what still applies (a line
 * shipped in the meantime is no longer cancelled, for instance).
 */
public final class BuyerClaimPlan {

    public enum Kind { CANCEL, RETURN, EXCHANGE, WITHDRAW }

    /** One planned buyer action on the line (or, for WITHDRAW, the claim) with the simulator's key. */
    public record Due(Kind kind, String key, long atMillis) {
    }

    private final BuyerClaimSettings settings;
    private final Random random;
    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> Long.compare(a.atMillis(), b.atMillis()));

    public BuyerClaimPlan(BuyerClaimSettings settings, long randomSeed) {
        this.settings = settings;
        this.random = new Random(randomSeed);
    }

    public BuyerClaimSettings settings() {
        return settings;
    }

    /** A line was paid now: maybe its buyer cancels it after cancel-delay. */
    public synchronized void paid(String key, long nowMillis) {
        if (settings.cancelRate() > 0 && random.nextDouble() < settings.cancelRate()) {
            queue.add(new Due(Kind.CANCEL, key, nowMillis + settings.cancelDelay().toMillis()));
        }
    }

    /** A line shipped now: maybe its buyer returns or exchanges it after return-delay. */
    public synchronized void shipped(String key, long nowMillis) {
        double d = random.nextDouble();
        long at = nowMillis + settings.returnDelay().toMillis();
        if (d < settings.returnRate()) {
            queue.add(new Due(Kind.RETURN, key, at));
        } else if (d < settings.returnRate() + settings.exchangeRate()) {
            queue.add(new Due(Kind.EXCHANGE, key, at));
        }
    }

    /** A claim was made now (by the plan or by a test): maybe its buyer withdraws it after withdraw-delay. */
    public synchronized void claimed(String claimKey, long nowMillis) {
        if (settings.withdrawRate() > 0 && random.nextDouble() < settings.withdrawRate()) {
            queue.add(new Due(Kind.WITHDRAW, claimKey, nowMillis + settings.withdrawDelay().toMillis()));
        }
    }

    /** How many of {@code total} pieces a buyer's claim takes: all, or (at partial-rate) fewer. */
    public synchronized int quantity(int total) {
        if (total > 1 && settings.partialRate() > 0 && random.nextDouble() < settings.partialRate()) {
            return 1 + random.nextInt(total - 1);
        }
        return total;
    }

    /** The planned actions due by now, oldest first; they leave the plan. */
    public synchronized List<Due> due(long nowMillis) {
        List<Due> out = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().atMillis() <= nowMillis) {
            out.add(queue.poll());
        }
        return out;
    }
}
