package io.marketbridge.marketplace.elevenst;

import static io.marketbridge.marketplace.elevenst.ElevenstXml.value;

import io.marketbridge.config.Account;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.shipment.ShipmentStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
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
    static final Duration MAX_WINDOW = Duration.ofDays(7);
    static final String MORE_PAGES = "mbMorePages";
    /** reqpackaging answers that mean the line is confirmed at 11st. */
    static final Set<Integer> CONFIRMED = Set.of(0, -3206);
    /** reqpackaging answers that are final: the line cannot be confirmed (cancelled, cancel requested, ...). */
    static final Set<Integer> REFUSED = Set.of(-3210, -3211, -3214);

    /** One reqpackaging call. */
    public record LineCall(String dlvNo, String ordNo, String ordPrdSeq, String addPrdYn, String addPrdNo) {
    }

    /** Poll state: the slices still to read, the rows read (by ordNo, then ordPrdSeq), the confirm answers. */
    static final class Paging {
        final Deque<LocalDateTime[]> slices = new ArrayDeque<>();
        final Map<String, Map<String, Map<String, String>>> rowsByOrder = new LinkedHashMap<>();
        final Map<String, List<Map<String, String>>> rowsByBundle = new LinkedHashMap<>();
        List<String> bundles = List.of();
        final Map<String, List<Confirmations.Answer>> answers = new LinkedHashMap<>();
        int halvings;
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
    public void startPaging(Exchange exchange) {
        PollContext poll = poll(exchange);
        Paging paging = new Paging();
        if (!poll.isSkipped()) {
            paging.slices.addAll(slices(minute(poll.getWindowFrom().atZoneSameInstant(ElevenstOrderMapper.SEOUL).toLocalDateTime()),
                    minute(poll.getWindowTo().atZoneSameInstant(ElevenstOrderMapper.SEOUL).toLocalDateTime())));
        }
        poll.paging(paging);
        exchange.setProperty(MORE_PAGES, !paging.slices.isEmpty());
    }

    static List<LocalDateTime[]> slices(LocalDateTime from, LocalDateTime to) {
        List<LocalDateTime[]> slices = new ArrayList<>();
        for (LocalDateTime start = from; !start.isAfter(to); ) {
            LocalDateTime end = start.plus(MAX_WINDOW).minusMinutes(1);
            if (end.isAfter(to)) {
                end = to;
            }
            slices.add(new LocalDateTime[] {start, end});
            start = end.plusMinutes(1);
        }
        return slices;
    }

    private static LocalDateTime minute(LocalDateTime t) {
        return t.truncatedTo(ChronoUnit.MINUTES);
    }

    public void nextPage(Exchange exchange) {
        LocalDateTime[] slice = poll(exchange).<Paging>paging().slices.peekFirst();
        String s = MINUTE.format(slice[0]);
        String e = MINUTE.format(slice[1]);
        exchange.setProperty(ApiRequest.PROPERTY, ApiRequest.get("/rest/ordservices/complete/" + s + "/" + e, "",
                "paid orders " + s + ".." + e));
    }

    /** Keeps the slice's rows, or, when the answer is full, asks again for each half of the slice. */
    public void readPage(Exchange exchange) {
        PollContext poll = poll(exchange);
        Paging paging = poll.paging();
        ElevenstXml.Answer answer = exchange.getMessage().getBody(ElevenstXml.Answer.class);
        LocalDateTime[] slice = paging.slices.pollFirst();
        int cap = poll.getAccount().integer(ElevenstConnector.MAX_ROWS);
        List<Map<String, String>> rows = answer.rows();
        if (rows.size() >= cap) {
            long minutes = ChronoUnit.MINUTES.between(slice[0], slice[1]);
            if (minutes > 0) {
                LocalDateTime mid = slice[0].plusMinutes(minutes / 2);
                paging.slices.addFirst(new LocalDateTime[] {mid.plusMinutes(1), slice[1]});
                paging.slices.addFirst(new LocalDateTime[] {slice[0], mid});
                paging.halvings++;
                LOG.info("account={} job=orders 11st returned {} rows (the cap) for {}..{}: reading it again as two halves",
                        poll.getAccountId(), rows.size(), MINUTE.format(slice[0]), MINUTE.format(slice[1]));
                exchange.setProperty(MORE_PAGES, true);
                return;
            }
            LOG.warn("account={} job=orders 11st returned {} rows (the cap) for the single minute {}: rows beyond the"
                    + " cap cannot be read by time and may be missing", poll.getAccountId(), rows.size(), MINUTE.format(slice[0]));
        }
        poll.addFetched(rows.size());
        int index = 0;
        for (Map<String, String> row : rows) {
            String ordNo = value(row, "ordNo");
            String seq = value(row, "ordPrdSeq");
            String key = ordNo == null ? "row:" + MINUTE.format(slice[0]) + ":" + index : ordNo;
            paging.rowsByOrder.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(seq == null ? "?" + index : seq, row);
            index++;
        }
        exchange.setProperty(MORE_PAGES, !paging.slices.isEmpty());
    }

    /** Maps every collected order; one that cannot be mapped goes to MB_INTAKE_ERROR and the rest go on. */
    public void mapCollected(Exchange exchange) throws SQLException {
        PollContext poll = poll(exchange);
        Paging paging = poll.paging();
        for (Map.Entry<String, Map<String, Map<String, String>>> group : paging.rowsByOrder.entrySet()) {
            List<Map<String, String>> rows = new ArrayList<>(group.getValue().values());
            for (Map<String, String> row : rows) {
                String dlvNo = value(row, "dlvNo");
                if (dlvNo != null) {
                    paging.rowsByBundle.computeIfAbsent(dlvNo, k -> new ArrayList<>()).add(row);
                }
            }
            try {
                poll.getOrders().add(ElevenstOrderMapper.map(poll.getAccountId(), rows));
            } catch (MappingException | IllegalArgumentException | ArithmeticException e) {
                intakeErrors.record(Marketplace.ELEVENST, poll.getAccountId(), "ordNo:" + group.getKey(), ErrorType.MAPPING,
                        e, ElevenstOrderMapper.raw(rows));
                poll.addMappingError();
            }
        }
        paging.rowsByOrder.clear();
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
    public List<String> pendingConfirmations(Exchange exchange) throws SQLException {
        PollContext poll = poll(exchange);
        Paging paging = poll.paging();
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

    /** Body: one ordNo. */
    public void lookupRequest(Exchange exchange) {
        String ordNo = exchange.getMessage().getBody(String.class);
        exchange.setProperty(ApiRequest.PROPERTY, ApiRequest.get("/rest/ordservices/complete/" + ordNo, "",
                "paid lines of one order"));
    }

    public void readLookup(Exchange exchange) {
        Paging paging = poll(exchange).paging();
        for (Map<String, String> row : exchange.getMessage().getBody(ElevenstXml.Answer.class).rows()) {
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
    public List<LineCall> confirmCalls(Exchange exchange) throws SQLException {
        PollContext poll = poll(exchange);
        Paging paging = poll.paging();
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

    /** Body: one LineCall. */
    public void confirmRequest(Exchange exchange) {
        LineCall call = exchange.getMessage().getBody(LineCall.class);
        exchange.setProperty("mbLineCall", call);
        exchange.setProperty(ApiRequest.PROPERTY, confirmRequest(call, "confirmation of line " + call.ordPrdSeq()
                + " of bundle " + call.dlvNo()));
    }

    public void readConfirmation(Exchange exchange) {
        Paging paging = poll(exchange).paging();
        LineCall call = exchange.getProperty("mbLineCall", LineCall.class);
        ElevenstXml.Answer answer = exchange.getMessage().getBody(ElevenstXml.Answer.class);
        paging.answers.computeIfAbsent(call.dlvNo(), k -> new ArrayList<>()).add(lineAnswer(call.dlvNo(), answer));
    }

    static Confirmations.Answer lineAnswer(String dlvNo, ElevenstXml.Answer answer) {
        int code = answer.code();
        String state = CONFIRMED.contains(code) ? Confirmations.CONFIRMED
                : REFUSED.contains(code) ? Confirmations.REJECTED : Confirmations.FAILED;
        return new Confirmations.Answer(dlvNo, state, String.valueOf(code), answer.resultText());
    }

    /** One MB_CONFIRMATION answer per bundle: FAILED if a line failed, else REJECTED if one was refused, else CONFIRMED. */
    public void recordConfirmations(Exchange exchange) throws SQLException {
        PollContext poll = poll(exchange);
        Paging paging = poll.paging();
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

    private static PollContext poll(Exchange exchange) {
        return exchange.getProperty(PollContext.PROPERTY, PollContext.class);
    }
}
