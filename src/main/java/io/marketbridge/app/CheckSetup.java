package io.marketbridge.app;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.http.CallDeadlines;
import io.marketbridge.marketplace.ConnectionCheck;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.marketplace.MarketplaceServices;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.SimulatorSettings;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The {@code check} command's runtime: the configuration as the runtime would start it (the same property files,
 * the same account validation, the simulators when enabled, the HTTP call deadlines) and the route files, of which
 * only the marketplaces' call routes the connection tests go through are kept. No database, no sink, no schedule,
 * no management server: the other routes are dropped before the context starts, so the beans they would call are
 * never looked up.
 */
public class CheckSetup extends MainListenerSupport {

    private AccountRegistry accounts;
    private KeyExpiry keyExpiry;
    private SimulatorServer simulators;
    private CallDeadlines callDeadlines;
    private final Clock clock = Clock.systemUTC();

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        PropertiesComponent props = context.getPropertiesComponent();
        if (Boolean.parseBoolean(props.resolveProperty("marketbridge.simulators.enabled").orElse("false").trim())) {
            simulators = new SimulatorServer(SimulatorSettings.from(k -> props.resolveProperty(k).orElse(null))).start();
        }
        callDeadlines = CallDeadlines.from(k -> props.resolveProperty(k).orElse(null));
        for (String scheme : List.of("http", "https")) {
            HttpComponent http = context.getComponent(scheme, HttpComponent.class);
            http.setHttpClientConfigurer(callDeadlines);
            http.setHttpActivityListener(callDeadlines);
        }
        accounts = new AccountRegistry(RuntimeSetup.connectors());
        accounts.load(props);
        keyExpiry = KeyExpiry.from(accounts, k -> props.resolveProperty(k).orElse(null), clock);
        // the marketplaces' beans without a database: only their call beans are used, which hold none
        MarketplaceServices services = new MarketplaceServices(clock, null, null, null, null, null, null);
        for (MarketplaceConnector connector : accounts.connectors()) {
            connector.bindBeans(services, context.getRegistry());
        }
        // the call routes ask for their cluster-wide rate budget: a check, one call per account, needs none
        context.getRegistry().bind("rateBudget", new io.marketbridge.cluster.RateBudget(null, false, clock));
    }

    @Override
    public void afterConfigure(BaseMainSupport main) {
        Set<String> checkRoutes = accounts.accounts().stream()
                .map(this::connectionCheck).filter(java.util.Objects::nonNull)
                .map(ConnectionCheck::callRoute).collect(Collectors.toSet());
        keepOnly(main.getCamelContext(), checkRoutes);
    }

    private ConnectionCheck connectionCheck(Account account) {
        return accounts.connector(account).connectionCheck(account, clock);
    }

    /** Drops every route definition that none of the given direct endpoints reaches (through direct: calls). */
    static void keepOnly(CamelContext context, Set<String> endpoints) {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        Map<String, RouteDefinition> byInput = model.getRouteDefinitions().stream()
                .filter(r -> r.getInput() != null)
                .collect(Collectors.toMap(r -> endpointName(resolved(r.getInput().getEndpointUri(), r)), r -> r, (a, b) -> a));
        Set<RouteDefinition> kept = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(endpoints);
        while (!todo.isEmpty()) {
            RouteDefinition route = byInput.get(todo.pop());
            if (route == null || !kept.add(route)) {
                continue;
            }
            for (ToDefinition to : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ToDefinition.class)) {
                String uri = resolved(to.getEndpointUri(), route);
                if (uri.startsWith("direct:")) {
                    todo.push(endpointName(uri));
                }
            }
        }
        List<RouteDefinition> dropped = model.getRouteDefinitions().stream().filter(r -> !kept.contains(r)).toList();
        try {
            model.removeRouteDefinitions(dropped);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot leave out the routes the connection check does not use: " + e.getMessage(), e);
        }
    }

    /** "direct://coupang-api?x" and "direct:coupang-api" name the same endpoint: coupang-api. */
    private static String endpointName(String uri) {
        String name = uri.replaceFirst("^direct:(//)?", "");
        int query = name.indexOf('?');
        return query < 0 ? name : name.substring(0, query);
    }

    /** A route made from a template names its endpoints with the template's {{parameters}}. */
    private static String resolved(String uri, RouteDefinition route) {
        Map<String, Object> parameters = route.getTemplateParameters();
        if (uri == null || parameters == null || !uri.contains("{{")) {
            return uri == null ? "" : uri;
        }
        for (Map.Entry<String, Object> p : parameters.entrySet()) {
            uri = uri.replace("{{" + p.getKey() + "}}", String.valueOf(p.getValue()));
        }
        return uri;
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        close();
    }

    /** Stops the simulators and the call deadlines' timer; the check command calls it after stopping its context. */
    public synchronized void close() {
        if (simulators != null) {
            simulators.close();
            simulators = null;
        }
        if (callDeadlines != null) {
            callDeadlines.close();
            callDeadlines = null;
        }
    }

    /** The connection test of this configuration's accounts, once the context has started. */
    public AccountCheck accountCheck(CamelContext context) {
        return new AccountCheck(context, accounts, keyExpiry, clock);
    }
}
