package io.marketbridge.simulator.naver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.Arrivals;
import io.marketbridge.simulator.CallRates;
import io.marketbridge.simulator.ControlEndpoint;
import io.marketbridge.simulator.TrackingNumbers;
import io.marketbridge.simulator.naver.NaverSimulatorSettings.Credentials;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Naver Commerce API (SmartStore) as far as order integration needs it, on the real paths under /external:
 * the bcrypt-signed client-credentials token request (form body or query string, 5-minute timestamp window,
 * one token per client/type/account, reused while 30 minutes or more remain), Bearer checks answered with
 * GW.AUTHN, a token bucket per application and API answered with GW.RATE_LIMIT and the GNCP-GW-RateLimit-*
 * headers, the last-changed-statuses feed with its more/moreSequence paging, the detail query, confirm and
 * dispatch with per-item failures and Naver's error codes, seeded Korean data (multi-line orders, gifts
 * waiting for an address, address changes), a steady arrival of new orders, and fault switches.
 */
public class NaverSimulator implements io.marketbridge.simulator.MarketplaceSimulator {

    /** The marketplace's one name: control endpoint /_simulator/naver/, properties marketbridge.simulators.naver.*. */
    public static final String NAME = "naver";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public java.util.List<String> paths() {
        return java.util.List.of("/external/");
    }

    @Override
    public String summary() {
        return sellerCount() + " seller(s)";
    }


    private static final Logger LOG = LoggerFactory.getLogger(NaverSimulator.class);

    private static final String BASE = "/external";
    private static final String TOKEN = BASE + "/v1/oauth2/token";
    private static final String PRODUCT_ORDERS = BASE + "/v1/pay-order/seller/product-orders";
    private static final String FEED = PRODUCT_ORDERS + "/last-changed-statuses";
    private static final String QUERY = PRODUCT_ORDERS + "/query";
    private static final String CONFIRM = PRODUCT_ORDERS + "/confirm";
    private static final String DISPATCH = PRODUCT_ORDERS + "/dispatch";
    private static final Pattern ORDER_IDS = Pattern.compile(BASE + "/v1/pay-order/seller/orders/([^/]+)/product-order-ids");

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter KST = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final DateTimeFormatter ID_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    /** A token with at least this much life left is handed out again (Naver: 30 minutes of a 3-hour token). */
    private static final Duration REUSE_THRESHOLD = Duration.ofMinutes(30);
    private static final Duration MAX_WINDOW = Duration.ofHours(24);
    private static final int FEED_LIMIT = 300;
    private static final int QUERY_LIMIT = 300;
    private static final int CHANGE_LIMIT = 30;
    private static final double DEFAULT_GIFT_RATE = 0.05;
    /** A gift waits this long for its receiver's address when the simulator runs on its own. */
    private static final Duration GIFT_ACCEPT_DELAY = Duration.ofMinutes(2);

    static final Set<String> CHANGE_TYPES = Set.of("PAY_WAITING", "PAYED", "EXCHANGE_OPTION", "DELIVERY_ADDRESS_CHANGED",
            "GIFT_RECEIVED", "CLAIM_REJECTED", "DISPATCHED", "CLAIM_REQUESTED", "COLLECT_DONE", "CLAIM_COMPLETED",
            "PURCHASE_DECIDED", "HOPE_DELIVERY_INFO_CHANGED", "CLAIM_REDELIVERING");
    static final Set<String> DELIVERY_METHODS = Set.of("DELIVERY", "GDFW_ISSUE_SVC", "VISIT_RECEIPT", "DIRECT_DELIVERY",
            "QUICK_SVC", "NOTHING", "RETURN_DESIGNATED", "RETURN_DELIVERY", "RETURN_INDIVIDUAL", "RETURN_MERCHANT", "UNKNOWN");
    /** Methods a seller may dispatch an ordinary parcel order with; only DELIVERY needs a courier and a number. */
    private static final Set<String> DISPATCHABLE = Set.of("DELIVERY", "DIRECT_DELIVERY", "VISIT_RECEIPT", "QUICK_SVC");
    private static final Set<String> CLOSED = Set.of("PURCHASE_DECIDED", "EXCHANGED", "CANCELED", "RETURNED",
            "CANCELED_BY_NOPAYMENT");
    private static final Set<String> RANGE_TYPES = Set.of("PAYED_DATETIME", "ORDERED_DATETIME", "DISPATCHED_DATETIME",
            "PURCHASE_DECIDED_DATETIME", "CLAIM_REQUESTED_DATETIME", "CLAIM_COMPLETED_DATETIME", "COLLECT_COMPLETED_DATETIME",
            "GIFT_RECEIVED_DATETIME", "HOPE_DELIVERY_INFO_CHANGED_DATETIME");

    /** How claim objects appear in the detail: naver.md marks the top-level ones as deprecated (H1 2025). */
    public enum ClaimShape {
        /** currentClaim.{cancel|return|exchange} and completedClaims[] only. */
        CURRENT,
        /** the current form and the deprecated top-level cancel/return/exchange together. */
        BOTH,
        /** the deprecated top-level objects only. */
        LEGACY
    }

    /** Fault and behaviour switches; each may be changed while the simulator runs. */
    public static final class Faults {
        public volatile long latencyMs;
        public volatile double errorRate;
        public volatile double throttleRate;
        public volatile double timeoutRate;
        public volatile long timeoutDelayMs = 3000;
        public volatile double malformedBodyRate;
        /** Share of confirmations whose buyer changed the address just before (feed and isReceiverAddressChanged show it). */
        public volatile double addressChangeRate;
        /** Share of new orders that are gifts waiting for the receiver's address. */
        public volatile double giftRate = DEFAULT_GIFT_RATE;
        /** Every call answers 403 GW.IP_NOT_ALLOWED, as for a server IP not registered in the API Center. */
        public volatile boolean ipDenied;
        public volatile ClaimShape claimShape = ClaimShape.CURRENT;
        /** Feed lists only each product order's latest change (one reading of "last changed"); else every change. */
        public volatile boolean latestChangeOnly;
        /** Feed and conditional windows over 24 h answer 104139 (whether Naver rejects them is uncertain). */
        public volatile boolean rejectLongWindows = true;
        /** Hide initial and remain amounts unless the query sends quantityClaimCompatibility=true (uncertain). */
        public volatile boolean quantityFieldsNeedCompatibility;
        final ConcurrentLinkedQueue<Integer> failNext = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Integer> failNextToken = new ConcurrentLinkedQueue<>();
        private final Runnable tokenExpiry;

        Faults(Runnable tokenExpiry) {
            this.tokenExpiry = tokenExpiry;
        }

        /** The next {@code count} API calls (token requests excluded) answer the gateway error of {@code status}. */
        public void failNext(int status, int count) {
            for (int i = 0; i < count; i++) {
                failNext.add(status);
            }
        }

        /** The next {@code count} token requests answer {@code status}. */
        public void failNextToken(int status, int count) {
            for (int i = 0; i < count; i++) {
                failNextToken.add(status);
            }
        }

        /** Invalidates every issued token: the next API call with any of them answers 401 GW.AUTHN. */
        public void expireTokens() {
            tokenExpiry.run();
        }

        public void reset() {
            latencyMs = 0;
            errorRate = throttleRate = timeoutRate = malformedBodyRate = addressChangeRate = 0;
            timeoutDelayMs = 3000;
            giftRate = DEFAULT_GIFT_RATE;
            ipDenied = false;
            claimShape = ClaimShape.CURRENT;
            latestChangeOnly = false;
            rejectLongWindows = true;
            quantityFieldsNeedCompatibility = false;
            failNext.clear();
            failNextToken.clear();
        }
    }

    // ---------------------------------------------------------------- model

    record Address(String name, String tel1, String tel2, String zipCode, String baseAddress, String detailedAddress) {
    }

    /** One seller's store. Every field below is guarded by the Seller's monitor. */
    static final class Seller {
        final String id;
        volatile Credentials credentials;
        final String channelNo;
        final Map<String, Order> orders = new LinkedHashMap<>();
        final Map<String, ProductOrder> productOrders = new HashMap<>();
        final TreeMap<ChangeKey, Change> feed = new TreeMap<>();
        /** Gift orders still waiting for their receiver's address, in creation order. */
        final Set<String> waitingGifts = new LinkedHashSet<>();
        /** courier:number -> the receiver it was first used for: reuse is allowed only for the same receiver. */
        final Map<String, String> trackingNumbers = new HashMap<>();

        Seller(String id, Credentials credentials, String channelNo) {
            this.id = id;
            this.credentials = credentials;
            this.channelNo = channelNo;
        }
    }

    static final class Order {
        final String orderId;
        final ZonedDateTime orderDate;
        final ZonedDateTime paymentDate;
        final String ordererId;
        final String ordererNo;
        final String ordererName;
        final String ordererTel;
        final String paymentMeans;
        final String payLocationType;
        final boolean membership;
        final boolean gift;
        final long mileage;
        String giftReceivingStatus;
        ZonedDateTime giftReceivedDate;
        Address address;
        String shippingMemo;
        boolean addressChanged;
        final List<ProductOrder> lines = new ArrayList<>();

        Order(String orderId, ZonedDateTime orderDate, ZonedDateTime paymentDate, String ordererId, String ordererNo,
              String ordererName, String ordererTel, String paymentMeans, String payLocationType, boolean membership,
              boolean gift, long mileage) {
            this.orderId = orderId;
            this.orderDate = orderDate;
            this.paymentDate = paymentDate;
            this.ordererId = ordererId;
            this.ordererNo = ordererNo;
            this.ordererName = ordererName;
            this.ordererTel = ordererTel;
            this.paymentMeans = paymentMeans;
            this.payLocationType = payLocationType;
            this.membership = membership;
            this.gift = gift;
            this.mileage = mileage;
        }

        long totalPayment() {
            long sum = 0;
            for (ProductOrder p : lines) {
                sum += p.totalPayment() + p.deliveryFee + p.sectionFee;
            }
            return sum;
        }

        boolean waitingForGift() {
            return gift && "WAIT_FOR_RECEIVING".equals(giftReceivingStatus);
        }
    }

    static final class Claim {
        final String claimType;
        final String claimId;
        final ZonedDateTime requested;
        final String reason;
        final int quantity;
        String claimStatus;
        ZonedDateTime completed;

        Claim(String claimType, String claimId, String claimStatus, ZonedDateTime requested, String reason, int quantity) {
            this.claimType = claimType;
            this.claimId = claimId;
            this.claimStatus = claimStatus;
            this.requested = requested;
            this.reason = reason;
            this.quantity = quantity;
        }

        boolean active() {
            return completed == null && !claimStatus.endsWith("_REJECT");
        }
    }

