package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.JSON;
import static io.marketbridge.simulator.coupang.CoupangReplies.badRequest;
import static io.marketbridge.simulator.coupang.CoupangReplies.page;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.coupang.CoupangClaim.Kind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET v6 returnRequests (coupang.md 1.8): cancel and return receipts of a vendor, by creation date (yyyy-MM-dd) or,
 * with searchType=timeFrame, by minute (yyyy-MM-ddTHH:mm), a window of at most 31 days; cancelType RETURN (the
 * default) with status RU / UC / CC / PR or an orderId, or cancelType CANCEL for orders cancelled while ACCEPT;
 * pages of maxPerPage (default and at most 50) with nextToken in day mode only. GET v6 returnRequests/{receiptId}
 * reads one return receipt (not a cancel receipt). Receipts the buyer withdrew are not listed.
 */
final class CoupangReturnRequests implements CoupangResource {

    private static final Pattern PATH = Pattern.compile(API + "/v6/vendors/([^/]+)/returnRequests(?:/([^/]+))?");
    private static final List<String> STATUSES = List.of("RU", "UC", "CC", "PR");
    private static final int PAGE = 50;

    private final CoupangClaims claims;

    CoupangReturnRequests(CoupangClaims claims) {
        this.claims = claims;
    }

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public SimReply answer(String vendor, Matcher path, Map<String, String> q, HttpExchange http) {
        if (path.group(2) != null) {
            return one(vendor, path.group(2));
        }
        boolean minutes = "timeFrame".equals(q.get("searchType"));
        if (q.get("searchType") != null && !minutes) {
            return badRequest("searchType must be timeFrame or absent");
        }
        LocalDateTime from = parse(q.get("createdAtFrom"), minutes, false);
        LocalDateTime to = parse(q.get("createdAtTo"), minutes, true);
        if (from == null || to == null) {
            return badRequest("createdAtFrom and createdAtTo are required as " + (minutes ? "yyyy-MM-ddTHH:mm" : "yyyy-MM-dd"));
        }
        if (to.isBefore(from)) {
            return badRequest("createdAtTo must not be before createdAtFrom");
        }
        if (ChronoUnit.DAYS.between(from.toLocalDate(), to.toLocalDate()) > 31) {
            return badRequest("조회 기간은 31일을 초과할 수 없습니다. (endTime-startTime range should less than31.)");
        }
        String cancelType = q.getOrDefault("cancelType", "RETURN");
        if (!cancelType.equals("RETURN") && !cancelType.equals("CANCEL")) {
            return badRequest("cancelType must be RETURN or CANCEL");
        }
        String status = q.get("status");
        String orderId = q.get("orderId");
        if (cancelType.equals("CANCEL") && (status != null || orderId != null)) {
            return badRequest("cancelType=CANCEL lists cancelled orders: omit status and orderId");
        }
        if (status != null && !STATUSES.contains(status)) {
            return badRequest("status must be one of " + STATUSES);
        }
        if (cancelType.equals("RETURN") && status == null && (orderId == null || orderId.isBlank())) {
            return badRequest("orderId is required when status is absent");
        }
        long wantedOrder;
        try {
            wantedOrder = orderId == null ? -1 : Long.parseLong(orderId);
        } catch (NumberFormatException e) {
            return badRequest("orderId must be a number");
        }
        int max = PAGE;
        long after = 0;
        try {
            if (!minutes && q.get("maxPerPage") != null) {
                max = Math.max(1, Math.min(PAGE, Integer.parseInt(q.get("maxPerPage"))));
            }
            if (!minutes && q.get("nextToken") != null && !q.get("nextToken").isEmpty()) {
                after = Long.parseLong(q.get("nextToken"));
            }
        } catch (NumberFormatException e) {
            return badRequest("maxPerPage and nextToken must be numbers");
        }
        Kind kind = cancelType.equals("CANCEL") ? Kind.CANCEL : Kind.RETURN;
        ArrayNode data = JSON.createArrayNode();
        long last = 0;
        boolean more = false;
        for (CoupangClaim c : claims.after(vendor, after)) {
            ObjectNode item;
            synchronized (c) {
                LocalDateTime created = c.createdAt.toLocalDateTime();
                if (c.kind != kind || c.withdrawn || created.isBefore(from) || created.isAfter(to)
                        || (status != null && !status.equals(c.statusCode()))
                        || (wantedOrder >= 0 && c.orderId != wantedOrder)) {
                    continue;
                }
                if (!minutes && data.size() == max) {
                    more = true;
                    break;
                }
                item = c.renderReturn(claims.requester(c));
            }
            data.add(item);
            last = c.receiptId;
        }
        return page(data, "nextToken", more ? String.valueOf(last) : "", "returnRequests");
    }

    private SimReply one(String vendor, String id) {
        CoupangClaim c;
        try {
            c = claims.claim(vendor, Long.parseLong(id));
        } catch (NumberFormatException e) {
            return badRequest("receiptId must be a number");
        }
        if (c == null || c.kind != Kind.RETURN) {
            return badRequest("반품 접수 건을 찾을 수 없습니다. (receiptId: " + id + ")");
        }
        ObjectNode root = JSON.createObjectNode();
        synchronized (c) {
            if (c.withdrawn) {
                return badRequest("고객이 철회한 접수 건입니다. (receiptId: " + id + ")");
            }
            root.put("code", 200);
            root.put("message", "OK");
            root.set("data", c.renderReturn(claims.requester(c)));
        }
        return SimReply.json(200, root.toString());
    }

    /** A window end: yyyy-MM-dd (the whole day) or, in minute mode, yyyy-MM-ddTHH:mm (the whole minute). */
    static LocalDateTime parse(String value, boolean minutes, boolean end) {
        if (value == null) {
            return null;
        }
        try {
            if (minutes) {
                if (!value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}")) {
                    return null;
                }
                LocalDateTime t = LocalDateTime.parse(value);
                return end ? t.plusSeconds(59) : t;
            }
            if (!value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                return null;
            }
            LocalDate d = LocalDate.parse(value);
            return end ? d.atTime(23, 59, 59) : d.atStartOfDay();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
