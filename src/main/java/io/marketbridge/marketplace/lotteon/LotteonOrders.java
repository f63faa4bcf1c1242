package io.marketbridge.marketplace.lotteon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.config.Account;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.WindowSlicer;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import io.marketbridge.shipment.ShipmentStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;

/**
 * The Lotte ON-specific steps of routes/lotteon.camel.yaml.
 *
 * <p>Orders: SellerDeliveryOrdersSearch of the delivery instructions (odPrgsStepCd 11) created in a window of at most
 * one day (2003 beyond), bounds yyyyMMddHHmmss KST, both inclusive; no paging. The poll's window is cut into slices
 * of one day less a second. The rows (one per order line) are grouped by odNo into orders.
 *
 * <p>Acknowledge (연동완료): SellerIfCompleteInform for every delivered line of the pending orders (MB_CONFIRMATION
 * holds one row per order, odNo being the shipping unit), confirm.chunk-size orders a call. An order is CONFIRMED when
 * each of its lines' results is "0000", REJECTED when one was refused, FAILED when the answer said nothing of a line
 * and the call's own result was not "0000".
 */
public class LotteonOrders {

    static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    /** At most one day a search, both ends inclusive (KST seconds). */
    static final WindowSlicer WINDOW = WindowSlicer.of(ChronoUnit.SECONDS, Duration.ofDays(1).minusSeconds(1),
            WindowSlicer.Boundary.NEXT_GRAIN);
    static final String SEARCH = LotteonApi.DELIVERY + "SellerDeliveryOrdersSearch";
    static final String IF_COMPLETE = LotteonApi.DELIVERY + "SellerIfCompleteInform";
    /** Route variable: the orders (odNo) an IfComplete call is about. */
    public static final String CHUNK = "chunk";

    private final IntakeErrors intakeErrors;
    private final Confirmations confirmations;
    private final ShipmentStore shipmentStore;

    public LotteonOrders(IntakeErrors intakeErrors, Confirmations confirmations, ShipmentStore shipmentStore) {
        this.intakeErrors = intakeErrors;
        this.confirmations = confirmations;
        this.shipmentStore = shipmentStore;
    }

    public void startPaging(@ExchangeProperty(PollContext.PROPERTY) PollContext<LotteonPoll> poll) {
        poll.start(new LotteonPoll(poll.isSkipped() ? List.of() : WINDOW.slices(poll.getWindowFrom(), poll.getWindowTo())));
    }