    static final class ProductOrder {
        final String productOrderId;
        final Order order;
        final SampleData.Product product;
        final SampleData.Option option;
        final int quantity;
        final long discount;
        final long deliveryFee;
        final long sectionFee;
        final String packageNumber;
        final String customsCode;
        String status = "PAYED";
        String placeOrderStatus = "NOT_YET";
        ZonedDateTime placeOrderDate;
        String deliveryMethod;
        String deliveryCompany;
        String trackingNumber;
        ZonedDateTime sendDate;
        int dispatches;
        Claim claim;
        final List<Claim> completedClaims = new ArrayList<>();
        long lastChangedMillis;
        Change latestChange;

        ProductOrder(String productOrderId, Order order, SampleData.Product product, SampleData.Option option, int quantity,
                     long discount, long deliveryFee, long sectionFee, String packageNumber, String customsCode) {
            this.productOrderId = productOrderId;
            this.order = order;
            this.product = product;
            this.option = option;
            this.quantity = quantity;
            this.discount = discount;
            this.deliveryFee = deliveryFee;
            this.sectionFee = sectionFee;
            this.packageNumber = packageNumber;
            this.customsCode = customsCode;
        }

        long totalProduct() {
            return (product.price() + option.price()) * quantity;
        }

        long totalPayment() {
            return totalProduct() - discount;
        }
    }

    /** The feed's sort key: lastChangedDate, then productOrderId (both ascending). */
    record ChangeKey(long at, String productOrderId) implements Comparable<ChangeKey> {
        @Override
        public int compareTo(ChangeKey o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : productOrderId.compareTo(o.productOrderId);
        }
    }

    /** One row of the change feed, as things stood right after the change. */
    record Change(String productOrderId, String orderId, long at, String type, String status, String claimType,
                  String claimStatus, boolean receiverAddressChanged, String giftReceivingStatus, ZonedDateTime paymentDate) {
    }

    static final class Token {
        final String value;
        final String key;
        final String sellerId;
        volatile Instant expiresAt;

        Token(String value, String key, String sellerId, Instant expiresAt) {
            this.value = value;
            this.key = key;
            this.sellerId = sellerId;
            this.expiresAt = expiresAt;
        }
    }

    /** Naver's token bucket: refills at the rate, holds twice the rate (the burst capacity). */
    static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    // ---------------------------------------------------------------- state

    private final ObjectMapper json = new ObjectMapper();
    private final NaverSimulatorSettings settings;
    private final Map<String, Seller> sellers = new ConcurrentHashMap<>();
    private final Map<String, String> sellerByClientId = new ConcurrentHashMap<>();
    /** productOrderId -> sellerId, to tell "not yours" (101009) from "not found" (100001). */
    private final Map<String, String> ownerOfProductOrder = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Token> currentToken = new HashMap<>();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final CallRates rates = new CallRates();
    private final AtomicLong nextOrder = new AtomicLong(10_000_000L);
    private final AtomicLong nextProductOrder = new AtomicLong(40_000_000L);
    private final AtomicLong nextClaim = new AtomicLong(70_000_000L);
    private final AtomicLong traceSeq = new AtomicLong();
    private final AtomicLong tokenCalls = new AtomicLong();
    private final AtomicLong tokensIssued = new AtomicLong();
    private final AtomicLong feedCalls = new AtomicLong();
    private final AtomicLong queryCalls = new AtomicLong();
    private final AtomicLong confirmCalls = new AtomicLong();
    private final AtomicLong dispatchCalls = new AtomicLong();
    private final Random random;
    private final Faults faults = new Faults(this::expireTokens);
    private volatile int rateLimitPerSecond;
    private Arrivals arrivals;

