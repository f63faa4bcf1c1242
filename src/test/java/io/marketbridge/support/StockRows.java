package io.marketbridge.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/** Test helpers for stock pushes: what became of one listing's MB_STOCK_PUSH row. */
public final class StockRows {

    private StockRows() {
    }

    /** Waits until the listing's push is SENT or REJECTED; returns its status, result_code and result_message. */
    public static List<Object> settled(DataSource db, long listingRowId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of("SENT", "REJECTED").contains(String.valueOf(
                Db.list(db, "SELECT status FROM MB_STOCK_PUSH WHERE listing_row_id = ?", listingRowId).stream()
                        .findFirst().orElse(null))));
        List<Object> row = Db.list(db, "SELECT status FROM MB_STOCK_PUSH WHERE listing_row_id = ?", listingRowId);
        row.addAll(Db.list(db, "SELECT result_code FROM MB_STOCK_PUSH WHERE listing_row_id = ?", listingRowId));
        row.addAll(Db.list(db, "SELECT result_message FROM MB_STOCK_PUSH WHERE listing_row_id = ?", listingRowId));
        return row;
    }
}
