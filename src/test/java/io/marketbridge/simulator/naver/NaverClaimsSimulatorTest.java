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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Claims on the simulated SmartStore, on the wire, as naver.md 2.4, 2.5, 2.8 and 2.10 describe them: buyers'
 * claims surface in the change feed (CLAIM_REQUESTED, COLLECT_DONE, CLAIM_COMPLETED, CLAIM_REJECTED with claimType
 * and claimStatus) and in the detail's currentClaim / completedClaims; the seller's cancel/approve, cancel/request,
 * return/approve and return/reject answer with successProductOrderIds / failProductOrderInfos; a line with an open
 * or completed cancel is not dispatched.
 */
class NaverClaimsSimulatorTest {

    static final String SELLER = "ncp_claims_seller_a";
    static final String CLIENT = "claimsClientIdA0000001";
    static final String SECRET = "$2a$04$ClaimsSecretA000000001";
    static final String OTHER = "ncp_claims_seller_b";
    static final String OTHER_CLIENT = "claimsClientIdB0000002";
    static final String OTHER_SECRET = "$2a$04$ClaimsSecretB000000002";
    static final String ORDERS = "/external/v1/pay-order/seller/product-orders";
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final DateTimeFormatter KST = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient http = HttpClient.newHttpClient();
    static final AtomicLong tracking = new AtomicLong(640_000_000_000L);
    static SimulatorServer server;
    static NaverSimulator naver;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        server = new SimulatorServer(SimulatorSettings.from(properties("")::getProperty)).start();
        naver = server.get(NaverSimulator.class);
        naver.faults().giftRate = 0;
        token = token(CLIENT, SECRET);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Properties properties(String claims) {
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
        for (String pair : claims.split(",")) {
            if (!pair.isEmpty()) {
                p.setProperty(prefix + "claims." + pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return p;
    }

    // ---------------------------------------------------------------- wire helpers

    static HttpResponse<String> send(String method, String path, String query, String body, String contentType, String bearer)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String token(String clientId, String secret) throws Exception {
        long ts = System.currentTimeMillis();
        String form = "client_id=" + enc(clientId) + "&timestamp=" + ts + "&grant_type=client_credentials"
                + "&client_secret_sign=" + enc(NaverSimulator.signature(clientId, secret, ts)) + "&type=SELF";
        HttpResponse<String> r = send("POST", "/external/v1/oauth2/token", "", form, "application/x-www-form-urlencoded", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    static JsonNode data(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("data");
    }

    static HttpResponse<String> claimCall(String productOrderId, String action, String body) throws Exception {
        return send("POST", ORDERS + "/" + productOrderId + "/claim/" + action, "", body, body == null ? null : "application/json", token);
    }

    /** The one failProductOrderInfos code of a single-id answer, or null when it succeeded. */
    static String failure(HttpResponse<String> r, String productOrderId) throws Exception {
        JsonNode d = data(r);
        if (d.get("successProductOrderIds").size() == 1) {
            assertThat(d.get("successProductOrderIds").get(0).asText()).isEqualTo(productOrderId);
            assertThat(d.get("failProductOrderInfos")).isEmpty();
            return null;
        }
        assertThat(d.get("failProductOrderInfos").get(0).get("productOrderId").asText()).isEqualTo(productOrderId);
        return d.get("failProductOrderInfos").get(0).get("code").asText();
    }

    static JsonNode control(String action, String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_simulator/naver/claims/"
                + action + "?" + query)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** The feed rows of one product order in the last minutes, optionally of one lastChangedType. */
    static List<JsonNode> rows(String productOrderId, String type) throws Exception {
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        String q = "lastChangedFrom=" + enc(KST.format(now.minusMinutes(5))) + "&lastChangedTo=" + enc(KST.format(now.plusMinutes(1)))
                + (type == null ? "" : "&lastChangedType=" + type);
        JsonNode d = data(send("GET", ORDERS + "/last-changed-statuses", q, null, null, token));
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode row : d.path("lastChangeStatuses")) {
            if (row.get("productOrderId").asText().equals(productOrderId)) {
                out.add(row);
            }
        }
        return out;
    }

    static JsonNode detail(String productOrderId) throws Exception {
        String body = "{\"productOrderIds\":[\"" + productOrderId + "\"],\"quantityClaimCompatibility\":true}";
        return data(send("POST", ORDERS + "/query", "", body, "application/json", token)).get(0);
    }

    static HttpResponse<String> dispatch(String productOrderId) throws Exception {
        String body = "{\"dispatchProductOrders\":[{\"productOrderId\":\"" + productOrderId + "\",\"deliveryMethod\":\"DELIVERY\","
                + "\"deliveryCompanyCode\":\"CJGLS\",\"trackingNumber\":\"" + tracking.incrementAndGet() + "\",\"dispatchDate\":\""
                + KST.format(ZonedDateTime.now(SEOUL)) + "\"}]}";
        return send("POST", ORDERS + "/dispatch", "", body, "application/json", token);
    }

    static String line() {
        String orderId = naver.createOrder(SELLER, ZonedDateTime.now(SEOUL), 1);
        return naver.productOrderIds(SELLER, orderId).get(0);
    }

    static String shippedLine() throws Exception {
        String id = line();
        assertThat(data(dispatch(id)).get("successProductOrderIds").get(0).asText()).isEqualTo(id);
        return id;
    }

    // ---------------------------------------------------------------- tests

    @Test
    void aBuyersCancelWaitsForTheSellersApprovalAndBlocksDispatch() throws Exception {
        String id = line();
        String claimId = control("cancel", "sellerId=" + SELLER + "&productOrderId=" + id).get("claimId").asText();

        List<JsonNode> requested = rows(id, "CLAIM_REQUESTED");
        assertThat(requested).hasSize(1);
        assertThat(requested.get(0).get("claimType").asText()).isEqualTo("CANCEL");
        assertThat(requested.get(0).get("claimStatus").asText()).isEqualTo("CANCEL_REQUEST");
        JsonNode d = detail(id);
        assertThat(d.get("productOrder").get("claimId").asText()).isEqualTo(claimId);
        assertThat(d.get("currentClaim").get("cancel").get("claimStatus").asText()).isEqualTo("CANCEL_REQUEST");
        assertThat(d.get("currentClaim").get("cancel").get("requestQuantity").asInt()).isEqualTo(d.get("productOrder").get("quantity").asInt());
        assertThat(data(dispatch(id)).get("failProductOrderInfos").get(0).get("code").asText()).isEqualTo("104442");
        // return/approve is not an answer to a cancel
        assertThat(failure(claimCall(id, "return/approve", null), id)).isEqualTo("104442");

        assertThat(failure(claimCall(id, "cancel/approve", null), id)).isNull();
        List<JsonNode> completed = rows(id, "CLAIM_COMPLETED");
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).get("claimStatus").asText()).isEqualTo("CANCEL_DONE");
        assertThat(completed.get(0).get("productOrderStatus").asText()).isEqualTo("CANCELED");
        d = detail(id);
        assertThat(d.get("productOrder").get("remainQuantity").asInt()).isZero();
        assertThat(d.get("completedClaims").get(0).get("claimStatus").asText()).isEqualTo("CANCEL_DONE");
        assertThat(failure(claimCall(id, "cancel/approve", null), id)).isEqualTo("105306");
        assertThat(data(dispatch(id)).get("failProductOrderInfos").get(0).get("code").asText()).isEqualTo("104442");
    }

    @Test
    void aPartialCancelLeavesTheRestToShip() throws Exception {
        String id = null;
        for (int i = 0; i < 200 && id == null; i++) {
            String candidate = line();
            if (detail(candidate).get("productOrder").get("quantity").asInt() >= 2) {
                id = candidate;
            }
        }
        assertThat(id).as("a line of two or more pieces").isNotNull();
        int quantity = detail(id).get("productOrder").get("quantity").asInt();
        control("cancel", "sellerId=" + SELLER + "&productOrderId=" + id + "&quantity=1");
        assertThat(detail(id).get("currentClaim").get("cancel").get("requestQuantity").asInt()).isEqualTo(1);
        assertThat(failure(claimCall(id, "cancel/approve", null), id)).isNull();
        JsonNode po = detail(id).get("productOrder");
        assertThat(po.get("productOrderStatus").asText()).isEqualTo("PAYED");
        assertThat(po.get("initialQuantity").asInt()).isEqualTo(quantity);
        assertThat(po.get("remainQuantity").asInt()).isEqualTo(quantity - 1);
        assertThat(data(dispatch(id)).get("successProductOrderIds").get(0).asText()).isEqualTo(id);
    }

    @Test
    void theSellerCancelsWhatHasNotShipped() throws Exception {
        String id = line();
        assertThat(claimCall(id, "cancel/request", "{}").statusCode()).isEqualTo(400);
        HttpResponse<String> badReason = claimCall(id, "cancel/request", "{\"cancelReason\":\"NO_REASON\"}");
        assertThat(badReason.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badReason.body()).get("code").asText()).isEqualTo("4000");

        assertThat(failure(claimCall(id, "cancel/request", "{\"cancelReason\":\"SOLD_OUT\",\"cancelDetailedReason\":\"재고 없음\"}"), id))
                .isNull();
        assertThat(naver.statusOf(SELLER, id)).isEqualTo("CANCELED");
        JsonNode done = rows(id, "CLAIM_COMPLETED").get(0);
        assertThat(done.get("claimType").asText()).isEqualTo("CANCEL");
        assertThat(done.get("claimStatus").asText()).isEqualTo("CANCEL_DONE");
        assertThat(detail(id).get("completedClaims").get(0).get("claimRequestReason").asText()).isEqualTo("SOLD_OUT");

        String shipped = shippedLine();
        assertThat(failure(claimCall(shipped, "cancel/request", "{\"cancelReason\":\"SOLD_OUT\"}"), shipped)).isEqualTo("104442");
        assertThat(failure(claimCall("2099010100000001", "cancel/request", "{\"cancelReason\":\"SOLD_OUT\"}"), "2099010100000001"))
                .isEqualTo("100001");
        String others = naver.productOrderIds(OTHER, naver.createOrder(OTHER, ZonedDateTime.now(SEOUL), 1)).get(0);
        assertThat(failure(claimCall(others, "cancel/request", "{\"cancelReason\":\"SOLD_OUT\"}"), others)).isEqualTo("101009");
    }

    @Test
    void aReturnIsCollectedThenApproved() throws Exception {
        String id = shippedLine();
        control("return", "sellerId=" + SELLER + "&productOrderId=" + id);
        JsonNode requested = rows(id, "CLAIM_REQUESTED").get(0);
        assertThat(requested.get("claimType").asText()).isEqualTo("RETURN");
        assertThat(requested.get("claimStatus").asText()).isEqualTo("RETURN_REQUEST");
        assertThat(requested.get("productOrderStatus").asText()).isEqualTo("DELIVERING");
        assertThat(detail(id).get("currentClaim").get("return").get("claimStatus").asText()).isEqualTo("RETURN_REQUEST");
        // not collected yet
        assertThat(failure(claimCall(id, "return/approve", null), id)).isEqualTo("104442");

        control("collect", "sellerId=" + SELLER + "&productOrderId=" + id);
        JsonNode collected = rows(id, "COLLECT_DONE").get(0);
        assertThat(collected.get("claimStatus").asText()).isEqualTo("COLLECT_DONE");
        assertThat(detail(id).get("currentClaim").get("return").has("collectCompletedDate")).isTrue();

        assertThat(failure(claimCall(id, "return/approve", null), id)).isNull();
        JsonNode completed = rows(id, "CLAIM_COMPLETED").get(0);
        assertThat(completed.get("claimStatus").asText()).isEqualTo("RETURN_DONE");
        assertThat(completed.get("productOrderStatus").asText()).isEqualTo("RETURNED");
        assertThat(failure(claimCall(id, "return/approve", null), id)).isEqualTo("105306");
    }

    @Test
    void aRejectedReturnLeavesTheOrderAsItWas() throws Exception {
        String id = shippedLine();
        control("return", "sellerId=" + SELLER + "&productOrderId=" + id);
        HttpResponse<String> noReason = claimCall(id, "return/reject", "{}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noReason.body()).get("code").asText()).isEqualTo("4000");
        assertThat(failure(claimCall(id, "return/reject", "{\"rejectReturnReason\":\"사용 흔적이 있습니다\"}"), id)).isNull();
        JsonNode rejected = rows(id, "CLAIM_REJECTED").get(0);
        assertThat(rejected.get("claimStatus").asText()).isEqualTo("RETURN_REJECT");
        assertThat(rejected.get("productOrderStatus").asText()).isEqualTo("DELIVERING");
        assertThat(failure(claimCall(id, "return/reject", "{\"rejectReturnReason\":\"again\"}"), id)).isEqualTo("104442");
    }

    @Test
    void aWithdrawnCancelLeavesNoClaimAndTheLineShips() throws Exception {
        String id = line();
        control("cancel", "sellerId=" + SELLER + "&productOrderId=" + id);
        control("withdraw", "sellerId=" + SELLER + "&productOrderId=" + id);
        List<JsonNode> rejected = rows(id, "CLAIM_REJECTED");
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).has("claimType")).isFalse();
        assertThat(rejected.get(0).get("productOrderStatus").asText()).isEqualTo("PAYED");
        JsonNode d = detail(id);
        assertThat(d.has("currentClaim")).isFalse();
        assertThat(d.get("productOrder").has("claimStatus")).isFalse();
        assertThat(failure(claimCall(id, "cancel/approve", null), id)).isEqualTo("104442");
        assertThat(data(dispatch(id)).get("successProductOrderIds").get(0).asText()).isEqualTo(id);
    }

