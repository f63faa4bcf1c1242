package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.naver.NaverDates.SEOUL;

import io.marketbridge.simulator.SimulatedClaimLine;
import io.marketbridge.simulator.naver.NaverSimulatorSettings.Credentials;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The simulated SmartStore sellers and everything they hold: orders, product orders, claims and each seller's
 * change feed, with the changes buyers and time make to them (new orders, accepted gifts, address changes,
 * cancellations). Each seller's data is guarded by its {@link Seller}'s monitor.
 */
final class NaverStore {

    private static final DateTimeFormatter ID_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    /** A gift waits this long for its receiver's address when the simulator runs on its own. */
    private static final Duration GIFT_ACCEPT_DELAY = Duration.ofMinutes(2);

    private final Map<String, Seller> sellers = new ConcurrentHashMap<>();
    private final Map<String, String> sellerByClientId = new ConcurrentHashMap<>();
    /** productOrderId -> sellerId, to tell "not yours" (101009) from "not found" (100001). */
    private final Map<String, String> ownerOfProductOrder = new ConcurrentHashMap<>();
    private final AtomicLong nextOrder = new AtomicLong(10_000_000L);
    private final AtomicLong nextProductOrder = new AtomicLong(40_000_000L);
    private final AtomicLong nextClaim = new AtomicLong(70_000_000L);
    private final Random random;
    private volatile ChangeListener listener = (s, p, type) -> { };

    /** Told of every change appended to a feed (under the seller's monitor): where buyers' claims start. */
    interface ChangeListener {
        void changed(Seller s, ProductOrder p, String type);
    }

    void listen(ChangeListener listener) {
        this.listener = listener;
    }

    /** A new claim id: 16 digits, as Naver's ids. */
    String nextClaimId() {
        return String.format("%016d", 2_026_000_000_000_000L + nextClaim.incrementAndGet());
    }

    NaverStore(long randomSeed) {
        this.random = new Random(randomSeed);
    }

    /** Seeds every configured seller's orders, paid evenly over the seed span up to now. */
    void seed(NaverSimulatorSettings settings, double giftRate) {
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        long span = Math.max(1, settings.seedSpan().toSeconds());
        int n = Math.max(1, settings.seedOrders());
        for (String seller : settings.sellers().keySet()) {
            for (int i = 0; i < settings.seedOrders(); i++) {
                ZonedDateTime paid = now.minusSeconds(span - span * i / n);
                String orderId = createOrder(seller, paid, randomLines(), random.nextDouble() < giftRate);
                Order o = sellers.get(seller).orders.get(orderId);
                // older seeded gifts have been accepted by now
                if (o.gift && paid.plusMinutes(40).isBefore(now)) {
                    receiveGift(seller, orderId, paid.plusMinutes(10 + random.nextInt(30)));
                }
            }
        }
    }

    /** New orders arrive for every seller, and gifts waiting long enough get their receiver's address. */
    void arrive(int count, ZonedDateTime now, double giftRate) {
        for (Seller s : sellers.values()) {
            for (int i = 0; i < count; i++) {
                createRandomOrder(s.id, now, giftRate);
            }
            acceptWaitingGifts(s, now);
        }
    }

    // ---------------------------------------------------------------- sellers

