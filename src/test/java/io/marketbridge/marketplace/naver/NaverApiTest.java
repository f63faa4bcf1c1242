package io.marketbridge.marketplace.naver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class NaverApiTest {

    @Test
    void aRefusedCallWaitsForTheBucketToRefill() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Exchange exchange = new DefaultExchange(context);
            assertThat(NaverApi.retryAfter(exchange)).isEqualTo(Duration.ofSeconds(1)); // no headers: one second
            exchange.getMessage().setHeader("GNCP-GW-RateLimit-Replenish-Rate", "4");
            assertThat(NaverApi.retryAfter(exchange)).isEqualTo(Duration.ofMillis(250));
            exchange.getMessage().setHeader("GNCP-GW-RateLimit-Replenish-Rate", "50");
            assertThat(NaverApi.retryAfter(exchange)).isEqualTo(Duration.ofMillis(100)); // never hammer it
            exchange.getMessage().setHeader("Retry-After", "3");
            assertThat(NaverApi.retryAfter(exchange)).isEqualTo(Duration.ofSeconds(3));
        }
    }
}
