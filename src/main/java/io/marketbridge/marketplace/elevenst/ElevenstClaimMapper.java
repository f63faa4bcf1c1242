package io.marketbridge.marketplace.elevenst;

import static io.marketbridge.marketplace.elevenst.ElevenstXml.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimIntake;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.OrderJson;
import java.time.OffsetDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps one row of an 11st claim list ({@code ns2:order} of a claimservice list) to one canonical claim of one line.
 *
 * <p>Ids: the order is ordNo, the line ordPrdSeq (as {@link ElevenstOrderMapper} builds MB_ORDER_LINE.line_id),
 * the shipment dlvNo when the row has it. The claim id is 11st's claim number: ordPrdCnSeq on the cancel lists,
 * clmReqSeq on the return and exchange lists. A row without it gets
 * {@link ClaimIntake#derivedClaimId} of (claim type, ordNo, ordPrdSeq, request time as 11st wrote it).
 *
 * <p>Status: the list a row comes from says what it shows (cancelorders requested, canceledorders completed,
 * withdrawcanceledorders withdrawn, and the same for returns and exchanges), except where the row's own code says
 * more: ordCnStatCd 02 (completed) on the requested-cancel list, and any known clmStat of the list's claim type
 * (return 104-109, exchange 201-233 and 301/302). An unknown code keeps the list's status. The code itself (or,
 * when the row has none, the list's name) is the claim's marketplaceStatus.
 */
public final class ElevenstClaimMapper {

    /** Longest reason text the claim contract keeps; a longer buyer text is cut there rather than refused. */
    static final int REASON_TEXT_LIMIT = 1000;

    /** The nine claimservice lists, each with the claim type and status its rows show. */
    public enum ClaimList {
        CANCEL_REQUESTED("cancelorders", ClaimType.CANCEL, ClaimStatus.REQUESTED),
        CANCEL_COMPLETED("canceledorders", ClaimType.CANCEL, ClaimStatus.COMPLETED),
        CANCEL_WITHDRAWN("withdrawcanceledorders", ClaimType.CANCEL, ClaimStatus.WITHDRAWN),
        RETURN_REQUESTED("returnorders", ClaimType.RETURN, ClaimStatus.REQUESTED),
        RETURN_COMPLETED("returnedorders", ClaimType.RETURN, ClaimStatus.COMPLETED),
        RETURN_WITHDRAWN("retractretorders", ClaimType.RETURN, ClaimStatus.WITHDRAWN),
        EXCHANGE_REQUESTED("exchangeorders", ClaimType.EXCHANGE, ClaimStatus.REQUESTED),
        EXCHANGE_COMPLETED("exchangedorders", ClaimType.EXCHANGE, ClaimStatus.COMPLETED),
        EXCHANGE_WITHDRAWN("retractexcorders", ClaimType.EXCHANGE, ClaimStatus.WITHDRAWN);

        private final String path;
        private final ClaimType type;
        private final ClaimStatus status;

        ClaimList(String path, ClaimType type, ClaimStatus status) {
            this.path = path;
            this.type = type;
            this.status = status;
        }

        /** The list's path segment under /rest/claimservice/. */
        public String path() {
            return path;
        }

        public ClaimType type() {
            return type;
        }

        /** The status the list's rows show, unless their own code says more. */
        public ClaimStatus status() {
            return status;
        }

        public static ClaimList ofPath(String path) {
            for (ClaimList l : values()) {
                if (l.path.equals(path)) {
                    return l;
                }
            }
            throw new MappingException("'" + path + "' is not one of 11st's claim lists");
        }
    }

    /** Return clmStat (11st.md 1.5): holds and the request stay REQUESTED, the rest end the claim. */
    private static final Map<String, ClaimStatus> RETURN_STATUS = Map.of(
            "103", ClaimStatus.REQUESTED, // awaiting the buyer's re-payment (return shipping fee)
            "104", ClaimStatus.REQUESTED, // held
            "105", ClaimStatus.REQUESTED,
            "106", ClaimStatus.COMPLETED,
            "107", ClaimStatus.REJECTED,
            "108", ClaimStatus.WITHDRAWN,
            "109", ClaimStatus.REQUESTED); // completion held: not completed yet

    /** Exchange clmStat: 212 approved and 301 (redelivery received) are open but accepted; 221/302 sent the new item. */
    private static final Map<String, ClaimStatus> EXCHANGE_STATUS = Map.of(
            "201", ClaimStatus.REQUESTED,
            "212", ClaimStatus.APPROVED,
            "214", ClaimStatus.REQUESTED, // held
            "221", ClaimStatus.COMPLETED,
            "232", ClaimStatus.REJECTED,
            "233", ClaimStatus.WITHDRAWN,
            "301", ClaimStatus.APPROVED,
            "302", ClaimStatus.COMPLETED);

    private ElevenstClaimMapper() {
    }

    /** One row of {@code list} as a claim of one line. Messages name fields, never values. */
    public static Claim map(String accountId, ClaimList list, Map<String, String> row) {
        boolean cancel = list.type() == ClaimType.CANCEL;
        String ordNo = required(row, "ordNo", "");
        String seq = required(row, "ordPrdSeq", "order " + ordNo + ": ");
        String where = "order " + ordNo + " line " + seq + " (" + list.path() + "): ";
        String requestedField = cancel ? "createDt" : "reqDt";
        OffsetDateTime requestedAt = time(row, requestedField, where);
        String claimId = claimId(list, row, ordNo, seq, requestedField, where);
        String code = value(row, cancel ? "ordCnStatCd" : "clmStat");
        ClaimStatus status = status(list, code);
        String qtyField = cancel ? "ordCnQty" : "clmReqQty";
        int quantity = quantity(row, qtyField, where);
        OffsetDateTime statusAt = status == ClaimStatus.REQUESTED ? requestedAt
                : cancel ? null : time(row, "trtEndDt", where);
        String reasonText = value(row, cancel ? "ordCnDtlsRsn" : "clmReqCont");
        if (reasonText != null && reasonText.length() > REASON_TEXT_LIMIT) {
            reasonText = reasonText.substring(0, REASON_TEXT_LIMIT);
        }
        return new Claim(
                Marketplace.ELEVENST,
                accountId,
                claimId,
                ordNo,
                list.type(),
                status,
                value(row, cancel ? "ordCnRsnCd" : "clmReqRsn"),
                reasonText,
                requestedAt,
                statusAt,
                code != null ? code : list.path(),
                List.of(new ClaimLine(seq, value(row, "dlvNo"), quantity)),
                raw(list, row));
    }

    /** The row's status: the list's, or what its own known code says (see the class comment). */
    static ClaimStatus status(ClaimList list, String code) {
        if (code == null) {
            return list.status();
        }
        return switch (list.type()) {
            // ordCnStatCd: 01 requested, 02 completed; a withdrawn cancel's code is not documented: its list decides
            case CANCEL -> list == ClaimList.CANCEL_REQUESTED && code.equals("02") ? ClaimStatus.COMPLETED : list.status();
            case RETURN -> RETURN_STATUS.getOrDefault(code, list.status());
            case EXCHANGE -> EXCHANGE_STATUS.getOrDefault(code, list.status());
        };
    }

    private static String claimId(ClaimList list, Map<String, String> row, String ordNo, String seq,
                                  String requestedField, String where) {
        String numberField = list.type() == ClaimType.CANCEL ? "ordPrdCnSeq" : "clmReqSeq";
        String number = value(row, numberField);
        if (number != null) {
            return number;
        }
        String requested = value(row, requestedField);
        if (requested == null) {
            throw new MappingException(where + numberField + " and " + requestedField + " are missing: the claim cannot be told apart");
        }
        return ClaimIntake.derivedClaimId(Marketplace.ELEVENST, list.type().name(), ordNo, seq, requested);
    }

    private static int quantity(Map<String, String> row, String field, String where) {
        String v = value(row, field);
        if (v == null) {
            throw new MappingException(where + field + " is missing");
        }
        try {
            int q = Integer.parseInt(v.replace(",", ""));
            if (q < 1) {
                throw new MappingException(where + field + " is not a positive whole number");
            }
            return q;
        } catch (NumberFormatException e) {
            throw new MappingException(where + field + " is not a positive whole number");
        }
    }

    private static OffsetDateTime time(Map<String, String> row, String field, String where) {
        try {
            return ElevenstOrderMapper.time(row, field);
        } catch (MappingException e) {
            throw new MappingException(where + e.getMessage());
        }
    }

    private static String required(Map<String, String> row, String field, String prefix) {
        String v = value(row, field);
        if (v == null) {
            throw new MappingException(prefix + field + " is missing");
        }
        return v;
    }

    /** The row as kept: {"list": the list's path, "row": its fields as 11st sent them}. */
    public static String raw(ClaimList list, Map<String, String> row) {
        ObjectNode o = OrderJson.mapper().createObjectNode();
        o.put("list", list.path());
        ObjectNode fields = o.putObject("row");
        row.forEach(fields::put);
        return o.toString();
    }

    /** A kept raw payload back into its list and row, for a replay. */
    public static Claim mapRaw(String accountId, String rawPayload) {
        JsonNode node;
        try {
            node = OrderJson.mapper().readTree(rawPayload);
        } catch (Exception e) {
            throw new MappingException("the stored claim payload is not JSON");
        }
        if (node == null || !node.path("list").isTextual() || !node.path("row").isObject()) {
            throw new MappingException("the stored claim payload needs \"list\" (a claim list's name) and \"row\" (its fields)");
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.get("row").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            row.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
        }
        return map(accountId, ClaimList.ofPath(node.get("list").asText()), row);
    }
}
