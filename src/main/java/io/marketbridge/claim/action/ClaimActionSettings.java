package io.marketbridge.claim.action;

import io.marketbridge.csv.CsvCells;
import io.marketbridge.csv.CsvInbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * The marketbridge.claims.actions.* properties (documented in docs/configuration.md); they mean what their
 * marketbridge.shipments.* namesakes mean for MB_SHIPMENT.
 *
 * @param batchSize    rows claimed per dispatch round
 * @param maxAttempts  tries of a transiently failing row before it is left FAILED for good
 * @param initialDelay wait before the first retry; doubles per attempt up to maxDelay
 * @param lease        a SENDING row older than this is taken to be abandoned by a stopped node and reclaimed
 * @param nodeId       names this node in claimed_by (marketbridge.node-id, shared with shipments)
 */
public record ClaimActionSettings(int batchSize, int maxAttempts, Duration initialDelay, Duration maxDelay, Duration lease,
                                 String nodeId, CsvInbox.Place inbox) {

    static final String PREFIX = "marketbridge.claims.actions.";

    public static ClaimActionSettings from(Function<String, String> property) {
        long stable = Long.parseLong(get(property, PREFIX + "inbox.stable-ms", "10000"));
        long stableTimeout = Long.parseLong(get(property, PREFIX + "inbox.stable-timeout-ms", "60000"));
        if (stable < 1 || stableTimeout < 2 * stable) {
            throw new IllegalArgumentException(PREFIX + "inbox.stable-timeout-ms (" + stableTimeout + ") must be at least"
                    + " twice " + PREFIX + "inbox.stable-ms (" + stable + "), which must be at least 1 (ms)");
        }
        return new ClaimActionSettings(
                Integer.parseInt(get(property, PREFIX + "batch-size", "100")),
                Integer.parseInt(get(property, PREFIX + "max-attempts", "8")),
                Duration.ofMillis(Long.parseLong(get(property, PREFIX + "retry.initial-delay-ms", "30000"))),
                Duration.ofMillis(Long.parseLong(get(property, PREFIX + "retry.max-delay-ms", "3600000"))),
                Duration.ofSeconds(Long.parseLong(get(property, PREFIX + "lease-seconds", "300"))),
                get(property, "marketbridge.node-id", defaultNodeId()),
                new CsvInbox.Place(Path.of(get(property, PREFIX + "inbox.dir", "./in/claims")),
                        get(property, PREFIX + "inbox.encoding", "auto"),
                        ZoneId.of(get(property, "marketbridge.shipments.zone", "Asia/Seoul")),
                        Boolean.parseBoolean(get(property, CsvCells.PROPERTY, "true"))));
    }

    /** The wait before retry number {@code attempt} (1-based), doubling from initialDelay, capped at maxDelay. */
    public Duration backoff(int attempt) {
        Duration d = initialDelay.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
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
