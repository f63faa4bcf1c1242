package io.marketbridge.claim.action;

import static io.marketbridge.dispatch.DueRowSettings.value;

import io.marketbridge.csv.CsvCells;
import io.marketbridge.csv.CsvInbox;
import io.marketbridge.dispatch.DueRowSettings;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * The marketbridge.claims.actions.* properties (documented in docs/configuration.md); they mean what their
 * marketbridge.shipments.* namesakes mean for MB_SHIPMENT.
 *
 * @param rows  batch-size, max-attempts, retry.*, lease-seconds, and marketbridge.node-id (shared with shipments)
 * @param inbox the claim action CSV inbox (inbox.*)
 */
public record ClaimActionSettings(DueRowSettings rows, CsvInbox.Place inbox) {

    static final String PREFIX = "marketbridge.claims.actions.";

    public static ClaimActionSettings from(Function<String, String> property) {
        long stable = Long.parseLong(value(property, PREFIX + "inbox.stable-ms", "10000"));
        long stableTimeout = Long.parseLong(value(property, PREFIX + "inbox.stable-timeout-ms", "60000"));
        if (stable < 1 || stableTimeout < 2 * stable) {
            throw new IllegalArgumentException(PREFIX + "inbox.stable-timeout-ms (" + stableTimeout + ") must be at least"
                    + " twice " + PREFIX + "inbox.stable-ms (" + stable + "), which must be at least 1 (ms)");
        }
        return new ClaimActionSettings(DueRowSettings.from(property, PREFIX, 100),
                new CsvInbox.Place(Path.of(value(property, PREFIX + "inbox.dir", "./in/claims")),
                        value(property, PREFIX + "inbox.encoding", "auto"),
                        ZoneId.of(value(property, "marketbridge.shipments.zone", "Asia/Seoul")),
                        Boolean.parseBoolean(value(property, CsvCells.PROPERTY, "true"))));
    }

    /** Names this node in claimed_by. */
    public String nodeId() {
        return rows.nodeId();
    }
}
