package io.marketbridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.config.AccountKey;
import io.marketbridge.logging.LogMasker;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.order.Marketplace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogMaskingSetupTest {

    /** A marketplace plug-in whose secret key has a name no pattern would call secret. */
    private static final MarketplaceConnector PIN_MARKET = new MarketplaceConnector() {
        @Override
        public String key() {
            return "pinmarket";
        }

        @Override
        public List<AccountKey> accountKeys() {
            return List.of(AccountKey.required("partner-pin", AccountKey.Type.STRING, "Partner PIN", "{{env:PIN}}").asSecret(),
                    AccountKey.required("shop-code", AccountKey.Type.STRING, "Shop code", "S1"));
        }

        @Override
        public String ordersRoute() {
            return "pinmarket-orders";
        }

        @Override
        public Set<Marketplace> marketplaces() {
            return Set.of();
        }
    };

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        LogMasker.forgetProtected();
    }

    @Test
    void everySecretOfTheConfigurationIsMaskedBeforeTheRuntimeUsesIt() throws Exception {
        Path file = dir.resolve("acme.properties");
        Files.writeString(file, """
                marketbridge.db.password = db-pass-31337
                marketbridge.account.acme-11st.marketplace = elevenst
                marketbridge.account.acme-11st.api-key = plain11stApiKey77
                marketbridge.account.acme-pin.marketplace = pinmarket
                marketbridge.account.acme-pin.partner-pin = pin-value-987654
                marketbridge.account.acme-pin.shop-code = SHOP-000123
                marketbridge.account.acme-coupang.marketplace = coupang
                marketbridge.account.acme-coupang.vendor-id = A00012345
                marketbridge.account.acme-coupang.secret-key = {{env:MB_LOGMASK_TEST_UNSET}}
                """, StandardCharsets.UTF_8);
        List<MarketplaceConnector> connectors = new ArrayList<>(RuntimeSetup.connectors());
        connectors.add(PIN_MARKET);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setLocation("file:" + file);
            int count = new LogMaskingSetup(connectors).protectSecrets(camel.getPropertiesComponent());

            assertThat(count).isEqualTo(3);
        }
        assertThat(LogMasker.mask("db-pass-31337 plain11stApiKey77 pin-value-987654 SHOP-000123 A00012345"))
                .isEqualTo("****** ****** ****** SHOP-000123 A00012345");
    }
}
