package io.marketbridge.simulator.coupang;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.order.OrderJson;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.support.RuntimeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Claims on the simulated Coupang, on the wire, as coupang.md 1.3 and 1.8 describe them: the v6 returnRequests
 * list (cancelType RETURN / CANCEL, status RU / UC / CC, a 31-day window, paging in day mode), the seller's
 * stoppedShipment / completedShipment / receiveConfirmation / approval, the v5 seller cancel, exchangeRequests
 * (7-day window, withdrawn ones as CANCEL), returnWithdrawRequests, invoices refused for held or cancelled boxes, and withdrawn claims.
 */
class CoupangClaimsSimulatorTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final String VENDOR = "A30000011";
    static final String ACCESS = "claims-access";
    static final String SECRET = "claims-secret-0123";
    /** A vendor of its own for the paging test, so other tests' receipts do not count. */
    static final String PAGER = "A30000012";
    static final String API = "/v2/providers/openapi/apis/api";
    static final HttpClient http = HttpClient.newHttpClient();
    static final AtomicLong invoices = new AtomicLong(312_000_000_000L);
    static SimulatorServer server;
    static CoupangSimulator sim;

    @BeforeAll
    static void start() {
        server = RuntimeHarness.simulator(Map.of(VENDOR, new String[] {ACCESS, SECRET}, PAGER, new String[] {"pager", "pager-secret"}));
        sim = server.get(CoupangSimulator.class);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---------------------------------------------------------------- wire helpers

    static HttpResponse<String> signed(String access, String secret, String method, String path, String query, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json;charset=UTF-8")
                .header("Authorization", CeaAuth.header(access, secret, method, path, query, Instant.now()))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> call(String method, String path, String query, String body) throws Exception {
        return signed(ACCESS, SECRET, method, path, query, body);
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return OrderJson.mapper().readTree(r.body());
    }

    static JsonNode control(String action, String query) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_simulator/coupang/claims/"
                + action + "?" + query)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    static String today() {
        return LocalDate.now(SEOUL).toString();
    }

    static JsonNode returnList(String query) throws Exception {
        HttpResponse<String> r = call("GET", API + "/v6/vendors/" + VENDOR + "/returnRequests", query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    static HttpResponse<String> call(String method, String path, String query) throws Exception {
        return call(method, path, query, null);
    }

    static JsonNode receipt(JsonNode list, long receiptId) {
        for (JsonNode item : list.get("data")) {
            if (item.get("receiptId").asLong() == receiptId) {
                return item;
            }
        }
        return null;
    }

    /** A one-box order of the vendor; with {@code acknowledged} it is INSTRUCT. Returns the box's sheet. */
    static JsonNode order(boolean acknowledged) throws Exception {
        long orderId = sim.createOrder(VENDOR, ZonedDateTime.now(SEOUL), false, 1);
        JsonNode sheet = sim.sheetsOf(VENDOR, orderId).get(0);
        if (acknowledged) {
            String ack = "{\"vendorId\":\"" + VENDOR + "\",\"shipmentBoxIds\":[" + sheet.get("shipmentBoxId").asLong() + "]}";
            HttpResponse<String> a = call("PUT", API + "/v4/vendors/" + VENDOR + "/ordersheets/acknowledgement", "", ack);
            assertThat(json(a).get("data").get("responseCode").asInt()).isEqualTo(0);
        }
        return sheet;
    }

    static HttpResponse<String> uploadInvoice(JsonNode sheet) throws Exception {
        StringBuilder dtos = new StringBuilder();
        String number = String.valueOf(invoices.incrementAndGet());
        for (JsonNode item : sheet.get("orderItems")) {
            dtos.append(dtos.length() == 0 ? "" : ",").append("{\"shipmentBoxId\":").append(sheet.get("shipmentBoxId").asLong())
                    .append(",\"orderId\":").append(sheet.get("orderId").asLong())
                    .append(",\"vendorItemId\":").append(item.get("vendorItemId").asLong())
                    .append(",\"deliveryCompanyCode\":\"CJGLS\",\"invoiceNumber\":\"").append(number)
                    .append("\",\"splitShipping\":false,\"preSplitShipped\":false,\"estimatedShippingDate\":\"\"}");
        }
        return call("POST", API + "/v4/vendors/" + VENDOR + "/orders/invoices", "",
                "{\"vendorId\":\"" + VENDOR + "\",\"orderSheetInvoiceApplyDtos\":[" + dtos + "]}");
    }

    static int pieces(JsonNode sheet) {
        int n = 0;
        for (JsonNode item : sheet.get("orderItems")) {
            n += item.get("shippingCount").asInt();
        }
        return n;
    }

    static HttpResponse<String> act(long receiptId, String action, String body) throws Exception {
        return call("PUT", API + "/v4/vendors/" + VENDOR + "/returnRequests/" + receiptId + "/" + action, "", body);
    }

    static String countBody(long receiptId, int count) {
        return "{\"vendorId\":\"" + VENDOR + "\",\"receiptId\":" + receiptId + ",\"cancelCount\":" + count + "}";
    }

    // ---------------------------------------------------------------- tests

    @Test
    void aCancelWhileAcceptIsListedWithCancelTypeCancelAndTheBoxCannotShip() throws Exception {
        JsonNode sheet = order(false);
        long orderId = sheet.get("orderId").asLong();
        long receiptId = control("cancel", "vendorId=" + VENDOR + "&orderId=" + orderId).get("receiptId").asLong();

        JsonNode cancels = returnList("createdAtFrom=" + today() + "&createdAtTo=" + today() + "&cancelType=CANCEL");
        JsonNode r = receipt(cancels, receiptId);
        assertThat(r).isNotNull();
        assertThat(r.get("receiptType").asText()).isEqualTo("CANCEL");
        assertThat(r.get("orderId").asLong()).isEqualTo(orderId);
        assertThat(r.get("cancelCountSum").asInt()).isEqualTo(pieces(sheet));
        assertThat(r.get("returnItems").get(0).get("shipmentBoxId").asLong()).isEqualTo(sheet.get("shipmentBoxId").asLong());
        // RETURN is the default cancelType: a cancel receipt is not among returns
        assertThat(receipt(returnList("createdAtFrom=" + today() + "&createdAtTo=" + today() + "&orderId=" + orderId), receiptId)).isNull();
        // one return receipt is read by id; a cancel receipt is not a return receipt
        assertThat(call("GET", API + "/v6/vendors/" + VENDOR + "/returnRequests/" + receiptId, "").statusCode()).isEqualTo(400);

        JsonNode rendered = sim.sheetsOf(VENDOR, orderId).get(0).get("orderItems").get(0);
        assertThat(rendered.get("canceled").asBoolean()).isTrue();
        assertThat(rendered.get("cancelCount").asInt()).isEqualTo(rendered.get("shippingCount").asInt());
        String ack = "{\"vendorId\":\"" + VENDOR + "\",\"shipmentBoxIds\":[" + sheet.get("shipmentBoxId").asLong() + "]}";
        call("PUT", API + "/v4/vendors/" + VENDOR + "/ordersheets/acknowledgement", "", ack);
        JsonNode upload = json(uploadInvoice(sheet)).get("data");
        assertThat(upload.get("responseCode").asInt()).isEqualTo(99);
        assertThat(upload.get("responseList").get(0).get("resultCode").asText()).isEqualTo("ORDER_DELIVERY_CANCELED");
        assertThat(upload.get("responseList").get(0).get("retryRequired").asBoolean()).isFalse();
    }

    @Test
    void aStopRequestHoldsTheBoxUntilTheSellerStopsTheShipment() throws Exception {
        JsonNode sheet = order(true);
        long boxId = sheet.get("shipmentBoxId").asLong();
        long receiptId = control("cancel", "vendorId=" + VENDOR + "&shipmentBoxId=" + boxId).get("receiptId").asLong();

        JsonNode ru = receipt(returnList("createdAtFrom=" + today() + "&createdAtTo=" + today() + "&status=RU"), receiptId);
        assertThat(ru.get("receiptStatus").asText()).isEqualTo("RELEASE_STOP_UNCHECKED");
        assertThat(ru.get("returnItems").get(0).get("releaseStatus").asText()).isEqualTo("N");
        JsonNode item = sim.sheetsOf(VENDOR, sheet.get("orderId").asLong()).get(0).get("orderItems").get(0);
        assertThat(item.get("holdCountForCancel").asInt()).isEqualTo(item.get("shippingCount").asInt());

        JsonNode upload = json(uploadInvoice(sheet)).get("data").get("responseList").get(0);
        assertThat(upload.get("resultCode").asText()).isEqualTo("ORDER_DELIVERY_CANCELED_HOLDING_FOR_CANCEL");
        assertThat(upload.get("retryRequired").asBoolean()).isTrue();

        int count = ru.get("cancelCountSum").asInt();
        HttpResponse<String> wrongCount = act(receiptId, "stoppedShipment", countBody(receiptId, count + 1));
        assertThat(wrongCount.statusCode()).isEqualTo(400);
        assertThat(json(wrongCount).get("code").asInt()).isEqualTo(400);
        assertThat(act(receiptId, "stoppedShipment", "{\"vendorId\":\"" + VENDOR + "\",\"receiptId\":" + receiptId + "}").statusCode())
                .isEqualTo(400);
        HttpResponse<String> stopped = act(receiptId, "stoppedShipment", countBody(receiptId, count));
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        assertThat(json(stopped).get("code").asInt()).isEqualTo(200);
        assertThat(act(receiptId, "stoppedShipment", countBody(receiptId, count)).statusCode()).isEqualTo(400);
        assertThat(act(receiptId, "receiveConfirmation", "{\"vendorId\":\"" + VENDOR + "\",\"receiptId\":" + receiptId + "}")
                .statusCode()).isEqualTo(400);

        JsonNode cc = receipt(returnList("createdAtFrom=" + today() + "&createdAtTo=" + today() + "&status=CC"), receiptId);
        assertThat(cc.get("receiptStatus").asText()).isEqualTo("RETURNS_COMPLETED");
        assertThat(cc.get("returnItems").get(0).get("releaseStatus").asText()).isEqualTo("S");
        item = sim.sheetsOf(VENDOR, sheet.get("orderId").asLong()).get(0).get("orderItems").get(0);
        assertThat(item.get("holdCountForCancel").asInt()).isZero();
        assertThat(item.get("canceled").asBoolean()).isTrue();
        assertThat(json(uploadInvoice(sheet)).get("data").get("responseList").get(0).get("resultCode").asText())
                .isEqualTo("ORDER_DELIVERY_CANCELED");
    }

    @Test
    void goodsThatHadLeftShipWithCompletedShipmentAndComeBackAsAReturn() throws Exception {
        JsonNode sheet = order(true);
        long boxId = sheet.get("shipmentBoxId").asLong();
        long receiptId = control("cancel", "vendorId=" + VENDOR + "&shipmentBoxId=" + boxId).get("receiptId").asLong();
        String badCourier = "{\"vendorId\":\"" + VENDOR + "\",\"receiptId\":" + receiptId
                + ",\"deliveryCompanyCode\":\"LOTTE\",\"invoiceNumber\":\"123456789012\"}";
        assertThat(act(receiptId, "completedShipment", badCourier).statusCode()).isEqualTo(400);
        String shipped = "{\"vendorId\":\"" + VENDOR + "\",\"receiptId\":" + receiptId
                + ",\"deliveryCompanyCode\":\"CJGLS\",\"invoiceNumber\":\"" + invoices.incrementAndGet() + "\"}";
        HttpResponse<String> done = act(receiptId, "completedShipment", shipped);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(sim.statusOf(VENDOR, boxId)).isEqualTo("DEPARTURE");

        HttpResponse<String> one = call("GET", API + "/v6/vendors/" + VENDOR + "/returnRequests/" + receiptId, "");
        assertThat(one.statusCode()).isEqualTo(200);
        JsonNode r = json(one).get("data");
        assertThat(r.get("receiptStatus").asText()).isEqualTo("RETURNS_UNCHECKED");
        assertThat(r.get("returnItems").get(0).get("releaseStatus").asText()).isEqualTo("A");
        assertThat(receipt(returnList("createdAtFrom=" + today() + "&createdAtTo=" + today() + "&status=UC"), receiptId)).isNotNull();
        int count = r.get("cancelCountSum").asInt();
        // approval comes after receiveConfirmation
        assertThat(act(receiptId, "approval", countBody(receiptId, count)).statusCode()).isEqualTo(400);
        String confirm = "{\"vendorId\":\"" + VENDOR + "\",\"receiptId\":" + receiptId + "}";
        assertThat(act(receiptId, "receiveConfirmation", confirm).statusCode()).isEqualTo(200);
        assertThat(act(receiptId, "receiveConfirmation", confirm).statusCode()).isEqualTo(400);
        assertThat(act(receiptId, "approval", countBody(receiptId, count)).statusCode()).isEqualTo(200);
        assertThat(sim.claimStatusOf(VENDOR, receiptId)).isEqualTo("RETURNS_COMPLETED");
    }

    @Test
    void aReturnOfAShippedBoxWaitsForReceiptThenApproval() throws Exception {
        JsonNode sheet = order(true);
        assertThat(json(uploadInvoice(sheet)).get("data").get("responseCode").asInt()).isEqualTo(0);
        long boxId = sheet.get("shipmentBoxId").asLong();
        long vendorItemId = sheet.get("orderItems").get(0).get("vendorItemId").asLong();
        JsonNode made = control("return", "vendorId=" + VENDOR + "&shipmentBoxId=" + boxId + "&vendorItemId=" + vendorItemId + "&count=1");
        long receiptId = made.get("receiptId").asLong();
        JsonNode r = receipt(returnList("createdAtFrom=" + today() + "&createdAtTo=" + today() + "&orderId=" + sheet.get("orderId").asLong()),
                receiptId);
        assertThat(r.get("receiptType").asText()).isEqualTo("RETURN");
        assertThat(r.get("receiptStatus").asText()).isEqualTo("RETURNS_UNCHECKED");
        assertThat(r.get("cancelCountSum").asInt()).isEqualTo(1);
        assertThat(r.get("returnItems").get(0).get("releaseStatus").asText()).isEqualTo("Y");
        assertThat(r.get("returnShippingCharge").get("currencyCode").asText()).isEqualTo("KRW");
        // the body must name the path's receipt and vendor
        assertThat(act(receiptId, "receiveConfirmation", "{\"vendorId\":\"" + VENDOR + "\",\"receiptId\":1}").statusCode()).isEqualTo(400);
        assertThat(act(receiptId, "receiveConfirmation", "{\"vendorId\":\"" + PAGER + "\",\"receiptId\":" + receiptId + "}").statusCode())
                .isEqualTo(400);
        // a cancel of a shipped box is refused: the buyer returns it
        HttpResponse<String> cancel = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/_simulator/coupang/claims/cancel?vendorId=" + VENDOR + "&shipmentBoxId=" + boxId))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cancel.statusCode()).isEqualTo(400);
    }

    @Test
    void theListKeepsItsWindowParametersAndPages() throws Exception {
        String list = API + "/v6/vendors/" + VENDOR + "/returnRequests";
        String from = LocalDate.now(SEOUL).minusDays(32).toString();
        assertThat(call("GET", list, "createdAtFrom=" + from + "&createdAtTo=" + today() + "&status=UC").statusCode()).isEqualTo(400);
        assertThat(call("GET", list, "createdAtFrom=" + LocalDate.now(SEOUL).minusDays(31) + "&createdAtTo=" + today() + "&status=UC")
                .statusCode()).isEqualTo(200);
        // neither status nor orderId with the default cancelType
        assertThat(call("GET", list, "createdAtFrom=" + today() + "&createdAtTo=" + today()).statusCode()).isEqualTo(400);
        assertThat(call("GET", list, "createdAtFrom=" + today() + "&createdAtTo=" + today() + "&status=XX").statusCode()).isEqualTo(400);
        assertThat(call("GET", list, "createdAtFrom=" + today() + "&createdAtTo=" + today() + "&cancelType=BOTH").statusCode()).isEqualTo(400);
        assertThat(call("GET", list, "createdAtTo=" + today() + "&status=UC").statusCode()).isEqualTo(400);
        // minute mode takes yyyy-MM-ddTHH:mm, day mode yyyy-MM-dd
        assertThat(call("GET", list, "searchType=timeFrame&createdAtFrom=" + today() + "&createdAtTo=" + today() + "&status=UC")
                .statusCode()).isEqualTo(400);
        assertThat(call("GET", list, "createdAtFrom=" + today() + "T00:00&createdAtTo=" + today() + "T23:59&status=UC")
                .statusCode()).isEqualTo(400);
        HttpResponse<String> otherVendor = call("GET", API + "/v6/vendors/" + PAGER + "/returnRequests",
                "createdAtFrom=" + today() + "&createdAtTo=" + today() + "&status=UC");
        assertThat(otherVendor.statusCode()).isEqualTo(400);

        // three cancels of another vendor, two a page
        for (int i = 0; i < 3; i++) {
            long orderId = sim.createOrder(PAGER, ZonedDateTime.now(SEOUL), false, 1);
            sim.buyerCancel(PAGER, sim.boxIdsOf(PAGER, orderId).get(0), null, null);
        }
        String pagerList = API + "/v6/vendors/" + PAGER + "/returnRequests";
        String q = "createdAtFrom=" + today() + "&createdAtTo=" + today() + "&cancelType=CANCEL&maxPerPage=2";
        JsonNode first = json(signed("pager", "pager-secret", "GET", pagerList, q, null));
        assertThat(first.get("data")).hasSize(2);
        String token = first.get("nextToken").asText();
        assertThat(token).isNotEmpty();
        JsonNode second = json(signed("pager", "pager-secret", "GET", pagerList, q + "&nextToken=" + token, null));
        assertThat(second.get("data")).hasSize(1);
        assertThat(second.get("nextToken").asText()).isEmpty();
        // minute mode: a window of minutes around now, no paging
        DateTimeFormatter minute = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
        LocalDateTime now = LocalDateTime.now(SEOUL);
        String mq = "searchType=timeFrame&createdAtFrom=" + minute.format(now.minusMinutes(10)) + "&createdAtTo="
                + minute.format(now.plusMinutes(1)) + "&cancelType=CANCEL&maxPerPage=1";
        JsonNode minutes = json(signed("pager", "pager-secret", "GET", pagerList, mq, null));
        assertThat(minutes.get("data")).hasSize(3);
        String yesterday = LocalDate.now(SEOUL).minusDays(1).toString();
        JsonNode none = json(signed("pager", "pager-secret", "GET", pagerList,
                "createdAtFrom=" + yesterday + "&createdAtTo=" + yesterday + "&cancelType=CANCEL", null));
        assertThat(none.get("data")).isEmpty();
        assertThat(none.get("nextToken").asText()).isEmpty();
    }

    @Test
    void aWithdrawnStopRequestFreesTheBoxAndLeavesTheList() throws Exception {
        JsonNode sheet = order(true);
        long boxId = sheet.get("shipmentBoxId").asLong();
        long receiptId = control("cancel", "vendorId=" + VENDOR + "&shipmentBoxId=" + boxId).get("receiptId").asLong();
        JsonNode withdrawn = control("withdraw", "vendorId=" + VENDOR + "&receiptId=" + receiptId);
        assertThat(withdrawn.get("withdrawn").asBoolean()).isTrue();

        assertThat(receipt(returnList("createdAtFrom=" + today() + "&createdAtTo=" + today() + "&status=RU"), receiptId)).isNull();
        assertThat(act(receiptId, "stoppedShipment", countBody(receiptId, pieces(sheet))).statusCode()).isEqualTo(400);
        JsonNode upload = json(uploadInvoice(sheet)).get("data");
        assertThat(upload.get("responseCode").asInt()).isEqualTo(0);
        assertThat(sim.statusOf(VENDOR, boxId)).isEqualTo("DEPARTURE");
    }

    @Test
    void theSellerCancelsItemsNotShippedAndIsRefusedTheRest() throws Exception {
        JsonNode accept = order(false);
        long orderId = accept.get("orderId").asLong();
        JsonNode item = accept.get("orderItems").get(0);
        long vendorItemId = item.get("vendorItemId").asLong();
        String path = API + "/v5/vendors/" + VENDOR + "/orders/" + orderId + "/cancel";
        String body = "{\"orderId\":" + orderId + ",\"vendorItemIds\":[" + vendorItemId + "],\"receiptCounts\":["
                + item.get("shippingCount").asInt() + "],\"bigCancelCode\":\"CANERR\",\"middleCancelCode\":\"CCTTER\","
                + "\"vendorId\":\"" + VENDOR + "\",\"userId\":\"wing-user\"}";
        assertThat(call("POST", path, "", body.replace("CCTTER", "CCXXXX")).statusCode()).isEqualTo(400);
        assertThat(call("POST", path, "", body.replace("\"receiptCounts\":[", "\"receiptCounts\":[0,")).statusCode()).isEqualTo(400);

        HttpResponse<String> done = call("POST", path, "", body);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode root = json(done);
        assertThat(root.get("code").asText()).isEqualTo("200");
        JsonNode receipts = root.get("data").get("receiptMap");
        assertThat(receipts.size()).isEqualTo(1);
        JsonNode entry = receipts.elements().next();
        assertThat(entry.get("receiptType").asText()).isEqualTo("CANCEL");
        assertThat(entry.get("vendorItemIds").get(0).asLong()).isEqualTo(vendorItemId);
        assertThat(entry.get("totalCount").asInt()).isEqualTo(item.get("shippingCount").asInt());
        assertThat(receipts.fieldNames().next()).isEqualTo(entry.get("receiptId").asText());
        assertThat(root.get("data").get("failedVendorItemIds")).isEmpty();

        // nothing left to cancel: code "400" and the item among the failed ones
        JsonNode again = json(call("POST", path, "", body));
        assertThat(again.get("code").asText()).isEqualTo("400");
        assertThat(again.get("data").get("failedVendorItemIds").get(0).asLong()).isEqualTo(vendorItemId);

        // an INSTRUCT item is stopped; a shipped one fails
        JsonNode instruct = order(true);
        long instructOrder = instruct.get("orderId").asLong();
        JsonNode i2 = instruct.get("orderItems").get(0);
        String stopBody = body.replace(String.valueOf(orderId), String.valueOf(instructOrder))
                .replace("[" + vendorItemId + "]", "[" + i2.get("vendorItemId").asLong() + "]")
                .replace("\"receiptCounts\":[" + item.get("shippingCount").asInt() + "]", "\"receiptCounts\":[1]");
        JsonNode stopped = json(call("POST", API + "/v5/vendors/" + VENDOR + "/orders/" + instructOrder + "/cancel", "", stopBody));
        assertThat(stopped.get("data").get("receiptMap").elements().next().get("receiptType").asText()).isEqualTo("STOP_SHIPMENT");

        JsonNode shipped = order(true);
        uploadInvoice(shipped);
        long shippedOrder = shipped.get("orderId").asLong();
        String shippedBody = body.replace(String.valueOf(orderId), String.valueOf(shippedOrder))
                .replace("[" + vendorItemId + "]", "[" + shipped.get("orderItems").get(0).get("vendorItemId").asLong() + "]")
                .replace("\"receiptCounts\":[" + item.get("shippingCount").asInt() + "]", "\"receiptCounts\":[1]");
        JsonNode refused = json(call("POST", API + "/v5/vendors/" + VENDOR + "/orders/" + shippedOrder + "/cancel", "", shippedBody));
        assertThat(refused.get("code").asText()).isEqualTo("400");
        assertThat(refused.get("data").get("failedVendorItemIds")).hasSize(1);
    }

    @Test
    void exchangesAreListedByTheirOwnWindowAndLeaveItWhenWithdrawn() throws Exception {
        JsonNode sheet = order(true);
        uploadInvoice(sheet);
        long exchangeId = control("exchange", "vendorId=" + VENDOR + "&orderId=" + sheet.get("orderId").asLong()).get("receiptId").asLong();
        DateTimeFormatter second = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
        LocalDateTime now = LocalDateTime.now(SEOUL);
        String path = API + "/v4/vendors/" + VENDOR + "/exchangeRequests";
        String q = "createdAtFrom=" + second.format(now.minusHours(1)) + "&createdAtTo=" + second.format(now.plusMinutes(1));
        HttpResponse<String> r = call("GET", path, q);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode found = null;
        for (JsonNode e : json(r).get("data")) {
            if (e.get("exchangeId").asLong() == exchangeId) {
                found = e;
            }
        }
        assertThat(found).isNotNull();
        assertThat(found.get("exchangeStatus").asText()).isEqualTo("RECEIPT");
        assertThat(call("GET", path, "createdAtFrom=" + today() + "&createdAtTo=" + today()).statusCode()).isEqualTo(400);
        assertThat(call("GET", path, q + "&status=DONE").statusCode()).isEqualTo(400);

        // more than 7 days is refused (Coupang's article on the list)
        String wide = "createdAtFrom=" + second.format(now.minusDays(7).minusMinutes(1)) + "&createdAtTo=" + second.format(now);
        assertThat(call("GET", path, wide).statusCode()).isEqualTo(400);

        control("withdraw", "vendorId=" + VENDOR + "&receiptId=" + exchangeId);
        JsonNode withdrawn = null;
        for (JsonNode e : json(call("GET", path, q + "&status=CANCEL")).get("data")) {
            if (e.get("exchangeId").asLong() == exchangeId) {
                withdrawn = e;
            }
        }
        assertThat(withdrawn).as("a withdrawn exchange stays listed as CANCEL").isNotNull();
        assertThat(withdrawn.get("exchangeStatus").asText()).isEqualTo("CANCEL");
        assertThat(json(call("GET", path, q + "&status=RECEIPT")).get("data").findValues("exchangeId").stream()
                .map(JsonNode::asLong)).doesNotContain(exchangeId);
    }

    @Test
    void withdrawnReturnReceiptsAreListedByTheDayOfTheWithdrawal() throws Exception {
        JsonNode sheet = order(true);
        long receiptId = control("cancel", "vendorId=" + VENDOR + "&shipmentBoxId=" + sheet.get("shipmentBoxId").asLong())
                .get("receiptId").asLong();
        String path = API + "/v4/vendors/" + VENDOR + "/returnWithdrawRequests";
        String q = "dateFrom=" + LocalDate.now(SEOUL).minusDays(1) + "&dateTo=" + today() + "&sizePerPage=100";
        assertThat(json(call("GET", path, q)).get("data").findValues("cancelId").stream().map(JsonNode::asLong))
                .doesNotContain(receiptId);

        control("withdraw", "vendorId=" + VENDOR + "&receiptId=" + receiptId);
        JsonNode answer = json(call("GET", path, q));
        JsonNode found = null;
        for (JsonNode w : answer.get("data")) {
            if (w.get("cancelId").asLong() == receiptId) {
                found = w;
            }
        }
        assertThat(found).isNotNull();
        assertThat(found.get("orderId").asLong()).isEqualTo(sheet.get("orderId").asLong());
        assertThat(found.get("vendorItemIds").get(0).asLong()).isEqualTo(sheet.get("orderItems").get(0).get("vendorItemId").asLong());
        assertThat(found.get("refundDeliveryDuty").asText()).isEqualTo("CUS");
        assertThat(answer.get("nextPageIndex").asText()).isEmpty();
        // 7 days at most, both ends counted; pageIndex from 1; sizePerPage at most 100
        assertThat(call("GET", path, "dateFrom=" + LocalDate.now(SEOUL).minusDays(7) + "&dateTo=" + today()).statusCode()).isEqualTo(400);
        assertThat(call("GET", path, "dateFrom=" + LocalDate.now(SEOUL).minusDays(6) + "&dateTo=" + today()).statusCode()).isEqualTo(200);
        assertThat(call("GET", path, q + "&pageIndex=0").statusCode()).isEqualTo(400);
        assertThat(call("GET", path, "dateFrom=" + today() + "&dateTo=" + today() + "&sizePerPage=101").statusCode()).isEqualTo(400);
        assertThat(call("GET", path, "dateTo=" + today()).statusCode()).isEqualTo(400);
    }

    @Test
    void buyersClaimOnTheirOwnAfterTheConfiguredDelays() throws Exception {
        // the plan of the shared simulator has every rate at 0 (the default): nothing happens
        JsonNode sheet = order(false);
        sim.runClaimPlan(System.currentTimeMillis() + Duration.ofDays(1).toMillis());
        assertThat(sim.sheetsOf(VENDOR, sheet.get("orderId").asLong()).get(0).get("orderItems").get(0).get("cancelCount").asInt())
                .isZero();

        java.util.Properties p = new java.util.Properties();
        p.setProperty("marketbridge.simulators.port", "0");
        String prefix = "marketbridge.simulators.coupang.";
        p.setProperty(prefix + "vendors", VENDOR);
        p.setProperty(prefix + "vendor." + VENDOR + ".access-key", ACCESS);
        p.setProperty(prefix + "vendor." + VENDOR + ".secret-key", SECRET);
        p.setProperty(prefix + "seed-orders", "0");
        p.setProperty(prefix + "arrival-per-minute", "0");
        p.setProperty(prefix + "claims.cancel-rate", "1");
        p.setProperty(prefix + "claims.cancel-delay", "PT1H");
        p.setProperty(prefix + "claims.return-rate", "1");
        p.setProperty(prefix + "claims.return-delay", "PT2H");
        p.setProperty(prefix + "claims.partial-rate", "0");
        try (SimulatorServer own = new SimulatorServer(io.marketbridge.simulator.SimulatorSettings.from(p::getProperty)).start()) {
            CoupangSimulator c = own.get(CoupangSimulator.class);
            long now = System.currentTimeMillis();
            long orderId = c.createOrder(VENDOR, ZonedDateTime.now(SEOUL), false, 1);
            long boxId = c.boxIdsOf(VENDOR, orderId).get(0);
            c.runClaimPlan(now + Duration.ofMinutes(59).toMillis());
            JsonNode item = c.sheetsOf(VENDOR, orderId).get(0).get("orderItems").get(0);
            assertThat(item.get("cancelCount").asInt()).isZero();
            c.runClaimPlan(now + Duration.ofMinutes(61).toMillis());
            item = c.sheetsOf(VENDOR, orderId).get(0).get("orderItems").get(0);
            assertThat(item.get("cancelCount").asInt()).isEqualTo(item.get("shippingCount").asInt());
            assertThat(c.statusOf(VENDOR, boxId)).isEqualTo("ACCEPT");
        }
    }
}
