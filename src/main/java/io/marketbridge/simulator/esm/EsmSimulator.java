package io.marketbridge.simulator.esm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.Arrivals;
import io.marketbridge.simulator.CallRates;
import io.marketbridge.simulator.ControlEndpoint;
import io.marketbridge.simulator.esm.EsmSimulatorSettings.Master;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * an address until accepted; the static courier list; business errors, latency and HTTP faults as switches.
 * Facts: ../shared/marketplaces/esm.md.
 */
public class EsmSimulator implements io.marketbridge.simulator.MarketplaceSimulator {

    /** The marketplace's one name: control endpoint /_simulator/esm/, properties marketbridge.simulators.esm.*. */
    public static final String NAME = "esm";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public java.util.List<String> paths() {
        return java.util.List.of("/shipping/", "/item/");
    }

    @Override
    public String summary() {
        return sellerCount() + " site seller(s)";
    }


    private static final Logger LOG = LoggerFactory.getLogger(EsmSimulator.class);

    static final String REQUEST_ORDERS = "/shipping/v1/Order/RequestOrders";
    /**
     * A field no documented answer has, on every answer object: APIs add fields without notice, so a client must
     * ignore what it does not know.
     */
    public static final String UNKNOWN_FIELD = "UnannouncedField";
    static final String PRE_REQUEST_ORDERS = "/shipping/v1/Order/PreRequestOrders";
    static final Pattern ORDER_CHECK = Pattern.compile("/shipping/v1/Order/OrderCheck/([0-9]+)");
    static final String SHIPPING_INFO = "/shipping/v1/Delivery/ShippingInfo";
    static final String DELIVERY_COMPANIES = "/item/v1/shipping/delivery-company";
    public static final String AUDIENCE = "sa.esmplus.com";
    public static final String DENIED = "{\"status\":{\"message\":\"The user does not have right access to the api\",\"status_code\":401}}";
    public static final String RATE_LIMIT_MESSAGE = "호출 횟수 제한을 초과하였습니다. (RequestOrders: 판매자 ID당 5초에 1회)";

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final DateTimeFormatter WINDOW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    static final DateTimeFormatter LOCAL_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    /** Star delivery (TransType G-Z) accepts only these couriers (CJ, Hanjin, Lotte). */
    static final Set<Integer> STAR_COURIERS = Set.of(10013, 10007, 10008);
    static final int GMARKET_WINDOW_DAYS = 31;
    static final int AUCTION_WINDOW_DAYS = 180;

    /** Fault and behaviour switches; each may be changed while the simulator runs. */
    public static final class Faults {
        public volatile long latencyMs;
        /** Share of calls answered with HTTP 500 (the gateway's Spring Boot error body). */
        public volatile double errorRate;
        /** Fresh orders show null phones for this long after payment (ESM: "about 5 minutes"). */
        public volatile Duration freshPhoneDelay = Duration.ZERO;
        /** Share of orders whose buyer changes the address just before OrderCheck (it answers IsChanged 1). */
        public volatile double addressChangeRate;
        /** Share of new orders that are gifts waiting for the receiver's address. */
        public volatile double giftRate;
        /** Gmarket's Data.SiteType in RequestOrders answers: 2 as requested, or 3 as the official sample shows. */
        public volatile int gmarketSiteTypeInAnswer = 2;
        /** The buyer id field's name: BuyerId (sample) or BuyerID (some doc text). */
        public volatile String buyerIdField = "BuyerId";
        /** iat accepted as: any (number or numeric string), number, string. */
        public volatile String iatAs = "any";
        /** A page size over maxPageSize: clamp it (answer PageSize shows the clamp) or refuse with 1000. */
        public volatile boolean clampPageSize = true;
        volatile int maxPageSize;
        final ConcurrentLinkedQueue<int[]> failNext = new ConcurrentLinkedQueue<>(); // {api, httpStatus or 0, resultCode}

        /** The next {@code count} calls of {@code api} (null = any) answer HTTP {@code status}. */
        public void failNext(int status, int count) {
            for (int i = 0; i < count; i++) {
                failNext.add(new int[] {-1, status, 0});
            }
        }

        /** The next {@code count} calls of {@code api} (null = any) answer HTTP 200 with ResultCode {@code code}. */
        public void failNextResult(Api api, int code, int count) {
            for (int i = 0; i < count; i++) {
                failNext.add(new int[] {api == null ? -1 : api.ordinal(), 0, code});
            }
        }

        public void reset() {
            latencyMs = 0;
            errorRate = addressChangeRate = giftRate = 0;
            freshPhoneDelay = Duration.ZERO;
            gmarketSiteTypeInAnswer = 2;
            buyerIdField = "BuyerId";
            iatAs = "any";
            clampPageSize = true;
            failNext.clear();
        }
    }

    public enum Api { REQUEST_ORDERS, ORDER_CHECK, SHIPPING_INFO, DELIVERY_COMPANIES }

    // ---------------------------------------------------------------- model

    /** One site seller ID (Gmarket "G" or Auction "A") of a master. Guarded by its own monitor. */
    static final class Seller {
        final String site;
        final String id;
        final String masterId;
        final Map<Long, Item> items = new LinkedHashMap<>();
        /** Arrival times (ms) of every order query that met the bucket, refused ones included. */
        final List<Long> queryTimes = new ArrayList<>();
        long lastAccepted = Long.MIN_VALUE / 2;

        Seller(String site, String id, String masterId) {
            this.site = site;
            this.id = id;
            this.masterId = masterId;
        }

        String key() {
            return site + ":" + id;
        }
    }

    /** One OrderNo: a line of a PayNo cart, shipped on its own. */
    static final class Item {
        long payNo;
        long orderNo;
        long groupNo;
        int status = 1;
        ZonedDateTime orderDate;
        ZonedDateTime payDate;
        ZonedDateTime confirmDate;
        ZonedDateTime transDate;
        ZonedDateTime transDueDate;
        SampleData.Product product;
        SampleData.Option option;
        int quantity;
        long shippingFee;
        long sellerDiscount;
        String buyerName;
        String buyerId;
        String buyerMobile;
        String receiverName;
        String hpNo;
        String telNo;
        String zipCode;
        String front;
        String back;
        String memo;
        String infoCin;
        String transType = "A";
        boolean gift;
        ZonedDateTime giftAcceptedAt;
        boolean addressChanged;
        Integer courier;
        String invoice;
        int shipments;
    }

