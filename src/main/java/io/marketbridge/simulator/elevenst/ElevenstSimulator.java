package io.marketbridge.simulator.elevenst;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.marketbridge.simulator.Arrivals;
import io.marketbridge.simulator.CallRates;
import io.marketbridge.simulator.ControlEndpoint;
import io.marketbridge.simulator.TrackingNumbers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol-faithful 11st Seller OpenAPI (facts: ../shared/marketplaces/11st.md) for tests and the demo.
 *
 * <ul>
 *   <li>Auth: the static {@code openapikey} header; an unknown key answers result_code -1 "OpenAPI Key 에 해당하는
 *       유저가 없습니다"; the ipDenied switch answers HTTP 500 with an {@code AuthMessage} (resultCode -500).</li>
 *   <li>Every operation is a GET with its parameters in the path; answers are XML declared euc-kr, the bytes
 *       MS949 (so names with 똠, 햏, 뷁 survive), or UTF-8 with the charset switch. Lists: root {@code ns2:orders},
 *       repeated {@code ns2:order} with un-prefixed fields; "no data" is result_code 0 with 조회된 결과가 없습니다.
 *       Actions: root {@code ResultOrder} (or {@code result} with the resultRoot switch).</li>
 *   <li>Limits: list windows of at most 7 days (-3105 / -3305), at most max-rows rows (cut, no paging).</li>
 *   <li>State: 202 -> 301 on reqpackaging (per line), 301 -> 401 for the whole bundle on reqdelivery (or the listed
 *       lines with partDlvYn=Y), with the result codes of the facts.</li>
 *   <li>Switches (POST /_simulator/elevenst/faults): latencyMs, errorRate (HTTP 500), failStatus/failCount, maintenance
 *       (-1000), ipDenied, xxeFile (a DOCTYPE with an external entity pointing at that file), charset, resultRoot,
 *       actionCode/actionCount (force the next action answers), rateLimitPerSecond (HTTP 429), rareNameRate.</li>
 * </ul>
 */
public class ElevenstSimulator implements io.marketbridge.simulator.MarketplaceSimulator {

    /** The marketplace's one name: control endpoint /_simulator/elevenst/, properties marketbridge.simulators.elevenst.*. */
    public static final String NAME = "elevenst";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public java.util.List<String> paths() {
        return java.util.List.of("/rest/");
    }

    @Override
    public String summary() {
        return sellerCount() + " seller(s)";
    }


    private static final Logger LOG = LoggerFactory.getLogger(ElevenstSimulator.class);
    static final String NS = "http://skt.tmall.business.openapi.spring.service.client.domain/";
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final String NO_DATA = "조회된 결과가 없습니다.";
    static final String UNKNOWN_KEY = "OpenAPI Key 에 해당하는 유저가 없습니다";

    /** Switches, settable from tests or the control endpoint. */
    public static final class Faults {
        public volatile long latencyMs;
        public volatile double errorRate;
        public volatile boolean maintenance;
        public volatile boolean ipDenied;
        /** Non-null: list answers carry a DOCTYPE whose external entity points at this file. */
        public volatile String xxeFile;
        /** Non-null: overrides the configured charset (EUC-KR or UTF-8). */
        public volatile String charset;
        public volatile String resultRoot = "ResultOrder";
        /** Share of new orders whose buyer and receiver names use characters outside KS X 1001 (MS949 only). */
        public volatile double rareNameRate = 0.2;
        final ConcurrentLinkedQueue<Integer> failNext = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Integer> actionCodes = new ConcurrentLinkedQueue<>();

        /** The next count calls answer HTTP status (500, 502, 503, 429). */
        public void failNext(int status, int count) {
            for (int i = 0; i < count; i++) {
                failNext.add(status);
            }
        }

        /** The next count action calls (reqpackaging, reqdelivery) answer this result code without acting. */
        public void actionCode(int code, int count) {
            for (int i = 0; i < count; i++) {
                actionCodes.add(code);
            }
        }

        public void reset() {
            latencyMs = 0;
            errorRate = 0;
            maintenance = false;
            ipDenied = false;
            xxeFile = null;
            charset = null;
            resultRoot = "ResultOrder";
            rareNameRate = 0.2;
            failNext.clear();
            actionCodes.clear();
        }
    }

    static final class Line {
        final String seq;
        final String dlvNo;
        final SampleData.Product product;
        final int optionIndex;
        final int qty;
        final boolean addOn;
        final String addPrdNo;
        final long sellerDsc;
        volatile String stat = "202";
        volatile ZonedDateTime confirmedAt;
        volatile String courier;
        volatile String invoice;
        volatile String method;
        volatile ZonedDateTime sentAt;
        volatile int deliveries;

        Line(String seq, String dlvNo, SampleData.Product product, int optionIndex, int qty, boolean addOn, String addPrdNo,
             long sellerDsc) {
            this.seq = seq;
            this.dlvNo = dlvNo;
            this.product = product;
            this.optionIndex = optionIndex;
            this.qty = qty;
            this.addOn = addOn;
            this.addPrdNo = addPrdNo;
            this.sellerDsc = sellerDsc;
        }

        long unitPrice() {
            return addOn ? product.addOnPrice() : product.price();
        }

        long optionPrice() {
            return addOn ? 0 : product.options().get(optionIndex).extra() * qty;
        }

        long amount() {
            return unitPrice() * qty + optionPrice();
        }
    }

    static final class Order {
        final String ordNo;
        final ZonedDateTime orderedAt;
        final ZonedDateTime paidAt;
        final String buyer;
        final String buyerTel;
        final String receiver;
        final String receiverTel;
        final String receiverTel2;
        final String[] address;
        final String detail;
        final String memo;
        final String customsId;
        final String memberId;
        final Map<String, Line> lines = new LinkedHashMap<>();
        final Map<String, long[]> feeByBundle = new LinkedHashMap<>(); // dlvNo -> {dlvCst, bmDlvCst}

