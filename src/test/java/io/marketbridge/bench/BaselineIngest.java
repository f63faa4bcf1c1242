package io.marketbridge.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.db.Database;
import io.marketbridge.marketplace.coupang.CoupangSigner;
import io.marketbridge.sink.FileSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.LoggerFactory;

/**
 * The "physical limit" baseline of the ingest benchmark: the runtime's Coupang order ingest written by hand,
 * plainly and as fast as it goes, without Camel and without the runtime's intake, sink and mapper classes.
 * Per account (one task each on a fixed pool): page through the ACCEPT order sheets (signed GET, 50 a page,
 * nextToken), group the sheets by orderId, map them to the ERP contract's values, then write one JSON file per
 * order, the MB_ORDER / MB_ORDER_LINE rows in one transaction, and one CSV. Left out on purpose: the dedupe
 * ledger (MB_DELIVERY) and the file-exists check, acknowledgement (unless confirm=true), cursor, intake errors, and retries other
 * than a 429's Retry-After.
 *
 * <pre>
 * mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.marketbridge.bench.BaselineIngest \
 *   -Dexec.args="baseUrl=http://127.0.0.1:18231 accounts=accounts.properties db=jdbc:h2:mem:b;DB_CLOSE_DELAY=-1 out=/tmp/out"
 * </pre>
 *
 * The accounts file has one {@code accountId=vendorId,accessKey,secretKey} per line. Other keys: dbUser (sa),
 * dbPassword (empty), threads (10), lookbackDays (1, at most 31), fsync (true); db=none / out=none turn a sink off.
 * For PostgreSQL, a db url with reWriteBatchedInserts=true lets the driver send each batch as multi-row inserts.
 * confirm=true acknowledges every box after writing, as the runtime does (50 boxes a call; confirmRate calls per
 * second per account, see {@link BaselineConfirms}).
 */
public final class BaselineIngest {

    /** Totals of one run; seconds is the ingest's wall time (the schema migration before it not included). */
    public record Result(long orders, long lines, double seconds) {
        public double ordersPerSecond() {
            return seconds > 0 ? orders / seconds : 0;
        }
    }

    record Account(String id, String vendorId, String accessKey, String secretKey) { }

    // The canonical order as plain records: serialised by Jackson they give the runtime's per-order file
    // (same field names and order as OrderJson.toFileJson: schemaVersion, the order, lines, rawPayload).
    // nameKana: the katakana reading Qoo10 Japan gives (ERP contract version 4), null for the Korean marketplaces
    record Buyer(String name, String phone, String email, String nameKana) {
        Buyer(String name, String phone, String email) {
            this(name, phone, email, null);
        }
    }

    record Receiver(String name, String phone1, String phone2, String postcode, String address1, String address2,
                    String nameKana) {
        Receiver(String name, String phone1, String phone2, String postcode, String address1, String address2) {
            this(name, phone1, phone2, postcode, address1, address2, null);
        }
    }

    record Line(String lineId, String shipmentId, String productId, String optionId, String sellerSku,
                String productName, String optionName, int quantity, BigDecimal unitPrice, BigDecimal lineAmount,
                BigDecimal discountAmount, String status, String marketplaceStatus) {
    }

    record Order(int schemaVersion, String marketplace, String accountId, String orderId, String orderedAt,
                 String paidAt, String status, String marketplaceStatus, Buyer buyer, Receiver receiver,
                 String deliveryMessage, String customsId, String currency, BigDecimal itemsAmount,
                 BigDecimal discountAmount, BigDecimal shippingFee, BigDecimal paidAmount, List<Line> lines,
                 JsonNode rawPayload) {
    }

