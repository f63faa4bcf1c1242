package io.marketbridge.app;

import io.marketbridge.claim.ClaimHolds;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.intake.PollReport;
import io.marketbridge.operations.OperationsGuard;
import io.marketbridge.operations.OperationsJson;
import io.marketbridge.operations.OperationsPage;
import io.marketbridge.operations.OperationsViews;
import io.marketbridge.schedule.AccountControl;
import io.marketbridge.schedule.AccountPauses;
import io.marketbridge.schedule.AccountScheduler;
import io.marketbridge.schedule.PollSlots;
import java.time.Clock;
import java.time.ZoneId;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The beans of the per-account control and the operations page (routes/operations.camel.yaml), their routes on the
 * management port, and the configuration reload on SIGHUP.
 */
final class OperationsSetup {

    private static final Logger LOG = LoggerFactory.getLogger(OperationsSetup.class);
    static final String RELOAD_ENDPOINT = "direct:reload-configuration";

    private OperationsSetup() {
    }

    /** Before the routes are built: platform-http routes go to the management server. */
    static void beforeConfigure(CamelContext context) {
        context.getComponent("platform-http", PlatformHttpComponent.class).setEngine(new ManagementPortEngine());
    }

    /** After the account scheduler is installed (the stored pauses apply after its triggers exist). */
    static void install(CamelContext context, AccountScheduler scheduler, String managementToken, PollReport pollReport,
                        PollSlots pollSlots, Clock clock) {
        Registry registry = context.getRegistry();
        DataSource dataSource = registry.lookupByNameAndType("dataSource", DataSource.class);
        AccountRegistry accounts = registry.lookupByNameAndType("accountRegistry", AccountRegistry.class);
        AccountControl control = new AccountControl(accounts, scheduler, new AccountPauses(dataSource, clock), pollReport,
                pollSlots, dataSource, clock);
        control.install(context);
        // authenticated requests may name any host; unauthenticated ones (loopback) must name loopback
        OperationsGuard guard = new OperationsGuard(managementToken != null
                || ManagementAccess.camelAuthentication(context.getPropertiesComponent()));
        OperationsViews views = new OperationsViews(dataSource, clock);
        registry.bind("accountControl", control);
        registry.bind("operationsGuard", guard);
        registry.bind("operationsViews", views);
        registry.bind("operationsJson", new OperationsJson());
        registry.bind("operationsPage", new OperationsPage(control, views, registry.lookupByNameAndType("claimHolds",
                ClaimHolds.class), pollReport, guard, clock, ZoneId.systemDefault(),
                registry.lookupByNameAndType("keyExpiry", KeyExpiry.class)));
        onHangup(context);
    }

    /**
     * SIGHUP reloads the configuration, as daemons do (kill -HUP &lt;pid&gt;, systemctl reload). sun.misc.Signal is
     * the JDK's only way to catch a signal; where it is missing or HUP is not a signal (Windows), the runtime runs
     * without it and says so. Without this handler the JVM would stop on SIGHUP.
     */
    private static void onHangup(CamelContext context) {
        try {
            org.apache.camel.ProducerTemplate producer = context.createProducerTemplate();
            sun.misc.SignalHandler before = sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> {
                LOG.info("SIGHUP: reloading the configuration");
                producer.asyncSend(RELOAD_ENDPOINT, exchange -> { });
            });
            if (before == sun.misc.SignalHandler.SIG_IGN) {
                // started with SIGHUP ignored (nohup, some service managers): the JVM keeps it ignored
                LOG.warn("SIGHUP is ignored in this process (started under nohup?): reload the configuration with"
                        + " POST /observe/reload");
            }
        } catch (IllegalArgumentException | LinkageError e) {
            LOG.info("SIGHUP is not available here ({}); reload the configuration with POST /observe/reload", e.getMessage());
        }
    }
}
