package io.marketbridge;

import io.marketbridge.app.AccountCheck;
import io.marketbridge.app.CheckSetup;
import io.marketbridge.app.CheckTable;
import io.marketbridge.app.LogMaskingSetup;
import io.marketbridge.app.RouteFileValidator;
import io.marketbridge.app.RuntimeSetup;
import io.marketbridge.db.H2Server;
import io.marketbridge.logging.LogMasking;
import io.marketbridge.simulator.SimulatorServer;
import io.marketbridge.simulator.SimulatorSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListener;

/**
 * Entry point.
 *
 * <pre>
 *   java -jar market-bridge.jar [--config FILE]...            run the integration (camel-main)
 *   java -jar market-bridge.jar simulate [--config FILE]...   serve the marketplace simulators until stopped
 *   java -jar market-bridge.jar check [--config FILE]... [ACCOUNT]...   test each account's connection
 *   java -jar market-bridge.jar --help | --version
 * </pre>
 *
 * application.properties in the working directory (or the copy inside the jar) is the base; each --config
 * file is layered on top, later files winning; environment variables override any key, as Camel's
 * properties component does (marketbridge.sink.file.dir -> MARKETBRIDGE_SINK_FILE_DIR). Every file is read as
 * UTF-8.
 */
public final class MarketBridge {

    private static final String ROUTES_PATTERN = "camel.main.routes-include-pattern";
    private static final String DEFAULT_ROUTES = "file:routes/*.camel.yaml";

    /** The zone of the log's time stamps (and of every other local time the runtime writes), default Asia/Seoul. */
    public static final String ZONE = "marketbridge.zone";
    static final String LOG_OUTPUT = "marketbridge.log.output";
    static final String LOG_FORMAT = "marketbridge.log.format";
    static final String LOG_DIR = "marketbridge.log.dir";

    private MarketBridge() {
    }

    public static void main(String[] args) {
        int exitCode = Cli.execute(args);
        if (exitCode != SIMULATORS_STOPPED) {
            // the simulators' HTTP threads must not keep a failed or stopped runtime alive
            System.exit(exitCode);
        }
    }

    /**
     * Before a command logs its first line: logback gets the configuration's zone, output and format (it reads them
     * once, when it starts), then the masking of secrets and buyers' contact details, whatever logback file is in
     * use. False after saying which setting is wrong.
     */
    private static boolean startLogging(List<String> locations) {
        if (!logSettings(locations)) {
            return false;
        }
        LogMasking.install();
        return true;
    }

    /** Runs the integration until it is stopped; the exit code. */
    static int run(List<String> locations) {
        if (!startLogging(locations)) {
            return 2;
        }
        RuntimeSetup setup = new RuntimeSetup();
        Main main = null;
        try {
            main = runtime(locations, setup);
            main.run();
            return main.getExitCode();
        } catch (Exception e) {
            // a route file that is not well-formed YAML: Camel names the file, the parser knows the line
            System.err.println("Market Bridge could not start: " + e.getMessage()
                    + RouteFileValidator.yamlProblem(e).map(p -> ": not well-formed YAML at " + p).orElse(""));
            setup.closeDatabase();
            CamelContext context = main == null ? null : main.getCamelContext();
            if (main != null && (context == null || !context.isStarted())) {
                // nothing runs that Camel's shutdown hook would stop: marked done, the hook stays silent instead of
                // blaming a SIGTERM nobody sent
                main.completed();
            }
            return 1;
        }
    }

