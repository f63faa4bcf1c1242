package io.marketbridge.simulator.naver;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** One line of an order (Naver's productOrderId): what confirm and dispatch act on; guarded by its Seller's monitor. */
final class ProductOrder {
    final String productOrderId;
    final Order order;
    final NaverSampleData.Product product;
    final NaverSampleData.Option option;
    final int quantity;
    final long discount;
    final long deliveryFee;
    final long sectionFee;
    final String packageNumber;
    final String customsCode;
    String status = "PAYED";
    String placeOrderStatus = "NOT_YET";
    ZonedDateTime placeOrderDate;
    String deliveryMethod;
    String deliveryCompany;
    String trackingNumber;
    ZonedDateTime sendDate;
    int dispatches;
    Claim claim;
    final List<Claim> completedClaims = new ArrayList<>();
    /** Claims its buyer withdrew: gone from the detail, kept for tests that compare what was collected. */
    final List<Claim> withdrawnClaims = new ArrayList<>();
    long lastChangedMillis;
    Change latestChange;

    ProductOrder(String productOrderId, Order order, NaverSampleData.Product product, NaverSampleData.Option option,
                 int quantity, long discount, long deliveryFee, long sectionFee, String packageNumber, String customsCode) {
        this.productOrderId = productOrderId;
        this.order = order;
        this.product = product;
        this.option = option;
        this.quantity = quantity;
        this.discount = discount;
        this.deliveryFee = deliveryFee;
        this.sectionFee = sectionFee;
        this.packageNumber = packageNumber;
        this.customsCode = customsCode;
    }

    /** Pieces still ordered: the quantity less every completed cancel and return. */
    int remainQuantity() {
        int remain = quantity;
        for (Claim c : completedClaims) {
            if (c.claimStatus.equals("CANCEL_DONE") || c.claimStatus.equals("RETURN_DONE")) {
                remain -= c.quantity;
            }
        }
        return Math.max(0, remain);
    }

    long totalProduct() {
        return (product.price() + option.price()) * quantity;
    }

    long totalPayment() {
        return totalProduct() - discount;
    }
}
