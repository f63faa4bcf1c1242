package io.marketbridge.simulator;

import io.marketbridge.simulator.elevenst.ElevenstSimulator;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.marketbridge.simulator.coupang.CoupangSimulator;
import io.marketbridge.simulator.esm.EsmSimulator;
import io.marketbridge.simulator.naver.NaverSimulator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every built-in marketplace simulator on one port (loopback by default), each under its marketplace's real
 * paths (Coupang: /v2/providers/..., Naver: /external/..., ESM: /shipping/... and /item/...). Control endpoints live under
 * /_simulator/&lt;marketplace&gt;/ and answer loopback clients only, wherever the server is bound: they change the
 * simulators' state (cancel orders, inject faults) and need no key.
 */
public class SimulatorServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final CoupangSimulator coupang;
    private final NaverSimulator naver;
    private final ElevenstSimulator elevenst;
    private final EsmSimulator esm;

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
        this.coupang = new CoupangSimulator(settings.coupang());
        server.createContext("/v2/providers/", coupang::handle);
        server.createContext("/_simulator/coupang/", loopbackOnly(coupang::handleControl));
        this.naver = new NaverSimulator(settings.naver());
        server.createContext("/external/", naver::handle);
        server.createContext("/_simulator/naver/", loopbackOnly(naver::handleControl));
        this.elevenst = new ElevenstSimulator(settings.elevenst());
        server.createContext("/rest/", elevenst::handle);
        server.createContext("/_simulator/11st/", loopbackOnly(elevenst::handleControl));
        this.esm = new EsmSimulator(settings.esm());
        server.createContext("/shipping/", esm::handle);
        server.createContext("/item/", esm::handle);
        server.createContext("/_simulator/esm/", loopbackOnly(esm::handleControl));
    }

    public SimulatorServer start() {
        server.start();
        if (!server.getAddress().getAddress().isLoopbackAddress()) {
            LOG.warn("Marketplace simulators bound to {} (marketbridge.simulators.host): their marketplace paths answer"
                    + " other machines too; their control endpoints (/_simulator/...) still answer loopback clients only",
                    server.getAddress().getHostString());
        }
        coupang.start();
        naver.start();
        elevenst.start();
        esm.start();
        LOG.info("Marketplace simulators listening on http://{}:{} (coupang: {} vendor(s), naver: {} seller(s),"
                + " 11st: {} seller(s), esm: {} site seller(s))", server.getAddress().getHostString(), port(),
                coupang.vendorCount(), naver.sellerCount(), elevenst.sellerCount(), esm.sellerCount());
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

    public CoupangSimulator coupang() {
        return coupang;
    }

    public NaverSimulator naver() {
        return naver;
    }

    public ElevenstSimulator elevenst() {
        return elevenst;
    }

    public EsmSimulator esm() {
        return esm;
    }

    @Override
    public void close() {
        coupang.stop();
        naver.stop();
        elevenst.stop();
        esm.stop();
        server.stop(0);
        executor.shutdownNow();
    }
}
