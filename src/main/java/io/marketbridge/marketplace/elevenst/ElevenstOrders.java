package io.marketbridge.marketplace.elevenst;

import static io.marketbridge.marketplace.elevenst.ElevenstXml.value;

import io.marketbridge.config.Account;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.WindowSlicer;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.shipment.ShipmentStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 11st-specific steps of routes/elevenst.camel.yaml.
 *
 * <p>Orders: 11st's paid-order list ({@code /ordservices/complete/{start}/{end}}) has no paging: a window of at
 * most 7 days, at most 3,000 rows per answer. The poll's window is cut into slices of at most 7 days; a slice
 * whose answer is full (the cap) may have been cut off, so its rows are dropped and it is asked again as two
 * halves, down to a single minute. Bounds are KST minutes; both are inclusive (the end minute is read up to its
 * last second), and the next poll's overlap reads the boundary minute again (the intake ledger drops repeats).
 *
 * <p>Confirm (발주확인): MB_CONFIRMATION holds one row per bundle (dlvNo, the unit 11st ships by); 11st confirms
 * per line ({@code reqpackaging/{ordNo}/{ordPrdSeq}/{addPrdYn}/{addPrdNo}/{dlvNo}}), so a bundle is confirmed
 * when each of its lines is. -3206 (already confirmed) counts as confirmed.
 */
public class ElevenstOrders {

    private static final Logger LOG = LoggerFactory.getLogger(ElevenstOrders.class);
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    /** At most 7 days a query, both ends inclusive (KST minutes): the end minute is read up to its last second. */
    static final WindowSlicer WINDOW = WindowSlicer.of(ChronoUnit.MINUTES, Duration.ofDays(7).minusMinutes(1),
            WindowSlicer.Boundary.NEXT_GRAIN);
    /** Route variable: the line a reqpackaging call is about. */
    public static final String LINE_CALL = "lineCall";
    /** reqpackaging answers that mean the line is confirmed at 11st. */
    static final Set<Integer> CONFIRMED = Set.of(0, -3206);
    /** reqpackaging answers that are final: the line cannot be confirmed (cancelled, cancel requested, ...). */
    static final Set<Integer> REFUSED = Set.of(-3210, -3211, -3214);

    /** One reqpackaging call. */
    public record LineCall(String dlvNo, String ordNo, String ordPrdSeq, String addPrdYn, String addPrdNo) {
    }

    private final IntakeErrors intakeErrors;
    private final Confirmations confirmations;
    private final ShipmentStore shipmentStore;

    public ElevenstOrders(IntakeErrors intakeErrors, Confirmations confirmations, ShipmentStore shipmentStore) {
        this.intakeErrors = intakeErrors;
        this.confirmations = confirmations;
        this.shipmentStore = shipmentStore;
    }

    /** Cuts the poll's window into slices of at most 7 days (KST minutes, both ends inclusive). */
    public void startPaging(@ExchangeProperty(PollContext.PROPERTY) PollContext<ElevenstPoll> poll) {
        poll.start(new ElevenstPoll(poll.isSkipped() ? List.of() : WINDOW.slices(poll.getWindowFrom(), poll.getWindowTo())));
    }

