package io.marketbridge.simulator.qoo10;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated Qoo10 Japan: sellers (API key, QSM password), the seller authorization keys (SAK) issued to them,
 * and their orders, one {@link SimOrder} per orderNo grouped into carts by packNo. Statuses follow qoo10.md: 1
 * waiting, 2 shipping requested (a new paid order), 3 order checked, 4 on delivery, 5 delivered. Times are JST.
 */
final class Qoo10Store {

    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** One orderNo: a line of a cart and the unit Qoo10 confirms and ships. */
    static final class SimOrder {
        long orderNo;
        long packNo;
        String seller;
        volatile int status;
        ZonedDateTime orderDate;
        ZonedDateTime paymentDate;
        ZonedDateTime shippingDate;
        ZonedDateTime deliveredDate;
        String estShipDate = "";
        String itemCode;
        String sellerItemCode;
        String itemTitle;
        String option;
        String optionCode;
        int qty;
        BigDecimal price;
        BigDecimal discount;
        String buyer;
        String buyerKana;
        String buyerMobile;
        String receiver;
        String receiverKana;
        String receiverMobile;
        String receiverTel;
        String zip;
        String address;
        String message;
        String shippingCorp = "";
        String trackingNo = "";
        /** A row whose orderQty is not a number: what a client must survive. */
        boolean malformed;
        /** Claim (GetClaimInfo_V3's ClaimStat): 0 none, 1 cancel requested, 3 cancelled. */
        volatile int claimStatus;
        ZonedDateTime claimRequestDate;
        ZonedDateTime claimDoneDate;
        String claimReason = "";
    }

    /** An issued SAK: whose, until when, and whether a password change voided it. */
    record Sak(String seller, ZonedDateTime expires, long passwordVersion) {
    }

    final Map<String, Qoo10SimulatorSettings.Seller> sellers = new ConcurrentHashMap<>();
    private final Map<String, Long> passwordVersions = new ConcurrentHashMap<>();
    private final Map<String, Sak> saks = new ConcurrentHashMap<>();
    private final Map<Long, SimOrder> orders = new LinkedHashMap<>();
    private final AtomicLong nextOrderNo = new AtomicLong(1000000001L);
    private final AtomicLong nextPackNo = new AtomicLong(50000001L);
    private final SecureRandom keys = new SecureRandom();
    private final Qoo10SampleData data;
    private volatile Clock clock;
    final AtomicLong saksIssued = new AtomicLong();
    final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();

    Qoo10Store(long seed, Clock clock) {
        this.data = new Qoo10SampleData(seed);
        this.clock = clock;
    }

    ZonedDateTime now() {
        return ZonedDateTime.now(clock).withZoneSameInstant(TOKYO);
    }

    void setClock(Clock clock) {
        this.clock = clock;
    }

    void addSeller(String id, Qoo10SimulatorSettings.Seller seller) {
        sellers.put(id, seller);
        passwordVersions.merge(id, 1L, Long::sum);
    }

    /** The seller whose API key this is, or null. */
    String sellerOfApiKey(String apiKey) {
        for (Map.Entry<String, Qoo10SimulatorSettings.Seller> e : sellers.entrySet()) {
            if (!apiKey.isEmpty() && e.getValue().apiKey().equals(apiKey)) {
                return e.getKey();
            }
        }
        return null;
    }

    String issueSak(String seller, Duration lifetime) {
        byte[] bytes = new byte[24];
        keys.nextBytes(bytes);
        String sak = "S" + HexFormat.of().formatHex(bytes);
        saks.put(sak, new Sak(seller, now().plus(lifetime), passwordVersions.getOrDefault(seller, 1L)));
        saksIssued.incrementAndGet();
        return sak;
    }

    Sak sak(String key) {
        return saks.get(key);
    }

    List<String> saksOf(String seller) {
        return saks.entrySet().stream().filter(e -> e.getValue().seller().equals(seller)).map(Map.Entry::getKey).toList();
    }

    boolean passwordChangedSince(Sak sak) {
        return passwordVersions.getOrDefault(sak.seller(), 1L) != sak.passwordVersion();
    }

    /** Every SAK (of one seller, or all when null) expires now. */
    int expireSaks(String seller) {
        int n = 0;
        for (Map.Entry<String, Sak> e : saks.entrySet()) {
            if (seller == null || e.getValue().seller().equals(seller)) {
                e.setValue(new Sak(e.getValue().seller(), now().minusSeconds(1), e.getValue().passwordVersion()));
                n++;
            }
        }
        return n;
    }

    /** The seller changed the QSM password: its SAKs no longer work (qoo10.md 3.1). */
    void changePassword(String seller, String password) {
        Qoo10SimulatorSettings.Seller s = sellers.get(seller);
        if (s == null) {
            throw new IllegalArgumentException("unknown seller " + seller);
        }
        sellers.put(seller, new Qoo10SimulatorSettings.Seller(s.apiKey(), password));
        passwordVersions.merge(seller, 1L, Long::sum);
    }

    /** A new paid cart (status 2) of {@code lines} orderNos, paid at {@code paid}; returns its orders. */
    synchronized List<SimOrder> createCart(String seller, ZonedDateTime paid, int lines, boolean malformed) {
        long packNo = nextPackNo.getAndIncrement();
        List<SimOrder> cart = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            SimOrder o = new SimOrder();
            o.orderNo = nextOrderNo.getAndIncrement();
            o.packNo = packNo;
            o.seller = seller;
            o.status = 2;
            o.orderDate = paid.withZoneSameInstant(TOKYO).minusSeconds(40).withNano(0);
            o.paymentDate = paid.withZoneSameInstant(TOKYO).withNano(0);
            data.fill(o, i > 0, cart.isEmpty() ? null : cart.get(0));
            o.malformed = malformed && i == 0;
            orders.put(o.orderNo, o);
            cart.add(o);
        }
        return cart;
    }

    synchronized SimOrder order(long orderNo) {
        return orders.get(orderNo);
    }

    synchronized List<SimOrder> ordersOf(String seller) {
        return orders.values().stream().filter(o -> o.seller.equals(seller)).toList();
    }

    synchronized List<SimOrder> all() {
        return List.copyOf(orders.values());
    }

    /** Parcels on delivery for longer than {@code after} are delivered (status 4 -> 5). */
    synchronized void deliver(Duration after) {
        ZonedDateTime now = now();
        for (SimOrder o : orders.values()) {
            if (o.status == 4 && o.shippingDate != null && !o.shippingDate.plus(after).isAfter(now)) {
                o.status = 5;
                o.deliveredDate = now.withNano(0);
            }
        }
    }

    long count(String method) {
        AtomicLong n = calls.get(method);
        return n == null ? 0 : n.get();
    }
}
