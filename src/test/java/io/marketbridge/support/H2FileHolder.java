package io.marketbridge.support;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

/**
 * A separate process that opens an embedded H2 database and holds it (and so its file lock) until it is killed or
 * the given time is over, as a runtime that is still stopping, or a tool that opened the file, would.
 *
 * <pre>java -cp ... io.marketbridge.support.H2FileHolder JDBC_URL HOLD_MS</pre>
 */
public final class H2FileHolder {

    private H2FileHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], "sa", "")) {
            System.out.println("holding");
            System.out.flush();
            // a stand-in process with nothing else to do than hold the file
            Thread.sleep(Long.parseLong(args[1]));
        }
    }

    /** Starts the holder as a child JVM and returns once it holds the database. */
    public static Process start(String url, long holdMs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), H2FileHolder.class.getName(),
                url, String.valueOf(holdMs)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null) {
            if (line.equals("holding")) {
                return p;
            }
            seen.append(line).append('\n');
        }
        throw new IllegalStateException("the holder process stopped before holding the database:\n" + seen);
    }
}
