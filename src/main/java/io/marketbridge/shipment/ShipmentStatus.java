package io.marketbridge.shipment;

/** MB_SHIPMENT.status values. */
public final class ShipmentStatus {
    public static final String READY = "READY";
    public static final String SENDING = "SENDING";
    public static final String SENT = "SENT";
    public static final String REJECTED = "REJECTED";
    public static final String FAILED = "FAILED";
    /** Set by the ERP on a REJECTED or FAILED row a person has dealt with; the runtime never takes it again. */
    public static final String SETTLED = "SETTLED";
    /** Not a status of a row: {@link ShipmentStore#openCounts()}'s name for FAILED rows still to be tried again. */
    public static final String RETRYING = "RETRYING";

    private ShipmentStatus() {
    }
}
