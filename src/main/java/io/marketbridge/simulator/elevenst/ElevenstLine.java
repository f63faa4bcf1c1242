package io.marketbridge.simulator.elevenst;

import java.time.ZonedDateTime;

/** One order line (ordPrdSeq) and where it stands: its status, confirmation and shipment. */
final class ElevenstLine {
    final String seq;
    final String dlvNo;
    final ElevenstSampleData.Product product;
    final int optionIndex;
    final int qty;
    final boolean addOn;
    final String addPrdNo;
    final long sellerDsc;
    volatile String stat = "202";
    volatile ZonedDateTime confirmedAt;
    volatile String courier;
    volatile String invoice;
    volatile String method;
    volatile ZonedDateTime sentAt;
    volatile int deliveries;
    /** Pieces of the line whose cancellation was approved (a partial cancel leaves the line where it was). */
    volatile int cancelledQty;
    /** Whether the buyer switches already decided on a cancel (and on a return or exchange) of this line. */
    boolean cancelRolled;
    boolean returnRolled;

    ElevenstLine(String seq, String dlvNo, ElevenstSampleData.Product product, int optionIndex, int qty, boolean addOn,
                 String addPrdNo, long sellerDsc) {
        this.seq = seq;
        this.dlvNo = dlvNo;
        this.product = product;
        this.optionIndex = optionIndex;
        this.qty = qty;
        this.addOn = addOn;
        this.addPrdNo = addPrdNo;
        this.sellerDsc = sellerDsc;
    }

    long unitPrice() {
        return addOn ? product.addOnPrice() : product.price();
    }

    long optionPrice() {
        return addOn ? 0 : product.options().get(optionIndex).extra() * qty;
    }

    long amount() {
        return unitPrice() * qty + optionPrice();
    }

    /** Ships the line (status 401) with the courier, tracking number and delivery method, sent at {@code at}. */
    void ship(String courier, String invoice, String method, ZonedDateTime at) {
        stat = "401";
        this.courier = courier;
        this.invoice = invoice;
        this.method = method;
        sentAt = at;
        deliveries++;
    }
}
