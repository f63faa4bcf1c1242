package io.marketbridge.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbridge.config.AccountKey;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.order.Marketplace;
import java.util.List;
import java.util.Set;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class ConnectorRoutesTest {

    static MarketplaceConnector connector(String key, String shipRoute) {
        return new MarketplaceConnector() {
            @Override
            public String key() {
                return key;
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
                return Set.of(Marketplace.LOTTEON);
            }

            @Override
            public String shipRoute() {
                return shipRoute;
            }
        };
    }

    @Test
    void aConnectorWhoseRouteNoFileStartsStopsTheStart() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:lotteon-orders").routeId("lotteon-orders").log("poll");
                }
            });
            assertThatCode(() -> ConnectorRoutes.require(context, List.of(connector("lotteon", null)))).doesNotThrowAnyException();
            assertThatThrownBy(() -> ConnectorRoutes.require(context, List.of(connector("lotteon", "lotteon-ship"))))
                    .hasMessage("No route file starts direct:lotteon-ship (the lotteon connector's; expected in"
                            + " routes/lotteon.camel.yaml)");
            assertThatThrownBy(() -> ConnectorRoutes.require(context, List.of(connector("qoo10", null))))
                    .hasMessageContaining("direct:qoo10-orders");
        }
    }

    @Test
    void aClaimActionRouteNoFileStartsStopsTheStart() throws Exception {
        MarketplaceConnector withClaimActions = new MarketplaceConnector() {
            @Override
            public String key() {
                return "lotteon";
            }

            @Override
            public List<AccountKey> accountKeys() {
                return List.of();
            }

            @Override
            public String ordersRoute() {
                return "lotteon-orders";
            }

            @Override
            public Set<Marketplace> marketplaces() {
                return Set.of(Marketplace.LOTTEON);
            }

            @Override
            public String claimActionsRoute() {
                return "lotteon-claim-actions";
            }
        };
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:lotteon-orders").routeId("lotteon-orders").log("poll");
                }
            });
            assertThatThrownBy(() -> ConnectorRoutes.require(context, List.of(withClaimActions)))
                    .hasMessage("No route file starts direct:lotteon-claim-actions (the lotteon connector's; expected in"
                            + " routes/lotteon.camel.yaml)");
        }
    }
}
