package io.marketbridge.claim.action;

import io.marketbridge.config.Account;
import io.marketbridge.intake.PollContext;
import io.marketbridge.shipment.ShipmentStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * One account's share of a claim action round: the units its marketplace's claim action route sends. It carries
 * a {@link PollContext} (job "claim-actions") because the marketplace's api route reads the account from there.
 */
public class ClaimActionBatch {

    /** Exchange property: the batch a marketplace's claim action route sends (set by route claim-action-dispatch). */
    public static final String PROPERTY = "mbClaimActionBatch";

    private final Account account;
    private final String route;
    private final PollContext<?> poll;
    private final List<ClaimActionUnit> units = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    int sent;
    int rejected;
    int failed;

    public ClaimActionBatch(Account account, String route) {
        this.account = account;
        this.route = route;
        this.poll = new PollContext<>(account, "claim-actions", null, null, null);
    }

    public Account getAccount() {
        return account;
    }

    /** The direct endpoint name of the marketplace's claim action route. */
    public String getRoute() {
        return route;
    }

    public PollContext<?> getPoll() {
        return poll;
    }

    public List<ClaimActionUnit> getUnits() {
        return units;
    }

    synchronized void count(String outcome) {
        if (ShipmentStatus.SENT.equals(outcome)) {
            sent++;
        } else if (ShipmentStatus.REJECTED.equals(outcome)) {
            rejected++;
        } else {
            failed++;
        }
    }

    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
