package io.marketbridge.marketplace.coupang;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountKey;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.ConfigurationException;
import io.marketbridge.marketplace.ConnectionCheck;
import io.marketbridge.marketplace.HttpAnswer;
import io.marketbridge.marketplace.MarketplaceException;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Coupang's connection check (coupang.md 1.2 and the v5 ordersheets list) and its expired-key answer. */
class CoupangConnectionCheckTest {

    @Test
    void theCheckIsOneSignedPageOfTodaysAcceptSheetsInKst() {
        Account account = new Account("acme", "coupang", Map.of(CoupangConnector.VENDOR_ID, "A00012345"),
                CoupangConnector.KEYS.stream().collect(Collectors.toMap(AccountKey::name, Function.identity())));
        // 2025-07-15 23:30 UTC is already 2025-07-16 in Korea
        ConnectionCheck check = new CoupangConnector().connectionCheck(account,
                Clock.fixed(Instant.parse("2025-07-15T23:30:00Z"), ZoneOffset.UTC));

        assertThat(check.callRoute()).isEqualTo("coupang-api");
        ApiRequest request = check.request();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/v2/providers/openapi/apis/api/v5/vendors/A00012345/ordersheets");
        // the + of the offset goes out as %2B, as signed
        assertThat(request.rawQuery()).isEqualTo(
                "createdAtFrom=2025-07-16%2B09:00&createdAtTo=2025-07-16%2B09:00&maxPerPage=1&status=ACCEPT");
        assertThat(new CoupangConnector().keyLifetime()).isEqualTo(Period.ofMonths(6));
    }

    @Test
    void aKeyThatExpiredSaysSoAndWhereToRenewIt() {
        MarketplaceException expired = CoupangErrors.TABLE.failure(answer("Your access key has expired."));
        assertThat(expired).isInstanceOf(ConfigurationException.class);
        assertThat(expired.getMessage()).contains("the API key has expired", "WING", "marketbridge.account.acme.access-key");
    }

    @Test
    void aStaleSignatureIsNotAnExpiredKey() {
        // coupang.md: 401 "Specified signature is expired." comes from a stale signed-date (the server clock)
        MarketplaceException stale = CoupangErrors.TABLE.failure(answer("Specified signature is expired."));
        assertThat(stale).isInstanceOf(ConfigurationException.class);
        assertThat(stale.getMessage()).doesNotContain("the API key has expired").contains("server clock");
    }

    private static HttpAnswer answer(String message) {
        return new HttpAnswer("Coupang connection check for account acme", "acme", 401, null, message, null);
    }
}
