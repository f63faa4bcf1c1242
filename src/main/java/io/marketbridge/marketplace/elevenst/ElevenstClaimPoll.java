package io.marketbridge.marketplace.elevenst;

import io.marketbridge.intake.PollState;
import io.marketbridge.intake.WindowSlicer;
import io.marketbridge.marketplace.elevenst.ElevenstClaimMapper.ClaimList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * 11st's state in one claims poll: the list calls still to make (each of the nine claim lists over each slice of at
 * most 30 days; no paging within one, a full answer is read again as two halves of its slice) and the rows read.
 */
public final class ElevenstClaimPoll implements PollState {

    /** One call: a claim list over one slice. */
    record ListCall(ClaimList list, WindowSlicer.Slice slice) {
    }

    /** One row read, with the list it came from. */
    record ListRow(ClaimList list, Map<String, String> row) {
    }

    final Deque<ListCall> calls = new ArrayDeque<>();
    final List<ListRow> rows = new ArrayList<>();
    int callsMade;
    int halvings;

    /** Every list over every slice, slice by slice (oldest first), the lists in their fixed order. */
    ElevenstClaimPoll(List<WindowSlicer.Slice> slices) {
        for (WindowSlicer.Slice slice : slices) {
            for (ClaimList list : ClaimList.values()) {
                calls.add(new ListCall(list, slice));
            }
        }
    }

    /** The call being made. */
    ListCall call() {
        return calls.peekFirst();
    }

    /** The call's answer was full: read its slice again as these parts, the first of them next. */
    void replaceCall(List<WindowSlicer.Slice> parts) {
        ListCall full = calls.pollFirst();
        for (int i = parts.size() - 1; i >= 0; i--) {
            calls.addFirst(new ListCall(full.list(), parts.get(i)));
        }
        halvings++;
    }

    void callDone() {
        calls.pollFirst();
        callsMade++;
    }

    @Override
    public boolean hasNext() {
        return !calls.isEmpty();
    }
}
