package io.marketbridge.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.order.OrderJson;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.elevenst.ElevenstSimulator;
import io.marketbridge.simulator.naver.NaverSimulator;
import io.marketbridge.support.Db;
import io.marketbridge.support.RuntimeHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The on-demand listing import through the real route files, the management port and the 11st and Naver
 * simulators: a listing learned from an order, POST /observe/accounts/&lt;id&gt;/listings/import, and the product's
 * other options appear as CATALOG rows with the seller codes the marketplace holds; the learned row without a SKU
 * gets its code; an ERP row keeps its own. Coupang answers "not supported"; the action needs the script header.
 */
class ListingImportRouteTest {

    static final String VENDOR = "A63000001";
    static final String NAVER_SELLER = "ncp_import_1";
    static final String ELEVENST_SELLER = "IMPORT1";
    static final String COUPANG = "import-coupang";
    static final String NAVER = "import-naver";
    static final String ELEVENST = "import-11st";

    @TempDir
    static Path out;
    static SimulatorServer simulator;
    static RuntimeHarness runtime;
    static DataSource db;

    @BeforeAll
    static void start() throws Exception {
        String[] naverKeys = {"importNaverClient0001", "$2a$04$ImportNaverSecret00001"};
        simulator = RuntimeHarness.simulator(Map.of(VENDOR, new String[] {"access-import", "secret-import-0123456789"}),
                Map.of(NAVER_SELLER, naverKeys), Map.of(ELEVENST_SELLER, "sim-11st-import-key-1"));
        Properties p = RuntimeHarness.baseProperties(out);
        p.setProperty("camel.management.enabled", "true");
        p.setProperty("camel.management.host", "127.0.0.1");
        p.setProperty("camel.management.port", "0");
        RuntimeHarness.coupangAccount(p, COUPANG, simulator.baseUrl(), VENDOR, "access-import", "secret-import-0123456789");
        RuntimeHarness.naverAccount(p, NAVER, simulator.baseUrl(), naverKeys[0], naverKeys[1]);
        RuntimeHarness.elevenstAccount(p, ELEVENST, simulator.baseUrl(), "sim-11st-import-key-1");
        for (String account : List.of(COUPANG, NAVER, ELEVENST)) {
            p.setProperty("marketbridge.account." + account + ".auto-confirm", "false");
        }
        runtime = RuntimeHarness.start(p, simulator, out);
        db = runtime.dataSource();
    }

    @AfterAll
    static void stop() throws Exception {
        runtime.close();
        simulator.close();
    }

    static NaverSimulator naver() {
        return simulator.get(NaverSimulator.class);
    }

    static ElevenstSimulator elevenst() {
        return simulator.get(ElevenstSimulator.class);
    }