    /** Adds a seller application (with no orders) while running, or replaces its credentials. */
    synchronized void addSeller(String sellerId, String clientId, String clientSecret) {
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

    int sellerCount() {
        return sellers.size();
    }

    boolean isEmpty() {
        return sellers.isEmpty();
    }

    boolean hasSeller(String sellerId) {
        return sellers.containsKey(sellerId);
    }

    /** The seller whose application has this client id, or null. */
    Seller sellerOfClient(String clientId) {
        String sellerId = sellerByClientId.get(clientId);
        return sellerId == null ? null : sellers.get(sellerId);
    }

    /** The seller, or null. */
    Seller findSeller(String sellerId) {
        return sellers.get(sellerId);
    }

    Seller seller(String sellerId) {
        Seller s = sellers.get(sellerId);
        if (s == null) {
            throw new IllegalArgumentException("no Naver seller " + sellerId);
        }
        return s;
    }

    /** The seller ids in name order. */
    Collection<String> sellerIds() {
        return new TreeMap<>(sellers).keySet();
    }

    static Order order(Seller s, String orderId) {
        Order o = s.orders.get(orderId);
        if (o == null) {
            throw new IllegalArgumentException("no order " + orderId + " for seller " + s.id);
        }
        return o;
    }

    static ProductOrder productOrder(Seller s, String productOrderId) {
        ProductOrder p = s.productOrders.get(productOrderId);
        if (p == null) {
            throw new IllegalArgumentException("no product order " + productOrderId + " for seller " + s.id);
        }
        return p;
    }

    /** Why a product order the caller's seller does not hold is refused: {code, message}. */
    String[] notFound(String productOrderId) {
        String owner = ownerOfProductOrder.get(productOrderId);
        return owner != null
                ? new String[] {"101009", "처리 권한이 없는 상품 주문 번호입니다."}
                : new String[] {"100001", "상품 주문을 찾을 수 없습니다."};
    }

    // ---------------------------------------------------------------- orders

    /** One to three lines, most orders one. */
    int randomLines() {
        double d = random.nextDouble();
        return d < 0.7 ? 1 : d < 0.9 ? 2 : 3;
    }

    /** Creates an order of a random number of lines, a gift at the given rate; returns its orderId. */
    String createRandomOrder(String sellerId, ZonedDateTime paidAt, double giftRate) {
        return createOrder(sellerId, paidAt, randomLines(), random.nextDouble() < giftRate);
    }

    /**
     * Creates one paid order of {@code lines} product orders and appends their PAYED changes at {@code paidAt}.
     * A gift order has no shipping address until {@link #receiveGift} (giftReceivingStatus WAIT_FOR_RECEIVING).
     */
    String createOrder(String sellerId, ZonedDateTime paidAt, int lines, boolean gift) {
        Seller s = seller(sellerId);
        synchronized (s) {
            ZonedDateTime paid = paidAt.withZoneSameInstant(SEOUL).truncatedTo(ChronoUnit.MILLIS);
            ZonedDateTime ordered = paid.minusSeconds(3 + random.nextInt(90));
            String orderId = paid.format(ID_DAY) + String.format("%08d", nextOrder.incrementAndGet() % 100_000_000L);
            String buyer = NaverSampleData.name(random);
            String means = NaverSampleData.paymentMeans(random);
            long mileage = random.nextDouble() < 0.2 ? 100L * (1 + random.nextInt(30)) : 0;
            String ordererNo = String.valueOf(1_000_000_000L + random.nextInt(900_000_000));
            Order o = new Order(orderId, ordered, paid, NaverSampleData.naverId(random), ordererNo, buyer,
                    NaverSampleData.mobile(random), means, random.nextDouble() < 0.75 ? "MOBILE" : "PC",
                    random.nextDouble() < 0.3, gift, mileage);
            if (gift) {
                o.giftReceivingStatus = "WAIT_FOR_RECEIVING";
                s.waitingGifts.add(orderId);
            } else {
                o.address = NaverSampleData.address(random, random.nextDouble() < 0.7 ? buyer : NaverSampleData.name(random),
                        random.nextDouble() < 0.7 ? o.ordererTel : NaverSampleData.mobile(random));
                o.shippingMemo = NaverSampleData.memo(random);
            }
            String packageNumber = paid.format(ID_DAY) + String.format("%08d", nextOrder.get() % 100_000_000L + 50_000_000L);
            long shipping = random.nextDouble() < 0.6 ? 0 : 3000;
            String customs = random.nextDouble() < 0.05 ? String.format("P%012d", (long) (random.nextDouble() * 1e12)) : null;
            Set<String> used = new HashSet<>();
            int count = Math.max(1, lines);
            for (int i = 0; i < count; i++) {
                NaverSampleData.Product product = NaverSampleData.product(random);
                NaverSampleData.Option option = product.options().get(random.nextInt(product.options().size()));
                if (!used.add(option.code()) && used.size() < NaverSampleData.optionCount()) {
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
    void receiveGift(String sellerId, String orderId, ZonedDateTime at) {
        Seller s = seller(sellerId);
        synchronized (s) {
            Order o = order(s, orderId);
            if (!o.waitingForGift()) {
                throw new IllegalStateException("order " + orderId + " is not a gift waiting for its receiver");
            }
            String receiver = NaverSampleData.name(random);
            o.address = NaverSampleData.address(random, receiver, NaverSampleData.mobile(random));
            o.shippingMemo = NaverSampleData.memo(random);
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
    void changeAddress(String sellerId, String orderId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            changeAddress(s, order(s, orderId));
        }
    }

    /** As {@link #changeAddress(String, String)}; the caller holds the seller's monitor. */
    void changeAddress(Seller s, Order o) {
        if (o.address == null) {
            throw new IllegalStateException("order " + o.orderId + " has no address yet (gift waiting for its receiver)");
        }
        Address before = o.address;
        Address after;
        do {
            after = NaverSampleData.address(random, before.name(), before.tel1());
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
    void requestCancel(String sellerId, String productOrderId) {
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
    void completeCancel(String sellerId, String productOrderId) {
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

    /**
     * Appends a change; a product order's changes get strictly increasing dates so (date, id) stays unique.
     * The caller holds the seller's monitor.
     */
    void appendChange(Seller s, ProductOrder p, String type, long atMillis) {
        long at = Math.max(atMillis, p.lastChangedMillis + 1);
        p.lastChangedMillis = at;
        Order o = p.order;
        Change c = new Change(p.productOrderId, o.orderId, at, type, p.status,
                p.claim == null ? null : p.claim.claimType, p.claim == null ? null : p.claim.claimStatus,
                o.addressChanged, o.giftReceivingStatus, o.paymentDate);
        s.feed.put(new ChangeKey(at, p.productOrderId), c);
        p.latestChange = c;
        listener.changed(s, p, type);
    }

    // ---------------------------------------------------------------- reading, for tests, benchmarks and stats

    List<SimulatedClaimLine> claimLines(String sellerId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            List<SimulatedClaimLine> out = new ArrayList<>();
            for (Order o : s.orders.values()) {
                for (ProductOrder p : o.lines) {
                    Map<String, SimulatedClaimLine> byId = new LinkedHashMap<>();
                    for (Claim c : p.completedClaims) {
                        byId.put(c.claimId, line(o, p, c, false));
                    }
                    for (Claim c : p.withdrawnClaims) {
                        byId.put(c.claimId, line(o, p, c, true));
                    }
                    if (p.claim != null) {
                        byId.put(p.claim.claimId, line(o, p, p.claim, false));
                    }
                    out.addAll(byId.values());
                }
            }
            return out;
        }
    }

    private static SimulatedClaimLine line(Order o, ProductOrder p, Claim c, boolean withdrawn) {
        return new SimulatedClaimLine(c.claimId, o.orderId, p.productOrderId, c.claimType, c.claimStatus, withdrawn);
    }

    /** The orderIds of a seller, in creation order. */
    List<String> orderIds(String sellerId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            return new ArrayList<>(s.orders.keySet());
        }
    }

    /** The productOrderIds of one order, in line order. */
    List<String> productOrderIds(String sellerId, String orderId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            List<String> out = new ArrayList<>();
            for (ProductOrder p : order(s, orderId).lines) {
                out.add(p.productOrderId);
            }
            return out;
        }
    }

    /** One field of a product order, read under its seller's monitor. */
    <T> T read(String sellerId, String productOrderId, Function<ProductOrder, T> field) {
        Seller s = seller(sellerId);
        synchronized (s) {
            return field.apply(productOrder(s, productOrderId));
        }
    }

    /** Product orders per status of one seller; PAYED is split by placeOrderStatus (PAYED/NOT_YET, PAYED/OK). */
    Map<String, Integer> statusCounts(String sellerId) {
        Seller s = seller(sellerId);
        Map<String, Integer> counts = new TreeMap<>();
        synchronized (s) {
            for (ProductOrder p : s.productOrders.values()) {
                counts.merge(p.status + (p.status.equals("PAYED") ? "/" + p.placeOrderStatus : ""), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Product orders of one seller. */
    int productOrderCount(String sellerId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            return s.productOrders.size();
        }
    }

    /** Rows in a seller's change feed. */
    int changeCount(String sellerId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            return s.feed.size();
        }
    }
}
