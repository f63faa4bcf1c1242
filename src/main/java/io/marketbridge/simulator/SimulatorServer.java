package io.marketbridge.simulator;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every marketplace simulator found on the class path ({@link MarketplaceSimulator.Factory} through
 * {@link ServiceLoader}) on one port (loopback by default), each under its marketplace's real paths (Coupang:
 * /v2/providers/..., Naver: /external/..., ESM: /shipping/... and /item/...). Control endpoints live under
 * /_simulator/&lt;name&gt;/ and answer loopback clients only, wherever the server is bound: they change the
 * simulators' state (cancel orders, inject faults) and need no key.
 */
public class SimulatorServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    /** By name, in the order the service files list them. */
    private final Map<String, MarketplaceSimulator> simulators = new LinkedHashMap<>();

    public SimulatorServer(SimulatorSettings settings) {
        try {
            this.server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 256);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the simulators on " + settings.host() + ":" + settings.port()
                    + " (marketbridge.simulators.port): " + e.getMessage(), e);
        }
        this.executor = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "simulator-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        for (MarketplaceSimulator.Factory factory : ServiceLoader.load(MarketplaceSimulator.Factory.class)) {
            MarketplaceSimulator simulator = factory.create(settings.property());
            if (simulators.putIfAbsent(simulator.name(), simulator) != null) {
                throw new IllegalStateException("Two simulators are named " + simulator.name());
            }
            for (String path : simulator.paths()) {
                server.createContext(path, simulator::handle);
            }
            server.createContext("/_simulator/" + simulator.name() + "/", loopbackOnly(simulator::handleControl));
        }
    }

    public SimulatorServer start() {
        server.start();
        if (!server.getAddress().getAddress().isLoopbackAddress()) {
            LOG.warn("Marketplace simulators bound to {} (marketbridge.simulators.host): their marketplace paths answer"
                    + " other machines too; their control endpoints (/_simulator/...) still answer loopback clients only",
                    server.getAddress().getHostString());
        }
        simulators.values().forEach(MarketplaceSimulator::start);
        LOG.info("Marketplace simulators listening on http://{}:{} ({})", server.getAddress().getHostString(), port(),
                simulators.values().stream().map(s -> s.name() + ": " + s.summary()).collect(Collectors.joining(", ")));
        return this;
    }

    /** A control endpoint that answers 403 to any client not on this machine's loopback. */
    static HttpHandler loopbackOnly(HttpHandler control) {
        return http -> {
            InetAddress client = http.getRemoteAddress().getAddress();
            if (client != null && client.isLoopbackAddress()) {
                control.handle(http);
                return;
            }
            try (http) {
                byte[] body = "{\"message\":\"simulator control endpoints answer loopback clients only\"}"
                        .getBytes(StandardCharsets.UTF_8);
                http.getResponseHeaders().set("Content-Type", "application/json");
                http.sendResponseHeaders(403, body.length);
                try (OutputStream out = http.getResponseBody()) {
                    out.write(body);
                }
            }
        };
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    /** The simulator of that type (tests and benchmarks drive it directly). */
    public <T extends MarketplaceSimulator> T get(Class<T> type) {
        return simulators.values().stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No simulator of type " + type.getSimpleName()));
    }

    /** Every simulator served, by name. */
    public Map<String, MarketplaceSimulator> simulators() {
        return java.util.Collections.unmodifiableMap(simulators);
    }

    @Override
    public void close() {
        simulators.values().forEach(MarketplaceSimulator::stop);
        server.stop(0);
        executor.shutdownNow();
    }
}
