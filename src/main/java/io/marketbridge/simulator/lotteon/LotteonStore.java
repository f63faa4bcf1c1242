package io.marketbridge.simulator.lotteon;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulated Lotte ON holds: the traders and their keys, every trader's orders and rows, and the changes the
 * API, the control endpoint and tests make to them. Changes to a trader's orders hold the trader's lock.
 */
final class LotteonStore {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final Map<String, LotteonTrader> traders = new ConcurrentHashMap<>();
    private final Map<String, String> traderByKey = new ConcurrentHashMap<>();
    private final LotteonFaults faults;
    private final Random random;
    private final AtomicLong nextOrder = new AtomicLong(1);
    private final AtomicLong nextClaim = new AtomicLong(1);
    final AtomicLong searchCalls = new AtomicLong();
    /**
     * What Lotte ON would show as each sitmNo's stock: 100 to start, less what orders took. Lotte ON documents no stock
     * call the connector could use (docs/lotteon.md "Stock"), so nothing sets it; stats shows it.
     */
    final Map<String, AtomicLong> stockBySitmNo = new java.util.concurrent.ConcurrentSkipListMap<>();
    final AtomicLong ifCompleteCalls = new AtomicLong();
    final AtomicLong informCalls = new AtomicLong();
    final AtomicLong stateCalls = new AtomicLong();

    LotteonStore(LotteonSimulatorSettings settings, LotteonFaults faults) {
        this.faults = faults;
        this.random = new Random(settings.randomSeed());
        settings.traders().forEach(this::addTrader);
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        long span = Math.max(1, settings.seedSpan().toSeconds());
        int n = Math.max(1, settings.seedOrders());
        for (String trNo : settings.traders().keySet()) {
            for (int i = 0; i < settings.seedOrders(); i++) {
                createOrder(trNo, now.minusSeconds(span - span * i / n), randomLines());
            }
        }
    }

    // ---------------------------------------------------------------- traders

    int traderCount() {
        return traders.size();
    }

    String traderOfKey(String apiKey) {
        return traderByKey.get(apiKey);
    }

    synchronized void addTrader(String trNo, String apiKey) {
        LotteonTrader existing = traders.get(trNo);
        if (existing != null) {
            traderByKey.values().remove(trNo);
            existing.apiKey = apiKey;
        } else {
            traders.put(trNo, new LotteonTrader(trNo, "데모상점 " + trNo, apiKey));
        }
        traderByKey.put(apiKey, trNo);
    }

    Collection<LotteonTrader> traders() {
        return traders.values();
    }

    LotteonTrader trader(String trNo) {
        LotteonTrader t = traders.get(trNo);
        if (t == null) {
            throw new IllegalArgumentException("unknown trader " + trNo);
        }
        return t;
    }

    // ---------------------------------------------------------------- orders

    int randomLines() {
        double d = random.nextDouble();
        return d < 0.5 ? 1 : d < 0.8 ? 2 : d < 0.95 ? 3 : 4;
    }

    void arrive(int count, ZonedDateTime now) {
        for (LotteonTrader t : traders.values()) {
            for (int i = 0; i < count; i++) {
                createOrder(t.trNo, now, randomLines());
            }
        }
    }

    /** A paid order whose delivery instruction (step 11) was created at {@code instructedAt}; returns its odNo. */
    String createOrder(String trNo, ZonedDateTime instructedAt, int lines) {
        LotteonTrader t = trader(trNo);
        synchronized (this) {
            ZonedDateTime at = instructedAt.withZoneSameInstant(SEOUL).withNano(0);
            String odNo = at.format(DateTimeFormatter.ofPattern("yyyyMMdd")) + String.format("%08d", nextOrder.getAndIncrement());
            String orderer = LotteonSampleData.name(random);
            String[] address = LotteonSampleData.address(random);
            ZonedDateTime completed = at.minusSeconds(5 + random.nextInt(120));
            LotteonOrder o = new LotteonOrder(odNo, completed.minusSeconds(10 + random.nextInt(300)), completed, orderer,
                    random.nextDouble() < 0.8 ? orderer : LotteonSampleData.name(random), LotteonSampleData.mobile(random),
                    random.nextDouble() < 0.3 ? LotteonSampleData.landline(random) : null, address,
                    LotteonSampleData.detail(random), LotteonSampleData.memo(random),
                    random.nextDouble() < 0.1 ? "P" + (100_000_000_000L + random.nextInt(900_000_000)) : null,
                    address[1].startsWith("제주") ? 6000 : random.nextDouble() < 0.5 ? 0 : 3000);
            o.trNo = trNo;
            o.malformed = random.nextDouble() < faults.malformedRowRate;
            for (int i = 0; i < Math.max(1, lines); i++) {
                LotteonSampleData.Product p = LotteonSampleData.product(random);
                int qty = random.nextDouble() < 0.8 ? 1 : 2 + random.nextInt(2);
                LotteonLine l = new LotteonLine(o, i + 1, 1, null, null, "DV", p, random.nextInt(p.options().size()), qty,
                        at, "11");
                o.lines.put(l.key(), l);
                stockBySitmNo.computeIfAbsent(p.options().get(l.option).sitmNo(), k -> new AtomicLong(100)).addAndGet(-qty);
            }
            synchronized (t) {
                t.orders.put(odNo, o);
            }
            return odNo;
        }
    }

    LotteonOrder order(String trNo, String odNo) {
        LotteonTrader t = trader(trNo);
        synchronized (t) {
            LotteonOrder o = t.orders.get(odNo);
            if (o == null) {
                throw new IllegalArgumentException("no order " + odNo);
            }
            return o;
        }
    }

