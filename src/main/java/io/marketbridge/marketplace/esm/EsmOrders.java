package io.marketbridge.marketplace.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.config.Account;
import io.marketbridge.db.Jdbc;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.CursorStore;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.WindowSlicer;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ESM-specific steps of routes/esm.camel.yaml.
 *
 * <p>Poll: RequestOrders (orderStatus 1, paid and awaiting confirmation; requestDateType 5, payment date or, for a
 * gift, the date its receiver accepted it) per site
 * the account sells on, the window cut into slices of at most the site's limit (Gmarket 31 days, Auction 180),
 * "yyyy-MM-dd HH:mm" in KST: the window's start is floored to the minute, its end rounded up to the next minute,
 * and each slice starts on the minute the previous one ended, so a boundary minute is always read (twice at
 * worst: rows are kept once per OrderNo, and the intake ledger makes a redelivery idempotent). Pages follow
 * pageIndex until TotalCount; the two sites take turns, so a seller on both sites never waits for its own
 * other-site bucket. Each order query waits for the seller ID's slot (the throttle of route esm-api).
 *
 * <p>Phones: ESM fills the phone fields a few minutes after payment. An order whose receiver has no phone yet is
 * held (not delivered) until it has one or until phone-hold after its payment, then delivered with what there is
 * (a later re-read that shows a phone writes an ADDRESS_CHANGED row). While an order is held the cursor stops at
 * its payment minute, so the next window reads it again. A gift whose receiver has not given an address yet is
 * not the seller's to ship: with request-date-type 5 (the default) ESM lists it only once accepted; with 2 it is
 * passed over while it waits.
 *
 * <p>Confirm: OrderCheck per delivered OrderNo. IsChanged 1 (the buyer changed the address before confirmation)
 * and refusals are re-read by order number (orderStatus 0, not rate-limited): an order already past status 1
 * counts as confirmed, one RequestOrders no longer returns (claims are excluded) keeps its refusal, and a changed
 * receiver becomes an ADDRESS_CHANGED row.
 */
public class EsmOrders {

    private static final Logger LOG = LoggerFactory.getLogger(EsmOrders.class);
    static final String REQUEST_ORDERS = "/shipping/v1/Order/RequestOrders";
    static final String ORDER_CHECK = "/shipping/v1/Order/OrderCheck/";
    static final DateTimeFormatter WINDOW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** Route variable: the OrderNo an OrderCheck call is about. */
    public static final String ORDER_NO = "orderNo";
    /** Route variable: the order a re-read is about. */
    public static final String RECHECK = "recheck";

    /** A re-read by order number, of the site the order came from. */
    public record Recheck(String orderNo, Marketplace site) {
    }

    private final IntakeErrors intakeErrors;
    private final Confirmations confirmations;
    private final OrderChanges orderChanges;
    private final DataSource dataSource;
    private final Clock clock;

