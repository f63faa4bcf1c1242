package io.marketbridge.simulator.elevenst;

import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.Arrivals;
import io.marketbridge.simulator.ClaimSwitches;
import io.marketbridge.simulator.MarketplaceSimulator;
import io.marketbridge.simulator.SimHttp;
import io.marketbridge.simulator.SimReply;
import io.marketbridge.simulator.SimulatedClaimLine;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol-faithful 11st Seller OpenAPI (facts: docs/elevenst.md) for tests and the demo. This class
 * is the gateway; the orders live in {@link ElevenstStore}, each operation has its resource class.
 *
 * <ul>
 *   <li>Auth: the static {@code openapikey} header; an unknown key answers result_code -1 "OpenAPI Key 에 해당하는
 *       유저가 없습니다"; the ipDenied switch answers HTTP 500 with an {@code AuthMessage} (resultCode -500).</li>
 *   <li>Every order and claim operation is a GET with its parameters in the path; answers are XML declared euc-kr, the bytes
 *       MS949 (so names with 똠, 햏, 뷁 survive), or UTF-8 with the charset switch ({@link ElevenstReplies}). Lists
 *       ({@link ElevenstWindowList}, {@link ElevenstOrderLookup}): root {@code ns2:orders}, repeated {@code ns2:order}
 *       with un-prefixed fields; "no data" is result_code 0 with 조회된 결과가 없습니다. Actions
 *       ({@link ElevenstReqPackaging}, {@link ElevenstReqDelivery}): root {@code ResultOrder} (or {@code result}
 *       with the resultRoot switch).</li>
 *   <li>Limits: list windows of at most 7 days (-3105 / -3305), at most max-rows rows (cut, no paging).</li>
 *   <li>State: 202 -> 301 on reqpackaging (per line), 301 -> 401 for the whole bundle on reqdelivery (or the listed
 *       lines with partDlvYn=Y), with the result codes of the facts.</li>
 *   <li>Switches (POST /_simulator/elevenst/faults): latencyMs, errorRate (HTTP 500), failStatus/failCount, maintenance
 *       (-1000), ipDenied, xxeFile (a DOCTYPE with an external entity pointing at that file), charset, resultRoot,
 *       actionCode/actionCount (force the next action answers), rateLimitPerSecond (HTTP 429), rareNameRate,
 *       cancelRejectSendDt.</li>
 *   <li>Claims ({@link ElevenstClaims}): the claimservice lists of cancels, returns and exchanges (30-day windows,
 *       {@link ElevenstClaimList}) and the seller's answers ({@link ElevenstClaimApproval},
 *       {@link ElevenstCancelReqReject}, {@link ElevenstReqRejectOrder}); buyers claim through the control endpoint
 *       or on their own at the claims.* rates.</li>
 *   <li>Stock ({@link ElevenstStockQty}): PUT prodservices/stockqty/{prdStckNo} with a ProductStock XML body, answered
 *       with ClientMessage and resultCode 200 / 400 / 404 (or -1 for an unknown key, -1000 in maintenance); the
 *       figures per option are in {@link ElevenstStockLevels}, seeded for every option the simulator sells; GET
 *       prodmarketservice/prodmarket/stck/{prdNo} reads them back per product ({@link ElevenstStockRead}).</li>
 * </ul>
 */
public class ElevenstSimulator implements MarketplaceSimulator {

    /** The marketplace's one name: control endpoint /_simulator/elevenst/, properties marketbridge.simulators.elevenst.*. */
    public static final String NAME = "elevenst";
    /**
     * A field no documented answer has, on every order row: APIs add fields without notice, so a client must
     * ignore what it does not know.
     */
    public static final String UNKNOWN_FIELD = "unannouncedField";

    private static final Logger LOG = LoggerFactory.getLogger(ElevenstSimulator.class);
    private static final String UNKNOWN_KEY = "OpenAPI Key 에 해당하는 유저가 없습니다";
    private static final String MAINTENANCE = "시스템 정기점검 중입니다. 점검 시간 동안 OpenAPI 서비스를 이용하실 수 없습니다.";

    private final ElevenstSimulatorSettings settings;
    private final ElevenstFaults faults = new ElevenstFaults();
    private final ElevenstStore store;
    private final ElevenstRateLimit rateLimit;
    private final ElevenstReplies replies;
    private final List<ElevenstResource> resources;
    private final ElevenstClaims claims;
    private final ElevenstStockLevels stock = new ElevenstStockLevels();
    private final ElevenstStockRead stockRead;
    private final ElevenstControl control;
    private Arrivals arrivals;

