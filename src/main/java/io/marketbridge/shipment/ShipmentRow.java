package io.marketbridge.shipment;

import io.marketbridge.dispatch.DueRows;

import java.time.Instant;

/**
 * One MB_SHIPMENT row as claimed: what the ERP asked for, and how it stood before the claim
 * (previousStatus SENDING means an earlier node stopped while sending it).
 */
public record ShipmentRow(long id, String marketplace, String accountId, String orderId, String lineId, String courier,
                          String trackingNo, Instant shippedAt, String previousStatus, int attempts) implements DueRows.Row {

    /** True when an earlier try may have reached the marketplace: check there before sending again. */
    public boolean mayHaveReachedMarketplace() {
        return "SENDING".equals(previousStatus) || attempts > 0;
    }
}