    public EsmOrders(IntakeErrors intakeErrors, Confirmations confirmations, OrderChanges orderChanges,
                     DataSource dataSource, Clock clock) {
        this.intakeErrors = intakeErrors;
        this.confirmations = confirmations;
        this.orderChanges = orderChanges;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    // ------------------------------------------------------------ poll

    /** Cuts the window, per site the account sells on, into slices of at most the site's limit. */
    public void startPaging(@ExchangeProperty(PollContext.PROPERTY) PollContext<EsmPoll> poll) {
        Account account = poll.getAccount();
        EsmPoll state = new EsmPoll();
        if (!poll.isSkipped()) {
            // the start floored to the minute, the end rounded up to the next one
            OffsetDateTime from = poll.getWindowFrom();
            OffsetDateTime to = poll.getWindowTo().plusMinutes(1);
            addSite(state, Marketplace.GMARKET, account.get(EsmConnector.GMARKET_SELLER_ID),
                    account.integer(EsmConnector.GMARKET_WINDOW_DAYS), from, to);
            addSite(state, Marketplace.AUCTION, account.get(EsmConnector.AUCTION_SELLER_ID),
                    account.integer(EsmConnector.AUCTION_WINDOW_DAYS), from, to);
        }
        poll.start(state);
    }

    private static void addSite(EsmPoll state, Marketplace site, String sellerId, int maxDays, OffsetDateTime from,
                                OffsetDateTime to) {
        if (sellerId == null || sellerId.isBlank()) {
            return;
        }
        // "yyyy-MM-dd HH:mm": the boundary minute is read by both slices
        WindowSlicer slicer = WindowSlicer.of(ChronoUnit.MINUTES, Duration.ofDays(maxDays), WindowSlicer.Boundary.SHARED);
        state.sites.add(new EsmPoll.SiteQuery(site, sellerId.trim(), slicer.slices(from, to)));
    }

    /** The next order query: the sites take turns. */
    public ApiRequest nextPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<EsmPoll> poll) {
        EsmPoll state = poll.state();
        EsmPoll.SiteQuery q = null;
        for (int i = 0; i < state.sites.size() && q == null; i++) {
            EsmPoll.SiteQuery candidate = state.sites.get((state.turn + i) % state.sites.size());
            if (!candidate.done()) {
                q = candidate;
                state.turn = (state.turn + i + 1) % state.sites.size();
            }
        }
        state.current = q;
        Account account = poll.getAccount();
        String from = q.pages.slice().from(WINDOW);
        String to = q.pages.slice().to(WINDOW);
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.put("siteType", EsmOrderMapper.siteType(q.site));
        body.put("orderStatus", 1);
        body.put("requestDateType", account.integer(EsmConnector.REQUEST_DATE_TYPE));
        body.put("requestDateFrom", from);
        body.put("requestDateTo", to);
        body.put("pageIndex", q.page());
        body.put("pageSize", account.integer(EsmConnector.PAGE_SIZE));
        return ApiRequest.withBody("POST", REQUEST_ORDERS, body.toString(),
                q.site.code() + " orders " + from + ".." + to + " page " + q.page());
    }

