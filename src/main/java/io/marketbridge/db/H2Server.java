package io.marketbridge.db;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.h2.engine.SysProperties;
import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 TCP server through which an ERP or a person reaches the runtime's embedded H2 database while it runs
 * ({@code jdbc:h2:tcp://127.0.0.1:9092/market-bridge}). It serves that one database under the name
 * {@link #DATABASE_NAME} and nothing else, listens on loopback unless configured otherwise, and is stopped by the
 * runtime before it closes its pool, so the database is closed last, after the routes (H2's AUTO_SERVER would
 * listen on every interface, and its lock file makes a restart right after kill -9 wait or fail).
 */
public final class H2Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(H2Server.class);

    /** The name clients give after the port; the only database the server opens. */
    public static final String DATABASE_NAME = "market-bridge";

    /** The system property H2 reads, once, for the address its server sockets bind to. */
    public static final String BIND_ADDRESS_PROPERTY = "h2.bindAddress";

    private final Server server;
    private final String host;

    private H2Server(Server server, String host) {
        this.server = server;
        this.host = host;
    }

    /** True for an embedded H2 file URL (jdbc:h2:file:... or jdbc:h2:./path), which this server can serve. */
    public static boolean servable(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:mem:")
                && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:");
    }

    /**
     * Serves the open embedded H2 database of {@code dataSource} on {@code bindAddress:port} (port 0: any free
     * port). The bind address must already be H2's (see {@link #BIND_ADDRESS_PROPERTY}): H2 reads it once, when it
     * loads, and would otherwise listen on every interface.
     */
    public static H2Server start(DataSource dataSource, String bindAddress, int port) {
        InetAddress wanted = address(bindAddress);
        String h2Bind = SysProperties.BIND_ADDRESS;
        if (h2Bind == null || h2Bind.isBlank() || !address(h2Bind).equals(wanted)) {
            throw new IllegalStateException("The H2 server would not listen on " + bindAddress
                    + " (marketbridge.db.h2-server.bind-address): H2 was loaded with " + BIND_ADDRESS_PROPERTY + "="
                    + h2Bind + ". Start the runtime with java -D" + BIND_ADDRESS_PROPERTY + "=" + bindAddress
                    + " or set marketbridge.db.h2-server.enabled = false");
        }
        String path;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DATABASE_PATH()")) {
            rs.next();
            path = rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the H2 database's path: " + e.getMessage(), e);
        }
        List<String> args = new ArrayList<>(List.of("-tcpPort", String.valueOf(port), "-tcpDaemon",
                "-key", DATABASE_NAME, path));
        if (!wanted.isLoopbackAddress()) {
            // the operator asked for more than this machine; H2 otherwise refuses other hosts after accepting them
            args.add("-tcpAllowOthers");
        }
        Server server;
        try {
            server = Server.createTcpServer(args.toArray(String[]::new)).start();
        } catch (SQLException e) {
            throw new IllegalStateException("The H2 server cannot listen on " + bindAddress + ":" + port
                    + " (marketbridge.db.h2-server.port): " + e.getMessage()
                    + ". Another runtime or H2 server may use the port: choose another one", e);
        }
        H2Server started = new H2Server(server, bindAddress);
        if (wanted.isLoopbackAddress()) {
            LOG.info("H2 database served on {} (this machine only)", started.url());
        } else {
            LOG.warn("H2 database served on {} to other machines: give the database a password"
                    + " (marketbridge.db.password)", started.url());
        }
        return started;
    }

    public int port() {
        return server.getPort();
    }

    /** The JDBC URL an ERP or a tool connects with. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:h2:tcp://" + h + ":" + port() + "/" + DATABASE_NAME;
    }

    /** Stops listening and closes the sessions of its clients (the runtime's own pool is not affected). */
    @Override
    public void close() {
        server.stop();
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("marketbridge.db.h2-server.bind-address '" + host
                    + "' is not an address of this machine: " + e.getMessage(), e);
        }
    }
}
