package io.marketbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.marketplace.TransientMarketplaceException;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class RetryAfterDelayTest {

    final RetryAfterDelay delay = new RetryAfterDelay(Duration.ofSeconds(10), 500);

    Exchange failed(DefaultCamelContext context, Throwable caught, int counter) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, caught);
        exchange.setException((Exception) caught);
        exchange.getIn().setHeader(Exchange.REDELIVERY_COUNTER, counter);
        exchange.getIn().setHeader(Exchange.REDELIVERY_MAX_COUNTER, 4);
        return exchange;
    }

    @Test
    void theDelayIsTheBackoffOrALongerRetryAfterAndALongerOneThanTheBoundIsNotRedelivered() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Exchange plain = failed(context, new TransientMarketplaceException("HTTP 503", (Duration) null), 3);
            delay.process(plain);
            assertThat(plain.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class)).isEqualTo(2000L);
            assertThat(delay.redeliver(3, 4, plain.getException())).isTrue();
            assertThat(delay.redeliver(5, 4, plain.getException())).isFalse();

            // wrapped by a split, as from a confirm chunk: still found
            Exchange asked = failed(context, new RuntimeCamelException(
                    new TransientMarketplaceException("HTTP 429", Duration.ofSeconds(7))), 1);
            delay.process(asked);
            assertThat(asked.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class)).isEqualTo(7000L);

            Exchange shorter = failed(context, new TransientMarketplaceException("HTTP 429", Duration.ofSeconds(1)), 4);
            delay.process(shorter);
            assertThat(shorter.getIn().getHeader(Exchange.REDELIVERY_DELAY, Long.class)).isEqualTo(4000L);

            Exchange tooLong = failed(context, new TransientMarketplaceException("HTTP 429", Duration.ofSeconds(11)), 1);
            delay.process(tooLong);
            assertThat(tooLong.getIn().getHeader(Exchange.REDELIVERY_DELAY)).isNull();
            Throwable named = tooLong.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            assertThat(named).isSameAs(tooLong.getException()).hasMessageContaining("HTTP 429; the marketplace asks to wait 11 s");
            assertThat(((TransientMarketplaceException) named).retryAfter()).isEqualTo(Duration.ofSeconds(11));
            assertThat(delay.redeliver(1, 4, named)).isFalse();
        }
    }

    @Test
    void theBackoffDoublesUpToAMinute() {
        assertThat(delay.backoffMs(1)).isEqualTo(500);
        assertThat(delay.backoffMs(2)).isEqualTo(1000);
        assertThat(delay.backoffMs(8)).isEqualTo(60_000);
        assertThat(delay.backoffMs(40)).isEqualTo(60_000);
    }
}