    public void readPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<EsmPoll> poll, @Body JsonNode answer) {
        EsmPoll state = poll.state();
        EsmPoll.SiteQuery q = state.current;
        JsonNode data = answer.path("Data");
        JsonNode rows = data.path("RequestOrders");
        for (JsonNode row : rows) {
            String orderNo = row.path("OrderNo").asText("");
            poll.addFetched(1);
            if (orderNo.isEmpty() || !state.orderNos.add(orderNo)) {
                continue; // read twice at a slice boundary
            }
            state.byCart.computeIfAbsent(q.site.name() + "|" + row.path("PayNo").asText("?" + orderNo), k -> new ArrayList<>()).add(row);
        }
        int total = data.path("TotalCount").asInt(0);
        // the page size ESM applied (it may clamp ours), else ours
        int size = data.path("PageSize").asInt(poll.getAccount().integer(EsmConnector.PAGE_SIZE));
        if (rows.isEmpty() || (long) q.page() * Math.max(1, size) >= total) {
            q.pages.sliceDone();
        } else {
            q.pages.nextPage(q.page() + 1);
        }
    }

    /** Maps every complete cart; holds those without a receiver phone (within phone-hold); records unmappable ones. */
    public void mapCollected(@ExchangeProperty(PollContext.PROPERTY) PollContext<EsmPoll> poll) throws SQLException {
        EsmPoll state = poll.state();
        OffsetDateTime now = OffsetDateTime.now(clock).atZoneSameInstant(CursorStore.SEOUL).toOffsetDateTime();
        java.time.Duration hold = poll.getAccount().duration(EsmConnector.PHONE_HOLD);
        for (Map.Entry<String, List<JsonNode>> cart : state.byCart.entrySet()) {
            Marketplace site = Marketplace.valueOf(cart.getKey().substring(0, cart.getKey().indexOf('|')));
            List<JsonNode> rows = cart.getValue();
            JsonNode addressed = rows.stream().filter(EsmOrderMapper::hasAddress).findFirst().orElse(null);
            if (addressed == null) {
                state.giftsWaiting++;
                continue;
            }
            intakeErrors.mapInto(poll, site, "PayNo:" + cart.getKey().substring(cart.getKey().indexOf('|') + 1), () -> {
                if (EsmOrderMapper.phonesMissing(addressed)) {
                    OffsetDateTime paid = EsmOrderMapper.time(addressed, "PayDate");
                    if (paid != null && paid.plus(hold).isAfter(now)) {
                        state.held++;
                        if (state.heldFrom == null || paid.isBefore(state.heldFrom)) {
                            state.heldFrom = paid;
                        }
                        return null;
                    }
                }
                return EsmOrderMapper.map(site, poll.getAccountId(), rows);
            }, () -> EsmOrderMapper.rawPayload(site, rows));
        }
        if (state.held > 0 || state.giftsWaiting > 0) {
            LOG.info("account={} job={} held={} (receiver phone not filled in yet) gifts-waiting={} (no address yet)",
                    poll.getAccountId(), poll.getJob(), state.held, state.giftsWaiting);
        }
        state.byCart.clear();
    }

    /** Re-maps a stored raw payload ({SiteType, RequestOrders}) for a replay. */
    public static Order mapRaw(Account account, String rawPayload) {
        return EsmOrderMapper.mapRaw(account.id(), rawPayload);
    }

    // ------------------------------------------------------------ confirm (주문확인)

    /** The account's delivered, unconfirmed OrderNos (OrderCheck takes one at a time). */
    public List<String> pendingConfirmations(@ExchangeProperty(PollContext.PROPERTY) PollContext<EsmPoll> poll)
            throws SQLException {
        // kept in the poll's state, which the split's copies share: recordConfirmations sees it
        poll.state().confirmAnswers = new ArrayList<>();
        return confirmations.pending(poll.getAccountId());
    }

    /** The OrderCheck of one OrderNo. */
    public ApiRequest confirmRequest(@Body String orderNo) {
        return ApiRequest.withBody("POST", ORDER_CHECK + orderNo, "{}", "confirmation (OrderCheck) of OrderNo " + orderNo);
    }

    public void readConfirmation(@ExchangeProperty(PollContext.PROPERTY) PollContext<EsmPoll> poll,
                                 @Variable(ORDER_NO) String orderNo, @Body JsonNode answer) throws SQLException {
        if (EsmApi.resultOk(answer)) {
            keepConfirmation(poll, new Confirmations.Answer(orderNo, Confirmations.CONFIRMED, "OK", null));
            poll.addConfirmed(1);
            if (answer.path("Data").path("IsChanged").asInt(0) == 1 && poll.getAccount().flag(EsmConnector.RECHECK_AFTER_CONFIRM)) {
                poll.getConfirmedShipments().add(orderNo);
            }
            return;
        }
        String code = EsmApi.resultCode(answer);
        String message = answer.path("Message").asText("");
        // FAILED until a re-read shows what it means (confirmed by an earlier run, cancelled meanwhile)
        keepConfirmation(poll, new Confirmations.Answer(orderNo, Confirmations.FAILED, code, message));
        poll.refusals().put(orderNo, new Confirmations.Answer(orderNo, Confirmations.REJECTED, code, message));
        poll.getConfirmedShipments().add(orderNo);
        poll.addConfirmFailed(1);
    }

    /**
     * OrderCheck answers are written to MB_CONFIRMATION in batches of {@link #CONFIRM_RESULTS_BATCH}, not one
     * transaction per call (ESM confirms one OrderNo per call). An answer lost to a crash before its batch is
     * written only means the OrderNo is sent again: ESM refuses it (3000, no longer status 1) and the re-read
     * that follows a refusal settles it as confirmed.
     */
    static final int CONFIRM_RESULTS_BATCH = 50;

    private void keepConfirmation(PollContext<EsmPoll> poll, Confirmations.Answer answer) throws SQLException {
        List<Confirmations.Answer> results = poll.state().confirmAnswers;
        if (results == null) {
            // not started by pendingConfirmations: nothing would write a kept answer later, so write it now
            confirmations.recordAll(poll.getAccountId(), List.of(answer));
            return;
        }
        results.add(answer);
        if (results.size() >= CONFIRM_RESULTS_BATCH) {
            recordConfirmations(poll);
        }
    }

    /** Writes the OrderCheck answers not written yet (after the calls, and when a call fails half-way). */
    public void recordConfirmations(@ExchangeProperty(PollContext.PROPERTY) PollContext<EsmPoll> poll) throws SQLException {
        List<Confirmations.Answer> results = poll.state().confirmAnswers;
        if (results != null && !results.isEmpty()) {
            confirmations.recordAll(poll.getAccountId(), results);
            results.clear();
        }
    }

    /** The orders to re-read after confirming (changed addresses, refusals), each with the site it came from. */
    public List<Recheck> recheckOrders(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll) throws SQLException {
        List<Recheck> rechecks = new ArrayList<>();
        for (String orderNo : new LinkedHashSet<>(poll.getConfirmedShipments())) {
            String[] known = deliveredAs(poll.getAccountId(), orderNo);
            rechecks.add(new Recheck(orderNo, known == null ? Marketplace.GMARKET : Marketplace.fromCode(known[0])));
        }
        return rechecks;
    }

    /** A lookup by order number (orderStatus 0) of the site the order came from. */
    public ApiRequest recheckRequest(@Body Recheck recheck) {
        return lookup(recheck.site(), recheck.orderNo(), clock, "re-read of OrderNo " + recheck.orderNo());
    }

    /** RequestOrders by order number: exempt from the order-query bucket; the dates are sent because ESM requires them. */
    static ApiRequest lookup(Marketplace site, String orderNo, Clock clock, String purpose) {
        OffsetDateTime now = OffsetDateTime.now(clock).atZoneSameInstant(CursorStore.SEOUL).toOffsetDateTime();
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.put("siteType", EsmOrderMapper.siteType(site));
        body.put("orderStatus", 0);
        body.put("orderNo", Long.parseLong(orderNo));
        body.put("requestDateType", 1);
        body.put("requestDateFrom", WINDOW.format(now.minusDays(30)));
        body.put("requestDateTo", WINDOW.format(now.plusMinutes(1)));
        return ApiRequest.withBody("POST", REQUEST_ORDERS, body.toString(), purpose);
    }

    public void readRecheck(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll,
                            @Variable(RECHECK) Recheck recheck, @Body JsonNode answer) throws SQLException {
        String orderNo = recheck.orderNo();
        Marketplace site = recheck.site();
        if (!EsmApi.resultOk(answer)) {
            return; // the unit stays as recorded; the next poll tries again
        }
        JsonNode row = null;
        for (JsonNode r : answer.path("Data").path("RequestOrders")) {
            if (orderNo.equals(r.path("OrderNo").asText())) {
                row = r;
            }
        }
        Confirmations.Answer refusal = poll.refusals().remove(orderNo);
        if (row == null) {
            if (refusal != null) { // claim orders are not listed: cancelled or claimed, the refusal stands
                confirmations.recordAll(poll.getAccountId(), List.of(refusal));
            }
            return;
        }
        if (row.path("OrderStatus").asInt(0) >= 2 && confirmations.isUnconfirmed(poll.getAccountId(), orderNo)) {
            confirmations.record(poll.getAccountId(), orderNo, Confirmations.CONFIRMED, "ALREADY_CONFIRMED",
                    "OrderStatus " + row.path("OrderStatus").asInt() + " at ESM");
            poll.addConfirmed(1);
        }
        String orderId = confirmations.orderIdOf(poll.getAccountId(), orderNo);
        if (orderId != null && EsmOrderMapper.hasAddress(row) && poll.getAccount().flag(EsmConnector.RECHECK_AFTER_CONFIRM)
                && orderChanges.recordReceiver(site, poll.getAccountId(), orderId, EsmOrderMapper.receiverOf(row),
                JsonFields.blankToNull(JsonFields.text(row, "DelMemo")))) {
            poll.addChange();
        }
    }

    /** {marketplace code, order id} of a delivered OrderNo of the account, or null. */
    String[] deliveredAs(String accountId, String orderNo) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT marketplace, order_id FROM MB_CONFIRMATION WHERE account_id = ? AND shipment_id = ?")) {
            Jdbc.bind(ps, accountId, orderNo);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }
}
