package io.marketbridge.marketplace.coupang;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderJson;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps Coupang's claim records to canonical claims (coupang.md 1.8): a returnRequests receipt (cancelType RETURN or
 * CANCEL; the receiptId is the claim id), an exchangeRequests item (the exchangeId is the claim id), and a
 * returnWithdrawRequests record together with the receipt it withdraws. Line ids are built as the order mapper
 * builds MB_ORDER_LINE.line_id: shipmentBoxId-vendorItemId. Error messages name fields, never values.
 */
public final class CoupangClaimMapper {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final int REASON_TEXT_LIMIT = 1000;
    /** The raw payload of a withdrawal: the returnWithdrawRequests record and the receipt it withdraws. */
    static final String WITHDRAWAL = "returnWithdrawal";
    static final String RECEIPT = "receipt";
    /** marketplaceStatus of a withdrawal: Coupang's withdrawal list carries no status of its own. */
    static final String WITHDRAWN = "WITHDRAWN";

    private CoupangClaimMapper() {
    }

    /** A receipt's fields as read once, for its claims and for the withdrawal of it. */
    private record Receipt(String receiptId, String orderId, ClaimType type, String receiptStatus, boolean alreadyShipped,
                           String reasonCode, String reasonText, OffsetDateTime requestedAt, OffsetDateTime modifiedAt,
                           Map<String, ClaimLine> lines) {
    }

    /**
     * The claims of one returnRequests receipt. A stop-shipment request the seller answered "already shipped"
     * (releaseStatus A) goes on as a return: its cancel is REJECTED and the return is the receipt's status.
     */
    public static List<Claim> receipt(String accountId, JsonNode node) {
        Receipt r = read(node);
        String raw = node.toString();
        Claim claim = new Claim(Marketplace.COUPANG, accountId, r.receiptId(), r.orderId(), r.type(),
                receiptStatus(r.receiptStatus()), r.reasonCode(), r.reasonText(), r.requestedAt(), r.modifiedAt(),
                r.receiptStatus(), List.copyOf(r.lines().values()), raw);
        if (!r.alreadyShipped()) {
            return List.of(claim);
        }
        Claim stopRefused = new Claim(Marketplace.COUPANG, accountId, r.receiptId(), r.orderId(), ClaimType.CANCEL,
                ClaimStatus.REJECTED, r.reasonCode(), r.reasonText(), r.requestedAt(), r.modifiedAt(), r.receiptStatus(),
                List.copyOf(r.lines().values()), raw);
        return List.of(stopRefused, claim);
    }

