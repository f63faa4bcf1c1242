package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangReplies.gatewayError;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.Arrivals;
import io.marketbridge.simulator.BuyerClaimPlan;
import io.marketbridge.simulator.ClaimSwitches;
import io.marketbridge.simulator.ConfirmCalls;
import io.marketbridge.simulator.MarketplaceSimulator;
import io.marketbridge.simulator.ReadOverlaps;
import io.marketbridge.simulator.SimHttp;
import io.marketbridge.simulator.SimulatedClaimLine;
import io.marketbridge.simulator.SimReply;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;

/**
 * Coupang's WING Open API as far as order integration needs it, on the real paths. This class is the gateway: fault
 * switches and latency, the CEA signature check (wrong signature, stale signed-date, unknown access key, wrong
 * vendorId answered as Coupang does), a per-vendor rate limit answered with 429 and a block of every call of that
 * vendor for a while after (throttle-block), then the call goes to its resource: v5 order sheet lists
 * ({@link CoupangOrderSheetList}) and single reads ({@link CoupangOrderSheetRead}), acknowledgement
 * ({@link CoupangAcknowledgement}), invoices ({@link CoupangInvoices}) and claims (returnRequests, their seller
 * actions, the seller's cancel, exchangeRequests, returnWithdrawRequests: {@link CoupangClaims}) and the stock of an
 * option ({@link CoupangStockUpdate}, figures in {@link CoupangStockLevels}). The data (seeded
 * Korean orders, Money objects, a steady arrival of new ones) lives in {@link CoupangStore}.
 */
public class CoupangSimulator implements MarketplaceSimulator {

    /** The marketplace's one name: control endpoint /_simulator/coupang/, properties marketbridge.simulators.coupang.*. */
    public static final String NAME = "coupang";
    /**
     * A field no documented answer has, on every answer object: APIs add fields without notice, so a client must
     * ignore what it does not know.
     */
    public static final String UNKNOWN_FIELD = "unannouncedField";

    private final CoupangSimulatorSettings settings;
    private final CoupangStore store;
    private final CoupangFaults faults = new CoupangFaults();
    private final CoupangRateLimit rateLimit;
    private final CoupangSignatureCheck signatures;
    private final List<CoupangResource> resources;
    private final CoupangControl control;
    private final CoupangClaims claims;
    private final CoupangStockLevels stock = new CoupangStockLevels();
    private Arrivals arrivals;
    private Arrivals claimTicks;

