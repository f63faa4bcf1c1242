package io.marketbridge.shipment;

import io.marketbridge.config.Account;
import io.marketbridge.intake.PollContext;
import java.util.ArrayList;
import java.util.List;

/**
 * One account's share of a dispatch round: the units its marketplace's ship route sends. It carries a
 * {@link PollContext} (job "shipments") because the marketplace's api route reads the account from there.
 */
public class ShipBatch {

    /** Exchange property: the batch a marketplace's ship route sends (set by route shipment-dispatch). */
    public static final String PROPERTY = "mbShipBatch";

    private final Account account;
    private final String route;
    private final PollContext poll;
    private final List<ShipUnit> units = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    /** The account's claims poll to run before the units go out; null when no unit's order had recent claim activity. */
    private String claimsRoute;
    int sent;
    int rejected;
    int failed;

    public ShipBatch(Account account, String route) {
        this.account = account;
        this.route = route;
        this.poll = new PollContext(account, "shipments", null, null, null);
    }

    public Account getAccount() {
        return account;
    }

    /** The direct endpoint name of the marketplace's ship route. */
    public String getRoute() {
        return route;
    }

    /**
     * The direct endpoint of the account's claims poll when a unit's order had claim activity recently: route
     * shipment-dispatch reads the account's claims once before the ship route sends anything.
     */
    public String getClaimsRoute() {
        return claimsRoute;
    }

    void readClaimsFirst(String claimsRoute) {
        this.claimsRoute = claimsRoute;
    }

    public PollContext getPoll() {
        return poll;
    }

    public List<ShipUnit> getUnits() {
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
