package io.marketbridge.marketplace.qoo10;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.intake.PollState;
import io.marketbridge.intake.WindowSlicer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Qoo10's state in one claims poll: the GetClaimInfo_V3 calls still to make (one per JST slice and ClaimStat), the
 * claim rows read, and then the reads of recorded open claims Qoo10 no longer lists (one per orderNo).
 */
public final class Qoo10ClaimPoll implements PollState {

    /** One list call: a slice, a ClaimStat and the search_condition it is read by. */
    record ListCall(WindowSlicer.Slice slice, String stat, String condition) {
    }

    /** A recorded open claim to read again: its last listed row. */
    record OpenClaim(String claimId, JsonNode row) {
    }

    final Deque<ListCall> lists = new ArrayDeque<>();
    /** claim id + ClaimStat -> the row (read twice at a slice boundary or by two conditions: kept once). */
    final Map<String, JsonNode> rows = new LinkedHashMap<>();
    /** Claim ids seen in this poll's lists. */
    final java.util.Set<String> listed = new java.util.HashSet<>();
    /** Filled once the lists are read (null until then): the open claims to read by orderNo. */
    Deque<OpenClaim> reads;
    /** The settled claims (withdrawn, rejected) found by those reads. */
    final java.util.List<io.marketbridge.claim.Claim> settled = new java.util.ArrayList<>();

    @Override
    public boolean hasNext() {
        return !lists.isEmpty() || reads != null && !reads.isEmpty();
    }
}
