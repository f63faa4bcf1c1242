package io.marketbridge.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.bench.BaselineIngest.Buyer;
import io.marketbridge.bench.BaselineIngest.Line;
import io.marketbridge.bench.BaselineIngest.Order;
import io.marketbridge.bench.BaselineIngest.Receiver;
import io.marketbridge.bench.BaselineIngest.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The "physical limit" baseline of the ingest benchmark for Naver SmartStore, written by hand like
 * {@link BaselineIngest} (whose records, row binding and CSV writer it shares, so both write the same files,
 * rows and columns), without Camel and without the runtime's Naver classes. Per account (one task each on a
 * fixed pool): one OAuth2 token (bcrypt-signed, form body), the change feed over the window in slices of at
 * most 24 h (lastChangedType PAYED, then GIFT_RECEIVED, 300 a page, `more` paging), the details of the
 * changed product orders in chunks of 300, one order per orderId and one line per productOrderId with the
 * values NaverOrderMapper gives, then one JSON file per order, the MB_ORDER / MB_ORDER_LINE rows in one
 * transaction, and one CSV. Left out on purpose: the dedupe ledger, confirmation (unless confirm=true: then every
 * product order written is confirmed, 30 a call, as the runtime does), cursor, intake errors, and
 * retries other than waiting out a 429.
 *
 * <p>The accounts file has one {@code accountId=clientId,clientSecret} per line. Other keys: baseUrl (up to
 * and including /external), db and out (none turns a sink off), dbUser (sa), dbPassword (empty), threads (10),
 * lookbackHours (24), changeTypes (PAYED,GIFT_RECEIVED), fsync (true). Prints the same result line as
 * BaselineIngest. Tokens and secrets are never printed.
 */
public final class BaselineNaverIngest {

