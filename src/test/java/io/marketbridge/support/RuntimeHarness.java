package io.marketbridge.support;

import io.marketbridge.simulator.naver.NaverSimulator;
import io.marketbridge.app.RuntimeSetup;
import io.marketbridge.intake.CursorStore;
import io.marketbridge.intake.PollReport;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.SimulatorSettings;
import io.marketbridge.simulator.esm.EsmSimulatorSettings;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * The real runtime (camel-main, the route files in routes/, RuntimeSetup) started in-process against a
 * simulator the test owns, with an in-memory H2 and a temporary output folder. Triggers are scheduled far
 * in the future; tests run a poll by sending to the marketplace's orders route, as a trigger would.
 */
public final class RuntimeHarness implements AutoCloseable {

    public static final String NEVER = "0 0 0 1 1 ? 2099";

    private final Main main;
    private final SimulatorServer simulator;
    private final Path outDir;

    private RuntimeHarness(Main main, SimulatorServer simulator, Path outDir) {
        this.main = main;
        this.simulator = simulator;
        this.outDir = outDir;
    }

    /** A simulator with the given Coupang vendors (vendor id -> {access key, secret key}), no seeded orders. */
    public static SimulatorServer simulator(Map<String, String[]> vendors) {
        return simulator(vendors, Map.of());
    }

    /**
     * A simulator with Coupang vendors and Naver sellers (seller id -> {client id, client secret}), no seeded
     * orders, no arrivals, no gifts unless a test asks.
     */
    public static SimulatorServer simulator(Map<String, String[]> coupangVendors, Map<String, String[]> naverSellers) {
        return simulator(coupangVendors, naverSellers, Map.of(), Map.of(), ESM_INTERVAL_MS);
    }

    /**
     * A simulator with Coupang vendors, Naver sellers and 11st sellers (seller id -> OpenAPI key), no seeded orders,
     * no arrivals.
     */
    public static SimulatorServer simulator(Map<String, String[]> coupangVendors, Map<String, String[]> naverSellers,
                                            Map<String, String> elevenstSellers) {
        return simulator(coupangVendors, naverSellers, elevenstSellers, Map.of(), ESM_INTERVAL_MS);
    }

    /** The order-query interval of test ESM simulators (ESM: 5000 ms); test ESM accounts space their queries a little wider. */
    public static final int ESM_INTERVAL_MS = 300;
    /** What the runtime adds to the simulator's interval (see where it is set). */
    public static final int ESM_MARGIN_MS = 200;

    /**
     * A simulator with Coupang vendors, Naver sellers and ESM masters (master ID -> secret and site seller IDs), no
     * seeded orders, no arrivals; the ESM simulator allows one order query per {@code esmIntervalMs} per site seller ID.
     */
    public static SimulatorServer simulator(Map<String, String[]> coupangVendors, Map<String, String[]> naverSellers,
                                            Map<String, EsmSimulatorSettings.Master> esmMasters, int esmIntervalMs) {
        return simulator(coupangVendors, naverSellers, Map.of(), esmMasters, esmIntervalMs);
    }

    /** A simulator with sellers on every marketplace the tests drive; none of them has orders or arrivals. */
    public static SimulatorServer simulator(Map<String, String[]> coupangVendors, Map<String, String[]> naverSellers,
                                            Map<String, String> elevenstSellers,
                                            Map<String, EsmSimulatorSettings.Master> esmMasters, int esmIntervalMs) {
        return simulator(coupangVendors, naverSellers, elevenstSellers, esmMasters, esmIntervalMs, p -> { });
    }

    /**
     * A simulator with Lotte ON traders (trader number -> API key) and no other sellers; no seeded orders, no
     * arrivals, no buyers' claims of their own.
     */
    public static SimulatorServer lotteonSimulator(Map<String, String> traders) {
        SimulatorServer server = simulator(Map.of(), Map.of(), Map.of(), Map.of(), ESM_INTERVAL_MS, p -> {
            p.setProperty("marketbridge.simulators.lotteon.traders", String.join(",", traders.keySet()));
            traders.forEach((t, key) -> p.setProperty("marketbridge.simulators.lotteon.trader." + t + ".api-key", key));
            p.setProperty("marketbridge.simulators.lotteon.seed-orders", "0");
            p.setProperty("marketbridge.simulators.lotteon.arrival-per-minute", "0");
            p.setProperty("marketbridge.simulators.lotteon.rate-limit-per-second", "1000");
            p.setProperty("marketbridge.simulators.lotteon.claims.cancel-rate", "0");
            p.setProperty("marketbridge.simulators.lotteon.claims.return-rate", "0");
            p.setProperty("marketbridge.simulators.lotteon.claims.exchange-rate", "0");
        });
        return server;
    }

