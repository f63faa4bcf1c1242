package io.marketbridge.marketplace.esm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.config.Account;
import io.marketbridge.config.AccountKey;
import io.marketbridge.marketplace.ConnectionCheck;
import io.marketbridge.order.OrderJson;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** ESM's connection check: one RequestOrders (esm.md: POST /shipping/v1/Order/RequestOrders) of the last minute. */
class EsmConnectionCheckTest {

    static final Map<String, AccountKey> KEYS = EsmConnector.KEYS.stream()
            .collect(Collectors.toMap(AccountKey::name, Function.identity()));
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-31T15:00:00Z"), ZoneOffset.UTC);

    @Test
    void gmarketFirstSpendingItsSellersOrderQuerySlot() throws Exception {
        ConnectionCheck check = new EsmConnector().connectionCheck(account("acmegmkt", "acmeiac"), CLOCK);
        assertThat(check.callRoute()).isEqualTo("esm-api");
        assertThat(check.request().method()).isEqualTo("POST");
        assertThat(check.request().path()).isEqualTo("/shipping/v1/Order/RequestOrders");
        JsonNode body = OrderJson.mapper().readTree(check.request().body());
        // siteType 2 is Gmarket; orderStatus 1 paid; minutes, KST, "yyyy-MM-dd HH:mm"
        assertThat(body.path("siteType").asInt()).isEqualTo(2);
        assertThat(body.path("orderStatus").asInt()).isEqualTo(1);
        assertThat(body.path("requestDateFrom").asText()).isEqualTo("2026-01-31 23:59");
        assertThat(body.path("requestDateTo").asText()).isEqualTo("2026-02-01 00:00");
        assertThat(body.path("pageIndex").asInt()).isEqualTo(1);
        assertThat(check.properties()).containsEntry(EsmApi.BUCKET, "G:acmegmkt");
    }

    @Test
    void anAuctionOnlyAccountAsksAuction() throws Exception {
        ConnectionCheck check = new EsmConnector().connectionCheck(account(null, "acmeiac"), CLOCK);
        assertThat(OrderJson.mapper().readTree(check.request().body()).path("siteType").asInt()).isEqualTo(1);
        assertThat(check.properties()).containsEntry(EsmApi.BUCKET, "A:acmeiac");
    }

    private static Account account(String gmarket, String auction) {
        Map<String, String> values = new HashMap<>(Map.of(EsmConnector.REQUEST_DATE_TYPE, "1", EsmConnector.PAGE_SIZE, "100"));
        if (gmarket != null) {
            values.put(EsmConnector.GMARKET_SELLER_ID, gmarket);
        }
        values.put(EsmConnector.AUCTION_SELLER_ID, auction);
        return new Account("acme", "esm", values, KEYS);
    }
}