    private final EsmSimulatorSettings settings;
    private final Faults faults = new Faults();
    private final ObjectMapper json = new ObjectMapper();
    private final Random random;
    private final Map<String, Master> masters = new ConcurrentHashMap<>();
    /** "G:id" / "A:id" -> seller. */
    private final Map<String, Seller> sellers = new ConcurrentHashMap<>();
    private volatile Duration orderQueryInterval;
    private final AtomicLong nextPayNo = new AtomicLong(4_100_000_000L);
    private final AtomicLong nextOrderNo = new AtomicLong(3_200_000_000L);
    private final AtomicLong requestOrdersCalls = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong orderCheckCalls = new AtomicLong();
    private final AtomicLong shippingInfoCalls = new AtomicLong();
    private final AtomicLong unauthorized = new AtomicLong();
    /** The rates masters called at (all APIs), for the stats. */
    private final CallRates rates = new CallRates();
    private Arrivals arrivals;

    public EsmSimulator(EsmSimulatorSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.randomSeed());
        this.orderQueryInterval = settings.orderQueryInterval();
        this.faults.freshPhoneDelay = settings.freshPhoneDelay();
        this.faults.maxPageSize = Math.max(1, settings.maxPageSize());
        settings.masters().forEach(this::addMaster);
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        long span = Math.max(1, settings.seedSpan().toSeconds());
        int n = Math.max(1, settings.seedOrders());
        for (Seller s : new TreeMap<>(sellers).values()) {
            for (int i = 0; i < settings.seedOrders(); i++) {
                createCart(s.site, s.id, now.minusSeconds(span - span * i / n), randomLines(), false);
            }
        }
    }

    @Override
    public void start() {
        if (settings.arrivalPerMinute() <= 0 || sellers.isEmpty()) {
            return;
        }
        arrivals = Arrivals.start("esm", settings.arrivalPerMinute(), (count, now) -> {
            for (Seller s : new TreeMap<>(sellers).values()) {
                for (int i = 0; i < count; i++) {
                    createCart(s.site, s.id, now, randomLines(), random.nextDouble() < faults.giftRate);
                }
                acceptWaitingGifts(s, now);
            }
        });
    }

    @Override
    public void stop() {
        if (arrivals != null) {
            arrivals.stop();
        }
    }

    public Faults faults() {
        return faults;
    }

    /** Site seller IDs served (Gmarket and Auction together). */
    public int sellerCount() {
        return sellers.size();
    }

    /** Adds (or replaces) a master with its secret and site seller IDs, with no orders. */
    public synchronized void addMaster(String masterId, Master master) {
        masters.put(masterId, master);
        master.gmarketSellers().forEach(id -> sellers.computeIfAbsent("G:" + id, k -> new Seller("G", id, masterId)));
        master.auctionSellers().forEach(id -> sellers.computeIfAbsent("A:" + id, k -> new Seller("A", id, masterId)));
    }

    /** One RequestOrders (and PreRequestOrders) per this interval per site seller ID. */
    public void setOrderQueryInterval(Duration interval) {
        this.orderQueryInterval = interval;
    }

    // ---------------------------------------------------------------- data

    private int randomLines() {
        double d = random.nextDouble();
        return d < 0.6 ? 1 : d < 0.85 ? 2 : 3;
    }

    /**
     * Creates one paid cart (PayNo) of {@code lines} OrderNos for a site seller ("G" Gmarket, "A" Auction);
     * returns the PayNo.
     */
    public long createCart(String site, String sellerId, ZonedDateTime paidAt, int lines, boolean gift) {
        Seller s = seller(site, sellerId);
        synchronized (this) {
            long payNo = nextPayNo.incrementAndGet();
            String buyer = SampleData.name(random);
            String buyerMobile = SampleData.mobile(random);
            boolean self = random.nextDouble() < 0.7;
            String receiver = self ? buyer : SampleData.name(random);
            String hp = self ? buyerMobile : SampleData.mobile(random);
            String[] address = SampleData.address(random);
            String memo = SampleData.memo(random);
            String buyerId = SampleData.buyerId(random);
            String customs = random.nextDouble() < 0.1 ? "P" + (100_000_000_000L + random.nextInt(900_000_000)) : null;
            ZonedDateTime ordered = paidAt.minusSeconds(20 + random.nextInt(600));
            long group = "A".equals(site) ? 700_000_000L + random.nextInt(100_000_000) : 0;
            for (int i = 0; i < Math.max(1, lines); i++) {
                Item item = new Item();
                item.payNo = payNo;
                item.orderNo = nextOrderNo.incrementAndGet();
                item.groupNo = group;
                item.orderDate = ordered;
                item.payDate = paidAt;
                item.transDueDate = paidAt.plusDays(3).withHour(23).withMinute(59).withSecond(0).withNano(0);
                item.product = SampleData.product(random);
                item.option = item.product.options().get(random.nextInt(item.product.options().size()));
                item.quantity = 1 + (random.nextDouble() < 0.25 ? 1 + random.nextInt(2) : 0);
                item.shippingFee = i == 0 && item.product.price() < 30000 ? 3000 : 0;
                item.sellerDiscount = random.nextDouble() < 0.3 ? 1000L * item.quantity : 0;
                item.buyerName = buyer;
                item.buyerId = buyerId;
                item.buyerMobile = buyerMobile;
                item.receiverName = receiver;
                item.hpNo = hp;
                item.telNo = random.nextDouble() < 0.15 ? SampleData.landline(random) : null;
                item.zipCode = address[0];
                item.front = address[1];
                item.back = address[2];
                item.memo = memo;
                item.infoCin = customs;
                item.gift = gift;
                item.transType = random.nextDouble() < 0.05 ? "G" : "A";
                synchronized (s) {
                    s.items.put(item.orderNo, item);
                }
            }
            return payNo;
        }
    }

    /** The gift's receiver accepts it and gives an address. */
    public void acceptGift(String site, String sellerId, long payNo) {
        Seller s = seller(site, sellerId);
        synchronized (s) {
            ZonedDateTime now = ZonedDateTime.now(SEOUL);
            s.items.values().stream().filter(i -> i.payNo == payNo && i.gift && i.giftAcceptedAt == null)
                    .forEach(i -> i.giftAcceptedAt = now);
        }
    }

    private void acceptWaitingGifts(Seller s, ZonedDateTime now) {
        synchronized (s) {
            for (Item i : s.items.values()) {
                if (i.gift && i.giftAcceptedAt == null && i.payDate.plusMinutes(2).isBefore(now)) {
                    i.giftAcceptedAt = now;
                }
            }
        }
    }

    /** The buyer changes the receiver address of every OrderNo of the cart; OrderCheck will answer IsChanged 1. */
    public void changeAddress(long orderNo) {
        for (Seller s : sellers.values()) {
            synchronized (s) {
                Item item = s.items.get(orderNo);
                if (item != null) {
                    String[] a = SampleData.address(random);
                    for (Item i : s.items.values()) {
                        if (i.payNo == item.payNo) {
                            i.zipCode = a[0];
                            i.front = a[1];
                            i.back = a[2];
                            i.addressChanged = true;
                        }
                    }
                    return;
                }
            }
        }
        throw new IllegalArgumentException("no OrderNo " + orderNo);
    }

    private Seller seller(String site, String sellerId) {
        Seller s = sellers.get(site + ":" + sellerId);
        if (s == null) {
            throw new IllegalArgumentException("unknown site seller " + site + ":" + sellerId);
        }
        return s;
    }

    private Item item(long orderNo) {
        for (Seller s : sellers.values()) {
            synchronized (s) {
                Item i = s.items.get(orderNo);
                if (i != null) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("no OrderNo " + orderNo);
    }

    // ---------------------------------------------------------------- accessors for tests and benchmarks

    /** The OrderNos of a cart, in line order. */
    public List<Long> orderNos(long payNo) {
        List<Long> out = new ArrayList<>();
        for (Seller s : sellers.values()) {
            synchronized (s) {
                s.items.values().stream().filter(i -> i.payNo == payNo).forEach(i -> out.add(i.orderNo));
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** The PayNos of a site seller, in creation order. */
    public List<Long> payNos(String site, String sellerId) {
        Seller s = seller(site, sellerId);
        synchronized (s) {
            return new ArrayList<>(new LinkedHashSet<>(s.items.values().stream().map(i -> i.payNo).toList()));
        }
    }

    /** OrderStatus now: 1 paid, 2 confirmed (preparing), 3 in transit. */
    public int statusOf(long orderNo) {
        return item(orderNo).status;
    }

    public String invoiceOf(long orderNo) {
        return item(orderNo).invoice;
    }

    public Integer courierOf(long orderNo) {
        return item(orderNo).courier;
    }

    /** Accepted ShippingInfo calls of an OrderNo: more than one would be a duplicate shipment. */
    public int shipmentsOf(long orderNo) {
        return item(orderNo).shipments;
    }

    /** Arrival times (epoch ms) of every order query of a site seller ID that met the bucket, refused ones included. */
    public List<Long> orderQueryTimes(String site, String sellerId) {
        Seller s = seller(site, sellerId);
        synchronized (s) {
            return List.copyOf(s.queryTimes);
        }
    }

    public long requestOrdersCalls() {
        return requestOrdersCalls.get();
    }

    /** Order queries answered ResultCode 3000 because the seller's bucket was empty. */
    public long rateLimitedCalls() {
        return rateLimited.get();
    }

    public long orderCheckCalls() {
        return orderCheckCalls.get();
    }

    public long shippingInfoCalls() {
        return shippingInfoCalls.get();
    }

    public long unauthorizedCalls() {
        return unauthorized.get();
    }

    // ---------------------------------------------------------------- JWT

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");

    /** Who a verified token speaks for: its master and the site seller keys ("G:id", "A:id") of its ssi. */
    record Caller(String masterId, Set<String> sellerKeys) {
    }

    /**
     * Verifies the Bearer JWT: HS256 signature with the secret of the master named by kid, sub "sell" (or the
     * dom claim one source mentions), aud sa.esmplus.com, an iat, and an ssi whose every seller the master owns.
     * Null means 401. iss is not checked (ESM does not check it strictly either).
     */
    Caller verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String[] parts = authorization.substring(7).trim().split("\\.", -1);
        // JWT segments are base64url without padding (RFC 7519, esm.md 2.1); the JDK decoder would also take '='
        if (parts.length != 3 || !Arrays.stream(parts).allMatch(p -> BASE64URL.matcher(p).matches())) {
            return null;
        }
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            JsonNode header = json.readTree(b64.decode(parts[0]));
            JsonNode payload = json.readTree(b64.decode(parts[1]));
            if (!"HS256".equals(header.path("alg").asText()) || !header.hasNonNull("kid")) {
                return null;
            }
            String masterId = header.get("kid").asText();
            Master master = masters.get(masterId);
            if (master == null) {
                return null;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, b64.decode(parts[2]))) {
                return null;
            }
            if (!"sell".equals(payload.path("sub").asText(payload.path("dom").asText(null)))) {
                return null;
            }
            JsonNode aud = payload.path("aud");
            boolean audOk = aud.isArray() ? aud.toString().contains("\"" + AUDIENCE + "\"") : AUDIENCE.equals(aud.asText());
            if (!audOk || !iatOk(payload.get("iat"))) {
                return null;
            }
            Set<String> keys = new LinkedHashSet<>();
            for (String entry : payload.path("ssi").asText("").split(",")) {
                String e = entry.trim();
                Seller s = sellers.get(e);
                if (e.isEmpty()) {
                    continue;
                }
                if (s == null || !s.masterId.equals(masterId)) {
                    return null; // a seller the master does not own
                }
                keys.add(e);
            }
            return keys.isEmpty() ? null : new Caller(masterId, keys);
        } catch (IOException | IllegalArgumentException | java.security.GeneralSecurityException e) {
            return null;
        }
    }

    private boolean iatOk(JsonNode iat) {
        if (iat == null || iat.isNull()) {
            return false;
        }
        boolean number = iat.isIntegralNumber();
        boolean string = iat.isTextual() && iat.asText().matches("[0-9]{9,11}");
        return switch (faults.iatAs) {
            case "number" -> number;
            case "string" -> string;
            default -> number || string;
        };
    }

    // ---------------------------------------------------------------- HTTP

    record Reply(int status, String body) {
    }

    @Override
    public void handle(HttpExchange http) throws IOException {
        try (http) {
            Reply reply;
            try {
                reply = answer(http);
            } catch (RuntimeException e) {
                LOG.warn("ESM simulator failed on {} {}: {}", http.getRequestMethod(), http.getRequestURI().getPath(), e.toString());
                reply = springError(500, "Internal Server Error", http.getRequestURI().getPath());
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            http.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            http.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Reply answer(HttpExchange http) throws IOException {
        sleep(faults.latencyMs);
        String method = http.getRequestMethod();
        String path = http.getRequestURI().getRawPath();
        Matcher check = ORDER_CHECK.matcher(path);
        Api api = method.equals("POST") && (path.equals(REQUEST_ORDERS) || path.equals(PRE_REQUEST_ORDERS)) ? Api.REQUEST_ORDERS
                : method.equals("POST") && check.matches() ? Api.ORDER_CHECK
                : method.equals("POST") && path.equals(SHIPPING_INFO) ? Api.SHIPPING_INFO
                : method.equals("GET") && path.equals(DELIVERY_COMPANIES) ? Api.DELIVERY_COMPANIES
                : null;
        if (api == null) {
            return springError(404, "Not Found", path);
        }
        byte[] body = http.getRequestBody().readAllBytes();
        Caller caller = verify(http.getRequestHeaders().getFirst("Authorization"));
        if (caller == null) {
            unauthorized.incrementAndGet();
            return new Reply(401, DENIED);
        }
        rates.record(caller.masterId());
        int[] forced = faults.failNext.peek();
        if (forced != null && (forced[0] < 0 || forced[0] == api.ordinal()) && faults.failNext.remove(forced)) {
            if (forced[1] > 0) {
                return springError(forced[1], forced[1] >= 500 ? "Internal Server Error" : "Error", path);
            }
            return error(forced[2], switch (forced[2]) {
                case 3000 -> api == Api.REQUEST_ORDERS ? RATE_LIMIT_MESSAGE : "주문 상태를 확인해 주세요.";
                case 2000 -> "조회 기간을 확인해 주세요.";
                case 8668 -> "비즈니스 규칙 위반입니다.";
                default -> "요청 값이 올바르지 않습니다.";
            }, forced[2] == 8668 ? "W8" + (100 + forced[2] % 100) : null);
        }
        if (faults.errorRate > 0 && ThreadLocalRandom.current().nextDouble() < faults.errorRate) {
            return springError(500, "Internal Server Error", path);
        }
        JsonNode request = body.length == 0 ? json.createObjectNode() : readJson(body);
        if (request == null) {
            return springError(400, "Bad Request", path);
        }
        return switch (api) {
            case REQUEST_ORDERS -> requestOrders(caller, request);
            case ORDER_CHECK -> orderCheck(caller, Long.parseLong(check.group(1)));
            case SHIPPING_INFO -> shippingInfo(caller, request);
            case DELIVERY_COMPANIES -> deliveryCompanies();
        };
    }

    // ---------------------------------------------------------------- RequestOrders

    private Reply requestOrders(Caller caller, JsonNode q) {
        requestOrdersCalls.incrementAndGet();
        int siteType = q.path("siteType").asInt(-1);
        String site = siteType == 1 ? "A" : siteType == 2 ? "G" : null;
        if (site == null) {
            return error(1000, "siteType은 1(옥션) 또는 2(G마켓)입니다.", null);
        }
        Seller seller = caller.sellerKeys().stream().filter(k -> k.startsWith(site + ":")).map(sellers::get).findFirst().orElse(null);
        if (seller == null) {
            return error(1000, "ssi에 해당 사이트의 판매자 ID가 없습니다.", null);
        }
        int status = q.path("orderStatus").asInt(-1);
        if (status < 0 || status > 6 || (status == 6 && "A".equals(site))) {
            return error(1000, "orderStatus 값이 올바르지 않습니다.", null);
        }
        List<Item> found = new ArrayList<>();
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        if (status == 0) {
            // an order-number lookup: no window, no bucket
            long orderNo = q.path("orderNo").asLong(0);
            if (orderNo <= 0) {
                return error(1000, "orderStatus 0 은 orderNo 가 필요합니다.", null);
            }
            synchronized (seller) {
                Item i = seller.items.get(orderNo);
                if (i != null) {
                    found.add(i);
                }
            }
        } else {
            // the bucket: one order query per interval per site seller ID
            synchronized (seller) {
                long t = System.currentTimeMillis();
                seller.queryTimes.add(t);
                if (t - seller.lastAccepted < orderQueryInterval.toMillis()) {
                    rateLimited.incrementAndGet();
                    return error(3000, RATE_LIMIT_MESSAGE, null);
                }
                seller.lastAccepted = t;
            }
            int dateType = q.path("requestDateType").asInt(-1);
            LocalDateTime from = window(q.path("requestDateFrom").asText(null));
            LocalDateTime to = window(q.path("requestDateTo").asText(null));
            if (dateType < 1 || dateType > 5 || from == null || to == null || to.isBefore(from)) {
                return error(2000, "조회 기간(requestDateFrom/To, YYYY-MM-DD hh:mm)을 확인해 주세요.", null);
            }
            if (dateType == 3 && status != 2) {
                // esm.md: the ship-by date (3) is a date of orders awaiting shipment (status 2) only
                return error(2000, "requestDateType 3(발송기한)은 orderStatus 2(배송준비중)에서만 조회할 수 있습니다.", null);
            }
            int maxDays = "G".equals(site) ? GMARKET_WINDOW_DAYS : AUCTION_WINDOW_DAYS;
            if (from.plusDays(maxDays).isBefore(to)) {
                return error(2000, "조회 기간은 최대 " + maxDays + "일입니다.", null);
            }
            // minute precision: the To minute is included as a whole
            LocalDateTime end = to.plusMinutes(1);
            synchronized (seller) {
                for (Item i : seller.items.values()) {
                    LocalDateTime at = date(i, dateType);
                    if (i.status == status && at != null && !at.isBefore(from) && at.isBefore(end)) {
                        found.add(i);
                    }
                }
            }
            found.sort(Comparator.comparing((Item i) -> i.payDate).thenComparingLong(i -> i.orderNo));
        }
        int pageIndex = Math.max(1, q.path("pageIndex").asInt(1));
        int pageSize = q.path("pageSize").asInt(faults.maxPageSize);
        if (pageSize <= 0 || pageSize > faults.maxPageSize) {
            if (!faults.clampPageSize) {
                return error(1000, "pageSize 는 최대 " + faults.maxPageSize + " 입니다.", null);
            }
            pageSize = pageSize <= 0 ? faults.maxPageSize : faults.maxPageSize;
        }
        ObjectNode data = json.createObjectNode();
        data.put("SiteType", "G".equals(site) ? faults.gmarketSiteTypeInAnswer : 1);
        data.put("PageIndex", pageIndex);
        data.put("PageSize", pageSize);
        data.put("TotalCount", found.size());
        data.put("SellerId", seller.id);
        ArrayNode rows = data.putArray("RequestOrders");
        int start = (pageIndex - 1) * pageSize;
        synchronized (seller) {
            for (int k = start; k < Math.min(found.size(), start + pageSize); k++) {
                rows.add(render(seller, found.get(k), now));
            }
        }
        return ok(data, "");
    }

    private static LocalDateTime date(Item i, int dateType) {
        ZonedDateTime at = switch (dateType) {
            case 1 -> i.orderDate;
            case 3 -> i.transDueDate;
            case 4 -> i.giftAcceptedAt;
            case 5 -> i.gift ? i.giftAcceptedAt : i.payDate;
            default -> i.payDate;
        };
        return at == null ? null : at.toLocalDateTime();
    }

    private static LocalDateTime window(String text) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(text, WINDOW);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** One RequestOrders row as ESM renders it: money as 4-decimal strings, dates ISO local without offset. */
    private ObjectNode render(Seller s, Item i, ZonedDateTime now) {
        boolean gmarket = "G".equals(s.site);
        boolean phonesHidden = faults.freshPhoneDelay.toMillis() > 0 && i.payDate.plus(faults.freshPhoneDelay).isAfter(now);
        boolean waitingGift = i.gift && (i.giftAcceptedAt == null || i.giftAcceptedAt.isAfter(now));
        long unit = i.product.price() + i.option.price();
        long orderAmount = unit * i.quantity;
        ObjectNode o = json.createObjectNode();
        o.put("PayNo", i.payNo);
        if (gmarket) {
            o.putNull("GroupNo");
        } else {
            o.put("GroupNo", i.groupNo);
        }
        o.put("OrderNo", i.orderNo);
        o.put("OrderStatus", i.status);
        o.putNull("BranchCode");
        o.put("OrderDate", local(i.orderDate, gmarket));
        o.put("PayDate", local(i.payDate, gmarket));
        o.put("OrderConfirmDate", i.confirmDate == null ? null : local(i.confirmDate, gmarket));
        o.put("TransDate", i.transDate == null ? null : local(i.transDate, gmarket));
        o.put("TransDueDate", local(i.transDueDate, gmarket));
        o.putNull("TransCompleteDate");
        o.putNull("BuyDecisionDate");
        o.put("TransType", i.transType);
        o.put("GoodsNo", i.product.goodsNo());
        o.put("SiteGoodsNo", gmarket ? i.product.gmarketItemNo() : i.product.auctionItemNo());
        o.put("OutGoodsNo", i.product.sellerCode());
        o.put("GoodsName", i.product.name());
        o.put("SalePrice", money(i.product.price()));
        o.put("ContrAmount", i.quantity);
        o.put("OrderAmount", money(orderAmount));
        o.put("AcntMoney", money(orderAmount - i.sellerDiscount + i.shippingFee));
        o.put("SellerDiscountPrice1", money(i.sellerDiscount));
        o.put("SellerDiscountPrice2", money(0));
        o.put("SellerDiscountPrice", money(i.sellerDiscount));
        o.put("DirectDiscountPrice", money(0));
        o.put("CostPrice", money(Math.round(orderAmount * 0.88)));
        o.put("ShippingFee", money(i.shippingFee));
        o.put("DeliveryFeeCondition", i.shippingFee > 0 ? (gmarket ? "M" : "F") : "X");
        o.put("BackwoodsAddDeliveryFee", money(0));
        o.put("JejuAddDeliveryFee", money(0));
        o.put("SettlementPrice", money(Math.round((orderAmount - i.sellerDiscount) * 0.88)));
        o.putNull("OutsidePrice");
        o.put("ServiceFee", money(Math.round((orderAmount - i.sellerDiscount) * 0.12)));
        o.put("BasicServiceFee", money(Math.round((orderAmount - i.sellerDiscount) * 0.12)));
        o.put("SellerCashbackMoney", money(0));
        o.put("SinglePayDcAmnt", money(0));
        o.put("MultiBuyDcAmnt", money(0));
        o.put("GreatMembDcAmnt", money(0));
        o.put("OptSelPrice", money(i.option.price() * i.quantity));
        o.put("OptAddPrice", money(0));
        o.put("BuyerName", i.buyerName);
        o.put(faults.buyerIdField, i.buyerId);
        o.put("BuyerMobileTel", phonesHidden ? null : i.buyerMobile);
        o.putNull("BuyerTel");
        o.put("ReceiverName", i.receiverName);
        o.put("HpNo", phonesHidden ? null : i.hpNo);
        o.put("TelNo", phonesHidden ? null : i.telNo);
        o.put("ZipCode", waitingGift ? null : i.zipCode);
        o.put("DelFrontAddress", waitingGift ? null : i.front);
        o.put("DelBackAddress", waitingGift ? null : i.back);
        o.put("DelFullAddress", waitingGift ? null : i.front + " " + i.back);
        o.put("DelMemo", waitingGift ? null : i.memo);
        o.putNull("DeliverySlotId"); // set only for slot (scheduled) deliveries, which the simulator has none of
        o.putNull("BranchPrice");
        o.put("ReplaceYn", "N");
        o.put("TakbaeName", i.courier == null ? null : Couriers.NAMES.get(i.courier));
        o.put("NoSongjang", i.invoice);
        o.put("OverseaTransYn", "N");
        o.put("InfoCin", i.infoCin);
        o.put("GlobalSellerYn", "N");
        o.put("OutOrderNo", gmarket ? "101" : null);
        o.putNull("InventoryNo");
        o.put("SKUNo", i.option.skuNo());
        ArrayNode options = o.putArray("ItemOptionSelectList");
        if (i.option.name() != null) {
            ObjectNode opt = options.addObject();
            opt.put("ItemOptionValue", i.option.name());
            opt.put("ItemOptionCode", i.option.code());
            opt.put("ItemOptionOrderCnt", i.quantity);
            opt.put("ItemOptionPrice", money(i.option.price()));
            opt.put(UNKNOWN_FIELD, "option");
        }
        o.putArray("ItemOptionAdditionList");
        o.putNull("FreeGift");
        o.putNull("FreeGiftCode");
        o.putNull("Bonus");
        o.putNull("BonusCode");
        o.put(UNKNOWN_FIELD, "order row");
        return o;
    }

    static String money(long won) {
        return won + ".0000";
    }

    private static String local(ZonedDateTime t, boolean millis) {
        return (millis ? LOCAL_MILLIS : LOCAL).format(t.withZoneSameInstant(SEOUL));
    }

    // ---------------------------------------------------------------- OrderCheck / ShippingInfo

    /** The item among the caller's sellers, or null. */
    private Item owned(Caller caller, long orderNo) {
        for (String key : caller.sellerKeys()) {
            Seller s = sellers.get(key);
            synchronized (s) {
                Item i = s.items.get(orderNo);
                if (i != null) {
                    return i;
                }
            }
        }
        return null;
    }

    private Reply orderCheck(Caller caller, long orderNo) {
        orderCheckCalls.incrementAndGet();
        Item i = owned(caller, orderNo);
        if (i == null) {
            return error(1000, "주문번호를 찾을 수 없습니다.", null);
        }
        synchronized (this) {
            if (i.status != 1) {
                return error(3000, "주문확인할 수 없는 주문 상태입니다. (OrderStatus " + i.status + ")", null);
            }
            if (!i.addressChanged && faults.addressChangeRate > 0 && ThreadLocalRandom.current().nextDouble() < faults.addressChangeRate) {
                changeAddress(orderNo);
            }
            i.status = 2;
            i.confirmDate = ZonedDateTime.now(SEOUL);
            ObjectNode data = json.createObjectNode();
            data.put("IsChanged", i.addressChanged ? 1 : 0);
            return ok(data, "Success");
        }
    }

    private Reply shippingInfo(Caller caller, JsonNode q) {
        shippingInfoCalls.incrementAndGet();
        long orderNo = q.path("OrderNo").asLong(0);
        Item i = orderNo <= 0 ? null : owned(caller, orderNo);
        if (i == null) {
            return error(1000, "주문번호를 찾을 수 없습니다.", null);
        }
        int courier = q.path("DeliveryCompanyCode").asInt(-1);
        String invoice = q.path("InvoiceNo").asText("").trim();
        if (!Couriers.NAMES.containsKey(courier)) {
            return error(1000, "DeliveryCompanyCode 가 올바르지 않습니다.", null);
        }
        if (invoice.isEmpty() && courier != Couriers.DIRECT) {
            return error(1000, "InvoiceNo 가 필요합니다.", null);
        }
        LocalDateTime shipped;
        try {
            shipped = LocalDateTime.parse(q.path("ShippingDate").asText(""), LOCAL);
        } catch (DateTimeParseException e) {
            return error(2000, "ShippingDate 형식(YYYY-MM-DDThh:mm:ss)을 확인해 주세요.", null);
        }
        LocalDateTime now = LocalDateTime.now(SEOUL);
        if (Duration.between(shipped, now).abs().compareTo(Duration.ofDays(2)) > 0) {
            return error(2000, "발송일은 호출일 기준 2일 이내여야 합니다.", null);
        }
        synchronized (this) {
            if (i.status == 1) {
                return error(3000, "주문확인 후 발송처리 할 수 있습니다.", null);
            }
            if (i.status != 2) {
                return error(3000, "발송처리할 수 없는 주문 상태입니다. (OrderStatus " + i.status + ")", null);
            }
            if (!"A".equals(i.transType) && !STAR_COURIERS.contains(courier)) {
                return error(8668, "스타배송 주문은 CJ대한통운, 한진택배, 롯데택배만 가능합니다.", auction(i) ? "W8101" : null);
            }
            i.status = 3;
            i.transDate = shipped.atZone(SEOUL);
            i.courier = courier;
            i.invoice = invoice;
            i.shipments++;
            ObjectNode data = json.createObjectNode();
            data.put("OrderNo", orderNo);
            return ok(data, "Success");
        }
    }

    private boolean auction(Item i) {
        Seller s = sellers.values().stream().filter(x -> {
            synchronized (x) {
                return x.items.containsKey(i.orderNo);
            }
        }).findFirst().orElse(null);
        return s != null && "A".equals(s.site);
    }

    private Reply deliveryCompanies() {
        ObjectNode out = json.createObjectNode();
        ArrayNode list = out.putArray("deliveryCompanies");
        Couriers.NAMES.forEach((code, name) -> {
            ObjectNode c = list.addObject();
            c.put("deliveryCompCode", code);
            c.put("deliveryCompName", name);
        });
        return new Reply(200, out.toString());
    }

    // ---------------------------------------------------------------- bodies

    private Reply ok(JsonNode data, String message) {
        ObjectNode out = json.createObjectNode();
        out.put("ResultCode", 0);
        out.put("Message", message);
        out.set("Data", data);
        if (data instanceof ObjectNode d) {
            d.put(UNKNOWN_FIELD, "Data");
        }
        out.put(UNKNOWN_FIELD, "envelope");
        return new Reply(200, out.toString());
    }

    /** ESM's failure envelope, HTTP 200; Auction adds a BizRuleCode to business-rule (8668) refusals. */
    private Reply error(int code, String message, String bizRuleCode) {
        ObjectNode out = json.createObjectNode();
        out.put("ResultCode", code);
        out.put("Message", message);
        out.putNull("Data");
        out.put(UNKNOWN_FIELD, "envelope");
        if (bizRuleCode != null) {
            out.put("BizRuleCode", bizRuleCode);
        }
        return new Reply(200, out.toString());
    }

    /** The gateway's Spring Boot default error body. */
    private Reply springError(int status, String error, String path) {
        ObjectNode out = json.createObjectNode();
        out.put("timestamp", java.time.OffsetDateTime.now(SEOUL).toString());
        out.put("status", status);
        out.put("error", error);
        out.put("message", "");
        out.put("path", path);
        return new Reply(status, out.toString());
    }

    private JsonNode readJson(byte[] body) {
        try {
            JsonNode n = json.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void sleep(long ms) {
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- control endpoints

    /** /_simulator/esm/stats, /faults, /orders, /address, /calls, /reset-rates: for driving the simulator from outside. */
    @Override
    public void handleControl(HttpExchange http) throws IOException {
        try (http) {
            String path = http.getRequestURI().getPath();
            Map<String, String> q = ControlEndpoint.query(http);
            boolean post = http.getRequestMethod().equals("POST");
            ObjectNode out = json.createObjectNode();
            int status = 200;
            try {
                if (path.endsWith("/stats")) {
                    stats(out);
                } else if (path.endsWith("/faults") && post) {
                    setFaults(q);
                    out.put("ok", true);
                } else if (path.endsWith("/orders") && post) {
                    String site = q.getOrDefault("site", "G");
                    String seller = q.getOrDefault("sellerId", "");
                    int count = Integer.parseInt(q.getOrDefault("count", "1"));
                    int lines = Integer.parseInt(q.getOrDefault("lines", "0"));
                    ArrayNode ids = out.putArray("payNos");
                    for (int k = 0; k < count; k++) {
                        ids.add(createCart(site, seller, ZonedDateTime.now(SEOUL), lines > 0 ? lines : randomLines(),
                                Boolean.parseBoolean(q.get("gift"))));
                    }
                } else if (path.endsWith("/address") && post) {
                    changeAddress(Long.parseLong(q.getOrDefault("orderNo", "0")));
                    out.put("ok", true);
                } else if (path.endsWith("/reset-rates") && post) {
                    rates.reset();
                    out.put("ok", true);
                } else if (path.endsWith("/calls")) {
                    String[] key = q.getOrDefault("seller", "G:").split(":", 2);
                    ArrayNode times = out.putArray("orderQueryTimes");
                    orderQueryTimes(key[0], key[1]).forEach(times::add);
                } else {
                    status = 404;
                    out.put("error", "GET stats, POST faults, POST orders, POST address, GET calls?seller=G:<id>, POST reset-rates");
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                status = 400;
                out.put("error", e.getMessage());
            }
            ControlEndpoint.reply(http, status, out);
        }
    }

    private void stats(ObjectNode out) {
        ObjectNode v = out.putObject("sellers");
        for (Seller s : new TreeMap<>(sellers).values()) {
            Map<String, Integer> counts = new TreeMap<>();
            synchronized (s) {
                s.items.values().forEach(i -> counts.merge(String.valueOf(i.status), 1, Integer::sum));
            }
            v.set(s.key(), json.valueToTree(counts));
        }
        out.put("requestOrdersCalls", requestOrdersCalls.get());
        out.put("rateLimitedCalls", rateLimited.get());
        out.put("orderCheckCalls", orderCheckCalls.get());
        out.put("shippingInfoCalls", shippingInfoCalls.get());
        out.put("unauthorizedCalls", unauthorized.get());
        out.put("peakCallsPerSecondPerMaster", rates.peakPerCaller());
        out.put("peakCallsPerSecondTotal", rates.peakTotal());
    }

    private void setFaults(Map<String, String> q) {
        if (q.containsKey("reset")) {
            faults.reset();
        }
        faults.latencyMs = Long.parseLong(q.getOrDefault("latencyMs", String.valueOf(faults.latencyMs)));
        faults.errorRate = Double.parseDouble(q.getOrDefault("errorRate", String.valueOf(faults.errorRate)));
        faults.addressChangeRate = Double.parseDouble(q.getOrDefault("addressChangeRate", String.valueOf(faults.addressChangeRate)));
        faults.giftRate = Double.parseDouble(q.getOrDefault("giftRate", String.valueOf(faults.giftRate)));
        if (q.containsKey("freshPhoneDelay")) {
            faults.freshPhoneDelay = Duration.parse(q.get("freshPhoneDelay"));
        }
        faults.gmarketSiteTypeInAnswer = Integer.parseInt(q.getOrDefault("gmarketSiteTypeInAnswer",
                String.valueOf(faults.gmarketSiteTypeInAnswer)));
        faults.buyerIdField = q.getOrDefault("buyerIdField", faults.buyerIdField);
        faults.iatAs = q.getOrDefault("iatAs", faults.iatAs);
        faults.clampPageSize = Boolean.parseBoolean(q.getOrDefault("clampPageSize", String.valueOf(faults.clampPageSize)));
        if (q.containsKey("maxPageSize")) {
            faults.maxPageSize = Math.max(1, Integer.parseInt(q.get("maxPageSize")));
        }
        if (q.containsKey("orderQueryIntervalMs")) {
            setOrderQueryInterval(Duration.ofMillis(Long.parseLong(q.get("orderQueryIntervalMs"))));
        }
        if (q.containsKey("failStatus")) {
            faults.failNext(Integer.parseInt(q.get("failStatus")), Integer.parseInt(q.getOrDefault("failCount", "1")));
        }
        if (q.containsKey("failResult")) {
            Api api = q.containsKey("failApi") ? Api.valueOf(q.get("failApi")) : null;
            faults.failNextResult(api, Integer.parseInt(q.get("failResult")), Integer.parseInt(q.getOrDefault("failCount", "1")));
        }
    }

    // ---------------------------------------------------------------- couriers

    /**
     * DeliveryCompanyCode values as ESM's courier list serves them (a static copy of part of the ~180). Kept apart
     * from the runtime's courier table on purpose: the simulator plays the marketplace.
     */
    static final class Couriers {
        static final int DIRECT = 10031;
        static final Map<Integer, String> NAMES = new LinkedHashMap<>();

        static {
            NAMES.put(10003, "로젠택배");
            NAMES.put(10005, "우체국택배");
            NAMES.put(10007, "한진택배");
            NAMES.put(10008, "롯데택배");
            NAMES.put(10013, "CJ대한통운");
            NAMES.put(10022, "DHL");
            NAMES.put(10023, "FedEx");
            NAMES.put(10031, "직접배송");
            NAMES.put(10036, "EMS");
            NAMES.put(10039, "우리택배");
            NAMES.put(10143, "농협택배");
        }

        private Couriers() {
        }
    }

    // ---------------------------------------------------------------- sample data

    /** Invented Korean order data: names, 010 numbers, road-name addresses, ESM goods with option lists. */
    static final class SampleData {

        /** name null = a goods without options. */
        record Option(String name, String code, long skuNo, long price) {
        }

        record Product(long goodsNo, String gmarketItemNo, String auctionItemNo, String name, String sellerCode, long price,
                       List<Option> options) {
        }

        private static final String[] SURNAMES = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신"};
        private static final String[] GIVEN = {"민준", "서연", "도윤", "하은", "시우", "지유", "예준", "서윤", "주원", "지민",
            "하준", "수아", "지호", "채원", "준서", "다은"};
        private static final String[][] ADDRESSES = {
            {"06164", "서울특별시 강남구 테헤란로 521"},
            {"03925", "서울특별시 마포구 월드컵북로 396"},
            {"08378", "서울특별시 구로구 디지털로 300"},
            {"16514", "경기도 수원시 영통구 광교중앙로 145"},
            {"14055", "경기도 안양시 동안구 시민대로 235"},
            {"48058", "부산광역시 해운대구 센텀중앙로 79"},
            {"41585", "대구광역시 북구 대학로 80"},
            {"34126", "대전광역시 유성구 대학로 291"},
            {"21984", "인천광역시 연수구 컨벤시아대로 165"},
            {"63122", "제주특별자치도 제주시 연삼로 473"},
            {"44538", "울산광역시 중구 종가로 405"}};
        private static final String[] DETAILS = {"102동 803호", "3층", "B동 1201호", "501호", "1층 상가", "9층 902호"};
        private static final String[] MEMOS = {"부재시 경비실에 맡겨주세요", "문 앞에 놓아주세요", "배송 전 연락주세요", "", ""};
        static final List<Product> PRODUCTS = List.of(
                product(1_234_567_001L, "2345678901", "B123456701", "국내산 햅쌀 10kg 당일도정", "ESM-RICE-10", 32900,
                        "도정: 백미", "도정: 현미"),
                product(1_234_567_002L, "2345678902", "B123456702", "남성 기능성 드라이핏 반팔 티셔츠", "ESM-TS-DRY", 12900,
                        "사이즈: M / 색상: 블랙", "사이즈: L / 색상: 블랙", "사이즈: XL / 색상: 네이비"),
                product(1_234_567_003L, "2345678903", "B123456703", "무선 충전 보조배터리 10000mAh", "ESM-PB-10K", 24900,
                        "색상: 화이트", "색상: 블랙"),
                product(1_234_567_004L, "2345678904", "B123456704", "만두 3종 세트 (고기/김치/새우)", "ESM-MD-SET", 19800,
                        "구성: 고기만두 1kg", "구성: 김치만두 1kg", "구성: 3종 각 1kg"),
                product(1_234_567_005L, "2345678905", "B123456705", "스테인리스 텀블러 500ml", "ESM-TB-500", 15900),
                product(1_234_567_006L, "2345678906", "B123456706", "어린이 자석 블록 120피스", "ESM-TOY-MG", 45000,
                        "구성: 기본 120피스", "구성: 확장 200피스"));

        private SampleData() {
        }

        private static Product product(long goodsNo, String gmkt, String iac, String name, String code, long price,
                                       String... options) {
            List<Option> list = new ArrayList<>();
            if (options.length == 0) {
                list.add(new Option(null, null, goodsNo * 100, 0));
            }
            for (int i = 0; i < options.length; i++) {
                long extra = i == options.length - 1 && options.length > 2 ? 9900 : 0; // the biggest set costs more
                list.add(new Option(options[i], code + "-" + String.format("%02d", i + 1), goodsNo * 100 + i + 1, extra));
            }
            return new Product(goodsNo, gmkt, iac, name, code, price, List.copyOf(list));
        }

        static String name(Random r) {
            return SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)];
        }

        static String mobile(Random r) {
            // ESM shows safe numbers (0504/0507) when the buyer chose them
            String prefix = r.nextDouble() < 0.3 ? "0504" : "010";
            return String.format("%s-%04d-%04d", prefix, 1000 + r.nextInt(9000), r.nextInt(10000));
        }

        static String landline(Random r) {
            return String.format("02-%03d-%04d", 200 + r.nextInt(800), r.nextInt(10000));
        }

        static String buyerId(Random r) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                b.append((char) ('a' + r.nextInt(26)));
            }
            return b.append("*****").toString(); // masked after 3 characters, as ESM shows it
        }

        /** {zip, front, back}. */
        static String[] address(Random r) {
            String[] a = ADDRESSES[r.nextInt(ADDRESSES.length)];
            return new String[] {a[0], a[1], DETAILS[r.nextInt(DETAILS.length)]};
        }

        static String memo(Random r) {
            return MEMOS[r.nextInt(MEMOS.length)];
        }

        static Product product(Random r) {
            return PRODUCTS.get(r.nextInt(PRODUCTS.size()));
        }
    }

    static List<String> split(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }
}