        Order(String ordNo, ZonedDateTime orderedAt, ZonedDateTime paidAt, String buyer, String buyerTel, String receiver,
              String receiverTel, String receiverTel2, String[] address, String detail, String memo, String customsId,
              String memberId) {
            this.ordNo = ordNo;
            this.orderedAt = orderedAt;
            this.paidAt = paidAt;
            this.buyer = buyer;
            this.buyerTel = buyerTel;
            this.receiver = receiver;
            this.receiverTel = receiverTel;
            this.receiverTel2 = receiverTel2;
            this.address = address;
            this.detail = detail;
            this.memo = memo;
            this.customsId = customsId;
            this.memberId = memberId;
        }
    }

    static final class Seller {
        final String id;
        volatile String apiKey;
        final Map<String, Order> orders = new LinkedHashMap<>();
        final Map<String, Order> byBundle = new HashMap<>();
        final Map<String, String> bundleByInvoice = new HashMap<>();

        Seller(String id, String apiKey) {
            this.id = id;
            this.apiKey = apiKey;
        }
    }

    /** One answer: HTTP status and XML text. */
    record Reply(int status, String xml) {
    }

    private final ElevenstSimulatorSettings settings;
    private final Map<String, Seller> sellers = new ConcurrentHashMap<>();
    private final Map<String, String> sellerByKey = new ConcurrentHashMap<>();
    private final Map<String, Deque<Long>> recentCalls = new ConcurrentHashMap<>();
    /** The rates sellers called at, for the stats (the limit itself uses the admitted calls in recentCalls). */
    private final CallRates rates = new CallRates();
    private final Faults faults = new Faults();
    private final Random random;
    private final AtomicLong nextOrder = new AtomicLong(1);
    private final AtomicLong nextBundle = new AtomicLong(4_100_000_000L);
    private final AtomicLong listCalls = new AtomicLong();
    private final AtomicLong readCalls = new AtomicLong();
    private final AtomicLong confirmCalls = new AtomicLong();
    private final AtomicLong deliveryCalls = new AtomicLong();
    private volatile int rateLimitPerSecond;
    private Arrivals arrivals;

    public ElevenstSimulator(ElevenstSimulatorSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.randomSeed());
        this.rateLimitPerSecond = Math.max(1, settings.rateLimitPerSecond());
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

