package io.marketbridge.app;

import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;

/**
 * Serves the runtime's platform-http routes (routes/operations.camel.yaml) on the management server
 * (camel.management.*), beside /observe/health and /observe/metrics and behind the same token, whether or not a
 * main HTTP server (camel.server.*) is enabled too. Camel's own engine would pick the main server when there is one.
 */
final class ManagementPortEngine extends VertxPlatformHttpEngine {

    @Override
    public int getServerPort() {
        ManagementHttpServer management = getCamelContext().hasService(ManagementHttpServer.class);
        // the management server's router is registered under its configured port (0 included)
        return management != null ? management.getPort() : super.getServerPort();
    }
}
