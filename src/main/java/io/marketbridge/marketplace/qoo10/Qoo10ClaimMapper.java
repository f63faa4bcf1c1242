package io.marketbridge.marketplace.qoo10;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;

/**
 * Maps the rows of ShippingBasic.GetClaimInfo_V3 to canonical claims. A row is one orderNo (the order line and its
 * shipping unit, as Qoo10OrderMapper builds them) in one ClaimStat:
 *
 * <pre>
 *   ClaimStat (claimStatus)   1 cancel requested   2 cancelling   3 cancelled
 *                             4 return requested   5 returning    6 returned
 *                             11 / 12 / 13 exchange requested / exchanging / exchanged (UNCERTAIN: qoo10.md only says
 *                             "11-16 exchange/non-receipt/unpaid"; 14-16 are not claims on a line and are not mapped)
 *   -> CANCEL / RETURN / EXCHANGE, REQUESTED / APPROVED / COMPLETED; marketplace_status = the ClaimStat
 *   orderNo -> line_id and shipment_id     packNo -> order_id     orderQty -> quantity     reason -> reason_text
 *   requestDate -> requested_at            cancelRefundDate -> status_at of a completed claim
 * </pre>
 *
 * Qoo10 gives no claim number: the claim id is {@link ClaimIntake#derivedClaimId} of (orderNo, type, requestDate),
 * fields that stay the same while the claim moves from requested to done; a new request after a withdrawal has a
 * new requestDate and so a new id. Qoo10 lists no withdrawn or refused claims: a recorded open claim that no longer
 * shows is read with GetShippingAndClaimInfoByOrderNo_V2 ({@link #settled}). Messages name fields, never values.
 */
public final class Qoo10ClaimMapper {

    /** The raw payload of a settled claim: the claim row as last listed and the order as read. */
    static final String CLAIM = "claim";
    static final String READ = "read";

    private Qoo10ClaimMapper() {
    }

    /** One GetClaimInfo_V3 row as a claim in the status its ClaimStat says. */
    public static Claim map(String accountId, JsonNode row) {
        String stat = required(row, "claimStatus");
        ClaimType type = type(stat);
        ClaimStatus status = switch (stat) {
            case "1", "4", "11" -> ClaimStatus.REQUESTED;
            case "2", "5", "12" -> ClaimStatus.APPROVED;
            default -> ClaimStatus.COMPLETED;
        };
        OffsetDateTime requested = Qoo10OrderMapper.time(row, "requestDate");
        OffsetDateTime at = switch (status) {
            case REQUESTED -> requested;
            case COMPLETED -> Qoo10OrderMapper.time(row, "cancelRefundDate");
            default -> null;
        };
        return claim(accountId, row, type, status, requested, at, stat, row.toString());
    }

    /** CANCEL, RETURN or EXCHANGE by ClaimStat; anything else is not a claim this mapper knows. */
    static ClaimType type(String stat) {
        return switch (stat == null ? "" : stat.trim()) {
            case "1", "2", "3" -> ClaimType.CANCEL;
            case "4", "5", "6" -> ClaimType.RETURN;
            case "11", "12", "13" -> ClaimType.EXCHANGE;
            default -> throw new MappingException("claimStatus is not a Qoo10 cancel, return or exchange ClaimStat");
        };
    }

    /** The claim id of a claim row (see the class comment). */
    public static String claimId(JsonNode row) {
        return ClaimIntake.derivedClaimId(Marketplace.QOO10, required(row, "orderNo"),
                type(required(row, "claimStatus")).name(), JsonFields.blankToNull(JsonFields.text(row, "requestDate")));
    }

    /**
     * A recorded open claim Qoo10 no longer lists, settled by reading its order: no claim on the order any more
     * (claimStatus blank or 0) is WITHDRAWN, or REJECTED when the order has left (shippingStatus 4 or 5: the seller
     * shipped instead); null while the order still shows a claim (the lists will show where it went) or the answer
     * has no row for the orderNo.
     *
     * @param claimRow the claim row as last listed (the recorded raw payload)
     * @param read     GetShippingAndClaimInfoByOrderNo_V2's ResultObject
     * @param at       when it was seen settled
     */
    public static Claim settled(String accountId, JsonNode claimRow, JsonNode read, OffsetDateTime at) {
        String orderNo = required(claimRow, "orderNo");
        JsonNode order = null;
        for (JsonNode r : Qoo10Orders.rows(read)) {
            if (orderNo.equals(JsonFields.firstText(r, "orderNo", "OrderNo"))) {
                order = r;
            }
        }
        if (order == null) {
            return null;
        }
        String claimNow = JsonFields.blankToNull(JsonFields.firstText(order, "claimStatus", "ClaimStatus"));
        if (claimNow != null && !claimNow.trim().equals("0")) {
            return null;
        }
        String shipping = JsonFields.blankToNull(JsonFields.firstText(order, "shippingStatus", "ShippingStatus"));
        boolean left = shipping != null && (shipping.trim().equals("4") || shipping.trim().equals("5"));
        ClaimType type = type(required(claimRow, "claimStatus"));
        ClaimStatus status = left && type == ClaimType.CANCEL ? ClaimStatus.REJECTED : ClaimStatus.WITHDRAWN;
        ObjectNode raw = OrderJson.mapper().createObjectNode();
        raw.set(CLAIM, claimRow);
        raw.set(READ, order);
        return claim(accountId, claimRow, type, status, Qoo10OrderMapper.time(claimRow, "requestDate"), at, "0", raw.toString());
    }

    private static Claim claim(String accountId, JsonNode row, ClaimType type, ClaimStatus status, OffsetDateTime requested,
                               OffsetDateTime at, String marketplaceStatus, String raw) {
        String orderNo = required(row, "orderNo");
        String packNo = required(row, "packNo");
        JsonNode q = row.get("orderQty");
        int qty;
        try {
            qty = q == null || q.isNull() ? -1 : q.isNumber() ? q.decimalValue().intValueExact() : Integer.parseInt(q.asText().trim());
        } catch (NumberFormatException | ArithmeticException e) {
            qty = -1;
        }
        if (qty <= 0) {
            throw new MappingException("orderNo " + orderNo + ": orderQty is missing or not a positive whole number");
        }
        return new Claim(Marketplace.QOO10, accountId, claimId(row), packNo, type, status, null,
                JsonFields.blankToNull(JsonFields.text(row, "reason")), requested, at, marketplaceStatus,
                List.of(new ClaimLine(orderNo, orderNo, qty)), raw);
    }

    /** Maps a stored raw payload again, for a replay: a claim row, or a settled claim ({"claim":..., "read":...}). */
    public static List<Claim> mapRaw(String accountId, String rawPayload, OffsetDateTime at) {
        List<Claim> claims = new ArrayList<>();
        for (JsonNode node : JsonFields.rawPayload(rawPayload)) {
            if (node.has(CLAIM) && node.has(READ)) {
                Claim c = settled(accountId, node.get(CLAIM), OrderJson.mapper().createArrayNode().add(node.get(READ)), at);
                if (c != null) {
                    claims.add(c);
                }
            } else {
                claims.add(map(accountId, node));
            }
        }
        return claims;
    }

    private static String required(JsonNode row, String field) {
        String v = JsonFields.blankToNull(JsonFields.text(row, field));
        if (v == null) {
            throw new MappingException(field + " is missing");
        }
        return v.trim();
    }
}
