package io.marketbridge.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * When simulated buyers act on their lines, after the {@link ClaimSwitches} as they stand at each draw: each line
 * is drawn once when it is paid (a cancel later?) and once when it ships (a return or an exchange later?), each
 * claim the plan made once when made (a withdrawal later?). The simulator asks for what is due on its ticks and applies what still applies (a line
 * shipped in the meantime is no longer cancelled, for instance).
 */
public final class BuyerClaimPlan {

    public enum Kind { CANCEL, RETURN, EXCHANGE, WITHDRAW }

    /** One planned buyer action on the line (or, for WITHDRAW, the claim) with the simulator's key. */
    public record Due(Kind kind, String key, long atMillis) {
    }

    private final ClaimSwitches switches;
    private final Random random;
    private final PriorityQueue<Due> queue = new PriorityQueue<>((a, b) -> Long.compare(a.atMillis(), b.atMillis()));

    public BuyerClaimPlan(ClaimSwitches switches, long randomSeed) {
        this.switches = switches;
        this.random = new Random(randomSeed);
    }

    public ClaimSwitches switches() {
        return switches;
    }

    /** A line was paid now: maybe its buyer cancels it after cancel-delay. */
    public synchronized void paid(String key, long nowMillis) {
        if (switches.cancelRate > 0 && random.nextDouble() < switches.cancelRate) {
            queue.add(new Due(Kind.CANCEL, key, nowMillis + switches.cancelDelay.toMillis()));
        }
    }

    /** A line shipped now: maybe its buyer returns or exchanges it after return-delay. */
    public synchronized void shipped(String key, long nowMillis) {
        if (switches.returnRate <= 0 && switches.exchangeRate <= 0) {
            return;
        }
        double d = random.nextDouble();
        long at = nowMillis + switches.returnDelay.toMillis();
        if (d < switches.returnRate) {
            queue.add(new Due(Kind.RETURN, key, at));
        } else if (d < switches.returnRate + switches.exchangeRate) {
            queue.add(new Due(Kind.EXCHANGE, key, at));
        }
    }

    /**
     * The plan's claim was made now: maybe its buyer withdraws it after withdraw-delay. Claims made through a control
     * endpoint are not drawn, so a test's claims stay as the test made them.
     */
    public synchronized void claimed(String claimKey, long nowMillis) {
        if (switches.withdrawRate > 0 && random.nextDouble() < switches.withdrawRate) {
            queue.add(new Due(Kind.WITHDRAW, claimKey, nowMillis + switches.withdrawDelay.toMillis()));
        }
    }

    /** How many of {@code total} pieces a buyer's claim takes: all, or (at partial-rate) fewer. */
    public synchronized int quantity(int total) {
        if (total > 1 && switches.partialRate > 0 && random.nextDouble() < switches.partialRate) {
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
