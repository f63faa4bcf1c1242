package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.naver.NaverDates.kst;
import static io.marketbridge.simulator.naver.NaverReplies.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.naver.NaverFaults.ClaimShape;
import java.util.Set;

/**
 * A product order as Naver's detail object (order, productOrder, delivery, claims), the shape the detail query
 * and the conditional search both answer with. The caller holds the seller's monitor.
 */
final class ProductOrderDetails {

    private static final Set<String> CLOSED = Set.of("PURCHASE_DECIDED", "EXCHANGED", "CANCELED", "RETURNED",
            "CANCELED_BY_NOPAYMENT");

    private final NaverFaults faults;

    ProductOrderDetails(NaverFaults faults) {
        this.faults = faults;
    }

    /** {@code compatible}: the caller sent quantityClaimCompatibility=true. */
    ObjectNode render(Seller s, ProductOrder p, boolean compatible) {
        Order o = p.order;
        boolean quantityFields = compatible || !faults.quantityFieldsNeedCompatibility;
        ObjectNode root = JSON.createObjectNode();
        ObjectNode order = root.putObject("order");
        order.put("orderId", o.orderId);
        order.put("orderDate", kst(o.orderDate));
        order.put("ordererId", o.ordererId);
        order.put("ordererNo", o.ordererNo);
        order.put("ordererName", o.gift ? NaverSampleData.maskName(o.ordererName) : o.ordererName);
        order.put("ordererTel", o.gift ? NaverSampleData.maskTel(o.ordererTel) : o.ordererTel);
        order.put("paymentDate", kst(o.paymentDate));
        order.put("paymentMeans", o.paymentMeans);
        order.put("payLocationType", o.payLocationType);
        order.put("orderDiscountAmount", 0);
        long total = o.totalPayment();
        boolean money = o.paymentMeans.equals("포인트/머니결제");
        order.put("generalPaymentAmount", money ? 0 : total - o.mileage);
        order.put("naverMileagePaymentAmount", o.mileage);
        order.put("chargeAmountPaymentAmount", money ? total - o.mileage : 0);
        order.put("checkoutAccumulationPaymentAmount", 0);
        order.put("payLaterPaymentAmount", 0);
        order.put("isDeliveryMemoParticularInput", "false");
        order.put("isMembershipSubscribed", o.membership);

        ObjectNode po = root.putObject("productOrder");
        po.put("productOrderId", p.productOrderId);
        po.put("productOrderStatus", p.status);
        po.put("placeOrderStatus", p.placeOrderStatus);
        if (p.placeOrderDate != null) {
            po.put("placeOrderDate", kst(p.placeOrderDate));
        }
        if (p.claim != null) {
            po.put("claimType", p.claim.claimType);
            po.put("claimStatus", p.claim.claimStatus);
            po.put("claimId", p.claim.claimId);
        }
        po.put("mallId", s.id);
        po.put("merchantChannelId", s.channelNo);
        po.put("productId", p.product.productId());
        po.put("originalProductId", p.product.originalProductId());
        po.put("productName", p.product.name());
        po.put("productOption", p.option.name());
        po.put("optionCode", p.option.code());
        po.put("itemNo", p.option.code());
        po.put("optionManageCode", p.option.manageCode());
        po.put("sellerProductCode", p.product.sellerProductCode());
        po.put("productClass", p.product.options().size() > 1 ? "조합형옵션상품" : "단일상품");
        po.put("quantity", p.quantity);
        po.put("unitPrice", p.product.price());
        po.put("optionPrice", p.option.price());
        po.put("totalProductAmount", p.totalProduct());
        po.put("productDiscountAmount", p.discount);
        po.put("productImediateDiscountAmount", p.discount); // sic: Naver's spelling
        po.put("sellerBurdenDiscountAmount", p.discount);
        po.put("sellerBurdenImediateDiscountAmount", p.discount); // sic
        po.put("totalPaymentAmount", p.totalPayment());
        if (quantityFields) {
            int remain = p.status.equals("CANCELED") ? 0 : p.remainQuantity();
            po.put("initialQuantity", p.quantity);
            po.put("remainQuantity", remain);
            po.put("initialProductAmount", p.totalProduct());
            po.put("remainProductAmount", p.totalProduct() * remain / p.quantity);
            po.put("initialProductDiscountAmount", p.discount);
            po.put("remainProductDiscountAmount", p.discount * remain / p.quantity);
            po.put("initialPaymentAmount", p.totalPayment());
            po.put("remainPaymentAmount", p.totalPayment() * remain / p.quantity);
        }
        po.put("deliveryFeeAmount", p.deliveryFee);
        po.put("deliveryDiscountAmount", 0);
        po.put("sectionDeliveryFee", p.sectionFee);
        po.put("deliveryPolicyType", p.deliveryFee == 0 ? "무료" : "유료");
        po.put("shippingFeeType", p.deliveryFee == 0 ? "무료" : "선결제");
        po.put("packageNumber", p.packageNumber);
        po.put("expectedDeliveryMethod", "DELIVERY");
        po.put("expectedDeliveryCompany", "CJGLS");
        po.put("deliveryAttributeType", "NORMAL");
        if (o.address != null) {
            ObjectNode a = po.putObject("shippingAddress");
            address(a, o.address);
        }
        address(po.putObject("takingAddress"), NaverSampleData.TAKING);
        if (o.shippingMemo != null && !o.shippingMemo.isEmpty()) {
            po.put("shippingMemo", o.shippingMemo);
        }
        po.put("shippingDueDate", kst(o.paymentDate.plusDays(3).withHour(23).withMinute(59).withSecond(59).withNano(0)));
        if (p.customsCode != null && !CLOSED.contains(p.status)) {
            po.put("individualCustomUniqueCode", p.customsCode);
        }
        long paymentCommission = Math.round(p.totalPayment() * 0.0363);
        long interlockCommission = Math.round(p.totalPayment() * 0.02);
        po.put("commissionRatingType", "결제수수료");
        po.put("commissionPrePayStatus", "GENERAL_PRD");
        po.put("paymentCommission", paymentCommission);
        po.put("knowledgeShoppingSellingInterlockCommission", interlockCommission);
        po.put("expectedSettlementAmount",
                p.totalPayment() + p.deliveryFee + p.sectionFee - paymentCommission - interlockCommission);
        po.put("taxType", "TAX");
        po.put("inflowPath", "네이버 쇼핑");
        if (o.gift) {
            po.put("giftReceivingStatus", o.giftReceivingStatus);
        }

        if (p.sendDate != null) {
            ObjectNode d = root.putObject("delivery");
            d.put("deliveryMethod", p.deliveryMethod);
            if (p.deliveryCompany != null) {
                d.put("deliveryCompany", p.deliveryCompany);
                d.put("trackingNumber", p.trackingNumber);
                d.put("pickupDate", kst(p.sendDate));
                d.put("deliveryStatus", "DELIVERING");
            } else {
                d.put("deliveryStatus", "NOT_TRACKING");
            }
            d.put("sendDate", kst(p.sendDate));
            d.put("isWrongTrackingNumber", false);
        }

        if (p.claim != null) {
            ClaimShape shape = faults.claimShape;
            ObjectNode claim = claimObject(p.claim);
            String key = p.claim.claimType.equals("CANCEL") || p.claim.claimType.equals("ADMIN_CANCEL") ? "cancel"
                    : p.claim.claimType.equals("RETURN") ? "return" : "exchange";
            if (shape != ClaimShape.LEGACY) {
                root.putObject("currentClaim").set(key, claim);
            }
            if (shape != ClaimShape.CURRENT) {
                root.set(key, claim.deepCopy());
            }
        }
        if (!p.completedClaims.isEmpty() && faults.claimShape != ClaimShape.LEGACY) {
            ArrayNode done = root.putArray("completedClaims");
            for (Claim c : p.completedClaims) {
                ObjectNode n = done.addObject();
                n.put("claimType", c.claimType);
                n.put("claimId", c.claimId);
                n.put("claimStatus", c.claimStatus);
                n.put("claimRequestDate", kst(c.requested));
                n.put("requestChannel", c.requestChannel);
                n.put("claimRequestReason", c.reason);
                n.put("requestQuantity", c.quantity);
                n.put("claimCompleteOperationDate", kst(c.completed));
            }
        }
        return root;
    }

