package io.marketbridge.simulator.lotteon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.Arrivals;
import io.marketbridge.simulator.BuyerClaimPlan;
import io.marketbridge.simulator.CallRates;
import io.marketbridge.simulator.ClaimSwitches;
import io.marketbridge.simulator.MarketplaceSimulator;
import io.marketbridge.simulator.SimHttp;
import io.marketbridge.simulator.SimReply;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol-faithful Lotte ON OpenAPI (facts: docs/lotteon.md) for tests and the demo. This class
 * is the gateway; the orders live in {@link LotteonStore}, the delivery operations are {@link LotteonDelivery}.
 *
 * <ul>
 *   <li>Auth: the API key as {@code Authorization: Bearer <key>} or a {@code Key} query parameter (keyPlacement
 *       switch: bearer, query, either); an unknown key is HTTP 401, an unregistered IP (ipDenied) HTTP 403, each
 *       with an envelope saying so.</li>
 *   <li>Envelope {@code {"returnCode":"0000","message":...,"data":...}}; a business error is HTTP 200 with its code
 *       (2003: a search window over one day).</li>
 *   <li>GET (or POST) /v1/openapi/common/v1/identity: the trader (trGrpCd, trDvsCd, trNo, trNm).</li>
 *   <li>POST /v1/openapi/delivery/v1/SellerDeliveryOrdersSearch, SellerIfCompleteInform,
 *       SellerDeliveryProgressStateInform, SellerDeliveryProgressStateSearch ({@link LotteonDelivery}); the older
 *       spellings with the legacyPaths switch.</li>
 *   <li>Limits: rate-limit-per-second calls per key (HTTP 429 with Retry-After).</li>
 *   <li>Faults (POST /_simulator/lotteon/faults): latencyMs, errorRate, failStatus/failCount, malformedCount (bodies
 *       cut off), malformedRowRate, ipDenied, rowCode/rowCount (rows refused inside a "0000" envelope); and the
 *       switches of the uncertain points: keyPlacement, requireTrNo, ifCompleteMovesToPreparing, requireStep12,
 *       rowResults, slAmtPerUnit, dvCstOnEveryRow, legacyPaths.</li>
 *   <li>Buyers: cancel lines not yet acknowledged, and return shipped ones (a new RTRV row at step 23), through the
 *       control endpoint or on their own at the claims.* rates.</li>
 * </ul>
 */
public class LotteonSimulator implements MarketplaceSimulator {

    public static final String NAME = "lotteon";
    /** A field no document names, on every order row: clients must ignore what they do not know. */
    public static final String UNKNOWN_FIELD = "unannouncedField";

    private static final Logger LOG = LoggerFactory.getLogger(LotteonSimulator.class);
    private static final String API = "/v1/openapi/";
    private static final String DELIVERY = API + "delivery/v1/";
    private static final Map<String, String> LEGACY = Map.of("DeliveryOrdersSearch", "SellerDeliveryOrdersSearch",
            "SellerDeliveryOrderSearch", "SellerDeliveryOrdersSearch", "IfCompleteInform", "SellerIfCompleteInform",
            "DeliveryProgressStateInform", "SellerDeliveryProgressStateInform",
            "DeliveryProgressStateSearch", "SellerDeliveryProgressStateSearch");

    private final LotteonSimulatorSettings settings;
    private final LotteonFaults faults = new LotteonFaults();
    private final LotteonStore store;
    private final LotteonDelivery delivery;
    private final BuyerClaimPlan buyers;
    private final CallRates rates = new CallRates();
    private final Map<String, Deque<Long>> admitted = new ConcurrentHashMap<>();
    private final LotteonControl control;
    private volatile int rateLimitPerSecond;
    private Arrivals arrivals;

