package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.JSON;
import static io.marketbridge.simulator.coupang.CoupangReplies.badRequest;
import static io.marketbridge.simulator.coupang.CoupangReplies.page;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.SimReply;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET v5 order sheets of a vendor in daily mode: one status, a window of at most 31 days of creation dates, pages of
 * at most 50 boxes in shipmentBoxId order with nextToken (the last box id of the page).
 */
final class CoupangOrderSheetList implements CoupangResource {

    private static final Pattern PATH = Pattern.compile(API + "/v5/vendors/([^/]+)/ordersheets");
    private static final Pattern DAY = Pattern.compile("([0-9]{4}-[0-9]{2}-[0-9]{2})\\+09:00");
    private static final List<String> STATUSES = List.of("ACCEPT", "INSTRUCT", "DEPARTURE", "DELIVERING", "FINAL_DELIVERY", "NONE_TRACKING");
    private static final int PAGE = 50;

    private final CoupangStore store;

    CoupangOrderSheetList(CoupangStore store) {
        this.store = store;
    }

    @Override
    public Pattern path() {
        return PATH;
    }

    @Override
    public String method() {
        return "GET";
    }

    /** An INSTRUCT list reads the boxes the client has just acknowledged. */
    @Override
    public boolean rereads(Map<String, String> query) {
        return "INSTRUCT".equals(query.get("status"));
    }

    @Override
    public SimReply answer(String vendor, Matcher path, Map<String, String> q, HttpExchange http) {
        store.countListCall(vendor);
        LocalDate from = day(q.get("createdAtFrom"));
        LocalDate to = day(q.get("createdAtTo"));
        if (from == null || to == null) {
            return badRequest("createdAtFrom and createdAtTo must look like yyyy-MM-dd+09:00 (sent as %2B09:00)");
        }
        if (q.get("searchType") != null) {
            return badRequest("searchType=" + q.get("searchType") + " is not served by this simulator (daily mode only)");
        }
        if (to.isBefore(from)) {
            return badRequest("createdAtTo must not be before createdAtFrom");
        }
        if (ChronoUnit.DAYS.between(from, to) > 31) {
            return badRequest("endTime-startTime range should less than31.");
        }
        String status = q.get("status");
        if (status == null || !STATUSES.contains(status)) {
            return badRequest("status is required: one of " + STATUSES);
        }
        store.countListCall(vendor, status);
        int max = PAGE;
        if (q.get("maxPerPage") != null) {
            try {
                max = Math.max(1, Math.min(PAGE, Integer.parseInt(q.get("maxPerPage"))));
            } catch (NumberFormatException e) {
                return badRequest("maxPerPage must be a number");
            }
        }
        long after = 0;
        if (q.get("nextToken") != null && !q.get("nextToken").isEmpty()) {
            try {
                after = Long.parseLong(q.get("nextToken"));
            } catch (NumberFormatException e) {
                return badRequest("nextToken is invalid");
            }
        }
        ArrayNode data = JSON.createArrayNode();
        long last = 0;
        boolean more = false;
        for (CoupangSheet s : store.boxesAfter(vendor, after)) {
            if (!s.status.equals(status) || s.createdDay.isBefore(from) || s.createdDay.isAfter(to)) {
                continue;
            }
            if (data.size() == max) {
                more = true;
                break;
            }
            data.add(s.render());
            last = s.boxId;
        }
        return page(data, "nextToken", more ? String.valueOf(last) : "", "list");
    }

    private static LocalDate day(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = DAY.matcher(value);
        return m.matches() ? LocalDate.parse(m.group(1)) : null;
    }
}
