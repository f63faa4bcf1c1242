package io.marketbridge.simulator.esm;

import static io.marketbridge.simulator.esm.EsmStore.SEOUL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.esm.EsmClaim.Kind;
import io.marketbridge.simulator.esm.EsmTokenCheck.Caller;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * POST /claim/v1/sa/Cancels, /Returns, /Exchanges (esm.md 2.7): the claims of the site seller named by SiteType
 * (Cancels: Auction 1, Gmarket 3, and Gmarket 2 answers no rows without an error; Returns and Exchanges: 1 and 2),
 * filtered by CancelStatus (0 all) / ReturnStatus / ExchangeStatus (1-6, no "all"), and Type: 0 OrderNo, 1 PayNo,
 * or a StartDate/EndDate window (YYYY-MM-DD, EndDate read as 00:00 of that day) of request (2), completion (3) or
 * payment (4) dates, shorter than 7 days (the switch claimWindowMaxDays). Data is a plain array, no paging.
 */
final class ClaimListHandler implements EsmHandler {

    private final Kind kind;
    private final String statusField;
    private final EsmStore store;
    private final EsmClaims claims;
    private final EsmFaults faults;
    private final EsmReplies replies;

    ClaimListHandler(Kind kind, EsmStore store, EsmClaims claims, EsmFaults faults, EsmReplies replies) {
        this.kind = kind;
        this.statusField = switch (kind) {
            case CANCEL -> "CancelStatus";
            case RETURN -> "ReturnStatus";
            case EXCHANGE -> "ExchangeStatus";
        };
        this.store = store;
        this.claims = claims;
        this.faults = faults;
        this.replies = replies;
    }

    @Override
    public SimReply answer(Caller caller, String path, JsonNode q) {
        claims.listCalls.incrementAndGet();
        int siteType = q.path("SiteType").asInt(-1);
        boolean silentGmarket = kind == Kind.CANCEL && siteType == 2;
        String site = siteType == 1 ? "A" : siteType == (kind == Kind.CANCEL ? 3 : 2) || silentGmarket ? "G" : null;
        if (site == null) {
            return replies.error(1000, kind == Kind.CANCEL ? "SiteType은 1(옥션) 또는 3(G마켓)입니다."
                    : "SiteType은 1(옥션) 또는 2(G마켓)입니다.", null);
        }
        SiteSeller seller = caller.sellerKeys().stream().filter(k -> k.startsWith(site + ":")).map(store::seller)
                .findFirst().orElse(null);
        if (seller == null) {
            return replies.error(1000, "ssi에 해당 사이트의 판매자 ID가 없습니다.", null);
        }
        int status = q.path(statusField).asInt(-1);
        if (status < (kind == Kind.CANCEL ? 0 : 1) || status > 6) {
            return replies.error(1000, statusField + " 값이 올바르지 않습니다.", null);
        }
        int type = q.path("Type").asInt(-1);
        long orderNo = q.path("OrderNo").asLong(0);
        long payNo = q.path("PayNo").asLong(0);
        LocalDateTime from = null;
        LocalDateTime to = null;
        if (type == 0 && orderNo <= 0 || type == 1 && payNo <= 0) {
            return replies.error(1000, type == 0 ? "Type 0 은 OrderNo 가 필요합니다." : "Type 1 은 PayNo 가 필요합니다.", null);
        } else if (type >= 2 && type <= 4) {
            from = day(q.path("StartDate").asText(""));
            to = day(q.path("EndDate").asText(""));
            if (from == null || to == null || to.isBefore(from)) {
                return replies.error(2000, "조회 기간(StartDate/EndDate, YYYY-MM-DD)을 확인해 주세요.", null);
            }
            if (ChronoUnit.DAYS.between(from, to) > faults.claimWindowMaxDays) {
                return replies.error(2000, "조회 기간은 7일 이내로 입력해 주세요.", null);
            }
        } else if (type < 0 || type > 4) {
            return replies.error(1000, "Type 값이 올바르지 않습니다.", null);
        }
        ArrayNode rows = replies.array();
        if (silentGmarket) {
            return replies.claimOk(rows, faults.claimResultCodeAsString);
        }
        List<EsmClaim> found = new ArrayList<>();
        synchronized (store) {
            for (OrderLine i : seller.items.values()) {
                for (EsmClaim c : i.claims) {
                    if (c.kind != kind || c.statusCode() == 0 || (status != 0 && c.statusCode() != status)) {
                        continue;
                    }
                    boolean match = switch (type) {
                        case 0 -> i.orderNo == orderNo;
                        case 1 -> i.payNo == payNo;
                        default -> within(type == 2 ? c.requestDate : type == 3 ? c.completeDate : i.payDate, from, to);
                    };
                    if (match) {
                        found.add(c);
                    }
                }
            }
            found.sort(Comparator.comparing((EsmClaim c) -> c.requestDate).thenComparingLong(c -> c.line.orderNo));
            found.forEach(c -> rows.add(render(c)));
        }
        return replies.claimOk(rows, faults.claimResultCodeAsString);
    }

    private static boolean within(ZonedDateTime at, LocalDateTime from, LocalDateTime to) {
        if (at == null) {
            return false;
        }
        LocalDateTime t = at.withZoneSameInstant(SEOUL).toLocalDateTime();
        return !t.isBefore(from) && t.isBefore(to); // EndDate is 00:00 of that day
    }

    private static LocalDateTime day(String text) {
        try {
            return LocalDate.parse(text).atStartOfDay();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** One claim row with the field names of the Cancels answer; no product name, price or quantity. */
    private ObjectNode render(EsmClaim c) {
        OrderLine i = c.line;
        ObjectNode o = replies.object();
        o.put(statusField, c.statusCode());
        o.put("PayNo", i.payNo);
        o.put("OrderNo", i.orderNo);
        o.put("GoodsNo", 0);
        o.put("SiteGoodsNo", "A".equals(i.site) ? i.product.auctionItemNo() : i.product.gmarketItemNo());
        o.put("Reason", c.reason);
        o.put("ReasonCode", c.reasonCode);
        o.put("ReasonDetail", c.reasonDetail);
        o.put("OrderDate", local(i.orderDate));
        o.put("PayDate", local(i.payDate));
        o.put("RequestDate", local(c.requestDate));
        o.put("WithdrawDate", local(c.withdrawDate));
        o.put("ApproveDate", local(c.approveDate));
        o.put("CompleteDate", local(c.completeDate));
        o.put("AddShippingFee", RequestOrdersHandler.money(0));
        o.put(EsmReplies.UNKNOWN_FIELD, "claim row");
        return o;
    }

    private static String local(ZonedDateTime t) {
        return t == null ? null : RequestOrdersHandler.LOCAL.format(t.withZoneSameInstant(SEOUL));
    }
}
