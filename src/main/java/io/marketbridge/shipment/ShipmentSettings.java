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
 * @param inboxStable   an inbox file is taken once two looks this far apart see the same size and modification time
 * @param inboxStableTimeout how long one look at a file that keeps changing may last before the inbox moves on
 * @param escapeFormulas write result-file cells a spreadsheet would run as formulas with a leading apostrophe
 * @param claimsRecheck  a unit whose order had claim activity (an MB_CLAIM row collected) this recently is sent only
 *                       after one claims poll of its account; zero turns the extra poll off
 */
public record ShipmentSettings(int batchSize, int maxAttempts, Duration initialDelay, Duration maxDelay, Duration lease,
                               String nodeId, Path inboxDir, String inboxEncoding, ZoneId zone, Path couriersFile,
                               Duration inboxStable, Duration inboxStableTimeout, boolean escapeFormulas,
                               Duration claimsRecheck) {

    public static final String STABLE_MS = "marketbridge.shipments.inbox.stable-ms";
    public static final String STABLE_TIMEOUT_MS = "marketbridge.shipments.inbox.stable-timeout-ms";

    public ShipmentSettings {
        if (inboxStable.toMillis() < 1) {
            throw new IllegalArgumentException(STABLE_MS + " must be at least 1 (ms), not " + inboxStable.toMillis());
        }
        // the read lock needs two looks a stable time apart before it gives up on a file for this poll
        if (inboxStableTimeout.compareTo(inboxStable.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException(STABLE_TIMEOUT_MS + " (" + inboxStableTimeout.toMillis() + ") must be at least twice "
                    + STABLE_MS + " (" + inboxStable.toMillis() + ")");
        }
    }

    public static ShipmentSettings from(Function<String, String> property) {
        if (property.apply("marketbridge.shipments.inbox.min-age-ms") != null) {
            // its Camel meaning (the file's time against this host's clock, size unchecked) took files half-written
            throw new IllegalArgumentException("marketbridge.shipments.inbox.min-age-ms is replaced by " + STABLE_MS
                    + " (a file is taken once its size and modification time stayed the same for that long)");
        }
        return new ShipmentSettings(
                Integer.parseInt(get(property, "marketbridge.shipments.batch-size", "200")),
                Integer.parseInt(get(property, "marketbridge.shipments.max-attempts", "8")),
                Duration.ofMillis(Long.parseLong(get(property, "marketbridge.shipments.retry.initial-delay-ms", "30000"))),
                Duration.ofMillis(Long.parseLong(get(property, "marketbridge.shipments.retry.max-delay-ms", "3600000"))),
                Duration.ofSeconds(Long.parseLong(get(property, "marketbridge.shipments.lease-seconds", "300"))),
                get(property, "marketbridge.node-id", defaultNodeId()),
                Path.of(get(property, "marketbridge.shipments.inbox.dir", "./in/shipments")),
                get(property, "marketbridge.shipments.inbox.encoding", "auto"),
                ZoneId.of(get(property, "marketbridge.shipments.zone", get(property, "marketbridge.zone", "Asia/Seoul"))),
                property.apply("marketbridge.shipments.couriers-file") == null
                        || property.apply("marketbridge.shipments.couriers-file").isBlank()
                        ? null : Path.of(property.apply("marketbridge.shipments.couriers-file").trim()),
                Duration.ofMillis(Long.parseLong(get(property, STABLE_MS, "10000"))),
                Duration.ofMillis(Long.parseLong(get(property, STABLE_TIMEOUT_MS, "60000"))),
                Boolean.parseBoolean(get(property, io.marketbridge.csv.CsvCells.PROPERTY, "true")),
                Duration.parse(get(property, "marketbridge.shipments.claims-recheck", "PT30M")));
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
