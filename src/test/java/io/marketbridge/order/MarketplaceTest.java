package io.marketbridge.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarketplaceTest {

    @Test
    void jsonCarriesTheErpContractCodeNotTheJavaName() throws Exception {
        // the per-order files must say 11ST, as MB_ORDER and the CSV do, not the enum's name ELEVENST
        assertThat(OrderJson.mapper().writeValueAsString(Marketplace.ELEVENST)).isEqualTo("\"11ST\"");
        assertThat(OrderJson.mapper().readValue("\"11ST\"", Marketplace.class)).isEqualTo(Marketplace.ELEVENST);
        assertThat(OrderJson.mapper().readValue("\"ELEVENST\"", Marketplace.class)).isEqualTo(Marketplace.ELEVENST);
        for (Marketplace m : Marketplace.values()) {
            assertThat(OrderJson.mapper().readValue(OrderJson.mapper().writeValueAsString(m), Marketplace.class)).isEqualTo(m);
        }
    }
}
