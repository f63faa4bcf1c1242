package io.marketbridge.simulator.elevenst;

import static io.marketbridge.simulator.elevenst.ElevenstStore.SEOUL;

import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.elevenst.ElevenstClaim.Kind;
import io.marketbridge.simulator.elevenst.ElevenstClaim.State;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The claim lists over a window, claimservice/{list}/{start}/{end} in yyyyMMddHHmm: cancelorders (requested, by
 * request time), canceledorders (completed), withdrawcanceledorders (withdrawn, by the time they closed), and the
 * same three for returns (returnorders, returnedorders, retractretorders) and exchanges (exchangeorders,
 * exchangedorders, retractexcorders). At most 30 days (-28008); a bad start -28001, a bad or earlier end -28002
 * (the facts give the range -28001...-28008, not which is which); at most max-rows rows, no paging.
 */
final class ElevenstClaimList implements ElevenstResource {

    static final int BAD_START = -28001;
    static final int BAD_END = -28002;
    static final int TOO_LONG = -28008;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final String operation;
    private final Kind kind;
    private final State state;
    private final int maxRows;
    private final ElevenstClaims claims;
    private final ElevenstReplies replies;

    private ElevenstClaimList(String list, Kind kind, State state, int maxRows, ElevenstClaims claims, ElevenstReplies replies) {
        this.operation = "claimservice/" + list;
        this.kind = kind;
        this.state = state;
        this.maxRows = maxRows;
        this.claims = claims;
        this.replies = replies;
    }

    /** The nine lists. */
    static List<ElevenstResource> all(int maxRows, ElevenstClaims claims, ElevenstReplies replies) {
        return List.of(
                new ElevenstClaimList("cancelorders", Kind.CANCEL, State.REQUESTED, maxRows, claims, replies),
                new ElevenstClaimList("canceledorders", Kind.CANCEL, State.COMPLETED, maxRows, claims, replies),
                new ElevenstClaimList("withdrawcanceledorders", Kind.CANCEL, State.WITHDRAWN, maxRows, claims, replies),
                new ElevenstClaimList("returnorders", Kind.RETURN, State.REQUESTED, maxRows, claims, replies),
                new ElevenstClaimList("returnedorders", Kind.RETURN, State.COMPLETED, maxRows, claims, replies),
                new ElevenstClaimList("retractretorders", Kind.RETURN, State.WITHDRAWN, maxRows, claims, replies),
                new ElevenstClaimList("exchangeorders", Kind.EXCHANGE, State.REQUESTED, maxRows, claims, replies),
                new ElevenstClaimList("exchangedorders", Kind.EXCHANGE, State.COMPLETED, maxRows, claims, replies),
                new ElevenstClaimList("retractexcorders", Kind.EXCHANGE, State.WITHDRAWN, maxRows, claims, replies));
    }

    @Override
    public String operation() {
        return operation;
    }

    @Override
    public boolean accepts(int segments) {
        return segments == 6;
    }

    @Override
    public SimReply answer(ElevenstSeller s, String[] args) {
        claims.countList();
        LocalDateTime from = ElevenstResource.minute(args[0]);
        if (from == null) {
            return replies.list(BAD_START, "조회 시작일시 형식이 올바르지 않습니다. (yyyyMMddHHmm)");
        }
        LocalDateTime to = ElevenstResource.minute(args[1]);
        if (to == null || to.isBefore(from)) {
            return replies.list(BAD_END, "조회 종료일시 형식이 올바르지 않거나 시작일시보다 이전입니다. (yyyyMMddHHmm)");
        }
        if (to.isAfter(from.plusDays(30))) {
            return replies.list(TOO_LONG, "조회 기간은 최대 30일까지 가능합니다.");
        }
        ZonedDateTime lo = from.atZone(SEOUL);
        ZonedDateTime hi = to.atZone(SEOUL).plusMinutes(1); // the end minute is read to its last second
        List<String> rows = new ArrayList<>();
        synchronized (s) {
            for (ElevenstClaim c : s.claims.values()) {
                ZonedDateTime at = state == State.REQUESTED ? c.requestedAt : c.closedAt;
                if (c.kind == kind && c.state == state && at != null && !at.isBefore(lo) && at.isBefore(hi)) {
                    rows.add(kind == Kind.CANCEL ? cancelRow(c) : claimRow(c));
                }
            }
        }
        if (rows.size() > maxRows) {
            rows = rows.subList(0, maxRows);
        }
        return replies.rows(rows);
    }

    /** A cancel-list row with the field names of the facts (1.4). */
    private static String cancelRow(ElevenstClaim c) {
        StringBuilder b = new StringBuilder("<ns2:order>");
        el(b, "createDt", TIME.format(c.requestedAt));
        el(b, "dlvNo", c.line.dlvNo);
        el(b, "ordCnDtlsRsn", c.reasonText);
        el(b, "ordCnMnbdCd", c.bySeller ? "02" : "01");
        el(b, "ordCnQty", String.valueOf(c.qty));
        el(b, "ordCnRsnCd", c.reasonCode);
        el(b, "ordCnStatCd", c.statusCode());
        el(b, "ordNo", c.order.ordNo);
        el(b, "ordPrdCnSeq", c.claimNo);
        el(b, "ordPrdSeq", c.line.seq);
        el(b, "prdNo", c.line.product.prdNo());
        el(b, "referSeq", "null");
        el(b, "slctPrdOptNm", option(c.line));
        el(b, ElevenstSimulator.UNKNOWN_FIELD, "claim");
        return b.append("</ns2:order>").toString();
    }

    /** A return or exchange row: the order's identifiers and the return-list fields the facts name (1.4). */
    private static String claimRow(ElevenstClaim c) {
        StringBuilder b = new StringBuilder("<ns2:order>");
        el(b, "clmReqQty", String.valueOf(c.qty));
        el(b, "clmReqSeq", c.claimNo);
        el(b, "clmStat", c.statusCode());
        el(b, "dlvNo", c.line.dlvNo);
        el(b, "ordNo", c.order.ordNo);
        el(b, "ordPrdSeq", c.line.seq);
        el(b, "prdNm", c.line.product.name());
        el(b, "prdNo", c.line.product.prdNo());
        el(b, "reqDt", TIME.format(c.requestedAt));
        el(b, "slctPrdOptNm", option(c.line));
        el(b, "trtEndDt", c.closedAt == null ? "" : TIME.format(c.closedAt));
        el(b, ElevenstSimulator.UNKNOWN_FIELD, "claim");
        return b.append("</ns2:order>").toString();
    }

    private static String option(ElevenstLine l) {
        return l.addOn ? "" : l.product.options().get(l.optionIndex).name() + "-" + l.qty + "개";
    }

    private static void el(StringBuilder b, String name, String value) {
        if (value == null || value.isEmpty()) {
            b.append('<').append(name).append("/>");
        } else {
            b.append('<').append(name).append('>').append(ElevenstReplies.escape(value)).append("</").append(name).append('>');
        }
    }
}
