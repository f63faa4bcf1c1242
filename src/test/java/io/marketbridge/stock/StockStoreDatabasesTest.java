package io.marketbridge.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.db.Database;
import io.marketbridge.order.Marketplace;
import io.marketbridge.shipment.ShipmentStatus;
import io.marketbridge.support.Db;
import io.marketbridge.support.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SKU mapping and the push ledger on every supported database (H2 always; PostgreSQL and MariaDB when they
 * answer, skipped with the reason otherwise): what is learned from orders and what the ERP sets, which listings are
 * due a push and with which figure, and that two nodes never claim one listing.
 */
class StockStoreDatabasesTest {

    static final Instant T0 = Instant.parse("2026-11-29T01:00:00Z");

    private HikariDataSource ds;
    private ListingStore listings;

    private StockStore store(String node) {
        return new StockStore(ds, StockSettings.from(Map.of("marketbridge.node-id", node,
                "marketbridge.stock.retry.initial-delay-ms", "60000", "marketbridge.stock.max-attempts", "3")::get));
    }

    private void open(String vendor, String schema) throws Exception {
        ds = Database.open(TestDatabases.prepare(vendor, schema), TestDatabases.user(vendor), "", 8);
        Database.migrate(ds);
        listings = new ListingStore(ds);
    }

    private void run(String vendor, ThrowingTest test) throws Exception {
        String schema = TestDatabases.newSchema();
        try {
            open(vendor, schema);
            test.run();
        } finally {
            if (ds != null) {
                ds.close();
            }
            TestDatabases.drop(vendor, schema);
        }
    }

    interface ThrowingTest {
        void run() throws Exception;
    }

    private void figure(String sku, int quantity, Instant at) {
        if (Db.update(ds, "UPDATE MB_STOCK SET quantity = ?, updated_at = ? WHERE seller_sku = ?", quantity,
                java.sql.Timestamp.valueOf(at.atOffset(java.time.ZoneOffset.UTC).toLocalDateTime()), sku) == 0) {
            Db.update(ds, "INSERT INTO MB_STOCK (seller_sku, quantity, updated_at) VALUES (?,?,?)", sku, quantity,
                    java.sql.Timestamp.valueOf(at.atOffset(java.time.ZoneOffset.UTC).toLocalDateTime()));
        }
    }

