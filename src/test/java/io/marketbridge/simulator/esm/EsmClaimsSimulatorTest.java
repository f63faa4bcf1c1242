package io.marketbridge.simulator.esm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.esm.EsmSimulatorSettings.Master;
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
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ESM claims on the wire (esm.md 2.2, 2.3, 2.6, 2.7): the Cancels list with its SiteType rule (Auction 1, Gmarket 3;
 * 2 answers no rows) and windows under 7 days, Returns and Exchanges, cancel approval, SoldOut, return approval,
 * ShippingInfo on cancelled and cancel-requested orders, withdrawals. Bodies are built by hand.
 */
class EsmClaimsSimulatorTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final DateTimeFormatter SHIPPING_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    static final DateTimeFormatter WINDOW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final SettableClock CLOCK = new SettableClock(Instant.now(), SEOUL);
    static final AtomicLong INVOICES = new AtomicLong(512_000_000_000L);
    static SimulatorServer server;

    @BeforeAll
    static void start() {
        server = RuntimeHarness.simulator(Map.of(), Map.of(), Map.of(
                "claimmaster", new Master("secret-c", List.of("gclaim"), List.of("aclaim"))), 300);
        esm().useClock(CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void reset() {
        esm().faults().reset();
        esm().claimSwitches().cancelRate = 0;
    }

    static EsmSimulator esm() {
        return server.get(EsmSimulator.class);
    }

    static String token() {
        return EsmTokens.mint("claimmaster", "secret-c", "A:aclaim,G:gclaim", CLOCK.instant().getEpochSecond(), false);
    }

    static JsonNode call(String method, String path, String body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token()).method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> answer = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    static int control(String action) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_simulator/esm/" + action))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static LocalDate today() {
        return ZonedDateTime.now(CLOCK).toLocalDate();
    }

    /** A list body: the claim lists' own status field, Type 2 (request date) from StartDate to EndDate. */
    static String window(int siteType, String statusField, int status, LocalDate start, LocalDate end) {
        return "{\"SiteType\":" + siteType + ",\"" + statusField + "\":" + status + ",\"Type\":2,\"StartDate\":\"" + start
                + "\",\"EndDate\":\"" + end + "\"}";
    }

    /** Today's claims (EndDate is 00:00 of its day: tomorrow). */
    static JsonNode today(String list, int siteType, String statusField, int status) throws Exception {
        JsonNode a = call("POST", "/claim/v1/sa/" + list, window(siteType, statusField, status, today(), today().plusDays(1)));
        assertThat(a.get("ResultCode").asInt()).as(a.toString()).isZero();
        assertThat(a.get("Data").isArray()).isTrue();
        return a.get("Data");
    }

    static JsonNode row(JsonNode data, long orderNo) {
        for (JsonNode r : data) {
            if (r.get("OrderNo").asLong() == orderNo) {
                return r;
            }
        }
        return null;
    }

    /** A paid one-line cart of the site ("G" or "A"); its OrderNo. */
    static long order(String site) {
        long payNo = esm().createCart(site, "G".equals(site) ? "gclaim" : "aclaim", ZonedDateTime.now(CLOCK).minusMinutes(10), 1, false);
        return esm().orderNos(payNo).get(0);
    }

    static int check(long orderNo) throws Exception {
        return call("POST", "/shipping/v1/Order/OrderCheck/" + orderNo, "{}").get("ResultCode").asInt();
    }

    static int ship(long orderNo) throws Exception {
        return call("POST", "/shipping/v1/Delivery/ShippingInfo", "{\"OrderNo\":" + orderNo + ",\"ShippingDate\":\""
                + SHIPPING_DATE.format(ZonedDateTime.now(CLOCK)) + "\",\"DeliveryCompanyCode\":10013,\"InvoiceNo\":\""
                + INVOICES.incrementAndGet() + "\"}").get("ResultCode").asInt();
    }

    static int code(JsonNode answer) {
        return answer.get("ResultCode").asInt();
    }

    @Test
    void cancelsTakeWindowsShorterThanSevenDaysAndTheCancelSiteTypes() throws Exception {
        long orderNo = order("G");
        esm().requestCancel(orderNo);
        assertThat(row(today("Cancels", 3, "CancelStatus", 0), orderNo)).isNotNull();
        assertThat(today("Cancels", 2, "CancelStatus", 0)).isEmpty(); // Gmarket's SiteType 2 answers no rows
        assertThat(code(call("POST", "/claim/v1/sa/Cancels", window(3, "CancelStatus", 1, today().minusDays(6), today()))))
                .isZero();
        assertThat(code(call("POST", "/claim/v1/sa/Cancels", window(3, "CancelStatus", 1, today().minusDays(7), today()))))
                .isEqualTo(2000);
        assertThat(code(call("POST", "/claim/v1/sa/Cancels", window(3, "CancelStatus", 1, today(), today().minusDays(1)))))
                .isEqualTo(2000);
        assertThat(code(call("POST", "/claim/v1/sa/Cancels", "{\"SiteType\":3,\"CancelStatus\":1,\"Type\":2,"
                + "\"StartDate\":\"2026/11/01\",\"EndDate\":\"2026/11/02\"}"))).isEqualTo(2000);
        JsonNode unknownSite = call("POST", "/claim/v1/sa/Cancels", window(5, "CancelStatus", 1, today(), today().plusDays(1)));
        assertThat(code(unknownSite)).isNotZero();
        assertThat(unknownSite.get("Data").isNull()).isTrue();
        // by order number and by cart number, no dates needed
        JsonNode byOrder = call("POST", "/claim/v1/sa/Cancels", "{\"SiteType\":3,\"CancelStatus\":0,\"Type\":0,\"OrderNo\":" + orderNo + "}");
        assertThat(byOrder.get("Data")).hasSize(1);
        // unknown paths are the gateway's, the plural is the inquiry
        HttpRequest wrongCase = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/claim/v1/sa/cancels"))
                .header("Authorization", "Bearer " + token()).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertThat(HTTP.send(wrongCase, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    @Test
    void anApprovedCancelIsCompletedLeavesRequestOrdersAndCannotShip() throws Exception {
        long orderNo = order("G");
        assertThat(check(orderNo)).isZero();
        assertThat(control("claims/cancel?orderNo=" + orderNo)).isEqualTo(200);
        JsonNode requested = row(today("Cancels", 3, "CancelStatus", 1), orderNo);
        assertThat(requested.get("CancelStatus").asInt()).isEqualTo(1);
        for (String field : List.of("PayNo", "GoodsNo", "SiteGoodsNo", "Reason", "ReasonCode", "ReasonDetail", "OrderDate",
                "PayDate", "RequestDate", "WithdrawDate", "ApproveDate", "CompleteDate", "AddShippingFee")) {
            assertThat(requested.has(field)).as(field).isTrue();
        }
        assertThat(requested.get("WithdrawDate").isNull()).isTrue();
        CLOCK.advance(Duration.ofSeconds(1));
        JsonNode preparing = call("POST", "/shipping/v1/Order/RequestOrders", "{\"siteType\":2,\"orderStatus\":2,"
                + "\"requestDateType\":2,\"requestDateFrom\":\"" + WINDOW.format(ZonedDateTime.now(CLOCK).minusHours(1))
                + "\",\"requestDateTo\":\"" + WINDOW.format(ZonedDateTime.now(CLOCK)) + "\"}");
        assertThat(preparing.at("/Data/RequestOrders").findValues("OrderNo").stream().map(JsonNode::asLong)).doesNotContain(orderNo);
        assertThat(code(call("PUT", "/claim/v1/sa/Cancel/" + orderNo, "{\"SiteType\":1}"))).isEqualTo(1000);
        assertThat(code(call("PUT", "/claim/v1/sa/Cancel/" + orderNo, "{\"SiteType\":3}"))).isZero();
        assertThat(row(today("Cancels", 3, "CancelStatus", 1), orderNo)).isNull();
        JsonNode done = row(today("Cancels", 3, "CancelStatus", 3), orderNo);
        assertThat(done.get("CompleteDate").isNull()).isFalse();
        JsonNode byCompletion = call("POST", "/claim/v1/sa/Cancels", "{\"SiteType\":3,\"CancelStatus\":3,\"Type\":3,\"StartDate\":\""
                + today() + "\",\"EndDate\":\"" + today().plusDays(1) + "\"}");
        assertThat(row(byCompletion.get("Data"), orderNo)).isNotNull();
        assertThat(code(call("PUT", "/claim/v1/sa/Cancel/" + orderNo, "{\"SiteType\":3}"))).isEqualTo(3000);
        assertThat(ship(orderNo)).isEqualTo(3000);
        assertThat(esm().statusOf(orderNo)).isEqualTo(2);
    }

    @Test
    void shippingACancelRequestedOrderRefusesTheCancel() throws Exception {
        long orderNo = order("G");
        assertThat(check(orderNo)).isZero();
        esm().requestCancel(orderNo);
        assertThat(check(orderNo)).isEqualTo(3000);
        assertThat(ship(orderNo)).isZero();
        assertThat(esm().statusOf(orderNo)).isEqualTo(3);
        assertThat(row(today("Cancels", 3, "CancelStatus", 1), orderNo)).isNull();
        assertThat(code(call("PUT", "/claim/v1/sa/Cancel/" + orderNo, "{\"SiteType\":3}"))).isEqualTo(3000);
    }

    @Test
    void aWithdrawnCancelIsListedAndTheOrderGoesOn() throws Exception {
        long orderNo = order("A");
        esm().requestCancel(orderNo);
        assertThat(control("claims/withdraw?orderNo=" + orderNo)).isEqualTo(200);
        JsonNode withdrawn = row(today("Cancels", 1, "CancelStatus", 4), orderNo);
        assertThat(withdrawn.get("CancelStatus").asInt()).isEqualTo(4);
        assertThat(withdrawn.get("WithdrawDate").isNull()).isFalse();
        assertThat(row(today("Cancels", 1, "CancelStatus", 1), orderNo)).isNull();
        assertThat(code(call("PUT", "/claim/v1/sa/Cancel/" + orderNo, "{\"SiteType\":1}"))).isEqualTo(3000);
        assertThat(control("claims/withdraw?orderNo=" + orderNo)).isEqualTo(400);
        assertThat(check(orderNo)).isZero();
        assertThat(ship(orderNo)).isZero();
    }

    @Test
    void soldOutCancelsAnOrderNotYetShipped() throws Exception {
        long orderNo = order("A");
        assertThat(code(call("POST", "/claim/v1/sa/Cancel/" + orderNo + "/SoldOut", "{\"SiteType\":3}"))).isEqualTo(1000);
        assertThat(code(call("POST", "/claim/v1/sa/Cancel/" + orderNo + "/SoldOut", "{\"SiteType\":1}"))).isZero();
        assertThat(row(today("Cancels", 1, "CancelStatus", 3), orderNo)).isNotNull();
        assertThat(code(call("POST", "/claim/v1/sa/Cancel/" + orderNo + "/SoldOut", "{\"SiteType\":1}"))).isEqualTo(3000);
        assertThat(check(orderNo)).isEqualTo(3000);
        assertThat(ship(orderNo)).isEqualTo(3000);
        long shipped = order("A");
        assertThat(check(shipped)).isZero();
        assertThat(ship(shipped)).isZero();
        assertThat(code(call("POST", "/claim/v1/sa/Cancel/" + shipped + "/SoldOut", "{\"SiteType\":1}"))).isEqualTo(3000);
        assertThat(code(call("POST", "/claim/v1/sa/Cancel/1/SoldOut", "{\"SiteType\":1}"))).isEqualTo(1000);
    }

    @Test
    void returnsAreListedByReturnStatusAndApproved() throws Exception {
        long orderNo = order("G");
        assertThat(control("claims/return?orderNo=" + orderNo)).isEqualTo(400); // not shipped
        assertThat(check(orderNo)).isZero();
        assertThat(ship(orderNo)).isZero();
        assertThat(control("claims/return?orderNo=" + orderNo)).isEqualTo(200);
        assertThat(code(call("POST", "/claim/v1/sa/Returns", window(2, "ReturnStatus", 0, today(), today().plusDays(1)))))
                .isNotZero(); // no "all" for returns
        assertThat(code(call("POST", "/claim/v1/sa/Returns", window(2, "ReturnStatus", 1, today().minusDays(7), today()))))
                .isEqualTo(2000);
        assertThat(row(today("Returns", 2, "ReturnStatus", 1), orderNo).get("ReturnStatus").asInt()).isEqualTo(1);
        assertThat(code(call("PUT", "/claim/v1/sa/return/" + orderNo, "{\"SiteType\":2}"))).isZero();
        assertThat(row(today("Returns", 2, "ReturnStatus", 1), orderNo)).isNull();
        assertThat(code(call("PUT", "/claim/v1/sa/return/" + orderNo, "{\"SiteType\":2}"))).isEqualTo(3000);
        long notReturned = order("G");
        assertThat(code(call("PUT", "/claim/v1/sa/return/" + notReturned, "{\"SiteType\":2}"))).isEqualTo(3000);
    }

    @Test
    void exchangesAreListedAndWithdrawn() throws Exception {
        long orderNo = order("A");
        assertThat(check(orderNo)).isZero();
        assertThat(ship(orderNo)).isZero();
        esm().requestExchange(orderNo);
        assertThat(row(today("Exchanges", 1, "ExchangeStatus", 1), orderNo)).isNotNull();
        esm().withdrawClaim(orderNo);
        assertThat(row(today("Exchanges", 1, "ExchangeStatus", 1), orderNo)).isNull();
        assertThat(row(today("Exchanges", 1, "ExchangeStatus", 4), orderNo)).isNotNull();
    }

    @Test
    void claimAnswersCanCarryResultCodeAsAString() throws Exception {
        esm().faults().claimResultCodeAsString = true;
        JsonNode a = call("POST", "/claim/v1/sa/Cancels", window(3, "CancelStatus", 0, today(), today().plusDays(1)));
        assertThat(a.get("ResultCode").isTextual()).isTrue();
        assertThat(a.get("ResultCode").asText()).isEqualTo("success");
    }

    @Test
    void buyersCancelOnTheirOwnAtTheConfiguredRate() throws Exception {
        long orderNo = order("G");
        assertThat(control("claims?cancelRate=1&cancelDelay=PT5M&withdrawRate=0")).isEqualTo(200);
        esm().tickClaims();
        JsonNode row = row(today("Cancels", 3, "CancelStatus", 1), orderNo);
        assertThat(row).isNotNull();
        assertThat(row.get("RequestDate").asText()).isEqualTo(SHIPPING_DATE.format(ZonedDateTime.now(CLOCK)));
    }
}
