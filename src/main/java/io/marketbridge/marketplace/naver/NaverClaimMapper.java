package io.marketbridge.marketplace.naver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimIntake;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderJson;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps the claims of one Naver product order to canonical claims. Its input is a claim record:
 * {@code {"detail": <the product-order detail (naver.md 2.5) without addresses and buyer fields>, "changes": [<the
 * poll's feed rows of that product order>]}}, which is also the raw payload kept with each claim and replayed.
 *
 * <p>A product order is one line (line_id = shipment_id = productOrderId, as {@link NaverOrderMapper} builds them).
 * Its claims are read from currentClaim.{cancel|return|exchange}, the deprecated top-level cancel / return /
 * exchange, completedClaims[] and beforeClaim; when none of these objects is there, from the summary fields of
 * productOrder (claimType, claimStatus, claimId). One claim shown in several places is mapped once (the first
 * place in that order wins). A claim without a claimId gets {@link ClaimIntake#derivedClaimId} of the
 * productOrderId, the claim type and claimRequestDate (as an instant). Purchase-decision holdbacks are not claims
 * here and are passed over. Error messages name the field, never its value.
 */
public final class NaverClaimMapper {

    /** The claim record's fields. */
    static final String DETAIL = "detail";
    static final String CHANGES = "changes";

    private static final List<String> KINDS = List.of("cancel", "return", "exchange");
    /** What a claim record keeps of the detail's order and productOrder: no buyer, address or customs field. */
    private static final List<String> ORDER_FIELDS = List.of("orderId", "orderDate", "paymentDate");
    private static final List<String> PRODUCT_ORDER_FIELDS = List.of("productOrderId", "productOrderStatus",
            "placeOrderStatus", "claimType", "claimStatus", "claimId", "quantity", "initialQuantity", "remainQuantity",
            "productId", "productName", "productOption", "optionCode");

    /** Naver's claimStatus onto the canonical status (see docs/naver.md, Claims); absent: not a claim we record. */
    private static final Map<String, ClaimStatus> STATUSES = Map.ofEntries(
            Map.entry("CANCEL_REQUEST", ClaimStatus.REQUESTED),
            Map.entry("RETURN_REQUEST", ClaimStatus.REQUESTED),
            Map.entry("EXCHANGE_REQUEST", ClaimStatus.REQUESTED),
            Map.entry("COLLECTING", ClaimStatus.REQUESTED),
            Map.entry("CANCELING", ClaimStatus.APPROVED),
            Map.entry("ADMIN_CANCELING", ClaimStatus.APPROVED),
            Map.entry("COLLECT_DONE", ClaimStatus.APPROVED),
            Map.entry("EXCHANGE_REDELIVERING", ClaimStatus.APPROVED),
            Map.entry("CANCEL_DONE", ClaimStatus.COMPLETED),
            Map.entry("ADMIN_CANCEL_DONE", ClaimStatus.COMPLETED),
            Map.entry("RETURN_DONE", ClaimStatus.COMPLETED),
            Map.entry("EXCHANGE_DONE", ClaimStatus.COMPLETED),
            Map.entry("RETURN_REJECT", ClaimStatus.REJECTED),
            Map.entry("EXCHANGE_REJECT", ClaimStatus.REJECTED),
            Map.entry("CANCEL_REJECT", ClaimStatus.WITHDRAWN),
            Map.entry("ADMIN_CANCEL_REJECT", ClaimStatus.WITHDRAWN));
    private static final List<String> PURCHASE_DECISION_STATUSES = List.of("PURCHASE_DECISION_HOLDBACK",
            "PURCHASE_DECISION_REQUEST", "PURCHASE_DECISION_HOLDBACK_RELEASE");

    private NaverClaimMapper() {
    }

    /** The claims the record shows, each in the status it shows now. */
    public static List<Claim> map(String accountId, JsonNode record) {
        JsonNode detail = object(record, DETAIL, "");
        String orderId = required(object(detail, "order", ""), "orderId", "order.");
        JsonNode po = object(detail, "productOrder", "");
        String productOrderId = required(po, "productOrderId", "productOrder.");
        Source source = new Source(accountId, orderId, productOrderId, po, record);
        JsonNode current = detail.get("currentClaim");
        for (String kind : KINDS) {
            source.add("currentClaim." + kind, current == null ? null : current.get(kind), kind.toUpperCase(), true);
        }
        for (String kind : KINDS) {
            source.add(kind, detail.get(kind), kind.toUpperCase(), true);
        }
        JsonNode completed = detail.get("completedClaims");
        if (completed != null && completed.isArray()) {
            for (int i = 0; i < completed.size(); i++) {
                String where = "completedClaims[" + i + "]";
                source.add(where, completed.get(i), required(completed.get(i), "claimType", where + "."), false);
            }
        }
        JsonNode before = detail.get("beforeClaim");
        for (String kind : KINDS) {
            source.add("beforeClaim." + kind, before == null ? null : before.get(kind), kind.toUpperCase(), false);
        }
        if (source.claims.isEmpty() && !source.sawClaimObject && JsonFields.blankToNull(text(po, "claimStatus")) != null) {
            source.add("productOrder", po, required(po, "claimType", "productOrder."), true);
        }
        return List.copyOf(source.claims.values());
    }

    /** The canonical type of a Naver claimType; null for a purchase-decision holdback (not a claim here). */
    static ClaimType type(String naverType, String where) {
        return switch (naverType) {
            case "CANCEL", "ADMIN_CANCEL" -> ClaimType.CANCEL;
            case "RETURN" -> ClaimType.RETURN;
            case "EXCHANGE" -> ClaimType.EXCHANGE;
            case "PURCHASE_DECISION_HOLDBACK" -> null;
            default -> throw new MappingException(where + "claimType is not a known Naver claim type");
        };
    }

    private static ClaimType typeOrNull(String naverType) {
        try {
            return type(naverType, "");
        } catch (MappingException e) {
            return null;
        }
    }

    /** The canonical status of a Naver claimStatus; null for the purchase-decision ones. */
    static ClaimStatus status(String naverStatus, String where) {
        ClaimStatus status = STATUSES.get(naverStatus);
        if (status == null && !PURCHASE_DECISION_STATUSES.contains(naverStatus)) {
            throw new MappingException(where + "claimStatus is not a known Naver claim status");
        }
        return status;
    }

    /**
     * The claim record of one product order: its detail without the buyer's and the addresses' fields (a claim's
     * raw payload goes to MB_CLAIM and the claim files), and the feed rows the poll read for it.
     */
    static ObjectNode record(JsonNode detail, List<JsonNode> changes) {
        ObjectNode view = OrderJson.mapper().createObjectNode();
        view.set("order", only(detail.get("order"), ORDER_FIELDS));
        view.set("productOrder", only(detail.get("productOrder"), PRODUCT_ORDER_FIELDS));
        for (String key : List.of("currentClaim", "cancel", "return", "exchange", "completedClaims", "beforeClaim")) {
            if (detail.has(key)) {
                view.set(key, withoutAddresses(detail.get(key).deepCopy()));
            }
        }
        ObjectNode record = OrderJson.mapper().createObjectNode();
        record.set(DETAIL, view);
        ArrayNode rows = record.putArray(CHANGES);
        changes.forEach(rows::add);
        return record;
    }

    /** The claims of one product order, gathered from the places of the detail. */
    private static final class Source {
        final String accountId;
        final String orderId;
        final String productOrderId;
        final JsonNode productOrder;
        final JsonNode record;
        final Map<String, Claim> claims = new LinkedHashMap<>();
        boolean sawClaimObject;

        Source(String accountId, String orderId, String productOrderId, JsonNode productOrder, JsonNode record) {
            this.accountId = accountId;
            this.orderId = orderId;
            this.productOrderId = productOrderId;
            this.productOrder = productOrder;
            this.record = record;
        }

        /** {@code current}: the claim in force (the detail's summary fields and the feed rows speak of it). */
        void add(String where, JsonNode claim, String naverType, boolean current) {
            if (claim == null || claim.isNull()) {
                return;
            }
            String prefix = "productOrder " + productOrderId + " " + where + ".";
            if (!claim.isObject()) {
                throw new MappingException(prefix.substring(0, prefix.length() - 1) + " is not an object");
            }
            sawClaimObject = true;
            ClaimType type = type(naverType, prefix);
            String naverStatus = required(claim, "claimStatus", prefix);
            ClaimStatus status = status(naverStatus, prefix);
            if (type == null || status == null) {
                return;
            }
            OffsetDateTime requestedAt = NaverOrderMapper.time(claim, "claimRequestDate");
            String claimId = JsonFields.blankToNull(text(claim, "claimId"));
            String summaryType = text(productOrder, "claimType");
            if (claimId == null && current && summaryType != null && type == typeOrNull(summaryType)) {
                claimId = JsonFields.blankToNull(text(productOrder, "claimId"));
            }
            if (claimId == null) {
                if (requestedAt == null) {
                    throw new MappingException(prefix + "claimId and " + prefix + "claimRequestDate are missing");
                }
                claimId = ClaimIntake.derivedClaimId(Marketplace.NAVER, productOrderId, type.name(),
                        requestedAt.toInstant().toString());
            }
            claimId = claimId.trim();
            if (claims.containsKey(claimId)) {
                return;
            }
            claims.put(claimId, new Claim(Marketplace.NAVER, accountId, claimId, orderId, type, status,
                    JsonFields.firstText(claim, "cancelReason", "returnReason", "exchangeReason", "claimRequestReason"),
                    JsonFields.firstText(claim, "cancelDetailedReason", "returnDetailedReason", "exchangeDetailedReason",
                            "claimRequestDetailContent"),
                    requestedAt,
                    statusAt(claim, naverStatus, status, requestedAt, current),
                    naverStatus,
                    List.of(new ClaimLine(productOrderId, productOrderId, quantity(claim, prefix))),
                    record.toString()));
        }

        /** requestQuantity; without it the whole product order (a claim call's quantity defaults to all of it). */
        private int quantity(JsonNode claim, String prefix) {
            String field = prefix + "requestQuantity";
            JsonNode q = claim.get("requestQuantity");
            if (q == null || q.isNull()) {
                field = "productOrder " + productOrderId + ".quantity";
                q = productOrder.hasNonNull("initialQuantity") ? productOrder.get("initialQuantity") : productOrder.get("quantity");
                if (q == null || q.isNull()) {
                    throw new MappingException(field + " and the claim's requestQuantity are missing");
                }
            }
            if (!q.isIntegralNumber() || !q.canConvertToInt() || q.asInt() < 1) {
                throw new MappingException(field + " is not a positive number");
            }
            return q.asInt();
        }

        /**
         * When the claim reached its status: the detail's own date for it, else (for the claim in force) the latest
         * feed row of the change that brings that status; null when neither says.
         */
        private OffsetDateTime statusAt(JsonNode claim, String naverStatus, ClaimStatus status, OffsetDateTime requestedAt,
                                        boolean current) {
            OffsetDateTime at = switch (naverStatus) {
                case "CANCELING", "ADMIN_CANCELING" -> NaverOrderMapper.time(claim, "cancelApprovalDate");
                case "COLLECT_DONE" -> NaverOrderMapper.time(claim, "collectCompletedDate");
                case "EXCHANGE_REDELIVERING" -> NaverOrderMapper.time(claim, "reDeliveryOperationDate");
                default -> status == ClaimStatus.REQUESTED ? requestedAt : status == ClaimStatus.COMPLETED
                        ? firstTime(claim, "cancelCompletedDate", "returnCompletedDate", "exchangeCompletedDate",
                        "claimCompleteOperationDate") : null;
            };
            if (at != null || !current) {
                return at;
            }
            String change = switch (status) {
                case REQUESTED -> "CLAIM_REQUESTED";
                case APPROVED -> naverStatus.equals("COLLECT_DONE") ? "COLLECT_DONE"
                        : naverStatus.equals("EXCHANGE_REDELIVERING") ? "CLAIM_REDELIVERING" : "CLAIM_REQUESTED";
                case COMPLETED -> "CLAIM_COMPLETED";
                case REJECTED, WITHDRAWN -> "CLAIM_REJECTED";
            };
            OffsetDateTime latest = null;
            for (JsonNode row : record.path(CHANGES)) {
                if (change.equals(text(row, "lastChangedType"))) {
                    OffsetDateTime t = NaverOrderMapper.time(row, "lastChangedDate");
                    latest = latest == null || t != null && t.isAfter(latest) ? t : latest;
                }
            }
            return latest;
        }
    }

    private static OffsetDateTime firstTime(JsonNode node, String... fields) {
        for (String f : fields) {
            OffsetDateTime t = NaverOrderMapper.time(node, f);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private static JsonNode only(JsonNode node, List<String> fields) {
        if (node == null || !node.isObject()) {
            return node == null ? OrderJson.mapper().nullNode() : node.deepCopy();
        }
        ObjectNode kept = OrderJson.mapper().createObjectNode();
        for (String f : fields) {
            if (node.has(f)) {
                kept.set(f, node.get(f));
            }
        }
        return kept;
    }

    /** Drops every address object (collectAddress, reDeliveryAddress, returnReceiveAddress, ...) at any depth. */
    private static JsonNode withoutAddresses(JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            List<String> drop = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getKey().endsWith("Address") && f.getValue().isObject()) {
                    drop.add(f.getKey());
                } else {
                    withoutAddresses(f.getValue());
                }
            }
            ((ObjectNode) node).remove(drop);
        } else if (node.isArray()) {
            node.forEach(NaverClaimMapper::withoutAddresses);
        }
        return node;
    }

    private static JsonNode object(JsonNode node, String field, String prefix) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || !v.isObject()) {
            throw new MappingException(prefix + field + " is missing");
        }
        return v;
    }

    private static String required(JsonNode node, String field, String prefix) {
        String v = JsonFields.blankToNull(text(node, field));
        if (v == null) {
            throw new MappingException(prefix + field + " is missing");
        }
        return v.trim();
    }

    private static String text(JsonNode node, String field) {
        return JsonFields.text(node, field);
    }
}
