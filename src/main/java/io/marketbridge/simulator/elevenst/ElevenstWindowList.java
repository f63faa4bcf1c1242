package io.marketbridge.simulator.elevenst;

import static io.marketbridge.simulator.elevenst.ElevenstStore.SEOUL;

import io.marketbridge.simulator.SimReply;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The list calls over a time window, /{start}/{end} in yyyyMMddHHmm: ordservices/complete (paid lines, 202, by
 * payment time) and ordservices/packaging (confirmed lines, 301, by confirmation time). At most 7 days, at most
 * max-rows rows and no paging; each list has its own result codes for a bad start, a bad end and a too long window.
 */
final class ElevenstWindowList implements ElevenstResource {

    private final String operation;
    private final String stat;
    private final int badStart;
    private final int badEnd;
    private final int tooLong;
    private final int maxRows;
    private final ElevenstStore store;
    private final ElevenstReplies replies;

    private ElevenstWindowList(String operation, String stat, int badStart, int badEnd, int tooLong, int maxRows,
                               ElevenstStore store, ElevenstReplies replies) {
        this.operation = operation;
        this.stat = stat;
        this.badStart = badStart;
        this.badEnd = badEnd;
        this.tooLong = tooLong;
        this.maxRows = maxRows;
        this.store = store;
        this.replies = replies;
    }

    /** ordservices/complete/{start}/{end}: paid orders (202). */
    static ElevenstWindowList paid(int maxRows, ElevenstStore store, ElevenstReplies replies) {
        return new ElevenstWindowList("ordservices/complete", "202", -3103, -3104, -3105, maxRows, store, replies);
    }

    /** ordservices/packaging/{start}/{end}: confirmed orders waiting to ship (301). */
    static ElevenstWindowList packaging(int maxRows, ElevenstStore store, ElevenstReplies replies) {
        return new ElevenstWindowList("ordservices/packaging", "301", -3303, -3304, -3305, maxRows, store, replies);
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
        store.countListCall();
        LocalDateTime from = ElevenstResource.minute(args[0]);
        if (from == null) {
            return replies.list(badStart, "검색 시작일의 형식이 올바르지 않습니다. (yyyyMMddHHmm)");
        }
        LocalDateTime to = ElevenstResource.minute(args[1]);
        if (to == null || to.isBefore(from)) {
            return replies.list(badEnd, "검색 종료일의 형식이 올바르지 않거나 시작일보다 이전입니다. (yyyyMMddHHmm)");
        }
        if (to.isAfter(from.plusDays(7))) {
            return replies.list(tooLong, "검색 기간은 최대 7일까지 가능합니다.");
        }
        ZonedDateTime lo = from.atZone(SEOUL);
        ZonedDateTime hi = to.atZone(SEOUL).plusMinutes(1); // the end minute is read to its last second
        List<String> rows = new ArrayList<>();
        synchronized (s) {
            List<ElevenstOrder> orders = new ArrayList<>(s.orders.values());
            orders.sort(Comparator.comparing(o -> o.paidAt));
            for (ElevenstOrder o : orders) {
                for (ElevenstLine l : o.lines.values()) {
                    ZonedDateTime at = stat.equals("202") ? o.paidAt : l.confirmedAt;
                    if (l.stat.equals(stat) && at != null && !at.isBefore(lo) && at.isBefore(hi)) {
                        rows.add(ElevenstOrderRow.xml(o, l, false, stat.equals("301")));
                    }
                }
            }
        }
        if (rows.size() > maxRows) {
            rows = rows.subList(0, maxRows); // no paging at 11st: the rest is simply not there
        }
        return replies.rows(rows);
    }
}
