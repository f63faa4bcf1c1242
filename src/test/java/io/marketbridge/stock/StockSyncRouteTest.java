package io.marketbridge.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.simulator.elevenst.ElevenstSimulator;
import io.marketbridge.simulator.naver.NaverSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stock sync across marketplaces through the real route files and the Coupang, Naver and 11st simulators: orders
 * teach MB_LISTING, the ERP maps one listing of each marketplace to one SKU (overriding what was learned), and one
 * figure reaches all three with one call each; the same figure again is no call; ten changes while no round runs are
 * one call per listing with the last figure; a listing the marketplace refuses is REJECTED while the others go on;
 * a 429 and a 500 are retried until the figure is SENT.
 */
class StockSyncRouteTest {

    static final String VENDOR = "A62000001";
    static final String NAVER_SELLER = "ncp_sync_1";
    static final String ELEVENST_SELLER = "SYNC1";
    static final String COUPANG = "sync-coupang";
    static final String NAVER = "sync-naver";
    static final String ELEVENST = "sync-11st";

    @TempDir
    static Path out;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;

    @BeforeAll
    static void start() throws Exception {
        String[] naverKeys = {"syncNaverClient00001", "$2a$04$SyncNaverSecret0000001"};
        simulator = RuntimeHarness.simulator(Map.of(VENDOR, new String[] {"access-sync", "secret-sync-0123456789"}),
                Map.of(NAVER_SELLER, naverKeys), Map.of(ELEVENST_SELLER, "sim-11st-sync-key-1"));
        Properties p = RuntimeHarness.baseProperties(out);
        RuntimeHarness.coupangAccount(p, COUPANG, simulator.baseUrl(), VENDOR, "access-sync", "secret-sync-0123456789");
        RuntimeHarness.naverAccount(p, NAVER, simulator.baseUrl(), naverKeys[0], naverKeys[1]);
        RuntimeHarness.elevenstAccount(p, ELEVENST, simulator.baseUrl(), "sim-11st-sync-key-1");
        p.setProperty("marketbridge.account." + COUPANG + ".auto-confirm", "false");
        p.setProperty("marketbridge.account." + NAVER + ".auto-confirm", "false");
        p.setProperty("marketbridge.account." + ELEVENST + ".auto-confirm", "false");
        runtime = RuntimeHarness.start(p, simulator, out);
        db = runtime.dataSource();
    }

    @AfterAll
    static void stop() throws Exception {
        runtime.close();
        simulator.close();
    }

    static CoupangSimulator coupang() {
        return simulator.get(CoupangSimulator.class);
    }

    static NaverSimulator naver() {
        return simulator.get(NaverSimulator.class);
    }

    static ElevenstSimulator elevenst() {
        return simulator.get(ElevenstSimulator.class);
    }

    record Listing(long id, String listingId, String optionId) {
    }

    /** The first listing the account's orders taught, as the ERP maps it to {@code sku}. */
    static Listing mapFirstLearned(String account, String sku) {
        long id = Db.count(db, "SELECT MIN(id) FROM MB_LISTING WHERE account_id = ? AND source = 'ORDER'", account);
        Db.update(db, "UPDATE MB_LISTING SET seller_sku = ?, source = 'ERP' WHERE id = ?", sku, id);
        return new Listing(id, (String) Db.list(db, "SELECT listing_id FROM MB_LISTING WHERE id = ?", id).get(0),
                (String) Db.list(db, "SELECT option_id FROM MB_LISTING WHERE id = ?", id).get(0));
    }

