package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.JSON;
import static io.marketbridge.simulator.coupang.CoupangReplies.badRequest;
import static io.marketbridge.simulator.coupang.CoupangSimulator.UNKNOWN_FIELD;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.coupang.CoupangClaim.Kind;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET v4 exchangeRequests (coupang.md 1.3): a vendor's exchanges created within createdAtFrom..createdAtTo
 * (yyyy-MM-ddTHH:mm:ss, KST), optionally of one status (RECEIPT, PROGRESS, SUCCESS, REJECT) or one orderId; the
 * window limit (31 days) and paging (maxPerPage at most 50, nextToken) follow returnRequests, which coupang.md
 * documents; it does not document them for exchanges. Exchanges the buyer withdrew are not listed.
 */
final class CoupangExchangeRequests implements CoupangResource {

    private static final Pattern PATH = Pattern.compile(API + "/v4/vendors/([^/]+)/exchangeRequests");
    private static final List<String> STATUSES = List.of("RECEIPT", "PROGRESS", "SUCCESS", "REJECT");
    private static final int PAGE = 50;

    private final CoupangClaims claims;

    CoupangExchangeRequests(CoupangClaims claims) {
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
        LocalDateTime from = parse(q.get("createdAtFrom"));
        LocalDateTime to = parse(q.get("createdAtTo"));
        if (from == null || to == null) {
            return badRequest("createdAtFrom and createdAtTo are required as yyyy-MM-ddTHH:mm:ss");
        }
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from.toLocalDate(), to.toLocalDate()) > 31) {
            return badRequest("조회 기간이 올바르지 않습니다. (at most 31 days, createdAtTo not before createdAtFrom)");
        }
        String status = q.get("status");
        if (status != null && !STATUSES.contains(status)) {
            return badRequest("status must be one of " + STATUSES);
        }
        int max = PAGE;
        long after = 0;
        long orderId = -1;
        try {
            if (q.get("maxPerPage") != null) {
                max = Math.max(1, Math.min(PAGE, Integer.parseInt(q.get("maxPerPage"))));
            }
            if (q.get("nextToken") != null && !q.get("nextToken").isEmpty()) {
                after = Long.parseLong(q.get("nextToken"));
            }
            if (q.get("orderId") != null) {
                orderId = Long.parseLong(q.get("orderId"));
            }
        } catch (NumberFormatException e) {
            return badRequest("maxPerPage, nextToken and orderId must be numbers");
        }
        ArrayNode data = JSON.createArrayNode();
        long last = 0;
        boolean more = false;
        for (CoupangClaim c : claims.after(vendor, after)) {
            synchronized (c) {
                LocalDateTime created = c.createdAt.toLocalDateTime();
                if (c.kind != Kind.EXCHANGE || c.withdrawn || created.isBefore(from) || created.isAfter(to)
                        || (status != null && !status.equals(c.status)) || (orderId >= 0 && c.orderId != orderId)) {
                    continue;
                }
                if (data.size() == max) {
                    more = true;
                    break;
                }
                data.add(c.renderExchange());
                last = c.receiptId;
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("code", 200);
        root.put("message", "OK");
        root.set("data", data);
        root.put("nextToken", more ? String.valueOf(last) : "");
        root.put(UNKNOWN_FIELD, "exchangeRequests");
        return SimReply.json(200, root.toString());
    }

    private static LocalDateTime parse(String value) {
        if (value == null || !value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}")) {
            return null;
        }
        try {
            return LocalDateTime.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
