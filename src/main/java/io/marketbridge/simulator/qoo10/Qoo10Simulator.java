package io.marketbridge.simulator.qoo10;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.Arrivals;
import io.marketbridge.simulator.CallRates;
import io.marketbridge.simulator.MarketplaceSimulator;
import io.marketbridge.simulator.SimHttp;
import io.marketbridge.simulator.SimReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Qoo10 Japan's QAPI (QSM) as far as order integration needs it, on its real service path
 * {@code /GMKT.INC.Front.QAPIService/ebayjapan.qapi}: both call styles (the legacy one with {@code method} and
 * {@code key} among the parameters, the header one with the method in the path and the key in
 * {@code GiosisCertificationKey}), method names in any case, HTTP 200 for every business answer with its
 * {@code ResultCode}; the seller authorization key (SAK) issued by CertificationAPI.CreateCertificationKey for the
 * API key plus the QSM login, expiring (-90004, or -90005 after a password change); GetShippingInfo_v2 and _v3 by
 * status and JST window, the single-order read, SetSellerCheckYN_V2 (2 -> 3), SetSendingInfo (-> 4), GetClaimInfo_V3
 * and Claim.SetCancelProcess; the item and option stock calls ({@link Qoo10Stock}). Facts: docs/qoo10.md; every point it marks uncertain is a switch.
 * Answers are JSON (returnType XML is not simulated).
 */
public class Qoo10Simulator implements MarketplaceSimulator {

    public static final String NAME = "qoo10";
    public static final String SERVICE = "/GMKT.INC.Front.QAPIService/ebayjapan.qapi";
    static final String CREATE_KEY = "certificationapi.createcertificationkey";

    private static final Logger LOG = LoggerFactory.getLogger(Qoo10Simulator.class);

    /** A forced failure: for a method (lower case, or "*"), a mode (http500, http503, result:CODE, malformed), n times. */
    static final class Forced {
        final String method;
        final String mode;
        final AtomicLong left;

        Forced(String method, String mode, long times) {
            this.method = method.toLowerCase(Locale.ROOT);
            this.mode = mode;
            this.left = new AtomicLong(times);
        }
    }

    final Qoo10SimulatorSettings settings;
    final Qoo10Store store;
    final Qoo10Rows rows;
    final Qoo10Methods methods;
    final Qoo10Stock stock;
    final java.util.concurrent.CopyOnWriteArrayList<Forced> faults = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile long latencyMs;
    /** Switch: which call styles the host accepts (both, header, legacy). */
    volatile String callStyles;
    /** Calls per second per seller and in total (stats, reset-rates): what a benchmark reads. */
    final CallRates rates = new CallRates();
    /** Per seller: how many more calls its SAK answers before it expires (a SAK running out in the middle of a poll). */
    private final Map<String, AtomicLong> expiryCountdowns = new java.util.concurrent.ConcurrentHashMap<>();
    private final Qoo10Control control;
    private Arrivals arrivals;

    public Qoo10Simulator(Qoo10SimulatorSettings settings) {
        this(settings, Clock.system(Qoo10Store.TOKYO));
    }

