package io.marketbridge.simulator.coupang;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.order.OrderJson;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.SimulatorSettings;
import io.marketbridge.support.RuntimeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simulator answers the way Coupang's gateway does, on the wire. */
class CoupangSimulatorTest {

    static final String VENDOR = "A30000001";
    static final String ACCESS = "sim-access";
    static final String SECRET = "sim-secret-0123";
    static final String LIST = "/v2/providers/openapi/apis/api/v5/vendors/" + VENDOR + "/ordersheets";
    static SimulatorServer server;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = RuntimeHarness.simulator(Map.of(VENDOR, new String[] {ACCESS, SECRET}, "A30000002", new String[] {"other", "other-secret"},
                "A30000003", new String[] {"third", "third-secret"}));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String today() {
        return LocalDate.now(ZoneId.of("Asia/Seoul")).toString();
    }

    static HttpResponse<String> call(String method, String path, String query, String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json;charset=UTF-8")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> signed(String method, String path, String query, String body, Instant at) throws Exception {
        return call(method, path, query, body, CeaAuth.header(ACCESS, SECRET, method, path, query, at));
    }

    static String listQuery(String from, String to) {
        return "createdAtFrom=" + from + "%2B09:00&createdAtTo=" + to + "%2B09:00&maxPerPage=50&status=ACCEPT";
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return OrderJson.mapper().readTree(r.body());
    }

    @Test
    void listsOrderSheetsWithMoneyObjectsAndAcknowledgesThem() throws Exception {
        long orderId = server.get(CoupangSimulator.class).createOrder(VENDOR, ZonedDateTime.now(ZoneId.of("Asia/Seoul")), false, 1);
        HttpResponse<String> r = signed("GET", LIST, listQuery(today(), today()), null, Instant.now());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode sheet = json(r).get("data").get(0);
        assertThat(sheet.get("orderId").asLong()).isEqualTo(orderId);
        assertThat(sheet.get("orderItems").get(0).get("salesPrice").get("currencyCode").asText()).isEqualTo("KRW");
        assertThat(sheet.get("receiver").get("postCode").asText()).matches("[0-9]{5}");
        assertThat(sheet.get("orderer").get("safeNumber").asText()).startsWith("0502-");
        assertThat(json(r).get("nextToken").asText()).isEmpty();

        String ack = "{\"vendorId\":\"" + VENDOR + "\",\"shipmentBoxIds\":[" + sheet.get("shipmentBoxId").asLong() + ",1]}";
        HttpResponse<String> a = signed("PUT", "/v2/providers/openapi/apis/api/v4/vendors/" + VENDOR + "/ordersheets/acknowledgement", "", ack, Instant.now());
        JsonNode data = json(a).get("data");
        assertThat(data.get("responseCode").asInt()).isEqualTo(1);
        assertThat(data.get("responseList").get(0).get("succeed").asBoolean()).isTrue();
        assertThat(data.get("responseList").get(1).get("resultCode").asText()).isEqualTo("NOT_FOUND_SHIPMENT_BOX");
        assertThat(server.get(CoupangSimulator.class).orders(VENDOR).get(orderId)).containsOnly("INSTRUCT");

        HttpResponse<String> again = signed("PUT", "/v2/providers/openapi/apis/api/v4/vendors/" + VENDOR + "/ordersheets/acknowledgement", "", ack, Instant.now());
        assertThat(json(again).get("data").get("responseCode").asInt()).isEqualTo(99);
    }

    @Test
    void checksTheSignatureLikeTheGateway() throws Exception {
        String q = listQuery(today(), today());
        assertThat(call("GET", LIST, q, null, null).body()).contains("Request is not authorized.");
        assertThat(call("GET", LIST, q, null, "CEA nonsense").body()).contains("HMAC format is invalid.");
        HttpResponse<String> stale = signed("GET", LIST, q, null, Instant.now().minusSeconds(600));
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(stale.body()).contains("Specified signature is expired.");
        String wrongSecret = CeaAuth.header(ACCESS, "not-the-secret", "GET", LIST, q, Instant.now());
        assertThat(call("GET", LIST, q, null, wrongSecret).body()).contains("Invalid signature.").contains("transactionId");
        String unknownKey = CeaAuth.header("nobody", SECRET, "GET", LIST, q, Instant.now());
        assertThat(call("GET", LIST, q, null, unknownKey).statusCode()).isEqualTo(401);
        // the Partners samples separate the fields with "," only: accepted too
        String compact = CeaAuth.header(ACCESS, SECRET, "GET", LIST, q, Instant.now()).replace(", ", ",");
        assertThat(call("GET", LIST, q, null, compact).statusCode()).isEqualTo(200);
        // signed over %2B but sent re-encoded as %252B: the signature no longer matches
        String signedOnce = CeaAuth.header(ACCESS, SECRET, "GET", LIST, q, Instant.now());
        assertThat(call("GET", LIST, q.replace("%2B", "%252B"), null, signedOnce).body()).contains("Invalid signature.");
    }

