package io.marketbridge.simulator.esm;

import java.time.ZonedDateTime;

/**
 * One OrderNo: a line of a PayNo cart, shipped on its own. Fields change under the store's monitor (status moves)
 * and are read under its seller's monitor.
 */
final class OrderLine {

    /** "G" Gmarket or "A" Auction. */
    String site;
    long payNo;
    long orderNo;
    long groupNo;
    /** OrderStatus: 1 paid, 2 confirmed (preparing), 3 in transit. */
    int status = 1;
    ZonedDateTime orderDate;
    ZonedDateTime payDate;
    ZonedDateTime confirmDate;
    ZonedDateTime transDate;
    ZonedDateTime transDueDate;
    EsmSampleData.Product product;
    EsmSampleData.Option option;
    int quantity;
    long shippingFee;
    long sellerDiscount;
    String buyerName;
    String buyerId;
    String buyerMobile;
    String receiverName;
    String hpNo;
    String telNo;
    String zipCode;
    String front;
    String back;
    String memo;
    String infoCin;
    /** A same-day ... F undecided; G-Z star delivery. */
    String transType = "A";
    boolean gift;
    ZonedDateTime giftAcceptedAt;
    boolean addressChanged;
    Integer courier;
    String invoice;
    int shipments;
    /** The claims on this OrderNo, oldest first; the last one is the one in force. */
    final java.util.List<EsmClaim> claims = new java.util.ArrayList<>();
    /** Whether the buyer switches already decided on a cancel (and on a return or exchange) of this line. */
    boolean cancelRolled;
    boolean returnRolled;

    /** The claim in force, or null. */
    EsmClaim claim() {
        return claims.isEmpty() ? null : claims.get(claims.size() - 1);
    }

    /** A cancel completed: the line is gone. */
    boolean cancelled() {
        EsmClaim c = claim();
        return c != null && c.kind == EsmClaim.Kind.CANCEL && c.state == EsmClaim.State.COMPLETED;
    }

    /** An open cancel request. */
    boolean cancelRequested() {
        EsmClaim c = claim();
        return c != null && c.kind == EsmClaim.Kind.CANCEL && c.open();
    }

    /** Claim orders (requested or completed) are left out of RequestOrders' lists. */
    boolean inClaim() {
        EsmClaim c = claim();
        return c != null && (c.open() || c.state == EsmClaim.State.COMPLETED);
    }
}
