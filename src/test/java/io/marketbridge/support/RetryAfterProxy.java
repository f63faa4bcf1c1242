package io.marketbridge.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in front of a simulator and passes every request on, except the next {@link #refuse} ones: those get a 429
 * with a Retry-After header. Records when each request arrived, and its method and path.
 */
public final class RetryAfterProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive");

    private final HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();
    private final String target;
    private final AtomicInteger toRefuse = new AtomicInteger();
    private volatile String retryAfter = "1";
    private final List<Long> arrivals = new CopyOnWriteArrayList<>();
    private final List<Long> refusals = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public RetryAfterProxy(String target) throws IOException {
        this.target = target.replaceAll("/+$", "");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "retry-after-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code count} requests get 429 with {@code Retry-After: seconds}. */
    public void refuse(int count, String seconds) {
        retryAfter = seconds;
        toRefuse.set(count);
    }

    /** Arrival times (System.nanoTime) of every request, refused or passed on. */
    public List<Long> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Every request, refused or passed on, in arrival order: "METHOD /path?query". */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Arrival times of the refused requests. */
    public List<Long> refusals() {
        return List.copyOf(refusals);
    }

    private void handle(HttpExchange ex) throws IOException {
        long now = System.nanoTime();
        arrivals.add(now);
        requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (toRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refusals.add(now);
                byte[] answer = "{\"code\":\"ERROR\",\"message\":\"Too Many Requests\"}".getBytes();
                ex.getResponseHeaders().add("Retry-After", retryAfter);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(429, answer.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(answer);
                }
                return;
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI().toString()))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                if (!HOP_HEADERS.contains(h.getKey().toLowerCase())) {
                    h.getValue().forEach(v -> request.header(h.getKey(), v));
                }
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    values.forEach(v -> ex.getResponseHeaders().add(name, v));
                }
            });
            byte[] answer = response.body();
            ex.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(answer);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