    private ObjectNode claimObject(Claim c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("claimId", c.claimId);
        n.put("claimStatus", c.claimStatus);
        n.put("claimRequestDate", kst(c.requested));
        n.put("requestChannel", c.requestChannel);
        n.put("requestQuantity", c.quantity);
        if (c.claimType.equals("CANCEL") || c.claimType.equals("ADMIN_CANCEL")) {
            n.put("cancelReason", c.reason);
            n.put("cancelDetailedReason", c.requestChannel.equals("판매자") ? "판매자 취소" : "단순 변심");
            if (c.completed != null) {
                n.put("cancelApprovalDate", kst(c.completed));
                n.put("cancelCompletedDate", kst(c.completed));
            }
            n.put("refundExpectedDate", kst(c.requested.plusDays(1)));
            return n;
        }
        String kind = c.claimType.equals("RETURN") ? "return" : "exchange";
        n.put(kind + "Reason", c.reason);
        n.put(kind + "DetailedReason", "구매자 요청");
        n.put("collectDeliveryMethod", "RETURN_DESIGNATED");
        n.put("collectStatus", c.collected != null ? "COLLECT_CARGO" : "COLLECT_REQUEST");
        if (c.collected != null) {
            n.put("collectCompletedDate", kst(c.collected));
        }
        if (c.completed != null) {
            n.put(c.claimType.equals("RETURN") ? "returnCompletedDate" : "exchangeCompletedDate", kst(c.completed));
        }
        if (c.rejectReason != null) {
            n.put(c.claimType.equals("RETURN") ? "rejectReturnReason" : "rejectExchangeReason", c.rejectReason);
        }
        n.put("holdbackStatus", "NOT_YET");
        return n;
    }

    private static void address(ObjectNode a, Address address) {
        a.put("addressType", "DOMESTIC");
        a.put("name", address.name());
        a.put("tel1", address.tel1());
        a.put("tel2", address.tel2());
        a.put("zipCode", address.zipCode());
        a.put("baseAddress", address.baseAddress());
        a.put("detailedAddress", address.detailedAddress());
        a.put("city", "");
        a.put("state", "");
        a.put("isRoadNameAddress", true);
    }
}
