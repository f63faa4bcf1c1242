package io.marketbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.marketplace.MarketplaceConnectors;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Expiry dates from key-expires-on or key-issued-on plus the marketplace's lifetime; the keys health check. */
class KeyExpiryTest {

    /** 2026-03-01 10:00 KST. */
    static final Instant NOW = Instant.parse("2026-03-01T01:00:00Z");

    @Test
    void expiresOnWinsAndIssuedOnUsesTheMarketplaceLifetime() throws Exception {
        KeyExpiry keys = keys(Map.of(
                "cp-dated", "coupang|key-expires-on=2026-12-31|key-issued-on=2026-01-01",
                "cp-issued", "coupang|key-issued-on=2025-10-01",
                "st-issued", "elevenst|key-issued-on=2026-01-01",
                "nv-issued", "naver|key-issued-on=2026-01-01"), 30, NOW);

        KeyExpiry.KeyState dated = state(keys, "cp-dated");
        assertThat(dated.expiresOn()).hasToString("2026-12-31");
        assertThat(dated.source()).isEqualTo("key-expires-on");
        assertThat(dated.state()).isEqualTo(KeyExpiry.State.OK);
        assertThat(dated.daysLeft()).isEqualTo(305);

        // Coupang: 6 months from 2025-10-01 is 2026-04-01, 31 days after 2026-03-01
        KeyExpiry.KeyState coupang = state(keys, "cp-issued");
        assertThat(coupang.expiresOn()).hasToString("2026-04-01");
        assertThat(coupang.daysLeft()).isEqualTo(31);
        assertThat(coupang.state()).isEqualTo(KeyExpiry.State.OK);

        // 11st: 180 days from 2026-01-01 is 2026-06-30
        assertThat(state(keys, "st-issued").expiresOn()).hasToString("2026-06-30");
        // Naver publishes no lifetime: the issue date alone says nothing
        assertThat(state(keys, "nv-issued").state()).isEqualTo(KeyExpiry.State.UNKNOWN);
        assertThat(state(keys, "nv-issued").daysLeft()).isNull();
    }

    @Test
    void warnsWithinTheWindowAndExpiresOnTheDay() throws Exception {
        KeyExpiry keys = keys(Map.of(
                "soon", "coupang|key-expires-on=2026-03-31",
                "edge", "coupang|key-expires-on=2026-04-01",
                "today", "coupang|key-expires-on=2026-03-01",
                "past", "esm|key-expires-on=2026-02-01"), 30, NOW);

        assertThat(state(keys, "soon").state()).isEqualTo(KeyExpiry.State.WARNING);
        assertThat(state(keys, "soon").describe()).contains("30 days left").contains("WING");
        assertThat(state(keys, "edge").state()).isEqualTo(KeyExpiry.State.OK);
        assertThat(state(keys, "today").state()).isEqualTo(KeyExpiry.State.EXPIRED);
        assertThat(state(keys, "past").daysLeft()).isEqualTo(-28);
        assertThat(state(keys, "past").describe()).startsWith("EXPIRED on 2026-02-01").contains("ESM+");
    }

    @Test
    void healthIsUpWithAWarningDetailAndDownOnceAKeyExpired() throws Exception {
        HealthCheck.Result warning = health(keys(Map.of("soon", "coupang|key-expires-on=2026-03-10",
                "fine", "coupang|key-expires-on=2027-01-01"), 30, NOW));
        assertThat(warning.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(warning.getDetails()).containsEntry("warning", "keys expiring within 30 days: soon");
        assertThat(String.valueOf(warning.getDetails().get("account.fine"))).contains("days left");

        HealthCheck.Result expired = health(keys(Map.of("gone", "coupang|key-expires-on=2026-02-28",
                "off", "coupang|key-expires-on=2026-01-01|enabled=false"), 30, NOW));
        assertThat(expired.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(expired.getDetails()).containsEntry("expired", "gone").doesNotContainKey("account.off");
    }

    @Test
    void oneLinePerAccountAndDayWhileInTheWindow() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(KeyExpiry.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Map<String, String> accounts = Map.of("soon", "coupang|key-expires-on=2026-03-10",
                    "fine", "coupang|key-expires-on=2027-01-01", "gone", "naver|key-expires-on=2026-02-01");
            KeyExpiry keys = keys(accounts, 30, NOW);
            keys.review(camel);
            keys.review(camel);
            assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                    .containsExactlyInAnyOrder(
                            "account=soon marketplace=coupang API key WARNING: 9 days left, expires on 2026-03-10"
                                    + " (key-expires-on); renew it in " + new io.marketbridge.marketplace.coupang.CoupangConnector().keyRenewal(),
                            "account=gone marketplace=naver API key EXPIRED on 2026-02-01 (key-expires-on); renew it in "
                                    + new io.marketbridge.marketplace.naver.NaverConnector().keyRenewal());
            // the next day: again, once
            KeyExpiry nextDay = keys(accounts, 30, NOW.plusSeconds(86_400));
            lines.list.clear();
            nextDay.review(camel);
            assertThat(lines.list).hasSize(2);
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void theGaugeCountsDaysLeftForKeysWithAKnownExpiry() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
            camel.getRegistry().bind("meters", meters);
            keys(Map.of("soon", "coupang|key-expires-on=2026-03-10", "unknown", "naver"), 30, NOW).review(camel);
            assertThat(meters.get("marketbridge.account.key.days.left").tag("account", "soon").tag("marketplace", "coupang")
                    .gauge().value()).isEqualTo(9.0);
            assertThat(meters.find("marketbridge.account.key.days.left").tag("account", "unknown").gauge()).isNull();
        }
    }

    /** Accounts as "marketplace|key=value|..." with the minimum keys each marketplace requires. */
    static KeyExpiry keys(Map<String, String> accounts, int warnDays, Instant now) throws Exception {
        Properties props = new Properties();
        accounts.forEach((id, spec) -> {
            String[] parts = spec.split("\\|");
            String p = AccountRegistry.PREFIX + id + ".";
            props.setProperty(p + "marketplace", parts[0]);
            switch (parts[0]) {
                case "coupang" -> {
                    props.setProperty(p + "vendor-id", "A00012345");
                    props.setProperty(p + "access-key", "ak");
                    props.setProperty(p + "secret-key", "sk");
                }
                case "naver" -> {
                    props.setProperty(p + "client-id", "client0000000000000001");
                    props.setProperty(p + "client-secret", "$2a$04$abcdefghijklmnopqrstuv");
                }
                case "elevenst" -> props.setProperty(p + "api-key", "demo11stOpenApiKeyZ0000009");
                case "esm" -> {
                    props.setProperty(p + "master-id", "master");
                    props.setProperty(p + "secret-key", "s");
                    props.setProperty(p + "gmarket-seller-id", "seller");
                }
                default -> throw new IllegalArgumentException(parts[0]);
            }
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                props.setProperty(p + kv[0], kv[1]);
            }
        });
        AccountRegistry registry = new AccountRegistry(MarketplaceConnectors.discover());
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setInitialProperties(props);
            registry.load(camel.getPropertiesComponent());
        }
        assertThat(registry.rejected()).isEmpty();
        return new KeyExpiry(registry, warnDays, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static KeyExpiry.KeyState state(KeyExpiry keys, String id) {
        return keys.states().stream().filter(k -> k.accountId().equals(id)).findFirst().orElseThrow();
    }

    private static HealthCheck.Result health(KeyExpiry keys) throws Exception {
        KeysHealthCheck check = new KeysHealthCheck(keys);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            check.setCamelContext(camel);
            return check.call();
        }
    }
}
