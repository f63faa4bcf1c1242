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
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.MappingException;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
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
    static final String MORE_PAGES = "mbMorePages";

    /** One site's share of a poll: its slices and where paging stands. */
    static final class SiteQuery {
        final Marketplace site;
        final String sellerId;
        final List<String[]> slices = new ArrayList<>();
        int slice;
        int page = 1;

        SiteQuery(Marketplace site, String sellerId) {
            this.site = site;
            this.sellerId = sellerId;
        }

        boolean done() {
            return slice >= slices.size();
        }

        String bucket() {
            return (site == Marketplace.GMARKET ? "G:" : "A:") + sellerId;
        }
    }

    static final class Paging {
        final List<SiteQuery> sites = new ArrayList<>();
        int turn;
        SiteQuery current;
        final Set<String> orderNos = new LinkedHashSet<>();
        /** "GMARKET|PayNo" -> rows. */
        final Map<String, List<JsonNode>> byCart = new LinkedHashMap<>();
        /** The earliest payment time of an order held for its phones, or null. */
        OffsetDateTime heldFrom;
        int held;
        int giftsWaiting;
    }

    private final IntakeErrors intakeErrors;
    private final Confirmations confirmations;
    private final OrderChanges orderChanges;
    private final CursorStore cursors;
    private final DataSource dataSource;
    private final Clock clock;

    public EsmOrders(IntakeErrors intakeErrors, Confirmations confirmations, OrderChanges orderChanges, CursorStore cursors,
                     DataSource dataSource, Clock clock) {
        this.intakeErrors = intakeErrors;
        this.confirmations = confirmations;
        this.orderChanges = orderChanges;
        this.cursors = cursors;
        this.dataSource = dataSource;
        this.clock = clock;
    }

    // ------------------------------------------------------------ poll

    public void startPaging(Exchange exchange) {
        PollContext poll = poll(exchange);
        Account account = poll.getAccount();
        Paging paging = new Paging();
        if (!poll.isSkipped()) {
            OffsetDateTime from = poll.getWindowFrom().atZoneSameInstant(CursorStore.SEOUL).toOffsetDateTime()
                    .truncatedTo(ChronoUnit.MINUTES);
            OffsetDateTime to = poll.getWindowTo().atZoneSameInstant(CursorStore.SEOUL).toOffsetDateTime()
                    .truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
            addSite(paging, Marketplace.GMARKET, account.get(EsmConnector.GMARKET_SELLER_ID),
                    account.integer(EsmConnector.GMARKET_WINDOW_DAYS), from, to);
            addSite(paging, Marketplace.AUCTION, account.get(EsmConnector.AUCTION_SELLER_ID),
                    account.integer(EsmConnector.AUCTION_WINDOW_DAYS), from, to);
        }
        poll.paging(paging);
        exchange.setProperty(MORE_PAGES, paging.sites.stream().anyMatch(s -> !s.done()));
    }

    private static void addSite(Paging paging, Marketplace site, String sellerId, int maxDays, OffsetDateTime from,
                                OffsetDateTime to) {
        if (sellerId == null || sellerId.isBlank()) {
            return;
        }
        SiteQuery q = new SiteQuery(site, sellerId.trim());
        OffsetDateTime start = from;
        while (true) {
            OffsetDateTime end = start.plusDays(maxDays);
            if (!end.isBefore(to)) {
                q.slices.add(new String[] {WINDOW.format(start), WINDOW.format(to)});
                break;
            }
            q.slices.add(new String[] {WINDOW.format(start), WINDOW.format(end)});
            start = end; // the boundary minute is read by both slices
        }
        paging.sites.add(q);
    }

    /** The next order query: the sites take turns. */
    public void nextPage(Exchange exchange) {
        PollContext poll = poll(exchange);
        Paging paging = poll.paging();
        SiteQuery q = null;
        for (int i = 0; i < paging.sites.size() && q == null; i++) {
            SiteQuery candidate = paging.sites.get((paging.turn + i) % paging.sites.size());
            if (!candidate.done()) {
                q = candidate;
                paging.turn = (paging.turn + i + 1) % paging.sites.size();
            }
        }
        paging.current = q;
        Account account = poll.getAccount();
        String[] slice = q.slices.get(q.slice);
        ObjectNode body = OrderJson.mapper().createObjectNode();
        body.put("siteType", EsmOrderMapper.siteType(q.site));
        body.put("orderStatus", 1);
        body.put("requestDateType", account.integer(EsmConnector.REQUEST_DATE_TYPE));
        body.put("requestDateFrom", slice[0]);
        body.put("requestDateTo", slice[1]);
        body.put("pageIndex", q.page);
        body.put("pageSize", account.integer(EsmConnector.PAGE_SIZE));
        exchange.setProperty(ApiRequest.PROPERTY, ApiRequest.withBody("POST", REQUEST_ORDERS, body.toString(),
                q.site.code() + " orders " + slice[0] + ".." + slice[1] + " page " + q.page));
        exchange.setProperty(EsmApi.BUCKET, q.bucket());
        exchange.removeProperty(EsmApi.KEEP_RESULT);
    }

    public void readPage(Exchange exchange) {
        PollContext poll = poll(exchange);
        Paging paging = poll.paging();
        SiteQuery q = paging.current;
        exchange.removeProperty(EsmApi.BUCKET);
        JsonNode data = exchange.getMessage().getBody(JsonNode.class).path("Data");
        JsonNode rows = data.path("RequestOrders");
        for (JsonNode row : rows) {
            String orderNo = row.path("OrderNo").asText("");
            poll.addFetched(1);
            if (orderNo.isEmpty() || !paging.orderNos.add(orderNo)) {
                continue; // read twice at a slice boundary
            }
            paging.byCart.computeIfAbsent(q.site.name() + "|" + row.path("PayNo").asText("?" + orderNo), k -> new ArrayList<>()).add(row);
        }
        int total = data.path("TotalCount").asInt(0);
        // the page size ESM applied (it may clamp ours), else ours
        int size = data.path("PageSize").asInt(poll.getAccount().integer(EsmConnector.PAGE_SIZE));
        if (rows.isEmpty() || (long) q.page * Math.max(1, size) >= total) {
            q.slice++;
            q.page = 1;
        } else {
            q.page++;
        }
        exchange.setProperty(MORE_PAGES, paging.sites.stream().anyMatch(s -> !s.done()));
    }

    /** Maps every complete cart; holds those without a receiver phone (within phone-hold); records unmappable ones. */
    public void mapCollected(Exchange exchange) throws SQLException {
        PollContext poll = poll(exchange);
        Paging paging = poll.paging();
        OffsetDateTime now = OffsetDateTime.now(clock).atZoneSameInstant(CursorStore.SEOUL).toOffsetDateTime();
        java.time.Duration hold = poll.getAccount().duration(EsmConnector.PHONE_HOLD);
        for (Map.Entry<String, List<JsonNode>> cart : paging.byCart.entrySet()) {
            Marketplace site = Marketplace.valueOf(cart.getKey().substring(0, cart.getKey().indexOf('|')));
            List<JsonNode> rows = cart.getValue();
            JsonNode addressed = rows.stream().filter(EsmOrderMapper::hasAddress).findFirst().orElse(null);
            if (addressed == null) {
                paging.giftsWaiting++;
                continue;
            }
            try {
                if (EsmOrderMapper.phonesMissing(addressed)) {
                    OffsetDateTime paid = EsmOrderMapper.time(addressed, "PayDate");
                    if (paid != null && paid.plus(hold).isAfter(now)) {
                        paging.held++;
                        if (paging.heldFrom == null || paid.isBefore(paging.heldFrom)) {
                            paging.heldFrom = paid;
                        }
                        continue;
                    }
                }
                poll.getOrders().add(EsmOrderMapper.map(site, poll.getAccountId(), rows));
            } catch (MappingException | IllegalArgumentException e) {
                intakeErrors.record(site, poll.getAccountId(), "PayNo:" + cart.getKey().substring(cart.getKey().indexOf('|') + 1),
                        ErrorType.MAPPING, e, EsmOrderMapper.rawPayload(site, rows));
                poll.addMappingError();
            }
        }
        if (paging.held > 0 || paging.giftsWaiting > 0) {
            LOG.info("account={} job=orders held={} (receiver phone not filled in yet) gifts-waiting={} (no address yet)",
                    poll.getAccountId(), paging.held, paging.giftsWaiting);
        }
        paging.byCart.clear();
    }

    /**
     * Moves the cursor to the end of the window, or, while orders are held for their phones, to the payment minute
     * of the earliest of them, so the next poll reads them again.
     */
    public void advanceCursor(Exchange exchange) throws SQLException {
        PollContext poll = poll(exchange);
        if (poll == null || poll.isSkipped()) {
            return;
        }
        Paging paging = poll.paging();
        OffsetDateTime to = poll.getWindowTo();
        if (paging != null && paging.heldFrom != null) {
            OffsetDateTime held = paging.heldFrom.truncatedTo(ChronoUnit.MINUTES);
            if (held.isBefore(to)) {
                to = held;
            }
        }
        cursors.store(poll.getAccountId(), poll.getJob(), to.toInstant());
    }

    /** Re-maps a stored raw payload ({SiteType, RequestOrders}) for a replay. */
    public static Order mapRaw(Account account, String rawPayload) {
        return EsmOrderMapper.mapRaw(account.id(), rawPayload);
    }

    // ------------------------------------------------------------ confirm (주문확인)

    /** Body: the account's delivered, unconfirmed OrderNos (OrderCheck takes one at a time). */
    public List<String> pendingConfirmations(Exchange exchange) throws SQLException {
        // set here, on the poll's exchange: the split's copies share this list, and recordConfirmations sees it
        exchange.setProperty(CONFIRM_RESULTS, new ArrayList<Confirmations.Answer>());
        return confirmations.pending(poll(exchange).getAccountId());
    }

    /** Body: one OrderNo. */
    public void confirmRequest(Exchange exchange) {
        String orderNo = exchange.getMessage().getBody(String.class);
        exchange.setProperty("mbOrderNo", orderNo);
        exchange.setProperty(ApiRequest.PROPERTY, ApiRequest.withBody("POST", ORDER_CHECK + orderNo, "{}",
                "confirmation (OrderCheck) of OrderNo " + orderNo));
        exchange.setProperty(EsmApi.KEEP_RESULT, true);
        exchange.removeProperty(EsmApi.BUCKET);
    }

    public void readConfirmation(Exchange exchange) throws SQLException {
        PollContext poll = poll(exchange);
        String orderNo = exchange.getProperty("mbOrderNo", String.class);
        JsonNode answer = exchange.getMessage().getBody(JsonNode.class);
        if (EsmApi.resultOk(answer)) {
            keepConfirmation(exchange, new Confirmations.Answer(orderNo, Confirmations.CONFIRMED, "OK", null));
            poll.addConfirmed(1);
            if (answer.path("Data").path("IsChanged").asInt(0) == 1 && poll.getAccount().flag(EsmConnector.RECHECK_AFTER_CONFIRM)) {
                poll.getConfirmedShipments().add(orderNo);
            }
            return;
        }
        String code = EsmApi.resultCode(answer);
        String message = answer.path("Message").asText("");
        // FAILED until a re-read shows what it means (confirmed by an earlier run, cancelled meanwhile)
        keepConfirmation(exchange, new Confirmations.Answer(orderNo, Confirmations.FAILED, code, message));
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
    private static final String CONFIRM_RESULTS = "mbEsmConfirmResults";

    private void keepConfirmation(Exchange exchange, Confirmations.Answer answer) throws SQLException {
        @SuppressWarnings("unchecked")
        List<Confirmations.Answer> results = exchange.getProperty(CONFIRM_RESULTS, List.class);
        if (results == null) {
            // not started by pendingConfirmations: nothing would write a kept answer later, so write it now
            confirmations.recordAll(poll(exchange).getAccountId(), List.of(answer));
            return;
        }
        results.add(answer);
        if (results.size() >= CONFIRM_RESULTS_BATCH) {
            recordConfirmations(exchange);
        }
    }

    /** Writes the OrderCheck answers not written yet (after the calls, and when a call fails half-way). */
    public void recordConfirmations(Exchange exchange) throws SQLException {
        @SuppressWarnings("unchecked")
        List<Confirmations.Answer> results = exchange.getProperty(CONFIRM_RESULTS, List.class);
        if (results != null && !results.isEmpty()) {
            confirmations.recordAll(poll(exchange).getAccountId(), results);
            results.clear();
        }
    }

    /** Body: the OrderNos to re-read after confirming (changed addresses, refusals). */
    public List<String> recheckOrders(Exchange exchange) {
        return List.copyOf(new LinkedHashSet<>(poll(exchange).getConfirmedShipments()));
    }

    /** Body: one OrderNo; a lookup by order number (orderStatus 0) of the site the order came from. */
    public void recheckRequest(Exchange exchange) throws SQLException {
        PollContext poll = poll(exchange);
        String orderNo = exchange.getMessage().getBody(String.class);
        String[] known = deliveredAs(poll.getAccountId(), orderNo);
        Marketplace site = known == null ? Marketplace.GMARKET : Marketplace.fromCode(known[0]);
        exchange.setProperty("mbOrderNo", orderNo);
        exchange.setProperty("mbSite", site);
        exchange.setProperty(ApiRequest.PROPERTY, lookup(site, orderNo, clock, "re-read of OrderNo " + orderNo));
        exchange.setProperty(EsmApi.KEEP_RESULT, true);
        exchange.removeProperty(EsmApi.BUCKET);
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

    public void readRecheck(Exchange exchange) throws SQLException {
        PollContext poll = poll(exchange);
        String orderNo = exchange.getProperty("mbOrderNo", String.class);
        Marketplace site = exchange.getProperty("mbSite", Marketplace.class);
        JsonNode answer = exchange.getMessage().getBody(JsonNode.class);
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

    private static PollContext poll(Exchange exchange) {
        return exchange.getProperty(PollContext.PROPERTY, PollContext.class);
    }
}