    record Account(String id, String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "Account[" + id + "]";
        }
    }

    private static final String PAY_ORDER = "/v1/pay-order/seller/product-orders";
    private static final int FEED_PAGE = 300;
    private static final int QUERY_CHUNK = 300;
    private static final Duration MAX_SLICE = Duration.ofHours(24);
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter NAVER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;
    private final BaselineSinks sinks;
    private final OffsetDateTime windowFrom;
    private final OffsetDateTime windowTo;
    private final List<String> changeTypes;
    private final boolean confirm;
    private final int confirmRate;

    private BaselineNaverIngest(Map<String, String> o) {
        confirm = BaselineConfirms.on(o);
        confirmRate = BaselineConfirms.rate(o);
        baseUrl = o.getOrDefault("baseUrl", "http://127.0.0.1:18231/external").replaceAll("/+$", "");
        sinks = new BaselineSinks(o);
        windowTo = OffsetDateTime.now(SEOUL);
        windowFrom = windowTo.minusHours(Long.parseLong(o.getOrDefault("lookbackHours", "24")));
        changeTypes = List.of(o.getOrDefault("changeTypes", "PAYED,GIFT_RECEIVED").split(","));
    }

    public static void main(String[] args) throws Exception {
        BaselineIngest.runMain(args, BaselineNaverIngest::run);
    }

    /** Runs the whole ingest once; options are the command line's key=value pairs. */
    public static Result run(Map<String, String> options) throws Exception {
        String accountsFile = Objects.requireNonNull(options.get("accounts"), "accounts=<file> is missing");
        BaselineNaverIngest job = new BaselineNaverIngest(options);
        return job.sinks.runAll(readAccounts(Path.of(accountsFile)), options, job::ingest);
    }

    /** One account: token, feed, details, map, then the JSON files, the rows (one transaction), the CSV. */
    private long[] ingest(Account a) throws Exception {
        String bearer = "Bearer " + token(a);
        // every productOrderId once, in feed order (a received gift shows up in both passes)
        Set<String> ids = new LinkedHashSet<>();
        for (String type : changeTypes) {
            OffsetDateTime from = windowFrom;
            while (!from.isAfter(windowTo)) {
                OffsetDateTime to = from.plus(MAX_SLICE); // both bounds are inclusive
                if (to.isAfter(windowTo)) {
                    to = windowTo;
                }
                followFeed(a, bearer, type, NAVER_TIME.format(from), NAVER_TIME.format(to), ids);
                from = to.plusNanos(1_000_000);
            }
        }
        Map<String, List<JsonNode>> detailsByOrder = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += QUERY_CHUNK) {
            queryDetails(a, bearer, all.subList(i, Math.min(all.size(), i + QUERY_CHUNK)), detailsByOrder);
        }

        List<Order> orders = new ArrayList<>(detailsByOrder.size());
        for (List<JsonNode> details : detailsByOrder.values()) {
            Order o = map(a.id(), details);
            if (o != null) {
                orders.add(o);
            }
        }
        long[] written = sinks.write(a.id(), orders);
        if (confirm) {
            confirm(a, bearer, BaselineConfirms.units(orders));
        }
        return written;
    }

    /** The runtime's confirmation (발주 확인): POST .../product-orders/confirm, at most 30 productOrderIds a call. */
    private void confirm(Account a, String bearer, List<String> productOrderIds) throws IOException, InterruptedException {
        BaselineConfirms.Pace pace = new BaselineConfirms.Pace(confirmRate);
        for (List<String> chunk : BaselineConfirms.chunks(productOrderIds, 30)) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode ids = body.putArray("productOrderIds");
            chunk.forEach(ids::add);
            pace.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + PAY_ORDER + "/confirm"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", bearer)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            try (InputStream in = BaselineConfirms.retrying(() -> send(a, request, "confirmation"))) {
                // per item: successProductOrderInfos / failProductOrderInfos; a refusal is left as it is
                JSON.readTree(in).path("data").path("successProductOrderInfos");
            }
        }
    }

    /** POST /v1/oauth2/token: client credentials, client_secret_sign = Base64(bcrypt(clientId_timestamp, secret)). */
    private String token(Account a) throws IOException, InterruptedException {
        long timestamp = System.currentTimeMillis();
        String hashed = BCrypt.hashpw(a.clientId() + "_" + timestamp, a.clientSecret());
        String sign = Base64.getEncoder().encodeToString(hashed.getBytes(UTF_8));
        String form = "client_id=" + encode(a.clientId()) + "&timestamp=" + timestamp
                + "&grant_type=client_credentials&client_secret_sign=" + encode(sign) + "&type=SELF";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/oauth2/token")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try (InputStream body = send(a, request, "token request")) {
            String token = JSON.readTree(body).path("access_token").asText("");
            if (token.isEmpty()) {
                throw new IOException("account " + a.id() + ": the token answer has no access_token");
            }
            return token;
        }
    }

    /** Pages through one feed slice: while `more` comes back, go on from moreFrom/moreSequence, same end. */
    private void followFeed(Account a, String bearer, String type, String from, String to, Set<String> ids)
            throws IOException, InterruptedException {
        String moreFrom = null;
        String moreSequence = null;
        do {
            String query = "lastChangedFrom=" + encode(moreFrom != null ? moreFrom : from) + "&lastChangedTo=" + encode(to)
                    + "&lastChangedType=" + type + "&limitCount=" + FEED_PAGE
                    + (moreSequence != null ? "&moreSequence=" + encode(moreSequence) : "");
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + PAY_ORDER + "/last-changed-statuses?" + query))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", bearer).GET().build();
            String[] more;
            try (InputStream body = send(a, request, "change feed")) {
                more = readFeedPage(body, ids);
            }
            moreFrom = more[0];
            moreSequence = more[1];
        } while (moreFrom != null);
    }

    /**
     * Streams {"data":{"count":..,"more":{"moreFrom":..,"moreSequence":..},"lastChangeStatuses":[..]}}, adding
     * each row's productOrderId. Returns {moreFrom, moreSequence}, or nulls when this was the last page.
     */
    private static String[] readFeedPage(InputStream body, Set<String> ids) throws IOException {
        String moreFrom = null;
        String moreSequence = null;
        int rows = 0;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the feed answer is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("data") || value != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String dataField = p.currentName();
                    JsonToken dataValue = p.nextToken();
                    if (dataField.equals("lastChangeStatuses") && dataValue == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            rows++;
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String rowField = p.currentName();
                                p.nextToken();
                                if (rowField.equals("productOrderId")) {
                                    String id = p.getValueAsString("");
                                    if (!id.isEmpty()) {
                                        ids.add(id);
                                    }
                                } else {
                                    p.skipChildren();
                                }
                            }
                        }
                    } else if (dataField.equals("more") && dataValue == JsonToken.START_OBJECT) {
                        JsonNode more = p.readValueAsTree();
                        moreFrom = more.hasNonNull("moreFrom") ? more.get("moreFrom").asText() : null;
                        moreSequence = more.hasNonNull("moreSequence") ? more.get("moreSequence").asText() : null;
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
        // an empty page ends the paging, as in the runtime
        return rows == 0 || moreFrom == null ? new String[2] : new String[] {moreFrom, moreSequence};
    }

    /**
     * POST .../query for up to 300 ids; keeps, grouped by orderId, the product orders that are the seller's
     * to ship now (PAYED and not a gift still waiting for its receiver's address), as the runtime does.
     */
    private void queryDetails(Account a, String bearer, List<String> chunk, Map<String, List<JsonNode>> byOrder)
            throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        ArrayNode array = request.putArray("productOrderIds");
        chunk.forEach(array::add);
        request.put("quantityClaimCompatibility", true);
        HttpRequest http = HttpRequest.newBuilder(URI.create(baseUrl + PAY_ORDER + "/query")).timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer).header("Content-Type", "application/json;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request))).build();
        try (InputStream body = send(a, http, "detail query");
             JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the query answer is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("data") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode detail = p.readValueAsTree();
                        JsonNode po = detail.path("productOrder");
                        if (!"PAYED".equals(po.path("productOrderStatus").asText())
                                || "WAIT_FOR_RECEIVING".equals(po.path("giftReceivingStatus").asText())) {
                            continue;
                        }
                        String orderId = detail.path("order").path("orderId").asText("");
                        String key = orderId.isEmpty() ? "productOrder:" + po.path("productOrderId").asText() : orderId;
                        byOrder.computeIfAbsent(key, k -> new ArrayList<>(2)).add(detail);
                    }
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    /** Sends a request; a 429 is waited out (Retry-After if given, else a second: Naver sends none). */
    private static InputStream send(Account a, HttpRequest request, String what) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 200) {
                return response.body();
            }
            String error;
            try (InputStream body = response.body()) {
                error = new String(body.readAllBytes(), UTF_8);
            }
            if (response.statusCode() == 429 && attempt < 10) {
                String retryAfter = response.headers().firstValue("Retry-After").orElse("1").trim();
                Thread.sleep(1000L * (retryAfter.matches("[0-9]+") ? Long.parseLong(retryAfter) : 1));
                continue;
            }
            throw new IOException("account " + a.id() + ", " + what + ": HTTP " + response.statusCode() + " " + error);
        }
    }

    /**
     * The details of one orderId to the values NaverOrderMapper gives: a line (and shipping unit) per
     * productOrderId; receiver and memo of the first product order with an address. An order the runtime
     * could not map (missing id, quantity or amounts, unknown status, no address) is skipped.
     */
    static Order map(String accountId, List<JsonNode> details) {
        JsonNode order = details.get(0).path("order");
        String orderId = blankToNull(text(order, "orderId"));
        if (orderId == null) {
            return null;
        }
        orderId = orderId.trim();
        List<Line> lines = new ArrayList<>(details.size());
        BigDecimal items = BigDecimal.ZERO;
        BigDecimal discount = BigDecimal.ZERO;
        BigDecimal shipping = BigDecimal.ZERO;
        BigDecimal paid = BigDecimal.ZERO;
        JsonNode address = null;
        String memo = null;
        String customs = null;
        OffsetDateTime orderedAt;
        OffsetDateTime paidAt;
        try {
            orderedAt = time(order, "orderDate");
            paidAt = time(order, "paymentDate");
            for (JsonNode detail : details) {
                JsonNode po = detail.path("productOrder");
                String productOrderId = blankToNull(text(po, "productOrderId"));
                JsonNode quantity = po.get("quantity");
                if (productOrderId == null || !orderId.equals(String.valueOf(text(detail.path("order"), "orderId")).trim())
                        || quantity == null || !quantity.canConvertToInt() || quantity.asInt() <= 0) {
                    return null;
                }
                productOrderId = productOrderId.trim();
                BigDecimal unit = amount(po, "unitPrice", null);
                BigDecimal option = amount(po, "optionPrice", BigDecimal.ZERO);
                BigDecimal product = amount(po, "totalProductAmount", null);
                if (product == null) {
                    if (unit == null) {
                        return null;
                    }
                    product = unit.add(option).multiply(BigDecimal.valueOf(quantity.asInt()));
                }
                BigDecimal lineDiscount = amount(po, "productDiscountAmount", BigDecimal.ZERO);
                BigDecimal linePaid = amount(po, "totalPaymentAmount", product.subtract(lineDiscount));
                BigDecimal fee = amount(po, "deliveryFeeAmount", BigDecimal.ZERO)
                        .subtract(amount(po, "deliveryDiscountAmount", BigDecimal.ZERO));
                String naverStatus = text(po, "productOrderStatus");
                String place = text(po, "placeOrderStatus");
                String[] claim = claim(detail, po);
                String status = status(naverStatus, place, claim);
                if (status == null) {
                    return null;
                }
                String marketplaceStatus = naverStatus + (place == null ? "" : "/" + place)
                        + (claim == null || claim[1] == null ? "" : "/" + claim[1]);
                lines.add(new Line(productOrderId, productOrderId, text(po, "productId"),
                        firstText(po, "optionCode", "itemNo"), firstText(po, "optionManageCode", "sellerProductCode"),
                        text(po, "productName"), blankToNull(text(po, "productOption")), quantity.asInt(),
                        unit == null ? null : unit.add(option), product, lineDiscount, status, marketplaceStatus));
                items = items.add(product);
                discount = discount.add(lineDiscount);
                shipping = shipping.add(fee);
                paid = paid.add(linePaid);
                JsonNode shippingAddress = po.get("shippingAddress");
                if (address == null && shippingAddress != null && shippingAddress.isObject()) {
                    address = shippingAddress;
                    memo = blankToNull(text(po, "shippingMemo"));
                }
                customs = customs != null ? customs : blankToNull(text(po, "individualCustomUniqueCode"));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
        if (address == null) {
            return null;
        }
        ArrayNode raw = JSON.createArrayNode();
        details.forEach(raw::add);
        return new Order(1, "NAVER", accountId, orderId, orderedAt == null ? null : orderedAt.toString(),
                paidAt == null ? null : paidAt.toString(), lines.get(0).status(), lines.get(0).marketplaceStatus(),
                new Buyer(text(order, "ordererName"), blankToNull(text(order, "ordererTel")), null),
                new Receiver(text(address, "name"), blankToNull(text(address, "tel1")), blankToNull(text(address, "tel2")),
                        text(address, "zipCode"), text(address, "baseAddress"), blankToNull(text(address, "detailedAddress"))),
                memo, customs, "KRW", items, discount, shipping, paid.add(shipping), lines, raw);
    }

    /**
     * The claim in force as {type, claimStatus}: currentClaim.{cancel|return|exchange}, else the deprecated
     * top-level object, else the summary fields on the product order; null without a claim.
     */
    private static String[] claim(JsonNode detail, JsonNode po) {
        JsonNode current = detail.get("currentClaim");
        for (String type : List.of("cancel", "return", "exchange")) {
            if (current != null && current.path(type).isObject()) {
                return new String[] {type, text(current.get(type), "claimStatus")};
            }
        }
        for (String type : List.of("cancel", "return", "exchange")) {
            if (detail.path(type).isObject()) {
                return new String[] {type, text(detail.get(type), "claimStatus")};
            }
        }
        if (po.hasNonNull("claimStatus")) {
            return new String[] {String.valueOf(text(po, "claimType")).toLowerCase(Locale.ROOT), text(po, "claimStatus")};
        }
        return null;
    }

    /** Naver's status (with the confirmation flag and an open claim) as the ERP contract's; null when unknown. */
    private static String status(String productOrderStatus, String placeOrderStatus, String[] claim) {
        if (productOrderStatus == null) {
            return null;
        }
        String base = switch (productOrderStatus) {
            case "PAYMENT_WAITING", "PAYED" -> "OK".equals(placeOrderStatus) ? "CONFIRMED" : "PAID";
            case "DELIVERING" -> "SHIPPED";
            case "DELIVERED", "PURCHASE_DECIDED" -> "DELIVERED";
            case "EXCHANGED" -> "EXCHANGED";
            case "CANCELED", "CANCELED_BY_NOPAYMENT" -> "CANCELLED";
            case "RETURNED" -> "RETURNED";
            default -> null;
        };
        if (base == null || claim == null || base.equals("CANCELLED") || base.equals("RETURNED") || base.equals("EXCHANGED")) {
            return base;
        }
        String claimStatus = String.valueOf(claim[1]);
        if (claimStatus.endsWith("_REJECT") || claimStatus.endsWith("_DONE") || claimStatus.contains("HOLDBACK_RELEASE")) {
            return base; // a rejected or settled claim leaves the order as it is
        }
        return switch (claim[0]) {
            case "cancel", "admin_cancel" -> "CANCEL_REQUESTED";
            case "return" -> "RETURN_REQUESTED";
            case "exchange" -> "EXCHANGE_REQUESTED";
            default -> base;
        };
    }

    /** A number, or a numeric string; absent or blank gives whenAbsent. */
    private static BigDecimal amount(JsonNode node, String field, BigDecimal whenAbsent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            return whenAbsent;
        }
        return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
    }

    /** ISO-8601 with offset; without one, Seoul time. */
    private static OffsetDateTime time(JsonNode node, String field) {
        String v = blankToNull(text(node, field));
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(v).atZone(SEOUL).toOffsetDateTime();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
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

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, UTF_8);
    }

    /** A properties file, one {@code accountId=clientId,clientSecret} per account, taken in id order. */
    static List<Account> readAccounts(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, UTF_8)) {
            p.load(in);
        }
        List<Account> accounts = new ArrayList<>();
        for (String id : new TreeSet<>(p.stringPropertyNames())) {
            String[] v = p.getProperty(id).split(",");
            if (v.length != 2) {
                throw new IllegalArgumentException(file + ", account " + id + ": expected clientId,clientSecret");
            }
            accounts.add(new Account(id, v[0].strip(), v[1].strip()));
        }
        return accounts;
    }
}
