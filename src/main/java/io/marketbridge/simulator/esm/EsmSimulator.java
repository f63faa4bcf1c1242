package io.marketbridge.simulator.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.Arrivals;
import io.marketbridge.simulator.CallRates;
import io.marketbridge.simulator.ClaimSwitches;
import io.marketbridge.simulator.MarketplaceSimulator;
import io.marketbridge.simulator.SimHttp;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.SimulatedClaimLine;
import io.marketbridge.simulator.esm.EsmFaults.Forced;
import io.marketbridge.simulator.esm.EsmSimulatorSettings.Master;
import io.marketbridge.simulator.esm.EsmTokenCheck.Caller;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ESM Plus Trading API 2.0 (Gmarket and Auction behind one API) as far as order integration needs it, on the
 * real paths: every call carries a self-signed HS256 JWT (header kid = master ID; claims sub "sell", aud
 * "sa.esmplus.com", iat, ssi "A:...,G:...") verified against the master's secret, with ESM's 401 body for any
 * failure; RequestOrders with its site codes (Auction 1, Gmarket 2), minute-precision windows (31 days on
 * Gmarket, 180 on Auction), pageIndex/pageSize paging and one call per interval per site seller ID (ResultCode
 * 3000 otherwise; order-number lookups exempt); OrderCheck (status 1 -> 2, IsChanged after an address change)
 * and ShippingInfo (status 2 -> 3, integer courier codes, ShippingDate within 2 days); money as 4-decimal
 * strings, dates ISO local without offset, phones null for a while after payment (a switch), gifts without
 * an address until accepted; the static courier list; business errors, latency and HTTP faults as switches;
 * claims: the Cancels (SiteType 1/3), Returns and Exchanges lists with their under-7-day windows, cancel approval,
 * SoldOut and return approval, buyers who cancel, return, exchange and withdraw (claims.* switches, control calls);
 * goods stock per site ({@link GoodsStockHandler}).
 * Facts: docs/esm.md.
 *
 * <p>This class is the gateway: latency, routing, the token check, call rates and forced faults; each API
 * resource answers in its own handler, the state lives in {@link EsmStore}, the control endpoint in
 * {@link EsmControl}.
 */
public class EsmSimulator implements MarketplaceSimulator {

    /** The marketplace's one name: control endpoint /_simulator/esm/, properties marketbridge.simulators.esm.*. */
    public static final String NAME = "esm";

    static final String REQUEST_ORDERS = "/shipping/v1/Order/RequestOrders";
    static final String PRE_REQUEST_ORDERS = "/shipping/v1/Order/PreRequestOrders";
    static final String SHIPPING_INFO = "/shipping/v1/Delivery/ShippingInfo";
    static final String DELIVERY_COMPANIES = "/item/v1/shipping/delivery-company";
    /**
     * A field no documented answer has, on every answer object: APIs add fields without notice, so a client must
     * ignore what it does not know.
     */
    public static final String UNKNOWN_FIELD = EsmReplies.UNKNOWN_FIELD;
    public static final String AUDIENCE = EsmTokenCheck.AUDIENCE;
    public static final String DENIED = EsmReplies.DENIED;
    public static final String RATE_LIMIT_MESSAGE = RequestOrdersHandler.RATE_LIMIT_MESSAGE;
    /** A forced ResultCode 3000 on a stock call reads as the call limit (esm.md 2.8: 3000 is both). */
    public static final String STOCK_LIMIT_MESSAGE = "호출 횟수 제한을 초과하였습니다.";

    /** The API resources the simulator answers; forced faults may name one. */
    public enum Api {
        REQUEST_ORDERS, ORDER_CHECK, SHIPPING_INFO, DELIVERY_COMPANIES, CANCELS, RETURNS, EXCHANGES, CANCEL_APPROVE,
        SOLD_OUT, RETURN_APPROVE, STOCK
    }

    static final String CANCELS = "/claim/v1/sa/Cancels";
    static final String RETURNS = "/claim/v1/sa/Returns";
    static final String EXCHANGES = "/claim/v1/sa/Exchanges";