    public ApiRequest nextPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<ElevenstPoll> poll) {
        WindowSlicer.Slice slice = poll.state().slices.slice();
        String s = slice.from(MINUTE);
        String e = slice.to(MINUTE);
        return ApiRequest.get("/rest/ordservices/complete/" + s + "/" + e, "", "paid orders " + s + ".." + e);
    }

    /** Keeps the slice's rows, or, when the answer is full, asks again for each half of the slice. */
    public void readPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<ElevenstPoll> poll,
                         @Body ElevenstXml.Answer answer) {
        ElevenstPoll state = poll.state();
        WindowSlicer.Slice slice = state.slices.slice();
        int cap = poll.getAccount().integer(ElevenstConnector.MAX_ROWS);
        List<Map<String, String>> rows = answer.rows();
        if (rows.size() >= cap) {
            List<WindowSlicer.Slice> halves = WINDOW.halves(slice);
            if (!halves.isEmpty()) {
                state.slices.replaceSlice(halves);
                state.halvings++;
                LOG.info("account={} job={} 11st returned {} rows (the cap) for {}..{}: reading it again as two halves",
                        poll.getAccountId(), poll.getJob(), rows.size(), slice.from(MINUTE), slice.to(MINUTE));
                return;
            }
            LOG.warn("account={} job={} 11st returned {} rows (the cap) for the single minute {}: rows beyond the"
                    + " cap cannot be read by time and may be missing", poll.getAccountId(), poll.getJob(), rows.size(),
                    slice.from(MINUTE));
        }
        state.slices.sliceDone();
        poll.addFetched(rows.size());
        int index = 0;
        for (Map<String, String> row : rows) {
            String ordNo = value(row, "ordNo");
            String seq = value(row, "ordPrdSeq");
            String key = ordNo == null ? "row:" + slice.from(MINUTE) + ":" + index : ordNo;
            state.rowsByOrder.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(seq == null ? "?" + index : seq, row);
            index++;
        }
    }

    /** Maps every collected order; one that cannot be mapped goes to MB_INTAKE_ERROR and the rest go on. */
    public void mapCollected(@ExchangeProperty(PollContext.PROPERTY) PollContext<ElevenstPoll> poll) throws SQLException {
        ElevenstPoll state = poll.state();
        for (Map.Entry<String, Map<String, Map<String, String>>> group : state.rowsByOrder.entrySet()) {
            List<Map<String, String>> rows = new ArrayList<>(group.getValue().values());
            for (Map<String, String> row : rows) {
                String dlvNo = value(row, "dlvNo");
                if (dlvNo != null) {
                    state.rowsByBundle.computeIfAbsent(dlvNo, k -> new ArrayList<>()).add(row);
                }
            }
            intakeErrors.mapInto(poll, Marketplace.ELEVENST, "ordNo:" + group.getKey(),
                    () -> ElevenstOrderMapper.map(poll.getAccountId(), rows), () -> ElevenstOrderMapper.raw(rows));
        }
        state.rowsByOrder.clear();
    }

    /** Re-maps a stored raw payload (a JSON array of an order's rows) for a replay. */
    public static Order mapRaw(Account account, String rawPayload) {
        return ElevenstOrderMapper.map(account.id(), ElevenstOrderMapper.rows(rawPayload));
    }

    // ------------------------------------------------------------ confirm (발주확인)

    /**
     * Notes the account's pending bundles; body: the orders (ordNo) of those this poll did not read, to be read
     * by order number ({@code /ordservices/complete/{ordNo}}) for their lines' add-on fields.
     */
    public List<String> pendingConfirmations(@ExchangeProperty(PollContext.PROPERTY) PollContext<ElevenstPoll> poll)
            throws SQLException {
        ElevenstPoll paging = poll.state();
        paging.bundles = confirmations.pending(poll.getAccountId());
        Set<String> lookups = new LinkedHashSet<>();
        for (String dlvNo : paging.bundles) {
            if (!paging.rowsByBundle.containsKey(dlvNo)) {
                String ordNo = confirmations.orderIdOf(poll.getAccountId(), dlvNo);
                if (ordNo != null) {
                    lookups.add(ordNo);
                }
            }
        }
        return new ArrayList<>(lookups);
    }

    /** The read of one order (ordNo) by its number. */
    public ApiRequest lookupRequest(@Body String ordNo) {
        return ApiRequest.get("/rest/ordservices/complete/" + ordNo, "", "paid lines of one order");
    }

    public void readLookup(@ExchangeProperty(PollContext.PROPERTY) PollContext<ElevenstPoll> poll,
                           @Body ElevenstXml.Answer answer) {
        ElevenstPoll paging = poll.state();
        for (Map<String, String> row : answer.rows()) {
            String dlvNo = value(row, "dlvNo");
            if (dlvNo != null) {
                paging.rowsByBundle.computeIfAbsent(dlvNo, k -> new ArrayList<>()).add(row);
            }
        }
    }

    /**
     * Body: one reqpackaging call per line of each pending bundle. A bundle 11st no longer lists as paid (confirmed
     * by an earlier run that stopped before recording it, or cancelled) is asked line by line from what was
     * delivered, and 11st's answer (-3206 already confirmed, -3211 cancelled) settles it.
     */
    public List<LineCall> confirmCalls(@ExchangeProperty(PollContext.PROPERTY) PollContext<ElevenstPoll> poll)
            throws SQLException {
        ElevenstPoll paging = poll.state();
        String none = poll.getAccount().get(ElevenstConnector.NO_ADD_ON);
        List<LineCall> calls = new ArrayList<>();
        for (String dlvNo : paging.bundles) {
            List<Map<String, String>> rows = paging.rowsByBundle.get(dlvNo);
            int before = calls.size();
            if (rows != null) {
                Set<String> seen = new LinkedHashSet<>();
                for (Map<String, String> row : rows) {
                    if (seen.add(value(row, "ordNo") + "/" + value(row, "ordPrdSeq"))) {
                        calls.add(call(row, dlvNo, none));
                    }
                }
            } else {
                String ordNo = confirmations.orderIdOf(poll.getAccountId(), dlvNo);
                if (ordNo != null) {
                    for (ShipmentStore.DeliveredLine l : shipmentStore.deliveredLines(Marketplace.ELEVENST, poll.getAccountId(), ordNo)) {
                        if (dlvNo.equals(l.shipmentId())) {
                            calls.add(new LineCall(dlvNo, ordNo, l.lineId(), "N", none));
                        }
                    }
                }
            }
            if (calls.size() == before) {
                confirmations.record(poll.getAccountId(), dlvNo, Confirmations.REJECTED, "NO_LINES",
                        "no delivered line of bundle " + dlvNo + " is known");
            }
        }
        return calls;
    }

    static LineCall call(Map<String, String> row, String dlvNo, String none) {
        boolean addOn = "Y".equalsIgnoreCase(value(row, "addPrdYn"));
        String addPrdNo = addOn && value(row, "addPrdNo") != null ? value(row, "addPrdNo") : none;
        return new LineCall(dlvNo, value(row, "ordNo"), value(row, "ordPrdSeq"), addOn ? "Y" : "N", addPrdNo);
    }

    static ApiRequest confirmRequest(LineCall c, String purpose) {
        return ApiRequest.get("/rest/ordservices/reqpackaging/" + c.ordNo() + "/" + c.ordPrdSeq() + "/" + c.addPrdYn() + "/"
                + c.addPrdNo() + "/" + c.dlvNo(), "", purpose);
    }

    /** The confirmation (reqpackaging) of one line. */
    public ApiRequest lineRequest(@Body LineCall call) {
        return confirmRequest(call, "confirmation of line " + call.ordPrdSeq() + " of bundle " + call.dlvNo());
    }

    public void readConfirmation(@ExchangeProperty(PollContext.PROPERTY) PollContext<ElevenstPoll> poll,
                                 @Variable(LINE_CALL) LineCall call, @Body ElevenstXml.Answer answer) {
        poll.state().answers.computeIfAbsent(call.dlvNo(), k -> new ArrayList<>()).add(lineAnswer(call.dlvNo(), answer));
    }

    static Confirmations.Answer lineAnswer(String dlvNo, ElevenstXml.Answer answer) {
        int code = answer.code();
        String state = CONFIRMED.contains(code) ? Confirmations.CONFIRMED
                : REFUSED.contains(code) ? Confirmations.REJECTED : Confirmations.FAILED;
        return new Confirmations.Answer(dlvNo, state, String.valueOf(code), answer.resultText());
    }

    /** One MB_CONFIRMATION answer per bundle: FAILED if a line failed, else REJECTED if one was refused, else CONFIRMED. */
    public void recordConfirmations(@ExchangeProperty(PollContext.PROPERTY) PollContext<ElevenstPoll> poll)
            throws SQLException {
        ElevenstPoll paging = poll.state();
        List<Confirmations.Answer> answers = new ArrayList<>();
        for (Map.Entry<String, List<Confirmations.Answer>> e : paging.answers.entrySet()) {
            Confirmations.Answer bundle = bundleAnswer(e.getValue());
            answers.add(bundle);
            if (Confirmations.CONFIRMED.equals(bundle.state())) {
                poll.addConfirmed(1);
            } else {
                poll.addConfirmFailed(1);
            }
        }
        paging.answers.clear();
        confirmations.recordAll(poll.getAccountId(), answers);
    }

    static Confirmations.Answer bundleAnswer(List<Confirmations.Answer> lines) {
        return lines.stream().filter(a -> Confirmations.FAILED.equals(a.state())).findFirst()
                .or(() -> lines.stream().filter(a -> Confirmations.REJECTED.equals(a.state())).findFirst())
                .orElse(lines.get(0));
    }
}
