package io.marketbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** camel.* keys of the property files are set from the environment, the _PORT ones Camel main skips included. */
class EnvironmentKeysTest {

    @Test
    void theEnvironmentSetsTheCamelKeysOfThePropertyFiles() {
        Properties layered = new Properties();
        layered.setProperty("camel.management.port", "8080");
        layered.setProperty("camel.management.host", "127.0.0.1");
        layered.setProperty("camel.main.shutdown-timeout", "30");
        layered.setProperty("camel.component.quartz.properties[org.quartz.threadPool.threadCount]", "10");
        layered.setProperty("marketbridge.db.url", "jdbc:h2:mem:x");
        Map<String, String> env = Map.of(
                "CAMEL_MANAGEMENT_PORT", "18080",
                "CAMEL_MAIN_SHUTDOWN_TIMEOUT", "45",
                "CAMEL_COMPONENT_QUARTZ_PROPERTIES_ORG_QUARTZ_THREADPOOL_THREADCOUNT", "40",
                "MARKETBRIDGE_DB_URL", "jdbc:h2:mem:y",
                "PATH", "/usr/bin");

        assertThat(MarketBridge.camelKeysFromEnvironment(layered, env)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "camel.management.port", "18080",
                "camel.main.shutdown-timeout", "45",
                "camel.component.quartz.properties[org.quartz.threadPool.threadCount]", "40"));
    }

    @Test
    void aKeysVariableNameIsTheKeyInUpperCaseWithUnderscores() {
        assertThat(MarketBridge.environmentName("camel.management.port")).isEqualTo("CAMEL_MANAGEMENT_PORT");
        assertThat(MarketBridge.environmentName("camel.main.shutdown-timeout")).isEqualTo("CAMEL_MAIN_SHUTDOWN_TIMEOUT");
        assertThat(MarketBridge.environmentName("camel.component.quartz.properties[org.quartz.threadPool.threadCount]"))
                .isEqualTo("CAMEL_COMPONENT_QUARTZ_PROPERTIES_ORG_QUARTZ_THREADPOOL_THREADCOUNT");
    }
}