    static void figure(String sku, int quantity) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
        if (Db.update(db, "UPDATE MB_STOCK SET quantity = ?, updated_at = ? WHERE seller_sku = ?", quantity, now, sku) == 0) {
            Db.update(db, "INSERT INTO MB_STOCK (seller_sku, quantity, updated_at) VALUES (?,?,?)", sku, quantity, now);
        }
    }

    static String status(long listingRowId) {
        List<Object> v = Db.list(db, "SELECT status FROM MB_STOCK_PUSH WHERE listing_row_id = ?", listingRowId);
        return v.isEmpty() ? null : String.valueOf(v.get(0));
    }

    static Object column(long listingRowId, String column) {
        return Db.list(db, "SELECT " + column + " FROM MB_STOCK_PUSH WHERE listing_row_id = ?", listingRowId).get(0);
    }

    static void sentWith(int quantity, Listing... listings) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (Listing l : listings) {
                if (!"SENT".equals(status(l.id())) || !Integer.valueOf(quantity).equals(
                        ((Number) column(l.id(), "sent_quantity")).intValue())) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void oneFigureReachesEveryMarketplaceOnceAndOnlyChangesAreSent() throws Exception {
        coupang().createOrder(VENDOR, RuntimeHarness.now().minusMinutes(10), false, 1);
        naver().createOrder(NAVER_SELLER, RuntimeHarness.now().minusMinutes(10), 1);
        elevenst().createOrder(ELEVENST_SELLER, RuntimeHarness.now().minusMinutes(10), 1, 1);
        for (String account : List.of(COUPANG, NAVER, ELEVENST)) {
            runtime.pollOrders(account);
            assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_LISTING WHERE account_id = ? AND source = 'ORDER'", account))
                    .as("listings learned from %s's order", account).isPositive();
        }
        Listing c = mapFirstLearned(COUPANG, "SYNC-1");
        Listing n = mapFirstLearned(NAVER, "SYNC-1");
        Listing e = mapFirstLearned(ELEVENST, "SYNC-1");
        assertThat(Db.list(db, "SELECT COUNT(*) FROM MB_LISTING WHERE seller_sku = 'SYNC-1' AND source = 'ERP'").get(0))
                .isEqualTo(3L);

        long written = System.nanoTime();
        figure("SYNC-1", 7);
        sentWith(7, c, n, e);
        long latencyMs = (System.nanoTime() - written) / 1_000_000;
        long vendorItemId = Long.parseLong(c.listingId());
        assertThat(coupang().stockOf(VENDOR, vendorItemId)).isEqualTo(7);
        assertThat(naver().stockOf(NAVER_SELLER, n.listingId(), n.optionId())).isEqualTo(7);
        assertThat(elevenst().stockOf(ELEVENST_SELLER, e.optionId())).isEqualTo(7);
        assertThat(coupang().stockCalls(VENDOR, vendorItemId)).isEqualTo(1);
        assertThat(naver().stockCallsOf(NAVER_SELLER, n.listingId())).isEqualTo(1);
        assertThat(elevenst().stockCalls(ELEVENST_SELLER, e.optionId())).isEqualTo(1);

        // the same figure written again: several rounds (every 200 ms) pass, no call
        figure("SYNC-1", 7);
        Thread.sleep(1500);
        assertThat(coupang().stockCalls(VENDOR, vendorItemId) + naver().stockCallsOf(NAVER_SELLER, n.listingId())
                + elevenst().stockCalls(ELEVENST_SELLER, e.optionId())).isEqualTo(3);

        // ten changes while no round runs: one call per listing, the last figure
        runtime.context().getRouteController().stopRoute("stock-push");
        for (int q = 11; q <= 20; q++) {
            figure("SYNC-1", q);
        }
        runtime.context().getRouteController().startRoute("stock-push");
        sentWith(20, c, n, e);
        assertThat(coupang().stockOf(VENDOR, vendorItemId)).isEqualTo(20);
        assertThat(naver().stockOf(NAVER_SELLER, n.listingId(), n.optionId())).isEqualTo(20);
        assertThat(elevenst().stockOf(ELEVENST_SELLER, e.optionId())).isEqualTo(20);
        assertThat(coupang().stockCalls(VENDOR, vendorItemId)).isEqualTo(2);
        assertThat(naver().stockCallsOf(NAVER_SELLER, n.listingId())).isEqualTo(2);
        assertThat(elevenst().stockCalls(ELEVENST_SELLER, e.optionId())).isEqualTo(2);
        System.out.printf("stock sync: 3 listings on 3 marketplaces, 1 SKU: %d calls for 2 pushed figures (12 written);"
                + " first figure on all three %d ms after the ERP wrote it (rounds every 200 ms)%n", 6, latencyMs);
    }

    @Test
    void aRefusedListingDoesNotStopTheOthersAndTransientFailuresAreRetried() {
        long known = 880123400501L;
        Timestamp now = Timestamp.valueOf(LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
        for (String[] row : List.of(new String[] {"COUPANG", COUPANG, String.valueOf(known), ""},
                new String[] {"COUPANG", COUPANG, "990000000077", ""},
                new String[] {"11ST", ELEVENST, "3456780015", "345678001502"})) {
            Db.update(db, "INSERT INTO MB_LISTING (marketplace, account_id, listing_id, option_id, seller_sku, first_seen,"
                    + " updated_at) VALUES (?,?,?,?,'SYNC-2',?,?)", row[0], row[1], row[2], row[3], now, now);
        }
        long good = Db.count(db, "SELECT id FROM MB_LISTING WHERE listing_id = ?", String.valueOf(known));
        long unknown = Db.count(db, "SELECT id FROM MB_LISTING WHERE listing_id = '990000000077'");
        long retried = Db.count(db, "SELECT id FROM MB_LISTING WHERE option_id = '345678001502' AND account_id = ?", ELEVENST);
        elevenst().faults().failNext(429, 1);
        elevenst().faults().failNext(500, 1);
        figure("SYNC-2", 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> "REJECTED".equals(status(unknown)) && "SENT".equals(status(good))
                && "SENT".equals(status(retried)));
        assertThat(column(unknown, "result_code")).isEqualTo("HTTP_400");
        assertThat(((Number) column(retried, "attempts")).intValue()).isEqualTo(3); // 429, 500, then SENT
        assertThat(elevenst().stockOf(ELEVENST_SELLER, "345678001502")).isEqualTo(3);
        assertThat(coupang().stockOf(VENDOR, known)).isEqualTo(3);
    }
}
