package io.marketbridge.bench;

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
import java.math.RoundingMode;
import java.net.URI;
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
 * The "physical limit" baseline of the ingest benchmark for Lotte ON, written by hand like {@link BaselineIngest}
 * (whose records and write side it shares), without Camel and without the runtime's Lotte ON classes. Per account
 * (one task each on a fixed pool): POST /v1/openapi/delivery/v1/SellerDeliveryOrdersSearch with the key as
 * {@code Authorization: Bearer} over the look-back in windows of at most one day less a second (Lotte ON refuses
 * longer ones; there is no paging), step 11, the JSON envelope read whole, delivery rows (dvRtrvDvsCd DV) grouped by
 * odNo into one order with a line per odNo-odSeq-procSeq, then one JSON file per order, the MB_ORDER / MB_ORDER_LINE
 * rows in one transaction, and one CSV. Left out on purpose: the dedupe ledger, acknowledgement (IfComplete; with
 * confirm=true every order written is acknowledged after the writes, all its lines, 20 orders a call at confirmRate
 * calls per second, as the runtime does), cursor,
 * intake errors, per-row results, and retries other than waiting out a 429.
 *
 * <p>The accounts file has one {@code accountId=apiKey} per line. Other keys: baseUrl (the host, without
 * /v1/openapi), db and out (none turns a sink off), dbUser (sa), dbPassword (empty), threads (10), lookbackHours
 * (24), fsync (true). Prints the same result line as BaselineIngest. Keys are never printed.
 */
public final class BaselineLotteonIngest {

    record Account(String id, String apiKey) {
        @Override
        public String toString() {
            return "Account[" + id + "]";
        }
    }

    private static final String SEARCH = "/v1/openapi/delivery/v1/SellerDeliveryOrdersSearch";
    private static final String IF_COMPLETE = "/v1/openapi/delivery/v1/SellerIfCompleteInform";
    private static final Duration MAX_WINDOW = Duration.ofDays(1).minusSeconds(1);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;
    private final BaselineSinks sinks;
    private final LocalDateTime windowFrom;
    private final LocalDateTime windowTo;
    private final boolean confirm;
    private final int confirmRate;

    private BaselineLotteonIngest(Map<String, String> o) {
        confirm = BaselineConfirms.on(o);
        confirmRate = BaselineConfirms.rate(o);
        baseUrl = o.getOrDefault("baseUrl", "http://127.0.0.1:18231").replaceAll("/+$", "");
        sinks = new BaselineSinks(o);
        windowTo = LocalDateTime.now(SEOUL).withNano(0);
        windowFrom = windowTo.minusHours(Long.parseLong(o.getOrDefault("lookbackHours", "24")));
    }

    public static void main(String[] args) throws Exception {
        BaselineIngest.runMain(args, BaselineLotteonIngest::run);
    }

    /** Runs the whole ingest once; options are the command line's key=value pairs. */
    public static BaselineIngest.Result run(Map<String, String> options) throws Exception {
        String accountsFile = Objects.requireNonNull(options.get("accounts"), "accounts=<file> is missing");
        BaselineLotteonIngest job = new BaselineLotteonIngest(options);
        return job.sinks.runAll(readAccounts(Path.of(accountsFile)), options, job::ingest);
    }

    /** One account: every window, grouped by odNo and mapped, then the sinks. */
    private long[] ingest(Account a) throws Exception {
        Map<String, List<JsonNode>> rowsByOrder = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        LocalDateTime from = windowFrom;
        while (!from.isAfter(windowTo)) {
            LocalDateTime to = from.plus(MAX_WINDOW).isBefore(windowTo) ? from.plus(MAX_WINDOW) : windowTo;
            for (JsonNode row : search(a, from, to)) {
                // both ends count and the slices touch: a row on a boundary second could come twice
                if ("DV".equals(row.path("dvRtrvDvsCd").asText("DV"))
                        && seen.add(row.path("odNo").asText() + "-" + row.path("odSeq").asText() + "-" + row.path("procSeq").asText())) {
                    rowsByOrder.computeIfAbsent(row.path("odNo").asText(), k -> new ArrayList<>(2)).add(row);
                }
            }
            from = to.plusSeconds(1);
        }
        List<Order> orders = new ArrayList<>(rowsByOrder.size());
        for (List<JsonNode> rows : rowsByOrder.values()) {
            Order o = map(a.id(), rows);
            if (o != null) {
                orders.add(o);
            }
        }
        long[] written = sinks.write(a.id(), orders);
        if (confirm) {
            BaselineConfirms.Pace pace = new BaselineConfirms.Pace(confirmRate);
            for (List<Order> chunk : BaselineConfirms.chunks(orders, 20)) {
                ifComplete(a, chunk, rowsByOrder, pace);
            }
        }
        return written;
    }

