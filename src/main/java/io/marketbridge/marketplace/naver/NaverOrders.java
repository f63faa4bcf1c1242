package io.marketbridge.marketplace.naver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.config.Account;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.SlicePaging;
import io.marketbridge.intake.WindowSlicer;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;

/**
 * The Naver-specific steps of routes/naver.camel.yaml: follow the change feed (last-changed-statuses) through
 * the poll's window, read the changed product orders in chunks of 300, map them to orders, confirm delivered
 * product orders in chunks of 30, and re-read those whose receiver changed or whose confirmation was refused.
 */
public class NaverOrders {

    static final String PAY_ORDER = "/v1/pay-order/seller/product-orders";
    /** The feed's default (and, as far as is known, largest) window; both bounds inclusive, in milliseconds. */
    static final WindowSlicer FEED_WINDOW = WindowSlicer.of(ChronoUnit.MILLIS, Duration.ofHours(24),
            WindowSlicer.Boundary.NEXT_GRAIN);
    /** Route variable: the chunk of product orders a confirmation call is about. */
    public static final String CHUNK = "chunk";
    static final int FEED_PAGE = 300;
    static final int QUERY_CHUNK = 300;
    static final DateTimeFormatter NAVER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    /**
     * The changes that bring an order to the seller: paid, and a gift accepted by its receiver (a gift has no
     * address until then: its PAYED change is passed over and it is delivered from its GIFT_RECEIVED one). The
     * feed is read without a type filter and these are picked out here: one pass instead of one per type, which
     * halves the calls of an account with nothing new (most of them, most of the time).
     */
    static final List<String> CHANGE_TYPES = List.of("PAYED", "GIFT_RECEIVED");

    private final IntakeErrors intakeErrors;
    private final Confirmations confirmations;
    private final OrderChanges orderChanges;

    public NaverOrders(IntakeErrors intakeErrors, Confirmations confirmations, OrderChanges orderChanges) {
        this.intakeErrors = intakeErrors;
        this.confirmations = confirmations;
        this.orderChanges = orderChanges;
    }

    /** Cuts the poll's window into feed slices of at most 24 hours. */
    public void startPaging(@ExchangeProperty(PollContext.PROPERTY) PollContext<NaverPoll> poll) {
        poll.start(new NaverPoll(poll.isSkipped() ? List.of() : FEED_WINDOW.slices(poll.getWindowFrom(), poll.getWindowTo())));
    }

