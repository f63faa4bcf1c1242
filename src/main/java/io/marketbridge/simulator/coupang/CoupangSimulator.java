package io.marketbridge.simulator.coupang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.Arrivals;
import io.marketbridge.simulator.CallRates;
import io.marketbridge.simulator.ControlEndpoint;
import io.marketbridge.simulator.coupang.CoupangSimulatorSettings.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Coupang's WING Open API as far as order integration needs it, on the real paths: the CEA signature check
 * (wrong signature, stale signed-date, unknown access key, wrong vendorId answered as Coupang does), v5
 * order sheets in daily mode with pages of 50 and nextToken, the 31-day window rule, single-sheet reads,
 * acknowledgement (ACCEPT -> INSTRUCT) with per-item results, a per-vendor rate limit answered with 429
 * and a block of every call of that vendor for a while after (throttle-block),
 * Money objects, seeded Korean data, a steady arrival of new orders, and fault switches.
 */
public class CoupangSimulator implements io.marketbridge.simulator.MarketplaceSimulator {

    /** The marketplace's one name: control endpoint /_simulator/coupang/, properties marketbridge.simulators.coupang.*. */
    public static final String NAME = "coupang";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public java.util.List<String> paths() {
        return java.util.List.of("/v2/providers/");
    }

    @Override
    public String summary() {
        return vendorCount() + " vendor(s)";
    }


    private static final String API = "/v2/providers/openapi/apis/api";
    private static final Pattern LIST = Pattern.compile(API + "/v5/vendors/([^/]+)/ordersheets");
    private static final Pattern ONE = Pattern.compile(API + "/v5/vendors/([^/]+)/ordersheets/([0-9]+)");
    private static final Pattern ACK = Pattern.compile(API + "/v4/vendors/([^/]+)/ordersheets/acknowledgement");
    private static final Pattern INVOICES = Pattern.compile(API + "/v4/vendors/([^/]+)/orders/(invoices|updateInvoices)");
    private static final Pattern AUTH = Pattern.compile(
            "CEA algorithm=HmacSHA256, ?access-key=([^,]+), ?signed-date=([0-9]{6}T[0-9]{6}Z), ?signature=([0-9a-f]{64})");
    private static final Pattern DAY = Pattern.compile("([0-9]{4}-[0-9]{2}-[0-9]{2})\\+09:00");
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");
    private static final DateTimeFormatter SIGNED_DATE = DateTimeFormatter.ofPattern("yyMMdd'T'HHmmss'Z'");
    private static final List<String> STATUSES = List.of("ACCEPT", "INSTRUCT", "DEPARTURE", "DELIVERING", "FINAL_DELIVERY", "NONE_TRACKING");
    private static final int PAGE = 50;
    /**
     * A field no documented answer has, on every answer object: APIs add fields without notice, so a client must
     * ignore what it does not know.
     */
    public static final String UNKNOWN_FIELD = "unannouncedField";

    /** One shipping box. The JSON is built once; status is kept apart because it changes. */
    static final class Sheet {
        final String vendorId;
        final long boxId;
        final long orderId;
        final LocalDate createdDay;
        final ObjectNode json;
        volatile String status = "ACCEPT";
        /** Successful invoice uploads (not updates) of this box: more than one would be a duplicate shipment. */
        int invoiceUploads;

        Sheet(String vendorId, long boxId, long orderId, LocalDate createdDay, ObjectNode json) {
            this.vendorId = vendorId;
            this.boxId = boxId;
            this.orderId = orderId;
            this.createdDay = createdDay;
            this.json = json;
        }
    }

    /** Fault switches; each may be changed while the simulator runs. */
    public static final class Faults {
        public volatile long latencyMs;
        public volatile double errorRate;
        public volatile double throttleRate;
        public volatile double timeoutRate;
        public volatile long timeoutDelayMs = 3000;
        public volatile double malformedBodyRate;
        public volatile double malformedOrderRate;
        public volatile double addressChangeRate;
        final ConcurrentLinkedQueue<Integer> failNext = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String[]> failNextInvoices = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Integer> failNextRereads = new ConcurrentLinkedQueue<>();

        /** The next {@code count} calls answer with {@code status}; a 429 starts the vendor's block, as going over the limit does. */
        public void failNext(int status, int count) {
            for (int i = 0; i < count; i++) {
                failNext.add(status);
            }
        }

        /**
         * The next {@code count} invoice upload or update calls answer HTTP 200 with every item refused with
         * {@code resultCode} and {@code retryRequired}, as Coupang does for business refusals.
         */
        public void failNextInvoices(String resultCode, boolean retryRequired, int count) {
            for (int i = 0; i < count; i++) {
                failNextInvoices.add(new String[] {resultCode, String.valueOf(retryRequired)});
            }
        }

        /**
         * The next {@code count} reads of acknowledged boxes (single-box reads and INSTRUCT lists) answer with
         * {@code status}; the other calls go through. A run that dies between acknowledging and re-reading.
         */
        public void failNextRereads(int status, int count) {
            for (int i = 0; i < count; i++) {
                failNextRereads.add(status);
            }
        }

