package io.marketbridge.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The packaged runtime (target/market-bridge.jar) as a separate JVM, for tests that kill it with SIGKILL. */
public final class PackagedRuntime {

    private PackagedRuntime() {
    }

    /** Starts java -jar target/market-bridge.jar --config config in workDir, appending its output to log. */
    public static Process start(Path workDir, Path config, Path log) throws IOException {
        return start(workDir, config, log, List.of());
    }

    /** As {@link #start(Path, Path, Path)}, with JVM options such as -Dlogback.configurationFile=... */
    public static Process start(Path workDir, Path config, Path log, List<String> jvmOptions) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String jar = Path.of(System.getProperty("user.dir"), "target", "market-bridge.jar").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar, "--config", config.toString()));
        return new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** How many runtime starts have opened the database so far (a line each in the shared log). */
    public static int databaseOpenedCount(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return (int) lines.filter(l -> l.contains("Database schema is up to date")).count();
        }
    }

    /** Keeps the log of the last run under target/ for a person to read. */
    public static void keepLog(Path log, String name) throws IOException {
        Files.copy(log, Path.of(System.getProperty("user.dir"), "target", name),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