    /**
     * The next call: a feed page (inclusive bounds; a follow-up page starts at `more.moreFrom` and keeps the slice's
     * end), or, once the feed is read, the next detail query (up to 300 of the collected productOrderIds).
     */
    public ApiRequest nextPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<NaverPoll> poll) {
        NaverPoll state = poll.state();
        if (!state.readingFeed()) {
            List<String> chunk = state.nextChunk();
            return queryRequest(chunk, "details of " + chunk.size() + " product orders");
        }
        return feedRequest(state.feed, "change feed");
    }

    /**
     * The next page of the feed slice being read: both bounds inclusive; a follow-up page starts at `more.moreFrom`
     * with its `moreSequence` and keeps the slice's end (the order and the claims poll read the feed alike).
     */
    static ApiRequest feedRequest(SlicePaging<NaverPoll.More> feed, String purpose) {
        WindowSlicer.Slice slice = feed.slice();
        NaverPoll.More more = feed.cursor();
        String from = more != null ? more.from() : slice.from(NAVER_TIME);
        String query = "lastChangedFrom=" + encode(from) + "&lastChangedTo=" + encode(slice.to(NAVER_TIME))
                + "&limitCount=" + FEED_PAGE
                + (more != null && more.sequence() != null ? "&moreSequence=" + encode(more.sequence()) : "");
        return ApiRequest.get(PAY_ORDER + "/last-changed-statuses", query,
                purpose + " " + slice.from(NAVER_TIME) + ".." + slice.to(NAVER_TIME));
    }

    /** Reads a feed page or a detail answer, whichever the state asked for. */
    public void readPage(@ExchangeProperty(PollContext.PROPERTY) PollContext<NaverPoll> poll, @Body JsonNode answer) {
        if (poll.state().readingFeed()) {
            readFeed(poll.state(), answer);
        } else {
            readDetails(poll, answer);
        }
    }

    private static void readFeed(NaverPoll state, JsonNode answer) {
        readFeedPage(state.feed, answer, change -> {
            String id = change.path("productOrderId").asText("");
            if (!CHANGE_TYPES.contains(change.path("lastChangedType").asText())) {
                return; // dispatched, claimed, decided...: not a new order (claims have their own poll)
            }
            if (!id.isEmpty() && state.productOrderIds.add(id)) {
                state.toQuery.add(id);
            }
        });
    }

    /** Hands each row of a feed page on, then moves the paging: to the `more` position, or past the slice. */
    static void readFeedPage(SlicePaging<NaverPoll.More> feed, JsonNode answer, Consumer<JsonNode> row) {
        JsonNode data = answer.path("data");
        data.path("lastChangeStatuses").forEach(row);
        JsonNode more = data.get("more");
        if (more != null && more.isObject() && more.hasNonNull("moreFrom") && data.path("lastChangeStatuses").size() > 0) {
            feed.nextPage(new NaverPoll.More(more.get("moreFrom").asText(), more.path("moreSequence").asText(null)));
        } else {
            feed.sliceDone();
        }
    }

    static ApiRequest queryRequest(List<String> productOrderIds, String purpose) {
        ObjectNode body = OrderJson.mapper().createObjectNode();
        ArrayNode ids = body.putArray("productOrderIds");
        productOrderIds.forEach(ids::add);
        body.put("quantityClaimCompatibility", true);
        return ApiRequest.withBody("POST", PAY_ORDER + "/query", body.toString(), purpose);
    }

    /**
     * Keeps the product orders that are the seller's to ship now: paid, not cancelled, and with an address (a
     * gift not yet accepted comes again with its GIFT_RECEIVED change).
     */
    private static void readDetails(PollContext<NaverPoll> poll, JsonNode answer) {
        NaverPoll state = poll.state();
        state.queried += state.nextChunk().size();
        int index = 0;
        for (JsonNode detail : answer.path("data")) {
            JsonNode po = detail.path("productOrder");
            poll.addFetched(1);
            if (!"PAYED".equals(po.path("productOrderStatus").asText())
                    || "WAIT_FOR_RECEIVING".equals(po.path("giftReceivingStatus").asText())) {
                continue;
            }
            String orderId = detail.path("order").path("orderId").asText("");
            String key = orderId.isEmpty() ? "productOrder:" + po.path("productOrderId").asText("?" + state.queried + ":" + index) : orderId;
            state.detailsByOrder.computeIfAbsent(key, k -> new ArrayList<>()).add(detail);
            index++;
        }
    }

    /** Maps every collected order; one that cannot be mapped goes to MB_INTAKE_ERROR and the rest go on. */
    public void mapCollected(@ExchangeProperty(PollContext.PROPERTY) PollContext<NaverPoll> poll) throws SQLException {
        NaverPoll state = poll.state();
        for (Map.Entry<String, List<JsonNode>> group : state.detailsByOrder.entrySet()) {
            intakeErrors.mapInto(poll, Marketplace.NAVER, "orderId:" + group.getKey(),
                    () -> NaverOrderMapper.map(poll.getAccountId(), group.getValue()), () -> {
                        ArrayNode raw = OrderJson.mapper().createArrayNode();
                        group.getValue().forEach(raw::add);
                        return raw.toString();
                    });
        }
        state.detailsByOrder.clear();
    }

    /** Re-maps a stored raw payload (a JSON array of product-order details) for a replay. */
    public static Order mapRaw(Account account, String rawPayload) {
        return NaverOrderMapper.map(account.id(), JsonFields.rawPayload(rawPayload));
    }

    // ------------------------------------------------------------ confirm (발주 확인)

    /** The poll account's delivered, unconfirmed product orders in chunks of at most 30. */
    public List<List<String>> pendingConfirmations(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll)
            throws SQLException {
        return confirmations.pendingChunks(poll.getAccountId(), poll.getAccount().integer(NaverConnector.CONFIRM_CHUNK_SIZE));
    }

    /** The confirmation of one chunk of productOrderIds. */
    public ApiRequest confirmRequest(@Body List<String> ids) {
        ObjectNode body = OrderJson.mapper().createObjectNode();
        ArrayNode array = body.putArray("productOrderIds");
        ids.forEach(array::add);
        return ApiRequest.withBody("POST", PAY_ORDER + "/confirm", body.toString(),
                "confirmation of " + ids.size() + " product orders");
    }

    /**
     * Records the per-item results. A refused item stays FAILED until a re-read shows what it means (already
     * confirmed by an earlier run, or cancelled meanwhile); an item whose receiver changed is re-read too.
     */
    public void readConfirmation(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll,
                                 @Variable(CHUNK) List<String> chunk, @Body JsonNode answer) throws SQLException {
        JsonNode data = answer.path("data");
        Set<String> answered = new LinkedHashSet<>();
        List<Confirmations.Answer> answers = new ArrayList<>();
        boolean recheck = poll.getAccount().flag(NaverConnector.RECHECK_AFTER_CONFIRM);
        for (JsonNode ok : data.path("successProductOrderInfos")) {
            String id = ok.path("productOrderId").asText();
            if (!chunk.contains(id) || !answered.add(id)) {
                continue;
            }
            answers.add(new Confirmations.Answer(id, Confirmations.CONFIRMED, "OK", null));
            poll.addConfirmed(1);
            if (recheck && ok.path("isReceiverAddressChanged").asBoolean(false)) {
                poll.getConfirmedShipments().add(id);
            }
        }
        for (JsonNode fail : data.path("failProductOrderInfos")) {
            String id = fail.path("productOrderId").asText();
            if (!chunk.contains(id) || !answered.add(id)) {
                continue;
            }
            String code = fail.path("code").asText(null);
            String message = fail.path("message").asText(null);
            answers.add(new Confirmations.Answer(id, Confirmations.FAILED, code, message));
            poll.refusals().put(id, new Confirmations.Answer(id, Confirmations.REJECTED, code, message));
            poll.getConfirmedShipments().add(id);
            poll.addConfirmFailed(1);
        }
        for (String id : chunk) {
            if (!answered.contains(id)) {
                answers.add(new Confirmations.Answer(id, Confirmations.FAILED, "NO_RESULT", "no per-item result in the answer"));
                poll.getConfirmedShipments().add(id);
                poll.addConfirmFailed(1);
            }
        }
        confirmations.recordAll(poll.getAccountId(), answers);
    }

    /** The product orders to re-read after confirming, in chunks of at most 300. */
    public List<List<String>> recheckChunks(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(poll.getConfirmedShipments()));
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += QUERY_CHUNK) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + QUERY_CHUNK)));
        }
        return chunks;
    }

    /** The re-read of one chunk. */
    public ApiRequest recheckRequest(@Body List<String> ids) {
        return queryRequest(ids, "re-read of " + ids.size() + " product orders");
    }

    /**
     * After confirming: a refused item already confirmed at Naver counts as confirmed; one no longer PAYED
     * keeps its refusal; a changed receiver becomes an ADDRESS_CHANGED row.
     */
    public void readRecheck(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll, @Body JsonNode answer)
            throws SQLException {
        Map<String, JsonNode> byOrder = new HashMap<>();
        for (JsonNode detail : answer.path("data")) {
            JsonNode po = detail.path("productOrder");
            String id = po.path("productOrderId").asText();
            Confirmations.Answer refusal = poll.refusals().remove(id);
            if ("OK".equals(po.path("placeOrderStatus").asText()) && confirmations.isUnconfirmed(poll.getAccountId(), id)) {
                confirmations.record(poll.getAccountId(), id, Confirmations.CONFIRMED, "ALREADY_CONFIRMED",
                        "placeOrderStatus is OK at Naver");
                poll.addConfirmed(1);
            } else if (refusal != null && (!"PAYED".equals(po.path("productOrderStatus").asText())
                    || NaverOrderMapper.claim(detail, po) != null && NaverOrderMapper.status("PAYED", null,
                    NaverOrderMapper.claim(detail, po)).name().endsWith("_REQUESTED"))) {
                // cancelled, gone, or with an open claim: the refusal stands
                confirmations.recordAll(poll.getAccountId(), List.of(refusal));
            }
            String orderId = confirmations.orderIdOf(poll.getAccountId(), id);
            if (orderId != null && po.path("shippingAddress").isObject()) {
                byOrder.putIfAbsent(orderId, po);
            }
        }
        if (!poll.getAccount().flag(NaverConnector.RECHECK_AFTER_CONFIRM)) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : byOrder.entrySet()) {
            JsonNode po = e.getValue();
            String memo = po.path("shippingMemo").asText("");
            if (orderChanges.recordReceiver(Marketplace.NAVER, poll.getAccountId(), e.getKey(),
                    NaverOrderMapper.receiverOf(po.get("shippingAddress")), memo.isBlank() ? null : memo)) {
                poll.addChange();
            }
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
