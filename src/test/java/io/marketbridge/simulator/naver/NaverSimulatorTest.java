package io.marketbridge.simulator.naver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.SimulatorSettings;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator answers the way Naver's Commerce API gateway and pay-order API do, on the wire. */
class NaverSimulatorTest {

    static final String SELLER = "ncp_sim_seller_a";
    static final String CLIENT = "simClientIdA0000000001";
    static final String SECRET = "$2a$04$SimulatorSecretA000001";
    static final String OTHER = "ncp_sim_seller_b";
    static final String OTHER_CLIENT = "simClientIdB0000000002";
    static final String OTHER_SECRET = "$2a$04$SimulatorSecretB000002";
    static final String TOKEN = "/external/v1/oauth2/token";
    static final String ORDERS = "/external/v1/pay-order/seller/product-orders";
    static final String FEED = ORDERS + "/last-changed-statuses";
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final DateTimeFormatter KST = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient http = HttpClient.newHttpClient();
    static SimulatorServer server;
    static NaverSimulator naver;

    @BeforeAll
    static void start() {
        Properties p = new Properties();
        p.setProperty("marketbridge.simulators.port", "0");
        String prefix = "marketbridge.simulators.naver.";
        p.setProperty(prefix + "sellers", SELLER + "," + OTHER);
        p.setProperty(prefix + "seller." + SELLER + ".client-id", CLIENT);
        p.setProperty(prefix + "seller." + SELLER + ".client-secret", SECRET);
        p.setProperty(prefix + "seller." + OTHER + ".client-id", OTHER_CLIENT);
        p.setProperty(prefix + "seller." + OTHER + ".client-secret", OTHER_SECRET);
        p.setProperty(prefix + "seed-orders", "0");
        p.setProperty(prefix + "arrival-per-minute", "0");
        p.setProperty(prefix + "rate-limit-per-second", "1000");
        server = new SimulatorServer(SimulatorSettings.from(p::getProperty)).start();
        naver = server.get(NaverSimulator.class);
        naver.faults().giftRate = 0;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---------------------------------------------------------------- helpers

    static HttpResponse<String> send(String method, String path, String query, String body, String contentType, String token)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String form(String clientId, String secret, long timestamp, String type, String accountId) {
        String f = "client_id=" + enc(clientId) + "&timestamp=" + timestamp + "&grant_type=client_credentials"
                + "&client_secret_sign=" + enc(NaverSimulator.signature(clientId, secret, timestamp)) + "&type=" + type;
        return accountId == null ? f : f + "&account_id=" + enc(accountId);
    }

    static HttpResponse<String> tokenRequest(String form) throws Exception {
        return send("POST", TOKEN, "", form, "application/x-www-form-urlencoded", null);
    }

    static String token(String clientId, String secret) throws Exception {
        HttpResponse<String> r = tokenRequest(form(clientId, secret, System.currentTimeMillis(), "SELF", null));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("access_token").asText();
    }

    static HttpResponse<String> postJson(String path, String body, String token) throws Exception {
        return send("POST", path, "", body, "application/json", token);
    }

    static HttpResponse<String> feed(String query, String token) throws Exception {
        return send("GET", FEED, query, null, null, token);
    }

    static String feedQuery(ZonedDateTime from, ZonedDateTime to, String extra) {
        return "lastChangedFrom=" + enc(KST.format(from)) + "&lastChangedTo=" + enc(KST.format(to)) + extra;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static JsonNode data(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode root = json(r);
        assertThat(root.get("traceId").asText()).isEqualTo(r.headers().firstValue("GNCP-GW-Trace-ID").orElseThrow());
        assertThat(root.get("timestamp").asText()).endsWith("+09:00");
        return root.get("data");
    }

    static String idsBody(List<String> ids) throws Exception {
        return JSON.writeValueAsString(java.util.Map.of("productOrderIds", ids));
    }

    static ZonedDateTime now() {
        return ZonedDateTime.now(SEOUL);
    }

    // ---------------------------------------------------------------- signatures and tokens

    @Test
    void verifiesNaversBcryptTestVectorsByRecomputing() {
        String officialSecret = "$2a$10$abcdefghijklmnopqrstuv";
        String officialSign = "JDJhJDEwJGFiY2RlZmdoaWprbG1ub3BxcnN0dXVCVldZSk42T0VPdEx1OFY0cDQxa2IuTnpVaUEzbmsy";
        assertThat(NaverSimulator.signature("aaaabbbbcccc", officialSecret, 1643961623299L)).isEqualTo(officialSign);
        assertThat(NaverSimulator.verifySignature("aaaabbbbcccc", officialSecret, "1643961623299", officialSign)).isTrue();
        // the hash carries salt "...stuu" while the secret ends in "v": only a recomputation accepts it
        assertThat(new String(Base64.getDecoder().decode(officialSign), StandardCharsets.UTF_8))
                .startsWith("$2a$10$abcdefghijklmnopqrstuu");

        String client = "testClientId0000000001";
        String secret = "$2a$04$ABCDEFGHIJKLMNOPQRSTUu";
        String ourSign = "JDJhJDA0JEFCQ0RFRkdISUpLTE1OT1BRUlNUVXU4NXVqLjRreW51ZHFTd3FHTVVtQUZ4ZkdlQUNMSjNL";
        assertThat(NaverSimulator.signature(client, secret, 1700000000000L)).isEqualTo(ourSign);
        assertThat(NaverSimulator.verifySignature(client, secret, "1700000000000", ourSign)).isTrue();

        // another timestamp, another client, a hash with the right salt prefix but a wrong digest: all refused
        assertThat(NaverSimulator.verifySignature(client, secret, "1700000000001", ourSign)).isFalse();
        assertThat(NaverSimulator.verifySignature("testClientId0000000002", secret, "1700000000000", ourSign)).isFalse();
        String samePrefix = Base64.getEncoder().encodeToString(
                (secret + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").getBytes(StandardCharsets.UTF_8));
        assertThat(NaverSimulator.verifySignature(client, secret, "1700000000000", samePrefix)).isFalse();
        assertThat(NaverSimulator.verifySignature(client, secret, "1700000000000", "not base64!")).isFalse();
    }

    @Test
    void issuesTokensFromTheFormBodyAndFromTheQueryString() throws Exception {
        long ts = System.currentTimeMillis();
        HttpResponse<String> byForm = tokenRequest(form(CLIENT, SECRET, ts, "SELF", null));
        assertThat(byForm.statusCode()).as(byForm.body()).isEqualTo(200);
        JsonNode t = json(byForm);
        assertThat(t.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(t.get("expires_in").asLong()).isBetween(10_000L, 10_800L);
        assertThat(t.get("access_token").asText()).isNotBlank();

        // the 2022 spec's query parameters, empty body: same application, type and account -> the same token
        HttpResponse<String> byQuery = send("POST", TOKEN, form(CLIENT, SECRET, System.currentTimeMillis(), "SELF", null), "",
                "application/x-www-form-urlencoded", null);
        assertThat(byQuery.statusCode()).as(byQuery.body()).isEqualTo(200);
        assertThat(json(byQuery).get("access_token").asText()).isEqualTo(t.get("access_token").asText());

        // SELLER needs account_id; with it the token is another one (one per type and account)
        HttpResponse<String> seller = tokenRequest(form(CLIENT, SECRET, System.currentTimeMillis(), "SELLER", SELLER));
        assertThat(seller.statusCode()).as(seller.body()).isEqualTo(200);
        assertThat(json(seller).get("access_token").asText()).isNotEqualTo(t.get("access_token").asText());
        HttpResponse<String> noAccount = tokenRequest(form(CLIENT, SECRET, System.currentTimeMillis(), "SELLER", null));
        assertThat(noAccount.statusCode()).isEqualTo(400);
        assertThat(json(noAccount).get("invalidInputs").get(0).get("name").asText()).isEqualTo("account_id");
        HttpResponse<String> notLinked = tokenRequest(form(CLIENT, SECRET, System.currentTimeMillis(), "SELLER", OTHER));
        assertThat(notLinked.statusCode()).isEqualTo(404);
        assertThat(json(notLinked).get("code").asText()).isEqualTo("INTERLOCK_NOT_FOUND");
    }

    @Test
    void refusesWrongSecretStaleTimestampAndUnknownClient() throws Exception {
        HttpResponse<String> wrongSecret = tokenRequest(form(CLIENT, "$2a$04$SomeOtherSecretXXXXXXX", System.currentTimeMillis(), "SELF", null));
        assertThat(wrongSecret.statusCode()).isEqualTo(400);
        JsonNode body = json(wrongSecret);
        assertThat(body.get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(body.get("invalidInputs").get(0).get("name").asText()).isEqualTo("client_secret_sign");
        assertThat(body.has("message")).isTrue();
        assertThat(body.get("timestamp").asText()).endsWith("+09:00");
        assertThat(body.has("data")).isTrue();

        HttpResponse<String> stale = tokenRequest(form(CLIENT, SECRET, System.currentTimeMillis() - 6 * 60_000, "SELF", null));
        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(json(stale).get("invalidInputs").get(0).get("name").asText()).isEqualTo("timestamp");

        HttpResponse<String> unknown = tokenRequest(form("noSuchClient0000000000", SECRET, System.currentTimeMillis(), "SELF", null));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("invalidInputs").get(0).get("name").asText()).isEqualTo("client_id");

        HttpResponse<String> grant = tokenRequest(form(CLIENT, SECRET, System.currentTimeMillis(), "SELF", null)
                .replace("grant_type=client_credentials", "grant_type=password"));
        assertThat(grant.statusCode()).isEqualTo(400);
        assertThat(json(grant).get("invalidInputs").get(0).get("name").asText()).isEqualTo("grant_type");

        HttpResponse<String> missing = tokenRequest("client_id=" + CLIENT + "&grant_type=client_credentials&type=SELF");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("invalidInputs")).hasSize(2);
    }

    @Test
    void returnsTheSameTokenWhileThirtyMinutesRemainThenANewOneAndTheOldStaysValid() throws Exception {
        String first = token(OTHER_CLIENT, OTHER_SECRET);
        assertThat(token(OTHER_CLIENT, OTHER_SECRET)).isEqualTo(first);

        naver.ageTokens(Duration.ofMinutes(149)); // 31 minutes left: still the same
        assertThat(token(OTHER_CLIENT, OTHER_SECRET)).isEqualTo(first);

        naver.ageTokens(Duration.ofMinutes(2)); // 29 minutes left: a new token, the old one still works
        String second = token(OTHER_CLIENT, OTHER_SECRET);
        assertThat(second).isNotEqualTo(first);
        String window = feedQuery(now().minusMinutes(5), now(), "");
        assertThat(feed(window, first).statusCode()).isEqualTo(200);
        assertThat(feed(window, second).statusCode()).isEqualTo(200);

        try {
            naver.ageTokens(Duration.ofMinutes(30)); // the first has expired, the second has 2.5 hours left
            HttpResponse<String> expired = feed(window, first);
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(json(expired).get("code").asText()).isEqualTo("GW.AUTHN");
            assertThat(feed(window, second).statusCode()).isEqualTo(200);
        } finally {
            naver.expireTokens(); // the other tests' applications start with fresh tokens
        }
    }

    @Test
    void answersGwAuthnAfterExpireTokensAndWithoutAToken() throws Exception {
        String before = token(CLIENT, SECRET);
        String window = feedQuery(now().minusMinutes(5), now(), "");
        assertThat(feed(window, before).statusCode()).isEqualTo(200);
        naver.faults().expireTokens();
        HttpResponse<String> r = feed(window, before);
        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode body = json(r);
        assertThat(body.get("code").asText()).isEqualTo("GW.AUTHN");
        assertThat(body.get("message").asText()).isEqualTo("요청을 보낼 권한이 없습니다.");
        assertThat(body.get("timestamp").asText()).endsWith("+09:00");
        assertThat(body.get("traceId").asText()).isEqualTo(r.headers().firstValue("GNCP-GW-Trace-ID").orElseThrow());
        assertThat(feed(window, null).statusCode()).isEqualTo(401);

        String after = token(CLIENT, SECRET);
        assertThat(after).isNotEqualTo(before);
        assertThat(feed(window, after).statusCode()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- feed

    @Test
    void pagesTheFeedByThreeHundredWithMoreOnlyWhenRowsRemain() throws Exception {
        String token = token(CLIENT, SECRET);
        // a quiet window three days back, apart from what the other tests create
        ZonedDateTime base = now().minusDays(3).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < 300; i++) {
            naver.createOrder(SELLER, base.plusSeconds(i), 1);
        }
        String window = feedQuery(base, base.plusHours(1), "&lastChangedType=PAYED");
        JsonNode exactly = data(feed(window, token));
        assertThat(exactly.get("count").asInt()).isEqualTo(300);
        assertThat(exactly.get("lastChangeStatuses")).hasSize(300);
        assertThat(exactly.has("more")).isFalse();
        JsonNode row = exactly.get("lastChangeStatuses").get(0);
        assertThat(row.get("lastChangedType").asText()).isEqualTo("PAYED");
        assertThat(row.get("productOrderStatus").asText()).isEqualTo("PAYED");
        assertThat(row.get("productOrderId").asText()).matches("[0-9]{16}");
        assertThat(row.get("orderId").asText()).matches("[0-9]{16}");
        assertThat(row.get("lastChangedDate").asText()).isEqualTo(KST.format(base));
        assertThat(row.get("paymentDate").asText()).isEqualTo(KST.format(base));
        assertThat(row.get("receiverAddressChanged").asBoolean()).isFalse();

        String lastOrder = naver.createOrder(SELLER, base.plusSeconds(400), 1);
        String lastId = naver.productOrderIds(SELLER, lastOrder).get(0);
        JsonNode page1 = data(feed(window, token));
        assertThat(page1.get("count").asInt()).isEqualTo(300);
        assertThat(page1.get("more").get("moreFrom").asText()).isEqualTo(KST.format(base.plusSeconds(400)));
        assertThat(page1.get("more").get("moreSequence").asText()).isEqualTo(lastId);
        // next page: lastChangedFrom = moreFrom, moreSequence, the original lastChangedTo
        String next = feedQuery(ZonedDateTime.parse(page1.get("more").get("moreFrom").asText()), base.plusHours(1),
                "&lastChangedType=PAYED&moreSequence=" + page1.get("more").get("moreSequence").asText());
        JsonNode page2 = data(feed(next, token));
        assertThat(page2.get("count").asInt()).isEqualTo(1);
        assertThat(page2.get("lastChangeStatuses").get(0).get("productOrderId").asText()).isEqualTo(lastId);
        assertThat(page2.has("more")).isFalse();

        // rows of one multi-line order share a date: moreSequence splits them by productOrderId
        ZonedDateTime tie = base.plusMinutes(30);
        List<String> lines = naver.productOrderIds(SELLER, naver.createOrder(SELLER, tie, 3));
        JsonNode first = data(feed(feedQuery(tie, tie, "&limitCount=2"), token));
        assertThat(first.get("count").asInt()).isEqualTo(2);
        assertThat(first.get("more").get("moreFrom").asText()).isEqualTo(KST.format(tie));
        assertThat(first.get("more").get("moreSequence").asText()).isEqualTo(lines.get(2));
        JsonNode rest = data(feed(feedQuery(tie, tie, "&limitCount=2&moreSequence=" + lines.get(2)), token));
        assertThat(rest.get("lastChangeStatuses").get(0).get("productOrderId").asText()).isEqualTo(lines.get(2));
        assertThat(rest.has("more")).isFalse();
    }

    @Test
    void refusesAnUnencodedPlusAndWindowsOverADay() throws Exception {
        String token = token(CLIENT, SECRET);
        String raw = "lastChangedFrom=" + KST.format(now().minusHours(1));
        HttpResponse<String> plus = feed(raw, token);
        assertThat(plus.statusCode()).isEqualTo(400);
        assertThat(json(plus).get("code").asText()).isEqualTo("4000");
        assertThat(json(plus).get("traceId").asText()).isNotBlank();

        HttpResponse<String> wide = feed(feedQuery(now().minusHours(30), now(), ""), token);
        assertThat(wide.statusCode()).isEqualTo(400);
        assertThat(json(wide).get("code").asText()).isEqualTo("104139");

        HttpResponse<String> badType = feed(feedQuery(now().minusHours(1), now(), "&lastChangedType=SHIPPED"), token);
        assertThat(badType.statusCode()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- detail query

    @Test
    void queriesDetailsWithNaversFieldNames() throws Exception {
        String token = token(CLIENT, SECRET);
        String orderId = naver.createOrder(SELLER, now(), 3);
        List<String> ids = new ArrayList<>(naver.productOrderIds(SELLER, orderId));
        assertThat(ids).hasSize(3);
        String othersId = naver.productOrderIds(OTHER, naver.createOrder(OTHER, now(), 1)).get(0);
        List<String> asked = new ArrayList<>(ids);
        asked.add("2099010100000001");
        asked.add(othersId);
        JsonNode data = data(postJson(ORDERS + "/query", "{\"productOrderIds\":" + JSON.writeValueAsString(asked)
                + ",\"quantityClaimCompatibility\":true}", token));
        assertThat(data).hasSize(3); // unknown and another seller's ids are left out
        for (JsonNode d : data) {
            JsonNode order = d.get("order");
            JsonNode po = d.get("productOrder");
            assertThat(order.get("orderId").asText()).isEqualTo(orderId);
            assertThat(order.get("ordererName").asText()).matches("[가-힣]{3}");
            assertThat(order.get("ordererTel").asText()).matches("010-[0-9]{4}-[0-9]{4}");
            assertThat(order.get("orderDate").asText()).endsWith("+09:00");
            assertThat(order.get("paymentDate").asText()).endsWith("+09:00");
            assertThat(po.get("productOrderId").isTextual()).isTrue();
            assertThat(po.get("productOrderStatus").asText()).isEqualTo("PAYED");
            assertThat(po.get("placeOrderStatus").asText()).isEqualTo("NOT_YET");
            assertThat(po.get("productId").asText()).isNotBlank();
            assertThat(po.get("optionCode").asText()).isNotBlank();
            assertThat(po.get("productOption").asText()).isNotBlank();
            assertThat(po.get("sellerProductCode").asText()).startsWith("NV-");
            assertThat(po.get("optionManageCode").asText()).startsWith(po.get("sellerProductCode").asText());
            assertThat(po.get("quantity").asInt()).isPositive();
            assertThat(po.get("unitPrice").asLong()).isPositive();
            assertThat(po.get("totalPaymentAmount").asLong()).isEqualTo(
                    (po.get("unitPrice").asLong() + po.get("optionPrice").asLong()) * po.get("quantity").asInt()
                            - po.get("productDiscountAmount").asLong());
            assertThat(po.get("initialQuantity").asInt()).isEqualTo(po.get("quantity").asInt());
            JsonNode address = po.get("shippingAddress");
            assertThat(address.get("zipCode").asText()).matches("[0-9]{5}");
            assertThat(address.get("tel1").asText()).startsWith("010-");
            assertThat(address.get("baseAddress").asText()).isNotBlank();
            assertThat(address.has("detailedAddress")).isTrue();
            assertThat(address.get("name").asText()).isNotBlank();
            assertThat(d.has("delivery")).isFalse();
            assertThat(d.has("currentClaim")).isFalse();
        }
        assertThat(data.get(0).get("productOrder").get("productOrderId").asText()).isEqualTo(ids.get(0));

        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 301; i++) {
            tooMany.add(String.valueOf(2026010100000000L + i));
        }
        HttpResponse<String> over = postJson(ORDERS + "/query", idsBody(tooMany), token);
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(json(over).get("code").asText()).isEqualTo("4000");
    }

    @Test
    void rendersGiftsWithoutAnAddressAndClaimsInBothShapes() throws Exception {
        String token = token(CLIENT, SECRET);
        String gift = naver.createOrder(SELLER, now(), 1, true);
        String giftLine = naver.productOrderIds(SELLER, gift).get(0);
        JsonNode waiting = data(postJson(ORDERS + "/query", idsBody(List.of(giftLine)), token)).get(0);
        assertThat(waiting.get("productOrder").has("shippingAddress")).isFalse();
        assertThat(waiting.get("productOrder").get("giftReceivingStatus").asText()).isEqualTo("WAIT_FOR_RECEIVING");
        assertThat(waiting.get("order").get("ordererName").asText()).contains("*");
        JsonNode refused = data(postJson(ORDERS + "/confirm", idsBody(List.of(giftLine)), token));
        assertThat(refused.get("failProductOrderInfos").get(0).get("code").asText()).isEqualTo("104442");

        ZonedDateTime before = now().minusSeconds(1);
        naver.receiveGift(SELLER, gift);
        JsonNode received = data(postJson(ORDERS + "/query", idsBody(List.of(giftLine)), token)).get(0);
        assertThat(received.get("productOrder").get("shippingAddress").get("zipCode").asText()).matches("[0-9]{5}");
        JsonNode changes = data(feed(feedQuery(before, now().plusSeconds(1), "&lastChangedType=GIFT_RECEIVED"), token));
        assertThat(changes.get("lastChangeStatuses").get(0).get("productOrderId").asText()).isEqualTo(giftLine);
        assertThat(changes.get("lastChangeStatuses").get(0).get("giftReceivingStatus").asText()).isEqualTo("RECEIVED");

        String line = naver.productOrderIds(SELLER, naver.createOrder(SELLER, now(), 1)).get(0);
        naver.requestCancel(SELLER, line);
        JsonNode current = data(postJson(ORDERS + "/query", idsBody(List.of(line)), token)).get(0);
        assertThat(current.get("currentClaim").get("cancel").get("claimStatus").asText()).isEqualTo("CANCEL_REQUEST");
        assertThat(current.get("productOrder").get("claimType").asText()).isEqualTo("CANCEL");
        assertThat(current.has("cancel")).isFalse();
        try {
            naver.faults().claimShape = NaverFaults.ClaimShape.LEGACY;
            naver.completeCancel(SELLER, line);
            JsonNode legacy = data(postJson(ORDERS + "/query", idsBody(List.of(line)), token)).get(0);
            assertThat(legacy.get("cancel").get("claimStatus").asText()).isEqualTo("CANCEL_DONE");
            assertThat(legacy.has("currentClaim")).isFalse();
            assertThat(legacy.get("productOrder").get("productOrderStatus").asText()).isEqualTo("CANCELED");
        } finally {
            naver.faults().claimShape = NaverFaults.ClaimShape.CURRENT;
        }
        JsonNode done = data(postJson(ORDERS + "/query", idsBody(List.of(line)), token)).get(0);
        assertThat(done.get("completedClaims").get(0).get("claimType").asText()).isEqualTo("CANCEL");
    }

    // ---------------------------------------------------------------- confirm and dispatch

    @Test
    void confirmsWithPerItemFailuresAndReportsAnAddressChange() throws Exception {
        String token = token(CLIENT, SECRET);
        ZonedDateTime before = now().minusSeconds(1);
        String orderId = naver.createOrder(SELLER, now(), 2);
        List<String> lines = naver.productOrderIds(SELLER, orderId);
        naver.changeAddress(SELLER, orderId);
        String othersId = naver.productOrderIds(OTHER, naver.createOrder(OTHER, now(), 1)).get(0);

        JsonNode data = data(postJson(ORDERS + "/confirm",
                idsBody(List.of(lines.get(0), lines.get(1), "2099010100000001", othersId, lines.get(0))), token));
        JsonNode ok = data.get("successProductOrderInfos");
        assertThat(ok).hasSize(2);
        assertThat(ok.get(0).get("productOrderId").asText()).isEqualTo(lines.get(0));
        assertThat(ok.get(0).get("isReceiverAddressChanged").asBoolean()).isTrue();
        JsonNode fail = data.get("failProductOrderInfos");
        assertThat(fail).hasSize(3);
        assertThat(fail.get(0).get("code").asText()).isEqualTo("100001");
        assertThat(fail.get(1).get("code").asText()).isEqualTo("101009");
        assertThat(fail.get(2).get("code").asText()).isEqualTo("104131");
        assertThat(fail.get(2).get("message").asText()).isNotBlank();
        assertThat(naver.placeOrderStatusOf(SELLER, lines.get(0))).isEqualTo("OK");
        assertThat(naver.statusOf(SELLER, lines.get(0))).isEqualTo("PAYED"); // confirming changes placeOrderStatus only

        JsonNode again = data(postJson(ORDERS + "/confirm", idsBody(List.of(lines.get(1))), token));
        assertThat(again.get("successProductOrderInfos")).isEmpty();
        assertThat(again.get("failProductOrderInfos").get(0).get("code").asText()).isEqualTo("105306");

        JsonNode changes = data(feed(feedQuery(before, now().plusSeconds(1), "&lastChangedType=DELIVERY_ADDRESS_CHANGED"), token));
        assertThat(changes.get("count").asInt()).isEqualTo(2);
        assertThat(changes.get("lastChangeStatuses").get(0).get("receiverAddressChanged").asBoolean()).isTrue();

        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            tooMany.add(String.valueOf(2026010100000000L + i));
        }
        assertThat(postJson(ORDERS + "/confirm", idsBody(tooMany), token).statusCode()).isEqualTo(400);
    }

    @Test
    void refusesANumberWhereTheApiTakesAStringId() throws Exception {
        String token = token(CLIENT, SECRET);
        String line = newLine();
        for (String[] call : List.of(
                new String[] {"/query", "{\"productOrderIds\":[" + line + "]}", "productOrdersQueryRequest.productOrderIds"},
                new String[] {"/confirm", "{\"productOrderIds\":[\"" + line + "\"," + line + "]}", "confirmRequest.productOrderIds"},
                new String[] {"/dispatch", dispatchBody(dispatchItem(line, "DELIVERY", "CJGLS", "123456789012")
                        .replace("\"" + line + "\"", line)), "dispatchProductOrder.productOrderId"},
                new String[] {"/dispatch", dispatchBody(dispatchItem(line, "DELIVERY", "CJGLS", "123456789012")
                        .replace("\"123456789012\"", "123456789012")), "dispatchProductOrder.trackingNumber"})) {
            HttpResponse<String> r = postJson(ORDERS + call[0], call[1], token);
            assertThat(r.statusCode()).as(call[0] + " " + call[1]).isEqualTo(400);
            assertThat(json(r).get("code").asText()).isEqualTo("4000");
            assertThat(json(r).get("message").asText()).contains("typeMismatch." + call[2]);
        }
        assertThat(naver.placeOrderStatusOf(SELLER, line)).isNotEqualTo("OK"); // nothing was confirmed
        // the same ids as strings go through
        assertThat(data(postJson(ORDERS + "/query", idsBody(List.of(line)), token))).hasSize(1);
    }

    static String dispatchItem(String id, String method, String courier, String number) {
        return "{\"productOrderId\":\"" + id + "\",\"deliveryMethod\":\"" + method + "\""
                + (courier == null ? "" : ",\"deliveryCompanyCode\":\"" + courier + "\"")
                + (number == null ? "" : ",\"trackingNumber\":\"" + number + "\"")
                + ",\"dispatchDate\":\"" + KST.format(now()) + "\"}";
    }

    static String dispatchBody(String... items) {
        return "{\"dispatchProductOrders\":[" + String.join(",", items) + "]}";
    }

    static String newLine() {
        return naver.productOrderIds(SELLER, naver.createOrder(SELLER, now(), 1)).get(0);
    }

    @Test
    void dispatchesWithPerItemFailuresAndFeedsDispatched() throws Exception {
        String token = token(CLIENT, SECRET);
        ZonedDateTime before = now().minusSeconds(1);
        String good = newLine();
        String direct = newLine();
        String[] refused = {newLine(), newLine(), newLine(), newLine(), newLine()};
        JsonNode data = data(postJson(ORDERS + "/dispatch", dispatchBody(
                dispatchItem(good, "DELIVERY", "CJGLS", "512345678901"),
                dispatchItem(direct, "DIRECT_DELIVERY", null, null),
                dispatchItem(refused[0], "DELIVERY", null, "512345678902"),
                dispatchItem(refused[1], "DELIVERY", "LOTTE", "512345678903"),
                dispatchItem(refused[2], "DELIVERY", "HANJIN", null),
                dispatchItem(refused[3], "DELIVERY", "CJGLS", "12345"),
                dispatchItem(refused[4], "NOTHING", null, null),
                dispatchItem("2099010100000001", "DELIVERY", "CJGLS", "512345678904")), token));
        assertThat(data.get("successProductOrderIds")).hasSize(2);
        assertThat(data.get("successProductOrderIds").get(0).asText()).isEqualTo(good);
        List<String> codes = new ArrayList<>();
        data.get("failProductOrderInfos").forEach(f -> codes.add(f.get("code").asText()));
        assertThat(codes).containsExactly("104118", "104119", "104120", "104122", "104117", "100001");

        assertThat(naver.statusOf(SELLER, good)).isEqualTo("DELIVERING");
        assertThat(naver.placeOrderStatusOf(SELLER, good)).isEqualTo("OK");
        assertThat(naver.trackingOf(SELLER, good)).isEqualTo("512345678901");
        assertThat(naver.statusOf(SELLER, refused[0])).isEqualTo("PAYED");
        JsonNode detail = data(postJson(ORDERS + "/query", idsBody(List.of(good, direct)), token));
        assertThat(detail.get(0).get("delivery").get("deliveryCompany").asText()).isEqualTo("CJGLS");
        assertThat(detail.get(0).get("delivery").get("trackingNumber").asText()).isEqualTo("512345678901");
        assertThat(detail.get(0).get("delivery").get("deliveryMethod").asText()).isEqualTo("DELIVERY");
        assertThat(detail.get(1).get("delivery").get("deliveryMethod").asText()).isEqualTo("DIRECT_DELIVERY");
        assertThat(detail.get(1).get("delivery").has("trackingNumber")).isFalse();

        JsonNode changes = data(feed(feedQuery(before, now().plusSeconds(1), "&lastChangedType=DISPATCHED"), token));
        assertThat(changes.get("count").asInt()).isEqualTo(2);
        assertThat(changes.get("lastChangeStatuses").get(0).get("productOrderStatus").asText()).isEqualTo("DELIVERING");

        // again: already dispatched; the same number for another receiver: already used
        String other;
        do {
            other = newLine();
        } while (naver.detailOf(SELLER, other).get("productOrder").get("shippingAddress").get("name").asText()
                .equals(naver.detailOf(SELLER, good).get("productOrder").get("shippingAddress").get("name").asText()));
        JsonNode second = data(postJson(ORDERS + "/dispatch", dispatchBody(
                dispatchItem(good, "DELIVERY", "CJGLS", "512345678901"),
                dispatchItem(other, "DELIVERY", "CJGLS", "512345678901")), token));
        assertThat(second.get("successProductOrderIds")).isEmpty();
        assertThat(second.get("failProductOrderInfos").get(0).get("code").asText()).isEqualTo("105306");
        assertThat(second.get("failProductOrderInfos").get(1).get("code").asText()).isEqualTo("104121");
        assertThat(naver.dispatchesOf(SELLER, good)).isEqualTo(1);

        // an unknown deliveryMethod is a request error for the whole call
        HttpResponse<String> bad = postJson(ORDERS + "/dispatch", dispatchBody(dispatchItem(newLine(), "TRUCK", null, null)), token);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("code").asText()).isEqualTo("4000");
    }

    @Test
    void servesTheConditionalQueryTheOrderIdsAndTheLatestOnlyFeed() throws Exception {
        String token = token(CLIENT, SECRET);
        ZonedDateTime base = now().minusDays(2).truncatedTo(ChronoUnit.HOURS);
        String orderId = naver.createOrder(SELLER, base, 2);
        List<String> lines = naver.productOrderIds(SELLER, orderId);
        String conditions = "from=" + enc(KST.format(base)) + "&to=" + enc(KST.format(base.plusMinutes(1)))
                + "&rangeType=PAYED_DATETIME&productOrderStatuses=PAYED&pageSize=1";
        HttpResponse<String> r = send("GET", ORDERS, conditions, null, null, token);
        JsonNode page = data(r);
        assertThat(page.get("contents")).hasSize(1);
        assertThat(page.get("contents").get(0).get("productOrderId").asText()).isEqualTo(lines.get(0));
        assertThat(page.get("contents").get(0).get("content").get("order").get("orderId").asText()).isEqualTo(orderId);
        assertThat(page.get("pagination").get("hasNext").asBoolean()).isTrue();

        String orderPath = "/external/v1/pay-order/seller/orders/" + orderId + "/product-order-ids";
        JsonNode ids = data(send("GET", orderPath, "", null, null, token));
        assertThat(ids).hasSize(2);
        assertThat(ids.get(1).asText()).isEqualTo(lines.get(1));

        // every change by default; with latestChangeOnly a product order shows only its last one
        naver.changeAddress(SELLER, orderId);
        String window = feedQuery(base, base.plusHours(24), "");
        JsonNode all = data(feed(window, token)).get("lastChangeStatuses");
        try {
            naver.faults().latestChangeOnly = true;
            JsonNode latest = data(feed(window, token)).get("lastChangeStatuses");
            assertThat(latest.size()).isLessThan(all.size());
            for (JsonNode row : latest) {
                if (lines.contains(row.get("productOrderId").asText())) {
                    assertThat(row.get("lastChangedType").asText()).isEqualTo("DELIVERY_ADDRESS_CHANGED");
                }
            }
        } finally {
            naver.faults().latestChangeOnly = false;
        }
    }

    @Test
    void seedsOrdersForEverySellerFromItsSettings() {
        Properties p = new Properties();
        p.setProperty("marketbridge.simulators.naver.sellers", "ncp_seed");
        p.setProperty("marketbridge.simulators.naver.seller.ncp_seed.client-id", "seedClient000000000001");
        p.setProperty("marketbridge.simulators.naver.seller.ncp_seed.client-secret", "$2a$04$SeedSecret000000000001");
        p.setProperty("marketbridge.simulators.naver.random-seed", "7");
        NaverSimulatorSettings settings = NaverSimulatorSettings.from(p::getProperty);
        assertThat(settings.seedOrders()).isEqualTo(40);
        assertThat(settings.tokenLifetime()).isEqualTo(Duration.ofHours(3));
        assertThat(settings.timestampWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.sellers().get("ncp_seed").toString()).doesNotContain("Seed");
        NaverSimulator seeded = new NaverSimulator(settings);
        assertThat(seeded.sellerCount()).isEqualTo(1);
        assertThat(seeded.orderIds("ncp_seed")).hasSize(40);
        assertThat(seeded.changeCount("ncp_seed")).isGreaterThanOrEqualTo(40);
        seeded.addSeller("ncp_late", "lateClient000000000001", "$2a$04$LateSecret000000000001");
        assertThat(seeded.sellerCount()).isEqualTo(2);
        assertThat(seeded.orderIds("ncp_late")).isEmpty();
    }

    // ---------------------------------------------------------------- gateway

    @Test
    void answersOverTheRateLimitWith429AndTheGatewayHeaders() throws Exception {
        String token = token(CLIENT, SECRET);
        String window = feedQuery(now().minusMinutes(1), now(), "");
        naver.setRateLimitPerSecond(2); // burst capacity 4
        naver.resetRatePeaks();
        try {
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(feed(window, token));
            }
            HttpResponse<String> firstOk = answers.get(0);
            assertThat(firstOk.statusCode()).isEqualTo(200);
            assertThat(firstOk.headers().firstValue("GNCP-GW-RateLimit-Replenish-Rate")).contains("2");
            assertThat(firstOk.headers().firstValue("GNCP-GW-RateLimit-Burst-Capacity")).contains("4");
            assertThat(firstOk.headers().firstValue("GNCP-GW-RateLimit-Remaining")).contains("3");
            HttpResponse<String> limited = answers.get(answers.size() - 1);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(json(limited).get("code").asText()).isEqualTo("GW.RATE_LIMIT");
            assertThat(limited.headers().firstValue("GNCP-GW-RateLimit-Replenish-Rate")).contains("2");
            assertThat(limited.headers().firstValue("GNCP-GW-RateLimit-Burst-Capacity")).contains("4");
            assertThat(limited.headers().firstValue("GNCP-GW-RateLimit-Remaining")).contains("0");
            assertThat(limited.headers().firstValue("GNCP-GW-Trace-ID")).isPresent();
            // the bucket is per application and API: the detail query still has its own
            assertThat(postJson(ORDERS + "/query", idsBody(List.of("2099010100000001")), token).statusCode()).isEqualTo(200);
            assertThat(naver.peakRatePerClient()).isGreaterThanOrEqualTo(6);
        } finally {
            naver.setRateLimitPerSecond(1000);
        }
        naver.faults().failNext(429, 1);
        assertThat(feed(window, token).statusCode()).isEqualTo(429);
        assertThat(feed(window, token).statusCode()).isEqualTo(200);
    }

    @Test
    void answersGatewayErrorsForDeniedIpsAndUnknownApis() throws Exception {
        String token = token(CLIENT, SECRET);
        HttpResponse<String> unknown = send("GET", "/external/v1/pay-order/seller/nothing-here", "", null, null, token);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("code").asText()).isEqualTo("GW.NOT_FOUND");
        try {
            naver.faults().ipDenied = true;
            HttpResponse<String> denied = tokenRequest(form(CLIENT, SECRET, System.currentTimeMillis(), "SELF", null));
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(json(denied).get("code").asText()).isEqualTo("GW.IP_NOT_ALLOWED");
            assertThat(feed(feedQuery(now().minusMinutes(1), now(), ""), token).statusCode()).isEqualTo(403);
        } finally {
            naver.faults().ipDenied = false;
        }
    }

    @Test
    void controlEndpointsCreateOrdersAndReportStats() throws Exception {
        HttpResponse<String> created = send("POST", "/_simulator/naver/orders", "sellerId=" + OTHER + "&count=2&lines=2", "", null, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode ids = json(created).get("orderIds");
        assertThat(ids).hasSize(2);
        assertThat(naver.productOrderIds(OTHER, ids.get(0).asText())).hasSize(2);
        HttpResponse<String> stats = send("GET", "/_simulator/naver/stats", "", null, null, null);
        assertThat(json(stats).get("sellers").has(OTHER)).isTrue();
        assertThat(json(stats).get("tokenCalls").asLong()).isPositive();
        assertThat(send("POST", "/_simulator/naver/orders", "sellerId=nobody", "", null, null).statusCode()).isEqualTo(400);
    }
}
