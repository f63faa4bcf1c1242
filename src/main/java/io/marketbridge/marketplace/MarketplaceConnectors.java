package io.marketbridge.marketplace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the marketplaces this runtime serves: every {@link MarketplaceConnector} listed in
 * META-INF/services/io.marketbridge.marketplace.MarketplaceConnector on the class path, in the order listed.
 */
public final class MarketplaceConnectors {

    static final String SERVICE_FILE = "META-INF/services/" + MarketplaceConnector.class.getName();

    private MarketplaceConnectors() {
    }

    /** The connectors on the class path; fails when none is listed or two claim one name. */
    public static List<MarketplaceConnector> discover() {
        List<MarketplaceConnector> found = new ArrayList<>();
        try {
            ServiceLoader.load(MarketplaceConnector.class, MarketplaceConnectors.class.getClassLoader()).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("A marketplace connector listed in " + SERVICE_FILE + " cannot be loaded: "
                    + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("No marketplace connector on the class path (" + SERVICE_FILE + ")");
        }
        return checked(found);
    }

    /**
     * The connectors as given, once no two of them answer to one name: an account's marketplace key (current or
     * former, case ignored) or a courier table column must name one marketplace.
     */
    public static List<MarketplaceConnector> checked(List<MarketplaceConnector> connectors) {
        Map<String, MarketplaceConnector> names = new LinkedHashMap<>();
        Map<String, MarketplaceConnector> columns = new LinkedHashMap<>();
        for (MarketplaceConnector c : connectors) {
            List<String> own = new ArrayList<>();
            own.add(c.key());
            own.addAll(c.formerKeys());
            for (String name : own) {
                claim(names, name, c, "marketplace name");
            }
            List<String> headers = new ArrayList<>();
            headers.add(c.courierColumn());
            headers.addAll(c.formerKeys());
            for (String header : headers.stream().distinct().toList()) {
                claim(columns, header, c, "courier column");
            }
        }
        return List.copyOf(connectors);
    }

    private static void claim(Map<String, MarketplaceConnector> claimed, String name, MarketplaceConnector c, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("The marketplace connector " + c.getClass().getName() + " has an empty " + what);
        }
        MarketplaceConnector before = claimed.putIfAbsent(name.trim().toLowerCase(Locale.ROOT), c);
        if (before != null && before != c) {
            throw new IllegalStateException("Two marketplace connectors claim the " + what + " '" + name + "': "
                    + before.getClass().getName() + " and " + c.getClass().getName() + " (listed in " + SERVICE_FILE
                    + " or added to the class path by a jar); remove one or rename it");
        }
    }
}
