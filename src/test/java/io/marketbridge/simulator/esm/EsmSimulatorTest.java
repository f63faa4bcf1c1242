package io.marketbridge.simulator.esm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.marketbridge.simulator.esm.EsmSimulatorSettings.Master;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.simulator.SimulatorServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ESM simulator on the wire: JWT checks, site codes, windows, paging, the bucket, state changes, faults. */
class EsmSimulatorTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final DateTimeFormatter WINDOW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** One order query per this interval per site seller ID. */
    static final Duration INTERVAL = Duration.ofMillis(300);
    /** The simulator's time: it moves only when a test moves it. */
    static final SettableClock CLOCK = new SettableClock(Instant.now(), SEOUL);
    static SimulatorServer server;

    @BeforeAll
    static void start() {
        server = RuntimeHarness.simulator(Map.of(), Map.of(), Map.of(
                "mastera", new Master("secret-a", List.of("gmkta", "gmktb", "gmktc"), List.of("iaca", "iacb", "iacc")),
                "masterb", new Master("secret-b", List.of("gmktz"), List.of())), (int) INTERVAL.toMillis());
        esm().useClock(CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void reset() {
        esm().faults().reset();
    }

    static EsmSimulator esm() {
        return server.get(EsmSimulator.class);
    }

    static String token(String master, String secret, String ssi) {
        return EsmTokens.mint(master, secret, ssi, CLOCK.instant().getEpochSecond(), false);
    }

    /** Lets one order-query interval pass on the simulator's clock. */
    static void passTheOrderQueryInterval() {
        CLOCK.advance(INTERVAL);
    }

    static HttpResponse<String> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static String orders(int siteType, int status, ZonedDateTime from, ZonedDateTime to, int page, int size) {
        return "{\"siteType\":" + siteType + ",\"orderStatus\":" + status + ",\"requestDateType\":2,\"requestDateFrom\":\""
                + WINDOW.format(from) + "\",\"requestDateTo\":\"" + WINDOW.format(to) + "\",\"pageIndex\":" + page
                + ",\"pageSize\":" + size + "}";
    }

    static ZonedDateTime now() {
        return ZonedDateTime.now(CLOCK);
    }

    @Test
    void refusesEveryBadTokenWithEsmsBody() throws Exception {
        String ok = token("mastera", "secret-a", "G:gmkta");
        String body = orders(2, 1, now().minusHours(1), now(), 1, 10);
        assertThat(post(EsmSimulator.REQUEST_ORDERS, ok, body).statusCode()).isEqualTo(200);
        List<String> bad = List.of(
                token("mastera", "wrong", "G:gmkta"),                      // wrong secret
                token("nobody", "secret-a", "G:gmkta"),                    // unknown master
                token("mastera", "secret-a", "G:gmktz"),                   // a seller of another master
                token("mastera", "secret-a", "A:unknown"),                 // a seller nobody has
                EsmTokens.sign(EsmTokens.header(null), claims("sell", "G:gmkta"), "secret-a"),   // no kid
                EsmTokens.sign(EsmTokens.header("mastera"), claims("buy", "G:gmkta"), "secret-a")); // sub is not sell
        for (String token : bad) {
            HttpResponse<String> r = post(EsmSimulator.REQUEST_ORDERS, token, body);
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).isEqualTo("{\"status\":{\"message\":\"The user does not have right access to the api\",\"status_code\":401}}");
        }
        assertThat(post(EsmSimulator.REQUEST_ORDERS, null, body).statusCode()).isEqualTo(401);
        // iat as a string is accepted too, unless the switch says number only
        String stringIat = EsmTokens.mint("mastera", "secret-a", "G:gmkta", CLOCK.instant().getEpochSecond(), true);
        passTheOrderQueryInterval();
        assertThat(post(EsmSimulator.REQUEST_ORDERS, stringIat, body).statusCode()).isEqualTo(200);
        esm().faults().iatAs = "number";
        assertThat(post(EsmSimulator.REQUEST_ORDERS, stringIat, body).statusCode()).isEqualTo(401);
    }

    static com.fasterxml.jackson.databind.node.ObjectNode claims(String sub, String ssi) {
        return JSON.createObjectNode().put("sub", sub).put("aud", "sa.esmplus.com").put("ssi", ssi)
                .put("iat", CLOCK.instant().getEpochSecond());
    }

    @Test
    void refusesATokenInPaddedBase64() throws Exception {
        String body = orders(2, 1, now().minusHours(1), now(), 1, 10);
        // a header whose base64url form would take padding (its length is no multiple of 4)
        com.fasterxml.jackson.databind.node.ObjectNode header = EsmTokens.header("mastera").put("x", "");
        String h = EsmTokens.segment(header.toString());
        assertThat(h.length() % 4).isNotZero();
        String p = EsmTokens.segment(claims("sell", "G:gmkta").toString());
        String signature = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(EsmTokens.hmac("secret-a", h + "." + p));
        assertThat(post(EsmSimulator.REQUEST_ORDERS, h + "." + p + "." + signature, body).statusCode()).isEqualTo(200);
        // the 32-byte signature padded ("...="), over the same unpadded input
        assertThat(post(EsmSimulator.REQUEST_ORDERS, h + "." + p + "." + EsmTokens.pad(signature), body).statusCode())
                .isEqualTo(401);
        // a padded header, signed over exactly what is sent: only the padding is wrong
        String paddedInput = EsmTokens.pad(h) + "." + p;
        String overPadded = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(EsmTokens.hmac("secret-a", paddedInput));
        assertThat(post(EsmSimulator.REQUEST_ORDERS, paddedInput + "." + overPadded, body).statusCode()).isEqualTo(401);
    }

    @Test
    void unknownPathsGetTheGatewaysSpringBootBody() throws Exception {
        HttpResponse<String> r = post("/shipping/v1/Order/NoSuchThing", token("mastera", "secret-a", "G:gmkta"), "{}");
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode j = json(r);
        assertThat(j.get("status").asInt()).isEqualTo(404);
        assertThat(j.get("error").asText()).isEqualTo("Not Found");
        assertThat(j.get("path").asText()).isEqualTo("/shipping/v1/Order/NoSuchThing");
        assertThat(j.has("timestamp")).isTrue();
        assertThat(j.has("message")).isTrue();
    }

    @Test
    void bothSitesWithTheirCodesAmountsDatesAndOptions() throws Exception {
        long g = esm().createCart("G", "gmktb", now().minusMinutes(10), 3, false);
        long a = esm().createCart("A", "iacb", now().minusMinutes(10), 2, false);
        String token = token("mastera", "secret-a", "A:iacb,G:gmktb");
        JsonNode gm = json(post(EsmSimulator.REQUEST_ORDERS, token, orders(2, 1, now().minusHours(1), now(), 1, 100)));
        assertThat(gm.get("ResultCode").asInt()).isZero();
        assertThat(gm.at("/Data/SiteType").asInt()).isEqualTo(2);
        assertThat(gm.at("/Data/TotalCount").asInt()).isEqualTo(3);
        assertThat(gm.at("/Data/SellerId").asText()).isEqualTo("gmktb");
        JsonNode row = gm.at("/Data/RequestOrders/0");
        assertThat(row.get("PayNo").asLong()).isEqualTo(g);
        assertThat(row.get("SalePrice").asText()).matches("[0-9]+\\.0000");
        assertThat(row.get("AcntMoney").asText()).matches("[0-9]+\\.0000");
        assertThat(row.get("ContrAmount").isInt()).isTrue();
        LocalDateTime.parse(row.get("PayDate").asText()); // ISO local, no offset
        assertThat(row.get("PayDate").asText()).doesNotContain("+");
        assertThat(row.get("ItemOptionSelectList").isArray()).isTrue();
        assertThat(row.get("GroupNo").isNull()).isTrue();
        JsonNode au = json(post(EsmSimulator.REQUEST_ORDERS, token, orders(1, 1, now().minusHours(1), now(), 1, 100)));
        assertThat(au.at("/Data/SiteType").asInt()).isEqualTo(1);
        assertThat(au.at("/Data/TotalCount").asInt()).isEqualTo(2);
        assertThat(au.at("/Data/RequestOrders/0/PayNo").asLong()).isEqualTo(a);
        assertThat(au.at("/Data/RequestOrders/0/GroupNo").isNumber()).isTrue();
        // the official Gmarket sample answers SiteType 3: a switch
        esm().faults().gmarketSiteTypeInAnswer = 3;
        passTheOrderQueryInterval();
        assertThat(json(post(EsmSimulator.REQUEST_ORDERS, token, orders(2, 1, now().minusHours(1), now(), 1, 100)))
                .at("/Data/SiteType").asInt()).isEqualTo(3);
        // a site the token does not name
        assertThat(json(post(EsmSimulator.REQUEST_ORDERS, token("mastera", "secret-a", "G:gmktb"),
                orders(1, 1, now().minusHours(1), now(), 1, 100))).get("ResultCode").asInt()).isEqualTo(1000);
    }

    @Test
    void windowsArePerSiteAndMinutePrecise() throws Exception {
        String token = token("mastera", "secret-a", "A:iacc,G:gmktc");
        assertThat(json(post(EsmSimulator.REQUEST_ORDERS, token, orders(2, 1, now().minusDays(32), now(), 1, 10)))
                .get("ResultCode").asInt()).isEqualTo(2000);
        assertThat(json(post(EsmSimulator.REQUEST_ORDERS, token, orders(1, 1, now().minusDays(100), now(), 1, 10)))
                .get("ResultCode").asInt()).isZero();
        passTheOrderQueryInterval();
        String badFormat = "{\"siteType\":2,\"orderStatus\":1,\"requestDateType\":2,\"requestDateFrom\":\"2026-11-24T10:00:00\","
                + "\"requestDateTo\":\"2026-11-24 11:00\"}";
        assertThat(json(post(EsmSimulator.REQUEST_ORDERS, token, badFormat)).get("ResultCode").asInt()).isEqualTo(2000);
        // the To minute counts as a whole: an order paid at 10:05:40 is in a window ending "10:05"
        ZonedDateTime paid = now().minusHours(2).withMinute(5).withSecond(40);
        esm().createCart("G", "gmktc", paid, 1, false);
        passTheOrderQueryInterval();
        assertThat(json(post(EsmSimulator.REQUEST_ORDERS, token, orders(2, 1, paid.minusMinutes(30), paid, 1, 10)))
                .at("/Data/TotalCount").asInt()).isEqualTo(1);
    }

    @Test
    void oneOrderQueryPerIntervalPerSiteSellerAndOrderNumberLookupsAreFree() throws Exception {
        String token = token("mastera", "secret-a", "A:iaca,G:gmkta");
        long pay = esm().createCart("G", "gmkta", now().minusMinutes(3), 1, false);
        long orderNo = esm().orderNos(pay).get(0);
        passTheOrderQueryInterval();
        String body = orders(2, 1, now().minusHours(1), now(), 1, 10);
        assertThat(json(post(EsmSimulator.REQUEST_ORDERS, token, body)).get("ResultCode").asInt()).isZero();
        JsonNode limited = json(post(EsmSimulator.REQUEST_ORDERS, token, body));
        assertThat(limited.get("ResultCode").asInt()).isEqualTo(3000);
        assertThat(limited.get("Data").isNull()).isTrue();
        // the other site has its own bucket
        assertThat(json(post(EsmSimulator.REQUEST_ORDERS, token, orders(1, 1, now().minusHours(1), now(), 1, 10)))
                .get("ResultCode").asInt()).isZero();
        // a lookup by order number spends nothing
        JsonNode lookup = json(post(EsmSimulator.REQUEST_ORDERS, token, "{\"siteType\":2,\"orderStatus\":0,\"orderNo\":" + orderNo + "}"));
        assertThat(lookup.get("ResultCode").asInt()).isZero();
        assertThat(lookup.at("/Data/RequestOrders/0/OrderNo").asLong()).isEqualTo(orderNo);
        // a millisecond short of the interval is still too early; the interval itself is enough
        CLOCK.advance(INTERVAL.minusMillis(1));
        assertThat(json(post(EsmSimulator.REQUEST_ORDERS, token, body)).get("ResultCode").asInt()).isEqualTo(3000);
        CLOCK.advance(Duration.ofMillis(1));
        assertThat(json(post(EsmSimulator.REQUEST_ORDERS, token, body)).get("ResultCode").asInt()).isZero();
        assertThat(esm().orderQueryTimes("G", "gmkta")).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void pagesUntilTheTotalCount() throws Exception {
        String token = token("masterb", "secret-b", "G:gmktz");
        for (int i = 0; i < 5; i++) {
            esm().createCart("G", "gmktz", now().minusMinutes(20 - i), 1, false);
        }
        JsonNode p1 = json(post(EsmSimulator.REQUEST_ORDERS, token, orders(2, 1, now().minusHours(1), now(), 1, 2)));
        passTheOrderQueryInterval();
        JsonNode p3 = json(post(EsmSimulator.REQUEST_ORDERS, token, orders(2, 1, now().minusHours(1), now(), 3, 2)));
        assertThat(p1.at("/Data/TotalCount").asInt()).isEqualTo(5);
        assertThat(p1.at("/Data/RequestOrders").size()).isEqualTo(2);
        assertThat(p3.at("/Data/RequestOrders").size()).isEqualTo(1);
        assertThat(p3.at("/Data/PageIndex").asInt()).isEqualTo(3);
        // a page size over the maximum is clamped (the answer's PageSize says so), or refused with the switch
        esm().faults().maxPageSize = 3;
        passTheOrderQueryInterval();
        JsonNode clamped = json(post(EsmSimulator.REQUEST_ORDERS, token, orders(2, 1, now().minusHours(1), now(), 1, 50)));
        assertThat(clamped.at("/Data/PageSize").asInt()).isEqualTo(3);
        assertThat(clamped.at("/Data/RequestOrders").size()).isEqualTo(3);
        esm().faults().maxPageSize = 1000;
    }

    @Test
    void orderCheckThenShippingInfoMoveTheStatus() throws Exception {
        String token = token("mastera", "secret-a", "A:iaca,G:gmkta");
        long pay = esm().createCart("A", "iaca", now().minusMinutes(3), 2, false);
        long first = esm().orderNos(pay).get(0);
        long second = esm().orderNos(pay).get(1);
        String ship = "{\"OrderNo\":" + first + ",\"ShippingDate\":\""
                + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(now()) + "\",\"DeliveryCompanyCode\":10013,\"InvoiceNo\":\"123456789012\"}";
        assertThat(json(post(EsmSimulator.SHIPPING_INFO, token, ship)).get("ResultCode").asInt()).isEqualTo(3000); // not confirmed
        JsonNode check = json(post("/shipping/v1/Order/OrderCheck/" + first, token, "{}"));
        assertThat(check.get("ResultCode").asInt()).isZero();
        assertThat(check.at("/Data/IsChanged").asInt()).isZero();
        assertThat(esm().statusOf(first)).isEqualTo(2);
        assertThat(json(post("/shipping/v1/Order/OrderCheck/" + first, token, "{}")).get("ResultCode").asInt()).isEqualTo(3000);
        esm().changeAddress(second);
        assertThat(json(post("/shipping/v1/Order/OrderCheck/" + second, token, "{}")).at("/Data/IsChanged").asInt()).isEqualTo(1);

        JsonNode shipped = json(post(EsmSimulator.SHIPPING_INFO, token, ship));
        assertThat(shipped.get("ResultCode").asInt()).isZero();
        assertThat(shipped.get("Message").asText()).isEqualTo("Success");
        assertThat(shipped.at("/Data/OrderNo").asLong()).isEqualTo(first);
        assertThat(esm().statusOf(first)).isEqualTo(3);
        assertThat(esm().invoiceOf(first)).isEqualTo("123456789012");
        assertThat(esm().courierOf(first)).isEqualTo(10013);
        assertThat(json(post(EsmSimulator.SHIPPING_INFO, token, ship)).get("ResultCode").asInt()).isEqualTo(3000); // already shipped
        String old = ship.replace(String.valueOf(first), String.valueOf(second))
                .replaceAll("\"ShippingDate\":\"[^\"]+\"", "\"ShippingDate\":\""
                        + DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(now().minusDays(3)) + "\"");
        assertThat(json(post(EsmSimulator.SHIPPING_INFO, token, old)).get("ResultCode").asInt()).isEqualTo(2000);
        String unknownCourier = ship.replace(String.valueOf(first), String.valueOf(second)).replace("10013", "99999");
        assertThat(json(post(EsmSimulator.SHIPPING_INFO, token, unknownCourier)).get("ResultCode").asInt()).isEqualTo(1000);
        // another master's token does not see the order
        assertThat(json(post("/shipping/v1/Order/OrderCheck/" + second, token("masterb", "secret-b", "G:gmktz"), "{}"))
                .get("ResultCode").asInt()).isEqualTo(1000);
    }

    @Test
    void businessErrorsHttpFaultsFreshPhonesAndTheCourierList() throws Exception {
        String token = token("mastera", "secret-a", "A:iaca,G:gmkta");
        esm().faults().failNextResult(EsmSimulator.Api.ORDER_CHECK, 8668, 1);
        long pay = esm().createCart("A", "iaca", now().minusMinutes(1), 1, false);
        long orderNo = esm().orderNos(pay).get(0);
        JsonNode refused = json(post("/shipping/v1/Order/OrderCheck/" + orderNo, token, "{}"));
        assertThat(refused.get("ResultCode").asInt()).isEqualTo(8668);
        assertThat(refused.get("BizRuleCode").asText()).startsWith("W8");
        esm().faults().failNext(500, 1);
        HttpResponse<String> failed = post("/shipping/v1/Order/OrderCheck/" + orderNo, token, "{}");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(json(failed).get("error").asText()).isEqualTo("Internal Server Error");

        esm().faults().freshPhoneDelay = java.time.Duration.ofMinutes(5);
        JsonNode lookup = json(post(EsmSimulator.REQUEST_ORDERS, token, "{\"siteType\":1,\"orderStatus\":0,\"orderNo\":" + orderNo + "}"));
        assertThat(lookup.at("/Data/RequestOrders/0/HpNo").isNull()).isTrue();
        assertThat(lookup.at("/Data/RequestOrders/0/BuyerMobileTel").isNull()).isTrue();
        esm().faults().freshPhoneDelay = java.time.Duration.ZERO;
        lookup = json(post(EsmSimulator.REQUEST_ORDERS, token, "{\"siteType\":1,\"orderStatus\":0,\"orderNo\":" + orderNo + "}"));
        assertThat(lookup.at("/Data/RequestOrders/0/HpNo").asText()).matches("0(10|504)-[0-9]{4}-[0-9]{4}");

        HttpResponse<String> couriers = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/item/v1/shipping/delivery-company"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(couriers.statusCode()).isEqualTo(200);
        assertThat(json(couriers).get("deliveryCompanies").toString()).contains("\"deliveryCompCode\":10013").contains("10031");
    }
}
