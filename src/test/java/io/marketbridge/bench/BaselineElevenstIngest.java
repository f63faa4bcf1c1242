package io.marketbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.bench.BaselineIngest.Buyer;
import io.marketbridge.bench.BaselineIngest.Line;
import io.marketbridge.bench.BaselineIngest.Order;
import io.marketbridge.bench.BaselineIngest.Receiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The "physical limit" baseline of the ingest benchmark for 11st, written by hand like {@link BaselineIngest}
 * (whose records and write side it shares), without Camel and without the runtime's 11st classes. Per account
 * (one task each on a fixed pool): GET /rest/ordservices/complete/{from}/{to} with the openapikey header over
 * the look-back in windows of at most 7 days (a window that comes back with the 3,000-row cap is halved and
 * asked again), the EUC-KR XML streamed with StAX by local name, the rows grouped by ordNo into one order with
 * a line per ordPrdSeq, then one JSON file per order, the MB_ORDER / MB_ORDER_LINE rows in one transaction,
 * and one CSV. Left out on purpose: the dedupe ledger, confirmation (reqpackaging; with confirm=true every line
 * written is confirmed after the writes, one call per line at confirmRate calls per second, as the runtime does), cursor, intake errors,
 * and retries other than waiting out a 429 or the maintenance answer.
 *
 * <p>The accounts file has one {@code accountId=apiKey} per line. Other keys: baseUrl (the host, without
 * /rest), db and out (none turns a sink off), dbUser (sa), dbPassword (empty), threads (10), lookbackHours
 * (24), charset (MS949: EUC-KR's superset), fsync (true). Prints the same result line as BaselineIngest. Keys
 * are never printed.
 */
public final class BaselineElevenstIngest {

    record Account(String id, String apiKey) {
        @Override
        public String toString() {
            return "Account[" + id + "]";
        }
    }

    private static final int ROW_CAP = 3000;
    private static final Duration MAX_WINDOW = Duration.ofDays(7);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter PATH_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    private static final DateTimeFormatter XML_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        // no DTDs, no external entities: the same refusal the runtime applies
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private final String baseUrl;
    private final BaselineSinks sinks;
    private final LocalDateTime windowFrom;
    private final LocalDateTime windowTo;
    private final Charset charset;
    private final boolean confirm;
    private final int confirmRate;

    private BaselineElevenstIngest(Map<String, String> o) {
        confirm = BaselineConfirms.on(o);
        confirmRate = BaselineConfirms.rate(o);
        baseUrl = o.getOrDefault("baseUrl", "http://127.0.0.1:18231").replaceAll("/+$", "");
        sinks = new BaselineSinks(o);
        windowTo = LocalDateTime.now(SEOUL).withSecond(0).withNano(0).plusMinutes(1);
        windowFrom = windowTo.minusHours(Long.parseLong(o.getOrDefault("lookbackHours", "24")));
        charset = Charset.forName(o.getOrDefault("charset", "MS949"));
    }

    public static void main(String[] args) throws Exception {
        BaselineIngest.runMain(args, BaselineElevenstIngest::run);
    }

    /** Runs the whole ingest once; options are the command line's key=value pairs. */
    public static BaselineIngest.Result run(Map<String, String> options) throws Exception {
        String accountsFile = Objects.requireNonNull(options.get("accounts"), "accounts=<file> is missing");
        BaselineElevenstIngest job = new BaselineElevenstIngest(options);
        return job.sinks.runAll(readAccounts(Path.of(accountsFile)), options, job::ingest);
    }

    /** One account: every window, grouped by ordNo and mapped, then the sinks. */
    private long[] ingest(Account a) throws Exception {
        Map<String, List<Map<String, String>>> rowsByOrder = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        LocalDateTime from = windowFrom;
        while (from.isBefore(windowTo)) {
            LocalDateTime to = from.plus(MAX_WINDOW).isBefore(windowTo) ? from.plus(MAX_WINDOW) : windowTo;
            fetchWindow(a, from, to, rowsByOrder, seen);
            from = to;
        }
        List<Order> orders = new ArrayList<>(rowsByOrder.size());
        for (List<Map<String, String>> rows : rowsByOrder.values()) {
            Order o = map(a.id(), rows);
            if (o != null) {
                orders.add(o);
            }
        }
        long[] written = sinks.write(a.id(), orders);
        if (confirm) {
            BaselineConfirms.Pace pace = new BaselineConfirms.Pace(confirmRate);
            for (Order o : orders) {
                for (Map<String, String> row : rowsByOrder.get(o.orderId())) {
                    reqpackaging(a, row, pace);
                }
            }
        }
        return written;
    }

    /**
     * The runtime's confirmation (발주확인) of one line: GET reqpackaging/{ordNo}/{ordPrdSeq}/{addPrdYn}/{addPrdNo}/{dlvNo}
     * ("null" as addPrdNo for a line that is not an add-on, the connector's default); 0 and -3206 (already
     * confirmed) are confirmed, anything else is left as it is.
     */
    private void reqpackaging(Account a, Map<String, String> row, BaselineConfirms.Pace pace)
            throws IOException, InterruptedException, XMLStreamException {
        boolean addOn = "Y".equalsIgnoreCase(row.get("addPrdYn"));
        String addPrdNo = addOn && row.get("addPrdNo") != null ? row.get("addPrdNo") : "null";
        URI uri = URI.create(baseUrl + "/rest/ordservices/reqpackaging/" + row.get("ordNo") + "/" + row.get("ordPrdSeq") + "/"
                + (addOn ? "Y" : "N") + "/" + addPrdNo + "/" + row.get("dlvNo"));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET()
                .header("openapikey", a.apiKey()).header("Accept", "application/xml").build();
        pace.acquire();
        HttpResponse<InputStream> response = BaselineConfirms.retrying(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("account " + a.id() + ": reqpackaging HTTP " + response.statusCode());
            }
            read(new InputStreamReader(body, charset), new ArrayList<>());
        }
    }

    /** One window; at the row cap it is halved (on whole minutes) and each half asked again. */
    private void fetchWindow(Account a, LocalDateTime from, LocalDateTime to, Map<String, List<Map<String, String>>> byOrder,
                             Set<String> seen) throws IOException, InterruptedException, XMLStreamException {
        List<Map<String, String>> rows = complete(a, from, to);
        long minutes = Duration.between(from, to).toMinutes();
        if (rows.size() >= ROW_CAP && minutes > 1) {
            LocalDateTime middle = from.plusMinutes(minutes / 2);
            fetchWindow(a, from, middle, byOrder, seen);
            fetchWindow(a, middle, to, byOrder, seen);
            return;
        }
        for (Map<String, String> row : rows) {
            // the bounds are whole minutes and both ends count: a row on a boundary comes twice
            if (seen.add(row.get("ordNo") + "/" + row.get("ordPrdSeq"))) {
                byOrder.computeIfAbsent(row.get("ordNo"), k -> new ArrayList<>(2)).add(row);
            }
        }
    }

    /** GET complete/{from}/{to}: the ns2:order elements as local-name -> text maps. */
    private List<Map<String, String>> complete(Account a, LocalDateTime from, LocalDateTime to)
            throws IOException, InterruptedException, XMLStreamException {
        URI uri = URI.create(baseUrl + "/rest/ordservices/complete/" + PATH_TIME.format(from) + "/" + PATH_TIME.format(to));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET()
                .header("openapikey", a.apiKey()).header("Accept", "application/xml").build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 429 && attempt < 20) {
                    Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
                    continue;
                }
                if (response.statusCode() != 200) {
                    throw new IOException("account " + a.id() + ": HTTP " + response.statusCode());
                }
                List<Map<String, String>> rows = new ArrayList<>();
                String code = read(new InputStreamReader(body, charset), rows);
                if ("-1000".equals(code) && attempt < 20) {
                    Thread.sleep(1000); // weekly maintenance: ask again
                    continue;
                }
                if (code != null && code.startsWith("-")) {
                    throw new IOException("account " + a.id() + ": result_code " + code);
                }
                return rows;
            }
        }
    }

    /** Streams the list answer; returns its result_code (null when the list holds orders only). */
    private static String read(Reader in, List<Map<String, String>> rows) throws XMLStreamException {
        XMLStreamReader r = XML.createXMLStreamReader(in);
        String code = null;
        Map<String, String> row = null;
        int depth = 0;
        try {
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = r.getLocalName();
                    if (depth == 2 && name.equals("order")) {
                        row = new HashMap<>(96);
                    } else if (depth == 3 && row != null) {
                        String text = r.getElementText().strip();
                        depth--;
                        if (!text.isEmpty() && !text.equals("null")) {
                            row.put(name, text);
                        }
                    } else if (depth == 2 && name.equals("result_code")) {
                        code = r.getElementText().strip();
                        depth--;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 2 && row != null) {
                        rows.add(row);
                        row = null;
                    }
                    depth--;
                }
            }
        } finally {
            r.close();
        }
        return code;
    }

    /**
     * The rows of one ordNo to the ERP contract's values: a line per ordPrdSeq shipped by its dlvNo bundle,
     * the bundle's shipping fee counted once. A row without ordPrdSeq, quantity or price is skipped, as is
     * an order whose numbers do not parse.
     */
    static Order map(String accountId, List<Map<String, String>> rows) {
        Map<String, String> first = rows.get(0);
        List<Line> lines = new ArrayList<>(rows.size());
        BigDecimal items = BigDecimal.ZERO;
        BigDecimal discount = BigDecimal.ZERO;
        BigDecimal shipping = BigDecimal.ZERO;
        Set<String> bundles = new HashSet<>();
        ArrayNode raw = JSON.createArrayNode();
        try {
            for (Map<String, String> row : rows) {
                String seq = row.get("ordPrdSeq");
                String qty = row.get("ordQty");
                if (seq == null || qty == null || row.get("selPrc") == null) {
                    return null;
                }
                int quantity = Integer.parseInt(qty);
                BigDecimal unit = new BigDecimal(row.get("selPrc"));
                BigDecimal amount = row.containsKey("ordAmt") ? new BigDecimal(row.get("ordAmt"))
                        : unit.multiply(BigDecimal.valueOf(quantity));
                BigDecimal lineDiscount = amount(row, "sellerDscPrc").add(amount(row, "tmallDscPrc"));
                String sku = row.getOrDefault("sellerStockCd", row.get("sellerPrdCd"));
                String stat = row.getOrDefault("ordPrdStat", "202");
                lines.add(new Line(seq, row.get("dlvNo"), row.get("prdNo"), row.get("prdStckNo"), sku, row.get("prdNm"),
                        row.get("slctPrdOptNm"), quantity, unit, amount, lineDiscount, "PAID", stat));
                items = items.add(amount);
                discount = discount.add(lineDiscount);
                if (bundles.add(String.valueOf(row.get("dlvNo")))) {
                    shipping = shipping.add(amount(row, "dlvCst")).add(amount(row, "bmDlvCst"));
                }
                ObjectNode node = raw.addObject();
                row.forEach(node::put);
            }
            return new Order(1, "11ST", accountId, first.get("ordNo"), time(first.get("ordDt")),
                    time(first.get("ordStlEndDt")), "PAID", first.getOrDefault("ordPrdStat", "202"),
                    new Buyer(first.get("ordNm"), first.get("ordPrtblTel"), null),
                    new Receiver(first.get("rcvrNm"), first.get("rcvrPrtblNo"), first.get("rcvrTlphn"), first.get("rcvrMailNo"),
                            first.get("rcvrBaseAddr"), first.get("rcvrDtlsAddr")),
                    first.get("ordDlvReqCont"), first.get("psnCscUniqNo"), "KRW", items, discount, shipping,
                    items.subtract(discount).add(shipping), lines, raw);
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal amount(Map<String, String> row, String field) {
        String v = row.get(field);
        return v == null ? BigDecimal.ZERO : new BigDecimal(v);
    }

    /** KST wall clock "yyyy-MM-dd HH:mm:ss" as ISO-8601 with +09:00, printed as the runtime prints it. */
    private static String time(String v) {
        return v == null ? null : LocalDateTime.parse(v, XML_TIME).atZone(SEOUL).toOffsetDateTime().toString();
    }

    /** A properties file, one {@code accountId=apiKey} per account, taken in id order. */
    static List<Account> readAccounts(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        List<Account> accounts = new ArrayList<>();
        for (String id : new TreeSet<>(p.stringPropertyNames())) {
            accounts.add(new Account(id, p.getProperty(id).strip()));
        }
        return accounts;
    }
}
