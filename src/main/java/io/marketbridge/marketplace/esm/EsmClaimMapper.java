package io.marketbridge.marketplace.esm;

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
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Maps one row of ESM's claim lists (Cancels, Returns, Exchanges; esm.md 2.7) to one canonical claim. ESM claims a
 * whole OrderNo, and the order mapper makes each OrderNo a line and its own shipping unit, so a claim has one line:
 * line_id = shipment_id = OrderNo, order_id = PayNo. The rows carry no quantity: the claimed quantity is the
 * OrderNo's ContrAmount as the runtime delivered it (MB_ORDER_LINE.quantity), 1 when the order was never delivered.
 *
 * <p>ESM gives no claim id: it is {@link ClaimIntake#derivedClaimId} of the site (GMARKET / AUCTION), the OrderNo,
 * the claim type (CANCEL / RETURN / EXCHANGE) and the RequestDate to the second (KST, yyyy-MM-dd'T'HH:mm:ss).
 * None of them changes while the claim moves on; a new claim on the same OrderNo (after a withdrawal) has a new
 * RequestDate, so a new id.
 *
 * <pre>
 *   status (CancelStatus / ReturnStatus / ExchangeStatus)   claim status   status_at
 *   1 requested                                             REQUESTED      RequestDate
 *   2 processing                                            APPROVED       ApproveDate (else RequestDate)
 *   3 completed                                             COMPLETED      CompleteDate (else ApproveDate)
 *   4 withdrawn                                             WITHDRAWN      WithdrawDate
 *   5 site refund, 6 refund after completion                COMPLETED      CompleteDate (else ApproveDate)
 *   (an open claim no longer listed, see EsmClaims)         REJECTED       null
 * </pre>
 * ReturnStatus and ExchangeStatus are read with CancelStatus' meanings (esm.md gives their numbers 1-6 only).
 * Messages name fields, never values.
 */
public final class EsmClaimMapper {

    /** The seconds of RequestDate, as they go into the derived claim id. */
    static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** The marketplace status of a claim inferred REJECTED: ESM stopped listing it while it was open. */
    public static final String UNLISTED = "UNLISTED";
    static final int REASON_TEXT_LIMIT = 1000;

    /** ESM's three claim lists: the path, the status field of the body and rows, and the claim type. */
    public enum ClaimList {
        CANCELS("/claim/v1/sa/Cancels", "CancelStatus", ClaimType.CANCEL),
        RETURNS("/claim/v1/sa/Returns", "ReturnStatus", ClaimType.RETURN),
        EXCHANGES("/claim/v1/sa/Exchanges", "ExchangeStatus", ClaimType.EXCHANGE);

        public final String path;
        public final String statusField;
        public final ClaimType type;

        ClaimList(String path, String statusField, ClaimType type) {
            this.path = path;
            this.statusField = statusField;
            this.type = type;
        }

        /** SiteType of the list's body (esm.md 2.2): Auction 1; Gmarket 3 for Cancels (2 answers no rows), 2 otherwise. */
        public int siteType(Marketplace site) {
            if (site == Marketplace.AUCTION) {
                return 1;
            }
            return this == CANCELS ? 3 : 2;
        }

        public static ClaimList of(ClaimType type) {
            for (ClaimList l : values()) {
                if (l.type == type) {
                    return l;
                }
            }
            throw new IllegalArgumentException("no ESM claim list for " + type);
        }
    }

    private EsmClaimMapper() {
    }

    /** ESM's status number to the canonical status (see the table above). */
    public static ClaimStatus status(int code, String field) {
        return switch (code) {
            case 1 -> ClaimStatus.REQUESTED;
            case 2 -> ClaimStatus.APPROVED;
            case 3, 5, 6 -> ClaimStatus.COMPLETED;
            case 4 -> ClaimStatus.WITHDRAWN;
            default -> throw new MappingException(field + " is not a known ESM claim status (1-6)");
        };
    }

    /** The derived claim id of a row, or null when its OrderNo or RequestDate is missing or unreadable. */
    public static String claimId(Marketplace site, ClaimType type, JsonNode row) {
        String orderNo = JsonFields.blankToNull(JsonFields.text(row, "OrderNo"));
        try {
            OffsetDateTime requested = EsmOrderMapper.time(row, "RequestDate");
            return orderNo == null || requested == null ? null : claimId(site, type, orderNo.trim(), requested);
        } catch (MappingException e) {
            return null;
        }
    }

    static String claimId(Marketplace site, ClaimType type, String orderNo, OffsetDateTime requested) {
        return ClaimIntake.derivedClaimId(site, orderNo, type.name(),
                ID_TIME.format(requested.atZoneSameInstant(EsmOrderMapper.SEOUL)));
    }

    /**
     * One list row as a claim.
     *
     * @param quantity the OrderNo's quantity as delivered, or null when the runtime never delivered its order
     */
    public static Claim map(Marketplace site, ClaimList list, String accountId, JsonNode row, Integer quantity) {
        if (row == null || !row.isObject()) {
            throw new MappingException("claim row is not an object");
        }
        String orderNo = required(row, "OrderNo");
        if (!orderNo.chars().allMatch(Character::isDigit)) {
            throw new MappingException("OrderNo is not a number");
        }
        String payNo = required(row, "PayNo");
        OffsetDateTime requested = EsmOrderMapper.time(row, "RequestDate");
        if (requested == null) {
            throw new MappingException("RequestDate is missing");
        }
        JsonNode code = row.get(list.statusField);
        if (code == null || !code.canConvertToInt() && !code.asText().trim().matches("\\d{1,2}")) {
            throw new MappingException(list.statusField + " is missing or not a number");
        }
        int statusCode = code.canConvertToInt() ? code.asInt() : Integer.parseInt(code.asText().trim());
        ClaimStatus status = status(statusCode, list.statusField);
        int qty = quantity == null || quantity < 1 ? 1 : quantity;
        return new Claim(
                site,
                accountId,
                claimId(site, list.type, orderNo, requested),
                payNo,
                list.type,
                status,
                JsonFields.blankToNull(JsonFields.text(row, "ReasonCode")),
                reasonText(row),
                requested,
                statusAt(row, status, requested),
                list.statusField + "=" + statusCode,
                List.of(new ClaimLine(orderNo, orderNo, qty)),
                rawPayload(site, list, row, quantity));
    }

    private static OffsetDateTime statusAt(JsonNode row, ClaimStatus status, OffsetDateTime requested) {
        return switch (status) {
            case REQUESTED -> requested;
            case APPROVED -> first(EsmOrderMapper.time(row, "ApproveDate"), requested);
            case COMPLETED -> first(EsmOrderMapper.time(row, "CompleteDate"), EsmOrderMapper.time(row, "ApproveDate"));
            case WITHDRAWN -> EsmOrderMapper.time(row, "WithdrawDate");
            case REJECTED -> null;
        };
    }

    private static OffsetDateTime first(OffsetDateTime a, OffsetDateTime b) {
        return a != null ? a : b;
    }

    /** "Reason: ReasonDetail" (either alone when the other is blank), at most what the contract keeps. */
    static String reasonText(JsonNode row) {
        String reason = JsonFields.blankToNull(JsonFields.text(row, "Reason"));
        String detail = JsonFields.blankToNull(JsonFields.text(row, "ReasonDetail"));
        String text = reason == null ? detail : detail == null || detail.equals(reason) ? reason : reason + ": " + detail;
        return text == null || text.length() <= REASON_TEXT_LIMIT ? text : text.substring(0, REASON_TEXT_LIMIT);
    }

    /**
     * An open claim recorded earlier that ESM no longer lists although a read of every status covered its request
     * date: the seller or ESM ended it without effect (ESM's lists have no "rejected" code; a cancel refused by
     * shipping drops out of them).
     */
    public static Claim unlisted(Marketplace site, String accountId, String claimId, String orderId, ClaimType type,
                                 ClaimLine line, String reasonCode, String reasonText, OffsetDateTime requestedAt) {
        ObjectNode raw = OrderJson.mapper().createObjectNode();
        raw.put("Marketplace", site.name());
        raw.put("ClaimType", type.name());
        raw.put("Unlisted", true);
        return new Claim(site, accountId, claimId, orderId, type, ClaimStatus.REJECTED, reasonCode, reasonText, requestedAt,
                null, UNLISTED, List.of(line), raw.toString());
    }

    /**
     * The stored raw payload: the row as ESM sent it, with the site and list it was read from and the quantity the
     * runtime knew ({"Marketplace","ClaimType","ContrAmount","Row"}).
     */
    public static String rawPayload(Marketplace site, ClaimList list, JsonNode row, Integer quantity) {
        ObjectNode raw = OrderJson.mapper().createObjectNode();
        raw.put("Marketplace", site.name());
        raw.put("ClaimType", list.type.name());
        if (quantity != null) {
            raw.put("ContrAmount", quantity);
        }
        raw.set("Row", row);
        return raw.toString();
    }

    /** Maps a stored raw payload again, for a replay. */
    public static List<Claim> mapRaw(String accountId, String rawPayload) {
        JsonNode raw;
        try {
            raw = OrderJson.mapper().readTree(rawPayload == null ? "" : rawPayload);
        } catch (IOException e) {
            throw new MappingException("raw_payload is not valid JSON");
        }
        if (raw == null || !raw.isObject() || !raw.path("Row").isObject()) {
            throw new MappingException("raw_payload has no Row object");
        }
        Marketplace site;
        ClaimList list;
        try {
            site = Marketplace.valueOf(raw.path("Marketplace").asText(""));
            list = ClaimList.of(ClaimType.valueOf(raw.path("ClaimType").asText("")));
        } catch (IllegalArgumentException e) {
            throw new MappingException("raw_payload: Marketplace or ClaimType is missing or unknown");
        }
        if (site != Marketplace.GMARKET && site != Marketplace.AUCTION) {
            throw new MappingException("raw_payload: Marketplace is neither GMARKET nor AUCTION");
        }
        JsonNode qty = raw.get("ContrAmount");
        return List.of(map(site, list, accountId, raw.get("Row"), qty != null && qty.canConvertToInt() ? qty.asInt() : null));
    }

    private static String required(JsonNode node, String field) {
        String v = JsonFields.blankToNull(JsonFields.text(node, field));
        if (v == null) {
            throw new MappingException(field + " is missing");
        }
        return v.trim();
    }
}
