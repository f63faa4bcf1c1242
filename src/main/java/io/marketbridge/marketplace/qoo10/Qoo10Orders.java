package io.marketbridge.marketplace.qoo10;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.config.Account;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.WindowSlicer;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
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
 * The Qoo10-specific steps of routes/qoo10.camel.yaml.
 *
 * <p>Poll: ShippingBasic.GetShippingInfo_v2 (or _v3, orders.api) for ShippingStat 2 (shipping requested: the new
 * paid orders), by payment date (search_condition 2), the window cut into JST slices of at most orders.window-days
 * (default 7), "yyyyMMddHHmmss" with both ends inclusive and the boundary second read by both slices (rows are kept
 * once per orderNo). Qoo10 has no paging. Rows are grouped into orders by packNo (the cart); each orderNo is a
 * line. A cart that cannot be mapped is kept in MB_INTAKE_ERROR (payload_ref packNo:...) and the others go on.
 *
 * <p>Confirm (when the account auto-confirms): ShippingBasic.SetSellerCheckYN_V2 per delivered orderNo, with
 * EstShipDt when confirm.est-ship-days is set. -10004 (not in status 2 any more: checked in QSM, shipped or
 * cancelled, or checked by an earlier run stopped before it recorded the answer) is settled by reading the order
 * (GetShippingAndClaimInfoByOrderNo_V2): checked or further with no claim is CONFIRMED ALREADY_CONFIRMED, anything
 * else REJECTED with Qoo10's words. -10001 is REJECTED; other codes FAILED, tried again at the next poll.
 */
public class Qoo10Orders {

    static final String LIST_V2 = "ShippingBasic.GetShippingInfo_v2";
    static final String LIST_V3 = "ShippingBasic.GetShippingInfo_v3";
    static final String CHECK = "ShippingBasic.SetSellerCheckYN_V2";
    static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    /** Route variable: the orderNo a confirmation is about. */
    public static final String ORDER_NO = "orderNo";

    private final IntakeErrors intakeErrors;
    private final Confirmations confirmations;
    private final Clock clock;

    public Qoo10Orders(IntakeErrors intakeErrors, Confirmations confirmations, Clock clock) {
        this.intakeErrors = intakeErrors;
        this.confirmations = confirmations;
        this.clock = clock;
    }

    // ------------------------------------------------------------ poll

    public void startPaging(@ExchangeProperty(PollContext.PROPERTY) PollContext<Qoo10Poll> poll) {
        List<WindowSlicer.Slice> slices = List.of();
        if (!poll.isSkipped()) {
            // KST and JST share +09:00: the slicer's wall clock is Qoo10's
            int days = poll.getAccount().integer(Qoo10Connector.WINDOW_DAYS);
            WindowSlicer slicer = WindowSlicer.of(ChronoUnit.SECONDS, Duration.ofDays(days), WindowSlicer.Boundary.SHARED);
            slices = slicer.slices(poll.getWindowFrom(), poll.getWindowTo());
        }
        poll.start(new Qoo10Poll(slices));
    }

