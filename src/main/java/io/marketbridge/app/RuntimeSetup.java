package io.marketbridge.app;

import com.zaxxer.hikari.HikariDataSource;
import io.marketbridge.cluster.ClusterNodes;
import io.marketbridge.cluster.ClusterSettings;
import io.marketbridge.cluster.QuartzJobStore;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.db.Database;
import io.marketbridge.db.H2FirstMigration;
import io.marketbridge.db.H2Server;
import io.marketbridge.db.RecordRows;
import io.marketbridge.http.CallDeadlines;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.CursorStore;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.IntakeReplay;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.intake.OrderIntake;
import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.marketplace.MarketplaceConnectors;
import io.marketbridge.marketplace.MarketplaceServices;
import io.marketbridge.schedule.AccountScheduler;
import io.marketbridge.schedule.PollSlots;
import io.marketbridge.shipment.CourierColumn;
import io.marketbridge.shipment.Couriers;
import io.marketbridge.shipment.ShipmentDispatch;
import io.marketbridge.shipment.ShipmentInbox;
import io.marketbridge.shipment.ShipmentSettings;
import io.marketbridge.shipment.ShipmentStore;
import io.marketbridge.sink.DatabaseSink;
import io.marketbridge.sink.FileSink;
import io.marketbridge.sink.FileSinkSettings;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.SimulatorSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the runtime around camel-main: simulators (when enabled), the database (pool + Flyway), the sinks,
 * the beans the route files call by name, the accounts, and one trigger route per account and job.
 */
