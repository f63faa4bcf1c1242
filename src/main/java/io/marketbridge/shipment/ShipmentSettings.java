package io.marketbridge.shipment;

import static io.marketbridge.dispatch.DueRowSettings.value;

import io.marketbridge.dispatch.DueRowSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * The marketbridge.shipments.* properties (documented in docs/configuration.md).
 *
 * @param rows          batch-size, max-attempts, retry.*, lease-seconds, and marketbridge.node-id
 * @param zone          the zone of shipped_at values written without an offset in a CSV
 * @param inboxStable   an inbox file is taken once two looks this far apart see the same size and modification time
 * @param inboxStableTimeout how long one look at a file that keeps changing may last before the inbox moves on
 * @param escapeFormulas write result-file cells a spreadsheet would run as formulas with a leading apostrophe
 * @param claimsRecheck  a unit whose order had claim activity (an MB_CLAIM row collected) this recently is sent only
 *                       after one claims poll of its account; zero turns the extra poll off
 */
public record ShipmentSettings(DueRowSettings rows, Path inboxDir, String inboxEncoding, ZoneId zone, Path couriersFile,
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
                DueRowSettings.from(property, "marketbridge.shipments.", 200),
                Path.of(value(property, "marketbridge.shipments.inbox.dir", "./in/shipments")),
                value(property, "marketbridge.shipments.inbox.encoding", "auto"),
                ZoneId.of(value(property, "marketbridge.shipments.zone", value(property, "marketbridge.zone", "Asia/Seoul"))),
                property.apply("marketbridge.shipments.couriers-file") == null
                        || property.apply("marketbridge.shipments.couriers-file").isBlank()
                        ? null : Path.of(property.apply("marketbridge.shipments.couriers-file").trim()),
                Duration.ofMillis(Long.parseLong(value(property, STABLE_MS, "10000"))),
                Duration.ofMillis(Long.parseLong(value(property, STABLE_TIMEOUT_MS, "60000"))),
                Boolean.parseBoolean(value(property, io.marketbridge.csv.CsvCells.PROPERTY, "true")),
                Duration.parse(value(property, "marketbridge.shipments.claims-recheck", "PT30M")));
    }

    /** Names this node in claimed_by; a restarted node reclaims its own SENDING rows at once. */
    public String nodeId() {
        return rows.nodeId();
    }
}
