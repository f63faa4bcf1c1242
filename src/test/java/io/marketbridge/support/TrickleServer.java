package io.marketbridge.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server (or proxy) that stalls: it answers every request with a 200 and a Content-Length of 50,000 bytes, then sends one
 * byte of the body per interval, which keeps resetting an HTTP client's read timeout, until it is closed. Counts the
 * connections it holds open, now and at most.
 */
public final class TrickleServer implements AutoCloseable {

    private final ServerSocket server;
    private final ScheduledExecutorService ticker = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "trickle-server");
        t.setDaemon(true);
        return t;
    });
    // one thread per connection reads it, so a client hanging up is seen at once
    private final java.util.concurrent.ExecutorService readers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "trickle-server-conn");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final long intervalMs;

    public TrickleServer(long intervalMs) throws IOException {
        this.intervalMs = intervalMs;
        this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "trickle-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                maxOpen.accumulateAndGet(open.size(), Math::max);
                readers.execute(() -> answer(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void answer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            int matched = 0;
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            while (matched < end.length) { // the request head (the test calls send no body worth reading)
                int b = in.read();
                if (b < 0) {
                    drop(socket);
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
            }
            requests.incrementAndGet();
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=UTF-8\r\n"
                    + "Content-Length: 50000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ticker.schedule(() -> trickle(socket), intervalMs, TimeUnit.MILLISECONDS);
            while (in.read() >= 0) {
                // nothing more is expected from the client; its end (or reset) ends the connection
            }
        } catch (IOException e) {
            // reset by the client
        }
        drop(socket);
    }

    private void trickle(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(' ');
            out.flush();
            ticker.schedule(() -> trickle(socket), intervalMs, TimeUnit.MILLISECONDS);
        } catch (IOException | RuntimeException e) {
            drop(socket); // the client gave up (or the server is closing)
        }
    }

    private void drop(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Requests whose head was read. */
    public int requests() {
        return requests.get();
    }

    /** Connections held open right now. */
    public int openConnections() {
        return open.size();
    }

    /** The most connections held open at once since the last {@link #resetMax()}. */
    public int maxOpenConnections() {
        return maxOpen.get();
    }

    public void resetMax() {
        maxOpen.set(open.size());
    }

    @Override
    public void close() throws IOException {
        server.close();
        ticker.shutdownNow();
        readers.shutdownNow();
        open.forEach(this::drop);
    }
}
