package io.marketbridge.dispatch;

import java.time.Duration;
import java.util.function.Function;

/**
 * The properties every outbound table's dispatch reads under its prefix (marketbridge.shipments.,
 * marketbridge.claims.actions.): batch-size, max-attempts, retry.initial-delay-ms, retry.max-delay-ms,
 * lease-seconds, and the shared marketbridge.node-id.
 *
 * @param batchSize rows claimed per dispatch round
 * @param lease     a SENDING row older than this is taken to be abandoned by a stopped node and reclaimed
 * @param nodeId    names this node in claimed_by; a restarted node reclaims its own SENDING rows at once
 */
public record DueRowSettings(int batchSize, Backoff backoff, Duration lease, String nodeId) {

    public static DueRowSettings from(Function<String, String> property, String prefix, int defaultBatchSize) {
        return new DueRowSettings(
                Integer.parseInt(value(property, prefix + "batch-size", String.valueOf(defaultBatchSize))),
                new Backoff(Integer.parseInt(value(property, prefix + "max-attempts", "8")),
                        Duration.ofMillis(Long.parseLong(value(property, prefix + "retry.initial-delay-ms", "30000"))),
                        Duration.ofMillis(Long.parseLong(value(property, prefix + "retry.max-delay-ms", "3600000")))),
                Duration.ofSeconds(Long.parseLong(value(property, prefix + "lease-seconds", "300"))),
                value(property, "marketbridge.node-id", defaultNodeId()));
    }

    /** The property's trimmed value, or the default when it is unset or blank. */
    public static String value(Function<String, String> property, String key, String defaultValue) {
        String v = property.apply(key);
        return v == null || v.isBlank() ? defaultValue : v.trim();
    }

    private static String defaultNodeId() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "market-bridge";
        }
    }
}
