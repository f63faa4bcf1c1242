package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.SimHttp.first;
import static io.marketbridge.simulator.naver.NaverDates.MAX_WINDOW;
import static io.marketbridge.simulator.naver.NaverDates.dateTime;
import static io.marketbridge.simulator.naver.NaverDates.kst;
import static io.marketbridge.simulator.naver.NaverReplies.JSON;
import static io.marketbridge.simulator.naver.NaverReplies.apiError;
import static io.marketbridge.simulator.naver.NaverReplies.badParameter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GET /external/v1/pay-order/seller/product-orders/last-changed-statuses: the seller's changes from
 * lastChangedFrom (inclusive) to lastChangedTo (default From + 24 h), sorted by lastChangedDate then
 * productOrderId, paged by more.moreFrom/moreSequence.
 */
final class ChangeFeedHandler implements NaverApiHandler {

    static final Set<String> CHANGE_TYPES = Set.of("PAY_WAITING", "PAYED", "EXCHANGE_OPTION", "DELIVERY_ADDRESS_CHANGED",
            "GIFT_RECEIVED", "CLAIM_REJECTED", "DISPATCHED", "CLAIM_REQUESTED", "COLLECT_DONE", "CLAIM_COMPLETED",
            "PURCHASE_DECIDED", "HOPE_DELIVERY_INFO_CHANGED", "CLAIM_REDELIVERING");
    private static final int FEED_LIMIT = 300;

    private final NaverFaults faults;
    private final NaverCallCounts counts;

    ChangeFeedHandler(NaverFaults faults, NaverCallCounts counts) {
        this.faults = faults;
        this.counts = counts;
    }

    @Override
    public SimReply answer(Call call) {
        counts.feed.incrementAndGet();
        Map<String, List<String>> q = call.query();
        String traceId = call.traceId();
        String fromText = first(q, "lastChangedFrom");
        if (fromText == null || fromText.isBlank()) {
            return badParameter("NotNull.lastChangedStatusesRequest.lastChangedFrom", traceId);
        }
        OffsetDateTime from = dateTime(fromText);
        if (from == null) {
            return badParameter("typeMismatch.lastChangedStatusesRequest.lastChangedFrom", traceId);
        }
        OffsetDateTime to = from.plus(MAX_WINDOW);
        if (first(q, "lastChangedTo") != null) {
            to = dateTime(first(q, "lastChangedTo"));
            if (to == null) {
                return badParameter("typeMismatch.lastChangedStatusesRequest.lastChangedTo", traceId);
            }
        }
        if (to.isBefore(from)) {
            return apiError(400, "104133", "잘못된 요청입니다. (lastChangedTo가 lastChangedFrom보다 이전입니다)", traceId);
        }
        if (faults.rejectLongWindows && Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            return apiError(400, "104139", "조회 가능한 날짜 범위를 초과했습니다. (최대 24시간)", traceId);
        }
        String type = first(q, "lastChangedType");
        if (type != null && !CHANGE_TYPES.contains(type)) {
            return badParameter("typeMismatch.lastChangedStatusesRequest.lastChangedType", traceId);
        }
        int limit = FEED_LIMIT;
        if (first(q, "limitCount") != null) {
            try {
                limit = Integer.parseInt(first(q, "limitCount"));
            } catch (NumberFormatException e) {
                return badParameter("typeMismatch.lastChangedStatusesRequest.limitCount", traceId);
            }
            if (limit < 1) {
                return badParameter("Min.lastChangedStatusesRequest.limitCount", traceId);
            }
            limit = Math.min(limit, FEED_LIMIT); // Naver: more than 300 (or none) gives 300
        }
        String sequence = first(q, "moreSequence");
        long fromMillis = from.toInstant().toEpochMilli();
        long toMillis = to.toInstant().toEpochMilli();
        ArrayNode rows = JSON.createArrayNode();
        Change next = null;
        Seller s = call.seller();
        synchronized (s) {
            ChangeKey start = new ChangeKey(fromMillis, sequence == null ? "" : sequence);
            for (Change c : s.feed.tailMap(start, true).values()) {
                if (c.at() > toMillis) {
                    break;
                }
                if (type != null && !type.equals(c.type())) {
                    continue;
                }
                if (faults.latestChangeOnly && s.productOrders.get(c.productOrderId()).latestChange != c) {
                    continue;
                }
                if (rows.size() == limit) {
                    next = c;
                    break;
                }
                rows.add(row(c));
            }
        }
        ObjectNode data = JSON.createObjectNode();
        data.put("count", rows.size());
        if (next != null) {
            ObjectNode more = data.putObject("more");
            more.put("moreFrom", kst(next.at()));
            more.put("moreSequence", next.productOrderId());
        }
        data.set("lastChangeStatuses", rows);
        return NaverReplies.ok(data, traceId);
    }

    private static ObjectNode row(Change c) {
        ObjectNode row = JSON.createObjectNode();
        row.put("orderId", c.orderId());
        row.put("productOrderId", c.productOrderId());
        row.put("lastChangedType", c.type());
        row.put("paymentDate", kst(c.paymentDate()));
        row.put("lastChangedDate", kst(c.at()));
        row.put("productOrderStatus", c.status());
        if (c.claimType() != null) {
            row.put("claimType", c.claimType());
            row.put("claimStatus", c.claimStatus());
        }
        row.put("receiverAddressChanged", c.receiverAddressChanged());
        if (c.giftReceivingStatus() != null) {
            row.put("giftReceivingStatus", c.giftReceivingStatus());
        }
        return row;
    }
}