    @Test
    void refusesAnotherVendorsPathBadDatesAndLongWindows() throws Exception {
        String other = "/v2/providers/openapi/apis/api/v5/vendors/A30000002/ordersheets";
        HttpResponse<String> r = signed("GET", other, listQuery(today(), today()), null, Instant.now());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("vendorId");

        String plus = "createdAtFrom=" + today() + "+09:00&createdAtTo=" + today() + "+09:00&status=ACCEPT";
        assertThat(signed("GET", LIST, plus, null, Instant.now()).statusCode()).isEqualTo(400);

        String from = LocalDate.now().minusDays(40).toString();
        HttpResponse<String> wide = signed("GET", LIST, listQuery(from, today()), null, Instant.now());
        assertThat(wide.statusCode()).isEqualTo(400);
        assertThat(wide.body()).contains("endTime-startTime range should less than31.");
    }

    @Test
    void pagesByFiftyWithNextToken() throws Exception {
        String vendor = "A30000002";
        for (int i = 0; i < 120; i++) {
            server.get(CoupangSimulator.class).createOrder(vendor, ZonedDateTime.now(ZoneId.of("Asia/Seoul")), false, 1);
        }
        String path = "/v2/providers/openapi/apis/api/v5/vendors/" + vendor + "/ordersheets";
        int total = 0;
        int pages = 0;
        String token = null;
        do {
            String q = "createdAtFrom=" + today() + "%2B09:00&createdAtTo=" + today() + "%2B09:00&maxPerPage=50"
                    + (token == null ? "" : "&nextToken=" + token) + "&status=ACCEPT";
            HttpResponse<String> r = call("GET", path, q, null, CeaAuth.header("other", "other-secret", "GET", path, q, Instant.now()));
            JsonNode body = json(r);
            total += body.get("data").size();
            pages++;
            token = body.get("nextToken").asText();
        } while (!token.isEmpty());
        assertThat(total).isEqualTo(120);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void goingOverTheRateLimitBlocksTheVendorForTheConfiguredBlockWithoutRetryAfter() throws Exception {
        Properties p = new Properties();
        p.setProperty("marketbridge.simulators.port", "0");
        p.setProperty("marketbridge.simulators.coupang.vendors", VENDOR + ",A30000009");
        p.setProperty("marketbridge.simulators.coupang.vendor." + VENDOR + ".access-key", ACCESS);
        p.setProperty("marketbridge.simulators.coupang.vendor." + VENDOR + ".secret-key", SECRET);
        p.setProperty("marketbridge.simulators.coupang.vendor.A30000009.access-key", "ninth");
        p.setProperty("marketbridge.simulators.coupang.vendor.A30000009.secret-key", "ninth-secret");
        p.setProperty("marketbridge.simulators.coupang.seed-orders", "0");
        p.setProperty("marketbridge.simulators.coupang.arrival-per-minute", "0");
        p.setProperty("marketbridge.simulators.coupang.rate-limit-per-second", "2");
        p.setProperty("marketbridge.simulators.coupang.throttle-block", "PT2S");
        SimulatorServer limited = new SimulatorServer(SimulatorSettings.from(p::getProperty)).start();
        try {
            String q = listQuery(today(), today());
            java.util.function.Supplier<Integer> list = () -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(limited.baseUrl() + LIST + "?" + q))
                            .header("Authorization", CeaAuth.header(ACCESS, SECRET, "GET", LIST, q, Instant.now())).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            assertThat(list.get()).isEqualTo(200);
            assertThat(list.get()).isEqualTo(200);
            long overAt = System.nanoTime();
            HttpResponse<String> over = http.send(HttpRequest.newBuilder(URI.create(limited.baseUrl() + LIST + "?" + q))
                    .header("Authorization", CeaAuth.header(ACCESS, SECRET, "GET", LIST, q, Instant.now())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(over.statusCode()).isEqualTo(429);
            // coupang.md documents no Retry-After: a client must not be told the block is a second long
            assertThat(over.headers().firstValue("Retry-After")).isEmpty();
            // well past the one-second rate window, but still inside the block
            Thread.sleep(1200);
            assertThat(list.get()).isEqualTo(429);
            assertThat(limited.get(CoupangSimulator.class).throttledCalls(VENDOR)).isEqualTo(2);
            // the block is the vendor's own
            String other = "/v2/providers/openapi/apis/api/v5/vendors/A30000009/ordersheets";
            assertThat(http.send(HttpRequest.newBuilder(URI.create(limited.baseUrl() + other + "?" + q))
                    .header("Authorization", CeaAuth.header("ninth", "ninth-secret", "GET", other, q, Instant.now())).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            long left = 2_100_000_000L - (System.nanoTime() - overAt);
            Thread.sleep(Math.max(0, left / 1_000_000));
            assertThat(list.get()).isEqualTo(200);
        } finally {
            limited.close();
        }
    }

    @Test
    void aForced429StartsTheBlockAndTheControlEndpointSetsItsLength() throws Exception {
        String vendor = "A30000003";
        String path = "/v2/providers/openapi/apis/api/v5/vendors/" + vendor + "/ordersheets";
        String q = listQuery(today(), today());
        java.util.function.Supplier<Integer> list = () -> {
            try {
                return call("GET", path, q, null, CeaAuth.header("third", "third-secret", "GET", path, q, Instant.now()))
                        .statusCode();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/_simulator/coupang/faults?throttleBlockMs=800&failStatus=429")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(set.statusCode()).isEqualTo(200);
        try {
            assertThat(list.get()).isEqualTo(429);
            assertThat(list.get()).isEqualTo(429);
            Thread.sleep(900);
            assertThat(list.get()).isEqualTo(200);
        } finally {
            http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_simulator/coupang/faults?reset=true"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void theBlockLastsMinutesByDefaultAsCoupangDocuments() {
        assertThat(CoupangSimulatorSettings.from(k -> null).throttleBlock()).isEqualTo(Duration.ofMinutes(5));
    }

    static final String INVOICES = "/v2/providers/openapi/apis/api/v4/vendors/" + VENDOR + "/orders/invoices";
    static final String UPDATE = "/v2/providers/openapi/apis/api/v4/vendors/" + VENDOR + "/orders/updateInvoices";

    /** An invoice body for every item of the box. */
    static String invoiceBody(long box, String courier, String number) {
        JsonNode sheet = server.get(CoupangSimulator.class).sheetsOf(VENDOR, orderOf(box)).stream()
                .filter(s -> s.get("shipmentBoxId").asLong() == box).findFirst().orElseThrow();
        StringBuilder b = new StringBuilder("{\"vendorId\":\"" + VENDOR + "\",\"orderSheetInvoiceApplyDtos\":[");
        for (int i = 0; i < sheet.get("orderItems").size(); i++) {
            b.append(i == 0 ? "" : ",").append("{\"shipmentBoxId\":").append(box).append(",\"orderId\":")
                    .append(sheet.get("orderId").asLong()).append(",\"vendorItemId\":")
                    .append(sheet.get("orderItems").get(i).get("vendorItemId").asLong())
                    .append(",\"deliveryCompanyCode\":\"").append(courier).append("\",\"invoiceNumber\":\"").append(number)
                    .append("\",\"splitShipping\":false,\"preSplitShipped\":false,\"estimatedShippingDate\":\"\"}");
        }
        return b.append("]}").toString();
    }

    static long orderOf(long box) {
        for (Map.Entry<Long, java.util.List<String>> e : server.get(CoupangSimulator.class).orders(VENDOR).entrySet()) {
            if (server.get(CoupangSimulator.class).boxIdsOf(VENDOR, e.getKey()).contains(box)) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("no box " + box);
    }

    static long instructBox() throws Exception {
        long orderId = server.get(CoupangSimulator.class).createOrder(VENDOR, ZonedDateTime.now(ZoneId.of("Asia/Seoul")), false, 1);
        long box = server.get(CoupangSimulator.class).boxIdsOf(VENDOR, orderId).get(0);
        signed("PUT", "/v2/providers/openapi/apis/api/v4/vendors/" + VENDOR + "/ordersheets/acknowledgement", "",
                "{\"vendorId\":\"" + VENDOR + "\",\"shipmentBoxIds\":[" + box + "]}", Instant.now());
        return box;
    }

    static JsonNode item(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("data").get("responseList").get(0);
    }

    @Test
    void uploadsAnInvoiceOnceAndUpdatesItLater() throws Exception {
        long box = instructBox();
        JsonNode ok = item(signed("POST", INVOICES, "", invoiceBody(box, "CJGLS", "123456789012"), Instant.now()));
        assertThat(ok.get("succeed").asBoolean()).isTrue();
        assertThat(server.get(CoupangSimulator.class).statusOf(VENDOR, box)).isEqualTo("DEPARTURE");
        assertThat(server.get(CoupangSimulator.class).invoiceOf(VENDOR, box)).isEqualTo("123456789012");
        JsonNode read = json(signed("GET", "/v2/providers/openapi/apis/api/v5/vendors/" + VENDOR + "/ordersheets/" + box, "",
                null, Instant.now())).get("data");
        assertThat(read.get("invoiceNumber").asText()).isEqualTo("123456789012");
        assertThat(read.get("deliveryCompanyName").asText()).isEqualTo("CJ 대한통운");

        // a second upload to a shipped box is refused for good; the update call changes the number
        JsonNode again = item(signed("POST", INVOICES, "", invoiceBody(box, "CJGLS", "123456789013"), Instant.now()));
        assertThat(again.get("succeed").asBoolean()).isFalse();
        assertThat(again.get("resultCode").asText()).isEqualTo("NOT_ALLOW_INVOICE_NUMBER_RE_UPLOAD");
        assertThat(again.get("retryRequired").asBoolean()).isFalse();
        JsonNode updated = item(signed("POST", UPDATE, "", invoiceBody(box, "HANJIN", "5012345678"), Instant.now()));
        assertThat(updated.get("succeed").asBoolean()).isTrue();
        assertThat(server.get(CoupangSimulator.class).invoiceOf(VENDOR, box)).isEqualTo("5012345678");
        assertThat(server.get(CoupangSimulator.class).invoiceUploadsOf(VENDOR, box)).isEqualTo(1);
    }

    @Test
    void refusesWhatCoupangRefuses() throws Exception {
        // format errors: HTTP 400 for the whole call
        long box = instructBox();
        HttpResponse<String> badCode = signed("POST", INVOICES, "", invoiceBody(box, "CJ", "123456789012"), Instant.now());
        assertThat(badCode.statusCode()).isEqualTo(400);
        assertThat(badCode.body()).contains("invalid delivery company code:CJ");
        HttpResponse<String> badLength = signed("POST", INVOICES, "", invoiceBody(box, "EPOST", "123456789012"), Instant.now());
        assertThat(badLength.statusCode()).isEqualTo(400);
        assertThat(badLength.body()).contains("123456789012");
        assertThat(signed("POST", INVOICES, "", invoiceBody(box, "CJGLS", "12345678901a"), Instant.now()).statusCode()).isEqualTo(400);

        // per box, inside HTTP 200
        long accepted = server.get(CoupangSimulator.class).boxIdsOf(VENDOR,
                server.get(CoupangSimulator.class).createOrder(VENDOR, ZonedDateTime.now(ZoneId.of("Asia/Seoul")), false, 1)).get(0);
        assertThat(item(signed("POST", INVOICES, "", invoiceBody(accepted, "CJGLS", "223456789012"), Instant.now()))
                .get("resultCode").asText()).isEqualTo("INVALID_STATUS");
        assertThat(item(signed("POST", UPDATE, "", invoiceBody(box, "CJGLS", "223456789012"), Instant.now()))
                .get("resultCode").asText()).isEqualTo("NOT_FOUND_INVOICE_NUMBER");
        String unknownBox = invoiceBody(box, "CJGLS", "223456789012").replace(String.valueOf(box), "999");
        assertThat(item(signed("POST", INVOICES, "", unknownBox, Instant.now())).get("resultCode").asText())
                .isEqualTo("NOT_FOUND_SHIPMENT_BOX");

        long cancelled = instructBox();
        server.get(CoupangSimulator.class).cancelBox(VENDOR, cancelled);
        assertThat(item(signed("POST", INVOICES, "", invoiceBody(cancelled, "CJGLS", "323456789012"), Instant.now()))
                .get("resultCode").asText()).isEqualTo("ORDER_DELIVERY_CANCELED");
        assertThat(server.get(CoupangSimulator.class).statusOf(VENDOR, cancelled)).isEqualTo("INSTRUCT");

        // a number already used for another receiver: refused, retryRequired as Coupang marks it
        assertThat(item(signed("POST", INVOICES, "", invoiceBody(box, "CJGLS", "423456789012"), Instant.now()))
                .get("succeed").asBoolean()).isTrue();
        long other;
        do { // a box whose receiver differs from the first one's
            other = instructBox();
        } while (server.get(CoupangSimulator.class).sheetsOf(VENDOR, orderOf(other)).get(0).get("receiver").equals(
                server.get(CoupangSimulator.class).sheetsOf(VENDOR, orderOf(box)).get(0).get("receiver")));
        JsonNode dup = item(signed("POST", INVOICES, "", invoiceBody(other, "CJGLS", "423456789012"), Instant.now()));
        assertThat(dup.get("resultCode").asText()).isEqualTo("DUPLICATE_INVOICE_NUMBER");
        assertThat(dup.get("retryRequired").asBoolean()).isTrue();
        assertThat(server.get(CoupangSimulator.class).statusOf(VENDOR, other)).isEqualTo("INSTRUCT");
    }

    @Test
    void listsAcknowledgedBoxesUnderInstructByDayWithPagesAndNextToken() throws Exception {
        String vendor = "A30000003";
        String path = "/v2/providers/openapi/apis/api/v5/vendors/" + vendor + "/ordersheets";
        ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Seoul"));
        java.util.List<Long> boxes = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            boxes.addAll(server.get(CoupangSimulator.class).boxIdsOf(vendor, server.get(CoupangSimulator.class).createOrder(vendor, now, false, 1)));
        }
        // a box acknowledged three days ago is listed under its own day, not today's
        ObjectNode old = server.get(CoupangSimulator.class).sheetsOf(vendor, server.get(CoupangSimulator.class).createOrder(vendor, now.minusDays(3), false, 1)).get(0);
        for (java.util.List<Long> chunk : java.util.List.of(boxes.subList(0, 50), boxes.subList(50, 55), java.util.List.of(old.get("shipmentBoxId").asLong()))) {
            String ack = "{\"vendorId\":\"" + vendor + "\",\"shipmentBoxIds\":" + chunk + "}";
            String ackPath = "/v2/providers/openapi/apis/api/v4/vendors/" + vendor + "/ordersheets/acknowledgement";
            HttpResponse<String> r = call("PUT", ackPath, "", ack, CeaAuth.header("third", "third-secret", "PUT", ackPath, "", Instant.now()));
            assertThat(json(r).get("data").get("responseCode").asInt()).isZero();
        }

        java.util.Set<Long> listed = new java.util.HashSet<>();
        int pages = 0;
        String token = null;
        do {
            String q = "createdAtFrom=" + today() + "%2B09:00&createdAtTo=" + today() + "%2B09:00&maxPerPage=50"
                    + (token == null ? "" : "&nextToken=" + token) + "&status=INSTRUCT";
            JsonNode body = json(call("GET", path, q, null, CeaAuth.header("third", "third-secret", "GET", path, q, Instant.now())));
            body.get("data").forEach(sheet -> {
                assertThat(sheet.get("status").asText()).isEqualTo("INSTRUCT");
                assertThat(sheet.get("receiver").get("safeNumber").asText()).startsWith("0502-");
                listed.add(sheet.get("shipmentBoxId").asLong());
            });
            pages++;
            token = body.get("nextToken").asText();
        } while (!token.isEmpty());
        assertThat(pages).isEqualTo(2);
        assertThat(listed).containsExactlyInAnyOrderElementsOf(boxes.subList(0, 55));

        String three = now.minusDays(3).toLocalDate().toString();
        String q = "createdAtFrom=" + three + "%2B09:00&createdAtTo=" + three + "%2B09:00&maxPerPage=50&status=INSTRUCT";
        JsonNode body = json(call("GET", path, q, null, CeaAuth.header("third", "third-secret", "GET", path, q, Instant.now())));
        assertThat(body.get("data")).hasSize(1);
        assertThat(body.get("nextToken").asText()).isEmpty();
        // the five not acknowledged are still ACCEPT only
        String accept = "createdAtFrom=" + today() + "%2B09:00&createdAtTo=" + today() + "%2B09:00&maxPerPage=50&status=ACCEPT";
        JsonNode paid = json(call("GET", path, accept, null, CeaAuth.header("third", "third-secret", "GET", path, accept, Instant.now())));
        assertThat(paid.get("data")).hasSize(5);
        assertThat(server.get(CoupangSimulator.class).listCalls(vendor, "INSTRUCT")).isEqualTo(3);
    }
}
