package io.marketbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.marketbridge.bench.BaselineIngest.Buyer;
import io.marketbridge.bench.BaselineIngest.Line;
import io.marketbridge.bench.BaselineIngest.Order;
import io.marketbridge.bench.BaselineIngest.Receiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The "physical limit" baseline of the ingest benchmark for Qoo10 Japan, written by hand like {@link BaselineIngest}
 * (whose records and write side it shares), without Camel and without the runtime's Qoo10 classes. Per account (one
 * task each on a fixed pool): the seller authorization key from CertificationAPI.CreateCertificationKey (API key in
 * the GiosisCertificationKey header, QSM login and password in the form), then ShippingBasic.GetShippingInfo_v2 with
 * ShippingStat 2 by payment date over the look-back in JST windows of at most seven days (no paging; -10002 is "no
 * order"), the rows grouped by packNo into one order with a line per orderNo, then one JSON file per order, the
 * MB_ORDER / MB_ORDER_LINE rows in one transaction, and one CSV. Left out on purpose: the dedupe ledger,
 * confirmation (SetSellerCheckYN_V2; with confirm=true every orderNo written is confirmed after the writes, one call
 * each at confirmRate calls per second, as the runtime does), cursor, intake errors, SAK renewal and retries.
 *
 * <p>The accounts file has one {@code accountId=apiKey,userId,password} per line. Other keys: baseUrl (the host;
 * the service path is appended), db and out (none turns a sink off), dbUser (sa), dbPassword (empty), threads (10),
 * lookbackHours (24), fsync (true). Prints the same result line as BaselineIngest. Keys are never printed.
 */
public final class BaselineQoo10Ingest {

    record Account(String id, String apiKey, String userId, String password) {
        @Override
        public String toString() {
            return "Account[" + id + "]";
        }
    }

    private static final String SERVICE = "/GMKT.INC.Front.QAPIService/ebayjapan.qapi/";
    private static final Duration MAX_WINDOW = Duration.ofDays(7);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter ROW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;
    private final BaselineSinks sinks;
    private final LocalDateTime windowFrom;
    private final LocalDateTime windowTo;
    private final boolean confirm;
    private final int confirmRate;

    private BaselineQoo10Ingest(Map<String, String> o) {
        confirm = BaselineConfirms.on(o);
        confirmRate = BaselineConfirms.rate(o);
        baseUrl = o.getOrDefault("baseUrl", "http://127.0.0.1:18231").replaceAll("/+$", "");
        sinks = new BaselineSinks(o);
        windowTo = LocalDateTime.now(TOKYO).withNano(0);
        windowFrom = windowTo.minusHours(Long.parseLong(o.getOrDefault("lookbackHours", "24")));
    }

    public static void main(String[] args) throws Exception {
        BaselineIngest.runMain(args, BaselineQoo10Ingest::run);
    }

    /** Runs the whole ingest once; options are the command line's key=value pairs. */
    public static BaselineIngest.Result run(Map<String, String> options) throws Exception {
        String accountsFile = Objects.requireNonNull(options.get("accounts"), "accounts=<file> is missing");
        BaselineQoo10Ingest job = new BaselineQoo10Ingest(options);
        return job.sinks.runAll(readAccounts(Path.of(accountsFile)), options, job::ingest);
    }

    /** One account: the SAK, every window, grouped by packNo and mapped, then the sinks. */
    private long[] ingest(Account a) throws Exception {
        Map<String, String> login = new LinkedHashMap<>();
        login.put("user_id", a.userId());
        login.put("pwd", a.password());
        String sak = call(a, "CertificationAPI.CreateCertificationKey", a.apiKey(), login).path("ResultObject").asText();
        Map<String, List<JsonNode>> rowsByCart = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        LocalDateTime from = windowFrom;
        while (!from.isAfter(windowTo)) {
            LocalDateTime to = from.plus(MAX_WINDOW).isBefore(windowTo) ? from.plus(MAX_WINDOW) : windowTo;
            Map<String, String> p = new LinkedHashMap<>();
            p.put("ShippingStat", "2");
            p.put("search_condition", "2");
            p.put("search_Sdate", SECOND.format(from));
            p.put("search_Edate", SECOND.format(to));
            JsonNode rows = call(a, "ShippingBasic.GetShippingInfo_v2", sak, p).path("ResultObject");
            for (JsonNode row : rows.isArray() ? rows : JSON.createArrayNode()) {
                // both ends count and the slices touch: a row on a boundary second could come twice
                if (seen.add(row.path("orderNo").asText())) {
                    rowsByCart.computeIfAbsent(row.path("packNo").asText(), k -> new ArrayList<>(2)).add(row);
                }
            }
            from = to.plusSeconds(1);
        }
        List<Order> orders = new ArrayList<>(rowsByCart.size());
        for (List<JsonNode> rows : rowsByCart.values()) {
            Order o = map(a.id(), rows);
            if (o != null) {
                orders.add(o);
            }
        }
        long[] written = sinks.write(a.id(), orders);
        if (confirm) {
            // the runtime's confirmation: one SetSellerCheckYN_V2 per orderNo (no EstShipDt, the connector's default)
            BaselineConfirms.Pace pace = new BaselineConfirms.Pace(confirmRate);
            for (String orderNo : BaselineConfirms.units(orders)) {
                pace.acquire();
                // any ResultCode is an answer (-10004: checked already, e.g. by a call whose answer was lost); only
                // a failed exchange is sent again
                BaselineConfirms.retrying(() -> post(a, "ShippingBasic.SetSellerCheckYN_V2", sak, Map.of("OrderNo", orderNo)));
            }
        }
        return written;
    }

    /** One QAPI call in the header style: a form POST, HTTP 200 always, the ResultCode decides (-10002: no order). */
    private JsonNode call(Account a, String method, String key, Map<String, String> params)
            throws IOException, InterruptedException {
        JsonNode answer = post(a, method, key, params);
        int code = answer.path("ResultCode").asInt(answer.path("ErrorCode").asInt(Integer.MIN_VALUE));
        if (code == -10002 && method.startsWith("ShippingBasic.")) {
            return JSON.createObjectNode().set("ResultObject", JSON.createArrayNode());
        }
        if (code != 0) {
            throw new IOException("account " + a.id() + ": " + method + " ResultCode " + code);
        }
        return answer;
    }

    /** The form POST and its JSON answer, whatever its ResultCode; HTTP other than 200 is an error. */
    private JsonNode post(Account a, String method, String key, Map<String, String> params)
            throws IOException, InterruptedException {
        StringBuilder form = new StringBuilder("returnType=application%2Fjson");
        params.forEach((k, v) -> form.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + SERVICE + method)).timeout(Duration.ofSeconds(60))
                .header("GiosisCertificationKey", key).header("QAPIVersion", "1.0").header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("account " + a.id() + ": " + method + " HTTP " + response.statusCode());
            }
            return JSON.readTree(in);
        }
    }

    /**
     * The rows of one packNo to the ERP contract's values: a line per orderNo (also its shipment), orderPrice as the
     * unit price, orderPrice x orderQty as the line's amount, discount, the rows' total as the paid amount, no
     * shipping fee, JPY, names with their kana readings. An order with a row that does not parse is skipped.
     */
    static Order map(String accountId, List<JsonNode> rows) {
        JsonNode first = rows.get(0);
        String packNo = first.path("packNo").asText();
        List<Line> lines = new ArrayList<>(rows.size());
        BigDecimal items = BigDecimal.ZERO;
        BigDecimal discounts = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        ArrayNode raw = JSON.createArrayNode();
        try {
            for (JsonNode row : rows) {
                String orderNo = text(row, "orderNo");
                int quantity = Integer.parseInt(row.path("orderQty").asText().trim());
                if (orderNo == null || quantity <= 0 || text(row, "orderPrice") == null) {
                    return null;
                }
                BigDecimal price = amount(row, "orderPrice");
                BigDecimal discount = text(row, "discount") == null ? BigDecimal.ZERO : amount(row, "discount");
                BigDecimal lineAmount = price.multiply(BigDecimal.valueOf(quantity));
                String item = text(row, "sellerItemCode");
                String option = text(row, "optionCode");
                String sku = item == null ? option : option == null ? item : item + "-" + option;
                String step = text(row, "shippingStatus");
                lines.add(new Line(orderNo, orderNo, text(row, "itemCode"), option, sku != null ? sku : text(row, "itemCode"),
                        text(row, "itemTitle"), text(row, "option"), quantity, price, lineAmount, discount,
                        status(step), step == null ? "2" : step));
                items = items.add(lineAmount);
                discounts = discounts.add(discount);
                paid = paid.add(text(row, "total") == null ? lineAmount.subtract(discount) : amount(row, "total"));
                raw.add(row);
            }
            String mobile = text(first, "receiverMobile");
            String tel = text(first, "receiverTel");
            String currency = text(first, "Currency");
            return new Order(1, "QOO10", accountId, packNo, time(text(first, "orderDate")), time(text(first, "PaymentDate")),
                    lines.get(0).status(), lines.get(0).marketplaceStatus(),
                    new Buyer(text(first, "buyer"), text(first, "buyerMobile") != null ? text(first, "buyerMobile")
                            : text(first, "buyerTel"), text(first, "buyerEmail"), text(first, "buyer_gata")),
                    new Receiver(text(first, "receiver"), mobile != null ? mobile : tel, mobile != null ? tel : null,
                            text(first, "zipCode"), text(first, "shippingAddr"), null, text(first, "receiver_gata")),
                    text(first, "ShippingMsg"), null, currency == null ? "JPY" : currency, items, discounts,
                    BigDecimal.ZERO, paid, lines, raw);
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    /** "1980.0000" -> 1980, exactly. */
    private static BigDecimal amount(JsonNode row, String field) {
        BigDecimal d = new BigDecimal(row.get(field).asText().trim()).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    private static String status(String code) {
        return switch (code == null ? "2" : code) {
            case "1", "2" -> "PAID";
            case "3" -> "CONFIRMED";
            case "4" -> "SHIPPED";
            case "5" -> "DELIVERED";
            default -> throw new NumberFormatException("shippingStatus");
        };
    }

    /** Non-blank text of a field, else null. */
    private static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    /** JST "yyyy-MM-dd HH:mm:ss" as ISO-8601 with +09:00, seconds always printed, as the runtime prints it. */
    private static String time(String v) {
        return v == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(LocalDateTime.parse(v, ROW_TIME).atZone(TOKYO));
    }

    /** A properties file, one {@code accountId=apiKey,userId,password} per account, taken in id order. */
    static List<Account> readAccounts(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        List<Account> accounts = new ArrayList<>();
        for (String id : new TreeSet<>(p.stringPropertyNames())) {
            String[] v = p.getProperty(id).strip().split(",", 3);
            accounts.add(new Account(id, v[0], v[1], v[2]));
        }
        return accounts;
    }
}
