package io.marketbridge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line: no command runs the integration (the embedded default with no options), {@code simulate}
 * serves the simulators, {@code check} tests each account's connection; {@code --help} and {@code --version}. A
 * wrong argument prints the help and exits 2.
 */
@Command(name = "java -jar market-bridge.jar", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Connects marketplaces (Coupang, Naver SmartStore, 11st, Gmarket and Auction through ESM) to an"
                + " ERP. With no command: runs the integration (polls, sinks, shipments, /observe/health) until stopped."},
        subcommands = {Cli.Simulate.class, Cli.Check.class},
        footer = {"", "application.properties of the working directory (else the jar's) is the base; each --config file is"
                + " layered on top, later files winning; environment variables override any key"
                + " (marketbridge.sink.file.dir -> MARKETBRIDGE_SINK_FILE_DIR). docs/configuration.md lists every key.",
                "", "Exit codes: 0 done (check: every account OK), 1 failed (check: an account not OK), 2 wrong arguments."})
final class Cli implements Callable<Integer> {

    /** The --config option every command takes. */
    static final class ConfigFiles {

        @Option(names = "--config", paramLabel = "FILE",
                description = "A properties file layered on application.properties (repeatable; later files win).")
        List<Path> files = new ArrayList<>();

        /**
         * The property locations, base first, then the files given before the command (--config a.properties check),
         * then those after it; a file that cannot be read is a wrong argument.
         */
        List<String> locations(CommandLine cmd, ConfigFiles beforeTheCommand) {
            List<Path> all = new ArrayList<>(beforeTheCommand == null ? List.of() : beforeTheCommand.files);
            all.addAll(files);
            List<String> locations = new ArrayList<>();
            locations.add(MarketBridge.baseLocation());
            for (Path file : all) {
                if (!Files.isReadable(file)) {
                    throw new CommandLine.ParameterException(cmd, "--config " + file + ": file not found or not readable");
                }
                locations.add("file:" + file);
            }
            return locations;
        }
    }

    @Mixin
    ConfigFiles config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return MarketBridge.run(config.locations(spec.commandLine(), null));
    }

    @Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = "Serve the marketplace simulators alone until stopped (for other tools, or a runtime elsewhere).")
    static final class Simulate implements Callable<Integer> {

        @Mixin
        ConfigFiles config;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        Cli parent;

        @Override
        public Integer call() {
            return MarketBridge.simulate(config.locations(spec.commandLine(), parent.config));
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
            description = {"Test each account's connection; exit 0 when every one is OK, else 1.",
                    "Each account gets its marketplace's cheapest authenticated call (Coupang: a one-day order sheet list;"
                    + " Naver: a token; 11st: a one-minute order list; ESM: one order query), against the configuration as"
                    + " the runtime would start it. Nothing is scheduled, written or stored. One row per account: OK,"
                    + " CONFIGURATION, TRANSIENT or REJECTED, the days until its API key expires, and the answer."})
    static final class Check implements Callable<Integer> {

        @Mixin
        ConfigFiles config;

        @Parameters(paramLabel = "ACCOUNT", arity = "0..*",
                description = "Account ids to test, disabled ones too (default: every enabled account).")
        List<String> accounts = new ArrayList<>();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.ParentCommand
        Cli parent;

        @Override
        public Integer call() {
            return MarketBridge.check(config.locations(spec.commandLine(), parent.config), accounts);
        }
    }

    /** The version of the jar (its manifest), or of the build when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            return new String[] {"Market Bridge " + version()};
        }
    }

    static String version() {
        String version = Cli.class.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        // from classes (an IDE, mvn exec): the manifest of no jar; Maven's pom.properties when packaged otherwise
        try (InputStream in = Cli.class.getResourceAsStream("/META-INF/maven/io.marketbridge/market-bridge/pom.properties")) {
            if (in != null) {
                java.util.Properties pom = new java.util.Properties();
                pom.load(in);
                return pom.getProperty("version", "unknown");
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "unknown (not run from the packaged jar)";
    }

    /** Runs the command line; returns the exit code. */
    static int execute(String[] args) {
        CommandLine cmd = new CommandLine(new Cli());
        // a wrong argument: the message, then the help of the command it was given to
        cmd.setParameterExceptionHandler((e, given) -> {
            CommandLine where = e.getCommandLine();
            where.getErr().println(e.getMessage());
            where.usage(where.getErr());
            return CommandLine.ExitCode.USAGE;
        });
        return cmd.execute(args);
    }

}
