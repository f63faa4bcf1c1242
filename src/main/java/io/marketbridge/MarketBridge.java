package io.marketbridge;

import io.marketbridge.app.RuntimeSetup;
import io.marketbridge.db.H2Server;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.SimulatorSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.main.Main;

/**
 * Entry point.
 *
 * <pre>
 *   java -jar market-bridge.jar [--config FILE]...            run the integration (camel-main)
 *   java -jar market-bridge.jar simulate [--config FILE]...   serve the marketplace simulators until stopped
 * </pre>
 *
 * application.properties in the working directory (or the copy inside the jar) is the base; each --config
 * file is layered on top, later files winning; environment variables override any key, as Camel's
 * properties component does (marketbridge.sink.file.dir -> MARKETBRIDGE_SINK_FILE_DIR).
 */
public final class MarketBridge {

    private static final String ROUTES_PATTERN = "camel.main.routes-include-pattern";
    private static final String DEFAULT_ROUTES = "file:routes/*.camel.yaml";

    private MarketBridge() {
    }

    public static void main(String[] args) throws Exception {
        boolean simulate = false;
        List<String> locations = new ArrayList<>();
        locations.add(Files.exists(Path.of("application.properties")) ? "file:application.properties" : "classpath:application.properties");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("simulate")) {
                simulate = true;
            } else if (arg.equals("--config") && i + 1 < args.length) {
                Path file = Path.of(args[++i]);
                if (!Files.isReadable(file)) {
                    System.err.println("--config " + file + ": file not found or not readable");
                    System.exit(2);
                }
                locations.add("file:" + file);
            } else if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println("usage: java -jar market-bridge.jar [simulate] [--config FILE]...");
                return;
            } else {
                System.err.println("Unknown argument '" + arg + "'. usage: java -jar market-bridge.jar [simulate] [--config FILE]...");
                System.exit(2);
            }
        }
        if (simulate) {
            simulate(locations);
            return;
        }
        Main main = new Main();
        // Camel's properties component lets the first location win, so the last --config goes first
        List<String> precedence = new ArrayList<>(locations);
        java.util.Collections.reverse(precedence);
        main.setPropertyPlaceholderLocations(String.join(",", precedence));
        Properties layered = load(locations);
        if (DEFAULT_ROUTES.equals(layered.getProperty(ROUTES_PATTERN, "").trim()) && !Files.isDirectory(Path.of("routes"))) {
            // started outside a checkout: use the route files packaged in the jar
            main.addOverrideProperty(ROUTES_PATTERN, "classpath:routes/*.camel.yaml");
        }
        // H2 reads the address its server binds to once, when it loads: set it before anything touches H2
        System.setProperty(H2Server.BIND_ADDRESS_PROPERTY, setting(layered, RuntimeSetup.H2_BIND_ADDRESS, "127.0.0.1"));
        RuntimeSetup setup = new RuntimeSetup();
        main.addMainListener(setup);
        int exitCode;
        try {
            main.run();
            exitCode = main.getExitCode();
        } catch (Exception e) {
            System.err.println("Market Bridge could not start: " + e.getMessage());
            setup.closeDatabase();
            exitCode = 1;
        }
        // the simulators' HTTP threads must not keep a failed or stopped runtime alive
        System.exit(exitCode);
    }

    /** Serves the simulators alone, so other tools (or a runtime on another machine) can use them. */
    private static void simulate(List<String> locations) throws IOException, InterruptedException {
        Properties props = load(locations);
        SimulatorServer server = new SimulatorServer(SimulatorSettings.from(key -> {
            String env = System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'));
            return env != null ? env : props.getProperty(key);
        })).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("Simulators serving on " + server.baseUrl() + " - Ctrl-C stops them");
        stopped.await();
    }

    /** A setting as Camel's properties component resolves it: the environment, then the files. */
    private static String setting(Properties layered, String key, String defaultValue) {
        String env = System.getenv(key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
        String value = env != null ? env : layered.getProperty(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    /** The property files in order, later files winning (placeholders left as written). */
    private static Properties load(List<String> locations) throws IOException {
        Properties props = new Properties();
        for (String location : locations) {
            try (InputStream in = location.startsWith("classpath:")
                    ? MarketBridge.class.getClassLoader().getResourceAsStream(location.substring(10))
                    : Files.newInputStream(Path.of(location.substring(5)))) {
                if (in != null) {
                    try (Reader r = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
                        props.load(r);
                    }
                }
            }
        }
        return props;
    }
}
