package io.marketbridge.simulator;

import java.util.function.Function;

/**
 * marketbridge.simulators.*: where the simulators listen; each simulator reads its own
 * marketbridge.simulators.&lt;name&gt;.* keys through {@link #property}.
 */
public record SimulatorSettings(String host, int port, int threads, Function<String, String> property) {

    /** Reads the settings through a property lookup (Camel's properties component, or plain Properties). */
    public static SimulatorSettings from(Function<String, String> property) {
        return new SimulatorSettings(
                value(property, "marketbridge.simulators.host", "127.0.0.1"),
                Integer.parseInt(value(property, "marketbridge.simulators.port", "18231")),
                Integer.parseInt(value(property, "marketbridge.simulators.threads", "8")),
                property);
    }

    public static String value(Function<String, String> property, String key, String defaultValue) {
        String v = property.apply(key);
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }
}
