package io.marketbridge.marketplace.elevenst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.simulator.elevenst.ElevenstSimulator;
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
 * The stock job through the real route files to the 11st simulator: an MB_LISTING row (prdNo, prdStckNo) and the
 * SKU's MB_STOCK figure -> elevenst-stock PUTs the ProductStock body -> the simulator holds the figure and
 * MB_STOCK_PUSH is SENT; an option 11st does not have is REJECTED with resultCode 404.
 */
class ElevenstStockRouteTest {

    static final String SELLER = "ST1";
    static final String ACCOUNT = "acct-11st-stock";

    @TempDir
    static Path out;
    static SimulatedRuntime env;
    static DataSource db;

    @BeforeAll
    static void start() throws Exception {
        env = SimulatedRuntime.elevenst(out, 1, n -> SELLER, n -> "sim-11st-stock-key-1", n -> ACCOUNT, p -> { });
        db = env.db();
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    static ElevenstSimulator elevenst() {
        return env.simulator().get(ElevenstSimulator.class);
    }

    static void listing(String prdNo, String prdStckNo, String sku) {
        Timestamp now = Timestamp.from(Instant.now());
        Db.update(db, "INSERT INTO MB_LISTING (marketplace, account_id, listing_id, option_id, seller_sku, source,"
                + " first_seen, updated_at) VALUES ('11ST', ?, ?, ?, ?, 'ERP', ?, ?)", ACCOUNT, prdNo, prdStckNo, sku, now, now);
    }

    static void stock(String sku, int quantity) {
        Db.update(db, "INSERT INTO MB_STOCK (seller_sku, quantity, updated_at) VALUES (?, ?, ?)", sku, quantity,
                Timestamp.from(Instant.now()));
    }

    static Object push(String column, String prdStckNo) {
        var rows = Db.list(db, "SELECT p." + column + " FROM MB_STOCK_PUSH p JOIN MB_LISTING l ON l.id = p.listing_row_id"
                + " WHERE l.account_id = ? AND l.option_id = ?", ACCOUNT, prdStckNo);
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    void theStockJobSetsTheFigureAt11st() {
        listing("3456780015", "345678001502", "ST-BAT-10K-02"); // 보조배터리, 색상:블랙
        stock("ST-BAT-10K-02", 9);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SENT".equals(push("status", "345678001502")));
        assertThat(elevenst().stockOf(SELLER, "345678001502")).isEqualTo(9);
        assertThat(elevenst().stockCalls(SELLER, "345678001502")).isEqualTo(1);
        assertThat(push("result_code", "345678001502")).isEqualTo("200");
    }

    @Test
    void anOptionOfAnotherProductIsRejected() {
        listing("3456780011", "345678001601", "ST-MIXED-UP");
        stock("ST-MIXED-UP", 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> "REJECTED".equals(push("status", "345678001601")));
        assertThat(push("result_code", "345678001601")).isEqualTo("404");
        assertThat(elevenst().stockOf(SELLER, "345678001601")).isEqualTo(100);
    }
}