        public void reset() {
            failNextInvoices.clear();
            failNextRereads.clear();
            latencyMs = 0;
            errorRate = throttleRate = timeoutRate = malformedBodyRate = malformedOrderRate = addressChangeRate = 0;
            timeoutDelayMs = 3000;
            failNext.clear();
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final CoupangSimulatorSettings settings;
    private final Map<String, Credentials> vendors;
    private final Map<String, String> vendorByAccessKey = new HashMap<>();
    private final Map<String, ConcurrentSkipListMap<Long, Sheet>> sheets = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> calls = new ConcurrentHashMap<>();
    private final AtomicLong nextBoxId = new AtomicLong(310_000_000_000_000L);
    private final AtomicLong nextOrderId = new AtomicLong(27_000_000_000_000L);
    private final AtomicLong acknowledgements = new AtomicLong();
    private final AtomicLong invoiceUploadCalls = new AtomicLong();
    private final AtomicLong updateInvoiceCalls = new AtomicLong();
    /** Tracking number -> the receiver (name and address) it was first used for; reuse is allowed only for that one. */
    private final Map<String, String> invoiceReceivers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> listCalls = new ConcurrentHashMap<>();
    /** vendor + "/" + status -> list calls answered for that status. */
    private final Map<String, AtomicLong> listCallsByStatus = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> singleReads = new ConcurrentHashMap<>();
    /** The rates vendors called at, for the stats (the limit itself uses the admitted calls above). */
    private final CallRates rates = new CallRates();
    private final Random random;
    private final Faults faults = new Faults();
    /** How long a vendor stays blocked after a 429; settings' throttle-block, changeable while running. */
    private volatile Duration throttleBlock;
    /** vendor -> System.nanoTime() at which its block lifts. */
    private final Map<String, Long> blockedUntil = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> throttledCalls = new ConcurrentHashMap<>();
    private Arrivals arrivals;

    public CoupangSimulator(CoupangSimulatorSettings settings) {
        this.settings = settings;
        this.vendors = new LinkedHashMap<>(settings.vendors());
        this.random = new Random(settings.randomSeed());
        this.throttleBlock = settings.throttleBlock();
        vendors.forEach((vendor, c) -> {
            vendorByAccessKey.put(c.accessKey(), vendor);
            sheets.put(vendor, new ConcurrentSkipListMap<>());
        });
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        long spanSeconds = Math.max(1, settings.seedSpan().toSeconds());
        for (String vendor : vendors.keySet()) {
            for (int i = 0; i < settings.seedOrders(); i++) {
                createOrder(vendor, now.minusSeconds(spanSeconds - (spanSeconds * i / Math.max(1, settings.seedOrders()))), false);
            }
        }
    }

    @Override
    public void start() {
        if (settings.arrivalPerMinute() <= 0 || vendors.isEmpty()) {
            return;
        }
        arrivals = Arrivals.start("coupang", settings.arrivalPerMinute(), (count, now) -> {
            for (int i = 0; i < count; i++) {
                for (String vendor : vendors.keySet()) {
                    createOrder(vendor, now, random.nextDouble() < faults.malformedOrderRate);
                }
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

    public int vendorCount() {
        return vendors.size();
    }

    /** Adds a vendor (with no orders) while running. */
    public synchronized void addVendor(String vendorId, String accessKey, String secretKey) {
        vendors.put(vendorId, new Credentials(accessKey, secretKey));
        vendorByAccessKey.put(accessKey, vendorId);
        sheets.putIfAbsent(vendorId, new ConcurrentSkipListMap<>());
    }

    // ---------------------------------------------------------------- data

    /** Creates one order (one box, sometimes two) paid at {@code createdAt}; returns its orderId. */
    public synchronized long createOrder(String vendor, ZonedDateTime createdAt, boolean malformed) {
        return createOrder(vendor, createdAt, malformed, random.nextDouble() < 0.15 ? 2 : 1);
    }

    /** Creates one order with the given number of boxes; returns its orderId. */
    public synchronized long createOrder(String vendor, ZonedDateTime createdAt, boolean malformed, int boxes) {
        long orderId = nextOrderId.incrementAndGet();
        String buyer = CoupangSampleData.name(random);
        boolean sameReceiver = random.nextDouble() < 0.7;
        String receiver = sameReceiver ? buyer : CoupangSampleData.name(random);
        CoupangSampleData.Address address = CoupangSampleData.address(random);
        String detail = CoupangSampleData.detail(random);
        String message = CoupangSampleData.message(random);
        String ordererSafe = CoupangSampleData.safeNumber(random);
        String receiverSafe = sameReceiver ? ordererSafe : CoupangSampleData.safeNumber(random);
        String customs = random.nextDouble() < 0.05 ? String.format("P%012d", (long) (random.nextDouble() * 1e12)) : "";
        ZonedDateTime ordered = createdAt.minusSeconds(5 + random.nextInt(120)).truncatedTo(ChronoUnit.MICROS);
        ZonedDateTime paid = createdAt.truncatedTo(ChronoUnit.MICROS);
        for (int b = 0; b < boxes; b++) {
            long boxId = nextBoxId.incrementAndGet();
            ObjectNode s = json.createObjectNode();
            s.put("shipmentBoxId", boxId);
            s.put("orderId", orderId);
            s.put("orderedAt", MICROS.format(ordered));
            s.put("paidAt", MICROS.format(paid));
            ObjectNode orderer = s.putObject("orderer");
            orderer.put("name", buyer);
            orderer.put("email", "");
            orderer.put("safeNumber", ordererSafe);
            orderer.putNull("ordererNumber");
            orderer.put(UNKNOWN_FIELD, "orderer");
            long shipping = random.nextDouble() < 0.6 ? 0 : 3000;
            s.set("shippingPrice", money(shipping));
            boolean remote = address.postcode().startsWith("63");
            s.set("remotePrice", money(remote ? 3000 : 0));
            s.put("remoteArea", remote);
            s.put("parcelPrintMessage", message);
            s.put("splitShipping", boxes > 1);
            s.put("ableSplitShipping", boxes > 1);
            ObjectNode r = s.putObject("receiver");
            r.put("name", receiver);
            r.put("safeNumber", receiverSafe);
            r.putNull("receiverNumber");
            r.put("addr1", address.addr1());
            r.put("addr2", detail);
            r.put("postCode", address.postcode());
            r.put(UNKNOWN_FIELD, "receiver");
            if (!malformed) {
                ArrayNode items = s.putArray("orderItems");
                int count = 1 + random.nextInt(3);
                List<Long> used = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    CoupangSampleData.Product p = CoupangSampleData.product(random);
                    int option = random.nextInt(p.options().size());
                    long vendorItemId = p.productId() * 100 + option;
                    if (used.contains(vendorItemId)) {
                        continue;
                    }
                    used.add(vendorItemId);
                    int qty = 1 + (random.nextDouble() < 0.8 ? 0 : random.nextInt(3));
                    long discount = random.nextDouble() < 0.3 ? 1000L * qty : 0;
                    ObjectNode item = items.addObject();
                    item.put("vendorItemPackageId", 0);
                    item.put("vendorItemPackageName", "");
                    item.put("productId", p.productId());
                    item.put("vendorItemId", vendorItemId);
                    item.put("vendorItemName", p.name() + ", " + p.options().get(option));
                    item.put("shippingCount", qty);
                    item.set("salesPrice", money(p.price()));
                    item.set("orderPrice", money(p.price() * qty));
                    item.set("discountPrice", money(discount));
                    item.set("instantCouponDiscount", money(discount));
                    item.set("downloadableCouponDiscount", money(0));
                    item.set("coupangDiscount", money(0));
                    item.put("externalVendorSkuCode", p.skuPrefix() + "-" + String.format("%03d", option + 1));
                    item.put("etcInfoHeader", (String) null);
                    item.put("etcInfoValue", (String) null);
                    item.putArray("etcInfoValues");
                    item.put("sellerProductId", p.productId());
                    item.put("sellerProductName", p.name());
                    item.put("sellerProductItemName", p.options().get(option));
                    item.put("firstSellerProductItemName", p.options().get(option));
                    item.put("cancelCount", 0);
                    item.put("holdCountForCancel", 0);
                    item.put("estimatedShippingDate", paid.toLocalDate().plusDays(2).toString());
                    item.put("plannedShippingDate", "");
                    item.put("invoiceNumberUploadDate", "");
                    item.putObject("extraProperties").put(UNKNOWN_FIELD, "item extraProperties");
                    item.put("pricingBadge", false);
                    item.put("usedProduct", false);
                    item.put("confirmDate", "");
                    item.put("deliveryChargeTypeName", shipping == 0 ? "무료" : "유료");
                    item.put("canceled", false);
                    // an auto-generated bundle option (v5) for some items; chosen without the seeded random,
                    // so the rest of the data stays as it was for a seed
                    boolean bundle = vendorItemId % 7 == 0;
                    if (bundle) {
                        item.put("upBundleVendorItemId", vendorItemId + 900_000_000_000L);
                        item.put("upBundleVendorItemName", p.name() + ", " + p.options().get(option) + " 2개 묶음");
                        item.put("upBundleSize", 2);
                    } else {
                        item.putNull("upBundleVendorItemId");
                        item.putNull("upBundleVendorItemName");
                        item.putNull("upBundleSize");
                    }
                    item.put("upBundleItem", bundle);
                    item.put(UNKNOWN_FIELD, "item");
                }
            }
            ObjectNode oversea = s.putObject("overseaShippingInfoDto");
            oversea.put("personalCustomsClearanceCode", customs);
            oversea.put("ordererSsn", "");
            oversea.put("ordererPhoneNumber", "");
            oversea.put(UNKNOWN_FIELD, "overseaShippingInfoDto");
            s.put("deliveryCompanyName", "");
            s.put("invoiceNumber", "");
            s.put("inTrasitDateTime", "");
            s.put("deliveredDate", "");
            s.put("refer", random.nextBoolean() ? "안드로이드앱" : "PC웹");
            s.put("shipmentType", "THIRD_PARTY");
            s.put("isCod", false);
            ObjectNode extra = s.putObject("extraProperties");
            extra.putObject("taxReceiptInfo").put(UNKNOWN_FIELD, "taxReceiptInfo");
            extra.put("sameDayShipping", "false");
            extra.put("cutOffTimeHour", "14");
            extra.put(UNKNOWN_FIELD, "extraProperties");
            s.put(UNKNOWN_FIELD, "order sheet");
            sheets.get(vendor).put(boxId, new Sheet(vendor, boxId, orderId, paid.toLocalDate(), s));
        }
        return orderId;
    }

    /**
     * Serves an order sheet exactly as given (ACCEPT, created today), whatever its ids and values: for trying
     * how an integration copes with what a marketplace should never send (a 70-digit orderId, a NUL in a name).
     * Returns the box's key: its shipmentBoxId when that is a number, else a key of the simulator's own.
     */
    public synchronized long addSheet(String vendor, ObjectNode sheet) {
        // a numeric shipmentBoxId keys the box, so acknowledgement and re-reads find it; anything else gets a key
        String box = sheet.path("shipmentBoxId").asText("");
        long key = box.matches("[0-9]{1,18}") && !sheets.get(vendor).containsKey(Long.parseLong(box))
                ? Long.parseLong(box) : nextBoxId.incrementAndGet();
        String orderId = sheet.path("orderId").asText("");
        long numericOrderId = orderId.matches("[0-9]{1,18}") ? Long.parseLong(orderId) : -1;
        sheets.get(vendor).put(key, new Sheet(vendor, key, numericOrderId, LocalDate.now(SEOUL), sheet.deepCopy()));
        return key;
    }

    /**
     * Adds one order sheet written by hand (the v5 shape of ../shared/marketplaces/coupang.md), listed under
     * {@code createdDay}; its status is the sheet's {@code status} (ACCEPT when absent). For tests that need a
     * particular order: a split order whose boxes differ, a box that arrives after the others.
     */
    public void addSheet(String vendor, ObjectNode sheet, LocalDate createdDay) {
        long boxId = sheet.path("shipmentBoxId").asLong();
        long orderId = sheet.path("orderId").asLong();
        if (boxId <= 0 || orderId <= 0) {
            throw new IllegalArgumentException("the sheet needs a numeric shipmentBoxId and orderId");
        }
        ObjectNode copy = sheet.deepCopy();
        Sheet s = new Sheet(vendor, boxId, orderId, createdDay, copy);
        s.status = copy.path("status").asText("ACCEPT");
        copy.remove("status");
        if (sheets.get(vendor).putIfAbsent(boxId, s) != null) {
            throw new IllegalArgumentException("vendor " + vendor + " has a box " + boxId + " already");
        }
    }

    /** Changes the receiver of every box of an order (a buyer editing the address before acknowledgement). */
    public void changeReceiver(String vendor, long orderId) {
        for (Sheet s : sheets.get(vendor).values()) {
            if (s.orderId == orderId) {
                changeReceiver(s);
            }
        }
    }

    private void changeReceiver(Sheet s) {
        synchronized (s.json) {
            ObjectNode r = (ObjectNode) s.json.get("receiver");
            r.put("addr1", CoupangSampleData.ADDRESSES.get(3).addr1());
            r.put("addr2", "변경된 주소 707호");
            r.put("postCode", CoupangSampleData.ADDRESSES.get(3).postcode());
        }
    }

    private ObjectNode money(long units) {
        ObjectNode m = json.createObjectNode();
        m.put("currencyCode", "KRW");
        m.put("units", units);
        m.put("nanos", 0);
        return m;
    }

    /** orderId -> statuses of its boxes, for assertions and the stats endpoint. */
    public Map<Long, List<String>> orders(String vendor) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        for (Sheet s : sheets.getOrDefault(vendor, new ConcurrentSkipListMap<>()).values()) {
            out.computeIfAbsent(s.orderId, k -> new ArrayList<>()).add(s.status);
        }
        return out;
    }

    /** Number of boxes per status of one vendor. */
    public Map<String, Integer> statusCounts(String vendor) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Sheet s : sheets.getOrDefault(vendor, new ConcurrentSkipListMap<>()).values()) {
            counts.merge(s.status, 1, Integer::sum);
        }
        return counts;
    }

    /** Order-sheet list calls answered for the vendor (after auth and rate checks). */
    public long listCalls(String vendor) {
        AtomicLong n = listCalls.get(vendor);
        return n == null ? 0 : n.get();
    }

    /** Order-sheet list calls answered for the vendor with the given status. */
    public long listCalls(String vendor, String status) {
        AtomicLong n = listCallsByStatus.get(vendor + "/" + status);
        return n == null ? 0 : n.get();
    }

    /** Single order-sheet reads (by shipmentBoxId) answered for the vendor. */
    public long singleReads(String vendor) {
        AtomicLong n = singleReads.get(vendor);
        return n == null ? 0 : n.get();
    }

    /** Lines (order items) of an order across its boxes. */
    public int lineCount(String vendor, long orderId) {
        int n = 0;
        for (Sheet s : sheets.get(vendor).values()) {
            if (s.orderId == orderId) {
                n += s.json.path("orderItems").size();
            }
        }
        return n;
    }

    /** The JSON of every box of an order as the API would render it now. */
    public List<ObjectNode> sheetsOf(String vendor, long orderId) {
        List<ObjectNode> out = new ArrayList<>();
        for (Sheet s : sheets.get(vendor).values()) {
            if (s.orderId == orderId) {
                out.add(render(s));
            }
        }
        return out;
    }

    public long acknowledgementCalls() {
        return acknowledgements.get();
    }

    /** Invoice upload calls answered (after auth and rate checks), refused ones included. */
    public long invoiceUploadCalls() {
        return invoiceUploadCalls.get();
    }

    /** Invoice update calls answered (after auth and rate checks), refused ones included. */
    public long updateInvoiceCalls() {
        return updateInvoiceCalls.get();
    }

    /** The shipmentBoxIds of an order, in creation order. */
    public List<Long> boxIdsOf(String vendor, long orderId) {
        List<Long> out = new ArrayList<>();
        for (Sheet s : sheets.get(vendor).values()) {
            if (s.orderId == orderId) {
                out.add(s.boxId);
            }
        }
        return out;
    }

    public String statusOf(String vendor, long boxId) {
        return sheet(vendor, boxId).status;
    }

    /** The tracking number the box carries now ("" before an upload). */
    public String invoiceOf(String vendor, long boxId) {
        Sheet s = sheet(vendor, boxId);
        synchronized (s.json) {
            return s.json.path("invoiceNumber").asText("");
        }
    }

    /** Successful invoice uploads of a box (updates not counted). */
    public int invoiceUploadsOf(String vendor, long boxId) {
        Sheet s = sheet(vendor, boxId);
        synchronized (s) {
            return s.invoiceUploads;
        }
    }

    /** The buyer cancels every item of a box (the box keeps its status; an upload is refused). */
    public void cancelBox(String vendor, long boxId) {
        Sheet s = sheet(vendor, boxId);
        synchronized (s.json) {
            for (JsonNode item : s.json.path("orderItems")) {
                ((ObjectNode) item).put("canceled", true);
                ((ObjectNode) item).put("cancelCount", item.path("shippingCount").asInt());
            }
        }
    }

    private Sheet sheet(String vendor, long boxId) {
        Sheet s = sheets.getOrDefault(vendor, new ConcurrentSkipListMap<>()).get(boxId);
        if (s == null) {
            throw new IllegalArgumentException("no box " + boxId + " for vendor " + vendor);
        }
        return s;
    }

    // ---------------------------------------------------------------- HTTP

    @Override
    public void handle(HttpExchange http) throws IOException {
        try (http) {
            Reply reply = answer(http);
            byte[] body = reply.body.getBytes(StandardCharsets.UTF_8);
            if (reply.status == 200 && faults.malformedBodyRate > 0 && ThreadLocalRandom.current().nextDouble() < faults.malformedBodyRate) {
                body = java.util.Arrays.copyOf(body, Math.max(1, body.length / 2)); // a body cut off mid-way
            }
            http.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            reply.headers.forEach((k, v) -> http.getResponseHeaders().set(k, v));
            http.sendResponseHeaders(reply.status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        }
    }

    record Reply(int status, String body, Map<String, String> headers) {
        Reply(int status, String body) {
            this(status, body, Map.of());
        }
    }

    /**
     * The CEA signature as coupang.md 1.2 gives it: lowercase hex of HMAC-SHA256 (key = secret key as UTF-8) over
     * signedDate + METHOD + path + raw query. Written here from the docs, not shared with the connector's signer,
     * so that a mistake in one side is caught by the other.
     */
    static String ceaSignature(String secretKey, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private Reply answer(HttpExchange http) throws IOException {
        String method = http.getRequestMethod();
        String path = http.getRequestURI().getRawPath();
        String rawQuery = http.getRequestURI().getRawQuery();
        sleep(faults.latencyMs);
        Integer forced = faults.failNext.poll();
        if (forced != null) {
            return forced == 429 ? throttled(vendorInPath(path)) : gatewayError(forced, "Simulated failure " + forced);
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (faults.throttleRate > 0 && r.nextDouble() < faults.throttleRate) {
            return throttled(vendorInPath(path));
        }
        if (faults.errorRate > 0 && r.nextDouble() < faults.errorRate) {
            return new Reply(500, "{\"code\":500,\"message\":\"Timeout waiting for connection from pool\"}");
        }
        if (faults.timeoutRate > 0 && r.nextDouble() < faults.timeoutRate) {
            sleep(faults.timeoutDelayMs);
            return gatewayError(504, "Request timed out, please try again later.");
        }

        // 1. the signature, over the path and the query exactly as they arrived
        String authorization = http.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("CEA ")) {
            return gatewayError(401, "Request is not authorized.");
        }
        Matcher auth = AUTH.matcher(authorization.trim());
        if (!auth.matches()) {
            return gatewayError(401, "HMAC format is invalid.");
        }
        String keyVendor = vendorByAccessKey.get(auth.group(1));
        if (keyVendor == null) {
            return gatewayError(401, "Unknown error occurred, please contact api-gateway channel for the details.");
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(auth.group(2), SIGNED_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return gatewayError(401, "HMAC format is invalid.");
        }
        if (Duration.between(signedAt, Instant.now()).abs().compareTo(settings.signatureWindow()) > 0) {
            return gatewayError(401, "Specified signature is expired.");
        }
        String expected = ceaSignature(vendors.get(keyVendor).secretKey(), auth.group(2) + method + path
                + (rawQuery == null ? "" : rawQuery));
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), auth.group(3).getBytes(StandardCharsets.US_ASCII))) {
            return gatewayError(401, "Invalid signature.");
        }

        // 2. the vendor in the path must be the key's vendor
        Matcher list = LIST.matcher(path);
        Matcher one = ONE.matcher(path);
        Matcher ack = ACK.matcher(path);
        Matcher invoices = INVOICES.matcher(path);
        String pathVendor = list.matches() ? list.group(1) : one.matches() ? one.group(1) : ack.matches() ? ack.group(1)
                : invoices.matches() ? invoices.group(1) : null;
        if (pathVendor == null) {
            return gatewayError(404, "No API found for " + method + " " + path);
        }
        if (!pathVendor.equals(keyVendor)) {
            return new Reply(400, "{\"code\":400,\"message\":\"업체코드(vendorId) " + pathVendor
                    + " 는 이 access-key 의 업체가 아닙니다. (vendorId does not match the access key)\"}");
        }

        // 3. the per-vendor rate limit, and the block that follows going over it
        if (blocked(keyVendor) || !withinRate(keyVendor)) {
            return throttled(keyVendor);
        }

        boolean reread = method.equals("GET") && (one.matches()
                || list.matches() && "INSTRUCT".equals(parse(rawQuery).get("status")));
        Integer rereadFault = reread ? faults.failNextRereads.poll() : null;
        if (rereadFault != null) {
            return gatewayError(rereadFault, "Simulated failure " + rereadFault);
        }
        if (list.matches() && method.equals("GET")) {
            return list(keyVendor, parse(rawQuery));
        }
        if (one.matches() && method.equals("GET")) {
            return one(keyVendor, Long.parseLong(one.group(2)));
        }
        if (ack.matches() && method.equals("PUT")) {
            return acknowledge(keyVendor, http.getRequestBody());
        }
        if (invoices.matches() && method.equals("POST")) {
            return invoices(keyVendor, http.getRequestBody(), invoices.group(2).equals("updateInvoices"));
        }
        return gatewayError(405, "Method " + method + " is not allowed for " + path);
    }

    private Reply list(String vendor, Map<String, String> q) {
        listCalls.computeIfAbsent(vendor, v -> new AtomicLong()).incrementAndGet();
        LocalDate from = day(q.get("createdAtFrom"));
        LocalDate to = day(q.get("createdAtTo"));
        if (from == null || to == null) {
            return badRequest("createdAtFrom and createdAtTo must look like yyyy-MM-dd+09:00 (sent as %2B09:00)");
        }
        if (q.get("searchType") != null) {
            return badRequest("searchType=" + q.get("searchType") + " is not served by this simulator (daily mode only)");
        }
        if (to.isBefore(from)) {
            return badRequest("createdAtTo must not be before createdAtFrom");
        }
        if (ChronoUnit.DAYS.between(from, to) > 31) {
            return badRequest("endTime-startTime range should less than31.");
        }
        String status = q.get("status");
        if (status == null || !STATUSES.contains(status)) {
            return badRequest("status is required: one of " + STATUSES);
        }
        listCallsByStatus.computeIfAbsent(vendor + "/" + status, v -> new AtomicLong()).incrementAndGet();
        int max = PAGE;
        if (q.get("maxPerPage") != null) {
            try {
                max = Math.max(1, Math.min(PAGE, Integer.parseInt(q.get("maxPerPage"))));
            } catch (NumberFormatException e) {
                return badRequest("maxPerPage must be a number");
            }
        }
        long after = 0;
        if (q.get("nextToken") != null && !q.get("nextToken").isEmpty()) {
            try {
                after = Long.parseLong(q.get("nextToken"));
            } catch (NumberFormatException e) {
                return badRequest("nextToken is invalid");
            }
        }
        ArrayNode data = json.createArrayNode();
        long last = 0;
        boolean more = false;
        for (Sheet s : sheets.get(vendor).tailMap(after, false).values()) {
            if (!s.status.equals(status) || s.createdDay.isBefore(from) || s.createdDay.isAfter(to)) {
                continue;
            }
            if (data.size() == max) {
                more = true;
                break;
            }
            data.add(render(s));
            last = s.boxId;
        }
        ObjectNode root = json.createObjectNode();
        root.put("code", 200);
        root.put("message", "OK");
        root.set("data", data);
        root.put("nextToken", more ? String.valueOf(last) : "");
        root.put(UNKNOWN_FIELD, "list");
        return new Reply(200, root.toString());
    }

    private Reply one(String vendor, long boxId) {
        singleReads.computeIfAbsent(vendor, v -> new AtomicLong()).incrementAndGet();
        Sheet s = sheets.get(vendor).get(boxId);
        if (s == null) {
            return new Reply(400, "{\"code\":400,\"message\":\"존재하지 않는 배송번호입니다. shipmentBoxId=" + boxId + "\"}");
        }
        ObjectNode root = json.createObjectNode();
        root.put("code", 200);
        root.put("message", "OK");
        root.set("data", render(s));
        root.put(UNKNOWN_FIELD, "single read");
        return new Reply(200, root.toString());
    }

    private Reply acknowledge(String vendor, InputStream bodyStream) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(bodyStream);
        } catch (IOException e) {
            return badRequest("request body is not JSON");
        }
        JsonNode ids = body == null ? null : body.get("shipmentBoxIds");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            return badRequest("shipmentBoxIds is required");
        }
        if (ids.size() > 50) {
            return badRequest("shipmentBoxIds: at most 50 per call");
        }
        if (!vendor.equals(body.path("vendorId").asText())) {
            return badRequest("vendorId in the body does not match the path");
        }
        acknowledgements.incrementAndGet();
        ArrayNode results = json.createArrayNode();
        int ok = 0;
        for (JsonNode id : ids) {
            long boxId = id.asLong();
            Sheet s = sheets.get(vendor).get(boxId);
            ObjectNode item = results.addObject();
            item.put("shipmentBoxId", boxId);
            if (s == null) {
                item.put("succeed", false);
                item.put("resultCode", "NOT_FOUND_SHIPMENT_BOX");
                item.put("resultMessage", "배송번호를 찾을 수 없습니다.");
                item.put("retryRequired", true);
                continue;
            }
            synchronized (s) {
                if (!s.status.equals("ACCEPT")) {
                    item.put("succeed", false);
                    item.put("resultCode", "INVALID_STATUS");
                    item.put("resultMessage", "배송상태를 변경할 수 없습니다. (현재 상태: " + s.status + ")");
                    item.put("retryRequired", false);
                    continue;
                }
                if (faults.addressChangeRate > 0 && ThreadLocalRandom.current().nextDouble() < faults.addressChangeRate) {
                    changeReceiver(s);
                }
                s.status = "INSTRUCT";
            }
            item.put("succeed", true);
            item.put("resultCode", "OK");
            item.put("resultMessage", "");
            item.put("retryRequired", false);
            ok++;
        }
        return perItemReply(results, ok);
    }

    /**
     * Invoice upload (INSTRUCT -> DEPARTURE) and update (a new number for a DEPARTURE box). Format errors
     * (unknown courier code, a number of the wrong shape) are HTTP 400 for the whole call; refusals of a box
     * come back per box inside HTTP 200, with Coupang's resultCode and retryRequired.
     */
    private Reply invoices(String vendor, InputStream bodyStream, boolean update) throws IOException {
        JsonNode body;
        try {
            body = json.readTree(bodyStream);
        } catch (IOException e) {
            return badRequest("request body is not JSON");
        }
        JsonNode entries = body == null ? null : body.get("orderSheetInvoiceApplyDtos");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            return badRequest("orderSheetInvoiceApplyDtos is required");
        }
        if (!vendor.equals(body.path("vendorId").asText())) {
            return badRequest("vendorId in the body does not match the path");
        }
        (update ? updateInvoiceCalls : invoiceUploadCalls).incrementAndGet();
        // 1. format checks of every entry: one bad entry fails the call
        Map<Long, List<JsonNode>> byBox = new LinkedHashMap<>();
        for (JsonNode e : entries) {
            for (String field : List.of("shipmentBoxId", "orderId", "vendorItemId", "deliveryCompanyCode", "invoiceNumber",
                    "splitShipping", "preSplitShipped", "estimatedShippingDate")) {
                if (!e.has(field)) {
                    return badRequest(field + " 값이 없습니다. (" + field + " is required)");
                }
            }
            String code = e.path("deliveryCompanyCode").asText();
            String number = e.path("invoiceNumber").asText();
            String problem = CoupangCouriers.check(code, number);
            if (problem != null) {
                return badRequest(problem);
            }
            byBox.computeIfAbsent(e.path("shipmentBoxId").asLong(), k -> new ArrayList<>()).add(e);
        }
        // 2. per box
        String[] forced = faults.failNextInvoices.poll();
        ArrayNode results = json.createArrayNode();
        int ok = 0;
        for (Map.Entry<Long, List<JsonNode>> box : byBox.entrySet()) {
            ObjectNode item = results.addObject();
            item.put("shipmentBoxId", box.getKey());
            String[] refusal = forced != null ? forced : applyInvoice(vendor, box.getKey(), box.getValue(), update);
            if (refusal == null) {
                item.put("succeed", true);
                item.put("resultCode", "OK");
                item.put("resultMessage", "");
                item.put("retryRequired", false);
                ok++;
            } else {
                item.put("succeed", false);
                item.put("resultCode", refusal[0]);
                item.put("resultMessage", refusal.length > 2 ? refusal[2] : refusal[0]);
                item.put("retryRequired", Boolean.parseBoolean(refusal[1]));
            }
        }
        return perItemReply(results, ok);
    }

    /** The acknowledgement and invoice answer: HTTP 200, responseCode 0 / 1 / 99 for all, some or none done. */
    private Reply perItemReply(ArrayNode results, int ok) {
        ObjectNode root = json.createObjectNode();
        root.put("code", "200");
        root.put("message", "OK");
        ObjectNode data = root.putObject("data");
        data.put("responseKey", ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
        int code = ok == results.size() ? 0 : ok == 0 ? 99 : 1;
        data.put("responseCode", code);
        data.put("responseMessage", code == 0 ? "SUCCESS" : code == 1 ? "PARTIAL_ERROR" : "FAILED");
        data.set("responseList", results);
        data.put(UNKNOWN_FIELD, "data");
        results.forEach(item -> ((ObjectNode) item).put(UNKNOWN_FIELD, "responseList item"));
        root.put(UNKNOWN_FIELD, "per-item reply");
        return new Reply(200, root.toString());
    }

    /** Applies one box's entries; null when done, else {resultCode, retryRequired, message}. */
    private String[] applyInvoice(String vendor, long boxId, List<JsonNode> entries, boolean update) {
        Sheet s = sheets.get(vendor).get(boxId);
        if (s == null) {
            return new String[] {"NOT_FOUND_SHIPMENT_BOX", "false", "배송번호를 찾을 수 없습니다. shipmentBoxId=" + boxId};
        }
        String code = entries.get(0).path("deliveryCompanyCode").asText();
        String number = entries.get(0).path("invoiceNumber").asText();
        synchronized (s) {
            synchronized (s.json) {
                JsonNode items = s.json.path("orderItems");
                boolean allCanceled = items.size() > 0;
                for (JsonNode item : items) {
                    allCanceled &= item.path("canceled").asBoolean(false);
                }
                if (allCanceled) {
                    return new String[] {"ORDER_DELIVERY_CANCELED", "false", "취소된 주문입니다."};
                }
                for (JsonNode e : entries) {
                    long vendorItemId = e.path("vendorItemId").asLong();
                    boolean found = false;
                    for (JsonNode item : items) {
                        found |= item.path("vendorItemId").asLong() == vendorItemId;
                    }
                    if (!found || e.path("orderId").asLong() != s.orderId) {
                        return new String[] {"NOT_FOUND_VENDOR_ITEM", "false",
                                "주문에 해당 옵션이 없습니다. vendorItemId=" + vendorItemId};
                    }
                }
                if (update) {
                    if (!s.status.equals("DEPARTURE")) {
                        return s.status.equals("INSTRUCT") || s.status.equals("ACCEPT")
                                ? new String[] {"NOT_FOUND_INVOICE_NUMBER", "false", "등록된 송장번호가 없습니다."}
                                : new String[] {"INVALID_STATUS", "false", "배송상태를 변경할 수 없습니다. (현재 상태: " + s.status + ")"};
                    }
                } else if (!s.status.equals("INSTRUCT")) {
                    return s.status.equals("ACCEPT")
                            ? new String[] {"INVALID_STATUS", "false", "배송상태를 변경할 수 없습니다. (현재 상태: ACCEPT)"}
                            : new String[] {"NOT_ALLOW_INVOICE_NUMBER_RE_UPLOAD", "false",
                                "이미 송장이 등록되었습니다. 송장 수정을 이용하세요. (현재 상태: " + s.status + ")"};
                }
                String receiver = s.json.path("receiver").path("name").asText() + "|" + s.json.path("receiver").path("addr1").asText()
                        + "|" + s.json.path("receiver").path("addr2").asText();
                if (!"DIRECT".equals(code)) {
                    String before = invoiceReceivers.putIfAbsent(code + ":" + number, receiver);
                    if (before != null && !before.equals(receiver)) {
                        return new String[] {"DUPLICATE_INVOICE_NUMBER", "true",
                                "6개월 이내에 다른 수취인에게 사용된 송장번호입니다. invoiceNumber=" + number};
                    }
                }
                s.json.put("invoiceNumber", number);
                s.json.put("deliveryCompanyName", CoupangCouriers.name(code));
                String now = MICROS.format(ZonedDateTime.now(SEOUL).truncatedTo(ChronoUnit.MICROS));
                for (JsonNode item : items) {
                    ((ObjectNode) item).put("invoiceNumberUploadDate", now);
                }
                if (!update) {
                    s.status = "DEPARTURE";
                    s.invoiceUploads++;
                }
            }
        }
        return null;
    }

    private ObjectNode render(Sheet s) {
        synchronized (s.json) {
            ObjectNode copy = s.json.deepCopy();
            copy.put("status", s.status);
            return copy;
        }
    }

    private boolean withinRate(String vendor) {
        Deque<Long> window = calls.computeIfAbsent(vendor, v -> new ArrayDeque<>());
        long now = System.nanoTime();
        rates.record(vendor);
        synchronized (window) {
            while (!window.isEmpty() && now - window.peekFirst() > 1_000_000_000L) {
                window.pollFirst();
            }
            if (window.size() >= settings.rateLimitPerSecond()) {
                return false;
            }
            window.addLast(now);
            return true;
        }
    }

    /** The highest calls-per-second any single vendor reached (a sliding one-second window). */
    public int peakRatePerVendor() {
        return rates.peakPerCaller();
    }

    /** The highest calls-per-second of all vendors together (per wall-clock second). */
    public long peakRateTotal() {
        return rates.peakTotal();
    }

    /** Forgets the rate peaks (for a benchmark that measures one phase). */
    public void resetRatePeaks() {
        rates.reset();
    }

    /**
     * A 429, which blocks the vendor for throttle-block (calls during the block do not lengthen it). coupang.md
     * documents no Retry-After header, so none is sent: a client has to back off on its own.
     */
    private Reply throttled(String vendor) {
        if (vendor != null) {
            throttledCalls.computeIfAbsent(vendor, k -> new AtomicLong()).incrementAndGet();
            if (!blocked(vendor)) {
                blockedUntil.put(vendor, System.nanoTime() + throttleBlock.toNanos());
            }
        }
        return new Reply(429, "{\"code\":\"ERROR\",\"message\":\"Too Many Requests\",\"transactionId\":\""
                + UUID.randomUUID() + "\"}");
    }

    private boolean blocked(String vendor) {
        Long until = blockedUntil.get(vendor);
        return until != null && System.nanoTime() - until < 0;
    }

    private static String vendorInPath(String path) {
        for (Pattern p : List.of(ONE, LIST, ACK, INVOICES)) {
            Matcher m = p.matcher(path);
            if (m.matches()) {
                return m.group(1);
            }
        }
        return null;
    }

    /** How long a vendor stays blocked after a 429 from now on (blocks already running keep their end). */
    public void throttleBlock(Duration block) {
        throttleBlock = block;
    }

    /** Calls of the vendor answered with 429 (over the limit, during a block, or forced). */
    public long throttledCalls(String vendor) {
        AtomicLong n = throttledCalls.get(vendor);
        return n == null ? 0 : n.get();
    }

    /** Lifts every vendor's block now and restores the configured block length. */
    public void resetBlocks() {
        throttleBlock = settings.throttleBlock();
        blockedUntil.clear();
    }

    private Reply gatewayError(int status, String message) {
        ObjectNode root = json.createObjectNode();
        root.put("code", "ERROR");
        root.put("message", message);
        root.put("transactionId", UUID.randomUUID().toString());
        return new Reply(status, root.toString());
    }

    private Reply badRequest(String message) {
        ObjectNode root = json.createObjectNode();
        root.put("code", 400);
        root.put("message", message);
        return new Reply(400, root.toString());
    }

    private static LocalDate day(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = DAY.matcher(value);
        return m.matches() ? LocalDate.parse(m.group(1)) : null;
    }

    private static Map<String, String> parse(String rawQuery) {
        Map<String, String> q = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    // URLDecoder turns a literal '+' into a space, as Coupang's gateway does: it must come as %2B
                    q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
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

    /** /_simulator/coupang/stats, /faults, /orders: for engineers and tests driving the simulator from outside. */
    @Override
    public void handleControl(HttpExchange http) throws IOException {
        try (http) {
            String path = http.getRequestURI().getPath();
            Map<String, String> q = parse(http.getRequestURI().getRawQuery());
            ObjectNode out = json.createObjectNode();
            int status = 200;
            if (path.endsWith("/stats")) {
                ObjectNode v = out.putObject("vendors");
                for (String vendor : vendors.keySet()) {
                    v.set(vendor, json.valueToTree(statusCounts(vendor)));
                }
                out.put("acknowledgementCalls", acknowledgements.get());
                ObjectNode lists = out.putObject("listCallsByStatus");
                listCallsByStatus.forEach((key, n) -> lists.put(key, n.get()));
                ObjectNode reads = out.putObject("singleReads");
                singleReads.forEach((vendor, n) -> reads.put(vendor, n.get()));
                out.put("invoiceUploadCalls", invoiceUploadCalls.get());
                out.put("updateInvoiceCalls", updateInvoiceCalls.get());
                ObjectNode throttled = out.putObject("throttledCalls");
                throttledCalls.forEach((vendor, n) -> throttled.put(vendor, n.get()));
                out.put("peakCallsPerSecondPerVendor", peakRatePerVendor());
                out.put("peakCallsPerSecondTotal", peakRateTotal());
                long total = 0;
                for (String vendor : vendors.keySet()) {
                    total += sheets.get(vendor).size();
                }
                out.put("boxes", total);
            } else if (path.endsWith("/reset-rates") && http.getRequestMethod().equals("POST")) {
                resetRatePeaks();
                out.put("ok", true);
            } else if (path.endsWith("/faults") && http.getRequestMethod().equals("POST")) {
                if (q.containsKey("reset")) {
                    faults.reset();
                    resetBlocks();
                }
                if (q.containsKey("throttleBlockMs")) {
                    throttleBlock = Duration.ofMillis(Long.parseLong(q.get("throttleBlockMs")));
                }
                faults.latencyMs = Long.parseLong(q.getOrDefault("latencyMs", String.valueOf(faults.latencyMs)));
                faults.errorRate = Double.parseDouble(q.getOrDefault("errorRate", String.valueOf(faults.errorRate)));
                faults.throttleRate = Double.parseDouble(q.getOrDefault("throttleRate", String.valueOf(faults.throttleRate)));
                faults.timeoutRate = Double.parseDouble(q.getOrDefault("timeoutRate", String.valueOf(faults.timeoutRate)));
                faults.malformedBodyRate = Double.parseDouble(q.getOrDefault("malformedBodyRate", String.valueOf(faults.malformedBodyRate)));
                faults.malformedOrderRate = Double.parseDouble(q.getOrDefault("malformedOrderRate", String.valueOf(faults.malformedOrderRate)));
                faults.addressChangeRate = Double.parseDouble(q.getOrDefault("addressChangeRate", String.valueOf(faults.addressChangeRate)));
                if (q.containsKey("failInvoices")) {
                    faults.failNextInvoices(q.get("failInvoices"), Boolean.parseBoolean(q.getOrDefault("retryRequired", "false")),
                            Integer.parseInt(q.getOrDefault("failCount", "1")));
                }
                if (q.containsKey("failStatus")) {
                    faults.failNext(Integer.parseInt(q.get("failStatus")), Integer.parseInt(q.getOrDefault("failCount", "1")));
                }
                out.put("ok", true);
            } else if (path.endsWith("/orders") && http.getRequestMethod().equals("POST")) {
                String vendor = q.get("vendorId");
                if (vendor == null || !sheets.containsKey(vendor)) {
                    status = 400;
                    out.put("error", "vendorId must name a configured vendor");
                } else {
                    int count = Integer.parseInt(q.getOrDefault("count", "1"));
                    ArrayNode ids = out.putArray("orderIds");
                    for (int i = 0; i < count; i++) {
                        ids.add(createOrder(vendor, ZonedDateTime.now(SEOUL), Boolean.parseBoolean(q.get("malformed"))));
                    }
                }
            } else if (path.endsWith("/sheets") && http.getRequestMethod().equals("POST")) {
                String vendor = q.get("vendorId");
                JsonNode sheet;
                try {
                    sheet = json.readTree(http.getRequestBody());
                } catch (IOException e) {
                    sheet = null;
                }
                if (vendor == null || !sheets.containsKey(vendor) || sheet == null || !sheet.isObject()) {
                    status = 400;
                    out.put("error", "vendorId must name a configured vendor and the body must be one order sheet (a JSON object)");
                } else {
                    out.put("key", addSheet(vendor, (ObjectNode) sheet));
                }
            } else if (path.endsWith("/cancel") && http.getRequestMethod().equals("POST")) {
                String vendor = q.get("vendorId");
                try {
                    cancelBox(vendor, Long.parseLong(q.getOrDefault("shipmentBoxId", "")));
                    out.put("ok", true);
                } catch (IllegalArgumentException e) {
                    status = 400;
                    out.put("error", "vendorId and shipmentBoxId must name a box: " + e.getMessage());
                }
            } else {
                status = 404;
                out.put("error", "GET stats, POST faults, POST orders, POST sheets, POST cancel");
            }
            ControlEndpoint.reply(http, status, out);
        }
    }
}