    public LotteonSimulator(LotteonSimulatorSettings settings) {
        this.settings = settings;
        this.rateLimitPerSecond = Math.max(1, settings.rateLimitPerSecond());
        this.store = new LotteonStore(settings, faults);
        this.buyers = new BuyerClaimPlan(settings.claims(), settings.randomSeed() + 1);
        this.delivery = new LotteonDelivery(store, faults, this::shipped);
        this.control = new LotteonControl(this, store, faults, rates);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> paths() {
        return List.of(API);
    }

    @Override
    public String summary() {
        return store.traderCount() + " trader(s)";
    }

    @Override
    public void start() {
        if ((settings.arrivalPerMinute() <= 0 && !buyers.switches().active()) || store.traderCount() == 0) {
            return;
        }
        arrivals = Arrivals.start(NAME, settings.arrivalPerMinute(), (count, now) -> {
            for (LotteonTrader t : store.traders()) {
                for (int i = 0; i < count; i++) {
                    createOrder(t.trNo, now, store.randomLines());
                }
            }
            tickBuyers(now);
        });
    }

    @Override
    public void stop() {
        if (arrivals != null) {
            arrivals.stop();
        }
    }

    // ---------------------------------------------------------------- HTTP

    @Override
    public void handle(HttpExchange http) throws IOException {
        try (http) {
            SimReply reply;
            try {
                reply = answer(http);
            } catch (RuntimeException e) {
                LOG.warn("Lotte ON simulator failed on {}: {}", http.getRequestURI().getPath(), e.toString());
                reply = LotteonReplies.serverError(500);
            }
            if (faults.malformedNext.poll() != null) {
                reply = reply.truncated();
            }
            SimHttp.send(http, reply);
        }
    }

    @Override
    public void handleControl(HttpExchange http) throws IOException {
        control.handle(http);
    }

    private SimReply answer(HttpExchange http) throws IOException {
        SimHttp.pause(faults.latencyMs);
        String operation = operation(http.getRequestURI().getPath());
        if (operation == null) {
            return LotteonReplies.notFound();
        }
        Integer forced = faults.failNext.poll();
        if (forced != null) {
            return forced == 429 ? LotteonReplies.tooMany() : LotteonReplies.serverError(forced);
        }
        if (faults.errorRate > 0 && ThreadLocalRandom.current().nextDouble() < faults.errorRate) {
            return LotteonReplies.serverError(500);
        }
        String key = key(http);
        String trNo = key == null ? null : store.traderOfKey(key);
        if (trNo == null) {
            return LotteonReplies.badKey();
        }
        if (!admit(trNo, key)) {
            return LotteonReplies.tooMany();
        }
        if (faults.ipDenied) {
            return LotteonReplies.ipDenied(http.getRemoteAddress().getAddress().getHostAddress());
        }
        LotteonTrader trader = store.trader(trNo);
        if (operation.equals("identity")) {
            ObjectNode data = LotteonReplies.object();
            data.put("trGrpCd", "SR");
            data.put("trDvsCd", "1");
            data.put("trNo", trader.trNo);
            data.put("trNm", trader.trNm);
            return LotteonReplies.ok(data);
        }
        if (!http.getRequestMethod().equals("POST")) {
            return LotteonReplies.envelope(405, "405", "허용되지 않은 메소드입니다.", null);
        }
        byte[] bytes = SimHttp.body(http);
        JsonNode body;
        try {
            body = bytes == null ? null : LotteonReplies.JSON.readTree(bytes);
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return LotteonReplies.error("2000", "요청 본문이 올바른 JSON 이 아닙니다.");
        }
        return switch (operation) {
            case "SellerDeliveryOrdersSearch" -> delivery.search(trader, body);
            case "SellerIfCompleteInform" -> delivery.ifComplete(trader, body);
            case "SellerDeliveryProgressStateInform" -> delivery.inform(trader, body);
            default -> delivery.stateSearch(trader, body);
        };
    }

    /** The operation a path names ("identity" or a delivery operation), or null when there is none. */
    private String operation(String path) {
        if (path.equals(API + "common/v1/identity")) {
            return "identity";
        }
        if (!path.startsWith(DELIVERY)) {
            return null;
        }
        String name = path.substring(DELIVERY.length());
        if (List.of("SellerDeliveryOrdersSearch", "SellerIfCompleteInform", "SellerDeliveryProgressStateInform",
                "SellerDeliveryProgressStateSearch").contains(name)) {
            return name;
        }
        return faults.legacyPaths ? LEGACY.get(name) : null;
    }

    /** The API key where the keyPlacement switch looks for it: the Bearer header, the Key query parameter, or either. */
    private String key(HttpExchange http) {
        String placement = faults.keyPlacement;
        if (!placement.equals("query")) {
            String auth = http.getRequestHeaders().getFirst("Authorization");
            if (auth != null && auth.startsWith("Bearer ")) {
                return auth.substring(7).trim();
            }
        }
        if (!placement.equals("bearer")) {
            return SimHttp.first(SimHttp.query(http.getRequestURI().getRawQuery()), "Key");
        }
        return null;
    }

    /** Counts the trader's call and tells whether its key is within rate-limit-per-second (a sliding second). */
    private boolean admit(String trNo, String key) {
        rates.record(trNo);
        long now = System.currentTimeMillis();
        Deque<Long> calls = admitted.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (calls) {
            while (!calls.isEmpty() && calls.peekFirst() <= now - 1000) {
                calls.pollFirst();
            }
            if (calls.size() >= rateLimitPerSecond) {
                return false;
            }
            calls.addLast(now);
            return true;
        }
    }

    // ---------------------------------------------------------------- buyers

    private void shipped(LotteonLine line) {
        buyers.shipped(line.order.odNo + "|" + line.odSeq + "|" + line.order.trNo, System.currentTimeMillis());
    }

    /** The buyers' due cancels and returns, as they stand now (a line shipped meanwhile is no longer cancelled). */
    void tickBuyers(ZonedDateTime now) {
        for (BuyerClaimPlan.Due due : buyers.due(System.currentTimeMillis())) {
            String[] k = due.key().split("\\|");
            try {
                int odSeq = Integer.parseInt(k[1]);
                switch (due.kind()) {
                    case CANCEL -> store.cancel(k[2], k[0], odSeq);
                    case RETURN, EXCHANGE -> store.requestReturn(k[2], k[0], odSeq,
                            buyers.quantity(store.deliveryLine(k[2], k[0], odSeq).qty), now);
                    default -> {
                        // Lotte ON's facts name no withdrawal of a return
                    }
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                // the line moved on meanwhile: the buyer's plan no longer applies
            }
        }
    }

    // ---------------------------------------------------------------- state, for tests, benchmarks and the control

    public LotteonFaults faults() {
        return faults;
    }

    public ClaimSwitches claimSwitches() {
        return buyers.switches();
    }

    public int traderCount() {
        return store.traderCount();
    }

    /** Adds a trader (with no orders), or gives it a new key. */
    public void addTrader(String trNo, String apiKey) {
        store.addTrader(trNo, apiKey);
    }

    public void setRateLimitPerSecond(int perSecond) {
        rateLimitPerSecond = Math.max(1, perSecond);
    }

    /** A paid order of the trader whose delivery instruction (step 11) was created at {@code instructedAt}. */
    public String createOrder(String trNo, ZonedDateTime instructedAt, int lines) {
        String odNo = store.createOrder(trNo, instructedAt, lines);
        if (buyers.switches().cancelRate > 0) {
            for (String seq : store.stepsOf(trNo, odNo).keySet()) {
                buyers.paid(odNo + "|" + seq.split("-")[0] + "|" + trNo, System.currentTimeMillis());
            }
        }
        return odNo;
    }

    /** The buyer cancels line odSeq before the seller's IfComplete; false when it is too late. */
    public boolean cancel(String trNo, String odNo, int odSeq) {
        return store.cancel(trNo, odNo, odSeq);
    }

    /** The buyer asks to return {@code qty} pieces (0 = all) of a shipped line; returns the claim number clmNo. */
    public String requestReturn(String trNo, String odNo, int odSeq, int qty) {
        return store.requestReturn(trNo, odNo, odSeq, qty, ZonedDateTime.now(LotteonStore.SEOUL));
    }

    /** The return's pickup moves one step (23 -> 24 -> 25); returns the new step. */
    public String pickUp(String trNo, String clmNo) {
        return store.pickUp(trNo, clmNo);
    }

    /** As if the seller shipped line odSeq in the seller office: step 13 with this courier code and number. */
    public void shipInSellerOffice(String trNo, String odNo, int odSeq, String dvCoCd, String invcNo) {
        store.shipInSellerOffice(trNo, odNo, odSeq, dvCoCd, invcNo);
    }

    public List<String> orderIds(String trNo) {
        return store.orderIds(trNo);
    }

    /** odSeq-procSeq -> odPrgsStepCd of the order's rows (CANCELLED for a cancelled line). */
    public Map<String, String> stepsOf(String trNo, String odNo) {
        return store.stepsOf(trNo, odNo);
    }

    /** ifCplYN of line odSeq (its delivery row). */
    public String ifCompleteOf(String trNo, String odNo, int odSeq) {
        return store.deliveryLine(trNo, odNo, odSeq).ifCplYN;
    }

    /** dvCoCd/invcNo of line odSeq, null when not shipped. */
    public String invoiceOf(String trNo, String odNo, int odSeq) {
        LotteonLine l = store.deliveryLine(trNo, odNo, odSeq);
        return l.invcNo == null ? null : l.dvCoCd + "/" + l.invcNo;
    }

    /** How many step-13 informs shipped line odSeq (more than one would be a double send). */
    public int shipmentsOf(String trNo, String odNo, int odSeq) {
        return store.deliveryLine(trNo, odNo, odSeq).shipments;
    }

    /** The stock Lotte ON shows for a sitmNo (100 less what orders took); null for one no order has named yet. */
    public Long stockOf(String sitmNo) {
        java.util.concurrent.atomic.AtomicLong qty = store.stockBySitmNo.get(sitmNo);
        return qty == null ? null : qty.get();
    }

    public long searchCalls() {
        return store.searchCalls.get();
    }

    public long ifCompleteCalls() {
        return store.ifCompleteCalls.get();
    }

    public long informCalls() {
        return store.informCalls.get();
    }

    public long stateCalls() {
        return store.stateCalls.get();
    }

    public CallRates rates() {
        return rates;
    }
}
