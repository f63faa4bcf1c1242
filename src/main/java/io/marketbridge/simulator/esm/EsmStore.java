package io.marketbridge.simulator.esm;

import io.marketbridge.simulator.SimulatedClaimLine;
import io.marketbridge.simulator.esm.EsmSimulatorSettings.Master;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the ESM simulator holds: the masters and their site sellers, every order line, the order-query bucket,
 * the call counters and the clock. Carts are created and status moves happen under this store's monitor; a
 * seller's orders are read and written under the seller's monitor.
 */
final class EsmStore {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private final Random random;
    private final Map<String, Master> masters = new ConcurrentHashMap<>();
    /** "G:id" / "A:id" -> seller. */
    private final Map<String, SiteSeller> sellers = new ConcurrentHashMap<>();
    private final AtomicLong nextPayNo = new AtomicLong(4_100_000_000L);
    private final AtomicLong nextOrderNo = new AtomicLong(3_200_000_000L);
    private volatile Duration orderQueryInterval;
    private volatile Clock clock;

    final AtomicLong requestOrdersCalls = new AtomicLong();
    final AtomicLong rateLimited = new AtomicLong();
    final AtomicLong orderCheckCalls = new AtomicLong();
    /** Order numbers named in OrderCheck calls, per order number. */
    final io.marketbridge.simulator.ConfirmCalls confirmsPerUnit = new io.marketbridge.simulator.ConfirmCalls();
    /** RequestOrders reads per site seller ID that overlap. */
    final io.marketbridge.simulator.ReadOverlaps orderReads = new io.marketbridge.simulator.ReadOverlaps();
    final AtomicLong shippingInfoCalls = new AtomicLong();
    final AtomicLong unauthorized = new AtomicLong();

