package io.marketbridge.marketplace.elevenst;

import static io.marketbridge.marketplace.elevenst.ElevenstXml.value;

import io.marketbridge.claim.Claim;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.config.Account;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.WindowSlicer;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.elevenst.ElevenstClaimMapper.ClaimList;
import io.marketbridge.order.Marketplace;
import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 11st steps of the claims poll (route elevenst-claims, the claim-poll template): the nine claimservice lists
 * (cancel requested / completed / withdrawn, the same for returns and exchanges), each over slices of at most 30 days
 * ({@code /rest/claimservice/{list}/{yyyyMMddHHmm}/{yyyyMMddHHmm}}, KST minutes, both ends inclusive; -28008 is a
 * window over 30 days). No paging: an answer of orders.max-rows rows may have been cut off, so that list is read
 * again over the two halves of its slice. Each call goes through route elevenst-api, under the account's
 * rate-per-second like the order poll's calls.
 */
public class ElevenstClaims {

    private static final Logger LOG = LoggerFactory.getLogger(ElevenstClaims.class);
    /** At most 30 days a query, both ends inclusive (KST minutes): the end minute is read up to its last second. */
    static final WindowSlicer WINDOW = WindowSlicer.of(ChronoUnit.MINUTES, Duration.ofDays(30).minusMinutes(1),
            WindowSlicer.Boundary.NEXT_GRAIN);

    private final IntakeErrors intakeErrors;

    public ElevenstClaims(IntakeErrors intakeErrors) {
        this.intakeErrors = intakeErrors;
    }

    /** Cuts the poll's window into slices of at most 30 days, each to be read from all nine lists. */
    public void startPaging(@ExchangeProperty(PollContext.PROPERTY) PollContext<ElevenstClaimPoll> poll) {
        poll.start(new ElevenstClaimPoll(poll.isSkipped() ? List.of() : WINDOW.slices(poll.getWindowFrom(), poll.getWindowTo())));
    }

    public ApiRequest nextPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<ElevenstClaimPoll> poll) {
        return request(poll.state().call());
    }

    static ApiRequest request(ElevenstClaimPoll.ListCall call) {
        String s = call.slice().from(ElevenstOrders.MINUTE);
        String e = call.slice().to(ElevenstOrders.MINUTE);
        return ApiRequest.get("/rest/claimservice/" + call.list().path() + "/" + s + "/" + e, "",
                "claim list " + call.list().path() + " " + s + ".." + e);
    }

    /** Keeps the list's rows, or, when the answer is full, asks that list again for each half of the slice. */
    public void readPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<ElevenstClaimPoll> poll,
                         @Body ElevenstXml.Answer answer) {
        ElevenstClaimPoll state = poll.state();
        ElevenstClaimPoll.ListCall call = state.call();
        int cap = poll.getAccount().integer(ElevenstConnector.MAX_ROWS);
        List<Map<String, String>> rows = answer.rows();
        if (rows.size() >= cap) {
            List<WindowSlicer.Slice> halves = WINDOW.halves(call.slice());
            if (!halves.isEmpty()) {
                state.replaceCall(halves);
                LOG.info("account={} job={} 11st returned {} rows (the cap) from {} for {}..{}: reading it again as two"
                        + " halves", poll.getAccountId(), poll.getJob(), rows.size(), call.list().path(),
                        call.slice().from(ElevenstOrders.MINUTE), call.slice().to(ElevenstOrders.MINUTE));
                return;
            }
            LOG.warn("account={} job={} 11st returned {} rows (the cap) from {} for the single minute {}: rows beyond"
                    + " the cap cannot be read by time and may be missing", poll.getAccountId(), poll.getJob(), rows.size(),
                    call.list().path(), call.slice().from(ElevenstOrders.MINUTE));
        }
        state.callDone();
        poll.addFetched(rows.size());
        for (Map<String, String> row : rows) {
            state.rows.add(new ElevenstClaimPoll.ListRow(call.list(), row));
        }
    }

    /** Maps every row read; one that cannot be mapped goes to MB_INTAKE_ERROR and the rest go on. */
    public void mapCollected(@ExchangeProperty(PollContext.PROPERTY) PollContext<ElevenstClaimPoll> poll) throws SQLException {
        ElevenstClaimPoll state = poll.state();
        for (ElevenstClaimPoll.ListRow r : state.rows) {
            intakeErrors.mapClaimsInto(poll, Marketplace.ELEVENST, reference(r.list(), r.row()),
                    () -> List.of(ElevenstClaimMapper.map(poll.getAccountId(), r.list(), r.row())),
                    () -> ElevenstClaimMapper.raw(r.list(), r.row()));
        }
        state.rows.clear();
    }

    /** The MB_INTAKE_ERROR reference of a row: its claim number, line and list (fields may be missing). */
    static String reference(ClaimList list, Map<String, String> row) {
        String number = value(row, list.type() == ClaimType.CANCEL ? "ordPrdCnSeq" : "clmReqSeq");
        return (number != null ? number : value(row, "ordNo")) + "/" + value(row, "ordPrdSeq") + "/" + list.path();
    }

    /** Re-maps a stored raw payload ({"list": ..., "row": {...}}) for a replay. */
    public static List<Claim> mapRaw(Account account, String rawPayload) {
        return List.of(ElevenstClaimMapper.mapRaw(account.id(), rawPayload));
    }
}
