package io.marketbridge.simulator.elevenst;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulated 11st holds: the sellers and their OpenAPI keys, every seller's orders with their lines and
 * bundles, and the counts of answered calls; with the changes the control endpoint and tests make to them. The API
 * calls change a seller's orders while holding the seller's lock.
 */
final class ElevenstStore {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    private final Map<String, ElevenstSeller> sellers = new ConcurrentHashMap<>();
    private final Map<String, String> sellerByKey = new ConcurrentHashMap<>();
    private final ElevenstFaults faults;
    private final Random random;
    private final AtomicLong nextOrder = new AtomicLong(1);
    private final AtomicLong nextBundle = new AtomicLong(4_100_000_000L);
    private final AtomicLong listCalls = new AtomicLong();
    private final AtomicLong readCalls = new AtomicLong();
    private final AtomicLong confirmCalls = new AtomicLong();
    private final AtomicLong deliveryCalls = new AtomicLong();

    /** The configured sellers, each with {@code seedOrders} orders paid evenly over the {@code seedSpan} up to now. */
    ElevenstStore(ElevenstSimulatorSettings settings, ElevenstFaults faults) {
        this.faults = faults;
        this.random = new Random(settings.randomSeed());
        settings.sellers().forEach(this::addSeller);
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        long span = Math.max(1, settings.seedSpan().toSeconds());
        int n = Math.max(1, settings.seedOrders());
        for (String seller : settings.sellers().keySet()) {
            for (int i = 0; i < settings.seedOrders(); i++) {
                createOrder(seller, now.minusSeconds(span - span * i / n), randomLines(), 0);
            }
        }
    }

    // ---------------------------------------------------------------- sellers

    int sellerCount() {
        return sellers.size();
    }

    /** The seller an OpenAPI key belongs to, or null. */
    String sellerOfKey(String apiKey) {
        return sellerByKey.get(apiKey);
    }

    synchronized void addSeller(String sellerId, String apiKey) {
        ElevenstSeller existing = sellers.get(sellerId);
        if (existing != null) {
            sellerByKey.values().remove(sellerId);
            existing.apiKey = apiKey;
        } else {
            sellers.put(sellerId, new ElevenstSeller(sellerId, apiKey));
        }
        sellerByKey.put(apiKey, sellerId);
    }

    /** Every seller (for the buyers' claims). */
    java.util.Collection<ElevenstSeller> sellers() {
        return sellers.values();
    }

    /** The seller; an IllegalArgumentException when there is none. */
    ElevenstSeller seller(String sellerId) {
        ElevenstSeller s = sellers.get(sellerId);
        if (s == null) {
            throw new IllegalArgumentException("unknown seller " + sellerId);
        }
        return s;
    }

    // ---------------------------------------------------------------- orders

    /** How many lines a new order gets when nobody says: mostly one or two. */
    int randomLines() {
        double d = random.nextDouble();
        return d < 0.5 ? 1 : d < 0.8 ? 2 : d < 0.95 ? 3 : 4;
    }

    /** One second of arrivals: {@code count} new orders for every seller. */
    void arrive(int count, ZonedDateTime now) {
        for (ElevenstSeller s : sellers.values()) {
            for (int i = 0; i < count; i++) {
                createOrder(s.id, now, randomLines(), 0);
            }
        }
    }

    String createOrder(String sellerId, ZonedDateTime paidAt, int lines, int bundles) {
        ElevenstSeller s = seller(sellerId);
        synchronized (this) {
            ZonedDateTime paid = paidAt.withZoneSameInstant(SEOUL).withNano(0);
            String ordNo = paid.format(DateTimeFormatter.ofPattern("yyyyMMdd")) + String.format("%07d", nextOrder.getAndIncrement());
            boolean rare = random.nextDouble() < faults.rareNameRate;
            String buyer = ElevenstSampleData.name(random, rare);
            String receiver = random.nextDouble() < 0.8 ? buyer : ElevenstSampleData.name(random, rare);
            String[] address = ElevenstSampleData.address(random);
            String memo = ElevenstSampleData.memo(random);
            ElevenstOrder o = new ElevenstOrder(ordNo, paid.minusSeconds(30 + random.nextInt(600)), paid, buyer,
                    ElevenstSampleData.mobile(random), receiver, ElevenstSampleData.mobile(random),
                    random.nextDouble() < 0.3 ? ElevenstSampleData.landline(random) : null,
                    address, ElevenstSampleData.detail(random, rare), memo,
                    random.nextDouble() < 0.1 ? "P" + (100_000_000_000L + random.nextInt(900_000_000)) : null,
                    ElevenstSampleData.memberId(random));
            int n = Math.max(1, lines);
            int b = bundles > 0 ? Math.min(bundles, n) : (n > 2 && random.nextDouble() < 0.25 ? 2 : 1);
            List<String> dlvNos = new ArrayList<>();
            for (int i = 0; i < b; i++) {
                dlvNos.add(String.valueOf(nextBundle.getAndIncrement()));
            }
            ElevenstSampleData.Product previous = null;
            for (int i = 0; i < n; i++) {
                String dlvNo = dlvNos.get(i * b / n);
                boolean addOn = i > 0 && previous != null && previous.addOnName() != null && random.nextDouble() < 0.3;
                ElevenstSampleData.Product p = addOn ? previous : ElevenstSampleData.product(random);
                int option = random.nextInt(p.options().size());
                int qty = random.nextDouble() < 0.8 ? 1 : 2 + random.nextInt(2);
                long dsc = !addOn && random.nextDouble() < 0.3 ? 1000L * (1 + random.nextInt(3)) : 0;
                o.lines.put(String.valueOf(i + 1), new ElevenstLine(String.valueOf(i + 1), dlvNo, p, option, qty, addOn,
                        addOn ? p.addOnNo() : "0", dsc));
                previous = p;
            }
            for (String dlvNo : dlvNos) {
                long sum = o.lines.values().stream().filter(l -> l.dlvNo.equals(dlvNo)).mapToLong(ElevenstLine::amount).sum();
                o.feeByBundle.put(dlvNo, new long[] {sum >= 30000 ? 0 : 3000, address[1].startsWith("제주") ? 3000 : 0});
            }
            synchronized (s) {
                s.orders.put(ordNo, o);
                dlvNos.forEach(d -> s.byBundle.put(d, o));
            }
            return ordNo;
        }
    }

