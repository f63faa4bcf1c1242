package io.marketbridge.marketplace.elevenst;

import static io.marketbridge.marketplace.elevenst.ElevenstXml.value;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.claim.action.ClaimActionType;
import io.marketbridge.claim.action.ClaimActionUnit;
import io.marketbridge.claim.action.RecordedClaim;
import io.marketbridge.claim.action.SellerCancelReason;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.marketplace.elevenst.ElevenstClaimMapper.ClaimList;
import io.marketbridge.order.OrderJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * 11st's side of the claim action flow (route elevenst-claim-actions, 11st.md 1.3 and 1.5): one conversation per
 * MB_CLAIM_ACTION row, every call a GET with its parameters in the path, answered under ResultOrder (result_code 0 =
 * done). The claim number is the one the claim poll stored: ordPrdCnSeq for a cancel, clmReqSeq for a return
 * (the raw payload's row, else a numeric claim_id), with the row's ordNo and ordPrdSeq.
 *
 * <pre>
 *   APPROVE_CANCEL  CANCEL_CONF   cancelreqconf/{ordPrdCnSeq}/{ordNo}/{ordPrdSeq}
 *   SHIP_INSTEAD    CANCEL_REJECT cancelreqreject/{ordNo}/{ordPrdSeq}/{ordPrdCnSeq}/{dlvMthdCd}/{sendDt}/{dlvEtprsCd}/{invcNo}
 *   APPROVE_RETURN  RETURN_CONF   returnreqconf/{clmReqSeq}/{ordNo}/{ordPrdSeq}
 *   SELLER_CANCEL   REJECT_ORDER  reqrejectorder/{ordNo}/{ordPrdSeq}/{ordCnRsnCd}/{ordCnDtlsRsn}
 *
 *   a row that may have reached 11st reads first, and a refused call reads once:
 *     approvals     READ_DONE  the completed list (canceledorders / returnedorders) from the claim's request time:
 *                              the claim number there = SENT ALREADY_DONE; absent = the approval goes (once)
 *     ship instead, READ_LINE  orderlistall/{ordNo}: shipped with our courier and number = ALREADY_DONE; 701 = the
 *     seller cancel            refusal goes (once); seller cancel: B01 = ALREADY_DONE, 202/301 = reqrejectorder
 *   anything else is REJECTED with 11st's code and message (or what the read showed); -1000 maintenance and HTTP
 *   errors are FAILED by the api route and retried by the dispatch
 * </pre>
 */
public class ElevenstClaimActions {

    /** What 11st's connector sends. */
    static final Set<ClaimActionType> SUPPORTED = EnumSet.allOf(ClaimActionType.class);

    static final String CANCEL_CONF = "CANCEL_CONF";
    static final String CANCEL_REJECT = "CANCEL_REJECT";
    static final String RETURN_CONF = "RETURN_CONF";
    static final String REJECT_ORDER = "REJECT_ORDER";
    static final String READ_DONE = "READ_DONE";
    static final String READ_LINE = "READ_LINE";

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final String CLAIMS = "/rest/claimservice/";
    /** The lists take at most 30 days, both ends inclusive (-28008 beyond). */
    private static final Duration LONGEST_WINDOW = Duration.ofDays(30).minusMinutes(1);
    /** cancelreqreject codes about the invoice itself: a read cannot change them. */
    static final Set<Integer> INVOICE_REFUSALS = Set.of(-3301, -3306, -3307);
    static final Set<String> SHIPPED = ElevenstShipments.SHIPPED;
    /** Longest reason text sent on reqrejectorder (11st gives no limit; the text travels in the path). */
    static final int REASON_TEXT_LIMIT = 100;

    /** The claim's 11st numbers: claim number, order, line, and when it was requested (null when unknown). */
    record Target(String claimNo, String ordNo, String ordPrdSeq, OffsetDateTime requestedAt) {
    }

    private final Clock clock;

    public ElevenstClaimActions(Clock clock) {
        this.clock = clock;
    }

    /** Route step: the unit gets its first call. */
    public void begin(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit) {
        if (unit.getAction() == ClaimActionType.SELLER_CANCEL) {
            String seq = unit.getLine().lineId();
            if (!digits(unit.getOrderId()) || !digits(seq)) {
                unit.rejected("UNKNOWN_LINE", "line '" + seq + "' of order '" + unit.getOrderId()
                        + "' is not an 11st ordNo and ordPrdSeq");
                return;
            }
            unit.setConversation(new Target(null, unit.getOrderId(), seq, null));
            unit.readsWith(READ_LINE);
            unit.next(unit.isReconcile() ? READ_LINE : REJECT_ORDER);
            return;
        }
        RecordedClaim claim = unit.getClaim();
        Target target = target(claim);
        if (target.claimNo() == null || target.ordNo() == null || target.ordPrdSeq() == null) {
            unit.rejected("UNKNOWN_CLAIM", "claim '" + claim.claimId() + "' has no 11st "
                    + (claim.type() == ClaimType.CANCEL ? "ordPrdCnSeq" : "clmReqSeq") + " with its ordNo and ordPrdSeq");
            return;
        }
        unit.setConversation(target);
        switch (unit.getAction()) {
            case SHIP_INSTEAD -> {
                unit.readsWith(READ_LINE);
                // a cancel recorded as completed may still be ours (partial cancels): the line tells
                unit.next(unit.isReconcile() || claim.status() == ClaimStatus.COMPLETED ? READ_LINE : CANCEL_REJECT);
            }
            case APPROVE_CANCEL -> {
                unit.readsWith(READ_DONE);
                unit.next(unit.isReconcile() ? READ_DONE : CANCEL_CONF);
            }
            default -> {
                unit.readsWith(READ_DONE);
                unit.next(unit.isReconcile() ? READ_DONE : RETURN_CONF);
            }
        }
    }

    /** The claim's numbers: the stored row's fields, else the claim's own id, order and (single) line. */
    static Target target(RecordedClaim claim) {
        Map<String, String> row = storedRow(claim);
        boolean cancel = claim.type() == ClaimType.CANCEL;
        String claimNo = value(row, cancel ? "ordPrdCnSeq" : "clmReqSeq");
        if (claimNo == null && digits(claim.claimId())) {
            claimNo = claim.claimId();
        }
        String ordNo = value(row, "ordNo") != null ? value(row, "ordNo") : claim.orderId();
        String seq = value(row, "ordPrdSeq") != null ? value(row, "ordPrdSeq")
                : claim.lines().isEmpty() ? null : claim.lines().get(0).lineId();
        OffsetDateTime requestedAt;
        try {
            requestedAt = ElevenstOrderMapper.time(row, cancel ? "createDt" : "reqDt");
        } catch (MappingException e) {
            requestedAt = null;
        }
        return new Target(digits(claimNo) ? claimNo : null, digits(ordNo) ? ordNo : null, digits(seq) ? seq : null,
                requestedAt);
    }

    /** The fields of the row the claim poll stored ({"list": ..., "row": {...}}), empty when there is none. */
    private static Map<String, String> storedRow(RecordedClaim claim) {
        Map<String, String> row = new HashMap<>();
        if (claim.rawPayload() == null || claim.rawPayload().isBlank()) {
            return row;
        }
        try {
            JsonNode fields = OrderJson.mapper().readTree(claim.rawPayload()).path("row");
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                row.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
            }
        } catch (Exception e) {
            // not the poll's JSON: the claim's own ids serve
        }
        return row;
    }

    /** Route step: the ApiRequest for the unit's next call. */
    public ApiRequest request(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit) {
        Target t = unit.conversation(Target.class);
        String call = unit.getNextCall();
        return switch (call) {
            case CANCEL_CONF -> ApiRequest.get(CLAIMS + "cancelreqconf/" + t.claimNo() + "/" + t.ordNo() + "/" + t.ordPrdSeq(),
                    "", "cancel approval of claim " + t.claimNo());
            case RETURN_CONF -> ApiRequest.get(CLAIMS + "returnreqconf/" + t.claimNo() + "/" + t.ordNo() + "/" + t.ordPrdSeq(),
                    "", "return approval of claim " + t.claimNo());
            case CANCEL_REJECT -> ApiRequest.get(cancelRejectPath(unit, t), "", "cancel refusal (shipped) of claim " + t.claimNo());
            case REJECT_ORDER -> ApiRequest.get(rejectOrderPath(unit, t), "", "seller cancel of line " + t.ordPrdSeq()
                    + " of order " + t.ordNo());
            case READ_LINE -> ApiRequest.get(CLAIMS + "orderlistall/" + t.ordNo(), "", "read of order " + t.ordNo()
                    + " for a claim action");
            case READ_DONE -> {
                ClaimList list = completedList(unit);
                String[] window = window(t.requestedAt());
                yield ApiRequest.get(CLAIMS + list.path() + "/" + window[0] + "/" + window[1], "", "claim list "
                        + list.path() + " " + window[0] + ".." + window[1] + " for claim " + t.claimNo());
            }
            default -> throw new IllegalStateException("unknown call " + call);
        };
    }

    /** sendDt is today (KST) as the account's cancel-reject.send-date says: yyyyMMdd (one source) or yyyyMMddHHmm. */
    String cancelRejectPath(ClaimActionUnit unit, Target t) {
        String format = unit.getAccount().get(ElevenstConnector.CANCEL_REJECT_SEND_DATE);
        String sendDt = DateTimeFormatter.ofPattern(format).format(LocalDateTime.now(clock.withZone(SEOUL)));
        return CLAIMS + "cancelreqreject/" + t.ordNo() + "/" + t.ordPrdSeq() + "/" + t.claimNo() + "/"
                + unit.getAccount().get(ElevenstConnector.DELIVERY_METHOD) + "/" + sendDt + "/" + unit.getCourierCode()
                + "/" + unit.getTrackingNo();
    }

    static String rejectOrderPath(ClaimActionUnit unit, Target t) {
        return CLAIMS + "reqrejectorder/" + t.ordNo() + "/" + t.ordPrdSeq() + "/" + reasonCode(unit) + "/"
                + pathSegment(reasonText(unit));
    }

    /** ordCnRsnCd: OUT_OF_STOCK as the account says (08 sold out, 09 option sold out), PRICE_ERROR 07. */
    static String reasonCode(ClaimActionUnit unit) {
        return unit.getReason() == SellerCancelReason.PRICE_ERROR ? "07"
                : unit.getAccount().get(ElevenstConnector.OUT_OF_STOCK_REASON);
    }

    /** ordCnDtlsRsn: the row's text after the reason's code, else a plain Korean one (11st wants a text). */
    static String reasonText(ClaimActionUnit unit) {
        String text = unit.getReasonText() == null ? "" : unit.getReasonText()
                .replaceAll("[\\p{Cntrl}/\\\\]", " ").replaceAll("\\s+", " ").trim();
        if (text.isEmpty()) {
            text = unit.getReason() == SellerCancelReason.PRICE_ERROR ? "상품 가격 오류" : "품절";
        }
        return text.length() > REASON_TEXT_LIMIT ? text.substring(0, REASON_TEXT_LIMIT) : text;
    }

    /** UTF-8 percent-encoding of one path segment (as 11st's guide encodes the reason; a space is %20). */
    static String pathSegment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private ClaimList completedList(ClaimActionUnit unit) {
        return unit.getAction() == ClaimActionType.APPROVE_CANCEL ? ClaimList.CANCEL_COMPLETED : ClaimList.RETURN_COMPLETED;
    }

    /** yyyyMMddHHmm KST bounds: from the claim's request (at most 30 days back) to now. */
    String[] window(OffsetDateTime requestedAt) {
        LocalDateTime to = LocalDateTime.now(clock.withZone(SEOUL)).truncatedTo(ChronoUnit.MINUTES);
        LocalDateTime earliest = to.minus(LONGEST_WINDOW);
        LocalDateTime from = requestedAt == null ? earliest
                : requestedAt.atZoneSameInstant(SEOUL).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES);
        if (from.isBefore(earliest)) {
            from = earliest;
        }
        if (from.isAfter(to)) {
            from = to;
        }
        return new String[] {ElevenstOrders.MINUTE.format(from), ElevenstOrders.MINUTE.format(to)};
    }

    /** Route step: reads the answer to the call just made and decides the next call or the outcome. */
    public void answer(@Variable(ClaimActionUnit.VARIABLE) ClaimActionUnit unit, @Body ElevenstXml.Answer answer) {
        String call = unit.getNextCall();
        unit.made(call);
        switch (call) {
            case READ_DONE -> afterListRead(unit, answer);
            case READ_LINE -> afterLineRead(unit, answer);
            default -> afterAction(unit, call, answer);
        }
    }

    private static void afterAction(ClaimActionUnit unit, String call, ElevenstXml.Answer answer) {
        int code = answer.code();
        String text = answer.resultText() == null ? "" : answer.resultText();
        if (code == 0) {
            unit.sent("0", text);
        } else if (call.equals(CANCEL_REJECT) && INVOICE_REFUSALS.contains(code)) {
            unit.rejected(String.valueOf(code), text);
        } else {
            // "not there / already done / not in that state" look alike: the read tells them apart
            unit.refused(String.valueOf(code), text);
        }
    }

    private static void afterListRead(ClaimActionUnit unit, ElevenstXml.Answer answer) {
        Target t = unit.conversation(Target.class);
        boolean cancel = unit.getAction() == ClaimActionType.APPROVE_CANCEL;
        ClaimList list = cancel ? ClaimList.CANCEL_COMPLETED : ClaimList.RETURN_COMPLETED;
        String action = cancel ? CANCEL_CONF : RETURN_CONF;
        for (Map<String, String> row : answer.rows()) {
            if (t.claimNo().equals(value(row, cancel ? "ordPrdCnSeq" : "clmReqSeq"))) {
                String code = value(row, cancel ? "ordCnStatCd" : "clmStat");
                ClaimStatus status = ElevenstClaimMapper.status(list, code);
                String shown = "11st lists claim " + t.claimNo() + " on " + list.path()
                        + (code == null ? "" : " (" + (cancel ? "ordCnStatCd " : "clmStat ") + code + ")");
                if (status == ClaimStatus.COMPLETED) {
                    unit.sent("ALREADY_DONE", shown);
                } else {
                    unit.rejectedAsRefused("CLAIM_" + status, shown + ": it is " + status);
                }
                return;
            }
        }
        if (!unit.hasMade(action)) {
            unit.next(action);
        } else {
            unit.rejectedAsRefused("NOT_DONE", "11st does not list claim " + t.claimNo() + " on " + list.path());
        }
    }

    private static void afterLineRead(ClaimActionUnit unit, ElevenstXml.Answer answer) {
        Target t = unit.conversation(Target.class);
        Map<String, String> line = null;
        for (Map<String, String> row : answer.rows()) {
            if (t.ordPrdSeq().equals(value(row, "ordPrdSeq"))) {
                line = row;
            }
        }
        if (line == null) {
            unit.rejectedAsRefused("NOT_FOUND", "11st does not list line " + t.ordPrdSeq() + " of order " + t.ordNo());
            return;
        }
        String stat = String.valueOf(value(line, "ordPrdStat"));
        String shown = "line " + t.ordPrdSeq() + " of order " + t.ordNo() + " is " + stat + " at 11st";
        if (unit.getAction() == ClaimActionType.SHIP_INSTEAD) {
            afterLineReadToShip(unit, line, stat, shown);
        } else {
            afterLineReadToCancel(unit, stat, shown);
        }
    }

    private static void afterLineReadToShip(ClaimActionUnit unit, Map<String, String> line, String stat, String shown) {
        if (SHIPPED.contains(stat)) {
            boolean ours = unit.getTrackingNo().equals(value(line, "invcNo"))
                    && (value(line, "dlvEtprsCd") == null || unit.getCourierCode().equals(value(line, "dlvEtprsCd")));
            if (ours) {
                unit.sent("ALREADY_DONE", shown + " with this courier and tracking number");
            } else {
                unit.rejectedAsRefused("ALREADY_SHIPPED", shown + ", shipped with another tracking number");
            }
        } else if ("701".equals(stat) && !unit.hasMade(CANCEL_REJECT)) {
            unit.next(CANCEL_REJECT);
        } else if ("B01".equals(stat)) {
            unit.rejectedAsRefused("CANCELLED", shown + ": the cancel went through, nothing to ship");
        } else {
            unit.rejectedAsRefused("NO_CANCEL_REQUEST", shown + ": no cancel request to refuse by shipping");
        }
    }

    private static void afterLineReadToCancel(ClaimActionUnit unit, String stat, String shown) {
        if ("B01".equals(stat)) {
            unit.sent("ALREADY_DONE", shown + " (cancelled)");
        } else if (("202".equals(stat) || "301".equals(stat)) && !unit.hasMade(REJECT_ORDER)) {
            unit.next(REJECT_ORDER);
        } else if ("701".equals(stat)) {
            unit.rejectedAsRefused("CANCEL_REQUESTED", shown + ": the buyer asked to cancel; answer with APPROVE_CANCEL");
        } else if (SHIPPED.contains(stat) || "601".equals(stat)) {
            unit.rejectedAsRefused("ALREADY_SHIPPED", shown + ": a line that left cannot be cancelled by the seller");
        } else {
            unit.rejectedAsRefused("NOT_CANCELLED", shown);
        }
    }

    private static boolean digits(String s) {
        return s != null && s.matches("[0-9]{1,20}");
    }
}