    private static final String API = "/v2/providers/openapi/apis/api";
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    static final ObjectWriter FILE_JSON = JSON.writerWithDefaultPrettyPrinter(); // as the runtime's files
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setHeader(FileSink.CSV_COLUMNS.toArray(String[]::new)).get();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    // the same columns as the runtime's DatabaseSink
    static final String INSERT_ORDER = "INSERT INTO MB_ORDER (marketplace, account_id, order_id, ordered_at, paid_at,"
            + " status, marketplace_status, buyer_name, buyer_phone, buyer_email, receiver_name, receiver_phone1,"
            + " receiver_phone2, receiver_postcode, receiver_address1, receiver_address2, delivery_message, customs_id,"
            + " currency, items_amount, discount_amount, shipping_fee, paid_amount, collected_at, raw_payload,"
            + " buyer_name_kana, receiver_name_kana) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    static final String INSERT_LINE = "INSERT INTO MB_ORDER_LINE (marketplace, account_id, order_id, line_id,"
            + " shipment_id, product_id, option_id, seller_sku, product_name, option_name, quantity, unit_price,"
            + " line_amount, discount_amount, status, marketplace_status, collected_at)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final String baseUrl;
    private final BaselineSinks sinks;
    private final LocalDate from;
    private final LocalDate to;
    private final boolean confirm;
    private final int confirmRate;

    private BaselineIngest(Map<String, String> o) {
        baseUrl = o.getOrDefault("baseUrl", "http://127.0.0.1:18231").replaceAll("/+$", "");
        sinks = new BaselineSinks(o);
        confirm = BaselineConfirms.on(o);
        confirmRate = BaselineConfirms.rate(o);
        to = LocalDate.now(SEOUL);
        from = to.minusDays(Integer.parseInt(o.getOrDefault("lookbackDays", "1")));
    }

    public static void main(String[] args) throws Exception {
        runMain(args, BaselineIngest::run);
    }

    /** A baseline's whole run, from its key=value options to its result. */
    interface Run {
        Result run(Map<String, String> options) throws Exception;
    }

    /**
     * What every baseline's main does: read key=value arguments, run, print the one result line (with the
     * process's CPU time and peak resident memory for a driver comparing resource use), exit.
     */
    static void runMain(String[] args, Run run) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("arguments are key=value, got: " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        // stdout carries the one result line: keep the migration's INFO line off the console
        if (LoggerFactory.getLogger("io.marketbridge.db") instanceof ch.qos.logback.classic.Logger db) {
            db.setLevel(Level.WARN);
        }
        Result r = run.run(options);
        double cpu = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : 0;
        System.out.printf(Locale.ROOT, "baseline: orders=%d lines=%d seconds=%.3f orders_per_second=%.1f"
                + " cpu_seconds=%.2f rss_peak_mib=%.1f%n", r.orders(), r.lines(), r.seconds(), r.ordersPerSecond(),
                cpu, peakRssMib());
        System.exit(0);
    }

    /** VmHWM of /proc/self/status (Linux), 0 elsewhere. */
    static double peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no figure
        }
        return 0;
    }

    /** Runs the whole ingest once; options are the command line's key=value pairs. */
    public static Result run(Map<String, String> options) throws Exception {
        String accountsFile = Objects.requireNonNull(options.get("accounts"), "accounts=<file> is missing");
        BaselineIngest job = new BaselineIngest(options);
        return job.sinks.runAll(readAccounts(Path.of(accountsFile)), options, job::ingest);
    }

    /** One account's ingest: returns {orders, lines}. */
    interface AccountIngest<A> {
        long[] ingest(A account) throws Exception;
    }

    /**
     * What every baseline does around its per-account work: migrate the schema, create the file folders, run
     * one task per account on a fixed pool (option threads, 10), add up the counts, close the connections.
     */
    static <A> Result runAll(List<A> accounts, Map<String, String> options, String dbUrl, String dbUser, String dbPassword,
                             Path out, AccountIngest<A> ingest, List<Connection> connections) throws Exception {
        if (dbUrl != null) {
            try (HikariDataSource ds = Database.open(dbUrl, dbUser, dbPassword, 2)) {
                Database.migrate(ds);
            }
        }
        if (out != null) {
            for (String d : List.of(".tmp", "json", "csv")) {
                Files.createDirectories(out.resolve(d));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Integer.parseInt(options.getOrDefault("threads", "10")));
        long start = System.nanoTime();
        try {
            List<Future<long[]>> tasks = new ArrayList<>();
            for (A a : accounts) {
                tasks.add(pool.submit(() -> ingest.ingest(a)));
            }
            long orders = 0;
            long lines = 0;
            for (Future<long[]> t : tasks) {
                long[] n = t.get();
                orders += n[0];
                lines += n[1];
            }
            return new Result(orders, lines, (System.nanoTime() - start) / 1e9);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pool.shutdownNow();
            synchronized (connections) {
                for (Connection c : connections) {
                    c.close();
                }
            }
        }
    }

    /** One account: fetch every page, map, then the JSON files, the rows (one transaction), the CSV. */
    private long[] ingest(Account a) throws Exception {
        String path = API + "/v5/vendors/" + a.vendorId() + "/ordersheets";
        Map<String, List<JsonNode>> sheetsByOrder = new LinkedHashMap<>();
        String token = "";
        do {
            String query = "createdAtFrom=" + from + "%2B09:00&createdAtTo=" + to + "%2B09:00&maxPerPage=50"
                    + (token.isEmpty() ? "" : "&nextToken=" + URLEncoder.encode(token, UTF_8)) + "&status=ACCEPT";
            token = fetchPage(a, path, query, sheetsByOrder);
        } while (!token.isEmpty());

        List<Order> orders = new ArrayList<>(sheetsByOrder.size());
        for (List<JsonNode> sheets : sheetsByOrder.values()) {
            Order o = map(a.id(), sheets);
            if (o != null) {
                orders.add(o);
            }
        }
        long[] written = sinks.write(a.id(), orders);
        if (confirm) {
            acknowledge(a, BaselineConfirms.units(orders));
        }
        return written;
    }

    /** The runtime's acknowledgement: PUT v4 .../ordersheets/acknowledgement, at most 50 shipmentBoxIds a call. */
    private void acknowledge(Account a, List<String> boxes) throws IOException, InterruptedException {
        String path = API + "/v4/vendors/" + a.vendorId() + "/ordersheets/acknowledgement";
        BaselineConfirms.Pace pace = new BaselineConfirms.Pace(confirmRate);
        for (List<String> chunk : BaselineConfirms.chunks(boxes, 50)) {
            StringBuilder body = new StringBuilder("{\"vendorId\":\"").append(a.vendorId()).append("\",\"shipmentBoxIds\":[");
            for (int i = 0; i < chunk.size(); i++) {
                body.append(i == 0 ? "" : ",").append(Long.parseLong(chunk.get(i)));
            }
            body.append("]}");
            pace.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", CoupangSigner.authorization(a.accessKey(), a.secretKey(), "PUT", path, "", Instant.now()))
                    .header("Content-Type", "application/json;charset=UTF-8")
                    .PUT(HttpRequest.BodyPublishers.ofString(body.toString(), UTF_8)).build();
            HttpResponse<InputStream> response = BaselineConfirms.retrying(
                    () -> HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()));
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("account " + a.id() + ": acknowledgement HTTP " + response.statusCode());
                }
                // per box: succeed or not; a refused box is left as it is (no re-read in the baseline)
                JSON.readTree(in).path("data").path("responseList");
            }
        }
    }

    /** One signed GET; its sheets go into byOrder. Returns the next page's token, "" after the last page. */
    private String fetchPage(Account a, String path, String query, Map<String, List<JsonNode>> byOrder)
            throws IOException, InterruptedException {
        // built as a string: URI.create keeps %2B as it is, and the signature covers the query as sent
        URI uri = URI.create(baseUrl + path + "?" + query);
        for (int attempt = 1; ; attempt++) {
            String authorization = CoupangSigner.authorization(a.accessKey(), a.secretKey(), "GET", path, query, Instant.now());
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET()
                    .header("Authorization", authorization).build();
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() == 429 && attempt < 10) {
                    Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
                    continue;
                }
                if (response.statusCode() != 200) {
                    throw new IOException("account " + a.id() + ": HTTP " + response.statusCode() + " "
                            + new String(body.readAllBytes(), UTF_8));
                }
                return readPage(body, byOrder);
            }
        }
    }

    /** Streams {"code":..,"data":[sheet,...],"nextToken":".."}, reading one tree per sheet. */
    private static String readPage(InputStream body, Map<String, List<JsonNode>> byOrder) throws IOException {
        String next = "";
        int sheets = 0;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the answer is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("data") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode sheet = p.readValueAsTree();
                        byOrder.computeIfAbsent(sheet.path("orderId").asText(), k -> new ArrayList<>(1)).add(sheet);
                        sheets++;
                    }
                } else if (field.equals("nextToken")) {
                    next = p.getValueAsString("");
                } else {
                    p.skipChildren();
                }
            }
        }
        return sheets == 0 ? "" : next; // an empty page ends the paging, as in the runtime
    }

    /**
     * The sheets of one order (one per shipmentBoxId) to the values CoupangOrderMapper gives for v5 sheets.
     * An order with a sheet without items is skipped (the runtime parks it in MB_INTAKE_ERROR).
     */
    static Order map(String accountId, List<JsonNode> sheets) {
        List<Line> lines = new ArrayList<>();
        BigDecimal items = BigDecimal.ZERO;
        BigDecimal discount = BigDecimal.ZERO;
        BigDecimal shipping = BigDecimal.ZERO;
        for (JsonNode sheet : sheets) {
            if (sheet.path("orderItems").isEmpty()) {
                return null;
            }
            String box = sheet.path("shipmentBoxId").asText();
            shipping = shipping.add(money(sheet.get("shippingPrice"))).add(money(sheet.get("remotePrice")));
            for (JsonNode item : sheet.path("orderItems")) {
                String vendorItemId = item.path("vendorItemId").asText();
                BigDecimal amount = money(item.get("orderPrice"));
                BigDecimal lineDiscount = money(item.get("discountPrice"));
                boolean canceled = item.path("canceled").asBoolean(false);
                lines.add(new Line(box + "-" + vendorItemId, box, id(item, "productId", "sellerProductId"), vendorItemId,
                        text(item, "externalVendorSkuCode"), text(item, "sellerProductName"),
                        firstText(item, "sellerProductItemName", "vendorItemName"), item.path("shippingCount").asInt(),
                        money(item.get("salesPrice")), amount, lineDiscount,
                        canceled ? "CANCELLED" : "PAID", canceled ? "CANCELED" : text(sheet, "status")));
                items = items.add(amount);
                discount = discount.add(lineDiscount);
            }
        }
        JsonNode first = sheets.get(0);
        JsonNode orderer = first.path("orderer");
        JsonNode receiver = first.path("receiver");
        JsonNode shippingPrice = first.path("shippingPrice");
        ArrayNode raw = JSON.createArrayNode().addAll(sheets);
        return new Order(1, "COUPANG", accountId, first.path("orderId").asText(), time(first, "orderedAt"),
                time(first, "paidAt"), "PAID", text(first, "status"),
                new Buyer(text(orderer, "name"), firstText(orderer, "safeNumber", "ordererNumber"),
                        blankToNull(text(orderer, "email"))),
                new Receiver(text(receiver, "name"), firstText(receiver, "safeNumber", "receiverNumber"),
                        blankToNull(text(receiver, "receiverNumber")), text(receiver, "postCode"),
                        text(receiver, "addr1"), text(receiver, "addr2")),
                blankToNull(text(first, "parcelPrintMessage")),
                blankToNull(text(first.path("overseaShippingInfoDto"), "personalCustomsClearanceCode")),
                shippingPrice.hasNonNull("currencyCode") ? shippingPrice.get("currencyCode").asText() : "KRW",
                items, discount, shipping, items.subtract(discount).add(shipping), lines, raw);
    }

    /** v5 Money {currencyCode, units, nanos}; absent counts as 0 (the simulator always sends nanos 0). */
    private static BigDecimal money(JsonNode m) {
        if (m == null || m.isNull()) {
            return BigDecimal.ZERO;
        }
        long nanos = m.path("nanos").asLong(0);
        BigDecimal units = BigDecimal.valueOf(m.path("units").asLong());
        return nanos == 0 ? units : units.add(BigDecimal.valueOf(nanos, 9)).stripTrailingZeros();
    }

    /** ISO-8601 with offset, printed as the runtime's OffsetDateTime prints it. */
    private static String time(JsonNode node, String field) {
        String v = text(node, field);
        return v == null ? null : OffsetDateTime.parse(v).toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            String v = blankToNull(text(node, f));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String id(JsonNode node, String... fields) {
        for (String f : fields) {
            String v = blankToNull(text(node, f));
            if (v != null && !v.equals("0")) {
                return v;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                ps.setNull(i + 1, Types.VARCHAR);
            } else {
                ps.setObject(i + 1, values[i]);
            }
        }
    }

    /** The account's CSV: FileSink's header, one row per order line, UTF-8. */
    static byte[] csv(List<Order> orders) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(orders.size() * 1024);
        try (CSVPrinter csv = new CSVPrinter(new OutputStreamWriter(bytes, UTF_8), CSV)) {
            for (Order o : orders) {
                Buyer b = o.buyer();
                Receiver r = o.receiver();
                for (Line l : o.lines()) {
                    csv.printRecord(o.marketplace(), o.accountId(), o.orderId(), l.lineId(), l.shipmentId(),
                            o.orderedAt(), o.paidAt(), o.status(), o.marketplaceStatus(), b.name(), b.phone(), b.email(),
                            r.name(), r.phone1(), r.phone2(), r.postcode(), r.address1(), r.address2(),
                            o.deliveryMessage(), o.customsId(), o.currency(), l.productId(), l.optionId(), l.sellerSku(),
                            l.productName(), l.optionName(), l.quantity(), l.unitPrice().toPlainString(),
                            l.lineAmount().toPlainString(), l.discountAmount().toPlainString(), l.status(),
                            o.itemsAmount().toPlainString(), o.discountAmount().toPlainString(),
                            o.shippingFee().toPlainString(), o.paidAmount().toPlainString(), b.nameKana(), r.nameKana());
                }
            }
        }
        return bytes.toByteArray();
    }

    /** File-name safe, as the runtime: characters other than A-Z a-z 0-9 . _ - become '_'. */
    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** A properties file, one {@code accountId=vendorId,accessKey,secretKey} per account, taken in id order. */
    static List<Account> readAccounts(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, UTF_8)) {
            p.load(in);
        }
        List<Account> accounts = new ArrayList<>();
        for (String id : new TreeSet<>(p.stringPropertyNames())) {
            String[] v = p.getProperty(id).split(",");
            if (v.length != 3) {
                throw new IllegalArgumentException(file + ", account " + id + ": expected vendorId,accessKey,secretKey");
            }
            accounts.add(new Account(id, v[0].strip(), v[1].strip(), v[2].strip()));
        }
        return accounts;
    }
}