    private static SimulatorServer simulator(Map<String, String[]> coupangVendors, Map<String, String[]> naverSellers,
                                             Map<String, String> elevenstSellers,
                                             Map<String, EsmSimulatorSettings.Master> esmMasters, int esmIntervalMs,
                                             java.util.function.Consumer<Properties> more) {
        Properties p = new Properties();
        p.setProperty("marketbridge.simulators.elevenst.sellers", String.join(",", elevenstSellers.keySet()));
        elevenstSellers.forEach((s, key) -> p.setProperty("marketbridge.simulators.elevenst.seller." + s + ".api-key", key));
        p.setProperty("marketbridge.simulators.elevenst.seed-orders", "0");
        p.setProperty("marketbridge.simulators.elevenst.arrival-per-minute", "0");
        p.setProperty("marketbridge.simulators.elevenst.rate-limit-per-second", "1000");
        p.setProperty("marketbridge.simulators.esm.masters", String.join(",", esmMasters.keySet()));
        esmMasters.forEach((m, master) -> {
            p.setProperty("marketbridge.simulators.esm.master." + m + ".secret", master.secret());
            p.setProperty("marketbridge.simulators.esm.master." + m + ".gmarket-sellers", String.join(",", master.gmarketSellers()));
            p.setProperty("marketbridge.simulators.esm.master." + m + ".auction-sellers", String.join(",", master.auctionSellers()));
        });
        p.setProperty("marketbridge.simulators.esm.seed-orders", "0");
        p.setProperty("marketbridge.simulators.esm.arrival-per-minute", "0");
        p.setProperty("marketbridge.simulators.esm.order-query-interval-ms", String.valueOf(esmIntervalMs));
        p.setProperty("marketbridge.simulators.port", "0");
        p.setProperty("marketbridge.simulators.coupang.vendors", String.join(",", coupangVendors.keySet()));
        coupangVendors.forEach((v, keys) -> {
            p.setProperty("marketbridge.simulators.coupang.vendor." + v + ".access-key", keys[0]);
            p.setProperty("marketbridge.simulators.coupang.vendor." + v + ".secret-key", keys[1]);
        });
        p.setProperty("marketbridge.simulators.coupang.seed-orders", "0");
        p.setProperty("marketbridge.simulators.coupang.arrival-per-minute", "0");
        p.setProperty("marketbridge.simulators.coupang.rate-limit-per-second", "1000");
        p.setProperty("marketbridge.simulators.naver.sellers", String.join(",", naverSellers.keySet()));
        naverSellers.forEach((s, keys) -> {
            p.setProperty("marketbridge.simulators.naver.seller." + s + ".client-id", keys[0]);
            p.setProperty("marketbridge.simulators.naver.seller." + s + ".client-secret", keys[1]);
        });
        p.setProperty("marketbridge.simulators.naver.seed-orders", "0");
        p.setProperty("marketbridge.simulators.naver.arrival-per-minute", "0");
        p.setProperty("marketbridge.simulators.naver.rate-limit-per-second", "1000");
        more.accept(p);
        SimulatorServer server = new SimulatorServer(SimulatorSettings.from(p::getProperty)).start();
        server.get(NaverSimulator.class).faults().giftRate = 0;
        return server;
    }

    /** Now on the marketplaces' clock (Asia/Seoul), for order times the simulators are given. */
    public static ZonedDateTime now() {
        return ZonedDateTime.now(ZoneId.of("Asia/Seoul"));
    }

    /** Adds a Naver account block pointing at the simulator. */
    public static void naverAccount(Properties p, String id, String baseUrl, String clientId, String clientSecret) {
        String prefix = "marketbridge.account." + id + ".";
        p.setProperty(prefix + "marketplace", "naver");
        p.setProperty(prefix + "base-url", baseUrl + "/external");
        p.setProperty(prefix + "client-id", clientId);
        p.setProperty(prefix + "client-secret", clientSecret);
        p.setProperty(prefix + "orders.schedule", NEVER);
        p.setProperty(prefix + "claims.schedule", NEVER); // tests run the claims poll themselves
        p.setProperty(prefix + "rate-per-second", "50");
    }