    EsmStore(long randomSeed, Duration orderQueryInterval, Clock clock) {
        this.random = new Random(randomSeed);
        this.orderQueryInterval = orderQueryInterval;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- time

    /** Now in KST on the store's clock (the system clock unless a test moves its own). */
    ZonedDateTime now() {
        return ZonedDateTime.ofInstant(clock.instant(), SEOUL);
    }

    void setClock(Clock clock) {
        this.clock = clock;
    }

    void setOrderQueryInterval(Duration interval) {
        this.orderQueryInterval = interval;
    }

    /**
     * The bucket: one order query per interval per site seller ID. Records the query's arrival and answers
     * whether it may run; a refused query is counted.
     */
    boolean takeOrderQuery(SiteSeller seller) {
        synchronized (seller) {
            long t = clock.millis();
            seller.queryTimes.add(t);
            if (t - seller.lastAccepted < orderQueryInterval.toMillis()) {
                rateLimited.incrementAndGet();
                return false;
            }
            seller.lastAccepted = t;
            return true;
        }
    }

    // ---------------------------------------------------------------- masters and sellers

    /** Adds (or replaces) a master with its secret and site seller IDs, with no orders. */
    synchronized void addMaster(String masterId, Master master) {
        masters.put(masterId, master);
        master.gmarketSellers().forEach(id -> sellers.computeIfAbsent("G:" + id, k -> new SiteSeller("G", id, masterId)));
        master.auctionSellers().forEach(id -> sellers.computeIfAbsent("A:" + id, k -> new SiteSeller("A", id, masterId)));
    }

    Master master(String masterId) {
        return masters.get(masterId);
    }

    /** The seller of a "G:id" / "A:id" key, or null. */
    SiteSeller seller(String key) {
        return sellers.get(key);
    }

    SiteSeller seller(String site, String sellerId) {
        SiteSeller s = sellers.get(site + ":" + sellerId);
        if (s == null) {
            throw new IllegalArgumentException("unknown site seller " + site + ":" + sellerId);
        }
        return s;
    }

    /** Every seller, sorted by key (a stable order for seeding and stats). */
    Collection<SiteSeller> sortedSellers() {
        return new TreeMap<>(sellers).values();
    }

    int sellerCount() {
        return sellers.size();
    }

    // ---------------------------------------------------------------- orders

    int randomLines() {
        double d = random.nextDouble();
        return d < 0.6 ? 1 : d < 0.85 ? 2 : 3;
    }

    boolean nextIsGift(double giftRate) {
        return random.nextDouble() < giftRate;
    }

    /**
     * Creates one paid cart (PayNo) of {@code lines} OrderNos for a site seller ("G" Gmarket, "A" Auction);
     * returns the PayNo.
     */
    long createCart(String site, String sellerId, ZonedDateTime paidAt, int lines, boolean gift) {
        SiteSeller s = seller(site, sellerId);
        synchronized (this) {
            long payNo = nextPayNo.incrementAndGet();
            String buyer = EsmSampleData.name(random);
            String buyerMobile = EsmSampleData.mobile(random);
            boolean self = random.nextDouble() < 0.7;
            String receiver = self ? buyer : EsmSampleData.name(random);
            String hp = self ? buyerMobile : EsmSampleData.mobile(random);
            String[] address = EsmSampleData.address(random);
            String memo = EsmSampleData.memo(random);
            String buyerId = EsmSampleData.buyerId(random);
            String customs = random.nextDouble() < 0.1 ? "P" + (100_000_000_000L + random.nextInt(900_000_000)) : null;
            ZonedDateTime ordered = paidAt.minusSeconds(20 + random.nextInt(600));
            long group = "A".equals(site) ? 700_000_000L + random.nextInt(100_000_000) : 0;
            for (int i = 0; i < Math.max(1, lines); i++) {
                OrderLine item = new OrderLine();
                item.site = site;
                item.payNo = payNo;
                item.orderNo = nextOrderNo.incrementAndGet();
                item.groupNo = group;
                item.orderDate = ordered;
                item.payDate = paidAt;
                item.transDueDate = paidAt.plusDays(3).withHour(23).withMinute(59).withSecond(0).withNano(0);
                item.product = EsmSampleData.product(random);
                item.option = item.product.options().get(random.nextInt(item.product.options().size()));
                item.quantity = 1 + (random.nextDouble() < 0.25 ? 1 + random.nextInt(2) : 0);
                item.shippingFee = i == 0 && item.product.price() < 30000 ? 3000 : 0;
                item.sellerDiscount = random.nextDouble() < 0.3 ? 1000L * item.quantity : 0;
                item.buyerName = buyer;
                item.buyerId = buyerId;
                item.buyerMobile = buyerMobile;
                item.receiverName = receiver;
                item.hpNo = hp;
                item.telNo = random.nextDouble() < 0.15 ? EsmSampleData.landline(random) : null;
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
    void acceptGift(String site, String sellerId, long payNo) {
        SiteSeller s = seller(site, sellerId);
        synchronized (s) {
            ZonedDateTime now = now();
            s.items.values().stream().filter(i -> i.payNo == payNo && i.gift && i.giftAcceptedAt == null)
                    .forEach(i -> i.giftAcceptedAt = now);
        }
    }

    /** Gifts paid more than two minutes ago get their receiver's address. */
    void acceptWaitingGifts(SiteSeller s, ZonedDateTime now) {
        synchronized (s) {
            for (OrderLine i : s.items.values()) {
                if (i.gift && i.giftAcceptedAt == null && i.payDate.plusMinutes(2).isBefore(now)) {
                    i.giftAcceptedAt = now;
                }
            }
        }
    }

    /** The buyer changes the receiver address of every OrderNo of the cart; OrderCheck will answer IsChanged 1. */
    void changeAddress(long orderNo) {
        for (SiteSeller s : sellers.values()) {
            synchronized (s) {
                OrderLine item = s.items.get(orderNo);
                if (item != null) {
                    String[] a = EsmSampleData.address(random);
                    for (OrderLine i : s.items.values()) {
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

    OrderLine item(long orderNo) {
        for (SiteSeller s : sellers.values()) {
            synchronized (s) {
                OrderLine i = s.items.get(orderNo);
                if (i != null) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("no OrderNo " + orderNo);
    }

    /** The order line among the given sellers ("G:id" / "A:id" keys), or null. */
    OrderLine owned(Collection<String> sellerKeys, long orderNo) {
        for (String key : sellerKeys) {
            SiteSeller s = sellers.get(key);
            synchronized (s) {
                OrderLine i = s.items.get(orderNo);
                if (i != null) {
                    return i;
                }
            }
        }
        return null;
    }

    /** True when the order line belongs to an Auction seller. */
    boolean onAuction(OrderLine line) {
        SiteSeller s = sellers.values().stream().filter(x -> {
            synchronized (x) {
                return x.items.containsKey(line.orderNo);
            }
        }).findFirst().orElse(null);
        return s != null && s.auction();
    }

    /** The OrderNos of a cart, in line order. */
    List<Long> orderNos(long payNo) {
        List<Long> out = new ArrayList<>();
        for (SiteSeller s : sellers.values()) {
            synchronized (s) {
                s.items.values().stream().filter(i -> i.payNo == payNo).forEach(i -> out.add(i.orderNo));
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /** The PayNos of a site seller, in creation order. */
    List<SimulatedClaimLine> claimLines(String site, String sellerId) {
        SiteSeller s = seller(site, sellerId);
        synchronized (this) {
            List<SimulatedClaimLine> out = new ArrayList<>();
            for (OrderLine i : s.items.values()) {
                for (EsmClaim c : i.claims) {
                    out.add(new SimulatedClaimLine(null, String.valueOf(i.payNo), String.valueOf(i.orderNo), c.kind.name(),
                            String.valueOf(c.statusCode()), c.state == EsmClaim.State.WITHDRAWN));
                }
            }
            return out;
        }
    }

    List<Long> payNos(String site, String sellerId) {
        SiteSeller s = seller(site, sellerId);
        synchronized (s) {
            return new ArrayList<>(new LinkedHashSet<>(s.items.values().stream().map(i -> i.payNo).toList()));
        }
    }

    /** Arrival times (epoch ms) of every order query of a site seller ID that met the bucket, refused ones included. */
    List<Long> orderQueryTimes(String site, String sellerId) {
        SiteSeller s = seller(site, sellerId);
        synchronized (s) {
            return List.copyOf(s.queryTimes);
        }
    }

    /** Order lines by OrderStatus per seller key, for the stats. */
    Map<String, Map<String, Integer>> statusCounts() {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        for (SiteSeller s : sortedSellers()) {
            Map<String, Integer> counts = new TreeMap<>();
            synchronized (s) {
                s.items.values().forEach(i -> counts.merge(String.valueOf(i.status), 1, Integer::sum));
            }
            out.put(s.key(), counts);
        }
        return out;
    }
}