    public CoupangSimulator(CoupangSimulatorSettings settings) {
        this.settings = settings;
        this.store = new CoupangStore(settings);
        this.rateLimit = new CoupangRateLimit(settings.rateLimitPerSecond(), settings.throttleBlock());
        this.signatures = new CoupangSignatureCheck(store, settings.signatureWindow());
        this.claims = new CoupangClaims(store, new BuyerClaimPlan(settings.claims(), settings.randomSeed() + 1));
        this.resources = List.of(new CoupangOrderSheetList(store), new CoupangOrderSheetRead(store),
                new CoupangAcknowledgement(store, faults), new CoupangInvoices(store, faults),
                new CoupangReturnRequests(claims), new CoupangReturnActions(claims),
                new CoupangSellerCancel(store, claims, settings.sellerCancelFailureStatus()),
                new CoupangExchangeRequests(claims), new CoupangReturnWithdrawRequests(claims),
                new CoupangStockUpdate(stock, settings.stockMaxQuantity(), settings.stockRefusalStatus()));
        this.control = new CoupangControl(store, faults, rateLimit, new CoupangClaimControl(store, claims), stock);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> paths() {
        return List.of("/v2/providers/");
    }

    @Override
    public String summary() {
        return vendorCount() + " vendor(s)";
    }

    @Override
    public void start() {
        if (store.vendorCount() > 0) { // also when no rate is set yet: the switches change while running
            claimTicks = Arrivals.start("coupang-claims", 0, (count, now) -> claims.tick(System.currentTimeMillis()));
        }
        if (settings.arrivalPerMinute() <= 0 || store.vendorCount() == 0) {
            return;
        }
        arrivals = Arrivals.start("coupang", settings.arrivalPerMinute(),
                (count, now) -> store.arrive(count, now, faults.malformedOrderRate));
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

    // ---------------------------------------------------------------- HTTP

    @Override
    public void handle(HttpExchange http) throws IOException {
        Matcher list = ORDER_SHEET_LIST.matcher(http.getRequestURI().getRawPath());
        AutoCloseable read = http.getRequestMethod().equals("GET") && list.matches() ? store.listReads.enter(list.group(1)) : null;
        try (http) {
            SimReply reply = answer(http);
            if (reply.status() == 200 && faults.malformedBodyRate > 0
                    && ThreadLocalRandom.current().nextDouble() < faults.malformedBodyRate) {
                reply = reply.truncated(); // a body cut off mid-way
            }
            if (read != null) {
                ReadOverlaps.leave(read); // answered: the client may ask again now
            }
            SimHttp.send(http, reply);
        } finally {
            if (read != null) {
                ReadOverlaps.leave(read);
            }
        }
    }

    private static final java.util.regex.Pattern ORDER_SHEET_LIST =
            java.util.regex.Pattern.compile(CoupangResource.API + "/v5/vendors/([^/]+)/ordersheets");

    /** Order-sheet list reads of one vendor that overlapped (two polls of one account at once). */
    public ReadOverlaps orderListOverlaps() {
        return store.listReads;
    }

    /** Boxes (vendor/box) named in acknowledgement calls. */
    public ConfirmCalls confirmsPerUnit() {
        return store.confirmsPerUnit;
    }

    @Override
    public void handleControl(HttpExchange http) throws IOException {
        control.handle(http);
    }

    private SimReply answer(HttpExchange http) throws IOException {
        String method = http.getRequestMethod();
        String path = http.getRequestURI().getRawPath();
        String rawQuery = http.getRequestURI().getRawQuery();
        SimHttp.pause(faults.latencyMs);
        Integer forced = faults.failNext.poll();
        if (forced != null) {
            return forced == 429 ? throttled(vendorInPath(path)) : gatewayError(forced, "Simulated failure " + forced);
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (faults.throttleRate > 0 && r.nextDouble() < faults.throttleRate) {
            return throttled(vendorInPath(path));
        }
        if (faults.errorRate > 0 && r.nextDouble() < faults.errorRate) {
            return SimReply.json(500, "{\"code\":500,\"message\":\"Timeout waiting for connection from pool\"}");
        }
        if (faults.timeoutRate > 0 && r.nextDouble() < faults.timeoutRate) {
            SimHttp.pause(faults.timeoutDelayMs);
            return gatewayError(504, "Request timed out, please try again later.");
        }

        // 1. the signature, over the path and the query exactly as they arrived
        CoupangSignatureCheck.Outcome auth = signatures.check(http.getRequestHeaders().getFirst("Authorization"),
                method, path, rawQuery);
        if (auth.refusal() != null) {
            return auth.refusal();
        }
        String keyVendor = auth.vendor();

        // 2. the vendor in the path must be the key's vendor
        CoupangResource resource = null;
        Matcher match = null;
        for (CoupangResource candidate : resources) {
            Matcher m = candidate.path().matcher(path);
            if (m.matches()) {
                resource = candidate;
                match = m;
                break;
            }
        }
        if (resource == null) {
            return gatewayError(404, "No API found for " + method + " " + path);
        }
        String pathVendor = resource.vendorInPath() ? match.group(1) : keyVendor;
        if (!pathVendor.equals(keyVendor)) {
            return SimReply.json(400, "{\"code\":400,\"message\":\"업체코드(vendorId) " + pathVendor
                    + " 는 이 access-key 의 업체가 아닙니다. (vendorId does not match the access key)\"}");
        }

        // 3. the per-vendor rate limit, and the block that follows going over it
        if (!rateLimit.admit(keyVendor)) {
            return throttled(keyVendor);
        }

        Map<String, String> query = lastValues(SimHttp.query(rawQuery));
        if (!method.equals(resource.method())) {
            return gatewayError(405, "Method " + method + " is not allowed for " + path);
        }
        Integer rereadFault = resource.rereads(query) ? faults.failNextRereads.poll() : null;
        if (rereadFault != null) {
            return gatewayError(rereadFault, "Simulated failure " + rereadFault);
        }
        return resource.answer(keyVendor, match, query, http);
    }

    /** A 429, which blocks the vendor (when the path names one) for throttle-block. */
    private SimReply throttled(String vendor) {
        rateLimit.throttled(vendor);
        return CoupangReplies.tooManyRequests();
    }

    private String vendorInPath(String path) {
        for (CoupangResource resource : resources) {
            Matcher m = resource.path().matcher(path);
            if (m.matches()) {
                return resource.vendorInPath() ? m.group(1) : null;
            }
        }
        return null;
    }

    /** One value per query parameter: the last of a repeated name, as Coupang's gateway reads it. */
    private static Map<String, String> lastValues(Map<String, List<String>> query) {
        Map<String, String> q = new HashMap<>();
        query.forEach((name, values) -> q.put(name, values.get(values.size() - 1)));
        return q;
    }

    /**
     * The CEA signature as coupang.md 1.2 gives it (the simulator's own check, see {@link CoupangSignatureCheck}).
     */
    static String ceaSignature(String secretKey, String message) {
        return CoupangSignatureCheck.signature(secretKey, message);
    }

    // ---------------------------------------------------------------- state, for tests and benchmarks

    public CoupangFaults faults() {
        return faults;
    }

    public int vendorCount() {
        return store.vendorCount();
    }

    /** Adds a vendor (with no orders) while running. */
    public void addVendor(String vendorId, String accessKey, String secretKey) {
        store.addVendor(vendorId, accessKey, secretKey);
    }

    /** Creates one order (one box, sometimes two) paid at {@code createdAt}; returns its orderId. */
    public long createOrder(String vendor, ZonedDateTime createdAt, boolean malformed) {
        return store.createOrder(vendor, createdAt, malformed);
    }

    /** Creates one order with the given number of boxes; returns its orderId. */
    public long createOrder(String vendor, ZonedDateTime createdAt, boolean malformed, int boxes) {
        return store.createOrder(vendor, createdAt, malformed, boxes);
    }

    /**
     * Serves an order sheet exactly as given (ACCEPT, created today), whatever its ids and values: for trying
     * how an integration copes with what a marketplace should never send (a 70-digit orderId, a NUL in a name).
     * Returns the box's key: its shipmentBoxId when that is a number, else a key of the simulator's own.
     */
    public long addSheet(String vendor, ObjectNode sheet) {
        return store.addSheet(vendor, sheet);
    }

    /**
     * Adds one order sheet written by hand (the v5 shape of docs/coupang.md), listed under
     * {@code createdDay}; its status is the sheet's {@code status} (ACCEPT when absent). For tests that need a
     * particular order: a split order whose boxes differ, a box that arrives after the others.
     */
    public void addSheet(String vendor, ObjectNode sheet, LocalDate createdDay) {
        store.addSheet(vendor, sheet, createdDay);
    }

    /** Changes the receiver of every box of an order (a buyer editing the address before acknowledgement). */
    public void changeReceiver(String vendor, long orderId) {
        store.changeReceiver(vendor, orderId);
    }

    /** orderId -> statuses of its boxes, for assertions and the stats endpoint. */
    public Map<Long, List<String>> orders(String vendor) {
        return store.orders(vendor);
    }

    /** Number of boxes per status of one vendor. */
    public Map<String, Integer> statusCounts(String vendor) {
        return store.statusCounts(vendor);
    }

    /** Order-sheet list calls answered for the vendor (after auth and rate checks). */
    public long listCalls(String vendor) {
        return store.listCalls(vendor);
    }

    /** Order-sheet list calls answered for the vendor with the given status. */
    public long listCalls(String vendor, String status) {
        return store.listCalls(vendor, status);
    }

    /** Single order-sheet reads (by shipmentBoxId) answered for the vendor. */
    public long singleReads(String vendor) {
        return store.singleReads(vendor);
    }

    /** Lines (order items) of an order across its boxes. */
    public int lineCount(String vendor, long orderId) {
        return store.lineCount(vendor, orderId);
    }

    /** The JSON of every box of an order as the API would render it now. */
    public List<ObjectNode> sheetsOf(String vendor, long orderId) {
        return store.sheetsOf(vendor, orderId);
    }

    public long acknowledgementCalls() {
        return store.acknowledgementCalls();
    }

    /** Invoice upload calls answered (after auth and rate checks), refused ones included. */
    public long invoiceUploadCalls() {
        return store.invoiceUploadCalls();
    }

    /** Invoice update calls answered (after auth and rate checks), refused ones included. */
    public long updateInvoiceCalls() {
        return store.updateInvoiceCalls();
    }

    /** The shipmentBoxIds of an order, in creation order. */
    public List<Long> boxIdsOf(String vendor, long orderId) {
        return store.boxIdsOf(vendor, orderId);
    }

    public String statusOf(String vendor, long boxId) {
        return store.sheet(vendor, boxId).status;
    }

    /** The tracking number the box carries now ("" before an upload). */
    public String invoiceOf(String vendor, long boxId) {
        return store.invoiceOf(vendor, boxId);
    }

    /** Successful invoice uploads of a box (updates not counted). */
    public int invoiceUploadsOf(String vendor, long boxId) {
        return store.invoiceUploadsOf(vendor, boxId);
    }

    /** The buyer cancels every item of a box (the box keeps its status; an upload is refused). */
    public void cancelBox(String vendor, long boxId) {
        store.cancelBox(vendor, boxId);
    }

    /**
     * The buyer cancels pieces of a box not yet shipped: {@code vendorItemId} null for every line, {@code count} null
     * for all pieces. ACCEPT: done at once (a CANCEL receipt); INSTRUCT: a stop request (RU) holding the pieces.
     * Returns the receiptId.
     */
    public long buyerCancel(String vendor, long boxId, Long vendorItemId, Integer count) {
        return claims.buyerCancel(vendor, boxId, vendorItemId, count, false).receiptId;
    }

    /** The buyer returns pieces of a shipped box (a RETURN receipt, UC); returns the receiptId. */
    public long buyerReturn(String vendor, long boxId, Long vendorItemId, Integer count) {
        return claims.buyerReturn(vendor, boxId, vendorItemId, count, false, false).receiptId;
    }

    /** The buyer asks to exchange pieces of a shipped box (exchangeRequests, RECEIPT); returns the exchangeId. */
    public long buyerExchange(String vendor, long boxId, Long vendorItemId, Integer count) {
        return claims.buyerReturn(vendor, boxId, vendorItemId, count, true, false).receiptId;
    }

    /** The buyer withdraws an open receipt or exchange (a stop request's pieces may ship again). */
    public void withdrawClaim(String vendor, long receiptId) {
        claims.withdraw(vendor, receiptId);
    }

    /** receiptStatus (or exchangeStatus) of a claim now. */
    public String claimStatusOf(String vendor, long receiptId) {
        CoupangClaim c = claims.claim(vendor, receiptId);
        if (c == null) {
            throw new IllegalArgumentException("no receipt " + receiptId + " for vendor " + vendor);
        }
        synchronized (c) {
            return c.status;
        }
    }

    /** Every claim of a vendor, one entry per line it covers (shipmentBoxId-vendorItemId), in receiptId order. */
    public List<SimulatedClaimLine> claimLines(String vendor) {
        return claims.lines(vendor);
    }

    /** The buyers' claim switches (claims.*), changeable while running. */
    public ClaimSwitches claimSwitches() {
        return settings.claims();
    }

    /** Applies the buyers' planned claims that are due by {@code nowMillis} (what the claims tick does each second). */
    public void runClaimPlan(long nowMillis) {
        claims.tick(nowMillis);
    }

    /** The highest calls-per-second any single vendor reached (a sliding one-second window). */
    public int peakRatePerVendor() {
        return rateLimit.rates().peakPerCaller();
    }

    /** The highest calls-per-second of all vendors together (per wall-clock second). */
    public long peakRateTotal() {
        return rateLimit.rates().peakTotal();
    }

    /** Forgets the rate peaks (for a benchmark that measures one phase). */
    public void resetRatePeaks() {
        rateLimit.rates().reset();
    }

    /** How long a vendor stays blocked after a 429 from now on (blocks already running keep their end). */
    public void throttleBlock(Duration block) {
        rateLimit.throttleBlock(block);
    }

    /** Calls of the vendor answered with 429 (over the limit, during a block, or forced). */
    public long throttledCalls(String vendor) {
        return rateLimit.throttledCalls(vendor);
    }

    /** The stock Coupang holds for the vendor's option (vendorItemId), null when the vendor has no such option. */
    public Integer stockOf(String vendor, long vendorItemId) {
        return stock.get(vendor, vendorItemId);
    }

    /** Sets the stock of the vendor's option, making the vendorItemId the vendor's when it was not. */
    public void setStock(String vendor, long vendorItemId, int quantity) {
        stock.set(vendor, vendorItemId, quantity);
    }

    /** Stock calls answered for the vendor's option (after auth and rate checks), refused ones included. */
    public long stockCalls(String vendor, long vendorItemId) {
        return stock.calls(vendor, vendorItemId);
    }

    /** Lifts every vendor's block now and restores the configured block length. */
    public void resetBlocks() {
        rateLimit.resetBlocks();
    }
}
