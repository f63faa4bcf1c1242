package io.marketbridge.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.reflect.Proxy;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

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

    /** The line a runtime logs once it holds its H2 database and serves it (then the URL). */
    static final String SERVED = "H2 database served on ";

    /**
     * How many runtime starts have opened the database and serve it so far (a line each in the shared log): from
     * then on, a test reads the database through that runtime's H2 server.
     */
    public static int databaseOpenedCount(Path log) throws IOException {
        return servedLines(log).size();
    }

    /** The URL of the H2 server of the last start in the log (jdbc:h2:tcp://127.0.0.1:PORT/market-bridge), or null. */
    public static String h2Url(Path log) throws IOException {
        List<String> served = servedLines(log);
        if (served.isEmpty()) {
            return null;
        }
        String line = served.get(served.size() - 1);
        return line.substring(line.indexOf(SERVED) + SERVED.length()).split(" ")[0];
    }

    /**
     * The runtime's database as a test reads it while the runtime runs: over TCP, through the H2 server of the
     * runtime that started last (each start may serve on another port); fails while none serves yet.
     */
    public static DataSource database(Path log) {
        // only getConnection() is needed by the tests' one-line queries
        return (DataSource) Proxy.newProxyInstance(PackagedRuntime.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String url = h2Url(log);
                    if (url == null) {
                        throw new SQLException("no runtime serves the database yet (no '" + SERVED + "' line in " + log + ")");
                    }
                    return DriverManager.getConnection(url, "sa", "");
                });
    }

    private static List<String> servedLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        // decoded leniently: the runtime may be in the middle of writing a line
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().filter(l -> l.contains(SERVED)).toList();
    }

    /** Keeps the log of the last run under target/ for a person to read. */
    public static void keepLog(Path log, String name) throws IOException {
        Files.copy(log, Path.of(System.getProperty("user.dir"), "target", name),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