    void shipInSellerOffice(String sellerId, String dlvNo, String courier, String invoice) {
        ElevenstSeller s = seller(sellerId);
        synchronized (s) {
            ElevenstOrder o = s.byBundle.get(dlvNo);
            for (ElevenstLine l : o.lines.values()) {
                if (l.dlvNo.equals(dlvNo)) {
                    l.ship(courier, invoice, "01", ZonedDateTime.now(SEOUL));
                }
            }
            s.bundleByInvoice.put(courier + "/" + invoice, dlvNo);
        }
    }

    ElevenstLine line(String sellerId, String ordNo, String seq) {
        ElevenstSeller s = seller(sellerId);
        synchronized (s) {
            ElevenstOrder o = s.orders.get(ordNo);
            if (o == null || !o.lines.containsKey(seq)) {
                throw new IllegalArgumentException("no line " + ordNo + "/" + seq);
            }
            return o.lines.get(seq);
        }
    }

    // ---------------------------------------------------------------- views for tests and the stats

    List<String> orderIds(String sellerId) {
        ElevenstSeller s = seller(sellerId);
        synchronized (s) {
            return new ArrayList<>(s.orders.keySet());
        }
    }

    List<String> bundlesOf(String sellerId, String ordNo) {
        ElevenstSeller s = seller(sellerId);
        synchronized (s) {
            return s.orders.get(ordNo).lines.values().stream().map(l -> l.dlvNo).distinct().toList();
        }
    }

    Map<String, String> statusOf(String sellerId, String ordNo) {
        ElevenstSeller s = seller(sellerId);
        synchronized (s) {
            Map<String, String> m = new LinkedHashMap<>();
            s.orders.get(ordNo).lines.forEach((k, v) -> m.put(k, v.stat));
            return m;
        }
    }

    /** seller id -> (line status -> lines), sellers in id order. */
    Map<String, Map<String, Integer>> lineStatusCounts() {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (String id : new TreeMap<>(sellers).keySet()) {
            Map<String, Integer> counts = new TreeMap<>();
            ElevenstSeller s = sellers.get(id);
            synchronized (s) {
                s.orders.values().forEach(o -> o.lines.values().forEach(l -> counts.merge(l.stat, 1, Integer::sum)));
            }
            out.put(id, counts);
        }
        return out;
    }

    // ---------------------------------------------------------------- call counts

    void countListCall() {
        listCalls.incrementAndGet();
    }

    void countReadCall() {
        readCalls.incrementAndGet();
    }

    /** Lines named in confirm (reqpackaging) calls, per ordNo/ordPrdSeq. */
    final io.marketbridge.simulator.ConfirmCalls confirmsPerUnit = new io.marketbridge.simulator.ConfirmCalls();
    /** Paid-order list reads per seller that overlap. */
    final io.marketbridge.simulator.ReadOverlaps listReads = new io.marketbridge.simulator.ReadOverlaps();

    void countConfirmCall() {
        confirmCalls.incrementAndGet();
    }

    void countDeliveryCall() {
        deliveryCalls.incrementAndGet();
    }

    long listCalls() {
        return listCalls.get();
    }

    long readCalls() {
        return readCalls.get();
    }

    long confirmCalls() {
        return confirmCalls.get();
    }

    long deliveryCalls() {
        return deliveryCalls.get();
    }
}
