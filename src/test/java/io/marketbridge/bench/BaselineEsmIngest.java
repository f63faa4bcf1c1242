package io.marketbridge.bench;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The "physical limit" baseline of the ingest benchmark for Gmarket and Auction (ESM Plus Trading API 2.0),
 * written by hand like {@link BaselineIngest} (whose records and write side it shares), without Camel and
 * without the runtime's ESM classes. Per account (one task each on a fixed pool) and per site it sells on:
 * POST /shipping/v1/Order/RequestOrders (orderStatus 1, requestDateType 2, the look-back as one window,
 * pageIndex/pageSize until TotalCount), each call with a fresh HS256 JWT signed with the JDK's HMAC, no two
 * calls of one site seller ID closer than the bucket interval (ResultCode 3000 waits it out again); then the
 * rows grouped by PayNo into one order per site with a line per OrderNo, one JSON file per order, the MB_ORDER
 * / MB_ORDER_LINE rows in one transaction, and one CSV. Left out on purpose: the dedupe ledger, confirmation
 * (OrderCheck; with confirm=true every OrderNo written is confirmed after the writes, one call each, unthrottled as
 * in the runtime), cursor, intake errors.
 *
 * <p>The accounts file has one {@code accountId=masterId,secret,gmarketSellerId,auctionSellerId} per line (a
 * site the account does not sell on is "-"). Other keys: baseUrl (the host), db and out (none turns a sink
 * off), dbUser (sa), dbPassword (empty), threads (10), lookbackHours (24), pageSize (100), intervalMs (5000:
 * the bucket of one order query per 5 s per site seller ID), fsync (true). Prints the same result line as
 * BaselineIngest. Secrets and tokens are never printed.
 */
public final class BaselineEsmIngest {

    record Account(String id, String masterId, String secret, String gmarketSellerId, String auctionSellerId) {
        @Override
        public String toString() {
            return "Account[" + id + "]";
        }
    }

    private static final String REQUEST_ORDERS = "/shipping/v1/Order/RequestOrders";
    private static final String ORDER_CHECK = "/shipping/v1/Order/OrderCheck/";
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter WINDOW_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final String baseUrl;
    private final BaselineSinks sinks;
    private final String windowFrom;
    private final String windowTo;
    private final int pageSize;
    private final long intervalMs;
    private final boolean confirm;

    private BaselineEsmIngest(Map<String, String> o) {
        confirm = BaselineConfirms.on(o);
        baseUrl = o.getOrDefault("baseUrl", "http://127.0.0.1:18231").replaceAll("/+$", "");
        sinks = new BaselineSinks(o);
        LocalDateTime to = LocalDateTime.now(SEOUL).withSecond(0).withNano(0).plusMinutes(1);
        windowTo = WINDOW_TIME.format(to);
        windowFrom = WINDOW_TIME.format(to.minusHours(Long.parseLong(o.getOrDefault("lookbackHours", "24"))));
        pageSize = Integer.parseInt(o.getOrDefault("pageSize", "100"));
        intervalMs = Long.parseLong(o.getOrDefault("intervalMs", "5000"));
    }

    public static void main(String[] args) throws Exception {
        BaselineIngest.runMain(args, BaselineEsmIngest::run);
    }

    /** Runs the whole ingest once; options are the command line's key=value pairs. */
    public static BaselineIngest.Result run(Map<String, String> options) throws Exception {
        String accountsFile = Objects.requireNonNull(options.get("accounts"), "accounts=<file> is missing");
        BaselineEsmIngest job = new BaselineEsmIngest(options);
        return job.sinks.runAll(readAccounts(Path.of(accountsFile)), options, job::ingest);
    }