    public Qoo10Simulator(Qoo10SimulatorSettings settings, Clock clock) {
        this.settings = settings;
        this.store = new Qoo10Store(settings.randomSeed(), clock);
        this.rows = new Qoo10Rows(settings);
        this.stock = new Qoo10Stock(store);
        this.methods = new Qoo10Methods(this);
        this.callStyles = settings.callStyles();
        this.control = new Qoo10Control(this);
        settings.sellers().forEach(store::addSeller);
        ZonedDateTime now = store.now();
        long span = Math.max(1, settings.seedSpan().toSeconds());
        int n = Math.max(1, settings.seedOrders());
        for (String seller : settings.sellers().keySet()) {
            for (int i = 0; i < settings.seedOrders(); i++) {
                store.createCart(seller, now.minusSeconds(span - span * i / n), 1 + i % 3 / 2 + i % 5 / 4, false);
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> paths() {
        return List.of("/GMKT.INC.Front.QAPIService/");
    }

    @Override
    public String summary() {
        return store.sellers.size() + " seller(s)";
    }

    @Override
    public void start() {
        if (store.sellers.isEmpty()) {
            return;
        }
        arrivals = Arrivals.start(NAME, settings.arrivalPerMinute(), (count, now) -> {
            for (String seller : store.sellers.keySet()) {
                for (int i = 0; i < count; i++) {
                    store.createCart(seller, now, 1 + (int) (Math.random() * 2), false);
                }
            }
            store.deliver(settings.deliveryAfter());
            methods.buyersCancel(settings.cancelRate() * Math.max(1, count));
        });
    }

    @Override
    public void stop() {
        if (arrivals != null) {
            arrivals.stop();
        }
    }

    @Override
    public void handle(HttpExchange http) throws IOException {
        try (http) {
            SimReply reply;
            try {
                reply = answer(http);
            } catch (RuntimeException e) {
                LOG.warn("Qoo10 simulator failed on {}: {}", http.getRequestURI().getPath(), e.toString());
                reply = SimReply.html(500, "<html><body>Runtime Error</body></html>", StandardCharsets.UTF_8);
            }
            SimHttp.send(http, reply);
        }
    }

    private SimReply answer(HttpExchange http) throws IOException {
        SimHttp.pause(latencyMs);
        String path = http.getRequestURI().getPath();
        Map<String, String> params = new HashMap<>();
        SimHttp.query(http.getRequestURI().getRawQuery()).forEach((k, v) -> params.put(k, v.get(0)));
        byte[] body = SimHttp.body(http);
        if (body == null) {
            return SimReply.html(413, "<html><body>Request Entity Too Large</body></html>", StandardCharsets.UTF_8);
        }
        String contentType = http.getRequestHeaders().getFirst("Content-Type");
        if (body.length > 0 && (contentType == null || contentType.startsWith("application/x-www-form-urlencoded"))) {
            SimHttp.query(new String(body, StandardCharsets.UTF_8)).forEach((k, v) -> params.put(k, v.get(0)));
        }
        String method;
        String key;
        if (path.equalsIgnoreCase(SERVICE)) {
            if (callStyles.equals("header")) {
                return unknownApi();
            }
            method = params.getOrDefault("method", "");
            key = params.getOrDefault("key", "");
        } else if (path.toLowerCase(Locale.ROOT).startsWith(SERVICE.toLowerCase(Locale.ROOT) + "/")) {
            if (callStyles.equals("legacy") || !"POST".equals(http.getRequestMethod())) {
                return unknownApi();
            }
            method = path.substring(SERVICE.length() + 1);
            String header = http.getRequestHeaders().getFirst("GiosisCertificationKey");
            key = header == null ? "" : header;
        } else {
            return SimReply.html(404, "<html><body>The resource cannot be found.</body></html>", StandardCharsets.UTF_8);
        }
        String m = method.toLowerCase(Locale.ROOT);
        store.calls.computeIfAbsent(m, k -> new AtomicLong()).incrementAndGet();
        SimReply fault = forced(m);
        if (fault != null) {
            return fault;
        }
        if (m.equals(CREATE_KEY)) {
            String seller = store.sellerOfApiKey(key);
            rates.record(seller == null ? "?" : seller);
            return methods.createKey(key, params);
        }
        Qoo10Store.Sak sak = store.sak(key);
        rates.record(sak == null ? "?" : sak.seller());
        if (sak == null) {
            return store.sellerOfApiKey(key) != null ? error(-90002, "Not authorized: use the seller authorization key")
                    : unknownKey();
        }
        if (store.passwordChangedSince(sak)) {
            return error(-90005, "Seller authorization key is no longer valid");
        }
        if (!sak.expires().isAfter(store.now())) {
            return error(settings.expiryCode(), "Seller authorization key has expired");
        }
        SimReply reply = methods.call(m, sak.seller(), params);
        AtomicLong countdown = expiryCountdowns.get(sak.seller());
        if (countdown != null && countdown.decrementAndGet() == 0) {
            expiryCountdowns.remove(sak.seller());
            store.expireSaks(sak.seller());
        }
        return reply;
    }

    private SimReply forced(String method) {
        for (Forced f : faults) {
            if ((f.method.equals("*") || f.method.equals(method)) && f.left.getAndDecrement() > 0) {
                if (f.mode.startsWith("result:")) {
                    return error(Integer.parseInt(f.mode.substring(7)), "Forced error");
                }
                return switch (f.mode) {
                    case "http500" -> SimReply.html(500, "<html><body>Runtime Error</body></html>", StandardCharsets.UTF_8);
                    case "http503" -> SimReply.html(503, "<html><body>Service Unavailable</body></html>", StandardCharsets.UTF_8);
                    case "malformed" -> SimReply.json(200, "{\"ResultCode\":0,\"ResultMsg\":\"SUCC");
                    default -> throw new IllegalStateException("unknown fault mode " + f.mode);
                };
            }
        }
        faults.removeIf(f -> f.left.get() <= 0);
        return null;
    }

    static SimReply ok(JsonNode resultObject, String message) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("ResultCode", 0);
        out.put("ResultMsg", message);
        if (resultObject != null) {
            out.set("ResultObject", resultObject);
        }
        return SimReply.json(200, out.toString());
    }

    static SimReply error(int code, String message) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("ResultCode", code);
        out.put("ResultMsg", message);
        return SimReply.json(200, out.toString());
    }

    private SimReply unknownApi() {
        return error(-90001, "API does not exist");
    }

    /** A key the host does not know at all: the ErrorCode shape seen in probes, or a ResultCode (unknown-key-shape). */
    SimReply unknownKey() {
        if (settings.unknownKeyShape().equals("result")) {
            return error(-90001, "Invalid key");
        }
        return SimReply.json(200, "{\"ErrorCode\":-90001,\"ErrorMsg\":\"Invalid key\"}");
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** /_simulator/qoo10/...: see {@link Qoo10Control}. */
    @Override
    public void handleControl(HttpExchange http) throws IOException {
        control.handle(http);
    }

    // ---------------------------------------------------------------- for tests

    /** New paid carts for a seller, paid at {@code at}; the first order of the first cart malformed when asked. */
    public List<Long> addCarts(String seller, int carts, int linesEach, ZonedDateTime at, boolean malformed) {
        List<Long> packs = new java.util.ArrayList<>();
        for (int i = 0; i < carts; i++) {
            packs.add(store.createCart(seller, at, linesEach, malformed && i == 0).get(0).packNo);
        }
        return packs;
    }

    /** The orderNos of a cart. */
    public List<Long> orderNosOf(long packNo) {
        return store.all().stream().filter(o -> o.packNo == packNo).map(o -> o.orderNo).toList();
    }

    /** packNo -> its orderNos, of every cart of a seller, in the order they were paid. */
    public Map<Long, List<Long>> cartsOf(String seller) {
        Map<Long, List<Long>> carts = new java.util.LinkedHashMap<>();
        store.ordersOf(seller).forEach(o -> carts.computeIfAbsent(o.packNo, k -> new java.util.ArrayList<>()).add(o.orderNo));
        return carts;
    }

    /** {buyer, buyer kana, receiver, receiver kana} of an order, as its rows carry them. */
    public String[] namesOf(long orderNo) {
        Qoo10Store.SimOrder o = store.order(orderNo);
        return new String[] {o.buyer, o.buyerKana, o.receiver, o.receiverKana};
    }

    /** The order's GetClaimInfo_V3 row, or null when it has no claim. */
    public JsonNode claimRowOf(long orderNo) {
        Qoo10Store.SimOrder o = store.order(orderNo);
        return o.claimStatus == 0 ? null : rows.claim(o);
    }

    public int statusOf(long orderNo) {
        return store.order(orderNo).status;
    }

    /** {ShippingCorp, TrackingNo, EstShipDt} of an order. */
    public String[] shippingOf(long orderNo) {
        Qoo10Store.SimOrder o = store.order(orderNo);
        return new String[] {o.shippingCorp, o.trackingNo, o.estShipDate};
    }

    /** The buyer asks to cancel the order (ClaimStat 1). */
    public void requestCancel(long orderNo) {
        methods.requestCancel(store.order(orderNo), "買い間違え");
    }

    /** The buyer takes the cancel request back. */
    public void withdrawCancel(long orderNo) {
        methods.withdrawCancel(store.order(orderNo));
    }

    /** The order's ClaimStat (0: none, 1 cancel requested, 3 cancelled). */
    public int claimStatusOf(long orderNo) {
        return store.order(orderNo).claimStatus;
    }

    public void setStatus(long orderNo, int status) {
        store.order(orderNo).status = status;
    }

    /** Queues a forced failure for a method (or "*"). */
    public void force(String method, String mode, long times) {
        faults.add(new Forced(method, mode, times));
    }

    public int expireSaks(String seller) {
        return store.expireSaks(seller);
    }

    /** The seller's SAKs expire once they have answered {@code calls} more calls (the next call is then -90004). */
    public void expireSaksAfter(String seller, int calls) {
        expiryCountdowns.put(seller, new AtomicLong(calls));
    }

    /** The seller changes the QSM password: its SAKs answer -90005 and the old password is refused. */
    public void changePassword(String seller, String password) {
        store.changePassword(seller, password);
    }

    /** Every SAK issued to the seller (valid or not). */
    public List<String> saksOf(String seller) {
        return store.saksOf(seller);
    }

    public long calls(String method) {
        return store.count(method.toLowerCase(Locale.ROOT));
    }

    public long saksIssued() {
        return store.saksIssued.get();
    }

    /** The figure Qoo10 holds for an item ("" option: the item's own Qty) or one of its options; null when unknown. */
    public Long stockOf(String seller, String itemCode, String optionCode) {
        Qoo10Stock.Item item = stock.item(seller, itemCode);
        if (item == null) {
            return null;
        }
        if (optionCode == null || optionCode.isEmpty()) {
            return item.qty;
        }
        return item.options.stream().filter(o -> o.code.equals(optionCode)).map(o -> o.qty).findFirst().orElse(null);
    }

    /** Sets a figure as if the seller had changed it in QSM. */
    public void setStock(String seller, String itemCode, String optionCode, long qty) {
        Qoo10Stock.Item item = stock.item(seller, itemCode);
        if (optionCode == null || optionCode.isEmpty()) {
            item.qty = qty;
        } else {
            item.options.stream().filter(o -> o.code.equals(optionCode)).findFirst().orElseThrow().qty = qty;
        }
    }

    /** How many stock writes (SetGoodsPriceQty, EditGoodsInventory) an item received, refused ones included. */
    public long stockCalls(String seller, String itemCode) {
        Qoo10Stock.Item item = stock.item(seller, itemCode);
        return item == null ? 0 : item.stockCalls.get();
    }

    /** The item's end of sale (SetGoodsPriceQty sets it a year ahead when ExpireDate is blank). */
    public java.time.LocalDate expireDateOf(String seller, String itemCode) {
        return stock.item(seller, itemCode).expireDate;
    }

    public void setCallStyles(String styles) {
        this.callStyles = styles;
    }

    void useClock(Clock clock) {
        store.setClock(clock);
    }

    Duration sakLifetime() {
        return settings.sakLifetime();
    }
}
