package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.naver.NaverDates.SEOUL;
import static io.marketbridge.simulator.naver.NaverReplies.apiError;
import static io.marketbridge.simulator.naver.NaverReplies.gatewayError;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.Arrivals;
import io.marketbridge.simulator.BuyerClaimPlan;
import io.marketbridge.simulator.ClaimSwitches;
import io.marketbridge.simulator.MarketplaceSimulator;
import io.marketbridge.simulator.SimHttp;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.SimulatedClaimLine;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Naver Commerce API (SmartStore) as far as order integration needs it, on the real paths under /external:
 * the bcrypt-signed client-credentials token request (form body or query string, 5-minute timestamp window,
 * one token per client/type/account, reused while 30 minutes or more remain), Bearer checks answered with
 * GW.AUTHN, a token bucket per application and API answered with GW.RATE_LIMIT and the GNCP-GW-RateLimit-*
 * headers, the last-changed-statuses feed with its more/moreSequence paging, the detail query, confirm and
 * dispatch with per-item failures and Naver's error codes, claims (buyers' cancels, returns, exchanges and
 * withdrawals in the feed and the detail; the seller's cancel/approve, cancel/request, return/approve and
 * return/reject: {@link NaverClaims}), stock per origin product option (option-stock, change-status:
 * {@link StockHandler}) and the origin product read with its options ({@link OriginProductHandler}), seeded Korean data (multi-line orders, gifts
 * waiting for an address, address changes), a steady arrival of new orders, and fault switches.
 *
 * <p>This class is the gateway: it checks the token, applies faults, latency and the rate limit, and routes each
 * call to the handler of its resource; {@link NaverStore} holds the sellers' data.
 */
public class NaverSimulator implements MarketplaceSimulator {

    /** The marketplace's one name: control endpoint /_simulator/naver/, properties marketbridge.simulators.naver.*. */
    public static final String NAME = "naver";

    private static final Logger LOG = LoggerFactory.getLogger(NaverSimulator.class);

    private static final String BASE = "/external";
    private static final String TOKEN = BASE + "/v1/oauth2/token";
    private static final String PRODUCT_ORDERS = BASE + "/v1/pay-order/seller/product-orders";
    private static final String FEED = PRODUCT_ORDERS + "/last-changed-statuses";
    private static final String QUERY = PRODUCT_ORDERS + "/query";
    private static final String CONFIRM = PRODUCT_ORDERS + "/confirm";
    private static final String DISPATCH = PRODUCT_ORDERS + "/dispatch";
    private static final Pattern ORDER_IDS = Pattern.compile(BASE + "/v1/pay-order/seller/orders/([^/]+)/product-order-ids");
    private static final Pattern CLAIM = Pattern.compile(PRODUCT_ORDERS
            + "/([^/]+)/claim/(cancel/approve|cancel/request|return/approve|return/reject|exchange/collect/approve"
            + "|exchange/dispatch|exchange/reject)");
    private static final Pattern STOCK = Pattern.compile(BASE + "/v1/products/origin-products/([^/]+)/(option-stock|change-status)");
    private static final Pattern ORIGIN_PRODUCT = Pattern.compile(BASE + "/v1/products/origin-products/([^/]+)");

    /** The APIs; each has its own rate-limit bucket per application. */
    private enum Api { TOKEN, FEED, QUERY, CONFIRM, DISPATCH, CONDITIONAL, ORDER_IDS, CANCEL_APPROVE, CANCEL_REQUEST,
        RETURN_APPROVE, RETURN_REJECT, EXCHANGE_COLLECT_APPROVE, EXCHANGE_DISPATCH, EXCHANGE_REJECT, OPTION_STOCK, CHANGE_STATUS, ORIGIN_PRODUCT }

    private final NaverSimulatorSettings settings;
    private final NaverStore store;
    private final NaverFaults faults;
    private final NaverTokens tokens;
    private final NaverRateLimit rateLimit;
    private final NaverCallCounts counts = new NaverCallCounts();
    private final ProductOrderDetails details;
    private final TokenHandler tokenHandler;
    private final Map<Api, NaverApiHandler> handlers = new EnumMap<>(Api.class);
    private final NaverControlEndpoint control;
    private final NaverClaims claims;
    private final ProductStock stock = new ProductStock();
    private final OriginProductHandler originProducts = new OriginProductHandler(stock);
    private final AtomicLong traceSeq = new AtomicLong();
    private Arrivals arrivals;
    private Arrivals claimTicks;

