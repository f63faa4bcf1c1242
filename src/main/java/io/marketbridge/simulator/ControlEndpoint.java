package io.marketbridge.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every simulator's /_simulator/&lt;marketplace&gt;/ control endpoint does alike: a small router. Each
 * marketplace declares its actions ({@link #get}, {@link #post}, {@link #any}; a path ending in {@code /*} takes
 * every path under it); the router reads the query, runs the first action whose method and path match, and answers
 * its JSON with 200, 400 with the reason when the action throws {@link BadRequest} (or an
 * IllegalArgumentException / IllegalStateException: a bad number, an unknown id), else 404 with the usage line.
 */
public final class ControlEndpoint {

    /** One control action: reads the call, fills the answer. */
    @FunctionalInterface
    public interface Action {
        void run(Call call, ObjectNode out) throws IOException;
    }

    /** An action whose answer is {"ok": true}. */
    @FunctionalInterface
    public interface Effect {
        void apply(Params q);
    }

    /** A parameter or body the action cannot use: 400 with this message. */
    public static final class BadRequest extends RuntimeException {
        public BadRequest(String message) {
            super(message);
        }
    }

    /**
     * One control request: the exchange (for its body), the path below the matched route's {@code /*} (empty for an
     * exact route) and the query.
     */
    public record Call(HttpExchange http, String rest, Params query) {
    }

    /** The decoded query parameters, with readers that keep the current value when a parameter is absent. */
    public record Params(Map<String, String> map) {

        public boolean has(String name) {
            return map.containsKey(name);
        }

        public String get(String name) {
            return map.get(name);
        }

        public String get(String name, String fallback) {
            return map.getOrDefault(name, fallback);
        }

        public long longOr(String name, long current) {
            return has(name) ? Long.parseLong(get(name)) : current;
        }

        public int intOr(String name, int current) {
            return has(name) ? Integer.parseInt(get(name)) : current;
        }

        public double doubleOr(String name, double current) {
            return has(name) ? Double.parseDouble(get(name)) : current;
        }

        public boolean flagOr(String name, boolean current) {
            return has(name) ? Boolean.parseBoolean(get(name)) : current;
        }

        public String textOr(String name, String current) {
            return map.getOrDefault(name, current);
        }
    }

    private record Route(String method, String path, boolean under, Action action) {

        /** The path below the route when it matches, else null. */
        String match(String method, String rest) {
            if (this.method != null && !this.method.equals(method)) {
                return null;
            }
            if (!under) {
                return rest.equals(path) ? "" : null;
            }
            return rest.startsWith(path + "/") ? rest.substring(path.length() + 1) : null;
        }
    }

    private final String prefix;
    private final String usage;
    private final List<Route> routes = new ArrayList<>();

    /** The control endpoint of /_simulator/&lt;name&gt;/; usage is the 404 answer's error. */
    public ControlEndpoint(String name, String usage) {
        this.prefix = "/_simulator/" + name + "/";
        this.usage = usage;
    }

    public ControlEndpoint get(String path, Action action) {
        return route("GET", path, action);
    }

    public ControlEndpoint post(String path, Action action) {
        return route("POST", path, action);
    }

    /** A POST action answering {"ok": true}. */
    public ControlEndpoint post(String path, Effect effect) {
        return route("POST", path, (call, out) -> {
            effect.apply(call.query());
            out.put("ok", true);
        });
    }

    /** An action for any method. */
    public ControlEndpoint any(String path, Action action) {
        return route(null, path, action);
    }

    private ControlEndpoint route(String method, String path, Action action) {
        boolean under = path.endsWith("/*");
        routes.add(new Route(method, under ? path.substring(0, path.length() - 2) : path, under, action));
        return this;
    }

    /** Runs the matching action and answers; closes the exchange. */
    public void handle(HttpExchange http) throws IOException {
        try (http) {
            String path = http.getRequestURI().getPath();
            String rest = path.startsWith(prefix) ? path.substring(prefix.length()) : path;
            String method = http.getRequestMethod();
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            int status = 404;
            try {
                for (Route route : routes) {
                    String below = route.match(method, rest);
                    if (below != null) {
                        route.action().run(new Call(http, below, new Params(query(http))), out);
                        status = 200;
                        break;
                    }
                }
                if (status == 404) {
                    out.put("error", usage);
                }
            } catch (BadRequest | IllegalArgumentException | IllegalStateException e) {
                status = 400;
                out.put("error", e.getMessage());
            }
            reply(http, status, out);
        }
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