    @Override
    public void start() {
        if (settings.arrivalPerMinute() <= 0 || sellers.isEmpty()) {
            return;
        }
        arrivals = Arrivals.start("11st", settings.arrivalPerMinute(), (count, now) -> {
            for (Seller s : sellers.values()) {
                for (int i = 0; i < count; i++) {
                    createOrder(s.id, now, randomLines(), 0);
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

    public int sellerCount() {
        return sellers.size();
    }

    /** Adds a seller (with no orders), or gives it a new key. */
    public synchronized void addSeller(String sellerId, String apiKey) {
        Seller existing = sellers.get(sellerId);
        if (existing != null) {
            sellerByKey.values().remove(sellerId);
            existing.apiKey = apiKey;
        } else {
            sellers.put(sellerId, new Seller(sellerId, apiKey));
        }
        sellerByKey.put(apiKey, sellerId);
    }

    public void setRateLimitPerSecond(int perSecond) {
        this.rateLimitPerSecond = Math.max(1, perSecond);
    }

    // ---------------------------------------------------------------- data

    private int randomLines() {
        double d = random.nextDouble();
        return d < 0.5 ? 1 : d < 0.8 ? 2 : d < 0.95 ? 3 : 4;
    }

    /**
     * A paid order (202) of the seller, paid at the given time, with the given number of lines. bundles: 0 lets the
     * simulator choose (mostly one bundle for all lines), 1 puts every line in one bundle, 2 or more spreads them.
     */
    public String createOrder(String sellerId, ZonedDateTime paidAt, int lines, int bundles) {
        Seller s = seller(sellerId);
        synchronized (this) {
            ZonedDateTime paid = paidAt.withZoneSameInstant(SEOUL).withNano(0);
            String ordNo = paid.format(DateTimeFormatter.ofPattern("yyyyMMdd")) + String.format("%07d", nextOrder.getAndIncrement());
            boolean rare = random.nextDouble() < faults.rareNameRate;
            String buyer = SampleData.name(random, rare);
            String receiver = random.nextDouble() < 0.8 ? buyer : SampleData.name(random, rare);
            String[] address = SampleData.address(random);
            String memo = SampleData.memo(random);
            Order o = new Order(ordNo, paid.minusSeconds(30 + random.nextInt(600)), paid, buyer, SampleData.mobile(random),
                    receiver, SampleData.mobile(random), random.nextDouble() < 0.3 ? SampleData.landline(random) : null,
                    address, SampleData.detail(random, rare), memo,
                    random.nextDouble() < 0.1 ? "P" + (100_000_000_000L + random.nextInt(900_000_000)) : null,
                    SampleData.memberId(random));
            int n = Math.max(1, lines);
            int b = bundles > 0 ? Math.min(bundles, n) : (n > 2 && random.nextDouble() < 0.25 ? 2 : 1);
            List<String> dlvNos = new ArrayList<>();
            for (int i = 0; i < b; i++) {
                dlvNos.add(String.valueOf(nextBundle.getAndIncrement()));
            }
            SampleData.Product previous = null;
            for (int i = 0; i < n; i++) {
                String dlvNo = dlvNos.get(i * b / n);
                boolean addOn = i > 0 && previous != null && previous.addOnName() != null && random.nextDouble() < 0.3;
                SampleData.Product p = addOn ? previous : SampleData.product(random);
                int option = random.nextInt(p.options().size());
                int qty = random.nextDouble() < 0.8 ? 1 : 2 + random.nextInt(2);
                long dsc = !addOn && random.nextDouble() < 0.3 ? 1000L * (1 + random.nextInt(3)) : 0;
                o.lines.put(String.valueOf(i + 1), new Line(String.valueOf(i + 1), dlvNo, p, option, qty, addOn,
                        addOn ? p.addOnNo() : "0", dsc));
                previous = p;
            }
            for (String dlvNo : dlvNos) {
                long sum = o.lines.values().stream().filter(l -> l.dlvNo.equals(dlvNo)).mapToLong(Line::amount).sum();
                o.feeByBundle.put(dlvNo, new long[] {sum >= 30000 ? 0 : 3000, address[1].startsWith("제주") ? 3000 : 0});
            }
            synchronized (s) {
                s.orders.put(ordNo, o);
                dlvNos.forEach(d -> s.byBundle.put(d, o));
            }
            return ordNo;
        }
    }

    /** The buyer asks to cancel the line (701), or 11st cancels it (B01). */
    public void cancel(String sellerId, String ordNo, String seq, boolean completed) {
        Line l = line(sellerId, ordNo, seq);
        l.stat = completed ? "B01" : "701";
    }

    /** As if the seller shipped the bundle in Seller Office (or an earlier try got there): 401 with that number. */
    public void shipInSellerOffice(String sellerId, String dlvNo, String courier, String invoice) {
        Seller s = seller(sellerId);
        synchronized (s) {
            Order o = s.byBundle.get(dlvNo);
            for (Line l : o.lines.values()) {
                if (l.dlvNo.equals(dlvNo)) {
                    ship(l, courier, invoice, "01", ZonedDateTime.now(SEOUL));
                }
            }
            s.bundleByInvoice.put(courier + "/" + invoice, dlvNo);
        }
    }

    private Seller seller(String sellerId) {
        Seller s = sellers.get(sellerId);
        if (s == null) {
            throw new IllegalArgumentException("unknown seller " + sellerId);
        }
        return s;
    }

    private Line line(String sellerId, String ordNo, String seq) {
        Seller s = seller(sellerId);
        synchronized (s) {
            Order o = s.orders.get(ordNo);
            if (o == null || !o.lines.containsKey(seq)) {
                throw new IllegalArgumentException("no line " + ordNo + "/" + seq);
            }
            return o.lines.get(seq);
        }
    }

    public List<String> orderIds(String sellerId) {
        Seller s = seller(sellerId);
        synchronized (s) {
            return new ArrayList<>(s.orders.keySet());
        }
    }

    /** The order's bundles (dlvNo), in line order. */
    public List<String> bundlesOf(String sellerId, String ordNo) {
        Seller s = seller(sellerId);
        synchronized (s) {
            return s.orders.get(ordNo).lines.values().stream().map(l -> l.dlvNo).distinct().toList();
        }
    }

    /** ordPrdSeq -> ordPrdStat of the order's lines. */
    public Map<String, String> statusOf(String sellerId, String ordNo) {
        Seller s = seller(sellerId);
        synchronized (s) {
            Map<String, String> m = new LinkedHashMap<>();
            s.orders.get(ordNo).lines.forEach((k, v) -> m.put(k, v.stat));
            return m;
        }
    }

    public String invoiceOf(String sellerId, String ordNo, String seq) {
        return line(sellerId, ordNo, seq).invoice;
    }

    public String courierOf(String sellerId, String ordNo, String seq) {
        return line(sellerId, ordNo, seq).courier;
    }

    /** How many reqdelivery calls shipped the line (more than one would be a double send). */
    public int deliveriesOf(String sellerId, String ordNo, String seq) {
        return line(sellerId, ordNo, seq).deliveries;
    }

    public long listCalls() {
        return listCalls.get();
    }

    public long readCalls() {
        return readCalls.get();
    }

    public long confirmCalls() {
        return confirmCalls.get();
    }

    public long deliveryCalls() {
        return deliveryCalls.get();
    }

    // ---------------------------------------------------------------- HTTP

    @Override
    public void handle(HttpExchange http) throws IOException {
        try (http) {
            Reply reply;
            try {
                reply = answer(http);
            } catch (RuntimeException e) {
                LOG.warn("11st simulator failed on {}: {}", http.getRequestURI().getPath(), e.toString());
                reply = new Reply(500, "<html><body><h1>500 Internal Server Error</h1></body></html>");
            }
            String charsetName = faults.charset != null ? faults.charset : settings.charset();
            boolean utf8 = charsetName.equalsIgnoreCase("UTF-8");
            // 11st declares euc-kr; the bytes are MS949, the superset, so every Hangul syllable can be sent
            Charset charset = utf8 ? StandardCharsets.UTF_8 : Charset.forName("x-windows-949");
            byte[] body = reply.xml().getBytes(charset);
            http.getResponseHeaders().set("Content-Type", reply.xml().startsWith("<html") ? "text/html"
                    : "text/xml;charset=" + (utf8 ? "UTF-8" : "EUC-KR"));
            http.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = http.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private enum Api { COMPLETE, COMPLETE_BY_ORDER, PACKAGING, ORDER_ALL, REQPACKAGING, REQDELIVERY }

    private Reply answer(HttpExchange http) {
        sleep(faults.latencyMs);
        if (faults.ipDenied) {
            return new Reply(500, declaration() + "<AuthMessage><resultCode>-500</resultCode>"
                    + "<message>인증되지 않은 IP 입니다. (Not authenticated IP)</message></AuthMessage>");
        }
        String path = http.getRequestURI().getRawPath();
        String[] p = path.replaceAll("/+$", "").split("/");
        // p[0]="", p[1]="rest", p[2]=service, p[3]=operation, ...
        Api api = null;
        if (http.getRequestMethod().equals("GET") && p.length >= 5) {
            String op = p[2] + "/" + p[3];
            api = switch (op) {
                case "ordservices/complete" -> p.length == 6 ? Api.COMPLETE : p.length == 5 ? Api.COMPLETE_BY_ORDER : null;
                case "ordservices/packaging" -> p.length == 6 ? Api.PACKAGING : null;
                case "claimservice/orderlistall" -> p.length == 5 ? Api.ORDER_ALL : null;
                case "ordservices/reqpackaging" -> p.length == 9 ? Api.REQPACKAGING : null;
                case "ordservices/reqdelivery" -> p.length == 9 || p.length == 12 ? Api.REQDELIVERY : null;
                default -> null;
            };
        }
        if (api == null) {
            return new Reply(404, "<html><body><h1>404 Not Found</h1></body></html>");
        }
        boolean action = api == Api.REQPACKAGING || api == Api.REQDELIVERY;
        Integer forced = faults.failNext.poll();
        if (forced != null) {
            return forced == 429 ? tooMany() : new Reply(forced, "<html><body><h1>" + forced + " Error</h1></body></html>");
        }
        if (faults.errorRate > 0 && ThreadLocalRandom.current().nextDouble() < faults.errorRate) {
            return new Reply(500, "<html><body><h1>500 Internal Server Error</h1></body></html>");
        }
        String key = http.getRequestHeaders().getFirst("openapikey");
        String sellerId = key == null ? null : sellerByKey.get(key.trim());
        if (sellerId == null) {
            return action ? result(-1, UNKNOWN_KEY) : list(-1, UNKNOWN_KEY);
        }
        rates.record(sellerId);
        if (!take(key.trim())) {
            return tooMany();
        }
        if (faults.maintenance) {
            String text = "시스템 정기점검 중입니다. 점검 시간 동안 OpenAPI 서비스를 이용하실 수 없습니다.";
            return action ? result(-1000, text) : list(-1000, text);
        }
        Seller s = sellers.get(sellerId);
        String[] args = new String[p.length - 4];
        for (int i = 4; i < p.length; i++) {
            args[i - 4] = URLDecoder.decode(p[i], StandardCharsets.UTF_8);
        }
        if (action) {
            Integer code = faults.actionCodes.poll();
            if (code != null) {
                (api == Api.REQPACKAGING ? confirmCalls : deliveryCalls).incrementAndGet();
                return result(code, "시뮬레이터가 지정한 응답입니다.");
            }
        }
        return switch (api) {
            case COMPLETE -> window(s, args[0], args[1], "202", -3103, -3104, -3105);
            case PACKAGING -> window(s, args[0], args[1], "301", -3303, -3304, -3305);
            case COMPLETE_BY_ORDER -> byOrder(s, args[0], true);
            case ORDER_ALL -> byOrder(s, args[0], false);
            case REQPACKAGING -> reqpackaging(s, args);
            case REQDELIVERY -> reqdelivery(s, args);
        };
    }

    private boolean take(String key) {
        long now = System.currentTimeMillis();
        Deque<Long> calls = recentCalls.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (calls) {
            while (!calls.isEmpty() && calls.peekFirst() <= now - 1000) {
                calls.pollFirst();
            }
            if (calls.size() >= rateLimitPerSecond) {
                return false;
            }
            calls.addLast(now);
            return true;
        }
    }

    /** Traffic limit: HTTP 429 as one implementation observed, with the general OpenAPI's overedTraffic code. */
    private Reply tooMany() {
        return new Reply(429, declaration() + "<ns2:orders xmlns:ns2=\"" + NS + "\"><ns2:result_code>004</ns2:result_code>"
                + "<ns2:result_text>overedTraffic</ns2:result_text></ns2:orders>");
    }

    // ---------------------------------------------------------------- lists

    private Reply window(Seller s, String start, String end, String stat, int badStart, int badEnd, int tooLong) {
        listCalls.incrementAndGet();
        LocalDateTime from = minute(start);
        if (from == null) {
            return list(badStart, "검색 시작일의 형식이 올바르지 않습니다. (yyyyMMddHHmm)");
        }
        LocalDateTime to = minute(end);
        if (to == null || to.isBefore(from)) {
            return list(badEnd, "검색 종료일의 형식이 올바르지 않거나 시작일보다 이전입니다. (yyyyMMddHHmm)");
        }
        if (to.isAfter(from.plusDays(7))) {
            return list(tooLong, "검색 기간은 최대 7일까지 가능합니다.");
        }
        ZonedDateTime lo = from.atZone(SEOUL);
        ZonedDateTime hi = to.atZone(SEOUL).plusMinutes(1); // the end minute is read to its last second
        List<String[]> rows = new ArrayList<>(); // {sort key, xml}
        synchronized (s) {
            List<Order> orders = new ArrayList<>(s.orders.values());
            orders.sort(Comparator.comparing(o -> o.paidAt));
            for (Order o : orders) {
                for (Line l : o.lines.values()) {
                    ZonedDateTime at = stat.equals("202") ? o.paidAt : l.confirmedAt;
                    if (l.stat.equals(stat) && at != null && !at.isBefore(lo) && at.isBefore(hi)) {
                        rows.add(new String[] {at.toString(), row(o, l, false, stat.equals("301"))});
                    }
                }
            }
        }
        if (rows.size() > settings.maxRows()) {
            rows = rows.subList(0, settings.maxRows()); // no paging at 11st: the rest is simply not there
        }
        return rows(rows.stream().map(r -> r[1]).toList());
    }

    private Reply byOrder(Seller s, String ordNo, boolean paidOnly) {
        if (paidOnly) {
            listCalls.incrementAndGet();
        } else {
            readCalls.incrementAndGet();
        }
        List<String> rows = new ArrayList<>();
        synchronized (s) {
            Order o = s.orders.get(ordNo);
            if (o != null) {
                for (Line l : o.lines.values()) {
                    if (!paidOnly || l.stat.equals("202")) {
                        rows.add(row(o, l, !paidOnly, false));
                    }
                }
            }
        }
        return rows(rows);
    }

    private Reply rows(List<String> rows) {
        if (rows.isEmpty()) {
            return list(0, NO_DATA);
        }
        StringBuilder b = new StringBuilder(declaration());
        String xxe = faults.xxeFile;
        if (xxe != null) {
            b.append("<!DOCTYPE ns2:orders [<!ENTITY xxe SYSTEM \"file://").append(xxe).append("\">]>");
        }
        b.append("<ns2:orders xmlns:ns2=\"").append(NS).append("\">");
        boolean first = true;
        for (String row : rows) {
            b.append(xxe != null && first ? row.replace("<ordNm>", "<ordNm>&xxe;") : row);
            first = false;
        }
        return new Reply(200, b.append("</ns2:orders>").toString());
    }

    /**
     * A field no documented answer has, on every order row: APIs add fields without notice, so a client must
     * ignore what it does not know.
     */
    public static final String UNKNOWN_FIELD = "unannouncedField";

    /**
     * One ns2:order element: prefixed wrapper, un-prefixed fields, literal null and empty elements as 11st sends them.
     * The packaging list adds the line's status and its planned settlement amount (elevenst.md).
     */
    private static String row(Order o, Line l, boolean withStatus, boolean packaging) {
        StringBuilder b = new StringBuilder("<ns2:order>");
        SampleData.Product p = l.product;
        long[] fee = o.feeByBundle.get(l.dlvNo);
        el(b, "addPrdNo", l.addPrdNo);
        el(b, "addPrdYn", l.addOn ? "Y" : "N");
        el(b, "bmDlvCst", String.valueOf(fee[1]));
        el(b, "bmDlvCstType", fee[1] > 0 ? "01" : "");
        el(b, "bndlDlvSeq", l.dlvNo);
        el(b, "bndlDlvYN", o.lines.values().stream().filter(x -> x.dlvNo.equals(l.dlvNo)).count() > 1 ? "Y" : "N");
        el(b, "custGrdNm", "null");
        el(b, "dlvCst", String.valueOf(fee[0]));
        el(b, "dlvCstType", fee[0] > 0 ? "01" : "03");
        el(b, "dlvNo", l.dlvNo);
        el(b, "gblDlvYn", "N");
        el(b, "memID", o.memberId);
        el(b, "ordAmt", String.valueOf(l.amount()));
        el(b, "ordDlvReqCont", o.memo == null ? "null" : o.memo);
        el(b, "ordDt", TIME.format(o.orderedAt));
        el(b, "ordNm", o.buyer);
        el(b, "ordNo", o.ordNo);
        el(b, "ordOptWonStl", String.valueOf(l.optionPrice()));
        el(b, "ordPayAmt", String.valueOf(l.amount() - l.sellerDsc));
        el(b, "ordPrdSeq", l.seq);
        el(b, "ordPrtblTel", o.buyerTel);
        el(b, "ordQty", String.valueOf(l.qty));
        el(b, "ordStlEndDt", TIME.format(o.paidAt));
        el(b, "ordTlphnNo", "null");
        el(b, "plcodrCnfDt", l.confirmedAt == null ? "" : TIME.format(l.confirmedAt));
        el(b, "prdNm", l.addOn ? p.addOnName() : p.name());
        el(b, "prdNo", p.prdNo());
        el(b, "prdStckNo", l.addOn ? "0" : p.options().get(l.optionIndex).stockNo());
        el(b, "psnCscUniqNo", o.customsId == null ? "" : o.customsId);
        el(b, "rcvrBaseAddr", o.address[1]);
        el(b, "rcvrDtlsAddr", o.detail);
        el(b, "rcvrMailNo", o.address[0]);
        el(b, "rcvrMailNoSeq", "001");
        el(b, "rcvrNm", o.receiver);
        el(b, "rcvrPrtblNo", o.receiverTel);
        el(b, "rcvrTlphn", o.receiverTel2 == null ? "" : o.receiverTel2);
        el(b, "selPrc", String.valueOf(l.unitPrice()));
        el(b, "sellerDscPrc", String.valueOf(l.sellerDsc));
        el(b, "sellerPrdCd", p.sellerCode());
        el(b, "sellerStockCd", l.addOn ? "null" : p.options().get(l.optionIndex).sku());
        el(b, "slctPrdOptNm", l.addOn ? "" : p.options().get(l.optionIndex).name() + "-" + l.qty + "개");
        el(b, "tmallDscPrc", "0");
        el(b, "typeAdd", "02");
        if (packaging) {
            el(b, "ordPrdStat", l.stat);
            // what 11st plans to pay out: the paid amount less its commission (about 12 %)
            el(b, "stlPlnAmt", String.valueOf(Math.round((l.amount() - l.sellerDsc) * 0.88)));
        }
        el(b, UNKNOWN_FIELD, "row");
        if (withStatus) {
            el(b, "ordPrdStat", l.stat);
            el(b, "dlvEtprsCd", l.courier == null ? "null" : l.courier);
            el(b, "invcNo", l.invoice == null ? "null" : l.invoice);
            el(b, "dlvMthdCd", l.method == null ? "null" : l.method);
            el(b, "sndEndDt", l.sentAt == null ? "" : TIME.format(l.sentAt));
        }
        return b.append("</ns2:order>").toString();
    }

    private static void el(StringBuilder b, String name, String value) {
        if (value == null || value.isEmpty()) {
            b.append('<').append(name).append("/>");
            return;
        }
        b.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>');
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String declaration() {
        return "<?xml version=\"1.0\" encoding=\"euc-kr\" standalone=\"yes\"?>";
    }

    private Reply list(int code, String text) {
        return new Reply(200, declaration() + "<ns2:orders xmlns:ns2=\"" + NS + "\"><ns2:result_code>" + code
                + "</ns2:result_code><ns2:result_text>" + escape(text) + "</ns2:result_text></ns2:orders>");
    }

    private Reply result(int code, String text) {
        String root = faults.resultRoot;
        return new Reply(200, declaration() + "<" + root + "><openMallID>11ST</openMallID><open_11st_mall/>"
                + "<open_done_payment_interface/><result_code>" + code + "</result_code><result_text>" + escape(text)
                + "</result_text><" + UNKNOWN_FIELD + ">result</" + UNKNOWN_FIELD + "></" + root + ">");
    }

    private static LocalDateTime minute(String s) {
        if (s == null || !s.matches("[0-9]{12}")) {
            return null;
        }
        try {
            return LocalDateTime.parse(s, MINUTE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ---------------------------------------------------------------- actions

    /** reqpackaging/{ordNo}/{ordPrdSeq}/{addPrdYn}/{addPrdNo}/{dlvNo}: one line 202 -> 301. */
    private Reply reqpackaging(Seller s, String[] a) {
        confirmCalls.incrementAndGet();
        synchronized (s) {
            Order o = s.orders.get(a[0]);
            Line l = o == null ? null : o.lines.get(a[1]);
            if (l == null || !l.dlvNo.equals(a[4])) {
                return result(-3206, "발주확인 처리할 주문이 없습니다.");
            }
            boolean addOn = "Y".equals(a[2]);
            if (addOn != l.addOn || (addOn ? !a[3].equals(l.addPrdNo) : !(a[3].equals("null") || a[3].equals("0")))) {
                return result(-1, "추가구성상품 정보(addPrdYn/addPrdNo)가 주문과 일치하지 않습니다.");
            }
            return switch (l.stat) {
                case "202" -> {
                    l.stat = "301";
                    l.confirmedAt = ZonedDateTime.now(SEOUL);
                    yield result(0, "발주확인 처리되었습니다.");
                }
                case "701" -> result(-3214, "취소요청 중인 주문입니다.");
                case "B01" -> result(-3211, "취소된 주문입니다.");
                default -> result(-3206, "이미 발주확인된 주문입니다.");
            };
        }
    }

    /**
     * reqdelivery/{sendDt}/{dlvMthdCd}/{dlvEtprsCd}/{invcNo}/{dlvNo}[/{partDlvYn}/{ordNo}/{ordPrdSeq,...}]: the whole
     * bundle (or the listed lines) 301 -> 401.
     */
    private Reply reqdelivery(Seller s, String[] a) {
        deliveryCalls.incrementAndGet();
        LocalDateTime sendDt = minute(a[0]);
        if (sendDt == null) {
            return result(-3301, "발송일자 형식이 올바르지 않습니다.");
        }
        String method = a[1];
        if (!List.of("01", "03", "04", "05").contains(method)) {
            return result(-1, "배송방법 코드가 올바르지 않습니다.");
        }
        String courier = a[2];
        String invoice = a[3];
        if (!Couriers.known(courier)) {
            return result(-3307, "택배사 코드가 올바르지 않습니다.");
        }
        if (!Couriers.validNumber(courier, invoice)) {
            return result(-3306, "송장번호가 택배사의 송장번호 형식과 맞지 않습니다.");
        }
        synchronized (s) {
            Order o = s.byBundle.get(a[4]);
            if (o == null) {
                return result(-3310, "주문 상태를 확인해 주세요.");
            }
            List<Line> lines = new ArrayList<>();
            boolean partial = a.length == 8;
            if (partial) {
                if (!"Y".equals(a[5]) || !o.ordNo.equals(a[6])) {
                    return result(-3310, "주문 상태를 확인해 주세요.");
                }
                for (String seq : a[7].split(",")) {
                    Line l = o.lines.get(seq.trim());
                    if (l == null || !l.dlvNo.equals(a[4])) {
                        return result(-3310, "주문 상태를 확인해 주세요.");
                    }
                    lines.add(l);
                }
            } else {
                o.lines.values().stream().filter(l -> l.dlvNo.equals(a[4]) && !l.stat.equals("B01")).forEach(lines::add);
            }
            String used = s.bundleByInvoice.get(courier + "/" + invoice);
            if (used != null && !used.equals(a[4])) {
                return result(-3320, "이미 사용된 송장번호입니다.");
            }
            if (lines.isEmpty() || lines.stream().anyMatch(l -> l.stat.equals("B01"))) {
                return result(-3310, "주문 상태를 확인해 주세요. (취소된 주문)");
            }
            if (lines.stream().anyMatch(l -> l.stat.equals("501") || l.stat.equals("901"))) {
                return result(-3309, "이미 배송완료된 주문입니다.");
            }
            if (lines.stream().anyMatch(l -> l.stat.equals("401"))) {
                return result(-3308, "이미 발송처리된 묶음배송 주문입니다. (묶음배송은 한 번에 발송처리됩니다)");
            }
            if (lines.stream().anyMatch(l -> l.stat.equals("701"))) {
                return result(-3310, "주문 상태를 확인해 주세요. (취소요청)");
            }
            if (lines.stream().anyMatch(l -> !l.stat.equals("301"))) {
                return result(-3313, "주문 상태가 이미 변경되었거나 발주확인 전입니다.");
            }
            ZonedDateTime at = sendDt.atZone(SEOUL);
            for (Line l : lines) {
                ship(l, courier, invoice, method, at);
            }
            s.bundleByInvoice.put(courier + "/" + invoice, a[4]);
            return result(0, "전체 " + lines.size() + "건이 정상적으로 발송처리가 되었습니다.");
        }
    }

    private static void ship(Line l, String courier, String invoice, String method, ZonedDateTime at) {
        l.stat = "401";
        l.courier = courier;
        l.invoice = invoice;
        l.method = method;
        l.sentAt = at;
        l.deliveries++;
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

    /** /_simulator/elevenst/stats, POST /faults, POST /orders (sellerId, count, lines, bundles), POST /cancel, POST /reset-rates. */
    @Override
    public void handleControl(HttpExchange http) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (http) {
            String path = http.getRequestURI().getPath();
            Map<String, String> q = ControlEndpoint.query(http);
            boolean post = http.getRequestMethod().equals("POST");
            ObjectNode out = json.createObjectNode();
            int status = 200;
            try {
                if (path.endsWith("/stats")) {
                    ObjectNode v = out.putObject("sellers");
                    for (String id : new TreeMap<>(sellers).keySet()) {
                        Map<String, Integer> counts = new TreeMap<>();
                        Seller s = sellers.get(id);
                        synchronized (s) {
                            s.orders.values().forEach(o -> o.lines.values().forEach(l -> counts.merge(l.stat, 1, Integer::sum)));
                        }
                        v.set(id, json.valueToTree(counts));
                    }
                    out.put("listCalls", listCalls.get());
                    out.put("readCalls", readCalls.get());
                    out.put("confirmCalls", confirmCalls.get());
                    out.put("deliveryCalls", deliveryCalls.get());
                    out.put("peakCallsPerSecondPerSeller", rates.peakPerCaller());
                    out.put("peakCallsPerSecondTotal", rates.peakTotal());
                } else if (path.endsWith("/reset-rates") && post) {
                    rates.reset();
                    out.put("ok", true);
                } else if (path.endsWith("/faults") && post) {
                    setFaults(q);
                    out.put("ok", true);
                } else if (path.endsWith("/orders") && post) {
                    String seller = q.get("sellerId");
                    int count = Integer.parseInt(q.getOrDefault("count", "1"));
                    int lines = Integer.parseInt(q.getOrDefault("lines", "0"));
                    int bundles = Integer.parseInt(q.getOrDefault("bundles", "0"));
                    ArrayNode ids = out.putArray("orderIds");
                    for (int i = 0; i < count; i++) {
                        ids.add(createOrder(seller, ZonedDateTime.now(SEOUL), lines > 0 ? lines : randomLines(), bundles));
                    }
                } else if (path.endsWith("/cancel") && post) {
                    cancel(q.getOrDefault("sellerId", ""), q.getOrDefault("ordNo", ""), q.getOrDefault("ordPrdSeq", "1"),
                            Boolean.parseBoolean(q.get("completed")));
                    out.put("ok", true);
                } else {
                    status = 404;
                    out.put("error", "GET stats, POST faults, POST orders, POST cancel, POST reset-rates");
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                status = 400;
                out.put("error", e.getMessage());
            }
            ControlEndpoint.reply(http, status, out);
        }
    }

    private void setFaults(Map<String, String> q) {
        if (q.containsKey("reset")) {
            faults.reset();
        }
        faults.latencyMs = Long.parseLong(q.getOrDefault("latencyMs", String.valueOf(faults.latencyMs)));
        faults.errorRate = Double.parseDouble(q.getOrDefault("errorRate", String.valueOf(faults.errorRate)));
        faults.maintenance = Boolean.parseBoolean(q.getOrDefault("maintenance", String.valueOf(faults.maintenance)));
        faults.ipDenied = Boolean.parseBoolean(q.getOrDefault("ipDenied", String.valueOf(faults.ipDenied)));
        faults.rareNameRate = Double.parseDouble(q.getOrDefault("rareNameRate", String.valueOf(faults.rareNameRate)));
        if (q.containsKey("xxeFile")) {
            faults.xxeFile = q.get("xxeFile").isBlank() ? null : q.get("xxeFile");
        }
        if (q.containsKey("charset")) {
            faults.charset = q.get("charset").isBlank() ? null : q.get("charset");
        }
        if (q.containsKey("resultRoot")) {
            faults.resultRoot = q.get("resultRoot");
        }
        if (q.containsKey("rateLimitPerSecond")) {
            setRateLimitPerSecond(Integer.parseInt(q.get("rateLimitPerSecond")));
        }
        if (q.containsKey("failStatus")) {
            faults.failNext(Integer.parseInt(q.get("failStatus")), Integer.parseInt(q.getOrDefault("failCount", "1")));
        }
        if (q.containsKey("actionCode")) {
            faults.actionCode(Integer.parseInt(q.get("actionCode")), Integer.parseInt(q.getOrDefault("actionCount", "1")));
        }
    }

    // ---------------------------------------------------------------- couriers and sample data

    /**
     * 11st's dlvEtprsCd values as the simulated marketplace checks them (the common block of the facts), with the
     * number shapes the couriers use. Kept apart from the runtime's courier table on purpose.
     */
    static final class Couriers {
        private static final Map<String, String> RULES = new HashMap<>();

        static {
            RULES.put("00034", "10|12"); // CJ대한통운
            RULES.put("00011", "10|12"); // 한진
            RULES.put("00012", "10|12|13"); // 롯데
            RULES.put("00007", "13"); // 우체국
            RULES.put("00002", "10|11"); // 로젠
            RULES.put("00026", "8-16"); // 경동
            RULES.put("00021", "13"); // 대신
            RULES.put("00022", "8-16"); // 일양
            RULES.put("00027", "11"); // 천일
            RULES.put("00035", "8-16"); // 합동
            RULES.put("00008", "13"); // 우편등기
            for (String code : List.of("00001", "00023", "00025", "00031", "00036", "00037", "00038", "00039", "00047",
                    "00053", "00058", "00060", "00061", "00062", "00063", "00064", "00065", "00066", "00067", "00068",
                    "00069", "00070", "00099")) {
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

    /**
     * Invented, realistic-looking 11st data. Some names and address details use Hangul syllables outside KS X 1001
     * (똠, 햏, 뷁, 똘, 쏠 ...): MS949 encodes them, strict EUC-KR cannot. Nothing here belongs to a real person.
     */
    static final class SampleData {

        record Option(String name, String stockNo, String sku, long extra) {
        }

        record Product(String prdNo, String name, String sellerCode, long price, List<Option> options, String addOnName,
                       String addOnNo, long addOnPrice) {
        }

        private static final String[] SURNAMES = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오"};
        private static final String[] GIVEN = {"민준", "서연", "도윤", "하은", "시우", "지유", "예준", "서윤", "주원", "지민",
            "하준", "수아", "건우", "유진"};
        /** Given names with syllables outside KS X 1001 (MS949's extension). */
        private static final String[] RARE_GIVEN = {"똠이", "햏수", "뷁진", "똘미", "쏠희"};
        private static final String[][] ADDRESSES = {
            {"06236", "서울특별시 강남구 테헤란로 152"},
            {"04524", "서울특별시 중구 세종대로 110"},
            {"03925", "서울특별시 마포구 월드컵북로 396"},
            {"13529", "경기도 성남시 분당구 판교역로 235"},
            {"16677", "경기도 수원시 영통구 광교중앙로 140"},
            {"48058", "부산광역시 해운대구 센텀중앙로 79"},
            {"41911", "대구광역시 중구 공평로 88"},
            {"34126", "대전광역시 유성구 대학로 99"},
            {"63122", "제주특별자치도 제주시 문연로 6"},
            {"21999", "인천광역시 연수구 송도과학로 32"}};
        private static final String[] DETAILS = {"101동 1203호", "3층", "B동 502호", "805호", "상가 2층", "12층 1201호"};
        private static final String[] RARE_DETAILS = {"똠방빌라 201호", "햏빛마을 3단지 104동 701호"};
        private static final String[] MEMOS = {"부재시 경비실에 맡겨주세요", "문 앞에 놓아주세요", "배송 전 연락 바랍니다", null, null};
        static final List<Product> PRODUCTS = List.of(
                product("3456780011", "국산 유기농 현미 10kg", "ST-RICE-10", 39800, "쇼핑백", "5000011", 500,
                        "포장:일반", "포장:선물용"),
                product("3456780012", "남성 기능성 등산 티셔츠", "ST-TEE-M", 24900, null, null, 0,
                        "사이즈:95/색상:블랙", "사이즈:100/색상:블랙", "사이즈:105/색상:네이비"),
                product("3456780013", "스테인리스 냄비 3종 세트", "ST-POT-3", 59000, "실리콘 냄비받침", "5000013", 3900,
                        "색상:실버"),
                product("3456780014", "유아 물티슈 캡형 100매 x 10팩", "ST-WIPE-10", 15900, null, null, 0, "단일상품"),
                product("3456780015", "무선 충전 보조배터리 10000mAh", "ST-BAT-10K", 29900, "C타입 케이블", "5000015", 4900,
                        "색상:화이트", "색상:블랙"),
                product("3456780016", "제주 감귤 5kg 로얄과", "ST-JEJU-5", 27900, null, null, 0, "크기:중", "크기:대"));

        private SampleData() {
        }

        private static Product product(String prdNo, String name, String sellerCode, long price, String addOnName,
                                       String addOnNo, long addOnPrice, String... options) {
            List<Option> list = new ArrayList<>();
            for (int i = 0; i < options.length; i++) {
                list.add(new Option(options[i], String.valueOf(Long.parseLong(prdNo) * 100 + i + 1),
                        sellerCode + "-" + String.format("%02d", i + 1), i > 0 && sellerCode.contains("JEJU") ? 5000 : 0));
            }
            return new Product(prdNo, name, sellerCode, price, List.copyOf(list), addOnName, addOnNo, addOnPrice);
        }

        static String name(Random r, boolean rare) {
            return SURNAMES[r.nextInt(SURNAMES.length)] + (rare ? RARE_GIVEN[r.nextInt(RARE_GIVEN.length)]
                    : GIVEN[r.nextInt(GIVEN.length)]);
        }

        static String mobile(Random r) {
            return String.format("010-%04d-%04d", 1000 + r.nextInt(9000), r.nextInt(10000));
        }

        static String landline(Random r) {
            return String.format("02-%03d-%04d", 200 + r.nextInt(700), r.nextInt(10000));
        }

        static String[] address(Random r) {
            return ADDRESSES[r.nextInt(ADDRESSES.length)];
        }

        static String detail(Random r, boolean rare) {
            return rare && r.nextBoolean() ? RARE_DETAILS[r.nextInt(RARE_DETAILS.length)] : DETAILS[r.nextInt(DETAILS.length)];
        }

        static String memo(Random r) {
            return MEMOS[r.nextInt(MEMOS.length)];
        }

        static String memberId(Random r) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                b.append((char) ('a' + r.nextInt(26)));
            }
            return b.append("***").toString();
        }

        static Product product(Random r) {
            return PRODUCTS.get(r.nextInt(PRODUCTS.size()));
        }
    }
}
