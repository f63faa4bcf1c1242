package io.marketbridge.simulator;

import io.marketbridge.simulator.coupang.CoupangSimulatorSettings;
import io.marketbridge.simulator.elevenst.ElevenstSimulatorSettings;
import io.marketbridge.simulator.esm.EsmSimulatorSettings;
import io.marketbridge.simulator.naver.NaverSimulatorSettings;
import java.util.function.Function;

/** marketbridge.simulators.*: where the simulators listen and what each one holds. */
public record SimulatorSettings(String host, int port, int threads, CoupangSimulatorSettings coupang,
                                NaverSimulatorSettings naver, ElevenstSimulatorSettings elevenst,
                                EsmSimulatorSettings esm) {

    /** Reads the settings through a property lookup (Camel's properties component, or plain Properties). */
    public static SimulatorSettings from(Function<String, String> property) {
        return new SimulatorSettings(
                value(property, "marketbridge.simulators.host", "127.0.0.1"),
                Integer.parseInt(value(property, "marketbridge.simulators.port", "18231")),
                Integer.parseInt(value(property, "marketbridge.simulators.threads", "8")),
                CoupangSimulatorSettings.from(property),
                NaverSimulatorSettings.from(property),
                ElevenstSimulatorSettings.from(property),
                EsmSimulatorSettings.from(property));
    }

    public static String value(Function<String, String> property, String key, String defaultValue) {
        String v = property.apply(key);
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }
}