    /** Adds an 11st account block pointing at the simulator (which serves 11st's paths under /rest). */
    public static void elevenstAccount(Properties p, String id, String baseUrl, String apiKey) {
        String prefix = "marketbridge.account." + id + ".";
        p.setProperty(prefix + "marketplace", "elevenst");
        p.setProperty(prefix + "base-url", baseUrl);
        p.setProperty(prefix + "api-key", apiKey);
        p.setProperty(prefix + "orders.schedule", NEVER);
        p.setProperty(prefix + "claims.schedule", NEVER);
        p.setProperty(prefix + "rate-per-second", "20");
    }

    /**
     * Adds an ESM (Gmarket + Auction) account block pointing at the simulator; a null seller ID leaves that site
     * off. The runtime's order queries are spaced 50 ms wider than the test simulator's interval (as 5200 ms to ESM's 5 s).
     */
    public static void esmAccount(Properties p, String id, String baseUrl, String masterId, String secretKey,
                                  String gmarketSellerId, String auctionSellerId) {
        String prefix = "marketbridge.account." + id + ".";
        p.setProperty(prefix + "marketplace", "esm");
        p.setProperty(prefix + "base-url", baseUrl);
        p.setProperty(prefix + "master-id", masterId);
        p.setProperty(prefix + "secret-key", secretKey);
        if (gmarketSellerId != null) {
            p.setProperty(prefix + "gmarket-seller-id", gmarketSellerId);
        }
        if (auctionSellerId != null) {
            p.setProperty(prefix + "auction-seller-id", auctionSellerId);
        }
        p.setProperty(prefix + "orders.schedule", NEVER);
        p.setProperty(prefix + "claims.schedule", NEVER);
        // the margin covers the time between the throttle letting a query through and the simulator receiving it,
        // which on a loaded two-core machine has been seen above 50 ms (production keeps 200 ms on 5 s)
        p.setProperty("marketbridge.esm.order-query-interval-ms", String.valueOf(ESM_INTERVAL_MS + ESM_MARGIN_MS));
    }

    /** Adds a Lotte ON account block pointing at the simulator (which serves Lotte ON's paths under /v1/openapi). */
    public static void lotteonAccount(Properties p, String id, String baseUrl, String apiKey) {
        String prefix = "marketbridge.account." + id + ".";
        p.setProperty(prefix + "marketplace", "lotteon");
        p.setProperty(prefix + "base-url", baseUrl);
        p.setProperty(prefix + "api-key", apiKey);
        p.setProperty(prefix + "orders.schedule", NEVER);
        p.setProperty(prefix + "claims.schedule", NEVER);
        p.setProperty(prefix + "rate-per-second", "50");
    }

    /** Adds a Qoo10 Japan account block pointing at the simulator (which serves the QAPI service path). */
    public static void qoo10Account(Properties p, String id, String baseUrl, String apiKey, String userId, String password) {
        String prefix = "marketbridge.account." + id + ".";
        p.setProperty(prefix + "marketplace", "qoo10");
        p.setProperty(prefix + "base-url", baseUrl);
        p.setProperty(prefix + "api-key", apiKey);
        p.setProperty(prefix + "user-id", userId);
        p.setProperty(prefix + "password", password);
        p.setProperty(prefix + "orders.schedule", NEVER);
        p.setProperty(prefix + "claims.schedule", NEVER);
        p.setProperty(prefix + "rate-per-second", "20");
    }

