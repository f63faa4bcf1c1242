package io.marketbridge.marketplace.coupang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.SimulatedRuntime;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock job through the real route files to the Coupang simulator: an MB_LISTING row (vendorItemId) and the
 * SKU's MB_STOCK figure -> coupang-stock sets it -> the simulator holds the figure and MB_STOCK_PUSH is SENT; an
 * unknown vendorItemId is REJECTED with Coupang's refusal.
 */
class CoupangStockRouteTest {

    static final String VENDOR = "A61000001";
    static final String ACCOUNT = "acct-stock-" + VENDOR;

    @TempDir
    static Path out;
    static SimulatedRuntime env;
    static DataSource db;

    @BeforeAll
    static void start() throws Exception {
        env = SimulatedRuntime.coupang(out, new String[] {VENDOR}, v -> ACCOUNT, p -> { });
        db = env.db();
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    static CoupangSimulator coupang() {
        return env.simulator().get(CoupangSimulator.class);
    }

    static void listing(String vendorItemId, String sku) {
        Timestamp now = Timestamp.from(Instant.now());
        Db.update(db, "INSERT INTO MB_LISTING (marketplace, account_id, listing_id, option_id, seller_sku, source,"
                + " first_seen, updated_at) VALUES ('COUPANG', ?, ?, '', ?, 'ERP', ?, ?)", ACCOUNT, vendorItemId, sku, now, now);
    }

    static void stock(String sku, int quantity) {
        Db.update(db, "INSERT INTO MB_STOCK (seller_sku, quantity, updated_at) VALUES (?, ?, ?)", sku, quantity,
                Timestamp.from(Instant.now()));
    }

    static String pushStatus(String vendorItemId) {
        var rows = Db.list(db, "SELECT p.status FROM MB_STOCK_PUSH p JOIN MB_LISTING l ON l.id = p.listing_row_id"
                + " WHERE l.account_id = ? AND l.listing_id = ?", ACCOUNT, vendorItemId);
        return rows.isEmpty() ? null : String.valueOf(rows.get(0));
    }

    @Test
    void theStockJobSetsTheFigureAtCoupang() {
        long vendorItemId = 880123400501L; // 국산 참기름, 2병 세트
        listing(String.valueOf(vendorItemId), "SKU-OIL-2");
        stock("SKU-OIL-2", 17);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(pushStatus(String.valueOf(vendorItemId))));
        assertThat(coupang().stockOf(VENDOR, vendorItemId)).isEqualTo(17);
        assertThat(coupang().stockCalls(VENDOR, vendorItemId)).isEqualTo(1);
        assertThat(Db.list(db, "SELECT p.sent_quantity FROM MB_STOCK_PUSH p JOIN MB_LISTING l ON l.id = p.listing_row_id"
                + " WHERE l.listing_id = ?", String.valueOf(vendorItemId)).get(0)).isEqualTo(17);
    }

    @Test
    void anUnknownVendorItemIdIsRejected() {
        listing("990000000001", "SKU-NOWHERE");
        stock("SKU-NOWHERE", 4);
        await().atMost(Duration.ofSeconds(20)).until(() -> "REJECTED".equals(pushStatus("990000000001")));
        assertThat(Db.list(db, "SELECT p.result_code FROM MB_STOCK_PUSH p JOIN MB_LISTING l ON l.id = p.listing_row_id"
                + " WHERE l.listing_id = ?", "990000000001").get(0)).isEqualTo("HTTP_400");
    }
}
