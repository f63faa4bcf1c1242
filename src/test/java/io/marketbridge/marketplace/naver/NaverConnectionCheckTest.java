package io.marketbridge.marketplace.naver;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.config.Account;
import io.marketbridge.marketplace.ConnectionCheck;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Naver's connection check is its token request (naver.md: POST /v1/oauth2/token), through route naver-token. */
class NaverConnectionCheckTest {

    @Test
    void theCheckIsATokenRequestAndNoLifetimeIsAssumed() {
        NaverConnector naver = new NaverConnector();
        ConnectionCheck check = naver.connectionCheck(new Account("acme", "naver", Map.of(), Map.of()), Clock.systemUTC());
        assertThat(check.callRoute()).isEqualTo("naver-token");
        assertThat(check.request().method()).isEqualTo("POST");
        assertThat(check.request().path()).isEqualTo("/v1/oauth2/token");
        // naver.md publishes no lifetime for an application's secret
        assertThat(naver.keyLifetime()).isNull();
    }
}