    /** Properties every test runtime shares; tests add their accounts and overrides on top. */
    public static Properties baseProperties(Path outDir) {
        Properties p = new Properties();
        p.setProperty("camel.main.name", "market-bridge-test");
        p.setProperty("camel.main.routes-include-pattern", "file:routes/*.camel.yaml");
        p.setProperty("camel.main.auto-configuration-log-summary", "false");
        p.setProperty("camel.component.http.automatic-retries-disabled", "true");
        p.setProperty("camel.component.http.response-timeout", "10000");
        p.setProperty("marketbridge.db.url", "jdbc:h2:mem:mb-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        p.setProperty("marketbridge.sink.file.dir", outDir.toString());
        p.setProperty("marketbridge.sink.file.fsync", "false");
        p.setProperty("marketbridge.simulators.enabled", "false");
        p.setProperty("marketbridge.retry.initial-delay-ms", "50");
        p.setProperty("marketbridge.replay.period-ms", "200");
        p.setProperty("marketbridge.shipments.inbox.dir", outDir.resolve("in/shipments").toString());
        p.setProperty("marketbridge.shipments.inbox.poll-ms", "200");
        p.setProperty("marketbridge.shipments.inbox.stable-ms", "100");
        p.setProperty("marketbridge.shipments.inbox.stable-timeout-ms", "1000");
        p.setProperty("marketbridge.shipments.poll-ms", "200");
        p.setProperty("marketbridge.shipments.start-delay-ms", "200");
        p.setProperty("marketbridge.shipments.retry.initial-delay-ms", "200");
        // stock: the inboxes under the test's folder, a push round every 200 ms
        p.setProperty("marketbridge.stock.inbox.dir", outDir.resolve("in/stock").toString());
        p.setProperty("marketbridge.stock.listings.inbox.dir", outDir.resolve("in/listings").toString());
        p.setProperty("marketbridge.stock.inbox.poll-ms", "200");
        p.setProperty("marketbridge.stock.inbox.stable-ms", "100");
        p.setProperty("marketbridge.stock.inbox.stable-timeout-ms", "1000");
        p.setProperty("marketbridge.stock.poll-ms", "200");
        p.setProperty("marketbridge.stock.start-delay-ms", "200");
        p.setProperty("marketbridge.stock.retry.initial-delay-ms", "200");
        return p;
    }

    /** Adds a Coupang account block pointing at the simulator. */
    public static void coupangAccount(Properties p, String id, String baseUrl, String vendor, String accessKey, String secretKey) {
        String prefix = "marketbridge.account." + id + ".";
        p.setProperty(prefix + "marketplace", "coupang");
        p.setProperty(prefix + "base-url", baseUrl);
        p.setProperty(prefix + "vendor-id", vendor);
        p.setProperty(prefix + "access-key", accessKey);
        p.setProperty(prefix + "secret-key", secretKey);
        p.setProperty(prefix + "orders.schedule", NEVER);
        // tests run claims polls themselves: a 5-minute trigger would call the simulator in the middle of a test
        p.setProperty(prefix + "claims.schedule", NEVER);
        p.setProperty(prefix + "rate-per-second", "50");
    }

    public static RuntimeHarness start(Properties properties, SimulatorServer simulator, Path outDir) throws Exception {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("classpath:test-empty.properties");
        main.setOverrideProperties(properties);
        main.addMainListener(new RuntimeSetup());
        main.start();
        return new RuntimeHarness(main, simulator, outDir);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public DataSource dataSource() {
        return context().getRegistry().lookupByNameAndType("dataSource", DataSource.class);
    }

    public SimulatorServer simulator() {
        return simulator;
    }

    public Path outDir() {
        return outDir;
    }

    /** Runs one order poll of the account now, the way its trigger would, and waits for it to end. */
    public Exchange pollOrders(String accountId) {
        ProducerTemplate template = context().createProducerTemplate();
        io.marketbridge.config.AccountRegistry accounts = context().getRegistry()
                .lookupByNameAndType("accountRegistry", io.marketbridge.config.AccountRegistry.class);
        String route = accounts.accounts().stream().filter(a -> a.id().equals(accountId)).findFirst()
                .map(a -> accounts.connector(a).ordersRoute()).orElse("coupang-orders");
        return template.send("direct:" + route, ex -> ex.setProperty("mbAccountId", accountId));
    }

    /** The outcome of the account's last order poll, as the poll report (and /health) sees it. */
    public PollReport.Outcome outcome(String accountId) {
        return context().getRegistry().lookupByNameAndType("pollReport", PollReport.class)
                .lastOutcomes().get(accountId + "/orders");
    }

    /**
     * Runs one claims poll of the account now, the way its trigger would (its connector's claims route), and returns
     * its outcome as the poll report records it.
     */
    public PollReport.Outcome pollClaims(String accountId) {
        io.marketbridge.config.AccountRegistry accounts = context().getRegistry()
                .lookupByNameAndType("accountRegistry", io.marketbridge.config.AccountRegistry.class);
        String route = accounts.accounts().stream().filter(a -> a.id().equals(accountId)).findFirst()
                .map(a -> accounts.connector(a).claimsRoute()).orElseThrow();
        context().createProducerTemplate().send("direct:" + route, ex -> ex.setProperty("mbAccountId", accountId));
        return context().getRegistry().lookupByNameAndType("pollReport", PollReport.class)
                .lastOutcomes().get(accountId + "/claims");
    }

    /** The runtime's MB_CURSOR store. */
    public CursorStore cursors() {
        return context().getRegistry().lookupByNameAndType("cursorStore", CursorStore.class);
    }

    /** How many orders of the account are in MB_ORDER. */
    public long orderCount(String accountId) {
        return Db.count(dataSource(), "SELECT COUNT(*) FROM MB_ORDER WHERE account_id = ?", accountId);
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
