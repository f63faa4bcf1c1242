package io.marketbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.marketbridge.simulator.ControlEndpoint.BadRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared control router: actions by method and path, 200 / 400 / 404 answers as the simulators give them. */
class ControlEndpointTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicReference<String> latency = new AtomicReference<>("none");
    private HttpServer server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        ControlEndpoint endpoint = new ControlEndpoint("demo", "GET stats, POST faults, POST orders, POST claims/{cancel}")
                .any("stats", (call, out) -> out.put("calls", 3))
                .post("faults", q -> latency.set(String.valueOf(q.longOr("latencyMs", 0))))
                .post("orders", (call, out) -> {
                    if (!"S1".equals(call.query().get("sellerId"))) {
                        throw new BadRequest("sellerId must name a configured seller");
                    }
                    int count = Integer.parseInt(call.query().get("count", "1"));
                    out.putArray("orderIds").add(count);
                })
                .post("claims/*", (call, out) -> out.put("action", call.rest()));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/_simulator/demo/", endpoint::handle);
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/_simulator/demo/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anActionAnswersItsJsonWith200() throws Exception {
        assertThat(call("GET", "stats")).isEqualTo("200 {\"calls\":3}");
        assertThat(call("POST", "stats")).isEqualTo("200 {\"calls\":3}");
        assertThat(call("POST", "faults?latencyMs=250")).isEqualTo("200 {\"ok\":true}");
        assertThat(latency.get()).isEqualTo("250");
        assertThat(call("POST", "orders?sellerId=S1&count=2")).isEqualTo("200 {\"orderIds\":[2]}");
        assertThat(call("POST", "claims/cancel")).isEqualTo("200 {\"action\":\"cancel\"}");
    }

    @Test
    void aBadParameterIs400WithTheReason() throws Exception {
        assertThat(call("POST", "orders?sellerId=S9")).isEqualTo("400 {\"error\":\"sellerId must name a configured seller\"}");
        assertThat(call("POST", "orders?sellerId=S1&count=x")).startsWith("400 {\"error\":\"For input string: ");
        assertThat(call("POST", "faults?latencyMs=soon")).startsWith("400 ");
    }

    @Test
    void anUnknownPathOrAWrongMethodIs404WithTheUsage() throws Exception {
        String usage = "404 {\"error\":\"GET stats, POST faults, POST orders, POST claims/{cancel}\"}";
        assertThat(call("GET", "nothing")).isEqualTo(usage);
        assertThat(call("GET", "faults")).isEqualTo(usage);
        assertThat(call("POST", "claims")).isEqualTo(usage);
        assertThat(latency.get()).isEqualTo("none");
    }

    private String call(String method, String path) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return r.statusCode() + " " + r.body();
    }
}