    /** Serves the simulators until the JVM is stopped (then its shutdown hooks end it, not an exit code). */
    static int simulate(List<String> locations) {
        if (!startLogging(locations)) {
            return 2;
        }
        try {
            simulators(locations);
            return SIMULATORS_STOPPED;
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("The simulators could not start: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SIMULATORS_STOPPED;
        }
    }

    /**
     * The connection test of the accounts (all enabled ones when none is named): one row each; 0 when every one is
     * OK, 1 otherwise (also when there is none to test).
     */
    static int check(List<String> locations, List<String> accountIds) {
        if (!startLogging(locations)) {
            return 2;
        }
        quietLogs();
        CheckSetup setup = new CheckSetup();
        Main main = null;
        try {
            main = checkRuntime(locations, setup);
            main.start();
            List<AccountCheck.Result> results = setup.accountCheck(main.getCamelContext()).check(accountIds);
            System.out.print(CheckTable.of(results));
            if (results.isEmpty()) {
                System.out.println("No enabled account to check: name one, or enable one (marketbridge.account.<id>.enabled).");
                return 1;
            }
            return results.stream().allMatch(AccountCheck.Result::ok) ? 0 : 1;
        } catch (Exception e) {
            System.err.println("The check could not start: " + e.getMessage());
            return 1;
        } finally {
            if (main != null) {
                main.stop();
            }
            setup.close();
        }
    }

    /** Set by simulate(): the JVM stays up until stopped, so main() must not exit. */
    private static final int SIMULATORS_STOPPED = -1;

    /** The check prints a table: the runtime's INFO lines would bury it (warnings and errors still show). */
    private static void quietLogs() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "io.marketbridge", "org.apache.camel")) {
                logback.getLogger(name).setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    /** The property file main() starts from: application.properties of the working directory, else the jar's. */
    public static String baseLocation() {
        return Files.exists(Path.of("application.properties")) ? "file:application.properties" : "classpath:application.properties";
    }

    /**
     * The runtime main() runs, on the layered property files (file:... or classpath:..., later files winning),
     * not started yet. The files are read as UTF-8 (backslash-u escapes still work); one that is not UTF-8 is
     * refused with a message naming it.
     */
    public static Main runtime(List<String> locations) throws IOException {
        return runtime(locations, new RuntimeSetup());
    }

    private static Main runtime(List<String> locations, MainListener setup) throws IOException {
        Properties layered = load(locations);
        // H2 reads the address its server binds to once, when it loads: set it before anything touches H2
        System.setProperty(H2Server.BIND_ADDRESS_PROPERTY, setting(layered, RuntimeSetup.H2_BIND_ADDRESS, "127.0.0.1"));
        Main main = new Main() {
            @Override
            protected CamelContext createCamelContext() {
                CamelContext context = super.createCamelContext();
                // Camel reads properties files as ISO-8859-1 unless told otherwise: Korean and Japanese values
                // (셀러, 出荷) would arrive as mojibake
                context.getPropertiesComponent().setEncoding(StandardCharsets.UTF_8.name());
                return context;
            }
        };
        // Camel's properties component lets the first location win, so the last --config goes first
        List<String> precedence = new ArrayList<>(locations);
        java.util.Collections.reverse(precedence);
        main.setPropertyPlaceholderLocations(String.join(",", precedence));
        if (DEFAULT_ROUTES.equals(layered.getProperty(ROUTES_PATTERN, "").trim()) && !Files.isDirectory(Path.of("routes"))) {
            // started outside a checkout: use the route files packaged in the jar
            main.addOverrideProperty(ROUTES_PATTERN, "classpath:routes/*.camel.yaml");
        }
        camelKeysFromEnvironment(layered, System.getenv()).forEach(main::addOverrideProperty);
        main.addMainListener(new LogMaskingSetup());
        main.addMainListener(setup);
        return main;
    }

    /**
     * The check command's runtime: the same files and route files, no management server (a running node may hold its
     * port), no start-up summary.
     */
    static Main checkRuntime(List<String> locations, CheckSetup setup) throws IOException {
        Main main = runtime(locations, setup);
        main.addOverrideProperty("camel.management.enabled", "false");
        main.addOverrideProperty("camel.main.startup-summary-level", "Off");
        main.addOverrideProperty("camel.main.shutdown-timeout", "5");
        return main;
    }

    /** Serves the simulators alone, so other tools (or a runtime on another machine) can use them. */
    private static void simulators(List<String> locations) throws IOException, InterruptedException {
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

    /**
     * The camel.* keys of the property files that the environment sets (camel.management.port from
     * CAMEL_MANAGEMENT_PORT): Camel main maps CAMEL_* variables itself, but skips every name ending in _PORT (it
     * takes them for Kubernetes service variables), so CAMEL_MANAGEMENT_PORT was ignored. The variable's name is
     * the key in upper case with every run of characters other than letters and digits as one '_'.
     */
    static Map<String, String> camelKeysFromEnvironment(Properties layered, Map<String, String> env) {
        Map<String, String> overrides = new TreeMap<>();
        for (String key : layered.stringPropertyNames()) {
            if (key.startsWith("camel.")) {
                String value = env.get(environmentName(key));
                if (value != null) {
                    overrides.put(key, value);
                }
            }
        }
        return overrides;
    }

    /** camel.management.port -> CAMEL_MANAGEMENT_PORT; camel.component.quartz.properties[a.b] -> CAMEL_COMPONENT_QUARTZ_PROPERTIES_A_B */
    static String environmentName(String key) {
        String name = key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return name.replaceAll("^_+|_+$", "");
    }

    /**
     * Hands logback the log settings of the configuration (a -D option, the environment, then the files) as system
     * properties, which its logback.xml reads: {@value #ZONE}, marketbridge.log.output (console | file),
     * marketbridge.log.format (text | json) and marketbridge.log.dir. False after saying why one is wrong.
     */
    private static boolean logSettings(List<String> locations) {
        Properties layered;
        try {
            layered = load(locations);
        } catch (IOException e) {
            System.err.println("Market Bridge could not start: " + e.getMessage());
            return false;
        }
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (String[] keyAndDefault : new String[][] {{ZONE, "Asia/Seoul"}, {LOG_OUTPUT, "console"}, {LOG_FORMAT, "text"},
                {LOG_DIR, "./logs"}}) {
            String key = keyAndDefault[0];
            settings.put(key, System.getProperty(key) != null ? System.getProperty(key).trim() : setting(layered, key, keyAndDefault[1]));
        }
        try {
            settings.put(ZONE, ZoneId.of(settings.get(ZONE)).getId());
        } catch (java.time.DateTimeException e) {
            System.err.println(ZONE + " = " + settings.get(ZONE) + ": not a time zone id such as Asia/Seoul or UTC");
            return false;
        }
        if (!List.of("console", "file").contains(settings.get(LOG_OUTPUT))) {
            System.err.println(LOG_OUTPUT + " = " + settings.get(LOG_OUTPUT) + ": console or file");
            return false;
        }
        if (!List.of("text", "json").contains(settings.get(LOG_FORMAT))) {
            System.err.println(LOG_FORMAT + " = " + settings.get(LOG_FORMAT) + ": text or json");
            return false;
        }
        settings.forEach(System::setProperty);
        return true;
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
                    props.load(new StringReader(utf8(location, in.readAllBytes())));
                }
            }
        }
        return props;
    }

    /** The file's text; refuses bytes that are not UTF-8 (an MS949 or Latin-1 file) instead of garbling them. */
    static String utf8(String location, byte[] bytes) throws IOException {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            // Camel's reader would make the BOM part of the first key
            throw new IOException(location + " starts with a byte order mark (BOM): save it as UTF-8 without BOM");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        if (decoder.decode(in, out, true).isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new IOException(location + " is not UTF-8 (line " + line + "): save it as UTF-8 (MS949 and"
                    + " ISO-8859-1 files are not read), or write those characters as \\uXXXX escapes");
        }
        decoder.flush(out);
        return out.flip().toString();
    }
}
