package io.marketbridge.marketplace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbridge.config.AccountKey;
import io.marketbridge.order.Marketplace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MarketplaceConnectorsTest {

    /** A connector of the given name (and former names). */
    static MarketplaceConnector named(String key, String... former) {
        return new MarketplaceConnector() {
            @Override
            public String key() {
                return key;
            }

            @Override
            public Set<String> formerKeys() {
                return Set.of(former);
            }

            @Override
            public List<AccountKey> accountKeys() {
                return List.of();
            }

            @Override
            public String ordersRoute() {
                return key + "-orders";
            }

            @Override
            public Set<Marketplace> marketplaces() {
                return Set.of();
            }
        };
    }

    @Test
    void theShippedMarketplacesAreFoundOnTheClassPathInTheServiceFilesOrder() {
        assertThat(MarketplaceConnectors.discover()).extracting(MarketplaceConnector::key)
                .containsExactly("coupang", "naver", "elevenst", "esm", "lotteon", "qoo10");
    }

    @Test
    void twoConnectorsOfOneNameFailWithBothClassesNamed() {
        List<MarketplaceConnector> connectors = new ArrayList<>(MarketplaceConnectors.discover());
        connectors.add(named("Naver"));
        assertThatThrownBy(() -> MarketplaceConnectors.checked(connectors))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Two marketplace connectors claim the marketplace name 'Naver':"
                        + " io.marketbridge.marketplace.naver.NaverConnector and io.marketbridge.marketplace.MarketplaceConnectorsTest$")
                .hasMessageContaining("META-INF/services/io.marketbridge.marketplace.MarketplaceConnector");
    }

    @Test
    void aFormerNameCountsAsAName() {
        List<MarketplaceConnector> connectors = new ArrayList<>(MarketplaceConnectors.discover());
        connectors.add(named("eleven", "11st"));
        assertThatThrownBy(() -> MarketplaceConnectors.checked(connectors))
                .hasMessageStartingWith("Two marketplace connectors claim the marketplace name '11st'");
        assertThat(MarketplaceConnectors.checked(List.of(named("a"), named("b", "c")))).hasSize(2);
    }
}