    /** The delivery row (DV, procSeq 1) of the order's line odSeq. */
    LotteonLine deliveryLine(String trNo, String odNo, int odSeq) {
        LotteonOrder o = order(trNo, odNo);
        LotteonLine l = o.lines.get(LotteonLine.key(odSeq, 1));
        if (l == null) {
            throw new IllegalArgumentException("no line " + odNo + "/" + odSeq);
        }
        return l;
    }

    /** The rows whose instruction was created within [from, to] (both inclusive), oldest first. */
    List<LotteonLine> search(LotteonTrader t, ZonedDateTime from, ZonedDateTime to, String step, String ifCplYN, String odNo) {
        List<LotteonLine> rows = new ArrayList<>();
        synchronized (t) {
            for (LotteonOrder o : t.orders.values()) {
                if (odNo != null && !odNo.isEmpty() && !odNo.equals(o.odNo)) {
                    continue;
                }
                for (LotteonLine l : o.lines.values()) {
                    boolean inWindow = !l.instructedAt.isBefore(from) && !l.instructedAt.isAfter(to);
                    boolean stepOk = step == null || step.isEmpty() || step.equals(l.step);
                    boolean ifOk = ifCplYN == null || ifCplYN.isEmpty() || ifCplYN.equals(l.ifCplYN);
                    if (inWindow && stepOk && ifOk && !l.cancelled) {
                        rows.add(l);
                    }
                }
            }
        }
        rows.sort(Comparator.comparing(l -> l.instructedAt));
        return rows;
    }

    /** The buyer cancels a line not yet acknowledged (IfComplete): it leaves every list. False when too late. */
    boolean cancel(String trNo, String odNo, int odSeq) {
        LotteonTrader t = trader(trNo);
        synchronized (t) {
            LotteonLine l = deliveryLine(trNo, odNo, odSeq);
            if (!"11".equals(l.step) || "Y".equals(l.ifCplYN)) {
                return false;
            }
            l.cancelled = true;
            return true;
        }
    }

    /**
     * The buyer asks to return a shipped or delivered line: a new RTRV row (procSeq + 1, orglProcSeq the line's,
     * a claim number) at step 23, its instruction created now. Returns clmNo.
     */
    String requestReturn(String trNo, String odNo, int odSeq, int qty, ZonedDateTime now) {
        LotteonTrader t = trader(trNo);
        synchronized (t) {
            LotteonOrder o = order(trNo, odNo);
            LotteonLine l = deliveryLine(trNo, odNo, odSeq);
            if (!"13".equals(l.step) && !"14".equals(l.step) && !"15".equals(l.step)) {
                throw new IllegalStateException("line " + odNo + "/" + odSeq + " is at step " + l.step + ": not returnable");
            }
            int procSeq = o.lines.values().stream().filter(x -> x.odSeq == odSeq).mapToInt(x -> x.procSeq).max().orElse(1) + 1;
            String clmNo = "C" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd")) + String.format("%07d", nextClaim.getAndIncrement());
            LotteonLine r = new LotteonLine(o, odSeq, procSeq, l.procSeq, clmNo, "RTRV", l.product, l.option,
                    qty <= 0 || qty > l.qty ? l.qty : qty, now.withZoneSameInstant(SEOUL).withNano(0), "23");
            o.lines.put(r.key(), r);
            return clmNo;
        }
    }

    /** The return's pickup moves on one step (23 -> 24 -> 25); the seller's inform of 26 confirms it. */
    String pickUp(String trNo, String clmNo) {
        LotteonTrader t = trader(trNo);
        synchronized (t) {
            for (LotteonOrder o : t.orders.values()) {
                for (LotteonLine l : o.lines.values()) {
                    if (clmNo.equals(l.clmNo)) {
                        l.step = switch (l.step) {
                            case "23" -> "24";
                            case "24" -> "25";
                            default -> l.step;
                        };
                        return l.step;
                    }
                }
            }
        }
        throw new IllegalArgumentException("no claim " + clmNo);
    }

    /** As if the seller shipped the line in the seller office (or an earlier call got there): step 13 with this number. */
    void shipInSellerOffice(String trNo, String odNo, int odSeq, String dvCoCd, String invcNo) {
        LotteonTrader t = trader(trNo);
        synchronized (t) {
            LotteonLine l = deliveryLine(trNo, odNo, odSeq);
            l.step = "13";
            l.dvCoCd = dvCoCd;
            l.invcNo = invcNo;
            l.stepAt = ZonedDateTime.now(SEOUL);
            l.shipments++;
        }
    }

    // ---------------------------------------------------------------- views

    List<String> orderIds(String trNo) {
        LotteonTrader t = trader(trNo);
        synchronized (t) {
            return new ArrayList<>(t.orders.keySet());
        }
    }

    /** odSeq-procSeq -> step of the order's rows (a cancelled row shows as CANCELLED). */
    Map<String, String> stepsOf(String trNo, String odNo) {
        LotteonTrader t = trader(trNo);
        synchronized (t) {
            Map<String, String> m = new LinkedHashMap<>();
            order(trNo, odNo).lines.forEach((k, l) -> m.put(k, l.cancelled ? "CANCELLED" : l.step));
            return m;
        }
    }

    /** trader -> (step -> rows), traders in number order. */
    Map<String, Map<String, Integer>> stepCounts() {
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        for (String trNo : new TreeMap<>(traders).keySet()) {
            Map<String, Integer> counts = new TreeMap<>();
            LotteonTrader t = traders.get(trNo);
            synchronized (t) {
                t.orders.values().forEach(o -> o.lines.values().forEach(
                        l -> counts.merge(l.cancelled ? "CANCELLED" : l.step, 1, Integer::sum)));
            }
            out.put(trNo, counts);
        }
        return out;
    }
}
