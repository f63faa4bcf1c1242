package io.marketbridge.marketplace.coupang;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.intake.PollState;
import io.marketbridge.intake.WindowSlicer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coupang's state in one claims poll: the list reads still to make (each one list, one status or cancelType, one
 * slice of the window), the page cursor of the read under way (a nextToken, or a withdrawal list's pageIndex), and
 * what was read: receipts and exchanges (one entry per id and status) and withdrawals.
 */
public final class CoupangClaimPoll implements PollState {

    /** The lists read (coupang.md 1.8 and 1.3). */
    enum ListKind {
        /** v6 returnRequests, cancelType=RETURN, one status (RU, UC, PR, CC). */
        RETURNS,
        /** v6 returnRequests, cancelType=CANCEL (no status, no orderId). */
        CANCELS,
        /** v4 exchangeRequests. */
        EXCHANGES,
        /** v4 returnWithdrawRequests, by the day of the withdrawal. */
        WITHDRAWALS
    }

    /** One list read over one slice; {@code status} is the returnRequests status for RETURNS, else null. */
    record ListRead(ListKind kind, String status, WindowSlicer.Slice slice) {
    }

    private final Deque<ListRead> reads;
    private String cursor;
    final Map<String, JsonNode> receipts = new LinkedHashMap<>();
    final Map<String, JsonNode> exchanges = new LinkedHashMap<>();
    final List<JsonNode> withdrawals = new ArrayList<>();
    /** Entries without the id they are keyed by: mapped (and refused) as they are. */
    final List<JsonNode> unkeyed = new ArrayList<>();

    CoupangClaimPoll(Collection<ListRead> reads) {
        this.reads = new ArrayDeque<>(reads);
    }

    @Override
    public boolean hasNext() {
        return !reads.isEmpty();
    }

    /** The read under way. */
    ListRead read() {
        return reads.peekFirst();
    }

    /** The cursor to the read's next page; null on its first page. */
    String cursor() {
        return cursor;
    }

    void nextPage(String next) {
        cursor = next;
    }

    void readDone() {
        reads.pollFirst();
        cursor = null;
    }

    /** The reads left, for tests and logs. */
    List<ListRead> reads() {
        return List.copyOf(reads);
    }
}