    /** One account: each site it sells on, then the sinks once. */
    private long[] ingest(Account a) throws Exception {
        List<Order> orders = new ArrayList<>();
        if (a.gmarketSellerId() != null) {
            site(a, "GMARKET", 2, "G:" + a.gmarketSellerId(), orders);
        }
        if (a.auctionSellerId() != null) {
            site(a, "AUCTION", 1, "A:" + a.auctionSellerId(), orders);
        }
        long[] written = sinks.write(a.id(), orders);
        if (confirm) {
            // the runtime's token names every site the account sells on
            List<String> sites = new ArrayList<>();
            if (a.auctionSellerId() != null) {
                sites.add("A:" + a.auctionSellerId());
            }
            if (a.gmarketSellerId() != null) {
                sites.add("G:" + a.gmarketSellerId());
            }
            String ssi = String.join(",", sites);
            for (String orderNo : BaselineConfirms.units(orders)) {
                orderCheck(a, ssi, orderNo);
            }
        }
        return written;
    }

    /** The runtime's confirmation (주문확인) of one OrderNo: POST OrderCheck/{OrderNo}, a fresh JWT, body {}. */
    private void orderCheck(Account a, String ssi, String orderNo) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + ORDER_CHECK + orderNo)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + jwt(a, ssi)).header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        HttpResponse<InputStream> response = BaselineConfirms.retrying(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("account " + a.id() + ": OrderCheck HTTP " + response.statusCode());
            }
            // ResultCode 0 is confirmed; a refusal is left as it is (no re-read in the baseline)
            JSON.readTree(in).path("ResultCode");
        }
    }

    /** Every page of one site's paid orders, grouped by PayNo and mapped. */
    private void site(Account a, String marketplace, int siteType, String ssi, List<Order> orders) throws Exception {
        Map<String, List<JsonNode>> byPayNo = new LinkedHashMap<>();
        int seen = 0;
        long lastCall = 0;
        for (int page = 1; ; page++) {
            ObjectNode body = JSON.createObjectNode();
            body.put("siteType", siteType);
            body.put("orderStatus", 1);
            body.put("requestDateType", 2);
            body.put("requestDateFrom", windowFrom);
            body.put("requestDateTo", windowTo);
            body.put("pageIndex", page);
            body.put("pageSize", pageSize);
            JsonNode data = null;
            for (int attempt = 1; data == null; attempt++) {
                long wait = lastCall + intervalMs - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                lastCall = System.currentTimeMillis();
                JsonNode answer = post(a, ssi, body);
                int code = answer.path("ResultCode").asInt(-1);
                if (code == 3000 && attempt < 20) {
                    continue; // the bucket: wait one interval more
                }
                if (code != 0) {
                    throw new IOException("account " + a.id() + " " + marketplace + ": ResultCode " + code + " "
                            + answer.path("Message").asText());
                }
                data = answer.path("Data");
            }
            JsonNode rows = data.path("RequestOrders");
            for (JsonNode row : rows) {
                byPayNo.computeIfAbsent(row.path("PayNo").asText(), k -> new ArrayList<>(2)).add(row);
            }
            seen += rows.size();
            if (rows.isEmpty() || seen >= data.path("TotalCount").asInt()) {
                break;
            }
        }
        for (List<JsonNode> rows : byPayNo.values()) {
            Order o = map(a.id(), marketplace, rows);
            if (o != null) {
                orders.add(o);
            }
        }
    }

    private JsonNode post(Account a, String ssi, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + REQUEST_ORDERS)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + jwt(a, ssi)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("account " + a.id() + ": HTTP " + response.statusCode());
            }
            return JSON.readTree(in);
        }
    }

    /** HS256 over header {alg, typ, kid = master ID} and claims {iss, sub, aud, iat, ssi}. */
    private static String jwt(Account a, String ssi) throws IOException {
        ObjectNode header = JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT").put("kid", a.masterId());
        ObjectNode claims = JSON.createObjectNode().put("iss", "www.esmplus.com").put("sub", "sell")
                .put("aud", "sa.esmplus.com").put("iat", System.currentTimeMillis() / 1000).put("ssi", ssi);
        String signed = B64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(a.secret().getBytes(UTF_8), "HmacSHA256"));
            return signed + "." + B64URL.encodeToString(mac.doFinal(signed.getBytes(US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IOException("HS256 is not available", e);
        }
    }

    /**
     * The rows of one PayNo on one site to the ERP contract's values: a line (and shipping unit) per OrderNo;
     * money from the 4-decimal strings. A row without OrderNo, quantity or price is skipped, as is an order
     * whose numbers or dates do not parse.
     */
    static Order map(String accountId, String marketplace, List<JsonNode> rows) {
        JsonNode first = rows.get(0);
        List<Line> lines = new ArrayList<>(rows.size());
        BigDecimal items = BigDecimal.ZERO;
        BigDecimal discount = BigDecimal.ZERO;
        BigDecimal shipping = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        ArrayNode raw = JSON.createArrayNode();
        try {
            for (JsonNode row : rows) {
                String orderNo = text(row, "OrderNo");
                if (orderNo == null || !row.path("ContrAmount").canConvertToInt() || text(row, "SalePrice") == null) {
                    return null;
                }
                int quantity = row.path("ContrAmount").asInt();
                BigDecimal unit = money(row, "SalePrice");
                BigDecimal amount = text(row, "OrderAmount") != null ? money(row, "OrderAmount")
                        : unit.multiply(BigDecimal.valueOf(quantity));
                BigDecimal lineDiscount = money(row, "SellerDiscountPrice");
                List<String> options = new ArrayList<>();
                for (JsonNode option : row.path("ItemOptionSelectList")) {
                    String name = text(option, "ItemOptionValue");
                    if (name != null) {
                        options.add(name);
                    }
                }
                String sku = text(row, "OutGoodsNo") != null ? text(row, "OutGoodsNo") : text(row, "SKUNo");
                lines.add(new Line(orderNo, orderNo, text(row, "SiteGoodsNo"), text(row, "SKUNo"), sku,
                        text(row, "GoodsName"), options.isEmpty() ? null : String.join(" / ", options), quantity, unit,
                        amount, lineDiscount, "PAID", text(row, "OrderStatus")));
                items = items.add(amount);
                discount = discount.add(lineDiscount);
                shipping = shipping.add(money(row, "ShippingFee"));
                paid = paid.add(money(row, "AcntMoney"));
                raw.add(row);
            }
            return new Order(1, marketplace, accountId, text(first, "PayNo"), time(first, "OrderDate"),
                    time(first, "PayDate"), "PAID", text(first, "OrderStatus"),
                    new Buyer(text(first, "BuyerName"), text(first, "BuyerMobileTel"), null),
                    new Receiver(text(first, "ReceiverName"), text(first, "HpNo"), text(first, "TelNo"),
                            text(first, "ZipCode"), text(first, "DelFullAddress"), null),
                    text(first, "DelMemo"), text(first, "InfoCin"), "KRW", items, discount, shipping, paid, lines, raw);
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal money(JsonNode row, String field) {
        String v = text(row, field);
        return v == null ? BigDecimal.ZERO : new BigDecimal(v).stripTrailingZeros();
    }

    /** ISO local KST ("yyyy-MM-ddTHH:mm:ss[.fff]") as ISO-8601 with +09:00, printed as the runtime prints it. */
    private static String time(JsonNode row, String field) {
        String v = text(row, field);
        return v == null ? null : LocalDateTime.parse(v).atZone(SEOUL).toOffsetDateTime().toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    /** A properties file, one {@code accountId=masterId,secret,gmarketSellerId,auctionSellerId} per account. */
    static List<Account> readAccounts(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, UTF_8)) {
            p.load(in);
        }
        List<Account> accounts = new ArrayList<>();
        for (String id : new TreeSet<>(p.stringPropertyNames())) {
            String[] v = p.getProperty(id).split(",");
            if (v.length != 4) {
                throw new IllegalArgumentException(file + ", account " + id
                        + ": expected masterId,secret,gmarketSellerId,auctionSellerId");
            }
            accounts.add(new Account(id, v[0].strip(), v[1].strip(), site(v[2]), site(v[3])));
        }
        return accounts;
    }

    private static String site(String sellerId) {
        String s = sellerId.strip();
        return s.isEmpty() || s.equals("-") ? null : s;
    }
}