    @Test
    void anExchangeShowsInTheFeedAndTheDetail() throws Exception {
        String id = shippedLine();
        control("exchange", "sellerId=" + SELLER + "&productOrderId=" + id);
        JsonNode row = rows(id, "CLAIM_REQUESTED").get(0);
        assertThat(row.get("claimType").asText()).isEqualTo("EXCHANGE");
        assertThat(row.get("claimStatus").asText()).isEqualTo("EXCHANGE_REQUEST");
        JsonNode exchange = detail(id).get("currentClaim").get("exchange");
        assertThat(exchange.get("claimStatus").asText()).isEqualTo("EXCHANGE_REQUEST");
        assertThat(exchange.has("exchangeReason")).isTrue();
        // a shipped line takes no cancel
        HttpResponse<String> cancel = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/_simulator/naver/claims/cancel?sellerId=" + SELLER + "&productOrderId=" + id))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cancel.statusCode()).isEqualTo(400);
    }

    @Test
    void anExchangeIsCollectedThenShippedAgainOrRejected() throws Exception {
        String id = shippedLine();
        control("exchange", "sellerId=" + SELLER + "&productOrderId=" + id);
        String redispatch = "{\"reDeliveryMethod\":\"DELIVERY\",\"reDeliveryCompany\":\"CJGLS\",\"reDeliveryTrackingNumber\":\""
                + tracking.incrementAndGet() + "\"}";
        // not collected yet
        assertThat(failure(claimCall(id, "exchange/dispatch", redispatch), id)).isEqualTo("104442");
        assertThat(failure(claimCall(id, "exchange/collect/approve", null), id)).isNull();
        assertThat(rows(id, "COLLECT_DONE").get(0).get("claimStatus").asText()).isEqualTo("COLLECT_DONE");
        assertThat(failure(claimCall(id, "exchange/collect/approve", null), id)).isEqualTo("105306");

        HttpResponse<String> noMethod = claimCall(id, "exchange/dispatch", "{\"reDeliveryCompany\":\"CJGLS\"}");
        assertThat(noMethod.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noMethod.body()).get("code").asText()).isEqualTo("4000");
        assertThat(failure(claimCall(id, "exchange/dispatch", redispatch.replace("CJGLS", "LOTTE")), id)).isEqualTo("104119");
        assertThat(failure(claimCall(id, "exchange/dispatch", redispatch), id)).isNull();
        JsonNode redelivering = rows(id, "CLAIM_REDELIVERING").get(0);
        assertThat(redelivering.get("claimType").asText()).isEqualTo("EXCHANGE");
        assertThat(redelivering.get("claimStatus").asText()).isEqualTo("EXCHANGE_REDELIVERING");

