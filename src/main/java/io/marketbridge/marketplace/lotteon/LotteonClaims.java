package io.marketbridge.marketplace.lotteon;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimStatus;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.config.Account;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.PollState;
import io.marketbridge.intake.WindowSlicer;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The Lotte ON steps of the claims poll (route lotteon-claims, the claim-poll template): returns. The return
 * instructions are rows of the same SellerDeliveryOrdersSearch (dvRtrvDvsCd RTRV, with clmNo and orglProcSeq), listed
 * by the time the return instruction was created and by step: each one-day slice is read at steps 23 (return
 * instruction), 24 (pickup in progress), 25 (picked up) and 26 (return confirmed). Because a return is listed by the
 * day it was created, not the day it moved, the window reaches back at least claims.follow-window to see each step
 * a return reaches. Lotte ON documents no list of cancellations: buyers cancel on their own before the seller's
 * IfComplete, and such a line simply never reaches the order poll.
 */
public class LotteonClaims {

    static final List<String> STEPS = List.of("23", "24", "25", "26");

    /** One claims poll: the (slice, step) searches still to make and the return rows read. */
    public static final class State implements PollState {
        record Call(WindowSlicer.Slice slice, String step) {
        }

        final Deque<Call> calls = new ArrayDeque<>();
        final List<JsonNode> rows = new ArrayList<>();

        @Override
        public boolean hasNext() {
            return !calls.isEmpty();
        }
    }

    private final IntakeErrors intakeErrors;

    public LotteonClaims(IntakeErrors intakeErrors) {
        this.intakeErrors = intakeErrors;
    }

    /** The window, reaching back at least claims.follow-window, in one-day slices, each read at every return step. */
    public void startPaging(@ExchangeProperty(PollContext.PROPERTY) PollContext<State> poll) {
        State state = new State();
        if (!poll.isSkipped()) {
            OffsetDateTime follow = poll.getWindowTo().minus(poll.getAccount().duration(LotteonConnector.CLAIMS_FOLLOW_WINDOW));
            OffsetDateTime from = poll.getWindowFrom().isBefore(follow) ? poll.getWindowFrom() : follow;
            for (WindowSlicer.Slice slice : LotteonOrders.WINDOW.slices(from, poll.getWindowTo())) {
                STEPS.forEach(step -> state.calls.add(new State.Call(slice, step)));
            }
        }
        poll.start(state);
    }

    public ApiRequest nextPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<State> poll) {
        State.Call call = poll.state().calls.peekFirst();
        return LotteonOrders.searchRequest(poll.getAccount(), call.slice(), call.step(), "return rows at step " + call.step());
    }

    public void readPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<State> poll, @Body JsonNode answer) {
        State state = poll.state();
        state.calls.pollFirst();
        JsonNode rows = LotteonOrders.rows(answer, "Lotte ON return rows for account " + poll.getAccountId());
        poll.addFetched(rows.size());
        for (JsonNode row : rows) {
            if ("RTRV".equals(JsonFields.text(row, "dvRtrvDvsCd"))) {
                state.rows.add(row);
            }
        }
    }

    /** Maps every return row; one that cannot be mapped goes to MB_INTAKE_ERROR and the rest go on. */
    public void mapCollected(@ExchangeProperty(PollContext.PROPERTY) PollContext<State> poll) throws SQLException {
        State state = poll.state();
        for (JsonNode row : state.rows) {
            intakeErrors.mapClaimsInto(poll, Marketplace.LOTTEON, "claimId:" + JsonFields.text(row, "clmNo") + "/"
                    + JsonFields.text(row, "odNo") + "-" + JsonFields.text(row, "odSeq") + "-" + JsonFields.text(row, "procSeq"),
                    () -> List.of(map(poll.getAccountId(), row)), row::toString);
        }
        state.rows.clear();
    }

    /**
     * One return row as a RETURN claim: clmNo, of order odNo, on the line it returns (odNo-odSeq-orglProcSeq), step 23
     * REQUESTED, 24 and 25 APPROVED (the pickup is under way), 26 COMPLETED.
     */
    static Claim map(String accountId, JsonNode row) {
        String clmNo = required(row, "clmNo");
        String odNo = required(row, "odNo");
        String odSeq = required(row, "odSeq");
        String orglProcSeq = JsonFields.blankToNull(JsonFields.text(row, "orglProcSeq"));
        String step = required(row, "odPrgsStepCd");
        ClaimStatus status = switch (step) {
            case "23" -> ClaimStatus.REQUESTED;
            case "24", "25" -> ClaimStatus.APPROVED;
            case "26" -> ClaimStatus.COMPLETED;
            default -> throw new MappingException("claim " + clmNo + ": odPrgsStepCd '" + step + "' is not a return step");
        };
        String qty = JsonFields.firstText(row, "odQty", "slQty");
        if (qty == null || !qty.trim().matches("[0-9]{1,6}") || Integer.parseInt(qty.trim()) <= 0) {
            throw new MappingException("claim " + clmNo + ": odQty is not a positive number");
        }
        String line = LotteonOrderMapper.lineId(odNo, odSeq, orglProcSeq == null ? "1" : orglProcSeq);
        return new Claim(Marketplace.LOTTEON, accountId, clmNo, odNo, ClaimType.RETURN, status, null, null, null, null, step,
                List.of(new ClaimLine(line, odNo, Integer.parseInt(qty.trim()))), row.toString());
    }

    private static String required(JsonNode row, String field) {
        String v = JsonFields.blankToNull(JsonFields.text(row, field));
        if (v == null) {
            throw new MappingException(field + " is missing");
        }
        return v.trim();
    }

    /** Re-maps a stored raw payload (one return row) for a replay. */
    public static List<Claim> mapRaw(Account account, String rawPayload) {
        List<Claim> claims = new ArrayList<>();
        for (JsonNode row : JsonFields.rawPayload(rawPayload)) {
            claims.add(map(account.id(), row));
        }
        return claims;
    }
}
