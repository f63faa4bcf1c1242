package io.marketbridge.app;

import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Where /observe/health and /observe/metrics are served. Camel's management server only logs a port it could not
 * bind (on a Vert.x thread) and carries on without health or metrics, and its start-up summary always says
 * 0.0.0.0; so the port is tried before anything starts, the bind is checked once the context runs, and the
 * summary line names the address actually bound.
 */
final class ManagementAddress {

    static final String HOST_KEY = "camel.management.host";
    static final String PORT_KEY = "camel.management.port";

    private ManagementAddress() {
    }

    /** Refuses the start, naming the port and the property, when the management port is taken. */
    static void requireFree(PropertiesComponent props) {
        if (!Boolean.parseBoolean(props.resolveProperty("camel.management.enabled").orElse("false").trim())) {
            return;
        }
        String host = host(props);
        int port = Integer.parseInt(props.resolveProperty(PORT_KEY).map(String::trim).orElse("8080"));
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as the Vert.x server binds: a port in TIME_WAIT is free
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException(taken(host, port, e.getMessage()));
        }
    }

    /**
     * The address the management server listens on (http://127.0.0.1:8080), once the context has started; fails
     * when it does not listen (the port was taken between the check above and the bind).
     */
    static String bound(CamelContext context) {
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        if (management == null) {
            return null;
        }
        VertxPlatformHttpRouter router = management.getRouter();
        VertxPlatformHttpServer server = router == null ? null : router.getServer();
        HttpServer http = server == null ? null : server.getServer();
        int port = http == null ? 0 : http.actualPort();
        if (port <= 0) {
            throw new IllegalStateException(taken(management.getHost(), management.getPort(), "not listening"));
        }
        String host = management.getHost();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String host(PropertiesComponent props) {
        // Camel's own default host is 0.0.0.0
        return props.resolveProperty(HOST_KEY).map(String::trim).filter(s -> !s.isEmpty()).orElse("0.0.0.0");
    }

    private static String taken(String host, int port, String reason) {
        return "the management port " + host + ":" + port + " is not available (" + reason + "): stop what uses it, or set "
                + PORT_KEY + " (environment CAMEL_MANAGEMENT_PORT) to a free port";
    }
}
