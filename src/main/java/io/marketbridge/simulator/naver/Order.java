package io.marketbridge.simulator.naver;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** One paid order (Naver's orderId) and its product orders (lines); guarded by its Seller's monitor. */
final class Order {
    final String orderId;
    final ZonedDateTime orderDate;
    final ZonedDateTime paymentDate;
    final String ordererId;
    final String ordererNo;
    final String ordererName;
    final String ordererTel;
    final String paymentMeans;
    final String payLocationType;
    final boolean membership;
    final boolean gift;
    final long mileage;
    String giftReceivingStatus;
    ZonedDateTime giftReceivedDate;
    Address address;
    String shippingMemo;
    boolean addressChanged;
    final List<ProductOrder> lines = new ArrayList<>();

    Order(String orderId, ZonedDateTime orderDate, ZonedDateTime paymentDate, String ordererId, String ordererNo,
          String ordererName, String ordererTel, String paymentMeans, String payLocationType, boolean membership,
          boolean gift, long mileage) {
        this.orderId = orderId;
        this.orderDate = orderDate;
        this.paymentDate = paymentDate;
        this.ordererId = ordererId;
        this.ordererNo = ordererNo;
        this.ordererName = ordererName;
        this.ordererTel = ordererTel;
        this.paymentMeans = paymentMeans;
        this.payLocationType = payLocationType;
        this.membership = membership;
        this.gift = gift;
        this.mileage = mileage;
    }

    long totalPayment() {
        long sum = 0;
        for (ProductOrder p : lines) {
            sum += p.totalPayment() + p.deliveryFee + p.sectionFee;
        }
        return sum;
    }

    boolean waitingForGift() {
        return gift && "WAIT_FOR_RECEIVING".equals(giftReceivingStatus);
    }
}
