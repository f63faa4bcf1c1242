package io.marketbridge.marketplace.qoo10;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.simulator.qoo10.Qoo10Simulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.SimulatedRuntime;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stock from MB_LISTING + MB_STOCK through the stock job and route qoo10-stock to the simulator: an option figure
 * (GetGoodsInventoryInfo, EditGoodsInventory), an item figure (GetItemDetailInfo, SetGoodsPriceQty, the end of sale
 * kept), an unknown item REJECTED -10001. Each test owns one seller.
 */
class Qoo10StockRouteTest {

    @TempDir
    static Path out;
    static SimulatedRuntime rt;
    static DataSource db;

    static String seller(int n) {
        return "jpstock" + n;
    }

    static String account(int n) {
        return "qoo10-stock-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        rt = SimulatedRuntime.qoo10(out, 3, Qoo10StockRouteTest::seller, n -> "qoo10-stock-key-000" + n,
                n -> "qsm-stock-" + n, Qoo10StockRouteTest::account, p -> { });
        db = rt.db();
    }

    @AfterAll
    static void stop() throws Exception {
        rt.close();
    }

    static Qoo10Simulator qoo10() {
        return rt.simulator().get(Qoo10Simulator.class);
    }

    /** An ERP mapping and figure; the MB_LISTING id. */
    static long map(int n, String itemCode, String optionCode, String sku, int quantity) {
        Timestamp now = Timestamp.from(Instant.now());
        Db.update(db, "INSERT INTO MB_LISTING (marketplace, account_id, listing_id, option_id, seller_sku, source,"
                + " first_seen, last_seen, updated_at) VALUES ('QOO10', ?, ?, ?, ?, 'ERP', ?, ?, ?)", account(n), itemCode,
                optionCode, sku, now, now, now);
        Db.update(db, "INSERT INTO MB_STOCK (seller_sku, quantity, updated_at) VALUES (?, ?, ?)", sku, quantity, now);
        return Db.count(db, "SELECT id FROM MB_LISTING WHERE account_id = ? AND listing_id = ? AND option_id = ?",
                account(n), itemCode, optionCode);
    }

    static List<Object> push(long listingRowId) {
        return io.marketbridge.support.StockRows.settled(db, listingRowId);
    }

    @Test
    void anOptionsFigureReachesQoo10AndTheOtherOptionsKeepTheirs() {
        long id = map(1, "812345681", "BEG-F", "KB-CARD-BEG", 17);
        assertThat(push(id)).as("status, code, message").startsWith("SENT");
        assertThat(qoo10().stockOf(seller(1), "812345681", "BEG-F")).isEqualTo(17);
        assertThat(qoo10().stockOf(seller(1), "812345681", "GRY-F")).isEqualTo(100);
        assertThat(qoo10().stockCalls(seller(1), "812345681")).isEqualTo(1);
    }

    @Test
    void anItemsFigureReachesQoo10AndItsEndOfSaleStays() {
        java.time.LocalDate end = qoo10().expireDateOf(seller(2), "812345680");
        long id = map(2, "812345680", "", "KB-RAMEN-5", 0);
        assertThat(push(id)).startsWith("SENT");
        assertThat(qoo10().stockOf(seller(2), "812345680", "")).isZero();
        assertThat(qoo10().expireDateOf(seller(2), "812345680")).isEqualTo(end);
    }

    @Test
    void anItemQoo10DoesNotKnowIsRejectedWithItsCode() {
        long id = map(3, "799999999", "", "NO-SUCH-ITEM", 5);
        List<Object> row = push(id);
        assertThat(row.get(0)).isEqualTo("REJECTED");
        assertThat(row.get(1)).isEqualTo("-10001");
        assertThat((String) row.get(2)).contains("799999999");
    }
}
