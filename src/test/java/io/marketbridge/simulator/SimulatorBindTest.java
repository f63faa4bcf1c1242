package io.marketbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The simulators' control endpoints answer loopback clients only, wherever the server is bound. */
class SimulatorBindTest {

    private static SimulatorServer simulators(String host) {
        Map<String, String> p = Map.of(
                "marketbridge.simulators.host", host,
                "marketbridge.simulators.port", "0",
                "marketbridge.simulators.coupang.seed-orders", "0",
                "marketbridge.simulators.naver.seed-orders", "0",
                "marketbridge.simulators.elevenst.seed-orders", "0",
                "marketbridge.simulators.esm.seed-orders", "0");
        return new SimulatorServer(SimulatorSettings.from(p::get)).start();
    }

    @Test
    void boundToEveryInterfaceTheControlEndpointsRefuseOtherMachines() throws Exception {
        Optional<InetAddress> own = nonLoopbackAddress();
        // a machine with no network interface but loopback has no "other machine" to refuse
        assumeTrue(own.isPresent(), "this machine has no non-loopback IPv4 address");
        try (SimulatorServer server = simulators("0.0.0.0")) {
            String outside = "http://" + own.get().getHostAddress() + ":" + server.port();
            String loopback = "http://127.0.0.1:" + server.port();
            for (String control : new String[] {"/_simulator/coupang/stats", "/_simulator/naver/stats",
                    "/_simulator/elevenst/stats", "/_simulator/esm/stats"}) {
                HttpResponse<String> refused = get(outside + control);
                assertThat(refused.statusCode()).as(control + " from " + own.get()).isEqualTo(403);
                assertThat(refused.body()).contains("loopback clients only");
                assertThat(get(loopback + control).statusCode()).as(control + " from loopback").isEqualTo(200);
            }
            // the marketplace paths answer the other machine as the real marketplace would (here: no signature)
            assertThat(get(outside + "/v2/providers/openapi/apis/api/v4/vendors/A00000001/ordersheets").statusCode())
                    .isNotEqualTo(403).isBetween(400, 499);
        }
    }

    @Test
    void theDefaultBindIsLoopback() {
        try (SimulatorServer server = simulators("")) {
            assertThat(server.baseUrl()).startsWith("http://127.0.0.1:");
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return Optional.of(a);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