        String other = shippedLine();
        control("exchange", "sellerId=" + SELLER + "&productOrderId=" + other);
        assertThat(claimCall(other, "exchange/reject", "{}").statusCode()).isEqualTo(400);
        assertThat(failure(claimCall(other, "exchange/reject", "{\"rejectExchangeReason\":\"재고 없음\"}"), other)).isNull();
        JsonNode rejected = rows(other, "CLAIM_REJECTED").get(0);
        assertThat(rejected.get("claimStatus").asText()).isEqualTo("EXCHANGE_REJECT");
        assertThat(detail(other).get("currentClaim").get("exchange").get("rejectExchangeReason").asText()).isEqualTo("재고 없음");
    }

    @Test
    void buyersCancelAndWithdrawOnTheirOwnAfterTheConfiguredDelays() throws Exception {
        Properties p = properties("withdraw-rate=1,withdraw-delay=PT1H");
        try (SimulatorServer own = new SimulatorServer(SimulatorSettings.from(p::getProperty)).start()) {
            NaverSimulator sim = own.get(NaverSimulator.class);
            // the cancel rate is switched on while running, through the control endpoint
            HttpResponse<String> on = http.send(HttpRequest.newBuilder(URI.create(own.baseUrl()
                    + "/_simulator/naver/claims?cancelRate=1&cancelDelay=PT1H&partialRate=0"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(on.statusCode()).isEqualTo(200);
            String id = sim.productOrderIds(SELLER, sim.createOrder(SELLER, ZonedDateTime.now(SEOUL), 1)).get(0);
            long now = System.currentTimeMillis();
            sim.runClaimPlan(now + Duration.ofMinutes(59).toMillis());
            assertThat(sim.claimStatusOf(SELLER, id)).isNull();
            sim.runClaimPlan(now + Duration.ofMinutes(61).toMillis());
            assertThat(sim.claimStatusOf(SELLER, id)).isEqualTo("CANCEL_REQUEST");
            sim.runClaimPlan(System.currentTimeMillis() + Duration.ofMinutes(61).toMillis());
            assertThat(sim.claimStatusOf(SELLER, id)).isNull();
        }
    }
}
