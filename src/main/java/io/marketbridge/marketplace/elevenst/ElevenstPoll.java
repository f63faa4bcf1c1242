package io.marketbridge.marketplace.elevenst;

import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.PollState;
import io.marketbridge.intake.SlicePaging;
import io.marketbridge.intake.WindowSlicer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 11st's state in one poll: the slices still to read (no paging within one: a full answer is read again as two
 * halves), the rows read (by ordNo, then ordPrdSeq) and by bundle, and the confirmation answers per bundle.
 */
public final class ElevenstPoll implements PollState {

    final SlicePaging<Void> slices;
    final Map<String, Map<String, Map<String, String>>> rowsByOrder = new LinkedHashMap<>();
    final Map<String, List<Map<String, String>>> rowsByBundle = new LinkedHashMap<>();
    List<String> bundles = List.of();
    final Map<String, List<Confirmations.Answer>> answers = new LinkedHashMap<>();
    int halvings;

    ElevenstPoll(List<WindowSlicer.Slice> slices) {
        this.slices = new SlicePaging<>(slices);
    }

    @Override
    public boolean hasNext() {
        return slices.hasNext();
    }
}
