package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.JSON;
import static io.marketbridge.simulator.coupang.CoupangReplies.badRequest;
import static io.marketbridge.simulator.coupang.CoupangReplies.page;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.coupang.CoupangClaim.Kind;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET v4 returnWithdrawRequests: the return receipts (stop-shipment requests included) the buyers withdrew, by the
 * day of the withdrawal, dateFrom..dateTo (yyyy-MM-dd, both included, at most 7 days), pageIndex (from 1) and
 * sizePerPage (default 10, at most 100), nextPageIndex "" on the last page. coupang.md does not list this call;
 * the shape follows Coupang's article "반품철회 이력 기간별 조회" (cancelId is the receiptId).
 */
final class CoupangReturnWithdrawRequests implements CoupangResource {

    private static final Pattern PATH = Pattern.compile(API + "/v4/vendors/([^/]+)/returnWithdrawRequests");
    private static final int MAX_DAYS = 7;

    private final CoupangClaims claims;

    CoupangReturnWithdrawRequests(CoupangClaims claims) {
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
        if (q.get("dateFrom") == null || q.get("dateTo") == null) {
            return badRequest("Required String parameter '" + (q.get("dateFrom") == null ? "dateFrom" : "dateTo") + "' is not present");
        }
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(q.get("dateFrom"));
            to = LocalDate.parse(q.get("dateTo"));
        } catch (DateTimeParseException e) {
            return badRequest("날짜입력을 확인해 주세요. (형식:yyyy-MM-dd) [Please confirm the date input (format:yyyy-MM-dd)]");
        }
        if (to.isBefore(from)) {
            return badRequest("종료일자는 시작일자보다 작거나 같아야 합니다.");
        }
        if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            return badRequest("최대 조회 기간은 7 일 입니다.(The maximum view duration is 7 days)");
        }
        int page;
        int size;
        try {
            page = Integer.parseInt(q.getOrDefault("pageIndex", "1"));
            size = Integer.parseInt(q.getOrDefault("sizePerPage", "10"));
        } catch (NumberFormatException e) {
            return badRequest("pageIndex and sizePerPage must be numbers");
        }
        if (page <= 0) {
            return badRequest("pageindex 는 음수 또는 0 일 수 없습니다. (pageindex can not be negative or 0)");
        }
        if (size <= 0 || size > 100) {
            return badRequest("페이지별 최대 표시 갯수(sizePerPage)는 100 입니다. (The maximum number of indications per page (sizePerPage) is 100)");
        }
        ArrayNode data = JSON.createArrayNode();
        int skip = (page - 1) * size;
        boolean more = false;
        for (CoupangClaim c : claims.after(vendor, 0)) {
            synchronized (c) {
                if (c.kind != Kind.RETURN || !c.withdrawn) {
                    continue;
                }
                LocalDate day = c.withdrawnAt.toLocalDate();
                if (day.isBefore(from) || day.isAfter(to)) {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                    continue;
                }
                if (data.size() == size) {
                    more = true;
                    break;
                }
                data.add(c.renderWithdrawal());
            }
        }
        return page(data, "nextPageIndex", more ? String.valueOf(page + 1) : "", "returnWithdrawRequests");
    }
}
