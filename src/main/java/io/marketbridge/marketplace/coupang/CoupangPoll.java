package io.marketbridge.marketplace.coupang;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.intake.PollState;
import io.marketbridge.intake.SlicePaging;
import io.marketbridge.intake.WindowSlicer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Coupang's state in one poll: the window's daily-mode slices and the nextToken within one, the sheets read (by
 * orderId), and, once acknowledged, the re-read of the boxes ({@link CoupangRereads.State}).
 */
public final class CoupangPoll implements PollState {

    final SlicePaging<String> pages;
    final Map<String, List<JsonNode>> sheetsByOrder = new LinkedHashMap<>();
    CoupangRereads.State rereads;

    CoupangPoll(List<WindowSlicer.Slice> slices) {
        this.pages = new SlicePaging<>(slices);
    }

    @Override
    public boolean hasNext() {
        return pages.hasNext();
    }

    /** The re-read after acknowledging, once started. */
    public CoupangRereads.State getRereads() {
        return rereads;
    }
}
