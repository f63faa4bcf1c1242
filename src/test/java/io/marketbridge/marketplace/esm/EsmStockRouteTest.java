package io.marketbridge.marketplace.esm;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbridge.simulator.esm.EsmSimulator;
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
 * Stock from MB_LISTING + MB_STOCK through the stock job and route esm-stock to the simulator: a Gmarket figure and
 * an Auction figure of one GoodsNo each land on their own site, a GoodsNo ESM does not know is REJECTED 1000. Each
 * test owns its goods (the master's goods are shared by its accounts).
 */
class EsmStockRouteTest {

    static final String MASTER = "stockmaster";
    @TempDir
    static Path out;
    static SimulatedRuntime rt;
    static DataSource db;

    static String g(int n) {
        return "gstock" + n;
    }

    static String a(int n) {
        return "astock" + n;
    }

    static String account(int n) {
        return "esm-stock-" + n;
    }

    @BeforeAll
    static void start() throws Exception {
        rt = SimulatedRuntime.esm(out, MASTER, "stock-secret-0001", 2, EsmStockRouteTest::g, EsmStockRouteTest::a,
                EsmStockRouteTest::account, p -> { });
        db = rt.db();
    }

    @AfterAll
    static void stop() throws Exception {
        rt.close();
    }

    static EsmSimulator esm() {
        return rt.simulator().get(EsmSimulator.class);
    }

    /** An ERP mapping and figure; the MB_LISTING id. */
    static long map(String site, int n, String goodsNo, String sku, int quantity) {
        Timestamp now = Timestamp.from(Instant.now());
        Db.update(db, "INSERT INTO MB_LISTING (marketplace, account_id, listing_id, option_id, seller_sku, source,"
                + " first_seen, last_seen, updated_at) VALUES (?, ?, ?, '', ?, 'ERP', ?, ?, ?)", site, account(n), goodsNo,
                sku, now, now, now);
        Db.update(db, "INSERT INTO MB_STOCK (seller_sku, quantity, updated_at) VALUES (?, ?, ?)", sku, quantity, now);
        return Db.count(db, "SELECT id FROM MB_LISTING WHERE marketplace = ? AND account_id = ? AND listing_id = ?", site,
                account(n), goodsNo);
    }

    static List<Object> push(long listingRowId) {
        return io.marketbridge.support.StockRows.settled(db, listingRowId);
    }

    @Test
    void eachSitesFigureLandsOnItsOwnSite() {
        long gmarket = map("GMARKET", 1, "1234567002", "ESM-TS-GM", 23);
        assertThat(push(gmarket)).as("status, code, message").startsWith("SENT");
        assertThat(esm().stockOf(MASTER, 1_234_567_002L, "G")).isEqualTo(23);
        assertThat(esm().stockOf(MASTER, 1_234_567_002L, "A")).isEqualTo(100);

        long auction = map("AUCTION", 1, "1234567002", "ESM-TS-IAC", 0);
        assertThat(push(auction)).startsWith("SENT");
        assertThat(esm().stockOf(MASTER, 1_234_567_002L, "A")).isZero();
        assertThat(esm().stockOf(MASTER, 1_234_567_002L, "G")).isEqualTo(23);
        assertThat(esm().stockCallsOf(MASTER, 1_234_567_002L)).isEqualTo(2);
    }

    @Test
    void aGoodsNoEsmDoesNotKnowIsRejectedWithItsCode() {
        long id = map("GMARKET", 2, "1299999999", "ESM-NOTHING", 5);
        List<Object> row = push(id);
        assertThat(row.get(0)).isEqualTo("REJECTED");
        assertThat(row.get(1)).isEqualTo("1000");
        assertThat((String) row.get(2)).contains("1299999999").contains("Gmarket");
    }
}
