package io.marketbridge.stock;

import static io.marketbridge.dispatch.DueRowSettings.value;

import io.marketbridge.csv.CsvCells;
import io.marketbridge.csv.CsvInbox;
import io.marketbridge.dispatch.DueRowSettings;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.function.Function;

/**
 * The marketbridge.stock.* properties (documented in docs/configuration.md).
 *
 * @param rows     batch-size (listings per push round, default 500), max-attempts, retry.initial-delay-ms,
 *                 retry.max-delay-ms, lease-seconds, and marketbridge.node-id: as for shipments
 * @param stock    the stock CSV inbox (inbox.*, default ./in/stock)
 * @param listings the listing mapping CSV inbox (listings.inbox.*, default ./in/listings)
 */
public record StockSettings(DueRowSettings rows, CsvInbox.Place stock, CsvInbox.Place listings) {

    static final String PREFIX = "marketbridge.stock.";

    public static StockSettings from(Function<String, String> property) {
        ZoneId zone = ZoneId.of(value(property, "marketbridge.shipments.zone", "Asia/Seoul"));
        boolean escape = Boolean.parseBoolean(value(property, CsvCells.PROPERTY, "true"));
        return new StockSettings(DueRowSettings.from(property, PREFIX, 500),
                new CsvInbox.Place(Path.of(value(property, PREFIX + "inbox.dir", "./in/stock")),
                        value(property, PREFIX + "inbox.encoding", "auto"), zone, escape),
                new CsvInbox.Place(Path.of(value(property, PREFIX + "listings.inbox.dir", "./in/listings")),
                        value(property, PREFIX + "listings.inbox.encoding", "auto"), zone, escape));
    }
}
