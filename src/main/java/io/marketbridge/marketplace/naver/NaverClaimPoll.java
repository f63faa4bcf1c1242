package io.marketbridge.marketplace.naver;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.intake.PollState;
import io.marketbridge.intake.SlicePaging;
import io.marketbridge.intake.WindowSlicer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Naver's state in one claims poll, in two phases like the order poll's ({@link NaverPoll}): the change feed
 * (slices of at most 24 hours, the `more` position within one), collecting the claim changes per product order,
 * then the details of those product orders, {@value NaverOrders#QUERY_CHUNK} per query, as claim records.
 */
public final class NaverClaimPoll implements PollState {

    final SlicePaging<NaverPoll.More> feed;
    /** productOrderId -> its claim changes in the window, in feed order; the keys are the product orders to read. */
    final Map<String, List<JsonNode>> changes = new LinkedHashMap<>();
    final List<String> toQuery = new ArrayList<>();
    int queried;
    /** One claim record per product order read ({@link NaverClaimMapper#record}). */
    final List<JsonNode> records = new ArrayList<>();

    NaverClaimPoll(List<WindowSlicer.Slice> slices) {
        this.feed = new SlicePaging<>(slices);
    }

    /** Feed pages first, then detail queries until every product order with a claim change was read. */
    @Override
    public boolean hasNext() {
        return feed.hasNext() || queried < toQuery.size();
    }

    boolean readingFeed() {
        return feed.hasNext();
    }

    /** The product orders of the next detail query. */
    List<String> nextChunk() {
        return toQuery.subList(queried, Math.min(toQuery.size(), queried + NaverOrders.QUERY_CHUNK));
    }
}
