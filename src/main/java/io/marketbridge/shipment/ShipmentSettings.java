package io.marketbridge.shipment;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * The marketbridge.shipments.* properties (documented in docs/configuration.md).
 *
 * @param batchSize     rows claimed per dispatch round
 * @param maxAttempts   tries of a transiently failing row before it is left FAILED for good
 * @param initialDelay  wait before the first retry; doubles per attempt up to maxDelay
 * @param lease         a SENDING row older than this is taken to be abandoned by a stopped node and reclaimed
 * @param nodeId        names this node in claimed_by; a restarted node reclaims its own SENDING rows at once
 * @param zone          the zone of shipped_at values written without an offset in a CSV
 */
public record ShipmentSettings(int batchSize, int maxAttempts, Duration initialDelay, Duration maxDelay, Duration lease,
                               String nodeId, Path inboxDir, String inboxEncoding, ZoneId zone, Path couriersFile) {

    public static ShipmentSettings from(Function<String, String> property) {
        return new ShipmentSettings(
                Integer.parseInt(get(property, "marketbridge.shipments.batch-size", "200")),
                Integer.parseInt(get(property, "marketbridge.shipments.max-attempts", "8")),
                Duration.ofMillis(Long.parseLong(get(property, "marketbridge.shipments.retry.initial-delay-ms", "30000"))),
                Duration.ofMillis(Long.parseLong(get(property, "marketbridge.shipments.retry.max-delay-ms", "3600000"))),
                Duration.ofSeconds(Long.parseLong(get(property, "marketbridge.shipments.lease-seconds", "300"))),
                get(property, "marketbridge.node-id", defaultNodeId()),
                Path.of(get(property, "marketbridge.shipments.inbox.dir", "./in/shipments")),
                get(property, "marketbridge.shipments.inbox.encoding", "auto"),
                ZoneId.of(get(property, "marketbridge.shipments.zone", "Asia/Seoul")),
                property.apply("marketbridge.shipments.couriers-file") == null
                        || property.apply("marketbridge.shipments.couriers-file").isBlank()
                        ? null : Path.of(property.apply("marketbridge.shipments.couriers-file").trim()));
    }

    /** The wait before retry number {@code attempt} (1-based), doubling from initialDelay, capped at maxDelay. */
    public Duration backoff(int attempt) {
        long factor = 1L << Math.min(20, Math.max(0, attempt - 1));
        Duration d = initialDelay.multipliedBy(factor);
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    private static String get(Function<String, String> property, String key, String defaultValue) {
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
