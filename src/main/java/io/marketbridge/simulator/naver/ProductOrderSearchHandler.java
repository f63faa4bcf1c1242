package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.SimHttp.first;
import static io.marketbridge.simulator.naver.NaverDates.MAX_WINDOW;
import static io.marketbridge.simulator.naver.NaverDates.dateTime;
import static io.marketbridge.simulator.naver.NaverReplies.JSON;
import static io.marketbridge.simulator.naver.NaverReplies.apiError;
import static io.marketbridge.simulator.naver.NaverReplies.badParameter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.SimReply;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * GET /external/v1/pay-order/seller/product-orders: the conditional search, product orders whose event of
 * rangeType (payment by default) falls in from..to (default from + 24 h), filtered by status and
 * placeOrderStatusType, in pages of details.
 */
final class ProductOrderSearchHandler implements NaverApiHandler {

    private static final Set<String> RANGE_TYPES = Set.of("PAYED_DATETIME", "ORDERED_DATETIME", "DISPATCHED_DATETIME",
            "PURCHASE_DECIDED_DATETIME", "CLAIM_REQUESTED_DATETIME", "CLAIM_COMPLETED_DATETIME", "COLLECT_COMPLETED_DATETIME",
            "GIFT_RECEIVED_DATETIME", "HOPE_DELIVERY_INFO_CHANGED_DATETIME");

    private final ProductOrderDetails details;
    private final NaverFaults faults;
    private final NaverCallCounts counts;

    ProductOrderSearchHandler(ProductOrderDetails details, NaverFaults faults, NaverCallCounts counts) {
        this.details = details;
        this.faults = faults;
        this.counts = counts;
    }

    @Override
    public SimReply answer(Call call) {
        counts.query.incrementAndGet();
        Map<String, List<String>> q = call.query();
        String traceId = call.traceId();
        OffsetDateTime from = first(q, "from") == null ? null : dateTime(first(q, "from"));
        if (from == null) {
            return badParameter((first(q, "from") == null ? "NotNull" : "typeMismatch") + ".productOrdersRequest.from", traceId);
        }
        OffsetDateTime to = from.plus(MAX_WINDOW);
        if (first(q, "to") != null) {
            to = dateTime(first(q, "to"));
            if (to == null) {
                return badParameter("typeMismatch.productOrdersRequest.to", traceId);
            }
        }
        if (to.isBefore(from)) {
            return apiError(400, "104133", "잘못된 요청입니다. (to가 from보다 이전입니다)", traceId);
        }
        if (faults.rejectLongWindows && Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            return apiError(400, "104139", "조회 가능한 날짜 범위를 초과했습니다. (최대 24시간)", traceId);
        }
        String rangeType = first(q, "rangeType") == null ? "PAYED_DATETIME" : first(q, "rangeType");
        if (!RANGE_TYPES.contains(rangeType)) {
            return badParameter("typeMismatch.productOrdersRequest.rangeType", traceId);
        }
        Set<String> statuses = new HashSet<>();
        for (String v : q.getOrDefault("productOrderStatuses", List.of())) {
            statuses.addAll(Arrays.asList(v.split(",")));
        }
        String placeOrder = first(q, "placeOrderStatusType");
        int size;
        int page;
        try {
            size = first(q, "pageSize") == null ? 300 : Integer.parseInt(first(q, "pageSize"));
            page = first(q, "page") == null ? 1 : Integer.parseInt(first(q, "page"));
        } catch (NumberFormatException e) {
            return badParameter("typeMismatch.productOrdersRequest.pageSize", traceId);
        }
        if (size < 1 || size > 300 || page < 1) {
            return badParameter((page < 1 ? "Min.productOrdersRequest.page" : "Range.productOrdersRequest.pageSize"), traceId);
        }
        boolean compatible = Boolean.parseBoolean(first(q, "quantityClaimCompatibility"));
        long fromMillis = from.toInstant().toEpochMilli();
        long toMillis = to.toInstant().toEpochMilli();
        ArrayNode contents = JSON.createArrayNode();
        boolean hasNext;
        Seller s = call.seller();
        synchronized (s) {
            TreeMap<ChangeKey, ProductOrder> hits = new TreeMap<>();
            for (ProductOrder p : s.productOrders.values()) {
                ZonedDateTime at = rangeDate(p, rangeType);
                if (at == null) {
                    continue;
                }
                long millis = at.toInstant().toEpochMilli();
                if (millis < fromMillis || millis > toMillis
                        || (!statuses.isEmpty() && !statuses.contains(p.status))
                        || (placeOrder != null && !placeOrder.equals(p.placeOrderStatus))) {
                    continue;
                }
                hits.put(new ChangeKey(millis, p.productOrderId), p);
            }
            List<ProductOrder> all = new ArrayList<>(hits.values());
            int start = (int) Math.min((long) (page - 1) * size, all.size());
            int end = Math.min(start + size, all.size());
            for (ProductOrder p : all.subList(start, end)) {
                ObjectNode c = contents.addObject();
                c.put("productOrderId", p.productOrderId);
                c.set("content", details.render(s, p, compatible));
            }
            hasNext = end < all.size();
        }
        ObjectNode data = JSON.createObjectNode();
        data.set("contents", contents);
        ObjectNode pagination = data.putObject("pagination");
        pagination.put("page", page);
        pagination.put("size", size);
        pagination.put("hasNext", hasNext);
        return NaverReplies.ok(data, traceId);
    }

    private static ZonedDateTime rangeDate(ProductOrder p, String rangeType) {
        return switch (rangeType) {
            case "PAYED_DATETIME" -> p.order.paymentDate;
            case "ORDERED_DATETIME" -> p.order.orderDate;
            case "DISPATCHED_DATETIME" -> p.status.equals("DELIVERING") ? p.sendDate : null;
            case "GIFT_RECEIVED_DATETIME" -> p.order.giftReceivedDate;
            case "CLAIM_REQUESTED_DATETIME" -> p.claim == null ? null : p.claim.requested;
            case "CLAIM_COMPLETED_DATETIME" -> p.claim == null ? null : p.claim.completed;
            case "COLLECT_COMPLETED_DATETIME" -> p.claim == null ? null : p.claim.collected;
            default -> null; // nothing in the simulator reaches the other events
        };
    }
}