    /** The claim of one exchangeRequests item. */
    public static List<Claim> exchange(String accountId, JsonNode node) {
        String exchangeId = id(node, "exchangeId", "");
        String orderId = id(node, "orderId", "");
        String status = JsonFields.blankToNull(JsonFields.text(node, "exchangeStatus"));
        JsonNode items = node.get("exchangeItemDtoV1s");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw new MappingException("exchange " + exchangeId + ": exchangeItemDtoV1s is missing or empty");
        }
        Map<String, ClaimLine> lines = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String field = "exchange " + exchangeId + " exchangeItemDtoV1s[" + i + "].";
            // orderItemId is the ordered option: the vendorItemId of the order sheet
            add(lines, id(item, "originalShipmentBoxId", field), id(item, "orderItemId", field),
                    count(item, "quantity", field), field);
        }
        return List.of(new Claim(Marketplace.COUPANG, accountId, exchangeId, orderId, ClaimType.EXCHANGE,
                exchangeStatus(status, exchangeId), JsonFields.blankToNull(JsonFields.text(node, "reasonCode")),
                reason(JsonFields.firstText(node, "reasonCodeText")), time(node, "createdAt"), time(node, "modifiedAt"),
                status, List.copyOf(lines.values()), node.toString()));
    }

    /**
     * The WITHDRAWN claim of a returnWithdrawRequests record ({@code returnWithdrawal}) and the receipt it
     * withdraws ({@code receipt}, as read from returnRequests): the receipt's type and lines (those of the
     * record's vendorItemIds, when it names them), withdrawn at the record's createdAt.
     */
    public static List<Claim> withdrawal(String accountId, JsonNode raw) {
        JsonNode record = raw.get(WITHDRAWAL);
        JsonNode receiptNode = raw.get(RECEIPT);
        if (record == null || !record.isObject() || receiptNode == null || !receiptNode.isObject()) {
            throw new MappingException("withdrawal: " + WITHDRAWAL + " and " + RECEIPT + " are required");
        }
        String cancelId = id(record, "cancelId", "withdrawal ");
        Receipt r = read(receiptNode);
        if (!cancelId.equals(r.receiptId())) {
            throw new MappingException("withdrawal " + cancelId + ": the receipt is another one");
        }
        List<ClaimLine> lines = new ArrayList<>(r.lines().values());
        JsonNode ids = record.get("vendorItemIds");
        if (ids != null && ids.isArray() && !ids.isEmpty()) {
            Set<String> named = new HashSet<>();
            ids.forEach(v -> named.add(v.asText()));
            lines.removeIf(l -> !named.contains(l.lineId().substring(l.lineId().indexOf('-') + 1)));
            if (lines.isEmpty()) {
                throw new MappingException("withdrawal " + cancelId + ": vendorItemIds name no item of the receipt");
            }
        }
        OffsetDateTime at = time(record, "createdAt");
        return List.of(new Claim(Marketplace.COUPANG, accountId, r.receiptId(), r.orderId(), r.type(), ClaimStatus.WITHDRAWN,
                r.reasonCode(), r.reasonText(), r.requestedAt(), at == null ? r.modifiedAt() : at, WITHDRAWN, lines,
                raw.toString()));
    }

    /** A stored raw payload (a receipt, an exchange, or a withdrawal with its receipt) mapped again, for a replay. */
    public static List<Claim> raw(String accountId, String rawPayload) {
        List<JsonNode> nodes = JsonFields.rawPayload(rawPayload);
        List<Claim> claims = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (node.has(WITHDRAWAL)) {
                claims.addAll(withdrawal(accountId, node));
            } else if (node.has("exchangeId")) {
                claims.addAll(exchange(accountId, node));
            } else if (node.has("receiptId")) {
                claims.addAll(receipt(accountId, node));
            } else {
                throw new MappingException("raw_payload is neither a receipt, an exchange nor a withdrawal");
            }
        }
        return claims;
    }

    /** Raw payload of a withdrawal. */
    static String withdrawalPayload(JsonNode record, JsonNode receipt) {
        var node = OrderJson.mapper().createObjectNode();
        node.set(WITHDRAWAL, record);
        node.set(RECEIPT, receipt);
        return node.toString();
    }

    // ------------------------------------------------------------------ receipts

    private static Receipt read(JsonNode node) {
        String receiptId = id(node, "receiptId", "");
        String orderId = id(node, "orderId", "receipt " + receiptId + " ");
        String receiptType = JsonFields.blankToNull(JsonFields.text(node, "receiptType"));
        if (receiptType == null || !receiptType.equals("RETURN") && !receiptType.equals("CANCEL")) {
            throw new MappingException("receipt " + receiptId + ": receiptType is missing or neither RETURN nor CANCEL");
        }
        String status = JsonFields.blankToNull(JsonFields.text(node, "receiptStatus"));
        receiptStatus(status); // refuses an unknown one
        JsonNode items = node.get("returnItems");
        if (items == null || !items.isArray() || items.isEmpty()) {
            throw new MappingException("receipt " + receiptId + ": returnItems is missing or empty");
        }
        Map<String, ClaimLine> lines = new LinkedHashMap<>();
        Set<String> releases = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String field = "receipt " + receiptId + " returnItems[" + i + "].";
            int count = count(item, "cancelCount", field);
            if (count == 0) {
                continue; // an item of the order this receipt takes nothing of
            }
            add(lines, id(item, "shipmentBoxId", field), id(item, "vendorItemId", field), count, field);
            String release = JsonFields.blankToNull(JsonFields.text(item, "releaseStatus"));
            if (release != null) {
                releases.add(release);
            }
        }
        if (lines.isEmpty()) {
            throw new MappingException("receipt " + receiptId + ": no returnItems entry has a cancelCount above 0");
        }
        boolean alreadyShipped = receiptType.equals("RETURN") && releases.contains("A");
        return new Receipt(receiptId, orderId, type(receiptType, status, releases), status, alreadyShipped,
                JsonFields.blankToNull(JsonFields.text(node, "reasonCode")),
                reason(JsonFields.firstText(node, "reasonCodeText", "cancelReason", "cancelReasonCategory2")),
                time(node, "createdAt"), time(node, "modifiedAt"), lines);
    }

    /**
     * CANCEL receipts (cancelled while ACCEPT, or the seller's own cancel) are cancels. A RETURN receipt is a cancel
     * while the goods have not left: a stop-shipment request (RU), or items not shipped (N) or stopped (S); once
     * shipped (Y) or already shipped when the stop came (A), or when Coupang does not say, it is a return.
     */
    static ClaimType type(String receiptType, String receiptStatus, Set<String> releases) {
        if (receiptType.equals("CANCEL") || "RELEASE_STOP_UNCHECKED".equals(receiptStatus)) {
            return ClaimType.CANCEL;
        }
        boolean unshipped = !releases.isEmpty() && releases.stream().allMatch(r -> r.equals("N") || r.equals("S"));
        return unshipped ? ClaimType.CANCEL : ClaimType.RETURN;
    }

    /** receiptStatus onto the canonical status (the list's status parameter in brackets). */
    static ClaimStatus receiptStatus(String status) {
        if (status == null) {
            throw new MappingException("receiptStatus is missing");
        }
        return switch (status) {
            case "RELEASE_STOP_UNCHECKED", "RETURNS_UNCHECKED" -> ClaimStatus.REQUESTED; // RU, UC
            case "VENDOR_WAREHOUSE_CONFIRM" -> ClaimStatus.APPROVED; // UC: received by the seller
            case "REQUEST_COUPANG_CHECK" -> ClaimStatus.REQUESTED; // PR: waiting on Coupang's check
            case "RETURNS_COMPLETED" -> ClaimStatus.COMPLETED; // CC
            default -> throw new MappingException("receiptStatus '" + status + "' is not a known Coupang receipt status");
        };
    }

    /** exchangeStatus onto the canonical status. */
    static ClaimStatus exchangeStatus(String status, String exchangeId) {
        if (status == null) {
            throw new MappingException("exchange " + exchangeId + ": exchangeStatus is missing");
        }
        return switch (status) {
            case "RECEIPT" -> ClaimStatus.REQUESTED;
            case "PROGRESS" -> ClaimStatus.APPROVED;
            case "SUCCESS" -> ClaimStatus.COMPLETED;
            case "REJECT" -> ClaimStatus.REJECTED;
            case "CANCEL" -> ClaimStatus.WITHDRAWN;
            default -> throw new MappingException("exchange " + exchangeId + ": exchangeStatus '" + status
                    + "' is not a known Coupang exchange status");
        };
    }

    // ------------------------------------------------------------------ fields

    /** Adds a line; two entries of one box and option are one line with their counts summed. */
    private static void add(Map<String, ClaimLine> lines, String boxId, String vendorItemId, int count, String field) {
        if (count <= 0) {
            throw new MappingException(field + "count is not a positive number");
        }
        String lineId = boxId + "-" + vendorItemId;
        lines.merge(lineId, new ClaimLine(lineId, boxId, count),
                (before, more) -> new ClaimLine(lineId, boxId, before.quantity() + more.quantity()));
    }

    private static int count(JsonNode node, String field, String prefix) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !(v.canConvertToInt() || v.isTextual() && v.asText().trim().matches("[0-9]{1,9}"))) {
            throw new MappingException(prefix + field + " is missing or not a number");
        }
        int n = v.isTextual() ? Integer.parseInt(v.asText().trim()) : v.asInt();
        if (n < 0) {
            throw new MappingException(prefix + field + " is negative");
        }
        return n;
    }

    private static String id(JsonNode node, String field, String prefix) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            throw new MappingException(prefix + field + " is missing");
        }
        if (!(v.isIntegralNumber() || v.isTextual() && v.asText().trim().matches("[0-9]+"))) {
            throw new MappingException(prefix + field + " is not a numeric id");
        }
        return v.asText().trim();
    }

    private static String reason(String text) {
        return text == null || text.length() <= REASON_TEXT_LIMIT ? text : text.substring(0, REASON_TEXT_LIMIT);
    }

    private static OffsetDateTime time(JsonNode node, String field) {
        return JsonFields.time(node, field, SEOUL);
    }
}
