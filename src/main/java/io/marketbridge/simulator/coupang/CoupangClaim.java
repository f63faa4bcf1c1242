package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.JSON;
import static io.marketbridge.simulator.coupang.CoupangSimulator.UNKNOWN_FIELD;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One claim receipt on one box: a cancel or return receipt of returnRequests (receiptType CANCEL or RETURN) or an
 * exchange of exchangeRequests. Its items name the box's vendorItemIds and how many pieces each takes. Guarded by
 * its own monitor; the box it changes is locked after it.
 */
final class CoupangClaim {

    /** What kind of receipt: which list shows it and which seller actions apply. */
    enum Kind { CANCEL, RETURN, EXCHANGE }

    /** returnRequests' minute-mode window values and exchangeRequests' dates: KST without an offset. */
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    record Item(long vendorItemId, String vendorItemName, int count, int purchaseCount, long sellerProductId,
                String sellerProductName) {
    }

    final long receiptId;
    final String vendor;
    final long orderId;
    final long boxId;
    final Kind kind;
    final ZonedDateTime createdAt;
    final List<Item> items = new ArrayList<>();
    final String reasonCode;
    final String reasonText;
    /** VENDOR when the seller cancelled, else CUSTOMER. */
    final String faultByType;
    /** RELEASE_STOP_UNCHECKED, RETURNS_UNCHECKED, VENDOR_WAREHOUSE_CONFIRM, REQUEST_COUPANG_CHECK, RETURNS_COMPLETED; or an exchange's RECEIPT/PROGRESS/SUCCESS/REJECT. */
    String status;
    /** Y shipped, N not shipped, S stopped, A already shipped (returnItems[].releaseStatus). */
    String releaseStatus;
    String releaseStopStatus = "";
    String completeConfirmType = "UNDEFINED";
    ZonedDateTime modifiedAt;
    boolean withdrawn;
    /** When the buyer withdrew it (returnWithdrawRequests' createdAt); null while not withdrawn. */
    ZonedDateTime withdrawnAt;

    CoupangClaim(long receiptId, String vendor, long orderId, long boxId, Kind kind, ZonedDateTime createdAt,
                 String reasonCode, String reasonText, String faultByType, String status, String releaseStatus) {
        this.receiptId = receiptId;
        this.vendor = vendor;
        this.orderId = orderId;
        this.boxId = boxId;
        this.kind = kind;
        this.createdAt = createdAt;
        this.modifiedAt = createdAt;
        this.reasonCode = reasonCode;
        this.reasonText = reasonText;
        this.faultByType = faultByType;
        this.status = status;
        this.releaseStatus = releaseStatus;
    }

    int countSum() {
        int sum = 0;
        for (Item i : items) {
            sum += i.count();
        }
        return sum;
    }

    /** The list's status parameter this receipt answers to: RU, UC, PR or CC. */
    String statusCode() {
        return switch (status) {
            case "RELEASE_STOP_UNCHECKED" -> "RU";
            case "REQUEST_COUPANG_CHECK" -> "PR";
            case "RETURNS_COMPLETED" -> "CC";
            default -> "UC"; // RETURNS_UNCHECKED and VENDOR_WAREHOUSE_CONFIRM (received, not yet approved)
        };
    }