    /** The runtime's acknowledgement: one SellerIfCompleteInform naming every delivery line of the chunk's orders. */
    private void ifComplete(Account a, List<Order> chunk, Map<String, List<JsonNode>> rowsByOrder, BaselineConfirms.Pace pace)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("ifCompleteList");
        for (Order o : chunk) {
            for (JsonNode row : rowsByOrder.get(o.orderId())) {
                list.addObject().put("dvRtrvDvsCd", "DV").put("odNo", o.orderId()).put("odSeq", text(row, "odSeq"))
                        .put("procSeq", text(row, "procSeq")).put("ifCplYN", "Y").put("ifFlRsnCnts", "");
            }
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + IF_COMPLETE)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + a.apiKey()).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        pace.acquire();
        HttpResponse<InputStream> response = BaselineConfirms.retrying(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream()));
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("account " + a.id() + ": IfComplete HTTP " + response.statusCode());
            }
            // per line: a result in data; a refusal is left as it is
            JSON.readTree(in).path("data");
        }
    }

    /** One window's delivery instructions (step 11): the rows of data.deliveryOrderList. */
    private JsonNode search(Account a, LocalDateTime from, LocalDateTime to) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("srchStrtDt", SECOND.format(from));
        body.put("srchEndDt", SECOND.format(to));
        body.put("odPrgsStepCd", "11");
        body.put("ifCplYN", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + SEARCH)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + a.apiKey()).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() == 429 && attempt < 20) {
                    Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
                    continue;
                }
                if (response.statusCode() != 200) {
                    throw new IOException("account " + a.id() + ": HTTP " + response.statusCode());
                }
                JsonNode envelope = JSON.readTree(in);
                String code = envelope.path("returnCode").asText();
                if (!"0000".equals(code)) {
                    throw new IOException("account " + a.id() + ": returnCode " + code);
                }
                JsonNode rows = envelope.path("data").path("deliveryOrderList");
                return rows.isArray() ? rows : JSON.createArrayNode();
            }
        }
    }

    /**
     * The rows of one odNo to the ERP contract's values: a line per row, slAmt as the line's amount, the order's
     * dvCst counted once. An order with a row whose quantity, amount or ids do not parse is skipped.
     */
    static Order map(String accountId, List<JsonNode> rows) {
        JsonNode first = rows.get(0);
        String odNo = first.path("odNo").asText();
        List<Line> lines = new ArrayList<>(rows.size());
        BigDecimal items = BigDecimal.ZERO;
        BigDecimal shipping = BigDecimal.ZERO;
        ArrayNode raw = JSON.createArrayNode();
        try {
            for (JsonNode row : rows) {
                String odSeq = text(row, "odSeq");
                String procSeq = text(row, "procSeq");
                String spdNo = text(row, "spdNo");
                JsonNode qty = row.hasNonNull("odQty") ? row.get("odQty") : row.get("slQty");
                if (odSeq == null || procSeq == null || spdNo == null || qty == null || text(row, "slAmt") == null) {
                    return null;
                }
                int quantity = Integer.parseInt(qty.asText().trim());
                if (quantity <= 0) {
                    return null;
                }
                BigDecimal amount = new BigDecimal(row.get("slAmt").asText().trim());
                BigDecimal unit = amount.divide(BigDecimal.valueOf(quantity), 2, RoundingMode.HALF_UP).stripTrailingZeros();
                String sitmNo = text(row, "sitmNo");
                String sku = text(row, "eitmNo") != null ? text(row, "eitmNo") : sitmNo;
                String step = text(row, "odPrgsStepCd");
                lines.add(new Line(odNo + "-" + odSeq + "-" + procSeq, odNo, spdNo, sitmNo, sku, text(row, "spdNm"),
                        option(row), quantity, unit.scale() < 0 ? unit.setScale(0) : unit, amount, BigDecimal.ZERO,
                        status(step), step));
                items = items.add(amount);
                String fee = text(row, "dvCst");
                if (fee != null) {
                    shipping = shipping.max(new BigDecimal(fee.trim()));
                }
                raw.add(row);
            }
            String paid = time(text(first, "odCmptDttm"));
            String ordered = time(text(first, "odAcptDttm"));
            String step = text(first, "odPrgsStepCd");
            String mobile = text(first, "dvpMphnNo");
            return new Order(1, "LOTTEON", accountId, odNo, ordered != null ? ordered : paid, paid, status(step), step,
                    new Buyer(text(first, "odrNm"), null, null),
                    new Receiver(text(first, "dvpCustNm"), mobile != null ? mobile : text(first, "dvpTelNo"),
                            text(first, "dvpTelNo"), text(first, "dvpZipNo"), text(first, "dvpStnmZipAddr"),
                            text(first, "dvpStnmDtlAddr")),
                    text(first, "dvMsg"), text(first, "indvCstmPclrNo"), "KRW", items, BigDecimal.ZERO, shipping,
                    items.add(shipping), lines, raw);
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    /** sitmNm, with the added option (adtnOptNm: adtnOptVal) when there is one. */
    private static String option(JsonNode row) {
        String option = text(row, "sitmNm");
        String addName = text(row, "adtnOptNm");
        if (addName == null) {
            return option;
        }
        String addValue = text(row, "adtnOptVal");
        String added = addName + (addValue == null ? "" : ": " + addValue);
        return option == null ? added : option + " / " + added;
    }

    private static String status(String step) {
        return switch (step == null ? "" : step) {
            case "11" -> "PAID";
            case "12" -> "CONFIRMED";
            case "13" -> "SHIPPED";
            case "14", "15" -> "DELIVERED";
            default -> throw new NumberFormatException("step");
        };
    }

    /** Non-blank text of a field, else null. */
    private static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    /** KST wall clock yyyyMMddHHmmss as ISO-8601 with +09:00, seconds always printed, as the runtime prints it. */
    private static String time(String v) {
        return v == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(LocalDateTime.parse(v, SECOND).atZone(SEOUL));
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
