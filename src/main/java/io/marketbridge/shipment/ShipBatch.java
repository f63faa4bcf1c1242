package io.marketbridge.shipment;

import io.marketbridge.config.Account;
import io.marketbridge.dispatch.UnitBatch;

/** One account's share of a dispatch round (job "shipments"): the units its marketplace's ship route sends. */
public class ShipBatch extends UnitBatch<ShipUnit> {

    /** Exchange property: the batch a marketplace's ship route sends (set by route shipment-dispatch). */
    public static final String PROPERTY = "mbShipBatch";

    /** The account's claims poll to run before the units go out; null when no unit's order had recent claim activity. */
    private String claimsRoute;

    /** @param route the direct endpoint name of the marketplace's ship route */
    public ShipBatch(Account account, String route) {
        super(account, route, "shipments");
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
}
