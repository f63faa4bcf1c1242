package io.marketbridge.dispatch;

import io.marketbridge.shipment.ShipmentStatus;

/** Counts of outcomes for a log line: SENT, REJECTED, and anything else as failed. */
public final class Outcomes {

    private int sent;
    private int rejected;
    private int failed;

    public void add(String outcome) {
        if (ShipmentStatus.SENT.equals(outcome)) {
            sent++;
        } else if (ShipmentStatus.REJECTED.equals(outcome)) {
            rejected++;
        } else {
            failed++;
        }
    }

    public int sent() {
        return sent;
    }

    public int rejected() {
        return rejected;
    }

    public int failed() {
        return failed;
    }
}