    private static final Logger LOG = LoggerFactory.getLogger(EsmSimulator.class);

    private final EsmSimulatorSettings settings;
    private final EsmStore store;
    private final EsmFaults faults;
    private final EsmTokenCheck tokens;
    private final EsmReplies replies;
    private final Map<Api, EsmHandler> handlers = new EnumMap<>(Api.class);
    private final EsmControl control;
    private final EsmClaims claims;
    private final GoodsStockHandler stock;
    /** The rates masters called at (all APIs), for the stats. */
    private final CallRates rates = new CallRates();
    private final ObjectMapper json = new ObjectMapper();
    private Arrivals arrivals;

    public EsmSimulator(EsmSimulatorSettings settings) {
        this(settings, Clock.system(EsmStore.SEOUL));
    }

    /** A simulator whose orders, bucket and date checks run on {@code clock}. */
    public EsmSimulator(EsmSimulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.store = new EsmStore(settings.randomSeed(), settings.orderQueryInterval(), clock);
        this.faults = new EsmFaults(settings.maxPageSize(), settings.freshPhoneDelay());
        this.tokens = new EsmTokenCheck(store, () -> faults.iatAs);
        this.replies = new EsmReplies(store);
        handlers.put(Api.REQUEST_ORDERS, new RequestOrdersHandler(store, faults, replies));
        handlers.put(Api.ORDER_CHECK, new OrderCheckHandler(store, faults, replies));
        handlers.put(Api.SHIPPING_INFO, new ShippingInfoHandler(store, replies));
        handlers.put(Api.DELIVERY_COMPANIES, new DeliveryCompaniesHandler(replies));
        this.claims = new EsmClaims(store, settings.claims(), settings.randomSeed() + 1);
        handlers.put(Api.CANCELS, new ClaimListHandler(EsmClaim.Kind.CANCEL, store, claims, faults, replies));
        handlers.put(Api.RETURNS, new ClaimListHandler(EsmClaim.Kind.RETURN, store, claims, faults, replies));
        handlers.put(Api.EXCHANGES, new ClaimListHandler(EsmClaim.Kind.EXCHANGE, store, claims, faults, replies));
        handlers.put(Api.CANCEL_APPROVE, new ClaimActionHandler(ClaimActionHandler.Action.CANCEL_APPROVE, store, claims, faults, replies));
        handlers.put(Api.SOLD_OUT, new ClaimActionHandler(ClaimActionHandler.Action.SOLD_OUT, store, claims, faults, replies));
        handlers.put(Api.RETURN_APPROVE, new ClaimActionHandler(ClaimActionHandler.Action.RETURN_APPROVE, store, claims, faults, replies));
        this.stock = new GoodsStockHandler(replies);
        handlers.put(Api.STOCK, stock);
        this.control = new EsmControl(store, faults, rates, claims, stock);
        settings.masters().forEach(store::addMaster);
        ZonedDateTime now = store.now();
        long span = Math.max(1, settings.seedSpan().toSeconds());
        int n = Math.max(1, settings.seedOrders());
        for (SiteSeller s : store.sortedSellers()) {
            for (int i = 0; i < settings.seedOrders(); i++) {
                store.createCart(s.site, s.id, now.minusSeconds(span - span * i / n), store.randomLines(), false);
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> paths() {
        return List.of("/shipping/", "/item/", "/claim/");
    }

    @Override
    public String summary() {
        return sellerCount() + " site seller(s)";
    }

    @Override
    public void start() {
        if ((settings.arrivalPerMinute() <= 0 && !claims.switches.active()) || store.sellerCount() == 0) {
            return;
        }
        arrivals = Arrivals.start(NAME, settings.arrivalPerMinute(), (count, now) -> {
            for (SiteSeller s : store.sortedSellers()) {
                for (int i = 0; i < count; i++) {
                    store.createCart(s.site, s.id, now, store.randomLines(), store.nextIsGift(faults.giftRate));
                }
                store.acceptWaitingGifts(s, now);
            }
            claims.tick();
        });
    }

    @Override
    public void stop() {
        if (arrivals != null) {
            arrivals.stop();
        }
    }

    // ---------------------------------------------------------------- the gateway

    /** Which API a call is for, or null (an unknown path: the gateway's 404). */
    static Api route(String method, String path) {
        boolean post = method.equals("POST");
        if (post && (path.equals(REQUEST_ORDERS) || path.equals(PRE_REQUEST_ORDERS))) {
            return Api.REQUEST_ORDERS;
        }
        if (post && OrderCheckHandler.PATH.matcher(path).matches()) {
            return Api.ORDER_CHECK;
        }
        if (post && path.equals(SHIPPING_INFO)) {
            return Api.SHIPPING_INFO;
        }
        if (post && path.equals(CANCELS)) {
            return Api.CANCELS;
        }
        if (post && path.equals(RETURNS)) {
            return Api.RETURNS;
        }
        if (post && path.equals(EXCHANGES)) {
            return Api.EXCHANGES;
        }
        if (post && ClaimActionHandler.SOLD_OUT.matcher(path).matches()) {
            return Api.SOLD_OUT;
        }
        boolean put = method.equals("PUT");
        if (put && ClaimActionHandler.CANCEL_APPROVE.matcher(path).matches()) {
            return Api.CANCEL_APPROVE;
        }
        if (put && ClaimActionHandler.RETURN_APPROVE.matcher(path).matches()) {
            return Api.RETURN_APPROVE;
        }
        if (put && GoodsStockHandler.PATH.matcher(path).matches()) {
            return Api.STOCK;
        }
        return method.equals("GET") && path.equals(DELIVERY_COMPANIES) ? Api.DELIVERY_COMPANIES : null;
    }

    @Override
    public void handle(HttpExchange http) throws IOException {
        String master = http.getRequestMethod().equals("POST") && http.getRequestURI().getRawPath().equals(REQUEST_ORDERS)
                ? masterOf(http.getRequestHeaders().getFirst("Authorization")) : null;
        AutoCloseable read = master == null ? null : store.orderReads.enter(master);
        try (http) {
            SimReply reply;
            try {
                reply = answer(http);
            } catch (RuntimeException e) {
                LOG.warn("ESM simulator failed on {} {}: {}", http.getRequestMethod(), http.getRequestURI().getPath(), e.toString());
                reply = replies.springError(500, "Internal Server Error", http.getRequestURI().getPath());
            }
            if (read != null) {
                io.marketbridge.simulator.ReadOverlaps.leave(read); // answered: the client may ask again now
            }
            SimHttp.send(http, reply);
        } finally {
            if (read != null) {
                io.marketbridge.simulator.ReadOverlaps.leave(read);
            }
        }
    }

    /** The master ID a JWT names in its header's kid (unverified: for counting only), or null. */
    private String masterOf(String authorization) {
        try {
            String jwt = authorization.substring(authorization.indexOf(' ') + 1).trim();
            byte[] header = java.util.Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.')));
            return json.readTree(header).path("kid").asText(null);
        } catch (RuntimeException | IOException e) {
            return null;
        }
    }

    /** RequestOrders reads of one master that overlapped (two polls of one account at once). */
    public io.marketbridge.simulator.ReadOverlaps orderListOverlaps() {
        return store.orderReads;
    }

    /** Order numbers named in OrderCheck calls. */
    public io.marketbridge.simulator.ConfirmCalls confirmsPerUnit() {
        return store.confirmsPerUnit;
    }

    private SimReply answer(HttpExchange http) throws IOException {
        SimHttp.pause(faults.latencyMs);
        String path = http.getRequestURI().getRawPath();
        Api api = route(http.getRequestMethod(), path);
        if (api == null) {
            return replies.springError(404, "Not Found", path);
        }
        byte[] body = SimHttp.body(http);
        if (body == null) {
            return replies.springError(413, "Payload Too Large", path);
        }
        Caller caller = tokens.verify(http.getRequestHeaders().getFirst("Authorization"));
        if (caller == null) {
            store.unauthorized.incrementAndGet();
            return replies.denied();
        }
        rates.record(caller.masterId());
        SimReply fault = fault(api, path);
        if (fault != null) {
            return fault;
        }
        JsonNode request = body.length == 0 ? json.createObjectNode() : readJson(body);
        if (request == null) {
            return replies.springError(400, "Bad Request", path);
        }
        return handlers.get(api).answer(caller, path, request);
    }

    /** A forced failure queued for this API, or one of the random HTTP 500s; null for none. */
    private SimReply fault(Api api, String path) {
        Forced forced = faults.takeForced(api);
        if (forced != null) {
            if (forced.httpStatus() > 0) {
                return replies.springError(forced.httpStatus(), forced.httpStatus() >= 500 ? "Internal Server Error" : "Error", path);
            }
            int code = forced.resultCode();
            return replies.error(code, switch (code) {
                case 3000 -> api == Api.REQUEST_ORDERS ? RATE_LIMIT_MESSAGE
                        : api == Api.STOCK ? STOCK_LIMIT_MESSAGE : "주문 상태를 확인해 주세요.";
                case 2000 -> "조회 기간을 확인해 주세요.";
                case 8668 -> "비즈니스 규칙 위반입니다.";
                default -> "요청 값이 올바르지 않습니다.";
            }, code == 8668 ? "W8" + (100 + code % 100) : null);
        }
        if (faults.errorRate > 0 && ThreadLocalRandom.current().nextDouble() < faults.errorRate) {
            return replies.springError(500, "Internal Server Error", path);
        }
        return null;
    }

    private JsonNode readJson(byte[] body) {
        try {
            JsonNode n = json.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** /_simulator/esm/stats, /faults, /orders, /address, /calls, /reset-rates: see {@link EsmControl}. */
    @Override
    public void handleControl(HttpExchange http) throws IOException {
        control.handle(http);
    }

    // ---------------------------------------------------------------- for tests and benchmarks

    public EsmFaults faults() {
        return faults;
    }

    /** Moves the simulator onto another clock (tests move time instead of waiting for it). */
    void useClock(Clock clock) {
        store.setClock(clock);
    }

    /** Site seller IDs served (Gmarket and Auction together). */
    public int sellerCount() {
        return store.sellerCount();
    }

    /** Adds (or replaces) a master with its secret and site seller IDs, with no orders. */
    public void addMaster(String masterId, Master master) {
        store.addMaster(masterId, master);
    }

    /** One RequestOrders (and PreRequestOrders) per this interval per site seller ID. */
    public void setOrderQueryInterval(Duration interval) {
        store.setOrderQueryInterval(interval);
    }

    /**
     * Creates one paid cart (PayNo) of {@code lines} OrderNos for a site seller ("G" Gmarket, "A" Auction);
     * returns the PayNo.
     */
    public long createCart(String site, String sellerId, ZonedDateTime paidAt, int lines, boolean gift) {
        return store.createCart(site, sellerId, paidAt, lines, gift);
    }

    /** The gift's receiver accepts it and gives an address. */
    public void acceptGift(String site, String sellerId, long payNo) {
        store.acceptGift(site, sellerId, payNo);
    }

    /** The buyer changes the receiver address of every OrderNo of the cart; OrderCheck will answer IsChanged 1. */
    public void changeAddress(long orderNo) {
        store.changeAddress(orderNo);
    }

    /** The OrderNos of a cart, in line order. */
    public List<Long> orderNos(long payNo) {
        return store.orderNos(payNo);
    }

    /**
     * Every claim on a site seller's OrderNos (site "G" or "A"), oldest first per OrderNo, with the status its list
     * shows (1 requested, 3 completed, 4 withdrawn, 0 refused); ESM gives no claim id.
     */
    public List<SimulatedClaimLine> claimLines(String site, String sellerId) {
        return store.claimLines(site, sellerId);
    }

    /** The PayNos of a site seller, in creation order. */
    public List<Long> payNos(String site, String sellerId) {
        return store.payNos(site, sellerId);
    }

    /** OrderStatus now: 1 paid, 2 confirmed (preparing), 3 in transit. */
    public int statusOf(long orderNo) {
        return store.item(orderNo).status;
    }

    public String invoiceOf(long orderNo) {
        return store.item(orderNo).invoice;
    }

    public Integer courierOf(long orderNo) {
        return store.item(orderNo).courier;
    }

    /** Accepted ShippingInfo calls of an OrderNo: more than one would be a duplicate shipment. */
    public int shipmentsOf(long orderNo) {
        return store.item(orderNo).shipments;
    }

    /** Arrival times (epoch ms) of every order query of a site seller ID that met the bucket, refused ones included. */
    public List<Long> orderQueryTimes(String site, String sellerId) {
        return store.orderQueryTimes(site, sellerId);
    }

    public long requestOrdersCalls() {
        return store.requestOrdersCalls.get();
    }

    /** Order queries answered ResultCode 3000 because the seller's bucket was empty. */
    public long rateLimitedCalls() {
        return store.rateLimited.get();
    }

    public long orderCheckCalls() {
        return store.orderCheckCalls.get();
    }

    public long shippingInfoCalls() {
        return store.shippingInfoCalls.get();
    }

    /** The switches of the buyers' own claims, changeable while the simulator runs. */
    public ClaimSwitches claimSwitches() {
        return claims.switches;
    }

    /** Calls of the claim lists (Cancels, Returns, Exchanges), whoever made them. */
    public long claimListCalls() {
        return claims.listCalls.get();
    }

    /** Calls of the seller's claim answers (cancel approval, SoldOut, return approval), refused ones included. */
    public long claimActionCalls() {
        return claims.actionCalls.get();
    }

    /** The claim in force on the OrderNo as "KIND STATE" (e.g. "CANCEL COMPLETED"), null when none. */
    public String claimOf(long orderNo) {
        OrderLine i = store.item(orderNo);
        synchronized (store) {
            EsmClaim c = i.claim();
            return c == null ? null : c.kind + " " + c.state;
        }
    }

    /** The buyer asks to cancel an OrderNo not yet shipped (status 1 or 2). */
    public void requestCancel(long orderNo) {
        claims.request(EsmClaim.Kind.CANCEL, orderNo);
    }

    /** The buyer asks to return a shipped OrderNo (status 3). */
    public void requestReturn(long orderNo) {
        claims.request(EsmClaim.Kind.RETURN, orderNo);
    }

    /** The buyer asks to exchange a shipped OrderNo (status 3). */
    public void requestExchange(long orderNo) {
        claims.request(EsmClaim.Kind.EXCHANGE, orderNo);
    }

    /** The buyer withdraws the open claim of the OrderNo. */
    public void withdrawClaim(long orderNo) {
        claims.withdraw(orderNo);
    }

    /** One tick of the buyers' own claims on the simulator's clock (the arrivals do this while it runs). */
    void tickClaims() {
        claims.tick();
    }

    /** The stock of a master's goods on a site ("G" or "A"); null when the master has no such GoodsNo. */
    public Integer stockOf(String masterId, long goodsNo, String site) {
        return stock.stockOf(masterId, goodsNo, site);
    }

    /** Sets a goods' stock on a site ("G" or "A") as ESM+ would (tests). */
    public void setStock(String masterId, long goodsNo, String site, int quantity) {
        stock.set(masterId, goodsNo, site, quantity);
    }

    /** Stock calls that named the master's goods, refused ones included. */
    public int stockCallsOf(String masterId, long goodsNo) {
        return stock.callsOf(masterId, goodsNo);
    }

    /** Stock calls answered after the token check, refused ones included. */
    public long stockCalls() {
        return stock.calls.get();
    }

    public long unauthorizedCalls() {
        return store.unauthorized.get();
    }
}
