package io.marketbridge.marketplace.elevenst;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.config.Account;
import io.marketbridge.marketplace.ConnectionCheck;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 11st's connection check: the paid-order list (11st.md, ordservices/complete/{from}/{to}, yyyyMMddHHmm KST) of one minute. */
class ElevenstConnectionCheckTest {

    @Test
    void theCheckListsTheLastMinuteInKst() {
        ElevenstConnector elevenst = new ElevenstConnector();
        ConnectionCheck check = elevenst.connectionCheck(new Account("acme", "elevenst", Map.of(), Map.of()),
                Clock.fixed(Instant.parse("2026-01-31T15:00:00Z"), ZoneOffset.UTC));
        assertThat(check.callRoute()).isEqualTo("elevenst-api");
        assertThat(check.request().method()).isEqualTo("GET");
        // 15:00 UTC is midnight in Korea: the minute before is the previous day's 23:59
        assertThat(check.request().path()).isEqualTo("/rest/ordservices/complete/202601312359/202602010000");
        // the 180-day key validity 11st.md reports (single source)
        assertThat(elevenst.keyLifetime()).isEqualTo(Period.ofDays(180));
    }
}
