package io.marketbridge.marketplace.naver;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.simulator.naver.NaverSimulator;
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
 * Stock from MB_LISTING + MB_STOCK through the stock job and route naver-stock to the simulator: two options of
 * one origin product in one option-stock call, a product without options through change-status (0: OUTOFSTOCK),
 * an unknown origin product REJECTED with Naver's NOT_FOUND. Each test owns one seller.
 */
class NaverStockRouteTest {

    @TempDir
    static Path out;
    static SimulatedRuntime rt;
    static DataSource db;

    static String seller(int n) {
        return "ncp_stock_" + n;
    }

    static String[] keys(int n) {
        return new String[] {String.format("stockNaverClient%05d", n), String.format("$2a$04$StockNaverSecret0%05d", n)};
    }

    static String account(int n) {
        return "naver-stock-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        rt = SimulatedRuntime.naver(out, 3, NaverStockRouteTest::seller, NaverStockRouteTest::keys,
                NaverStockRouteTest::account, p -> { });
        db = rt.db();
    }

    @AfterAll
    static void stop() throws Exception {
        rt.close();
    }

    static NaverSimulator naver() {
        return rt.simulator().get(NaverSimulator.class);
    }

    /** An ERP mapping; the MB_LISTING id. */
    static long map(int n, String originProductNo, String optionId, String sku) {
        Timestamp now = Timestamp.from(Instant.now());
        Db.update(db, "INSERT INTO MB_LISTING (marketplace, account_id, listing_id, option_id, seller_sku, source,"
                + " first_seen, last_seen, updated_at) VALUES ('NAVER', ?, ?, ?, ?, 'ERP', ?, ?, ?)", account(n),
                originProductNo, optionId, sku, now, now, now);
        return Db.count(db, "SELECT id FROM MB_LISTING WHERE account_id = ? AND listing_id = ? AND option_id = ?",
                account(n), originProductNo, optionId);
    }

    static List<Object> push(long listingRowId) {
        return io.marketbridge.support.StockRows.settled(db, listingRowId);
    }

    @Test
    void twoOptionsOfAnOriginProductGoInOneOptionStockCall() {
        // sample product 8801122003 sells options 88123450031..33
        long m = map(1, "8801122003", "88123450032", "NV-PANTS-M");
        long l = map(1, "8801122003", "88123450033", "NV-PANTS-L");
        Timestamp now = Timestamp.from(Instant.now());
        // both figures in one statement: the job sees them in one round
        Db.update(db, "INSERT INTO MB_STOCK (seller_sku, quantity, updated_at) VALUES (?, ?, ?), (?, ?, ?)",
                "NV-PANTS-M", 14, now, "NV-PANTS-L", 0, now);
        assertThat(push(m)).as("status, code, message").startsWith("SENT");
        assertThat(push(l)).startsWith("SENT");
        assertThat(naver().stockOf(seller(1), "8801122003", "88123450032")).isEqualTo(14);
        assertThat(naver().stockOf(seller(1), "8801122003", "88123450033")).isZero();
        assertThat(naver().stockOf(seller(1), "8801122003", "88123450031")).isEqualTo(100);
        assertThat(naver().stockCallsOf(seller(1), "8801122003")).isEqualTo(1);
    }

    @Test
    void aProductWithoutOptionsGoesOutOfStockThroughChangeStatus() {
        long id = map(2, "8801122009", "", "NV-PLAIN-9");
        Db.update(db, "INSERT INTO MB_STOCK (seller_sku, quantity, updated_at) VALUES (?, ?, ?)", "NV-PLAIN-9", 0,
                Timestamp.from(Instant.now()));
        assertThat(push(id)).startsWith("SENT");
        assertThat(naver().stockOf(seller(2), "8801122009", "")).isZero();
        assertThat(naver().saleStatusOf(seller(2), "8801122009")).isEqualTo("OUTOFSTOCK");
    }

    @Test
    void anOriginProductNaverDoesNotKnowIsRejectedWithItsCode() {
        long id = map(3, "8809999999", "", "NV-NOTHING");
        Db.update(db, "INSERT INTO MB_STOCK (seller_sku, quantity, updated_at) VALUES (?, ?, ?)", "NV-NOTHING", 5,
                Timestamp.from(Instant.now()));
        List<Object> row = push(id);
        assertThat(row.get(0)).isEqualTo("REJECTED");
        assertThat(row.get(1)).isEqualTo("NOT_FOUND");
        assertThat((String) row.get(2)).contains("8809999999");
    }
}
