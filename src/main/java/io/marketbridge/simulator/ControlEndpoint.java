package io.marketbridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** What every simulator's /_simulator/&lt;marketplace&gt;/ control endpoint does alike: read the query, answer JSON. */
public final class ControlEndpoint {

    private ControlEndpoint() {
    }

    /** The request's query parameters, decoded (the last of a repeated name wins). */
    public static Map<String, String> query(HttpExchange http) {
        Map<String, String> q = new HashMap<>();
        String raw = http.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    /** Sends the JSON answer with its status. */
    public static void reply(HttpExchange http, int status, ObjectNode out) throws IOException {
        byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.sendResponseHeaders(status, body.length);
        try (OutputStream o = http.getResponseBody()) {
            o.write(body);
        }
    }
}