    private String skuOf(String listingId, String optionId) {
        List<Object> v = Db.list(ds, "SELECT seller_sku FROM MB_LISTING WHERE listing_id = ? AND option_id = ?", listingId, optionId);
        return v.isEmpty() ? "(none)" : (String) v.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void learnedFromOrdersAndTheErpsRowWins(String vendor) throws Exception {
        run(vendor, () -> {
            listings.learn("acct", List.of(new LearnedListing(Marketplace.ELEVENST, "P1", "S1", "SKU-A"),
                    new LearnedListing(Marketplace.ELEVENST, "P1", "S2", null)), ListingStore.ORDER, T0);
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_LISTING WHERE source = 'ORDER'")).isEqualTo(2);
            assertThat(skuOf("P1", "S2")).isNull(); // no seller code at the marketplace: the ERP fills it

            // the marketplace's code changed: a learned row follows it; the same listing twice is one row
            listings.learn("acct", List.of(new LearnedListing(Marketplace.ELEVENST, "P1", "S1", "SKU-A2")),
                    ListingStore.ORDER, T0.plusSeconds(60));
            assertThat(skuOf("P1", "S1")).isEqualTo("SKU-A2");

            // the ERP corrects it (as its own row: source ERP, the column's default for its inserts)
            Db.update(ds, "UPDATE MB_LISTING SET seller_sku = 'ERP-1', source = 'ERP' WHERE listing_id = 'P1' AND option_id = 'S1'");
            Db.update(ds, "INSERT INTO MB_LISTING (marketplace, account_id, listing_id, option_id, seller_sku)"
                    + " VALUES ('11ST', 'acct', 'P9', 'S9', 'ERP-9')");
            listings.learn("acct", List.of(new LearnedListing(Marketplace.ELEVENST, "P1", "S1", "SKU-A3"),
                    new LearnedListing(Marketplace.ELEVENST, "P9", "S9", "WRONG")), ListingStore.ORDER, T0.plusSeconds(120));
            assertThat(skuOf("P1", "S1")).isEqualTo("ERP-1");
            assertThat(skuOf("P9", "S9")).isEqualTo("ERP-9");
            assertThat(Db.list(ds, "SELECT source FROM MB_LISTING WHERE listing_id = 'P9'")).containsExactly("ERP");
            assertThat(Db.count(ds, "SELECT COUNT(*) FROM MB_LISTING WHERE last_seen IS NOT NULL AND listing_id = 'P9'"))
                    .isEqualTo(1);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void onePushPerListingWithTheLatestFigureAndNothingWhenUnchanged(String vendor) throws Exception {
        run(vendor, () -> {
            StockStore store = store("node-a");
            listings.learn("c1", List.of(new LearnedListing(Marketplace.COUPANG, "V1", "", "SKU-1")), ListingStore.ORDER, T0);
            listings.learn("n1", List.of(new LearnedListing(Marketplace.NAVER, "O1", "OPT1", "SKU-1")), ListingStore.ORDER, T0);
            listings.learn("e1", List.of(new LearnedListing(Marketplace.ELEVENST, "P1", "S1", "SKU-1"),
                    new LearnedListing(Marketplace.ELEVENST, "P2", "S2", "SKU-NO-FIGURE")), ListingStore.ORDER, T0);
            // ten changes before the round: one push per listing, with the last figure
            for (int q = 1; q <= 10; q++) {
                figure("SKU-1", q, T0.plusMillis(q));
            }
            figure("SKU-UNMAPPED", 5, T0);
            List<StockStore.Due> round = store.claim(100, T0.plusSeconds(1));
            assertThat(round).hasSize(3).allSatisfy(d -> assertThat(d.quantity()).isEqualTo(10));
            assertThat(round).extracting(StockStore.Due::listingId).containsExactlyInAnyOrder("V1", "O1", "P1");
            assertThat(store.claim(100, T0.plusSeconds(2))).isEmpty(); // SENDING: not claimed twice
            for (StockStore.Due d : round) {
                store.finish(d.listingRowId(), ShipmentStatus.SENT, "OK", null, null, T0.plusSeconds(2));
            }
            assertThat(store.claim(100, T0.plusSeconds(3))).isEmpty(); // nothing changed: nothing pushed
            assertThat(store.unmappedSkus()).isEqualTo(1);

            figure("SKU-1", 10, T0.plusSeconds(4)); // written again, same figure: still nothing
            assertThat(store.claim(100, T0.plusSeconds(5))).isEmpty();
            figure("SKU-1", 0, T0.plusSeconds(6)); // sold out
            assertThat(store.claim(100, T0.plusSeconds(7))).hasSize(3).allSatisfy(d -> assertThat(d.quantity()).isZero());
            assertThat(store.counts().get("c1")).isEqualTo(new StockStore.Counts(1, 0, 0));
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void refusedWaitsForANewFigureFailedForItsBackoffAndAStoppedNodesPushIsTakenOver(String vendor) throws Exception {
        run(vendor, () -> {
            StockStore a = store("node-a");
            StockStore b = store("node-b");
            listings.learn("c1", List.of(new LearnedListing(Marketplace.COUPANG, "V1", "", "SKU-1"),
                    new LearnedListing(Marketplace.COUPANG, "V2", "", "SKU-2"),
                    new LearnedListing(Marketplace.COUPANG, "V3", "", "SKU-3")), ListingStore.ORDER, T0);
            figure("SKU-1", 4, T0);
            figure("SKU-2", 4, T0);
            figure("SKU-3", 4, T0);
            Map<String, StockStore.Due> byListing = new java.util.HashMap<>();
            a.claim(100, T0).forEach(d -> byListing.put(d.listingId(), d));
            a.finish(byListing.get("V1").listingRowId(), ShipmentStatus.REJECTED, "HTTP_400", "no such item", null, T0);
            a.finish(byListing.get("V2").listingRowId(), ShipmentStatus.FAILED, "TRANSIENT", "429",
                    T0.plusSeconds(60), T0);
            // V3 stays SENDING: node-a stopped mid-push

            assertThat(b.claim(100, T0.plusSeconds(30))).isEmpty();
            List<StockStore.Due> later = b.claim(100, T0.plusSeconds(61));
            assertThat(later).extracting(StockStore.Due::listingId).containsExactly("V2");
            assertThat(later.get(0).attempts()).isEqualTo(1); // the same figure: the backoff counts on
            b.finish(later.get(0).listingRowId(), ShipmentStatus.SENT, "OK", null, null, T0.plusSeconds(62));
            // the lease (300 s) ends: node-b takes V3 over; node-a's restart would have reclaimed it at once
            assertThat(b.claim(100, T0.plusSeconds(400))).extracting(StockStore.Due::listingId).containsExactly("V3");

            figure("SKU-1", 5, T0.plusSeconds(500)); // a new figure: the refused listing is tried again
            assertThat(b.claim(100, T0.plusSeconds(501))).extracting(StockStore.Due::listingId).containsExactly("V1");
            assertThat(b.counts().get("c1")).isEqualTo(new StockStore.Counts(2, 0, 0)); // V1 and V3 SENDING, V2 SENT
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2", "postgresql", "mariadb"})
    void twoNodesClaimingAtOnceNeverTakeOneListingTwice(String vendor) throws Exception {
        run(vendor, () -> {
            List<LearnedListing> many = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                many.add(new LearnedListing(Marketplace.COUPANG, "V" + i, "", "SKU-" + (i % 20)));
            }
            listings.learn("c1", many, ListingStore.ORDER, T0);
            for (int s = 0; s < 20; s++) {
                figure("SKU-" + s, s, T0);
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<List<StockStore.Due>>> claims = new ArrayList<>();
                for (String node : List.of("n1", "n2", "n3", "n4")) {
                    StockStore s = store(node);
                    claims.add(() -> {
                        List<StockStore.Due> all = new ArrayList<>();
                        for (int r = 0; r < 10; r++) {
                            all.addAll(s.claim(25, T0.plusSeconds(1)));
                        }
                        return all;
                    });
                }
                Set<Long> seen = new HashSet<>();
                int total = 0;
                for (Future<List<StockStore.Due>> f : pool.invokeAll(claims)) {
                    for (StockStore.Due d : f.get(Duration.ofMinutes(1).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        assertThat(seen.add(d.listingRowId())).as("listing %s claimed twice", d.listingId()).isTrue();
                        total++;
                    }
                }
                assertThat(total).isEqualTo(200);
            } finally {
                pool.shutdownNow();
            }
        });
    }
}
