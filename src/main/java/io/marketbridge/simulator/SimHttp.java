package io.marketbridge.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What every simulator does alike on the wire: parse a query, read a bounded body, send a reply, simulate latency. */
public final class SimHttp {

    /** Bodies larger than this are refused by every simulator (real gateways cap them too). */
    public static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private SimHttp() {
    }

    /** A query string's parameters, decoded, every value of a repeated name kept in order. */
    public static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                if (!name.isEmpty()) {
                    q.computeIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), k -> new ArrayList<>())
                            .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    /** The first value of a query parameter, or null. */
    public static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The request body, at most {@link #MAX_BODY_BYTES}; null when it is larger. */
    public static byte[] body(HttpExchange http) throws IOException {
        try (InputStream in = http.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    /** Sends a reply: its headers, its status, its body (none for an empty one). */
    public static void send(HttpExchange http, SimReply reply) throws IOException {
        if (reply.contentType() != null) {
            http.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        reply.headers().forEach((k, v) -> http.getResponseHeaders().set(k, v));
        byte[] body = reply.body();
        http.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Holds the simulator's HTTP thread for a simulated latency or a hanging answer. The simulator plays a remote
     * server, so its own thread waits the way a slow server would; the runtime's threads never do.
     */
    public static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
