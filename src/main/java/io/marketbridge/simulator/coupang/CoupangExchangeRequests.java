package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.JSON;
import static io.marketbridge.simulator.coupang.CoupangReplies.badRequest;
import static io.marketbridge.simulator.coupang.CoupangReplies.page;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.coupang.CoupangClaim.Kind;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET v4 exchangeRequests (coupang.md 1.3): a vendor's exchanges created within createdAtFrom..createdAtTo
 * (yyyy-MM-ddTHH:mm:ss, KST), optionally of one status (RECEIPT, PROGRESS, SUCCESS, REJECT, CANCEL) or one orderId.
 * coupang.md gives no window limit or paging for this list; Coupang's own article on it says at most 7 days, with
 * nextToken and maxPerPage (here at most 50, as returnRequests). An exchange the buyer withdrew stays listed with
 * exchangeStatus CANCEL (철회), as that article's status table has it.
 */
final class CoupangExchangeRequests implements CoupangResource {

    private static final Pattern PATH = Pattern.compile(API + "/v4/vendors/([^/]+)/exchangeRequests");
    private static final List<String> STATUSES = List.of("RECEIPT", "PROGRESS", "SUCCESS", "REJECT", "CANCEL");
    private static final int PAGE = 50;
    static final Duration MAX_WINDOW = Duration.ofDays(7);

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
        if (to.isBefore(from) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            return badRequest("조회 기간이 올바르지 않습니다. (at most 7 days, createdAtTo not before createdAtFrom)");
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
                String shown = c.withdrawn ? "CANCEL" : c.status;
                if (c.kind != Kind.EXCHANGE || created.isBefore(from) || created.isAfter(to)
                        || (status != null && !status.equals(shown)) || (orderId >= 0 && c.orderId != orderId)) {
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
        return page(data, "nextToken", more ? String.valueOf(last) : "", "exchangeRequests");
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
