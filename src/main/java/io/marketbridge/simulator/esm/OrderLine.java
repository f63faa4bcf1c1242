package io.marketbridge.simulator.esm;

import java.time.ZonedDateTime;

/**
 * One OrderNo: a line of a PayNo cart, shipped on its own. Fields change under the store's monitor (status moves)
 * and are read under its seller's monitor.
 */
final class OrderLine {

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
}
