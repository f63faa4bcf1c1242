package io.marketbridge.app;

import io.marketbridge.marketplace.MarketplaceConnector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;

/**
 * At start, once the route files are loaded: every marketplace connector's orders and ship route must be the
 * input of some route, or its accounts' polls would fail one by one at each fire with "no consumers".
 */
final class ConnectorRoutes {

    private ConnectorRoutes() {
    }

    static void require(CamelContext context, Collection<MarketplaceConnector> connectors) {
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        if (model == null) {
            return;
        }
        Set<String> inputs = model.getRouteDefinitions().stream()
                .filter(route -> route.getInput() != null)
                .map(route -> withTemplateParameters(route.getInput().getEndpointUri(), route).replace("direct://", "direct:"))
                .collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (MarketplaceConnector connector : connectors) {
            for (String route : new String[] {connector.ordersRoute(), connector.shipRoute(), connector.claimsRoute(),
                    connector.claimActionsRoute(), connector.listingsRoute()}) {
                if (route != null && !inputs.contains("direct:" + route)) {
                    missing.add("direct:" + route + " (the " + connector.key() + " connector's; expected in routes/"
                            + connector.key() + ".camel.yaml)");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No route file starts " + String.join(", ", missing));
        }
    }

    /** A route made from a template (templatedRoute) names its input with the template's {{parameters}}. */
    private static String withTemplateParameters(String uri, RouteDefinition route) {
        java.util.Map<String, Object> parameters = route.getTemplateParameters();
        if (parameters == null || !uri.contains("{{")) {
            return uri;
        }
        for (java.util.Map.Entry<String, Object> p : parameters.entrySet()) {
            uri = uri.replace("{{" + p.getKey() + "}}", String.valueOf(p.getValue()));
        }
        return uri;
    }
}
