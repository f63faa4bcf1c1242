package io.marketbridge.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShipmentSettingsTest {

    @Test
    void theInboxWaitsTenSecondsOfStabilityByDefaultAndEscapesFormulas() {
        ShipmentSettings s = ShipmentSettings.from(Map.<String, String>of()::get);
        assertThat(s.inboxStable()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.inboxStableTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.escapeFormulas()).isTrue();
    }

    @Test
    void theOldMinAgeIsRefusedNamingItsReplacement() {
        assertThatThrownBy(() -> ShipmentSettings.from(Map.of("marketbridge.shipments.inbox.min-age-ms", "1000")::get))
                .hasMessageContaining("min-age-ms").hasMessageContaining("marketbridge.shipments.inbox.stable-ms");
    }

    @Test
    void aTimeoutShorterThanTwoStableTimesIsRefused() {
        assertThatThrownBy(() -> ShipmentSettings.from(Map.of("marketbridge.shipments.inbox.stable-ms", "40000")::get))
                .hasMessageContaining("marketbridge.shipments.inbox.stable-timeout-ms (60000)").hasMessageContaining("40000");
    }
}
