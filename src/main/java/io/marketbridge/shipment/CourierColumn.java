package io.marketbridge.shipment;

import io.marketbridge.marketplace.MarketplaceConnector;
import java.util.Set;

/**
 * One marketplace's column of the courier table (couriers.csv): the header it is found by, the headers it went
 * by earlier (still read, with a warning), and the marketplaces whose courier codes it holds (ESM's one column
 * serves Gmarket and Auction).
 */
public record CourierColumn(String header, Set<String> formerHeaders, Set<io.marketbridge.order.Marketplace> marketplaces) {

    public CourierColumn {
        formerHeaders = Set.copyOf(formerHeaders);
        marketplaces = Set.copyOf(marketplaces);
    }

    /** The column a connector declares; its former keys are former headers (11st for elevenst). */
    public static CourierColumn of(MarketplaceConnector connector) {
        return new CourierColumn(connector.courierColumn(), connector.formerKeys(), connector.marketplaces());
    }
}
