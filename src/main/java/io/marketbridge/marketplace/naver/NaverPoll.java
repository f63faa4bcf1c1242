package io.marketbridge.marketplace.naver;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.intake.PollState;
import io.marketbridge.intake.SlicePaging;
import io.marketbridge.intake.WindowSlicer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Naver's state in one poll, in two phases: the change feed (slices of at most 24 hours, the `more` position
 * within one), then the details of the changed product orders, {@value NaverOrders#QUERY_CHUNK} per query.
 */
public final class NaverPoll implements PollState {

    /** Where the feed goes on within a slice: its `more` answer. */
    record More(String from, String sequence) {
    }

    final SlicePaging<More> feed;
    final Set<String> productOrderIds = new LinkedHashSet<>();
    final List<String> toQuery = new ArrayList<>();
    int queried;
    final Map<String, List<JsonNode>> detailsByOrder = new LinkedHashMap<>();

    NaverPoll(List<WindowSlicer.Slice> slices) {
        this.feed = new SlicePaging<>(slices);
    }

    /** Feed pages first, then detail queries until every collected product order was read. */
    @Override
    public boolean hasNext() {
        return feed.hasNext() || queried < toQuery.size();
    }

    /** True while the feed has pages left: the next call is a feed page, else a detail query. */
    boolean readingFeed() {
        return feed.hasNext();
    }

    /** The product orders of the next detail query. */
    List<String> nextChunk() {
        return toQuery.subList(queried, Math.min(toQuery.size(), queried + NaverOrders.QUERY_CHUNK));
    }
}