    public ApiRequest nextPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<Qoo10Poll> poll) {
        Account account = poll.getAccount();
        WindowSlicer.Slice slice = poll.state().slices.slice();
        String from = slice.from(SECOND);
        String to = slice.to(SECOND);
        Map<String, String> p = new LinkedHashMap<>();
        boolean v3 = account.get(Qoo10Connector.ORDERS_API).equals("v3");
        p.put(v3 ? "ShippingStatus" : "ShippingStat", account.get(Qoo10Connector.SHIPPING_STAT));
        p.put(v3 ? "SearchStartDate" : "search_Sdate", from);
        p.put(v3 ? "SearchEndDate" : "search_Edate", to);
        p.put(v3 ? "SearchCondition" : "search_condition", account.get(Qoo10Connector.SEARCH_CONDITION));
        return Qoo10Api.call(v3 ? LIST_V3 : LIST_V2, p, "orders " + from + ".." + to);
    }

    public void readPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<Qoo10Poll> poll, @Body JsonNode answer) {
        Qoo10Poll state = poll.state();
        boolean v3 = poll.getAccount().get(Qoo10Connector.ORDERS_API).equals("v3");
        for (JsonNode raw : rows(answer.get("ResultObject"))) {
            JsonNode row = v3 ? Qoo10OrderMapper.fromV3(raw) : raw;
            poll.addFetched(1);
            String orderNo = row.path("orderNo").asText("");
            if (orderNo.isEmpty() || !state.orderNos.add(orderNo)) {
                continue; // read twice at a slice boundary
            }
            String packNo = row.path("packNo").asText("");
            state.byCart.computeIfAbsent(packNo.isEmpty() ? "?" + orderNo : packNo, k -> new ArrayList<>()).add(row);
        }
        state.slices.sliceDone();
    }

    /** ResultObject as rows: an array, one object, or nothing. */
    static List<JsonNode> rows(JsonNode result) {
        List<JsonNode> rows = new ArrayList<>();
        if (result == null || result.isNull()) {
            return rows;
        }
        if (result.isArray()) {
            result.forEach(rows::add);
        } else if (result.isObject()) {
            rows.add(result);
        }
        return rows;
    }

    public void mapCollected(@ExchangeProperty(PollContext.PROPERTY) PollContext<Qoo10Poll> poll) throws SQLException {
        Account account = poll.getAccount();
        for (Map.Entry<String, List<JsonNode>> cart : poll.state().byCart.entrySet()) {
            List<JsonNode> rows = cart.getValue();
            intakeErrors.mapInto(poll, Marketplace.QOO10, "packNo:" + cart.getKey(),
                    () -> Qoo10OrderMapper.map(poll.getAccountId(), rows, sku(account), separator(account)),
                    () -> Qoo10OrderMapper.rawPayload(rows));
        }
        poll.state().byCart.clear();
    }

    static Qoo10OrderMapper.SellerSku sku(Account account) {
        return Qoo10OrderMapper.SellerSku.valueOf(account.get(Qoo10Connector.SELLER_SKU).toUpperCase(java.util.Locale.ROOT)
                .replace('-', '_'));
    }

    static String separator(Account account) {
        String s = account.get(Qoo10Connector.SKU_SEPARATOR);
        return s == null ? "" : s;
    }

    public static Order mapRaw(Account account, String rawPayload) {
        return Qoo10OrderMapper.mapRaw(account.id(), rawPayload, sku(account), separator(account));
    }

    // ------------------------------------------------------------ confirm (発注確認)

    public List<String> pendingConfirmations(@ExchangeProperty(PollContext.PROPERTY) PollContext<Qoo10Poll> poll)
            throws SQLException {
        poll.state().confirmAnswers = new ArrayList<>();
        return confirmations.pending(poll.getAccountId());
    }

    public ApiRequest confirmRequest(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll, @Body String orderNo) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("OrderNo", orderNo);
        String days = poll.getAccount().get(Qoo10Connector.EST_SHIP_DAYS);
        if (days != null && !days.isBlank()) {
            p.put("EstShipDt", DAY.format(LocalDate.now(clock.withZone(Qoo10OrderMapper.TOKYO)).plusDays(Integer.parseInt(days.trim()))));
        }
        return Qoo10Api.call(CHECK, p, "confirmation (SetSellerCheckYN_V2) of orderNo " + orderNo);
    }

    public void readConfirmation(@ExchangeProperty(PollContext.PROPERTY) PollContext<Qoo10Poll> poll,
                                 @Variable(ORDER_NO) String orderNo, @Body JsonNode answer) throws SQLException {
        int code = answer.path("ResultCode").asInt(Integer.MIN_VALUE);
        String message = answer.path("ResultMsg").asText("");
        if (code == 0) {
            keepConfirmation(poll, new Confirmations.Answer(orderNo, Confirmations.CONFIRMED, "OK", null));
            poll.addConfirmed(1);
        } else if (code == -10004) {
            // FAILED until the read that follows shows whether an earlier run checked it or it is cancelled
            keepConfirmation(poll, new Confirmations.Answer(orderNo, Confirmations.FAILED, String.valueOf(code), message));
            poll.refusals().put(orderNo, new Confirmations.Answer(orderNo, Confirmations.REJECTED, String.valueOf(code), message));
            poll.addConfirmFailed(1);
        } else {
            String state = code == -10001 ? Confirmations.REJECTED : Confirmations.FAILED;
            keepConfirmation(poll, new Confirmations.Answer(orderNo, state, String.valueOf(code), message));
            poll.addConfirmFailed(1);
        }
    }

    /**
     * SetSellerCheckYN_V2 answers are written to MB_CONFIRMATION in batches of {@link #CONFIRM_RESULTS_BATCH} (one
     * call per orderNo). An answer lost to a crash before its batch is written only means the orderNo is sent again:
     * Qoo10 refuses it (-10004, no longer status 2) and the read that follows settles it as confirmed.
     */
    static final int CONFIRM_RESULTS_BATCH = 50;

    private void keepConfirmation(PollContext<Qoo10Poll> poll, Confirmations.Answer answer) throws SQLException {
        List<Confirmations.Answer> results = poll.state().confirmAnswers;
        results.add(answer);
        if (results.size() >= CONFIRM_RESULTS_BATCH) {
            recordConfirmations(poll);
        }
    }

    /** The orderNos whose confirmation was refused with -10004 in this poll: each is read once. */
    public List<String> refusedConfirmations(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll) {
        return new ArrayList<>(poll.refusals().keySet());
    }

    public ApiRequest refusalReadRequest(@Body String orderNo) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("OrderNo", orderNo);
        return Qoo10Api.call(Qoo10Shipments.READ_ORDER, p, "read of orderNo " + orderNo + " after a refused confirmation");
    }

    /** Checked (3) or further with no claim: an earlier run confirmed it; otherwise the refusal stands. */
    public void readRefusal(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll,
                            @Variable(ORDER_NO) String orderNo, @Body JsonNode answer) throws SQLException {
        Confirmations.Answer refusal = poll.refusals().remove(orderNo);
        if (refusal == null || answer.path("ResultCode").asInt(Integer.MIN_VALUE) != 0) {
            return; // stays FAILED: confirmed again, and read again, at the next poll
        }
        JsonNode row = null;
        for (JsonNode r : rows(answer.get("ResultObject"))) {
            if (orderNo.equals(r.path("orderNo").asText(r.path("OrderNo").asText("")))) {
                row = r;
            }
        }
        String claim = row == null ? null : JsonFields.blankToNull(
                JsonFields.firstText(row, "claimStatus", "ClaimStatus"));
        int status = row == null ? 0 : row.path("shippingStatus").asInt(row.path("ShippingStatus").asInt(0));
        if (row != null && status >= 3 && (claim == null || claim.equals("0"))) {
            if (confirmations.isUnconfirmed(poll.getAccountId(), orderNo)) {
                confirmations.record(poll.getAccountId(), orderNo, Confirmations.CONFIRMED, "ALREADY_CONFIRMED",
                        "status " + status + " at Qoo10");
                poll.addConfirmed(1);
            }
        } else {
            confirmations.recordAll(poll.getAccountId(), List.of(refusal));
        }
    }

    public void recordConfirmations(@ExchangeProperty(PollContext.PROPERTY) PollContext<Qoo10Poll> poll) throws SQLException {
        List<Confirmations.Answer> answers = poll.state().confirmAnswers;
        if (answers != null && !answers.isEmpty()) {
            confirmations.recordAll(poll.getAccountId(), answers);
            answers.clear();
        }
    }
}