    static HttpResponse<String> importListings(String account, boolean scriptHeader) throws Exception {
        String base = "http://127.0.0.1:" + runtime.context().hasService(VertxPlatformHttpServer.class).getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/observe/accounts/" + account
                + "/listings/import")).POST(HttpRequest.BodyPublishers.noBody());
        if (scriptHeader) {
            request.header("X-Requested-By", "test");
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return OrderJson.mapper().readTree(response.body());
    }

    /** option_id -> "seller_sku/source" of the account's rows of one listing. */
    static Map<String, String> rows(String account, String listingId) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (Object[] r : Db.rows(db, "SELECT option_id, seller_sku, source FROM MB_LISTING WHERE account_id = ?"
                + " AND listing_id = ? ORDER BY option_id", account, listingId)) {
            rows.put((String) r[0], r[1] + "/" + r[2]);
        }
        return rows;
    }

    static void erpRow(String marketplace, String account, String listingId, String optionId, String sku) {
        Timestamp now = Timestamp.valueOf(LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
        Db.update(db, "INSERT INTO MB_LISTING (marketplace, account_id, listing_id, option_id, seller_sku, source, first_seen,"
                + " updated_at) VALUES (?,?,?,?,?,'ERP',?,?)", marketplace, account, listingId, optionId, sku, now, now);
    }

    @Test
    void elevenstImportsEveryOptionOfAnOrderedProductAndLeavesTheErpRowAlone() throws Exception {
        elevenst().createOrder(ELEVENST_SELLER, RuntimeHarness.now().minusMinutes(10), 1, 1);
        runtime.pollOrders(ELEVENST);
        Object[] learned = Db.rows(db, "SELECT listing_id, option_id FROM MB_LISTING WHERE account_id = ? AND source = 'ORDER'",
                ELEVENST).get(0);
        String prdNo = (String) learned[0];
        String orderedOption = (String) learned[1];
        // two options the seller added at 11st since: one the ERP already mapped, one nobody knows yet
        long base = Long.parseLong(prdNo) * 100;
        String erpOption = String.valueOf(base + 9);
        String newOption = String.valueOf(base + 8);
        elevenst().setStock(ELEVENST_SELLER, prdNo, erpOption, 4);
        elevenst().setStock(ELEVENST_SELLER, prdNo, newOption, 6);
        List<String> options = new ArrayList<>();
        for (long n = base + 1; n <= base + 9; n++) {
            if (elevenst().stockOf(ELEVENST_SELLER, String.valueOf(n)) != null) {
                options.add(String.valueOf(n));
                elevenst().setSellerStockCode(ELEVENST_SELLER, String.valueOf(n), "CAT-" + n);
            }
        }
        erpRow("11ST", ELEVENST, prdNo, erpOption, "ERP-OWN");
        Db.update(db, "UPDATE MB_LISTING SET seller_sku = NULL WHERE account_id = ? AND option_id = ?", ELEVENST, orderedOption);
        long products = Db.count(db, "SELECT COUNT(DISTINCT listing_id) FROM MB_LISTING WHERE account_id = ?", ELEVENST);
        elevenst().faults().failNext(500, 1); // the first read fails once and is read again

        HttpResponse<String> response = importListings(ELEVENST, true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json(response);
        assertThat(answer.get("outcome").asText()).as(response.body()).isEqualTo("OK");
        assertThat(answer.get("products").asLong()).isEqualTo(products);
        assertThat(answer.get("productsRead").asLong()).isEqualTo(products);
        assertThat(answer.get("skuFilled").asInt()).isEqualTo(1);
        assertThat(answer.get("newRows").asInt()).isEqualTo(options.size() - 2); // all but the ordered and the ERP one
        assertThat(answer.get("errors")).isEmpty();

        Map<String, String> rows = rows(ELEVENST, prdNo);
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(options);
        assertThat(rows.get(erpOption)).isEqualTo("ERP-OWN/ERP");
        assertThat(rows.get(orderedOption)).isEqualTo("CAT-" + orderedOption + "/ORDER");
        assertThat(rows.get(newOption)).isEqualTo("CAT-" + newOption + "/CATALOG");
        options.stream().filter(o -> !o.equals(erpOption) && !o.equals(orderedOption))
                .forEach(o -> assertThat(rows.get(o)).isEqualTo("CAT-" + o + "/CATALOG"));

        // again: nothing new
        JsonNode again = json(importListings(ELEVENST, true));
        assertThat(again.get("newRows").asInt()).isZero();
        assertThat(again.get("skuFilled").asInt()).isZero();
        assertThat(again.get("optionsImported").asInt()).isEqualTo(answer.get("optionsImported").asInt());
    }

    @Test
    void naverImportsTheOptionsOfTheOrderedOriginProductAndAnUnknownOneIsItsOwnError() throws Exception {
        String origin = null;
        String ordered = null;
        List<String> options = new ArrayList<>();
        for (int attempt = 0; attempt < 6 && options.size() < 2; attempt++) {
            naver().createOrder(NAVER_SELLER, RuntimeHarness.now().minusMinutes(10), 2);
            runtime.pollOrders(NAVER);
            for (Object[] r : Db.rows(db, "SELECT listing_id, option_id FROM MB_LISTING WHERE account_id = ?"
                    + " AND source = 'ORDER'", NAVER)) {
                List<String> of = optionsAtNaver((String) r[0], (String) r[1]);
                if (of.size() >= 2) {
                    origin = (String) r[0];
                    ordered = (String) r[1];
                    options = of;
                    break;
                }
            }
        }
        assertThat(options).as("an ordered product with several options").hasSizeGreaterThanOrEqualTo(2);
        for (String o : options) {
            naver().setSellerCode(NAVER_SELLER, origin, o, "NCAT-" + o);
        }
        String orderedOption = ordered;
        String erpOption = options.stream().filter(o -> !o.equals(orderedOption)).findFirst().orElseThrow();
        erpRow("NAVER", NAVER, origin, erpOption, "ERP-N");
        Db.update(db, "DELETE FROM MB_LISTING WHERE account_id = ? AND listing_id = ? AND source = 'ORDER' AND option_id <> ?",
                NAVER, origin, ordered);
        Db.update(db, "UPDATE MB_LISTING SET seller_sku = NULL WHERE account_id = ? AND listing_id = ? AND option_id = ?",
                NAVER, origin, ordered);
        erpRow("NAVER", NAVER, "8809999999", "1", "ERP-GONE"); // a product Naver does not know

        JsonNode answer = json(importListings(NAVER, true));
        assertThat(answer.get("outcome").asText()).isEqualTo("PARTIAL");
        assertThat(answer.get("errors")).hasSize(1);
        assertThat(answer.get("errors").get(0).asText()).contains("8809999999").contains("404");
        assertThat(answer.get("skuFilled").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(answer.get("productsRead").asInt()).isEqualTo(answer.get("products").asInt() - 1);

        Map<String, String> rows = rows(NAVER, origin);
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(options);
        assertThat(rows.get(erpOption)).isEqualTo("ERP-N/ERP");
        assertThat(rows.get(ordered)).isEqualTo("NCAT-" + ordered + "/ORDER");
        options.stream().filter(o -> !o.equals(erpOption) && !o.equals(orderedOption))
                .forEach(o -> assertThat(rows.get(o)).isEqualTo("NCAT-" + o + "/CATALOG"));
        assertThat(rows(NAVER, "8809999999")).containsExactly(Map.entry("1", "ERP-GONE/ERP"));
    }

    /** The option ids of an origin product at the simulated Naver, found next to one known option id. */
    static List<String> optionsAtNaver(String origin, String known) {
        List<String> options = new ArrayList<>();
        long base = Long.parseLong(known) / 10 * 10;
        for (long n = base + 1; n <= base + 9; n++) {
            if (naver().stockOf(NAVER_SELLER, origin, String.valueOf(n)) != null) {
                options.add(String.valueOf(n));
            }
        }
        return options;
    }

    @Test
    void coupangIsNotSupportedAndTheActionNeedsTheScriptHeaderAndAKnownAccount() throws Exception {
        JsonNode coupang = json(importListings(COUPANG, true));
        assertThat(coupang.get("outcome").asText()).isEqualTo("NOT_SUPPORTED");
        assertThat(coupang.get("errors").get(0).asText()).startsWith("not supported for coupang: ");
        assertThat(coupang.get("productsRead").asInt()).isZero();

        HttpResponse<String> unknown = importListings("no-such-account", true);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("error").asText()).contains("no-such-account");

        HttpResponse<String> bare = importListings(ELEVENST, false);
        assertThat(bare.statusCode()).isEqualTo(403);
        assertThat(json(bare).get("error").asText()).contains("X-Requested-By");
    }
}
