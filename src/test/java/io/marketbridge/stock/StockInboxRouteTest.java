package io.marketbridge.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import io.marketbridge.support.SimulatedRuntime;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock and listing inboxes through the real route files: every row of a CSV gets an outcome in the result
 * file (a broken row and a bad figure REJECTED, a SKU without a listing ACCEPTED NO_LISTING and kept, the later of
 * two rows for one SKU winning), a mapping CSV sets the ERP's rows, and a listing whose marketplace has no stock call
 * is REJECTED NOT_SUPPORTED without a call, counted in the stock health counts.
 */
class StockInboxRouteTest {

    @TempDir
    static Path out;
    static SimulatedRuntime env;
    static RuntimeHarness runtime;
    static DataSource db;

    @BeforeAll
    static void start() throws Exception {
        env = SimulatedRuntime.lotteon(out, 1, n -> "TR0000" + n, n -> "lotte-key-" + n + "-0123456789", n -> "lotte-" + n,
                p -> p.setProperty("marketbridge.stock.count-period-ms", "200"));
        runtime = env.runtime();
        db = env.db();
    }

    @AfterAll
    static void stop() throws Exception {
        env.close();
    }

    static List<CSVRecord> result(String inbox, String name) throws IOException {
        Path done = out.resolve("in").resolve(inbox).resolve("done");
        String suffix = name.substring(0, name.length() - 4) + ".result.csv";
        await().atMost(Duration.ofSeconds(30)).until(() -> found(done, suffix) != null);
        List<CSVRecord> all = CSVFormat.RFC4180.parse(new StringReader(Files.readString(found(done, suffix),
                StandardCharsets.UTF_8))).getRecords();
        return all.subList(1, all.size());
    }

    /** A result row's status, result_code and result_message: its last three cells (a broken row is echoed as it was). */
    static String status(CSVRecord r) {
        return r.get(r.size() - 3);
    }

    static String code(CSVRecord r) {
        return r.get(r.size() - 2);
    }

    static String message(CSVRecord r) {
        return r.get(r.size() - 1);
    }

    private static Path found(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
        }
    }

    static void drop(String inbox, String name, String content) throws IOException {
        Path dir = out.resolve("in").resolve(inbox);
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name));
    }

    @Test
    void stockCsvRowsEachGetAnOutcomeAndOnlyGoodFiguresAreKept() throws Exception {
        drop("stock", "stock-1.csv", "seller_sku,quantity\n"
                + "INB-1,5\n"
                + "INB-2,\"7\n"              // a stray quote: this row alone is broken
                + "INB-3,-3\n"
                + "INB-UNMAPPED,1,200\n"     // one field too many
                + "INB-UNMAPPED,\"1,200\"\n" // a thousands separator, quoted
                + "INB-1,6\n");              // the later row for INB-1 wins
        List<CSVRecord> rows = result("stock", "stock-1.csv");
        assertThat(rows).extracting(StockInboxRouteTest::status).containsExactly("ACCEPTED", "REJECTED", "REJECTED", "REJECTED",
                "ACCEPTED", "ACCEPTED");
        assertThat(code(rows.get(0))).isEqualTo("REPLACED");
        assertThat(message(rows.get(0))).contains("row 6");
        assertThat(code(rows.get(1))).isEqualTo("INVALID_ROW");
        assertThat(message(rows.get(2))).contains("quantity '-3' is not a whole number");
        assertThat(message(rows.get(3))).contains("has 3 fields");
        assertThat(code(rows.get(4))).isEqualTo("NO_LISTING");
        assertThat(Db.count(db, "SELECT quantity FROM MB_STOCK WHERE seller_sku = 'INB-1'")).isEqualTo(6);
        assertThat(Db.count(db, "SELECT quantity FROM MB_STOCK WHERE seller_sku = 'INB-UNMAPPED'")).isEqualTo(1200);
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_STOCK WHERE seller_sku IN ('INB-2', 'INB-3')")).isZero();
        assertThat(Db.list(db, "SELECT seller_sku FROM MB_STOCK_UNMAPPED")).contains("INB-UNMAPPED");
    }

    @Test
    void aMappingCsvSetsTheErpsRowsAndALotteonListingIsNotSupported() throws Exception {
        // a learned row the mapping corrects
        Db.update(db, "INSERT INTO MB_LISTING (marketplace, account_id, listing_id, option_id, seller_sku, source)"
                + " VALUES ('LOTTEON', 'lotte-1', 'LO200', 'IT2', 'WRONG-CODE', 'ORDER')");
        drop("listings", "map-1.csv", "marketplace,account_id,listing_id,option_id,seller_sku\n"
                + "LOTTEON,lotte-1,LO200,IT2,MAP-1\n"
                + "LOTTEON,lotte-9,LO201,IT1,MAP-1\n"      // no such account
                + "COUPANG,lotte-1,LO202,IT1,MAP-1\n"      // a Lotte ON account is no Coupang account
                + "LOTTEON,lotte-1,LO203,,MAP-2\n");       // no option: ""
        List<CSVRecord> rows = result("listings", "map-1.csv");
        assertThat(rows).extracting(StockInboxRouteTest::status).containsExactly("ACCEPTED", "REJECTED", "REJECTED", "ACCEPTED");
        assertThat(message(rows.get(1))).contains("account 'lotte-9' is not configured");
        assertThat(message(rows.get(2))).contains("not COUPANG");
        assertThat(Db.list(db, "SELECT seller_sku || '/' || source FROM MB_LISTING WHERE listing_id = 'LO200'"))
                .containsExactly("MAP-1/ERP");
        assertThat(Db.count(db, "SELECT COUNT(*) FROM MB_LISTING WHERE listing_id = 'LO203' AND option_id = ''")).isEqualTo(1);

        Db.update(db, "INSERT INTO MB_STOCK (seller_sku, quantity) VALUES ('MAP-1', 3)");
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count(db, "SELECT COUNT(*) FROM MB_STOCK_PUSH p JOIN MB_LISTING l"
                + " ON l.id = p.listing_row_id WHERE l.listing_id = 'LO200' AND p.status = 'REJECTED'") == 1);
        assertThat(Db.list(db, "SELECT result_code FROM MB_LISTING_STOCK WHERE listing_id = 'LO200'"))
                .containsExactly("NOT_SUPPORTED");
        assertThat(Db.list(db, "SELECT result_message FROM MB_LISTING_STOCK WHERE listing_id = 'LO200'").get(0).toString())
                .contains("LOTTEON").contains("lotte-1");
        StockCounts counts = runtime.context().getRegistry().lookupByNameAndType("stockCounts", StockCounts.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> counts.outOfSync().containsKey("lotte-1")
                && counts.outOfSync().get("lotte-1")[1] == 1);
        // refused for good: the same figure is not tried again
        long updated = Db.count(db, "SELECT attempts FROM MB_STOCK_PUSH p JOIN MB_LISTING l ON l.id = p.listing_row_id"
                + " WHERE l.listing_id = 'LO200'");
        Thread.sleep(1000); // several push rounds (every 200 ms) pass
        assertThat(Db.count(db, "SELECT attempts FROM MB_STOCK_PUSH p JOIN MB_LISTING l ON l.id = p.listing_row_id"
                + " WHERE l.listing_id = 'LO200'")).isEqualTo(updated);
    }
}