    public NaverSimulator(NaverSimulatorSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.randomSeed());
        this.rateLimitPerSecond = Math.max(1, settings.rateLimitPerSecond());
        settings.sellers().forEach((id, c) -> addSeller(id, c.clientId(), c.clientSecret()));
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        long span = Math.max(1, settings.seedSpan().toSeconds());
        int n = Math.max(1, settings.seedOrders());
        for (String seller : settings.sellers().keySet()) {
            for (int i = 0; i < settings.seedOrders(); i++) {
                ZonedDateTime paid = now.minusSeconds(span - span * i / n);
                String orderId = createOrder(seller, paid, randomLines(), random.nextDouble() < faults.giftRate);
                Order o = sellers.get(seller).orders.get(orderId);
                // older seeded gifts have been accepted by now
                if (o.gift && paid.plusMinutes(40).isBefore(now)) {
                    receiveGift(seller, orderId, paid.plusMinutes(10 + random.nextInt(30)));
                }
            }
        }
    }

    @Override
    public void start() {
        if (settings.arrivalPerMinute() <= 0 || sellers.isEmpty()) {
            return;
        }
        arrivals = Arrivals.start("naver", settings.arrivalPerMinute(), (count, now) -> {
            for (Seller s : sellers.values()) {
                for (int i = 0; i < count; i++) {
                    createOrder(s.id, now, randomLines(), random.nextDouble() < faults.giftRate);
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

    public int sellerCount() {
        return sellers.size();
    }

    /** Adds a seller application (with no orders) while running, or replaces its credentials. */
    public synchronized void addSeller(String sellerId, String clientId, String clientSecret) {
        Seller existing = sellers.get(sellerId);
        if (existing != null) {
            sellerByClientId.values().remove(sellerId);
            existing.credentials = new Credentials(clientId, clientSecret);
        } else {
            String channel = String.valueOf(500_000_000L + Math.floorMod(sellerId.hashCode(), 400_000_000));
            sellers.put(sellerId, new Seller(sellerId, new Credentials(clientId, clientSecret), channel));
        }
        sellerByClientId.put(clientId, sellerId);
    }

    /** Changes the per-application, per-API limit (requests per second; the burst capacity is twice that). */
    public void setRateLimitPerSecond(int perSecond) {
        this.rateLimitPerSecond = Math.max(1, perSecond);
        buckets.clear();
    }

    // ---------------------------------------------------------------- data

    private int randomLines() {
        double d = random.nextDouble();
        return d < 0.7 ? 1 : d < 0.9 ? 2 : 3;
    }

    /** Creates one paid order of {@code lines} product orders (not a gift); returns its orderId. */
    public String createOrder(String sellerId, ZonedDateTime paidAt, int lines) {
        return createOrder(sellerId, paidAt, lines, false);
    }

    /**
     * Creates one paid order of {@code lines} product orders and appends their PAYED changes at {@code paidAt}.
     * A gift order has no shipping address until {@link #receiveGift} (giftReceivingStatus WAIT_FOR_RECEIVING).
     */
    public String createOrder(String sellerId, ZonedDateTime paidAt, int lines, boolean gift) {
        Seller s = seller(sellerId);
        synchronized (s) {
            ZonedDateTime paid = paidAt.withZoneSameInstant(SEOUL).truncatedTo(ChronoUnit.MILLIS);
            ZonedDateTime ordered = paid.minusSeconds(3 + random.nextInt(90));
            String orderId = paid.format(ID_DAY) + String.format("%08d", nextOrder.incrementAndGet() % 100_000_000L);
            String buyer = SampleData.name(random);
            String means = SampleData.paymentMeans(random);
            long mileage = random.nextDouble() < 0.2 ? 100L * (1 + random.nextInt(30)) : 0;
            String ordererNo = String.valueOf(1_000_000_000L + random.nextInt(900_000_000));
            Order o = new Order(orderId, ordered, paid, SampleData.naverId(random), ordererNo, buyer, SampleData.mobile(random),
                    means, random.nextDouble() < 0.75 ? "MOBILE" : "PC", random.nextDouble() < 0.3, gift, mileage);
            if (gift) {
                o.giftReceivingStatus = "WAIT_FOR_RECEIVING";
                s.waitingGifts.add(orderId);
            } else {
                o.address = SampleData.address(random, random.nextDouble() < 0.7 ? buyer : SampleData.name(random),
                        random.nextDouble() < 0.7 ? o.ordererTel : SampleData.mobile(random));
                o.shippingMemo = SampleData.memo(random);
            }
            String packageNumber = paid.format(ID_DAY) + String.format("%08d", nextOrder.get() % 100_000_000L + 50_000_000L);
            long shipping = random.nextDouble() < 0.6 ? 0 : 3000;
            String customs = random.nextDouble() < 0.05 ? String.format("P%012d", (long) (random.nextDouble() * 1e12)) : null;
            Set<String> used = new HashSet<>();
            int count = Math.max(1, lines);
            for (int i = 0; i < count; i++) {
                SampleData.Product product = SampleData.product(random);
                SampleData.Option option = product.options().get(random.nextInt(product.options().size()));
                if (!used.add(option.code()) && used.size() < SampleData.optionCount()) {
                    i--; // each line of an order is a different option
                    continue;
                }
                int qty = random.nextDouble() < 0.8 ? 1 : 2 + random.nextInt(2);
                long discount = random.nextDouble() < 0.3 ? 1000L * qty : 0;
                boolean first = i == 0;
                boolean jeju = o.address != null && o.address.zipCode().startsWith("63");
                String productOrderId = paid.format(ID_DAY)
                        + String.format("%08d", nextProductOrder.incrementAndGet() % 100_000_000L);
                ProductOrder p = new ProductOrder(productOrderId, o, product, option, qty, discount, first ? shipping : 0,
                        first && jeju ? 3000 : 0, packageNumber, customs);
                o.lines.add(p);
                s.productOrders.put(productOrderId, p);
                ownerOfProductOrder.put(productOrderId, s.id);
            }
            s.orders.put(orderId, o);
            for (ProductOrder p : o.lines) {
                appendChange(s, p, "PAYED", paid.toInstant().toEpochMilli());
            }
            return orderId;
        }
    }

    /** The gift's receiver accepts it and gives an address: GIFT_RECEIVED for every product order. */
    public void receiveGift(String sellerId, String orderId) {
        receiveGift(sellerId, orderId, ZonedDateTime.now(SEOUL));
    }

    private void receiveGift(String sellerId, String orderId, ZonedDateTime at) {
        Seller s = seller(sellerId);
        synchronized (s) {
            Order o = order(s, orderId);
            if (!o.waitingForGift()) {
                throw new IllegalStateException("order " + orderId + " is not a gift waiting for its receiver");
            }
            String receiver = SampleData.name(random);
            o.address = SampleData.address(random, receiver, SampleData.mobile(random));
            o.shippingMemo = SampleData.memo(random);
            o.giftReceivingStatus = "RECEIVED";
            s.waitingGifts.remove(orderId);
            o.giftReceivedDate = at.withZoneSameInstant(SEOUL).truncatedTo(ChronoUnit.MILLIS);
            for (ProductOrder p : o.lines) {
                appendChange(s, p, "GIFT_RECEIVED", at.toInstant().toEpochMilli());
            }
        }
    }

    private void acceptWaitingGifts(Seller s, ZonedDateTime now) {
        List<String> due = new ArrayList<>();
        synchronized (s) {
            for (String orderId : s.waitingGifts) {
                if (s.orders.get(orderId).paymentDate.plus(GIFT_ACCEPT_DELAY).isBefore(now)) {
                    due.add(orderId);
                }
            }
        }
        for (String orderId : due) {
            receiveGift(s.id, orderId, now);
        }
    }

    /**
     * The buyer changes the shipping address of an order before it ships: every product order not yet
     * dispatched gets a DELIVERY_ADDRESS_CHANGED change, and confirm reports isReceiverAddressChanged=true.
     */
    public void changeAddress(String sellerId, String orderId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            changeAddress(s, order(s, orderId));
        }
    }

    private void changeAddress(Seller s, Order o) {
        if (o.address == null) {
            throw new IllegalStateException("order " + o.orderId + " has no address yet (gift waiting for its receiver)");
        }
        Address before = o.address;
        Address after;
        do {
            after = SampleData.address(random, before.name(), before.tel1());
        } while (after.baseAddress().equals(before.baseAddress()) && after.detailedAddress().equals(before.detailedAddress()));
        o.address = after;
        o.addressChanged = true;
        long now = System.currentTimeMillis();
        for (ProductOrder p : o.lines) {
            if (p.status.equals("PAYED")) {
                appendChange(s, p, "DELIVERY_ADDRESS_CHANGED", now);
            }
        }
    }

    /** The buyer asks to cancel a product order that has not shipped (claim CANCEL / CANCEL_REQUEST). */
    public void requestCancel(String sellerId, String productOrderId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            ProductOrder p = productOrder(s, productOrderId);
            if (!p.status.equals("PAYED") || (p.claim != null && p.claim.active())) {
                throw new IllegalStateException("product order " + productOrderId + " cannot be canceled now (" + p.status + ")");
            }
            p.claim = new Claim("CANCEL", String.format("%016d", 2_026_000_000_000_000L + nextClaim.incrementAndGet()),
                    "CANCEL_REQUEST", ZonedDateTime.now(SEOUL).truncatedTo(ChronoUnit.MILLIS), "INTENT_CHANGED", p.quantity);
            appendChange(s, p, "CLAIM_REQUESTED", System.currentTimeMillis());
        }
    }

    /** The cancellation completes: CANCELED / CANCEL_DONE, and the claim joins completedClaims. */
    public void completeCancel(String sellerId, String productOrderId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            ProductOrder p = productOrder(s, productOrderId);
            if (p.claim == null || !p.claim.active() || !p.claim.claimType.equals("CANCEL")) {
                throw new IllegalStateException("product order " + productOrderId + " has no cancel request");
            }
            p.claim.claimStatus = "CANCEL_DONE";
            p.claim.completed = ZonedDateTime.now(SEOUL).truncatedTo(ChronoUnit.MILLIS);
            p.completedClaims.add(p.claim);
            p.status = "CANCELED";
            appendChange(s, p, "CLAIM_COMPLETED", System.currentTimeMillis());
        }
    }

    /** Appends a change; a product order's changes get strictly increasing dates so (date, id) stays unique. */
    private void appendChange(Seller s, ProductOrder p, String type, long atMillis) {
        long at = Math.max(atMillis, p.lastChangedMillis + 1);
        p.lastChangedMillis = at;
        Order o = p.order;
        Change c = new Change(p.productOrderId, o.orderId, at, type, p.status,
                p.claim == null ? null : p.claim.claimType, p.claim == null ? null : p.claim.claimStatus,
                o.addressChanged, o.giftReceivingStatus, o.paymentDate);
        s.feed.put(new ChangeKey(at, p.productOrderId), c);
        p.latestChange = c;
    }

    private Seller seller(String sellerId) {
        Seller s = sellers.get(sellerId);
        if (s == null) {
            throw new IllegalArgumentException("no Naver seller " + sellerId);
        }
        return s;
    }

    private static Order order(Seller s, String orderId) {
        Order o = s.orders.get(orderId);
        if (o == null) {
            throw new IllegalArgumentException("no order " + orderId + " for seller " + s.id);
        }
        return o;
    }

    private static ProductOrder productOrder(Seller s, String productOrderId) {
        ProductOrder p = s.productOrders.get(productOrderId);
        if (p == null) {
            throw new IllegalArgumentException("no product order " + productOrderId + " for seller " + s.id);
        }
        return p;
    }

    // ---------------------------------------------------------------- accessors for tests and benchmarks

    /** The orderIds of a seller, in creation order. */
    public List<String> orderIds(String sellerId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            return new ArrayList<>(s.orders.keySet());
        }
    }

    /** The productOrderIds of one order, in line order. */
    public List<String> productOrderIds(String sellerId, String orderId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            List<String> out = new ArrayList<>();
            for (ProductOrder p : order(s, orderId).lines) {
                out.add(p.productOrderId);
            }
            return out;
        }
    }

    /** productOrderStatus now (PAYED, DELIVERING, CANCELED, ...). */
    public String statusOf(String sellerId, String productOrderId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            return productOrder(s, productOrderId).status;
        }
    }

    /** placeOrderStatus now (NOT_YET, OK, CANCEL). */
    public String placeOrderStatusOf(String sellerId, String productOrderId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            return productOrder(s, productOrderId).placeOrderStatus;
        }
    }

    /** The tracking number of the dispatch, or null before one (or for methods without a number). */
    public String trackingOf(String sellerId, String productOrderId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            return productOrder(s, productOrderId).trackingNumber;
        }
    }

    /** The courier code of the dispatch, or null. */
    public String courierOf(String sellerId, String productOrderId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            return productOrder(s, productOrderId).deliveryCompany;
        }
    }

    /** Successful dispatches of a product order: more than one would be a duplicate shipment. */
    public int dispatchesOf(String sellerId, String productOrderId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            return productOrder(s, productOrderId).dispatches;
        }
    }

    /** The detail object of a product order as POST /query would render it now. */
    public ObjectNode detailOf(String sellerId, String productOrderId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            return detail(s, productOrder(s, productOrderId), true);
        }
    }

    /** Product orders per status of one seller; PAYED is split by placeOrderStatus (PAYED/NOT_YET, PAYED/OK). */
    public Map<String, Integer> statusCounts(String sellerId) {
        Seller s = seller(sellerId);
        Map<String, Integer> counts = new TreeMap<>();
        synchronized (s) {
            for (ProductOrder p : s.productOrders.values()) {
                counts.merge(p.status + (p.status.equals("PAYED") ? "/" + p.placeOrderStatus : ""), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Rows in a seller's change feed. */
    public int changeCount(String sellerId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            return s.feed.size();
        }
    }

    /** Token requests answered (refused ones included). */
    public long tokenCalls() {
        return tokenCalls.get();
    }

    /** Tokens newly issued (a reused token is not counted). */
    public long tokensIssued() {
        return tokensIssued.get();
    }

    public long feedCalls() {
        return feedCalls.get();
    }

    public long queryCalls() {
        return queryCalls.get();
    }

    /** Confirm calls answered after auth and rate checks, refused ones included. */
    public long confirmCalls() {
        return confirmCalls.get();
    }

    /** Dispatch calls answered after auth and rate checks, refused ones included. */
    public long dispatchCalls() {
        return dispatchCalls.get();
    }

    /** The highest calls-per-second any single application reached across all APIs (a sliding one-second window). */
    public int peakRatePerClient() {
        return rates.peakPerCaller();
    }

    /** The highest calls-per-second of all applications together (per wall-clock second). */
    public long peakRateTotal() {
        return rates.peakTotal();
    }

    /** Forgets the rate peaks (for a benchmark that measures one phase). */
    public void resetRatePeaks() {
        rates.reset();
    }

    /** Invalidates every issued token; the next token request issues a new one. */
    public void expireTokens() {
        synchronized (currentToken) {
            tokens.clear();
            currentToken.clear();
        }
    }

    /** Moves every issued token's expiry {@code by} earlier, as if it had been issued that much sooner. */
    public void ageTokens(Duration by) {
        synchronized (currentToken) {
            for (Token t : tokens.values()) {
                t.expiresAt = t.expiresAt.minus(by);
            }
        }
    }

    // ---------------------------------------------------------------- signatures

    /** client_secret_sign as Naver specifies it: Base64(bcrypt(clientId + "_" + timestamp, salt = clientSecret)). */
    public static String signature(String clientId, String clientSecret, long timestampMillis) {
        String hashed = BCrypt.hashpw(clientId + "_" + timestampMillis, clientSecret);
        return Base64.getEncoder().encodeToString(hashed.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Verifies a client_secret_sign by recomputing the bcrypt hash with the application's secret as the salt
     * and comparing the decoded signature with it. bcrypt keeps only 128 salt bits, so the hash's salt part may
     * differ from the secret's last character: comparing salt prefixes would be wrong.
     */
    public static boolean verifySignature(String clientId, String clientSecret, String timestamp, String sign) {
        if (sign == null || sign.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getDecoder().decode(sign.trim());
        } catch (IllegalArgumentException e) {
            try {
                presented = Base64.getUrlDecoder().decode(sign.trim());
            } catch (IllegalArgumentException again) {
                return false;
            }
        }
        String expected;
        try {
            expected = BCrypt.hashpw(clientId + "_" + timestamp, clientSecret);
        } catch (IllegalArgumentException e) {
            return false; // a secret that is no bcrypt salt, or a password bcrypt refuses
        }
        return MessageDigest.isEqual(presented, expected.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- HTTP

    record Reply(int status, String body, Map<String, String> headers) {
        Reply(int status, String body) {
            this(status, body, new LinkedHashMap<>());
        }

        Reply with(String header, String value) {
            headers.put(header, value);
            return this;
        }
    }

    @Override
    public void handle(HttpExchange http) throws IOException {
        long started = System.nanoTime();
        try (http) {
            String traceId = traceId();
            Reply reply;
            try {
                reply = answer(http, traceId);
            } catch (RuntimeException e) {
                LOG.warn("Naver simulator failed on {} {}: {}", http.getRequestMethod(), http.getRequestURI().getPath(),
                        e.toString());
                reply = gatewayError(500, "GW.INTERNAL_SERVER_ERROR", "작업 중 오류가 발생하였습니다.", traceId);
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.status() == 200 && faults.malformedBodyRate > 0
                    && ThreadLocalRandom.current().nextDouble() < faults.malformedBodyRate) {
                body = Arrays.copyOf(body, Math.max(1, body.length / 2)); // a body cut off mid-way
            }
            http.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
            http.getResponseHeaders().set("GNCP-GW-Trace-ID", traceId);
            http.getResponseHeaders().set("GNCP-GW-HttpClient-ResponseTime",
                    String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
            reply.headers().forEach((k, v) -> http.getResponseHeaders().set(k, v));
            http.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private enum Api { TOKEN, FEED, QUERY, CONFIRM, DISPATCH, CONDITIONAL, ORDER_IDS }

    private Reply answer(HttpExchange http, String traceId) throws IOException {
        sleep(faults.latencyMs);
        if (faults.ipDenied) {
            return gatewayError(403, "GW.IP_NOT_ALLOWED", "호출이 허용되지 않은 IP입니다.", traceId);
        }
        String method = http.getRequestMethod();
        String path = http.getRequestURI().getRawPath();
        Matcher orderIds = ORDER_IDS.matcher(path);
        Api api = method.equals("POST") && path.equals(TOKEN) ? Api.TOKEN
                : method.equals("GET") && path.equals(FEED) ? Api.FEED
                : method.equals("POST") && path.equals(QUERY) ? Api.QUERY
                : method.equals("POST") && path.equals(CONFIRM) ? Api.CONFIRM
                : method.equals("POST") && path.equals(DISPATCH) ? Api.DISPATCH
                : method.equals("GET") && path.equals(PRODUCT_ORDERS) ? Api.CONDITIONAL
                : method.equals("GET") && orderIds.matches() ? Api.ORDER_IDS
                : null;
        if (api == null) {
            return gatewayError(404, "GW.NOT_FOUND", "요청하신 리소스를 찾을 수 없습니다.", traceId);
        }
        byte[] body = http.getRequestBody().readAllBytes();
        Map<String, List<String>> query = parse(http.getRequestURI().getRawQuery());
        if (api == Api.TOKEN) {
            Integer forced = faults.failNextToken.poll();
            if (forced != null) {
                return forcedError(forced, traceId);
            }
            return token(query, new String(body, StandardCharsets.UTF_8),
                    http.getRequestHeaders().getFirst("Content-Type"));
        }

        // 1. the Bearer token
        Token token = bearer(http.getRequestHeaders().getFirst("Authorization"));
        if (token == null) {
            return gatewayError(401, "GW.AUTHN", "요청을 보낼 권한이 없습니다.", traceId);
        }
        Seller seller = sellers.get(token.sellerId);
        String clientId = seller.credentials.clientId();

        // 2. injected faults
        ThreadLocalRandom r = ThreadLocalRandom.current();
        Integer forced = faults.failNext.poll();
        if (forced != null) {
            return forcedError(forced, traceId);
        }
        if (faults.throttleRate > 0 && r.nextDouble() < faults.throttleRate) {
            return rateLimited(traceId);
        }
        if (faults.errorRate > 0 && r.nextDouble() < faults.errorRate) {
            return r.nextBoolean()
                    ? gatewayError(500, "GW.PROXY.05", "작업 중 오류가 발생하였습니다.", traceId)
                    : apiError(500, "9999", "일시적인 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.", traceId);
        }
        if (faults.timeoutRate > 0 && r.nextDouble() < faults.timeoutRate) {
            sleep(faults.timeoutDelayMs);
            return gatewayError(504, "GW.TIMEOUT.01", "요청 대기 시간이 초과되었습니다.", traceId);
        }

        // 3. the token bucket of this application and API
        int remaining = take(clientId, api);
        if (remaining < 0) {
            return rateLimited(traceId);
        }
        Reply reply = switch (api) {
            case FEED -> feed(seller, query, traceId);
            case QUERY -> query(seller, body, traceId);
            case CONFIRM -> confirm(seller, body, traceId);
            case DISPATCH -> dispatch(seller, body, traceId);
            case CONDITIONAL -> conditional(seller, query, traceId);
            case ORDER_IDS -> orderProductOrderIds(seller, URLDecoder.decode(orderIds.group(1), StandardCharsets.UTF_8), traceId);
            case TOKEN -> throw new IllegalStateException();
        };
        return withRateHeaders(reply, remaining);
    }

    private Token bearer(String authorization) {
        if (authorization == null || authorization.length() < 8 || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        Token t = tokens.get(authorization.substring(7).trim());
        if (t == null || !t.expiresAt.isAfter(Instant.now()) || !sellers.containsKey(t.sellerId)) {
            return null;
        }
        return t;
    }

    private Reply forcedError(int status, String traceId) {
        return switch (status) {
            case 401 -> gatewayError(401, "GW.AUTHN", "요청을 보낼 권한이 없습니다.", traceId);
            case 403 -> gatewayError(403, "GW.IP_NOT_ALLOWED", "호출이 허용되지 않은 IP입니다.", traceId);
            case 404 -> gatewayError(404, "GW.NOT_FOUND", "요청하신 리소스를 찾을 수 없습니다.", traceId);
            case 429 -> rateLimited(traceId);
            case 500 -> gatewayError(500, "GW.PROXY.05", "작업 중 오류가 발생하였습니다.", traceId);
            case 503 -> gatewayError(503, "GW.BLOCK.01", "서비스를 일시적으로 사용할 수 없습니다.", traceId);
            case 504 -> gatewayError(504, "GW.TIMEOUT.02", "요청 대기 시간이 초과되었습니다.", traceId);
            default -> apiError(status, "9999", "Simulated failure " + status, traceId);
        };
    }

    // ---------------------------------------------------------------- token

    private Reply token(Map<String, List<String>> query, String body, String contentType) {
        tokenCalls.incrementAndGet();
        Map<String, String> f = new HashMap<>();
        query.forEach((k, v) -> f.put(k, v.get(0)));
        boolean json = contentType != null && contentType.toLowerCase().contains("json");
        if (!json && !body.isBlank()) {
            parse(body.trim()).forEach((k, v) -> f.put(k, v.get(0))); // the form body wins over the query string
        }
        ArrayNode invalid = this.json.createArrayNode();
        for (String field : List.of("client_id", "timestamp", "grant_type", "client_secret_sign", "type")) {
            if (f.get(field) == null || f.get(field).isBlank()) {
                invalidInput(invalid, field, "NotBlank", field + ": 필수 입력 항목입니다.");
            }
        }
        if (!invalid.isEmpty()) {
            return authError(400, "BAD_REQUEST", "유효하지 않은 요청입니다.", invalid);
        }
        if (!f.get("grant_type").equals("client_credentials")) {
            invalidInput(invalid, "grant_type", "InvalidValue", "grant_type은 client_credentials만 사용할 수 있습니다.");
        }
        String type = f.get("type");
        if (!type.equals("SELF") && !type.equals("SELLER")) {
            invalidInput(invalid, "type", "InvalidValue", "type은 SELF 또는 SELLER입니다.");
        }
        String accountId = f.getOrDefault("account_id", "").trim();
        if (type.equals("SELLER") && accountId.isEmpty()) {
            invalidInput(invalid, "account_id", "NotBlank", "type이 SELLER인 경우 account_id는 필수입니다.");
        }
        long timestamp = 0;
        try {
            timestamp = Long.parseLong(f.get("timestamp").trim());
        } catch (NumberFormatException e) {
            invalidInput(invalid, "timestamp", "TypeMismatch", "timestamp는 밀리초 단위의 Unix 시간입니다.");
        }
        if (!invalid.isEmpty()) {
            return authError(400, "BAD_REQUEST", "유효하지 않은 요청입니다.", invalid);
        }
        if (Math.abs(System.currentTimeMillis() - timestamp) > settings.timestampWindow().toMillis()) {
            invalidInput(invalid, "timestamp", "InvalidValue", "timestamp가 유효 시간(5분)을 벗어났습니다.");
            return authError(400, "BAD_REQUEST", "유효하지 않은 요청입니다.", invalid);
        }
        String clientId = f.get("client_id").trim();
        String sellerId = sellerByClientId.get(clientId);
        Seller seller = sellerId == null ? null : sellers.get(sellerId);
        if (seller == null) {
            invalidInput(invalid, "client_id", "InvalidValue", "client_id가 유효하지 않습니다.");
            return authError(400, "BAD_REQUEST", "유효하지 않은 요청입니다.", invalid);
        }
        String sign = f.get("client_secret_sign");
        if (!verifySignature(clientId, seller.credentials.clientSecret(), f.get("timestamp").trim(), sign)) {
            invalidInput(invalid, "client_secret_sign", "InvalidValue", "client_secret_sign이 유효하지 않습니다.");
            return authError(400, "BAD_REQUEST", "유효하지 않은 요청입니다.", invalid);
        }
        if (type.equals("SELLER") && !accountId.equals(seller.id)) {
            return authError(404, "INTERLOCK_NOT_FOUND", "연동 정보를 찾을 수 없습니다.", invalid);
        }
        Token t = issue(clientId + "|" + type + "|" + (type.equals("SELLER") ? accountId : ""), seller.id);
        ObjectNode out = this.json.createObjectNode();
        out.put("access_token", t.value);
        out.put("expires_in", Math.max(0, Duration.between(Instant.now(), t.expiresAt).toSeconds()));
        out.put("token_type", "Bearer");
        return new Reply(200, out.toString());
    }

    /** The current token of the key while enough of its life remains, else a new one (the old one stays valid). */
    private Instant lastTokenSweep = Instant.EPOCH;

    private Token issue(String key, String sellerId) {
        Instant now = Instant.now();
        Duration lifetime = settings.tokenLifetime();
        // 30 minutes of Naver's 3 hours; the same share of a shorter lifetime set for tests or benchmarks
        Duration reuse = lifetime.compareTo(REUSE_THRESHOLD.multipliedBy(6)) >= 0 ? REUSE_THRESHOLD : lifetime.dividedBy(6);
        synchronized (currentToken) {
            // expired tokens are swept at most once a second: a sweep walks every token, and thousands of
            // applications may ask for tokens in the same second
            if (now.isAfter(lastTokenSweep.plusSeconds(1))) {
                tokens.values().removeIf(t -> !t.expiresAt.isAfter(now));
                lastTokenSweep = now;
            }
            Token current = currentToken.get(key);
            if (current != null && tokens.containsKey(current.value)
                    && Duration.between(now, current.expiresAt).compareTo(reuse) >= 0) {
                return current;
            }
            byte[] raw = new byte[30];
            ThreadLocalRandom.current().nextBytes(raw);
            Token t = new Token(Base64.getUrlEncoder().withoutPadding().encodeToString(raw), key, sellerId, now.plus(lifetime));
            tokens.put(t.value, t);
            currentToken.put(key, t);
            tokensIssued.incrementAndGet();
            return t;
        }
    }

    private void invalidInput(ArrayNode invalid, String name, String type, String message) {
        ObjectNode i = invalid.addObject();
        i.put("name", name);
        i.put("type", type);
        i.put("message", message);
    }

    /** Token endpoint error body: {code, message, timestamp, invalidInputs, data}. */
    private Reply authError(int status, String code, String message, ArrayNode invalidInputs) {
        ObjectNode root = json.createObjectNode();
        root.put("code", code);
        root.put("message", message);
        root.put("timestamp", now());
        root.set("invalidInputs", invalidInputs);
        root.putObject("data");
        return new Reply(status, root.toString());
    }

    // ---------------------------------------------------------------- rate limit

    /** Takes one token from the application's bucket for this API; returns what remains, or -1 when empty. */
    private int take(String clientId, Api api) {
        long nanos = System.nanoTime();
        rates.record(clientId);
        int rate = rateLimitPerSecond;
        int burst = 2 * rate;
        Bucket b = buckets.computeIfAbsent(clientId + " " + api, k -> new Bucket(burst, nanos));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (nanos - b.last) * rate / 1e9);
            b.last = nanos;
            if (b.tokens < 1) {
                return -1;
            }
            b.tokens -= 1;
            return (int) Math.floor(b.tokens);
        }
    }

    private Reply withRateHeaders(Reply reply, int remaining) {
        int rate = rateLimitPerSecond;
        return reply.with("GNCP-GW-RateLimit-Replenish-Rate", String.valueOf(rate))
                .with("GNCP-GW-RateLimit-Burst-Capacity", String.valueOf(2 * rate))
                .with("GNCP-GW-RateLimit-Remaining", String.valueOf(remaining));
    }

    private Reply rateLimited(String traceId) {
        return withRateHeaders(gatewayError(429, "GW.RATE_LIMIT", "요청이 많아 서비스를 일시적으로 사용할 수 없습니다.", traceId), 0);
    }

    // ---------------------------------------------------------------- feed

    private Reply feed(Seller s, Map<String, List<String>> q, String traceId) {
        feedCalls.incrementAndGet();
        String fromText = first(q, "lastChangedFrom");
        if (fromText == null || fromText.isBlank()) {
            return badParameter("NotNull.lastChangedStatusesRequest.lastChangedFrom", traceId);
        }
        OffsetDateTime from = dateTime(fromText);
        if (from == null) {
            return badParameter("typeMismatch.lastChangedStatusesRequest.lastChangedFrom", traceId);
        }
        OffsetDateTime to = from.plus(MAX_WINDOW);
        if (first(q, "lastChangedTo") != null) {
            to = dateTime(first(q, "lastChangedTo"));
            if (to == null) {
                return badParameter("typeMismatch.lastChangedStatusesRequest.lastChangedTo", traceId);
            }
        }
        if (to.isBefore(from)) {
            return apiError(400, "104133", "잘못된 요청입니다. (lastChangedTo가 lastChangedFrom보다 이전입니다)", traceId);
        }
        if (faults.rejectLongWindows && Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            return apiError(400, "104139", "조회 가능한 날짜 범위를 초과했습니다. (최대 24시간)", traceId);
        }
        String type = first(q, "lastChangedType");
        if (type != null && !CHANGE_TYPES.contains(type)) {
            return badParameter("typeMismatch.lastChangedStatusesRequest.lastChangedType", traceId);
        }
        int limit = FEED_LIMIT;
        if (first(q, "limitCount") != null) {
            try {
                limit = Integer.parseInt(first(q, "limitCount"));
            } catch (NumberFormatException e) {
                return badParameter("typeMismatch.lastChangedStatusesRequest.limitCount", traceId);
            }
            if (limit < 1) {
                return badParameter("Min.lastChangedStatusesRequest.limitCount", traceId);
            }
            limit = Math.min(limit, FEED_LIMIT); // Naver: more than 300 (or none) gives 300
        }
        String sequence = first(q, "moreSequence");
        long fromMillis = from.toInstant().toEpochMilli();
        long toMillis = to.toInstant().toEpochMilli();
        ArrayNode rows = json.createArrayNode();
        Change next = null;
        synchronized (s) {
            ChangeKey start = new ChangeKey(fromMillis, sequence == null ? "" : sequence);
            for (Change c : s.feed.tailMap(start, true).values()) {
                if (c.at() > toMillis) {
                    break;
                }
                if (type != null && !type.equals(c.type())) {
                    continue;
                }
                if (faults.latestChangeOnly && s.productOrders.get(c.productOrderId()).latestChange != c) {
                    continue;
                }
                if (rows.size() == limit) {
                    next = c;
                    break;
                }
                rows.add(row(c));
            }
        }
        ObjectNode data = json.createObjectNode();
        data.put("count", rows.size());
        if (next != null) {
            ObjectNode more = data.putObject("more");
            more.put("moreFrom", kst(next.at()));
            more.put("moreSequence", next.productOrderId());
        }
        data.set("lastChangeStatuses", rows);
        return ok(data, traceId);
    }

    private ObjectNode row(Change c) {
        ObjectNode row = json.createObjectNode();
        row.put("orderId", c.orderId());
        row.put("productOrderId", c.productOrderId());
        row.put("lastChangedType", c.type());
        row.put("paymentDate", kst(c.paymentDate()));
        row.put("lastChangedDate", kst(c.at()));
        row.put("productOrderStatus", c.status());
        if (c.claimType() != null) {
            row.put("claimType", c.claimType());
            row.put("claimStatus", c.claimStatus());
        }
        row.put("receiverAddressChanged", c.receiverAddressChanged());
        if (c.giftReceivingStatus() != null) {
            row.put("giftReceivingStatus", c.giftReceivingStatus());
        }
        return row;
    }

    // ---------------------------------------------------------------- detail query

    private Reply query(Seller s, byte[] body, String traceId) {
        queryCalls.incrementAndGet();
        JsonNode request = readJson(body);
        if (request == null) {
            return badParameter("HttpMessageNotReadable.productOrdersQueryRequest", traceId);
        }
        JsonNode ids = request.get("productOrderIds");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            return badParameter("NotEmpty.productOrdersQueryRequest.productOrderIds", traceId);
        }
        if (ids.size() > QUERY_LIMIT) {
            return badParameter("Size.productOrdersQueryRequest.productOrderIds (최대 300개)", traceId);
        }
        if (!allStrings(ids)) {
            return badParameter("typeMismatch.productOrdersQueryRequest.productOrderIds", traceId);
        }
        boolean compatible = request.path("quantityClaimCompatibility").asBoolean(false);
        ArrayNode data = json.createArrayNode();
        Set<String> seen = new LinkedHashSet<>();
        synchronized (s) {
            for (JsonNode id : ids) {
                ProductOrder p = s.productOrders.get(id.asText());
                if (p != null && seen.add(p.productOrderId)) { // unknown or another seller's ids are left out
                    data.add(detail(s, p, compatible));
                }
            }
        }
        return ok(data, traceId);
    }

    private ObjectNode detail(Seller s, ProductOrder p, boolean compatible) {
        Order o = p.order;
        boolean quantityFields = compatible || !faults.quantityFieldsNeedCompatibility;
        ObjectNode root = json.createObjectNode();
        ObjectNode order = root.putObject("order");
        order.put("orderId", o.orderId);
        order.put("orderDate", kst(o.orderDate));
        order.put("ordererId", o.ordererId);
        order.put("ordererNo", o.ordererNo);
        order.put("ordererName", o.gift ? SampleData.maskName(o.ordererName) : o.ordererName);
        order.put("ordererTel", o.gift ? SampleData.maskTel(o.ordererTel) : o.ordererTel);
        order.put("paymentDate", kst(o.paymentDate));
        order.put("paymentMeans", o.paymentMeans);
        order.put("payLocationType", o.payLocationType);
        order.put("orderDiscountAmount", 0);
        long total = o.totalPayment();
        boolean money = o.paymentMeans.equals("포인트/머니결제");
        order.put("generalPaymentAmount", money ? 0 : total - o.mileage);
        order.put("naverMileagePaymentAmount", o.mileage);
        order.put("chargeAmountPaymentAmount", money ? total - o.mileage : 0);
        order.put("checkoutAccumulationPaymentAmount", 0);
        order.put("payLaterPaymentAmount", 0);
        order.put("isDeliveryMemoParticularInput", "false");
        order.put("isMembershipSubscribed", o.membership);

        ObjectNode po = root.putObject("productOrder");
        po.put("productOrderId", p.productOrderId);
        po.put("productOrderStatus", p.status);
        po.put("placeOrderStatus", p.placeOrderStatus);
        if (p.placeOrderDate != null) {
            po.put("placeOrderDate", kst(p.placeOrderDate));
        }
        if (p.claim != null) {
            po.put("claimType", p.claim.claimType);
            po.put("claimStatus", p.claim.claimStatus);
            po.put("claimId", p.claim.claimId);
        }
        po.put("mallId", s.id);
        po.put("merchantChannelId", s.channelNo);
        po.put("productId", p.product.productId());
        po.put("originalProductId", p.product.originalProductId());
        po.put("productName", p.product.name());
        po.put("productOption", p.option.name());
        po.put("optionCode", p.option.code());
        po.put("itemNo", p.option.code());
        po.put("optionManageCode", p.option.manageCode());
        po.put("sellerProductCode", p.product.sellerProductCode());
        po.put("productClass", p.product.options().size() > 1 ? "조합형옵션상품" : "단일상품");
        po.put("quantity", p.quantity);
        po.put("unitPrice", p.product.price());
        po.put("optionPrice", p.option.price());
        po.put("totalProductAmount", p.totalProduct());
        po.put("productDiscountAmount", p.discount);
        po.put("productImediateDiscountAmount", p.discount); // sic: Naver's spelling
        po.put("sellerBurdenDiscountAmount", p.discount);
        po.put("sellerBurdenImediateDiscountAmount", p.discount); // sic
        po.put("totalPaymentAmount", p.totalPayment());
        if (quantityFields) {
            int remain = p.status.equals("CANCELED") ? 0 : p.quantity;
            po.put("initialQuantity", p.quantity);
            po.put("remainQuantity", remain);
            po.put("initialProductAmount", p.totalProduct());
            po.put("remainProductAmount", remain == 0 ? 0 : p.totalProduct());
            po.put("initialProductDiscountAmount", p.discount);
            po.put("remainProductDiscountAmount", remain == 0 ? 0 : p.discount);
            po.put("initialPaymentAmount", p.totalPayment());
            po.put("remainPaymentAmount", remain == 0 ? 0 : p.totalPayment());
        }
        po.put("deliveryFeeAmount", p.deliveryFee);
        po.put("deliveryDiscountAmount", 0);
        po.put("sectionDeliveryFee", p.sectionFee);
        po.put("deliveryPolicyType", p.deliveryFee == 0 ? "무료" : "유료");
        po.put("shippingFeeType", p.deliveryFee == 0 ? "무료" : "선결제");
        po.put("packageNumber", p.packageNumber);
        po.put("expectedDeliveryMethod", "DELIVERY");
        po.put("expectedDeliveryCompany", "CJGLS");
        po.put("deliveryAttributeType", "NORMAL");
        if (o.address != null) {
            ObjectNode a = po.putObject("shippingAddress");
            address(a, o.address);
        }
        address(po.putObject("takingAddress"), SampleData.TAKING);
        if (o.shippingMemo != null && !o.shippingMemo.isEmpty()) {
            po.put("shippingMemo", o.shippingMemo);
        }
        po.put("shippingDueDate", kst(o.paymentDate.plusDays(3).withHour(23).withMinute(59).withSecond(59).withNano(0)));
        if (p.customsCode != null && !CLOSED.contains(p.status)) {
            po.put("individualCustomUniqueCode", p.customsCode);
        }
        long paymentCommission = Math.round(p.totalPayment() * 0.0363);
        long interlockCommission = Math.round(p.totalPayment() * 0.02);
        po.put("commissionRatingType", "결제수수료");
        po.put("commissionPrePayStatus", "GENERAL_PRD");
        po.put("paymentCommission", paymentCommission);
        po.put("knowledgeShoppingSellingInterlockCommission", interlockCommission);
        po.put("expectedSettlementAmount",
                p.totalPayment() + p.deliveryFee + p.sectionFee - paymentCommission - interlockCommission);
        po.put("taxType", "TAX");
        po.put("inflowPath", "네이버 쇼핑");
        if (o.gift) {
            po.put("giftReceivingStatus", o.giftReceivingStatus);
        }

        if (p.sendDate != null) {
            ObjectNode d = root.putObject("delivery");
            d.put("deliveryMethod", p.deliveryMethod);
            if (p.deliveryCompany != null) {
                d.put("deliveryCompany", p.deliveryCompany);
                d.put("trackingNumber", p.trackingNumber);
                d.put("pickupDate", kst(p.sendDate));
                d.put("deliveryStatus", "DELIVERING");
            } else {
                d.put("deliveryStatus", "NOT_TRACKING");
            }
            d.put("sendDate", kst(p.sendDate));
            d.put("isWrongTrackingNumber", false);
        }

        if (p.claim != null) {
            ClaimShape shape = faults.claimShape;
            ObjectNode claim = claimObject(p.claim);
            String key = p.claim.claimType.equals("CANCEL") || p.claim.claimType.equals("ADMIN_CANCEL") ? "cancel"
                    : p.claim.claimType.equals("RETURN") ? "return" : "exchange";
            if (shape != ClaimShape.LEGACY) {
                root.putObject("currentClaim").set(key, claim);
            }
            if (shape != ClaimShape.CURRENT) {
                root.set(key, claim.deepCopy());
            }
        }
        if (!p.completedClaims.isEmpty() && faults.claimShape != ClaimShape.LEGACY) {
            ArrayNode done = root.putArray("completedClaims");
            for (Claim c : p.completedClaims) {
                ObjectNode n = done.addObject();
                n.put("claimType", c.claimType);
                n.put("claimId", c.claimId);
                n.put("claimStatus", c.claimStatus);
                n.put("claimRequestDate", kst(c.requested));
                n.put("requestChannel", "구매자");
                n.put("claimRequestReason", c.reason);
                n.put("requestQuantity", c.quantity);
                n.put("claimCompleteOperationDate", kst(c.completed));
            }
        }
        return root;
    }

    private ObjectNode claimObject(Claim c) {
        ObjectNode n = json.createObjectNode();
        n.put("claimId", c.claimId);
        n.put("claimStatus", c.claimStatus);
        n.put("claimRequestDate", kst(c.requested));
        n.put("requestChannel", "구매자");
        n.put("requestQuantity", c.quantity);
        if (c.claimType.equals("CANCEL") || c.claimType.equals("ADMIN_CANCEL")) {
            n.put("cancelReason", c.reason);
            n.put("cancelDetailedReason", "단순 변심");
            if (c.completed != null) {
                n.put("cancelApprovalDate", kst(c.completed));
                n.put("cancelCompletedDate", kst(c.completed));
            }
            n.put("refundExpectedDate", kst(c.requested.plusDays(1)));
        }
        return n;
    }

    private static void address(ObjectNode a, Address address) {
        a.put("addressType", "DOMESTIC");
        a.put("name", address.name());
        a.put("tel1", address.tel1());
        a.put("tel2", address.tel2());
        a.put("zipCode", address.zipCode());
        a.put("baseAddress", address.baseAddress());
        a.put("detailedAddress", address.detailedAddress());
        a.put("city", "");
        a.put("state", "");
        a.put("isRoadNameAddress", true);
    }

    // ---------------------------------------------------------------- confirm

    private Reply confirm(Seller s, byte[] body, String traceId) {
        confirmCalls.incrementAndGet();
        JsonNode request = readJson(body);
        if (request == null) {
            return badParameter("HttpMessageNotReadable.confirmRequest", traceId);
        }
        JsonNode ids = request.get("productOrderIds");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            return badParameter("NotEmpty.confirmRequest.productOrderIds", traceId);
        }
        if (ids.size() > CHANGE_LIMIT) {
            return badParameter("Size.confirmRequest.productOrderIds (최대 30개)", traceId);
        }
        if (!allStrings(ids)) {
            return badParameter("typeMismatch.confirmRequest.productOrderIds", traceId);
        }
        ArrayNode success = json.createArrayNode();
        ArrayNode fail = json.createArrayNode();
        Set<String> seen = new HashSet<>();
        synchronized (s) {
            for (JsonNode node : ids) {
                String id = node.asText();
                String[] refusal = !seen.add(id) ? new String[] {"104131", "상품 주문 번호가 중복되었습니다."} : confirmOne(s, id);
                if (refusal != null) {
                    failure(fail, id, refusal);
                    continue;
                }
                ObjectNode ok = success.addObject();
                ok.put("productOrderId", id);
                ok.put("isReceiverAddressChanged", s.productOrders.get(id).order.addressChanged);
            }
        }
        ObjectNode data = json.createObjectNode();
        data.set("successProductOrderInfos", success);
        data.set("failProductOrderInfos", fail);
        return ok(data, traceId);
    }

    /** Confirms one product order; null when done, else {code, message}. */
    private String[] confirmOne(Seller s, String id) {
        ProductOrder p = s.productOrders.get(id);
        if (p == null) {
            return notFound(id);
        }
        if (p.order.waitingForGift()) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (선물 수락 대기)"};
        }
        if (p.claim != null && p.claim.active()) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (클레임 " + p.claim.claimStatus + ")"};
        }
        if (!p.status.equals("PAYED")) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (현재 상태: " + p.status + ")"};
        }
        if (p.placeOrderStatus.equals("OK")) {
            return new String[] {"105306", "변경을 요청한 상태가 기존과 동일합니다. (이미 발주 확인된 상품 주문)"};
        }
        if (faults.addressChangeRate > 0 && !p.order.addressChanged
                && ThreadLocalRandom.current().nextDouble() < faults.addressChangeRate) {
            changeAddress(s, p.order); // the buyer changed the address just before the seller confirmed
        }
        p.placeOrderStatus = "OK";
        p.placeOrderDate = ZonedDateTime.now(SEOUL).truncatedTo(ChronoUnit.MILLIS);
        return null;
    }

    private String[] notFound(String id) {
        String owner = ownerOfProductOrder.get(id);
        return owner != null
                ? new String[] {"101009", "처리 권한이 없는 상품 주문 번호입니다."}
                : new String[] {"100001", "상품 주문을 찾을 수 없습니다."};
    }

    private void failure(ArrayNode fail, String id, String[] refusal) {
        ObjectNode f = fail.addObject();
        f.put("productOrderId", id);
        f.put("code", refusal[0]);
        f.put("message", refusal[1]);
    }

    // ---------------------------------------------------------------- dispatch

    private Reply dispatch(Seller s, byte[] body, String traceId) {
        dispatchCalls.incrementAndGet();
        JsonNode request = readJson(body);
        if (request == null) {
            return badParameter("HttpMessageNotReadable.dispatchRequest", traceId);
        }
        JsonNode items = request.get("dispatchProductOrders");
        if (items == null || !items.isArray() || items.isEmpty()) {
            return badParameter("NotEmpty.dispatchRequest.dispatchProductOrders", traceId);
        }
        if (items.size() > CHANGE_LIMIT) {
            return badParameter("Size.dispatchRequest.dispatchProductOrders (최대 30개)", traceId);
        }
        // field types first: one malformed item fails the whole call, as request validation does
        List<ZonedDateTime> dates = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.path("productOrderId").asText("").isBlank()) {
                return badParameter("NotBlank.dispatchProductOrder.productOrderId", traceId);
            }
            for (String field : List.of("productOrderId", "deliveryCompanyCode", "trackingNumber")) {
                if (item.hasNonNull(field) && !item.get(field).isTextual()) {
                    return badParameter("typeMismatch.dispatchProductOrder." + field, traceId);
                }
            }
            String method = item.path("deliveryMethod").asText("");
            if (!DELIVERY_METHODS.contains(method)) {
                String error = method.isEmpty() ? "NotNull" : "typeMismatch";
                return badParameter(error + ".dispatchProductOrder.deliveryMethod", traceId);
            }
            OffsetDateTime date = dateTime(item.path("dispatchDate").asText(""));
            if (date == null) {
                String error = item.hasNonNull("dispatchDate") ? "typeMismatch" : "NotNull";
                return badParameter(error + ".dispatchProductOrder.dispatchDate", traceId);
            }
            dates.add(date.atZoneSameInstant(SEOUL).truncatedTo(ChronoUnit.MILLIS));
        }
        ArrayNode success = json.createArrayNode();
        ArrayNode fail = json.createArrayNode();
        Set<String> seen = new HashSet<>();
        synchronized (s) {
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                String id = item.path("productOrderId").asText();
                String[] refusal = !seen.add(id) ? new String[] {"104131", "상품 주문 번호가 중복되었습니다."}
                        : dispatchOne(s, id, item.path("deliveryMethod").asText(), item.path("deliveryCompanyCode").asText(""),
                        item.path("trackingNumber").asText("").trim(), dates.get(i));
                if (refusal != null) {
                    failure(fail, id, refusal);
                } else {
                    success.add(id);
                }
            }
        }
        ObjectNode data = json.createObjectNode();
        data.set("successProductOrderIds", success);
        data.set("failProductOrderInfos", fail);
        return ok(data, traceId);
    }

    /** Dispatches one product order; null when done, else {code, message}. */
    private String[] dispatchOne(Seller s, String id, String method, String courier, String number, ZonedDateTime dispatchDate) {
        ProductOrder p = s.productOrders.get(id);
        if (p == null) {
            return notFound(id);
        }
        if (!DISPATCHABLE.contains(method)) {
            return new String[] {"104117", "배송 방법 변경이 필요합니다. (" + method + ")"};
        }
        boolean parcel = method.equals("DELIVERY");
        if (parcel) {
            if (courier.isBlank()) {
                return new String[] {"104118", "택배사를 입력해 주세요."};
            }
            if (!Couriers.known(courier)) {
                return new String[] {"104119", "택배사 코드를 확인해 주세요. (" + courier + ")"};
            }
            if (number.isEmpty()) {
                return new String[] {"104120", "송장 번호를 입력해 주세요."};
            }
            if (!Couriers.validNumber(courier, number)) {
                return new String[] {"104122", "배송 송장 오류입니다. 유효하지 않은 송장 번호입니다. (" + number + ")"};
            }
        }
        if (p.order.waitingForGift()) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (선물 수락 대기)"};
        }
        if (p.claim != null && p.claim.active()) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (클레임 " + p.claim.claimStatus + ")"};
        }
        if (p.status.equals("DELIVERING")) {
            return new String[] {"105306", "변경을 요청한 상태가 기존과 동일합니다. (이미 발송 처리된 상품 주문)"};
        }
        if (!p.status.equals("PAYED")) {
            return new String[] {"104442", "상품 주문 상태 확인이 필요합니다. (현재 상태: " + p.status + ")"};
        }
        if (parcel) {
            Address a = p.order.address;
            String receiver = a.name() + "|" + a.zipCode() + "|" + a.baseAddress() + "|" + a.detailedAddress();
            String before = s.trackingNumbers.putIfAbsent(courier + ":" + number, receiver);
            if (before != null && !before.equals(receiver)) {
                return new String[] {"104121", "배송 송장 오류입니다. 이미 사용된 송장 번호입니다. (" + number + ")"};
            }
            p.deliveryCompany = courier;
            p.trackingNumber = number;
        }
        ZonedDateTime now = ZonedDateTime.now(SEOUL).truncatedTo(ChronoUnit.MILLIS);
        if (p.placeOrderStatus.equals("NOT_YET")) {
            p.placeOrderStatus = "OK"; // dispatching confirms the order too
            p.placeOrderDate = now;
        }
        p.deliveryMethod = method;
        p.sendDate = dispatchDate;
        p.status = "DELIVERING";
        p.dispatches++;
        appendChange(s, p, "DISPATCHED", now.toInstant().toEpochMilli());
        return null;
    }

    // ---------------------------------------------------------------- conditional query and product-order ids

    private Reply conditional(Seller s, Map<String, List<String>> q, String traceId) {
        queryCalls.incrementAndGet();
        OffsetDateTime from = first(q, "from") == null ? null : dateTime(first(q, "from"));
        if (from == null) {
            return badParameter((first(q, "from") == null ? "NotNull" : "typeMismatch") + ".productOrdersRequest.from", traceId);
        }
        OffsetDateTime to = from.plus(MAX_WINDOW);
        if (first(q, "to") != null) {
            to = dateTime(first(q, "to"));
            if (to == null) {
                return badParameter("typeMismatch.productOrdersRequest.to", traceId);
            }
        }
        if (to.isBefore(from)) {
            return apiError(400, "104133", "잘못된 요청입니다. (to가 from보다 이전입니다)", traceId);
        }
        if (faults.rejectLongWindows && Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            return apiError(400, "104139", "조회 가능한 날짜 범위를 초과했습니다. (최대 24시간)", traceId);
        }
        String rangeType = first(q, "rangeType") == null ? "PAYED_DATETIME" : first(q, "rangeType");
        if (!RANGE_TYPES.contains(rangeType)) {
            return badParameter("typeMismatch.productOrdersRequest.rangeType", traceId);
        }
        Set<String> statuses = new HashSet<>();
        for (String v : q.getOrDefault("productOrderStatuses", List.of())) {
            statuses.addAll(Arrays.asList(v.split(",")));
        }
        String placeOrder = first(q, "placeOrderStatusType");
        int size;
        int page;
        try {
            size = first(q, "pageSize") == null ? 300 : Integer.parseInt(first(q, "pageSize"));
            page = first(q, "page") == null ? 1 : Integer.parseInt(first(q, "page"));
        } catch (NumberFormatException e) {
            return badParameter("typeMismatch.productOrdersRequest.pageSize", traceId);
        }
        if (size < 1 || size > 300 || page < 1) {
            return badParameter((page < 1 ? "Min.productOrdersRequest.page" : "Range.productOrdersRequest.pageSize"), traceId);
        }
        boolean compatible = Boolean.parseBoolean(first(q, "quantityClaimCompatibility"));
        long fromMillis = from.toInstant().toEpochMilli();
        long toMillis = to.toInstant().toEpochMilli();
        ArrayNode contents = json.createArrayNode();
        boolean hasNext;
        synchronized (s) {
            TreeMap<ChangeKey, ProductOrder> hits = new TreeMap<>();
            for (ProductOrder p : s.productOrders.values()) {
                ZonedDateTime at = rangeDate(p, rangeType);
                if (at == null) {
                    continue;
                }
                long millis = at.toInstant().toEpochMilli();
                if (millis < fromMillis || millis > toMillis
                        || (!statuses.isEmpty() && !statuses.contains(p.status))
                        || (placeOrder != null && !placeOrder.equals(p.placeOrderStatus))) {
                    continue;
                }
                hits.put(new ChangeKey(millis, p.productOrderId), p);
            }
            List<ProductOrder> all = new ArrayList<>(hits.values());
            int start = (int) Math.min((long) (page - 1) * size, all.size());
            int end = Math.min(start + size, all.size());
            for (ProductOrder p : all.subList(start, end)) {
                ObjectNode c = contents.addObject();
                c.put("productOrderId", p.productOrderId);
                c.set("content", detail(s, p, compatible));
            }
            hasNext = end < all.size();
        }
        ObjectNode data = json.createObjectNode();
        data.set("contents", contents);
        ObjectNode pagination = data.putObject("pagination");
        pagination.put("page", page);
        pagination.put("size", size);
        pagination.put("hasNext", hasNext);
        return ok(data, traceId);
    }

    private static ZonedDateTime rangeDate(ProductOrder p, String rangeType) {
        return switch (rangeType) {
            case "PAYED_DATETIME" -> p.order.paymentDate;
            case "ORDERED_DATETIME" -> p.order.orderDate;
            case "DISPATCHED_DATETIME" -> p.status.equals("DELIVERING") ? p.sendDate : null;
            case "GIFT_RECEIVED_DATETIME" -> p.order.giftReceivedDate;
            case "CLAIM_REQUESTED_DATETIME" -> p.claim == null ? null : p.claim.requested;
            case "CLAIM_COMPLETED_DATETIME" -> p.claim == null ? null : p.claim.completed;
            default -> null; // nothing in the simulator reaches the other events
        };
    }

    private Reply orderProductOrderIds(Seller s, String orderId, String traceId) {
        ArrayNode ids = json.createArrayNode();
        synchronized (s) {
            Order o = s.orders.get(orderId);
            if (o == null) {
                return apiError(400, "100003", "주문을 찾을 수 없습니다.", traceId);
            }
            for (ProductOrder p : o.lines) {
                ids.add(p.productOrderId);
            }
        }
        return ok(ids, traceId);
    }

    // ---------------------------------------------------------------- bodies and helpers

    /** The pay-order success envelope: {timestamp, traceId, data}. */
    private Reply ok(JsonNode data, String traceId) {
        ObjectNode root = json.createObjectNode();
        root.put("timestamp", now());
        root.put("traceId", traceId);
        root.set("data", data);
        return new Reply(200, root.toString());
    }

    /** Gateway and pay-order API error body: {code, message, timestamp, traceId}. */
    private Reply gatewayError(int status, String code, String message, String traceId) {
        return apiError(status, code, message, traceId);
    }

    private Reply apiError(int status, String code, String message, String traceId) {
        ObjectNode root = json.createObjectNode();
        root.put("code", code);
        root.put("message", message);
        root.put("timestamp", now());
        root.put("traceId", traceId);
        return new Reply(status, root.toString());
    }

    /** 4000: Naver's message names the error type, the request object and the field. */
    private Reply badParameter(String typeObjectField, String traceId) {
        return apiError(400, "4000", "잘못된 요청 파라미터입니다. (" + typeObjectField + ")", traceId);
    }

    /**
     * Ids are strings in Naver's API (naver.md); a JSON number where one is expected is refused as a bad parameter,
     * so a client that sends numbers (and would lose digits past 2^53 in some stacks) is caught here, not live.
     */
    private static boolean allStrings(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private JsonNode readJson(byte[] body) {
        try {
            JsonNode n = json.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private String traceId() {
        return String.format("sim-%06x-%05x^%d^%d", ThreadLocalRandom.current().nextInt(1 << 24),
                ThreadLocalRandom.current().nextInt(1 << 20), System.currentTimeMillis(), traceSeq.incrementAndGet());
    }

    private static String now() {
        return KST.format(ZonedDateTime.now(SEOUL));
    }

    static String kst(ZonedDateTime t) {
        return KST.format(t.withZoneSameInstant(SEOUL));
    }

    static String kst(long epochMillis) {
        return KST.format(Instant.ofEpochMilli(epochMillis).atZone(SEOUL));
    }

    /** ISO-8601 with an offset; a '+' sent unencoded arrives as a space and fails here, as on Naver. */
    private static OffsetDateTime dateTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String first(Map<String, List<String>> q, String key) {
        List<String> v = q.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static Map<String, List<String>> parse(String raw) {
        Map<String, List<String>> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
                            .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
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

    /** /_simulator/naver/stats, /faults, /orders, /address, /reset-rates: for driving the simulator from outside. */
    @Override
    public void handleControl(HttpExchange http) throws IOException {
        try (http) {
            String path = http.getRequestURI().getPath();
            Map<String, String> q = new HashMap<>();
            parse(http.getRequestURI().getRawQuery()).forEach((k, v) -> q.put(k, v.get(0)));
            boolean post = http.getRequestMethod().equals("POST");
            ObjectNode out = json.createObjectNode();
            int status = 200;
            try {
                if (path.endsWith("/stats")) {
                    stats(out);
                } else if (path.endsWith("/reset-rates") && post) {
                    resetRatePeaks();
                    out.put("ok", true);
                } else if (path.endsWith("/faults") && post) {
                    setFaults(q);
                    out.put("ok", true);
                } else if (path.endsWith("/orders") && post) {
                    String seller = q.get("sellerId");
                    if (seller == null || !sellers.containsKey(seller)) {
                        throw new IllegalArgumentException("sellerId must name a configured seller");
                    }
                    int count = Integer.parseInt(q.getOrDefault("count", "1"));
                    int lines = Integer.parseInt(q.getOrDefault("lines", "0"));
                    boolean gift = Boolean.parseBoolean(q.get("gift"));
                    ArrayNode ids = out.putArray("orderIds");
                    for (int i = 0; i < count; i++) {
                        ids.add(createOrder(seller, ZonedDateTime.now(SEOUL), lines > 0 ? lines : randomLines(), gift));
                    }
                } else if (path.endsWith("/address") && post) {
                    changeAddress(q.getOrDefault("sellerId", ""), q.getOrDefault("orderId", ""));
                    out.put("ok", true);
                } else {
                    status = 404;
                    out.put("error", "GET stats, POST faults, POST orders, POST address, POST reset-rates");
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
        long productOrders = 0;
        for (String id : new TreeMap<>(sellers).keySet()) {
            v.set(id, json.valueToTree(statusCounts(id)));
            Seller s = sellers.get(id);
            synchronized (s) {
                productOrders += s.productOrders.size();
            }
        }
        out.put("productOrders", productOrders);
        out.put("tokenCalls", tokenCalls.get());
        out.put("tokensIssued", tokensIssued.get());
        out.put("feedCalls", feedCalls.get());
        out.put("queryCalls", queryCalls.get());
        out.put("confirmCalls", confirmCalls.get());
        out.put("dispatchCalls", dispatchCalls.get());
        out.put("peakCallsPerSecondPerClient", peakRatePerClient());
        out.put("peakCallsPerSecondTotal", peakRateTotal());
    }

    private void setFaults(Map<String, String> q) {
        if (q.containsKey("reset")) {
            faults.reset();
        }
        faults.latencyMs = Long.parseLong(q.getOrDefault("latencyMs", String.valueOf(faults.latencyMs)));
        faults.errorRate = Double.parseDouble(q.getOrDefault("errorRate", String.valueOf(faults.errorRate)));
        faults.throttleRate = Double.parseDouble(q.getOrDefault("throttleRate", String.valueOf(faults.throttleRate)));
        faults.timeoutRate = Double.parseDouble(q.getOrDefault("timeoutRate", String.valueOf(faults.timeoutRate)));
        faults.timeoutDelayMs = Long.parseLong(q.getOrDefault("timeoutDelayMs", String.valueOf(faults.timeoutDelayMs)));
        faults.malformedBodyRate = Double.parseDouble(q.getOrDefault("malformedBodyRate", String.valueOf(faults.malformedBodyRate)));
        faults.addressChangeRate = Double.parseDouble(q.getOrDefault("addressChangeRate", String.valueOf(faults.addressChangeRate)));
        faults.giftRate = Double.parseDouble(q.getOrDefault("giftRate", String.valueOf(faults.giftRate)));
        faults.ipDenied = Boolean.parseBoolean(q.getOrDefault("ipDenied", String.valueOf(faults.ipDenied)));
        faults.latestChangeOnly = Boolean.parseBoolean(q.getOrDefault("latestChangeOnly", String.valueOf(faults.latestChangeOnly)));
        faults.rejectLongWindows = Boolean.parseBoolean(q.getOrDefault("rejectLongWindows", String.valueOf(faults.rejectLongWindows)));
        faults.quantityFieldsNeedCompatibility = Boolean.parseBoolean(
                q.getOrDefault("quantityFieldsNeedCompatibility", String.valueOf(faults.quantityFieldsNeedCompatibility)));
        if (q.containsKey("claimShape")) {
            faults.claimShape = ClaimShape.valueOf(q.get("claimShape"));
        }
        if (q.containsKey("rateLimitPerSecond")) {
            setRateLimitPerSecond(Integer.parseInt(q.get("rateLimitPerSecond")));
        }
        if (q.containsKey("failStatus")) {
            faults.failNext(Integer.parseInt(q.get("failStatus")), Integer.parseInt(q.getOrDefault("failCount", "1")));
        }
        if (q.containsKey("failTokenStatus")) {
            faults.failNextToken(Integer.parseInt(q.get("failTokenStatus")), Integer.parseInt(q.getOrDefault("failCount", "1")));
        }
        if (Boolean.parseBoolean(q.get("expireTokens"))) {
            expireTokens();
        }
    }

    // ---------------------------------------------------------------- couriers

    /**
     * Naver's deliveryCompanyCode values as the simulated marketplace checks them, with the tracking number
     * shapes the couriers use. Kept apart from the runtime's courier table on purpose: the simulator plays the
     * marketplace, so a mistake in the runtime's table shows up as a refusal here.
     */
    static final class Couriers {
        /** code -> allowed lengths of an all-digit number ("10|12", "8-16"), or "" for 6 to 20 letters and digits. */
        private static final Map<String, String> RULES = new HashMap<>();

        static {
            RULES.put("CJGLS", "10|12");
            RULES.put("HANJIN", "10|12");
            RULES.put("HYUNDAI", "10|12|13");
            RULES.put("KGB", "10|11");
            RULES.put("EPOST", "13");
            RULES.put("KDEXP", "8-16");
            RULES.put("DAESIN", "13");
            RULES.put("ILYANG", "8-16");
            RULES.put("CHUNIL", "11");
            RULES.put("HDEXP", "8-16");
            RULES.put("REGISTPOST", "13");
            for (String code : List.of("CVSNET", "CUPARCEL", "EMS", "DHL", "FEDEX", "UPS", "KOREXG", "TNT", "USPS", "SLX",
                    "HONAM", "SEBANG", "KUNYOUNG", "QXPRESS", "HOMEPICK", "NONGHYUP", "HLCGLOBAL", "TWOFASTEXPRESS",
                    "LINEEXP", "ACE", "GOODTOLUCK", "FOREVER", "HOMEINNO", "CWAYEXPRESS", "ECMSEXPRESS", "LOTOS",
                    "LOGISVALLEY", "ZENIEL", "KIN", "KY", "DAELIM", "GSPOSTBOX", "GS더프레시")) {
                RULES.put(code, "");
            }
        }

        private Couriers() {
        }

        static boolean known(String code) {
            return RULES.containsKey(code);
        }

        static boolean validNumber(String code, String number) {
            String rule = RULES.get(code);
            if (rule == null) {
                return false;
            }
            if (rule.isEmpty()) {
                return number.matches("[0-9A-Za-z]{6,20}");
            }
            return TrackingNumbers.digitsOfLength(rule, number);
        }
    }

    // ---------------------------------------------------------------- sample data

    /**
     * Invented, realistic-looking Korean order data: names, 010 numbers, road-name addresses with 5-digit
     * postcodes, SmartStore products with option codes and seller codes. Nothing here belongs to a real person.
     */
    static final class SampleData {

        record Option(String name, String code, String manageCode, long price) {
        }

        record Product(String productId, String originalProductId, String name, String sellerProductCode, long price,
                       List<Option> options) {
        }

        private static final String[] SURNAMES = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황"};
        private static final String[] GIVEN = {"민준", "서연", "도윤", "하은", "시우", "지유", "예준", "서윤", "주원", "지민",
            "하준", "수아", "지호", "채원", "준서", "다은", "현우", "예린", "건우", "유진", "은우", "소율"};
        private static final String[][] ADDRESSES = {
            {"06164", "서울특별시 강남구 영동대로 513"},
            {"04539", "서울특별시 중구 을지로 65"},
            {"07345", "서울특별시 영등포구 여의대로 108"},
            {"05551", "서울특별시 송파구 올림픽로 300"},
            {"13494", "경기도 성남시 분당구 불정로 6"},
            {"10391", "경기도 고양시 일산서구 중앙로 1455"},
            {"48060", "부산광역시 해운대구 APEC로 55"},
            {"42250", "대구광역시 수성구 동대구로 330"},
            {"61475", "광주광역시 동구 금남로 245"},
            {"35208", "대전광역시 서구 둔산로 100"},
            {"63309", "제주특별자치도 제주시 첨단로 242"},
            {"22004", "인천광역시 연수구 센트럴로 160"},
            {"26493", "강원특별자치도 원주시 시청로 1"},
            {"54896", "전북특별자치도 전주시 덕진구 백제대로 567"}};
        private static final String[] DETAILS = {"101동 1502호", "2층", "A동 304호", "1103호", "상가 1층", "7층 703호", "302호"};
        private static final String[] MEMOS = {"문 앞에 놓아주세요", "경비실에 맡겨주세요", "배송 전에 연락 부탁드립니다",
            "부재 시 문 앞에 놓아주세요", "", "", ""};
        private static final String[] MEANS = {"신용카드", "신용카드 간편결제", "신용카드 간편결제", "계좌 간편결제", "포인트/머니결제", "휴대폰"};
        static final Address TAKING = new Address("마켓브릿지 물류센터", "031-8000-1234", "", "17380",
                "경기도 이천시 마장면 덕평로 811", "B동 1층 출고장");
        static final List<Product> PRODUCTS = List.of(
                product("8812345001", "8801122001", "무선 블루투스 이어폰 노이즈캔슬링", "NV-EAR-BT", 59000,
                        "색상: 화이트", "색상: 블랙", "색상: 네이비"),
                product("8812345002", "8801122002", "제주 햇 한라봉 3kg", "NV-FRT-HL", 32900, "크기: 중과", "크기: 대과"),
                product("8812345003", "8801122003", "여성 린넨 와이드 팬츠", "NV-APP-WP", 27900,
                        "사이즈: S / 색상: 베이지", "사이즈: M / 색상: 베이지", "사이즈: L / 색상: 차콜"),
                product("8812345004", "8801122004", "진공 스테인리스 보온병 750ml", "NV-KIT-VB", 21800, "색상: 실버", "색상: 민트"),
                product("8812345005", "8801122005", "국내산 들기름 300ml", "NV-FOD-PO", 16500, "수량: 1병", "수량: 2병 세트"),
                product("8812345006", "8801122006", "유아 원목 블록 세트 100피스", "NV-TOY-WB", 38000, "단일상품"),
                product("8812345007", "8801122007", "천연 펄프 키친타월 150매 x 6롤", "NV-HYG-KT", 11900, "단일상품"),
                product("8812345008", "8801122008", "무소음 무선 마우스", "NV-PC-MS", 19900, "색상: 그레이", "색상: 핑크", "색상: 블랙"));

        private SampleData() {
        }

        private static Product product(String productId, String originalId, String name, String sellerCode, long price,
                                       String... options) {
            List<Option> list = new ArrayList<>();
            for (int i = 0; i < options.length; i++) {
                // option codes are numeric strings; the second option of a fruit box or a set costs more
                long extra = i > 0 && (sellerCode.endsWith("HL") || sellerCode.endsWith("PO")) ? 6000L * i : 0;
                list.add(new Option(options[i], String.valueOf(Long.parseLong(productId) * 10 + i + 1),
                        sellerCode + "-" + String.format("%02d", i + 1), extra));
            }
            return new Product(productId, originalId, name, sellerCode, price, List.copyOf(list));
        }

        static int optionCount() {
            int n = 0;
            for (Product p : PRODUCTS) {
                n += p.options().size();
            }
            return n;
        }

        static String name(Random r) {
            return SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)];
        }

        static String mobile(Random r) {
            return String.format("010-%04d-%04d", 1000 + r.nextInt(9000), r.nextInt(10000));
        }

        static String naverId(Random r) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                b.append((char) ('a' + r.nextInt(26)));
            }
            return b.append("****").toString();
        }

        static Address address(Random r, String name, String tel) {
            String[] a = ADDRESSES[r.nextInt(ADDRESSES.length)];
            return new Address(name, tel, r.nextDouble() < 0.2 ? mobile(r) : "", a[0], a[1], DETAILS[r.nextInt(DETAILS.length)]);
        }

        static String memo(Random r) {
            return MEMOS[r.nextInt(MEMOS.length)];
        }

        static String paymentMeans(Random r) {
            return MEANS[r.nextInt(MEANS.length)];
        }

        static Product product(Random r) {
            return PRODUCTS.get(r.nextInt(PRODUCTS.size()));
        }

        /** 김민준 -> 김*준, as Naver masks a gift's orderer. */
        static String maskName(String name) {
            if (name.length() < 2) {
                return name;
            }
            String last = name.length() > 2 ? name.substring(name.length() - 1) : "";
            return name.charAt(0) + "*".repeat(Math.max(1, name.length() - 2)) + last;
        }

        static String maskTel(String tel) {
            return tel.replaceAll("^(\\d{3})-\\d{3,4}-(\\d{4})$", "$1-****-$2");
        }
    }
}
