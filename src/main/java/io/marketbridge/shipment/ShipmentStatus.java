package io.marketbridge.shipment;

/** MB_SHIPMENT.status values. */
public final class ShipmentStatus {
    public static final String READY = "READY";
    public static final String SENDING = "SENDING";
    public static final String SENT = "SENT";
    public static final String REJECTED = "REJECTED";
    public static final String FAILED = "FAILED";

    private ShipmentStatus() {
    }
}