public class RuntimeSetup extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeSetup.class);

    /** The embedded default: closed by the runtime, after its routes (see {@link #afterStop}). */
    public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/market-bridge;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";

    /** Read by {@link io.marketbridge.MarketBridge} too, before H2 loads (H2 reads its bind address once). */
    public static final String H2_BIND_ADDRESS = "marketbridge.db.h2-server.bind-address";

    /**
     * The marketplaces this runtime serves: every connector listed in
     * META-INF/services/io.marketbridge.marketplace.MarketplaceConnector (a new marketplace lists its own).
     */
    static List<MarketplaceConnector> connectors() {
        return MarketplaceConnectors.discover();
    }

    private AccountRegistry accounts;
    private HikariDataSource dataSource;
    /** The clustered job store's own pool, closed with the database. */
    private HikariDataSource jobStorePool;
    private H2Server h2Server;
    private SimulatorServer simulators;
    private AccountsHealthCheck accountsHealth;
    private ShipmentsHealthCheck shipmentsHealth;
    private ClaimsHealthCheck claimsHealth;
    private StockHealthCheck stockHealth;
    private String managementToken;
    private CallDeadlines callDeadlines;
    private PollSlots pollSlots;
    private PollReport pollReport;
    private KeyExpiry keyExpiry;
    private ClusterSettings cluster;
    private String dialect;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertiesComponent props = context.getPropertiesComponent();
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        // before anything starts: refuse /observe beyond loopback without a token
        managementToken = ManagementAccess.check(props);
        ManagementAddress.requireFree(props);
        OperationsSetup.beforeConfigure(context);

        SimulatorServer simulators = null;
        if (Boolean.parseBoolean(prop(props, "marketbridge.simulators.enabled", "false"))) {
            simulators = new SimulatorServer(SimulatorSettings.from(k -> props.resolveProperty(k).orElse(null))).start();
            registry.bind("simulators", simulators);
        }

        // every marketplace call (polls and shipments, http and https) gets a total deadline and a size bound
        CallDeadlines callDeadlines = CallDeadlines.from(k -> props.resolveProperty(k).orElse(null));
        for (String scheme : List.of("http", "https")) {
            HttpComponent http = context.getComponent(scheme, HttpComponent.class);
            http.setHttpClientConfigurer(callDeadlines);
            http.setHttpActivityListener(callDeadlines);
        }
        this.callDeadlines = callDeadlines;

        String dbUrl = prop(props, "marketbridge.db.url", DEFAULT_DB_URL);
        ClusterSettings cluster = ClusterSettings.from(k -> props.resolveProperty(k).orElse(null));
        QuartzJobStore.requireSharedDatabase(cluster, dbUrl);
        this.cluster = cluster;
        // a new embedded H2 file takes its name only with its schema complete (a kill during creation leaves nothing)
        H2FirstMigration.createIfAbsent(dbUrl, prop(props, "marketbridge.db.user", "sa"), prop(props, "marketbridge.db.password", ""));
        HikariDataSource dataSource = Database.open(dbUrl,
                prop(props, "marketbridge.db.user", "sa"),
                prop(props, "marketbridge.db.password", ""),
                Integer.parseInt(prop(props, "marketbridge.db.pool-size", "10")),
                duration(props, "marketbridge.db.startup-wait", "PT60S"));
        this.dataSource = dataSource;
        try {
            this.dialect = Database.migrate(dataSource);
            if (H2Server.servable(dbUrl) && Boolean.parseBoolean(prop(props, "marketbridge.db.h2-server.enabled", "true"))) {
                this.h2Server = H2Server.start(dataSource, prop(props, H2_BIND_ADDRESS, "127.0.0.1"),
                        Integer.parseInt(prop(props, "marketbridge.db.h2-server.port", "9092")));
            }
            // closed as the context's last step, after its routes: on SIGTERM the JVM may halt before afterStop runs
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() {
                    closeDatabase();
                }
            }, true);
        } catch (Exception e) {
            closeDatabase();
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }

        FileSinkSettings fileSettings = new FileSinkSettings(
                Boolean.parseBoolean(prop(props, "marketbridge.sink.file.enabled", "true")),
                Path.of(prop(props, "marketbridge.sink.file.dir", "./out")),
                Arrays.stream(prop(props, "marketbridge.sink.file.formats", "json,csv").split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new)),
                prop(props, "marketbridge.sink.file.csv-encoding", "UTF-8"),
                Boolean.parseBoolean(prop(props, "marketbridge.sink.file.done-marker", "false")),
                Boolean.parseBoolean(prop(props, "marketbridge.sink.file.fsync", "true")),
                Boolean.parseBoolean(prop(props, io.marketbridge.csv.CsvCells.PROPERTY, "true")));
        FileSink fileSink = new FileSink(fileSettings);
        if (cluster.enabled()) {
            fileSink.shareAs(cluster.nodeId()); // the drop folder may be shared by the nodes
        }
        fileSink.sweepTemporaryFiles();
        DatabaseSink databaseSink = new DatabaseSink(Boolean.parseBoolean(prop(props, "marketbridge.sink.db.enabled", "true")));

        accounts = new AccountRegistry(connectors());
        accounts.load(props);
        // an account's own CSV encoding (csv-encoding), read at each file so a reload takes effect
        fileSink.accountEncodings(id -> {
            io.marketbridge.config.Account a = accounts.find(id);
            return a == null ? null : a.get(io.marketbridge.config.CommonAccountKeys.CSV_ENCODING);
        });
        keyExpiry = KeyExpiry.from(accounts, k -> props.resolveProperty(k).orElse(null), clock);
        registry.bind("keyExpiry", keyExpiry);

        IntakeErrors intakeErrors = new IntakeErrors(dataSource, clock);
        OrderChanges orderChanges = new OrderChanges(dataSource, fileSink, clock);
        Confirmations confirmations = new Confirmations(dataSource, clock);
        OrderIntake orderIntake = new OrderIntake(dataSource, databaseSink, fileSink, orderChanges, intakeErrors, clock);

        registry.bind("dataSource", dataSource);
        registry.bind("accountRegistry", accounts);
        CursorStore cursorStore = new CursorStore(dataSource, accounts, clock);
        registry.bind("cursorStore", cursorStore);
        registry.bind("orderIntake", orderIntake);
        registry.bind("confirmations", confirmations);
        registry.bind("intakeErrors", intakeErrors);
        // claims: the shared intake the marketplaces' claim polls call
        io.marketbridge.claim.ClaimIntake claimIntake = new io.marketbridge.claim.ClaimIntake(dataSource, fileSink,
                orderChanges, intakeErrors, clock);
        registry.bind("claimIntake", claimIntake);
        io.marketbridge.claim.ClaimHolds claimHolds = new io.marketbridge.claim.ClaimHolds(dataSource);
        registry.bind("claimHolds", claimHolds);
        this.claimsHealth = new ClaimsHealthCheck(claimHolds);
        registry.bind("intakeReplay", new IntakeReplay(orderIntake, claimIntake, accounts, clock));
        // sql: endpoints read rows into records (routes/intake.camel.yaml)
        registry.bind("recordRows", new RecordRows());
        PollReport pollReport = new PollReport(clock);
        registry.bind("pollReport", pollReport);
        this.pollSlots = PollSlots.from(k -> props.resolveProperty(k).orElse(null), clock);
        this.pollReport = pollReport;
        registry.bind("pollSlots", pollSlots);
        this.accountsHealth = AccountsHealthCheck.from(accounts, pollReport, pollSlots, k -> props.resolveProperty(k).orElse(null));
        registry.bind("retryAfter", RetryAfterDelay.from(k -> props.resolveProperty(k).orElse(null)));
        // the call routes' rate limits, shared by the nodes of a cluster (a no-op otherwise)
        registry.bind("rateBudget", new io.marketbridge.cluster.RateBudget(dataSource, cluster.enabled(), clock));

        // shipments: ERP -> marketplace
        ShipmentSettings shipmentSettings = ShipmentSettings.from(k -> props.resolveProperty(k).orElse(null));
        List<CourierColumn> courierColumns = accounts.connectors().stream().map(CourierColumn::of).toList();
        Couriers couriers = shipmentSettings.couriersFile() == null ? Couriers.load(courierColumns)
                : Couriers.load(shipmentSettings.couriersFile(), courierColumns);
        ShipmentStore shipmentStore = new ShipmentStore(dataSource, orderChanges, shipmentSettings);
        try {
            int reclaimed = shipmentStore.reclaimOwn();
            if (reclaimed > 0) {
                LOG.warn("{} shipment(s) were SENDING when this node ({}) stopped; they are checked at the marketplace"
                        + " before anything is sent again", reclaimed, shipmentSettings.nodeId());
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot read MB_SHIPMENT: " + e.getMessage(), e);
        }
        ShipmentDispatch shipmentDispatch = new ShipmentDispatch(shipmentStore, couriers, accounts, shipmentSettings, clock);
        registry.bind("couriers", couriers);
        registry.bind("shipmentDispatch", shipmentDispatch);
        registry.bind("shipmentInbox", new ShipmentInbox(dataSource, shipmentSettings, clock));
        bindClaimActions(props, registry, dataSource, shipmentStore, couriers, clock);
        bindStock(props, registry, dataSource, orderIntake, clock);

        // each marketplace binds the beans its route file calls (coupangApi, naverOrders, esmShipments, ...)
        MarketplaceServices services = new MarketplaceServices(clock, dataSource, intakeErrors, confirmations,
                orderChanges, cursorStore, shipmentStore);
        for (MarketplaceConnector connector : accounts.connectors()) {
            connector.bindBeans(services, registry);
        }
        this.shipmentsHealth = new ShipmentsHealthCheck(shipmentDispatch);

        // CSV inboxes in a folder other nodes see too: a lock row per file in the database (docs/cluster.md)
        if (Boolean.parseBoolean(prop(props, "marketbridge.inbox.shared", String.valueOf(cluster.enabled())))) {
            registry.bind("inboxLocks", new io.marketbridge.cluster.InboxLocks(dataSource, cluster.nodeId(), clock));
            props.addOverrideProperty("marketbridge.inbox.read-lock", "idempotent-changed");
            props.addOverrideProperty("marketbridge.inbox.read-lock-repository", "#inboxLocks");
            props.addOverrideProperty("marketbridge.inbox.idempotent", "false");
        }

        this.simulators = simulators;
    }

    /**
     * After the context has stopped (in-flight polls finished), release the database (if the context's last step
     * has not) and the simulators. The H2 URL says DB_CLOSE_ON_EXIT=FALSE, so H2's own shutdown hook leaves the
     * database open under a running poll; it closes last: its server's clients first, then the pool (the last
     * session closes the database).
     */
    @Override
    public void afterStop(BaseMainSupport main) {
        closeDatabase();
        if (simulators != null) {
            simulators.close();
        }
        if (callDeadlines != null) {
            callDeadlines.close();
        }
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        ConnectorRoutes.require(context, accounts.connectors());
        if (managementToken != null) {
            ManagementAccess.requireToken(context, managementToken);
        }
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            health.register(accountsHealth);
            health.register(shipmentsHealth);
            health.register(claimsHealth);
            health.register(stockHealth);
            health.register(new KeysHealthCheck(keyExpiry));
        }
        // one Quartz trigger per account and job, scheduled once the context has fully started; in a cluster, in
        // the job store the nodes share (after camel-main has set the component's own properties)
        ClusterNodes clusterNodes = null;
        if (cluster.enabled()) {
            PropertiesComponent props = context.getPropertiesComponent();
            jobStorePool = QuartzJobStore.configure(context.getComponent("quartz", QuartzComponent.class), cluster,
                    prop(props, "marketbridge.db.url", DEFAULT_DB_URL), prop(props, "marketbridge.db.user", "sa"),
                    prop(props, "marketbridge.db.password", ""), dialect);
            clusterNodes = new ClusterNodes(dataSource, cluster, Clock.systemUTC());
        }
        AccountScheduler scheduler = new AccountScheduler(accounts, pollSlots, pollReport, clusterNodes);
        context.getRegistry().bind("accountScheduler", scheduler);
        scheduler.install(context);
        OperationsSetup.install(context, scheduler, managementToken, pollReport, pollSlots, Clock.systemUTC());
        AccountCheckEndpoint.installOnceStarted(context, new AccountCheck(context, accounts, keyExpiry, Clock.systemUTC()));
    }

    /** Claim actions, the seller's decisions (MB_CLAIM_ACTION and its inbox): as shipments, after them. */
    private void bindClaimActions(PropertiesComponent props, Registry registry, javax.sql.DataSource dataSource,
                                  ShipmentStore shipmentStore, Couriers couriers, Clock clock) {
        io.marketbridge.claim.action.ClaimActionSettings settings =
                io.marketbridge.claim.action.ClaimActionSettings.from(k -> props.resolveProperty(k).orElse(null));
        io.marketbridge.claim.action.ClaimActionStore store = new io.marketbridge.claim.action.ClaimActionStore(dataSource, settings);
        try {
            int reclaimed = store.reclaimOwn();
            if (reclaimed > 0) {
                LOG.warn("{} claim action(s) were SENDING when this node ({}) stopped; they are checked at the marketplace"
                        + " before anything is sent again", reclaimed, settings.nodeId());
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot read MB_CLAIM_ACTION: " + e.getMessage(), e);
        }
        registry.bind("claimActionDispatch", new io.marketbridge.claim.action.ClaimActionDispatch(store, shipmentStore,
                couriers, accounts, settings, clock));
        registry.bind("claimActionInbox", new io.marketbridge.claim.action.ClaimActionInbox(dataSource, settings, clock));
    }

    /**
     * Stock sync: the SKU mapping learned from every delivered order (and imported on demand), the stock job, the
     * stock and listing inboxes, and the counts behind the "stock" health check.
     */
    private void bindStock(PropertiesComponent props, Registry registry, javax.sql.DataSource dataSource,
                           OrderIntake orderIntake, Clock clock) {
        io.marketbridge.stock.StockSettings settings =
                io.marketbridge.stock.StockSettings.from(k -> props.resolveProperty(k).orElse(null));
        io.marketbridge.stock.ListingStore listings = new io.marketbridge.stock.ListingStore(dataSource);
        orderIntake.learnListingsWith(new io.marketbridge.stock.ListingLearner(listings, accounts, clock));
        // the on-demand import of the marketplaces' item reads (POST /observe/accounts/<id>/listings/import)
        registry.bind("listingImports", new io.marketbridge.stock.ListingImports(listings, accounts, clock));
        io.marketbridge.stock.StockStore store = new io.marketbridge.stock.StockStore(dataSource, settings);
        try {
            int reclaimed = store.reclaimOwn();
            if (reclaimed > 0) {
                LOG.warn("{} stock push(es) were SENDING when this node ({}) stopped; they are pushed again with the"
                        + " figure of now", reclaimed, settings.rows().nodeId());
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot read MB_STOCK_PUSH: " + e.getMessage(), e);
        }
        registry.bind("stockDispatch", new io.marketbridge.stock.StockDispatch(store, accounts, settings, clock));
        registry.bind("stockInbox", new io.marketbridge.stock.StockInbox(dataSource, settings, clock));
        registry.bind("listingInbox", new io.marketbridge.stock.ListingInbox(dataSource, settings, accounts, clock));
        io.marketbridge.stock.StockCounts counts = new io.marketbridge.stock.StockCounts(store);
        registry.bind("stockCounts", counts);
        this.stockHealth = new StockHealthCheck(counts);
    }

    /** The start-up summary's address of health and metrics: the one actually bound (Camel's own says 0.0.0.0). */
    @Override
    public void afterStart(BaseMainSupport main) {
        String address = ManagementAddress.bound(main.getCamelContext());
        if (address != null) {
            LOG.info("Health on {}/observe/health, metrics on {}/observe/metrics", address, address);
        }
    }

    /** Stops the H2 server and closes the pool (and so the database); safe to call twice. */
    public synchronized void closeDatabase() {
        if (h2Server != null) {
            h2Server.close();
            h2Server = null;
        }
        if (jobStorePool != null) {
            jobStorePool.close(); // a no-op when Quartz closed it as its scheduler stopped
            jobStorePool = null;
        }
        if (dataSource != null) {
            dataSource.close(); // a no-op when the context closed the bean already, after its routes
            dataSource = null;
            LOG.info("Database closed");
        }
    }

    private static Duration duration(PropertiesComponent props, String key, String defaultValue) {
        String value = prop(props, key, defaultValue);
        try {
            Duration d = Duration.parse(value);
            if (d.isNegative()) {
                throw new IllegalArgumentException(key + " = " + value + ": must not be negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " = " + value + ": not an ISO-8601 duration such as PT60S", e);
        }
    }

    private static String prop(PropertiesComponent props, String key, String defaultValue) {
        return props.resolveProperty(key).map(String::trim).filter(s -> !s.isEmpty()).orElse(defaultValue);
    }
}
