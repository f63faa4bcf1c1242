package io.marketbridge.marketplace.lotteon;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.intake.PollState;
import io.marketbridge.intake.SlicePaging;
import io.marketbridge.intake.WindowSlicer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lotte ON's state in one poll: the one-day slices still to read (no paging within one), the rows read by odNo and
 * line key, and the lines each IfComplete call of the confirmation carried, by odNo.
 */
public final class LotteonPoll implements PollState {

    final SlicePaging<Void> slices;
    final Map<String, Map<String, JsonNode>> rowsByOrder = new LinkedHashMap<>();
    final Map<String, List<String>> confirming = new LinkedHashMap<>();

    LotteonPoll(List<WindowSlicer.Slice> slices) {
        this.slices = new SlicePaging<>(slices);
    }

    @Override
    public boolean hasNext() {
        return slices.hasNext();
    }
}
