package io.marketbridge.marketplace.qoo10;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.PollState;
import io.marketbridge.intake.SlicePaging;
import io.marketbridge.intake.WindowSlicer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Qoo10's state in one poll: the JST slices still to read (no paging), the rows read by cart, and confirmation answers. */
public final class Qoo10Poll implements PollState {

    final SlicePaging<Void> slices;
    final Set<String> orderNos = new LinkedHashSet<>();
    /** packNo -> rows (v2 names). */
    final Map<String, List<JsonNode>> byCart = new LinkedHashMap<>();
    List<Confirmations.Answer> confirmAnswers = new ArrayList<>();

    Qoo10Poll(List<WindowSlicer.Slice> slices) {
        this.slices = new SlicePaging<>(slices);
    }

    @Override
    public boolean hasNext() {
        return slices.hasNext();
    }
}
