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
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RequestOrders answers carry every documented field (and one unannounced), and refuse what esm.md rules out. */
class EsmSimulatorShapesTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    static final DateTimeFormatter WINDOW = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The simulator's time: it moves only when a test moves it. */
    static final SettableClock CLOCK = new SettableClock(Instant.now(), SEOUL);
    static SimulatorServer server;

    @BeforeAll
    static void start() {
        server = RuntimeHarness.simulator(Map.of(), Map.of(), Map.of(
                "mastera", new Master("secret-a", List.of("gmkta", "gmktb"), List.of("iaca"))), 1);
        server.get(EsmSimulator.class).useClock(CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode requestOrders(String ssi, int siteType, int status, int dateType) throws Exception {
        ZonedDateTime now = ZonedDateTime.now(CLOCK);
        String body = "{\"siteType\":" + siteType + ",\"orderStatus\":" + status + ",\"requestDateType\":" + dateType
                + ",\"requestDateFrom\":\"" + WINDOW.format(now.minusHours(1)) + "\",\"requestDateTo\":\""
                + WINDOW.format(now.plusDays(3)) + "\",\"pageIndex\":1,\"pageSize\":100}";
        String token = EsmTokens.mint("mastera", "secret-a", ssi, CLOCK.instant().getEpochSecond(), false);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + EsmSimulator.REQUEST_ORDERS))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofMillis(1)); // past the (1 ms) order-query interval
        return JSON.readTree(r.body());
    }

    @Test
    void theShipByDateIsADateOfOrdersAwaitingShipmentOnly() throws Exception {
        JsonNode refused = requestOrders("G:gmkta", 2, 1, 3);
        assertThat(refused.get("ResultCode").asInt()).isEqualTo(2000);
        assertThat(refused.get("Message").asText()).contains("requestDateType 3").contains("orderStatus 2");
        assertThat(refused.get("Data").isNull()).isTrue();
        assertThat(requestOrders("A:iaca", 1, 3, 3).get("ResultCode").asInt()).isEqualTo(2000);
        // status 2 by ship-by date is what the API allows
        assertThat(requestOrders("G:gmkta", 2, 2, 3).get("ResultCode").asInt()).isZero();
    }

    @Test
    void rowsCarryTheFeeDiscountAndSlotFieldsAndAnUnannouncedField() throws Exception {
        server.get(EsmSimulator.class).createCart("G", "gmktb", ZonedDateTime.now(CLOCK).minusMinutes(5), 2, false);
        JsonNode answer = requestOrders("G:gmktb", 2, 1, 2);
        assertThat(answer.get("ResultCode").asInt()).isZero();
        assertThat(answer.has(EsmSimulator.UNKNOWN_FIELD)).isTrue();
        assertThat(answer.get("Data").has(EsmSimulator.UNKNOWN_FIELD)).isTrue();
        JsonNode rows = answer.at("/Data/RequestOrders");
        assertThat(rows.size()).isEqualTo(2);
        for (JsonNode row : rows) {
            for (String money : List.of("BasicServiceFee", "SellerCashbackMoney", "SinglePayDcAmnt", "MultiBuyDcAmnt",
                    "GreatMembDcAmnt")) {
                assertThat(row.get(money).asText()).as(money).matches("[0-9]+\\.0000");
            }
            assertThat(row.get("BasicServiceFee").asText()).isNotEqualTo("0.0000");
            assertThat(row.has("DeliverySlotId")).isTrue();
            assertThat(row.has("BranchPrice")).isTrue();
            assertThat(row.get("ReplaceYn").asText()).isEqualTo("N");
            assertThat(row.has(EsmSimulator.UNKNOWN_FIELD)).isTrue();
        }
    }
}