    public ElevenstSimulator(ElevenstSimulatorSettings settings) {
        this.settings = settings;
        this.store = new ElevenstStore(settings, faults);
        this.rateLimit = new ElevenstRateLimit(settings.rateLimitPerSecond());
        this.replies = new ElevenstReplies(faults, settings.charset());
        this.claims = new ElevenstClaims(store, settings.claims(), settings.randomSeed() + 1);
        this.stockRead = new ElevenstStockRead(stock, replies);
        List<ElevenstResource> all = new ArrayList<>(List.of(
                ElevenstWindowList.paid(settings.maxRows(), store, replies),
                ElevenstWindowList.packaging(settings.maxRows(), store, replies),
                ElevenstOrderLookup.paid(store, replies),
                ElevenstOrderLookup.all(store, replies),
                new ElevenstReqPackaging(store, replies),
                new ElevenstReqDelivery(store, replies),
                ElevenstClaimApproval.cancel(claims, replies),
                ElevenstClaimApproval.returned(claims, replies),
                ElevenstClaimApproval.exchange(claims, replies),
                new ElevenstCancelReqReject(claims, faults, replies),
                new ElevenstReqRejectOrder(claims, replies),
                new ElevenstStockQty(stock, replies, settings.stockMaxQuantity()),
                stockRead));
        all.addAll(ElevenstClaimList.all(settings.maxRows(), claims, replies));
        this.resources = List.copyOf(all);
        this.control = new ElevenstControl(store, faults, rateLimit, claims, stock);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> paths() {
        return List.of("/rest/");
    }

    @Override
    public String summary() {
        return sellerCount() + " seller(s)";
    }

    @Override
    public void start() {
        if ((settings.arrivalPerMinute() <= 0 && !claims.switches.active()) || store.sellerCount() == 0) {
            return;
        }
        arrivals = Arrivals.start("11st", settings.arrivalPerMinute(), (count, now) -> {
            store.arrive(count, now);
            claims.tick(now);
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
        String[] segments = http.getRequestURI().getRawPath().split("/");
        String key = http.getRequestHeaders().getFirst("openapikey");
        // the paid-order list of a window (/rest/ordservices/complete/{from}/{to}): an order poll's read
        AutoCloseable read = segments.length == 6 && segments[2].equals("ordservices") && segments[3].equals("complete")
                && key != null ? store.listReads.enter(key.trim()) : null;
        try (http) {
            SimReply reply;
            try {
                reply = answer(http);
            } catch (RuntimeException e) {
                LOG.warn("11st simulator failed on {}: {}", http.getRequestURI().getPath(), e.toString());
                reply = replies.errorPage(500, "500 Internal Server Error");
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

    /** Calls answered 429 because their key went over the rate limit. */
    public long refusedForRate() {
        return rateLimit.refused.get();
    }

    /** The highest calls-per-second any single seller reached (a sliding one-second window). */
    public int peakRatePerSeller() {
        return rateLimit.rates().peakPerCaller();
    }

    /** Paid-order list reads of one key that overlapped (two polls of one account at once). */
    public io.marketbridge.simulator.ReadOverlaps orderListOverlaps() {
        return store.listReads;
    }

    /** Lines (ordNo/ordPrdSeq) named in confirm calls. */
    public io.marketbridge.simulator.ConfirmCalls confirmsPerUnit() {
        return store.confirmsPerUnit;
    }

    @Override
    public void handleControl(HttpExchange http) throws IOException {
        control.handle(http);
    }

    private SimReply answer(HttpExchange http) {
        SimHttp.pause(faults.latencyMs);
        if (faults.ipDenied) {
            return replies.ipDenied();
        }
        String[] p = http.getRequestURI().getRawPath().replaceAll("/+$", "").split("/");
        // p[0]="", p[1]="rest", p[2]=service, p[3]=operation, then the arguments
        ElevenstResource resource = p.length >= 5 ? resource(http.getRequestMethod(), p) : null;
        if (resource == null) {
            return replies.errorPage(404, "404 Not Found");
        }
        Integer forced = faults.failNext.poll();
        if (forced != null) {
            return forced == 429 ? replies.tooMany() : replies.errorPage(forced, forced + " Error");
        }
        if (faults.errorRate > 0 && ThreadLocalRandom.current().nextDouble() < faults.errorRate) {
            return replies.errorPage(500, "500 Internal Server Error");
        }
        String key = http.getRequestHeaders().getFirst("openapikey");
        String sellerId = key == null ? null : store.sellerOfKey(key.trim());
        if (sellerId == null) {
            return refusal(resource, -1, UNKNOWN_KEY);
        }
        if (!rateLimit.admit(sellerId, key.trim())) {
            return replies.tooMany();
        }
        if (faults.maintenance) {
            return refusal(resource, -1000, MAINTENANCE);
        }
        ElevenstSeller seller = store.seller(sellerId);
        String[] args = new String[p.length - 4];
        for (int i = 4; i < p.length; i++) {
            args[i - 4] = URLDecoder.decode(p[i], StandardCharsets.UTF_8);
        }
        if (resource.action()) {
            Integer code = faults.actionCodes.poll();
            if (code != null) {
                resource.countCall();
                return replies.result(code, "시뮬레이터가 지정한 응답입니다.");
            }
        }
        if (!resource.method().equals("GET")) {
            byte[] body;
            try {
                body = SimHttp.body(http);
            } catch (IOException e) {
                body = null;
            }
            return resource.answer(seller, args, body);
        }
        return resource.answer(seller, args);
    }

    /** A key or maintenance refusal in the resource's own answer shape. */
    private SimReply refusal(ElevenstResource resource, int code, String text) {
        if (resource.product()) {
            return replies.clientMessage(code, text, "");
        }
        return resource.action() ? replies.result(code, text) : replies.list(code, text);
    }

    private ElevenstResource resource(String method, String[] p) {
        String operation = p[2] + "/" + p[3];
        for (ElevenstResource resource : resources) {
            if (resource.operation().equals(operation) && resource.accepts(p.length) && resource.method().equals(method)) {
                return resource;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- state, for tests and benchmarks

    public ElevenstFaults faults() {
        return faults;
    }

    public int sellerCount() {
        return store.sellerCount();
    }

    /** Adds a seller (with no orders), or gives it a new key. */
    public void addSeller(String sellerId, String apiKey) {
        store.addSeller(sellerId, apiKey);
    }

    public void setRateLimitPerSecond(int perSecond) {
        rateLimit.setPerSecond(perSecond);
    }

    /**
     * A paid order (202) of the seller, paid at the given time, with the given number of lines. bundles: 0 lets the
     * simulator choose (mostly one bundle for all lines), 1 puts every line in one bundle, 2 or more spreads them.
     */
    public String createOrder(String sellerId, ZonedDateTime paidAt, int lines, int bundles) {
        return store.createOrder(sellerId, paidAt, lines, bundles);
    }

    /** The buyer asks to cancel the line (701), or 11st cancels it (B01). */
    public void cancel(String sellerId, String ordNo, String seq, boolean completed) {
        claims.cancelLine(sellerId, ordNo, seq, completed, ZonedDateTime.now(ElevenstStore.SEOUL));
    }

    /** The switches of the buyers' own claims, changeable while the simulator runs. */
    public ClaimSwitches claimSwitches() {
        return claims.switches;
    }

    /**
     * The buyer asks to cancel {@code qty} pieces (0 = all) of a line not yet shipped (it goes 701); returns the
     * claim number, ordPrdCnSeq.
     */
    public String requestCancel(String sellerId, String ordNo, String seq, int qty) {
        return claims.requestCancel(sellerId, ordNo, seq, qty, ZonedDateTime.now(ElevenstStore.SEOUL));
    }

    /** The buyer asks to return {@code qty} pieces (0 = all) of a shipped line (601); returns clmReqSeq. */
    public String requestReturn(String sellerId, String ordNo, String seq, int qty) {
        return claims.request(ElevenstClaim.Kind.RETURN, sellerId, ordNo, seq, qty, ZonedDateTime.now(ElevenstStore.SEOUL));
    }

    /** The buyer asks to exchange {@code qty} pieces (0 = all) of a shipped line (601); returns clmReqSeq. */
    public String requestExchange(String sellerId, String ordNo, String seq, int qty) {
        return claims.request(ElevenstClaim.Kind.EXCHANGE, sellerId, ordNo, seq, qty, ZonedDateTime.now(ElevenstStore.SEOUL));
    }

    /** One second of the buyers' own claims at {@code now} (the arrivals' tick does this while the simulator runs). */
    void tickClaims(ZonedDateTime now) {
        claims.tick(now);
    }

    /** The buyer withdraws a requested claim; the line gets its status back. */
    public void withdrawClaim(String sellerId, String claimNo) {
        claims.withdraw(sellerId, claimNo, ZonedDateTime.now(ElevenstStore.SEOUL));
    }

    /** The claim's state at 11st: REQUESTED, COMPLETED, REJECTED (a cancel refused by shipping) or WITHDRAWN. */
    public String claimStateOf(String sellerId, String claimNo) {
        ElevenstSeller s = store.seller(sellerId);
        synchronized (s) {
            ElevenstClaim c = s.claims.get(claimNo);
            return c == null ? null : c.state.name();
        }
    }

    /** The seller's own cancel of the line (reqrejectorder) as "ordCnRsnCd/ordCnDtlsRsn", null when there is none. */
    public String sellerCancelOf(String sellerId, String ordNo, String seq) {
        ElevenstSeller s = store.seller(sellerId);
        synchronized (s) {
            return s.claims.values().stream()
                    .filter(c -> c.bySeller && c.order.ordNo.equals(ordNo) && c.line.seq.equals(seq))
                    .map(c -> c.reasonCode + "/" + c.reasonText).findFirst().orElse(null);
        }
    }

    /** As if the seller shipped the bundle in Seller Office (or an earlier try got there): 401 with that number. */
    public void shipInSellerOffice(String sellerId, String dlvNo, String courier, String invoice) {
        store.shipInSellerOffice(sellerId, dlvNo, courier, invoice);
    }

    /** Every claim on a seller's lines, in the order they were made: ordCnStatCd (cancels) or clmStat as status. */
    public List<SimulatedClaimLine> claimLines(String sellerId) {
        return claims.lines(sellerId);
    }

    public List<String> orderIds(String sellerId) {
        return store.orderIds(sellerId);
    }

    /** The order's bundles (dlvNo), in line order. */
    public List<String> bundlesOf(String sellerId, String ordNo) {
        return store.bundlesOf(sellerId, ordNo);
    }

    /** ordPrdSeq -> ordPrdStat of the order's lines. */
    public Map<String, String> statusOf(String sellerId, String ordNo) {
        return store.statusOf(sellerId, ordNo);
    }

    public String invoiceOf(String sellerId, String ordNo, String seq) {
        return store.line(sellerId, ordNo, seq).invoice;
    }

    public String courierOf(String sellerId, String ordNo, String seq) {
        return store.line(sellerId, ordNo, seq).courier;
    }

    /** How many reqdelivery calls shipped the line (more than one would be a double send). */
    public int deliveriesOf(String sellerId, String ordNo, String seq) {
        return store.line(sellerId, ordNo, seq).deliveries;
    }

    public long listCalls() {
        return store.listCalls();
    }

    public long readCalls() {
        return store.readCalls();
    }

    /** Calls to the nine claimservice lists. */
    public long claimListCalls() {
        return claims.listCalls();
    }

    /** Calls to the seller's claim answers (approvals, refusals). */
    public long claimActionCalls() {
        return claims.actionCalls();
    }

    public long confirmCalls() {
        return store.confirmCalls();
    }

    public long deliveryCalls() {
        return store.deliveryCalls();
    }

    /** The seller's stock of the option (prdStckNo) at 11st, null when the seller has no such option. */
    public Integer stockOf(String sellerId, String prdStckNo) {
        ElevenstStockLevels.Level level = stock.get(sellerId, prdStckNo);
        return level == null ? null : level.quantity();
    }

    /** Sets the seller's stock of an option of product prdNo, making the option the seller's when it was not. */
    public void setStock(String sellerId, String prdNo, String prdStckNo, int quantity) {
        stock.set(sellerId, prdNo, prdStckNo, quantity);
    }

    /** Sets the seller's code (sellerStockCd) the stock read shows for an option; null: none. */
    public void setSellerStockCode(String sellerId, String prdStckNo, String code) {
        stock.setSellerStockCode(sellerId, prdStckNo, code);
    }

    /** Stock reads (prodmarket/stck) answered after the key and rate checks, unknown products included. */
    public long stockReadCalls() {
        return stockRead.calls.get();
    }

    /** Stock calls answered for the seller's option (after the key and rate checks), refused ones included. */
    public long stockCalls(String sellerId, String prdStckNo) {
        return stock.calls(sellerId, prdStckNo);
    }
}
