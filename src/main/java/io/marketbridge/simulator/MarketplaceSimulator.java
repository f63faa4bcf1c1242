package io.marketbridge.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;

/**
 * One marketplace's simulator, served by {@link SimulatorServer} under its marketplace's real paths. The server
 * finds the simulators through {@link java.util.ServiceLoader} ({@link Factory} entries in
 * META-INF/services/io.marketbridge.simulator.MarketplaceSimulator$Factory), so adding a marketplace's
 * simulator touches no central file. A simulator never imports connector code (marketplace..): its checks
 * of signatures and tokens are written from the marketplace's documentation on their own.
 */
public interface MarketplaceSimulator {

    /** The marketplace's one name (coupang, naver, elevenst, esm): control endpoint /_simulator/&lt;name&gt;/. */
    String name();

    /** Path prefixes of the marketplace's API this simulator answers (/v2/providers/, /external/, ...). */
    List<String> paths();

    /** Answers one call to the marketplace's API. */
    void handle(HttpExchange http) throws IOException;

    /** Answers one call to its control endpoint (loopback clients only; the server checks that). */
    void handleControl(HttpExchange http) throws IOException;

    /** Starts background work (order arrivals); called once the server listens. */
    default void start() {
    }

    default void stop() {
    }

    /** What it holds, for the start log line: "2 vendor(s)". */
    String summary();

    /** Creates a marketplace's simulator from the marketbridge.simulators.&lt;name&gt;.* properties. */
    interface Factory {

        String name();

        MarketplaceSimulator create(Function<String, String> property);
    }
}