    public NaverSimulator(NaverSimulatorSettings settings) {
        this.settings = settings;
        this.store = new NaverStore(settings.randomSeed());
        this.tokens = new NaverTokens(settings.tokenLifetime());
        this.faults = new NaverFaults(tokens::expireAll);
        this.rateLimit = new NaverRateLimit(settings.rateLimitPerSecond());
        this.details = new ProductOrderDetails(faults);
        this.tokenHandler = new TokenHandler(store, tokens, counts, settings.timestampWindow());
        handlers.put(Api.FEED, new ChangeFeedHandler(faults, counts));
        handlers.put(Api.QUERY, new ProductOrderQueryHandler(details, counts));
        handlers.put(Api.CONFIRM, new ConfirmHandler(store, faults, counts));
        handlers.put(Api.DISPATCH, new DispatchHandler(store, counts));
        handlers.put(Api.CONDITIONAL, new ProductOrderSearchHandler(details, faults, counts));
        handlers.put(Api.ORDER_IDS, new OrderProductOrderIdsHandler());
        this.claims = new NaverClaims(store, new BuyerClaimPlan(settings.claims(), settings.randomSeed() + 1),
                settings.returnApproveBeforeCollect());
        handlers.put(Api.CANCEL_APPROVE, new ClaimHandler(claims, counts, ClaimHandler.CANCEL_APPROVE));
        handlers.put(Api.CANCEL_REQUEST, new ClaimHandler(claims, counts, ClaimHandler.CANCEL_REQUEST));
        handlers.put(Api.RETURN_APPROVE, new ClaimHandler(claims, counts, ClaimHandler.RETURN_APPROVE));
        handlers.put(Api.RETURN_REJECT, new ClaimHandler(claims, counts, ClaimHandler.RETURN_REJECT));
        handlers.put(Api.EXCHANGE_COLLECT_APPROVE, new ClaimHandler(claims, counts, ClaimHandler.EXCHANGE_COLLECT_APPROVE));
        handlers.put(Api.EXCHANGE_DISPATCH, new ClaimHandler(claims, counts, ClaimHandler.EXCHANGE_DISPATCH));
        handlers.put(Api.EXCHANGE_REJECT, new ClaimHandler(claims, counts, ClaimHandler.EXCHANGE_REJECT));
        handlers.put(Api.OPTION_STOCK, new StockHandler(stock, counts, StockHandler.OPTION_STOCK));
        handlers.put(Api.CHANGE_STATUS, new StockHandler(stock, counts, StockHandler.CHANGE_STATUS));
        handlers.put(Api.ORIGIN_PRODUCT, originProducts);
        this.control = new NaverControlEndpoint(store, faults, counts, tokens, rateLimit, claims, stock);
        settings.sellers().forEach((id, c) -> store.addSeller(id, c.clientId(), c.clientSecret()));
        store.seed(settings, faults.giftRate);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> paths() {
        return List.of("/external/");
    }

    @Override
    public String summary() {
        return sellerCount() + " seller(s)";
    }

    @Override
    public void start() {
        if (!store.isEmpty()) { // also when no rate is set yet: the switches change while running
            claimTicks = Arrivals.start("naver-claims", 0, (count, now) -> claims.tick(System.currentTimeMillis()));
        }
        if (settings.arrivalPerMinute() <= 0 || store.isEmpty()) {
            return;
        }
        arrivals = Arrivals.start("naver", settings.arrivalPerMinute(), (count, now) -> store.arrive(count, now, faults.giftRate));
    }

    @Override
    public void stop() {
        if (claimTicks != null) {
            claimTicks.stop();
        }
        if (arrivals != null) {
            arrivals.stop();
        }
    }

    // ---------------------------------------------------------------- gateway

    @Override
    public void handle(HttpExchange http) throws IOException {
        long started = System.nanoTime();
        NaverTokens.Token caller = http.getRequestMethod().equals("GET") && http.getRequestURI().getRawPath().equals(FEED)
                ? tokens.bearer(http.getRequestHeaders().getFirst("Authorization")) : null;
        // the change feed: read by the order poll, and by the claims poll when the account reads claims
        AutoCloseable read = caller == null ? null : counts.feedReads.enter(caller.sellerId);
        try (http) {
            String traceId = traceId();
            SimReply reply;
            try {
                reply = answer(http, traceId);
            } catch (RuntimeException e) {
                LOG.warn("Naver simulator failed on {} {}: {}", http.getRequestMethod(), http.getRequestURI().getPath(),
                        e.toString());
                reply = gatewayError(500, "GW.INTERNAL_SERVER_ERROR", "작업 중 오류가 발생하였습니다.", traceId);
            }
            if (reply.status() == 200 && faults.malformedBodyRate > 0
                    && ThreadLocalRandom.current().nextDouble() < faults.malformedBodyRate) {
                reply = reply.truncated(); // a body cut off mid-way
            }
            reply.with("GNCP-GW-Trace-ID", traceId)
                    .with("GNCP-GW-HttpClient-ResponseTime",
                            String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
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

    /** Change-feed reads of one seller that overlapped (two polls of one account at once, claims polls aside). */
    public io.marketbridge.simulator.ReadOverlaps feedOverlaps() {
        return counts.feedReads;
    }

    /** Product orders named in confirm calls. */
    public io.marketbridge.simulator.ConfirmCalls confirmsPerUnit() {
        return counts.confirmsPerUnit;
    }

    private SimReply answer(HttpExchange http, String traceId) throws IOException {
        SimHttp.pause(faults.latencyMs);
        if (faults.ipDenied) {
            return gatewayError(403, "GW.IP_NOT_ALLOWED", "호출이 허용되지 않은 IP입니다.", traceId);
        }
        String method = http.getRequestMethod();
        String path = http.getRequestURI().getRawPath();
        Matcher orderIds = ORDER_IDS.matcher(path);
        Matcher claim = CLAIM.matcher(path);
        boolean claimCall = method.equals("POST") && claim.matches();
        Matcher stockPath = STOCK.matcher(path);
        boolean stockCall = method.equals("PUT") && stockPath.matches();
        Matcher productPath = ORIGIN_PRODUCT.matcher(path);
        boolean productRead = method.equals("GET") && productPath.matches();
        Api api = claimCall ? Api.valueOf(claim.group(2).replace('/', '_').toUpperCase(Locale.ROOT))
                : stockCall ? Api.valueOf(stockPath.group(2).replace('-', '_').toUpperCase(Locale.ROOT))
                : method.equals("POST") && path.equals(TOKEN) ? Api.TOKEN
                : method.equals("GET") && path.equals(FEED) ? Api.FEED
                : method.equals("POST") && path.equals(QUERY) ? Api.QUERY
                : method.equals("POST") && path.equals(CONFIRM) ? Api.CONFIRM
                : method.equals("POST") && path.equals(DISPATCH) ? Api.DISPATCH
                : method.equals("GET") && path.equals(PRODUCT_ORDERS) ? Api.CONDITIONAL
                : method.equals("GET") && orderIds.matches() ? Api.ORDER_IDS
                : productRead ? Api.ORIGIN_PRODUCT
                : null;
        if (api == null) {
            return gatewayError(404, "GW.NOT_FOUND", "요청하신 리소스를 찾을 수 없습니다.", traceId);
        }
        byte[] body = SimHttp.body(http);
        if (body == null) {
            body = new byte[0]; // over the size cap: left unread, so it answers as an unreadable body
        }
        Map<String, List<String>> query = SimHttp.query(http.getRequestURI().getRawQuery());
        if (api == Api.TOKEN) {
            Integer forced = faults.failNextToken.poll();
            if (forced != null) {
                return forcedError(forced, traceId);
            }
            return tokenHandler.answer(query, body, http.getRequestHeaders().getFirst("Content-Type"));
        }

        // 1. the Bearer token
        NaverTokens.Token token = tokens.bearer(http.getRequestHeaders().getFirst("Authorization"));
        Seller seller = token == null ? null : store.findSeller(token.sellerId);
        if (seller == null) {
            return gatewayError(401, "GW.AUTHN", "요청을 보낼 권한이 없습니다.", traceId);
        }
        String clientId = seller.credentials.clientId();

        // 2. injected faults
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Integer forced = faults.failNext.poll();
        if (forced != null) {
            return forcedError(forced, traceId);
        }
        if (faults.throttleRate > 0 && r.nextDouble() < faults.throttleRate) {
            return rateLimit.rateLimited(traceId);
        }
        if (faults.errorRate > 0 && r.nextDouble() < faults.errorRate) {
            return r.nextBoolean()
                    ? gatewayError(500, "GW.PROXY.05", "작업 중 오류가 발생하였습니다.", traceId)
                    : apiError(500, "9999", "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.", traceId);
        }
        if (faults.timeoutRate > 0 && r.nextDouble() < faults.timeoutRate) {
            SimHttp.pause(faults.timeoutDelayMs);
            return gatewayError(504, "GW.TIMEOUT.01", "요청 대기 시간이 초과되었습니다.", traceId);
        }

        // 3. the token bucket of this application and API
        int remaining = rateLimit.take(clientId, api.name());
        if (remaining < 0) {
            return rateLimit.rateLimited(traceId);
        }
        String pathId = api == Api.ORDER_IDS ? URLDecoder.decode(orderIds.group(1), StandardCharsets.UTF_8)
                : claimCall ? URLDecoder.decode(claim.group(1), StandardCharsets.UTF_8)
                : stockCall ? URLDecoder.decode(stockPath.group(1), StandardCharsets.UTF_8)
                : productRead ? URLDecoder.decode(productPath.group(1), StandardCharsets.UTF_8) : null;
        SimReply reply = handlers.get(api).answer(new NaverApiHandler.Call(seller, query, body, pathId, traceId));
        return rateLimit.withRateHeaders(reply, remaining);
    }

    private SimReply forcedError(int status, String traceId) {
        return switch (status) {
            case 401 -> gatewayError(401, "GW.AUTHN", "요청을 보낼 권한이 없습니다.", traceId);
            case 403 -> gatewayError(403, "GW.IP_NOT_ALLOWED", "호출이 허용되지 않은 IP입니다.", traceId);
            case 404 -> gatewayError(404, "GW.NOT_FOUND", "요청하신 리소스를 찾을 수 없습니다.", traceId);
            case 429 -> rateLimit.rateLimited(traceId);
            case 500 -> gatewayError(500, "GW.PROXY.05", "작업 중 오류가 발생하였습니다.", traceId);
            case 503 -> gatewayError(503, "GW.BLOCK.01", "서비스를 일시적으로 사용할 수 없습니다.", traceId);
            case 504 -> gatewayError(504, "GW.TIMEOUT.02", "요청 대기 시간이 초과되었습니다.", traceId);
            default -> apiError(status, "9999", "Simulated failure " + status, traceId);
        };
    }

    private String traceId() {
        return String.format("sim-%06x-%05x^%d^%d", ThreadLocalRandom.current().nextInt(1 << 24),
                ThreadLocalRandom.current().nextInt(1 << 20), System.currentTimeMillis(), traceSeq.incrementAndGet());
    }

    /** /_simulator/naver/stats, /faults, /orders, /address, /reset-rates: for driving the simulator from outside. */
    @Override
    public void handleControl(HttpExchange http) throws IOException {
        control.handle(http);
    }

    // ---------------------------------------------------------------- settings and data, for tests and benchmarks

    public NaverFaults faults() {
        return faults;
    }

    public int sellerCount() {
        return store.sellerCount();
    }

    /** Adds a seller application (with no orders) while running, or replaces its credentials. */
    public void addSeller(String sellerId, String clientId, String clientSecret) {
        store.addSeller(sellerId, clientId, clientSecret);
    }

    /** Changes the per-application, per-API limit (requests per second; the burst capacity is twice that). */
    public void setRateLimitPerSecond(int perSecond) {
        rateLimit.setPerSecond(perSecond);
    }

    /** Creates one paid order of {@code lines} product orders (not a gift); returns its orderId. */
    public String createOrder(String sellerId, ZonedDateTime paidAt, int lines) {
        return store.createOrder(sellerId, paidAt, lines, false);
    }

    /**
     * Creates one paid order of {@code lines} product orders and appends their PAYED changes at {@code paidAt}.
     * A gift order has no shipping address until {@link #receiveGift} (giftReceivingStatus WAIT_FOR_RECEIVING).
     */
    public String createOrder(String sellerId, ZonedDateTime paidAt, int lines, boolean gift) {
        return store.createOrder(sellerId, paidAt, lines, gift);
    }

    /** The gift's receiver accepts it and gives an address: GIFT_RECEIVED for every product order. */
    public void receiveGift(String sellerId, String orderId) {
        store.receiveGift(sellerId, orderId, ZonedDateTime.now(SEOUL));
    }

    /**
     * The buyer changes the shipping address of an order before it ships: every product order not yet
     * dispatched gets a DELIVERY_ADDRESS_CHANGED change, and confirm reports isReceiverAddressChanged=true.
     */
    public void changeAddress(String sellerId, String orderId) {
        store.changeAddress(sellerId, orderId);
    }

    /** The buyer asks to cancel a product order that has not shipped (claim CANCEL / CANCEL_REQUEST). */
    public void requestCancel(String sellerId, String productOrderId) {
        store.requestCancel(sellerId, productOrderId);
    }

    /** The cancellation completes: CANCELED / CANCEL_DONE, and the claim joins completedClaims. */
    public void completeCancel(String sellerId, String productOrderId) {
        store.completeCancel(sellerId, productOrderId);
    }

    /** The buyer asks to cancel {@code quantity} pieces (null: all) of a product order not shipped; returns the claimId. */
    public String buyerCancel(String sellerId, String productOrderId, Integer quantity) {
        return claims.buyerCancel(sellerId, productOrderId, quantity, false);
    }

    /** The buyer asks to return pieces of a shipped product order (RETURN_REQUEST); returns the claimId. */
    public String buyerReturn(String sellerId, String productOrderId, Integer quantity) {
        return claims.buyerReturn(sellerId, productOrderId, quantity, false, false);
    }

    /** The buyer asks to exchange pieces of a shipped product order (EXCHANGE_REQUEST); returns the claimId. */
    public String buyerExchange(String sellerId, String productOrderId, Integer quantity) {
        return claims.buyerReturn(sellerId, productOrderId, quantity, true, false);
    }

    /** The returned or exchanged goods are collected (COLLECT_DONE). */
    public void collectClaim(String sellerId, String productOrderId) {
        claims.collect(sellerId, productOrderId);
    }

    /** The buyer withdraws the open claim (a CLAIM_REJECTED change; the claim is gone). */
    public void withdrawClaim(String sellerId, String productOrderId) {
        claims.withdraw(sellerId, productOrderId);
    }

    /** claimStatus of the product order's current claim, or null. */
    public String claimStatusOf(String sellerId, String productOrderId) {
        return store.read(sellerId, productOrderId, p -> p.claim == null ? null : p.claim.claimStatus);
    }

    /**
     * Every claim of a seller's product orders, in force, completed or withdrawn (a withdrawn one with the claimStatus
     * it had when withdrawn), one entry each.
     */
    public List<SimulatedClaimLine> claimLines(String sellerId) {
        return store.claimLines(sellerId);
    }

    /** The buyers' claim switches (claims.*), changeable while running. */
    public ClaimSwitches claimSwitches() {
        return settings.claims();
    }

    /** Applies the buyers' planned claims that are due by {@code nowMillis} (what the claims tick does each second). */
    public void runClaimPlan(long nowMillis) {
        claims.tick(nowMillis);
    }

    /** The orderIds of a seller, in creation order. */
    public List<String> orderIds(String sellerId) {
        return store.orderIds(sellerId);
    }

    /** The productOrderIds of one order, in line order. */
    public List<String> productOrderIds(String sellerId, String orderId) {
        return store.productOrderIds(sellerId, orderId);
    }

    /** productOrderStatus now (PAYED, DELIVERING, CANCELED, ...). */
    public String statusOf(String sellerId, String productOrderId) {
        return store.read(sellerId, productOrderId, p -> p.status);
    }

    /** placeOrderStatus now (NOT_YET, OK, CANCEL). */
    public String placeOrderStatusOf(String sellerId, String productOrderId) {
        return store.read(sellerId, productOrderId, p -> p.placeOrderStatus);
    }

    /** The tracking number of the dispatch, or null before one (or for methods without a number). */
    public String trackingOf(String sellerId, String productOrderId) {
        return store.read(sellerId, productOrderId, p -> p.trackingNumber);
    }

    /** The courier code of the dispatch, or null. */
    public String courierOf(String sellerId, String productOrderId) {
        return store.read(sellerId, productOrderId, p -> p.deliveryCompany);
    }

    /** Successful dispatches of a product order: more than one would be a duplicate shipment. */
    public int dispatchesOf(String sellerId, String productOrderId) {
        return store.read(sellerId, productOrderId, p -> p.dispatches);
    }

    /** The detail object of a product order as POST /query would render it now. */
    public ObjectNode detailOf(String sellerId, String productOrderId) {
        Seller s = store.seller(sellerId);
        synchronized (s) {
            return details.render(s, NaverStore.productOrder(s, productOrderId), true);
        }
    }

    /** Product orders per status of one seller; PAYED is split by placeOrderStatus (PAYED/NOT_YET, PAYED/OK). */
    public Map<String, Integer> statusCounts(String sellerId) {
        return store.statusCounts(sellerId);
    }

    /** Rows in a seller's change feed. */
    public int changeCount(String sellerId) {
        return store.changeCount(sellerId);
    }

    // ---------------------------------------------------------------- stock (naver.md 2.9)

    /**
     * The stock Naver shows for an option of an origin product ({@code optionId} "" for a product without options),
     * null when there is no such product or option. Every option the sample products sell starts at 100, and so do
     * the products without options, originProductNo 8801122009 and 8801122010.
     */
    public Integer stockOf(String sellerId, String originProductNo, String optionId) {
        return stock.stockOf(sellerId, originProductNo, optionId);
    }

    /** The sale status of an origin product (SALE, OUTOFSTOCK, SUSPENSION), null when there is none. */
    public String saleStatusOf(String sellerId, String originProductNo) {
        return stock.statusOf(sellerId, originProductNo);
    }

    /** Sets a figure as the seller center would ({@code optionId} "" for a product without options). */
    public void setStock(String sellerId, String originProductNo, String optionId, int quantity) {
        stock.set(sellerId, originProductNo, optionId, quantity);
    }

    /** Stock calls (option-stock, change-status) that named the origin product, refused ones included. */
    public int stockCallsOf(String sellerId, String originProductNo) {
        return stock.callsOf(sellerId, originProductNo);
    }

    /** Sets the seller's code the origin product read shows for an option ("" for the product itself); null: none. */
    public void setSellerCode(String sellerId, String originProductNo, String optionId, String code) {
        stock.setSellerCode(sellerId, originProductNo, optionId, code);
    }

    /** Origin product reads answered after auth and rate checks, unknown products included. */
    public long originProductReads() {
        return originProducts.calls.get();
    }

    /** Stock calls answered after auth and rate checks, refused ones included. */
    public long stockCalls() {
        return counts.stock.get();
    }

    // ---------------------------------------------------------------- calls, rates and tokens

    /** Token requests answered (refused ones included). */
    public long tokenCalls() {
        return counts.token.get();
    }

    /** Tokens newly issued (a reused token is not counted). */
    public long tokensIssued() {
        return tokens.issued();
    }

    public long feedCalls() {
        return counts.feed.get();
    }

    public long queryCalls() {
        return counts.query.get();
    }

    /** Confirm calls answered after auth and rate checks, refused ones included. */
    public long confirmCalls() {
        return counts.confirm.get();
    }

    /** Dispatch calls answered after auth and rate checks, refused ones included. */
    public long dispatchCalls() {
        return counts.dispatch.get();
    }

    /** The highest calls-per-second any single application reached across all APIs (a sliding one-second window). */
    public int peakRatePerClient() {
        return rateLimit.peakPerClient();
    }

    /** The highest calls-per-second of all applications together (per wall-clock second). */
    public long peakRateTotal() {
        return rateLimit.peakTotal();
    }

    /** Forgets the rate peaks (for a benchmark that measures one phase). */
    public void resetRatePeaks() {
        rateLimit.resetPeaks();
    }

    /** Invalidates every issued token; the next token request issues a new one. */
    public void expireTokens() {
        tokens.expireAll();
    }

    /** Moves every issued token's expiry {@code by} earlier, as if it had been issued that much sooner. */
    public void ageTokens(Duration by) {
        tokens.age(by);
    }

    /** client_secret_sign as Naver specifies it: Base64(bcrypt(clientId + "_" + timestamp, salt = clientSecret)). */
    public static String signature(String clientId, String clientSecret, long timestampMillis) {
        return NaverTokens.signature(clientId, clientSecret, timestampMillis);
    }

    /** Verifies a client_secret_sign the way the simulated token endpoint does (see {@link NaverTokens}). */
    public static boolean verifySignature(String clientId, String clientSecret, String timestamp, String sign) {
        return NaverTokens.verifySignature(clientId, clientSecret, timestamp, sign);
    }
}