    public ApiRequest nextPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<LotteonPoll> poll) {
        WindowSlicer.Slice slice = poll.state().slices.slice();
        return searchRequest(poll.getAccount(), slice, "11", "delivery instructions");
    }

    /** The search of one slice's rows at one step (11 delivery instruction, 23 return instruction ...). */
    static ApiRequest searchRequest(Account account, WindowSlicer.Slice slice, String step, String what) {
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.put("srchStrtDt", slice.from(SECOND));
        body.put("srchEndDt", slice.to(SECOND));
        body.put("odPrgsStepCd", step);
        body.put("ifCplYN", "");
        String trNo = account.get(LotteonConnector.TR_NO);
        if (trNo != null && !trNo.isBlank()) {
            body.put("trNo", trNo);
        }
        return ApiRequest.withBody("POST", SEARCH, body.toString(),
                what + " " + slice.from(SECOND) + ".." + slice.to(SECOND));
    }

    /** The rows of an envelope whose data carries a result code other than "0000": a refusal of the whole search. */
    static JsonNode rows(JsonNode answer, String what) {
        JsonNode data = answer.path("data");
        String code = JsonFields.firstText(data, "rsltCd", "resultCode");
        if (code != null && !LotteonResults.OK.equals(code)) {
            throw new io.marketbridge.marketplace.RejectedException(code, what + ": returnCode 0000 but data.rsltCd " + code
                    + " " + JsonFields.firstText(data, "rsltMsg", "resultMessage"));
        }
        JsonNode list = data.path("deliveryOrderList");
        return list.isArray() ? list : OrderJson.mapper().createArrayNode();
    }

    /** Keeps the slice's delivery rows by odNo and line; the slice is done (no paging). */
    public void readPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<LotteonPoll> poll, @Body JsonNode answer) {
        LotteonPoll state = poll.state();
        WindowSlicer.Slice slice = state.slices.slice();
        JsonNode rows = rows(answer, "Lotte ON delivery instructions for account " + poll.getAccountId());
        state.slices.sliceDone();
        poll.addFetched(rows.size());
        int index = 0;
        for (JsonNode row : rows) {
            index++;
            if ("RTRV".equals(JsonFields.text(row, "dvRtrvDvsCd"))) {
                continue; // a return instruction: the claims poll's business
            }
            String odNo = JsonFields.blankToNull(JsonFields.text(row, "odNo"));
            String key = odNo == null ? "row:" + slice.from(SECOND) + ":" + index : odNo;
            state.rowsByOrder.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .put(JsonFields.text(row, "odSeq") + "-" + JsonFields.text(row, "procSeq") + (odNo == null ? ":" + index : ""), row);
        }
    }

    /** Maps every collected order; one that cannot be mapped goes to MB_INTAKE_ERROR and the rest go on. */
    public void mapCollected(@ExchangeProperty(PollContext.PROPERTY) PollContext<LotteonPoll> poll) throws SQLException {
        LotteonPoll state = poll.state();
        LotteonOrderMapper.Amounts amounts = amounts(poll.getAccount());
        for (Map.Entry<String, Map<String, JsonNode>> group : state.rowsByOrder.entrySet()) {
            List<JsonNode> rows = new ArrayList<>(group.getValue().values());
            intakeErrors.mapInto(poll, Marketplace.LOTTEON, "odNo:" + group.getKey(),
                    () -> LotteonOrderMapper.map(poll.getAccountId(), rows, amounts), () -> raw(rows));
        }
        state.rowsByOrder.clear();
    }

    static String raw(List<JsonNode> rows) {
        ArrayNode raw = OrderJson.mapper().createArrayNode();
        rows.forEach(raw::add);
        return raw.toString();
    }

    static LotteonOrderMapper.Amounts amounts(Account account) {
        return new LotteonOrderMapper.Amounts("UNIT".equals(account.get(LotteonConnector.SL_AMT)),
                "LINE".equals(account.get(LotteonConnector.DV_CST)));
    }

    /** Re-maps a stored raw payload (a JSON array of an order's rows) for a replay. */
    public static Order mapRaw(Account account, String rawPayload) {
        return LotteonOrderMapper.map(account.id(), JsonFields.rawPayload(rawPayload), amounts(account));
    }

    // ------------------------------------------------------------ acknowledge (SellerIfCompleteInform)

    /**
     * The account's pending orders (odNo) that have delivered lines, confirm.chunk-size a call; an order with no
     * delivered line is REJECTED here, without a call.
     */
    public List<List<String>> pendingConfirmations(@ExchangeProperty(PollContext.PROPERTY) PollContext<LotteonPoll> poll)
            throws SQLException {
        LotteonPoll state = poll.state();
        List<String> orders = new ArrayList<>();
        List<Confirmations.Answer> none = new ArrayList<>();
        for (String odNo : confirmations.pending(poll.getAccountId())) {
            List<String> lines = new ArrayList<>();
            for (ShipmentStore.DeliveredLine l : shipmentStore.deliveredLines(Marketplace.LOTTEON, poll.getAccountId(), odNo)) {
                lines.add(l.lineId());
            }
            if (lines.isEmpty()) {
                none.add(new Confirmations.Answer(odNo, Confirmations.REJECTED, "NO_LINES", "no delivered line of order " + odNo));
            } else {
                state.confirming.put(odNo, lines);
                orders.add(odNo);
            }
        }
        confirmations.recordAll(poll.getAccountId(), none);
        int size = poll.getAccount().integer(LotteonConnector.CONFIRM_CHUNK_SIZE);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < orders.size(); i += size) {
            chunks.add(new ArrayList<>(orders.subList(i, Math.min(orders.size(), i + size))));
        }
        return chunks;
    }

    /** IfComplete (ifCplYN Y) of every delivered line of the chunk's orders. */
    public ApiRequest confirmRequest(@ExchangeProperty(PollContext.PROPERTY) PollContext<LotteonPoll> poll,
                                     @Body List<String> chunk) {
        ObjectNode body = OrderJson.mapper().createObjectNode();
        ArrayNode list = body.putArray("ifCompleteList");
        for (String odNo : chunk) {
            for (String lineId : poll.state().confirming.get(odNo)) {
                String[] key = LotteonOrderMapper.lineKey(lineId);
                ObjectNode row = list.addObject();
                row.put("dvRtrvDvsCd", "DV");
                row.put("odNo", key[0]);
                row.put("odSeq", key[1]);
                row.put("procSeq", key[2]);
                row.put("ifCplYN", "Y");
                row.put("ifFlRsnCnts", "");
            }
        }
        return ApiRequest.withBody("POST", IF_COMPLETE, body.toString(), "IfComplete of " + chunk.size() + " orders");
    }

    /** Records each order of the call: CONFIRMED, REJECTED (a line refused) or FAILED (nothing said of a line). */
    public void readConfirmation(@ExchangeProperty(PollContext.PROPERTY) PollContext<LotteonPoll> poll,
                                 @Variable(CHUNK) List<String> chunk, @Body JsonNode answer) throws SQLException {
        LotteonPoll state = poll.state();
        LotteonResults results = LotteonResults.of(answer, "ifCompleteList");
        List<Confirmations.Answer> answers = new ArrayList<>();
        for (String odNo : chunk) {
            Confirmations.Answer outcome = new Confirmations.Answer(odNo, Confirmations.CONFIRMED, LotteonResults.OK, null);
            for (String lineId : state.confirming.get(odNo)) {
                String[] key = LotteonOrderMapper.lineKey(lineId);
                LotteonResults.Result r = results.row(key[0], key[1], key[2]);
                if (r.ok()) {
                    continue;
                }
                String message = "line " + lineId + ": " + r.message();
                if (results.listed(key[0], key[1], key[2])) {
                    outcome = new Confirmations.Answer(odNo, Confirmations.REJECTED, r.code(), message);
                } else {
                    outcome = new Confirmations.Answer(odNo, Confirmations.FAILED, r.code(), message);
                    break;
                }
            }
            answers.add(outcome);
            if (Confirmations.CONFIRMED.equals(outcome.state())) {
                poll.addConfirmed(1);
            } else {
                poll.addConfirmFailed(1);
            }
        }
        chunk.forEach(state.confirming::remove);
        confirmations.recordAll(poll.getAccountId(), answers);
    }
}