    /** A returnRequests item (coupang.md 1.8); {@code receiver} is the box's receiver, the requester of the claim. */
    synchronized ObjectNode renderReturn(ObjectNode receiver) {
        ObjectNode n = JSON.createObjectNode();
        n.put("receiptId", receiptId);
        n.put("orderId", orderId);
        n.put("paymentId", orderId + 3_000_000_000_000L);
        n.put("receiptType", kind == Kind.CANCEL ? "CANCEL" : "RETURN");
        n.put("receiptStatus", status);
        n.put("createdAt", LOCAL.format(createdAt));
        n.put("modifiedAt", LOCAL.format(modifiedAt));
        n.put("requesterName", receiver.path("name").asText());
        n.put("requesterPhoneNumber", receiver.path("safeNumber").asText());
        n.put("requesterRealPhoneNumber", (String) null);
        n.put("requesterAddress", receiver.path("addr1").asText());
        n.put("requesterAddressDetail", receiver.path("addr2").asText());
        n.put("requesterZipCode", receiver.path("postCode").asText());
        n.put("cancelReasonCategory1", faultByType.equals("VENDOR") ? "판매자 사유" : "고객 변심");
        n.put("cancelReasonCategory2", reasonText);
        n.put("cancelReason", reasonText);
        n.put("cancelCountSum", countSum());
        n.put("returnDeliveryId", receiptId + 500_000_000L);
        n.put("returnDeliveryType", kind == Kind.CANCEL || releaseStatus.equals("S") ? "연동안함" : "회수");
        n.put("releaseStopStatus", releaseStopStatus);
        n.set("enclosePrice", money(0));
        n.put("faultByType", faultByType);
        n.put("preRefund", false);
        n.put("completeConfirmType", completeConfirmType);
        n.put("completeConfirmDate", status.equals("RETURNS_COMPLETED") ? LOCAL.format(modifiedAt) : "");
        ArrayNode items = n.putArray("returnItems");
        for (Item i : this.items) {
            ObjectNode item = items.addObject();
            item.put("vendorItemPackageId", 0);
            item.put("vendorItemPackageName", "");
            item.put("vendorItemId", i.vendorItemId());
            item.put("vendorItemName", i.vendorItemName());
            item.put("purchaseCount", i.purchaseCount());
            item.put("cancelCount", i.count());
            item.put("shipmentBoxId", boxId);
            item.put("sellerProductId", i.sellerProductId());
            item.put("sellerProductName", i.sellerProductName());
            item.put("releaseStatus", releaseStatus);
            item.put("cancelCompleteUser", status.equals("RETURNS_COMPLETED") ? vendor : "");
            item.put(UNKNOWN_FIELD, "returnItems item");
        }
        n.putArray("returnDeliveryDtos");
        n.put("reasonCode", reasonCode);
        n.put("reasonCodeText", reasonText);
        n.set("returnShippingCharge", money(faultByType.equals("VENDOR") ? 3000 : -3000));
        n.put(UNKNOWN_FIELD, "returnRequests item");
        return n;
    }

    /**
     * An exchangeRequests item; coupang.md gives only the list's dates and statuses, so the shape is a plain one
     * after Coupang's article (exchangeItemDtoV1s: orderItemId is the vendorItemId). A withdrawn exchange shows
     * exchangeStatus CANCEL (철회).
     */
    synchronized ObjectNode renderExchange() {
        ObjectNode n = JSON.createObjectNode();
        n.put("exchangeId", receiptId);
        n.put("orderId", orderId);
        n.put("vendorId", vendor);
        n.put("exchangeStatus", withdrawn ? "CANCEL" : status);
        n.put("reasonCode", reasonCode);
        n.put("reasonCodeText", reasonText);
        n.put("faultType", faultByType);
        n.put("createdAt", LOCAL.format(createdAt));
        n.put("modifiedAt", LOCAL.format(modifiedAt));
        ArrayNode items = n.putArray("exchangeItemDtoV1s");
        for (Item i : this.items) {
            ObjectNode item = items.addObject();
            item.put("orderItemId", i.vendorItemId());
            item.put("orderItemName", i.vendorItemName());
            item.put("targetItemId", i.vendorItemId());
            item.put("targetItemName", i.vendorItemName());
            item.put("quantity", i.count());
            item.put("originalShipmentBoxId", boxId);
        }
        n.put(UNKNOWN_FIELD, "exchangeRequests item");
        return n;
    }

    /** A returnWithdrawRequests item: the withdrawn receipt (cancelId), its order and vendorItemIds. */
    synchronized ObjectNode renderWithdrawal() {
        ObjectNode n = JSON.createObjectNode();
        n.put("cancelId", receiptId);
        n.put("orderId", orderId);
        n.put("vendorId", vendor);
        n.put("refundDeliveryDuty", switch (faultByType) {
            case "VENDOR" -> "COM";
            case "COUPANG" -> "COU";
            default -> "CUS";
        });
        n.put("createdAt", LOCAL.format(withdrawnAt));
        ArrayNode ids = n.putArray("vendorItemIds");
        for (Item i : items) {
            ids.add(i.vendorItemId());
        }
        n.put(UNKNOWN_FIELD, "returnWithdrawRequests item");
        return n;
    }

    static ObjectNode money(long units) {
        ObjectNode m = JSON.createObjectNode();
        m.put("currencyCode", "KRW");
        m.put("units", units);
        m.put("nanos", 0);
        return m;
    }
}
