package io.marketbridge.support;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Chromium from Debian's packages (chromium, chromium-driver), headless, driven over the W3C WebDriver protocol
 * that chromedriver speaks (plain HTTP and JSON, so no client library). A test that needs it is skipped, with the
 * packages to install, where they are not installed; .ci/run installs them.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    private HeadlessChromium(Process driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    /** A browser session, or the test is skipped when Chromium or chromedriver is not installed. */
    public static HeadlessChromium start() throws Exception {
        Path chromium = firstExisting("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Path chromedriver = firstExisting("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        assumeTrue(chromium != null && chromedriver != null, "Chromium and chromedriver are not installed, so this browser"
                + " test is skipped: apt-get install chromium chromium-driver (.ci/run does it where apt is available)");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process driver = new ProcessBuilder(chromedriver.toString(), "--port=" + port)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String root = "http://127.0.0.1:" + port;
        HttpClient probe = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> probe.send(HttpRequest.newBuilder(
                URI.create(root + "/status")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        ObjectNode options = JSON.createObjectNode();
        options.put("binary", chromium.toString());
        // --no-sandbox: CI containers run as root, where Chromium's sandbox cannot start
        options.putArray("args").add("--headless=new").add("--no-sandbox").add("--disable-gpu")
                .add("--disable-dev-shm-usage").add("--lang=ko-KR");
        ObjectNode body = JSON.createObjectNode();
        ObjectNode match = body.putObject("capabilities").putObject("alwaysMatch");
        match.put("browserName", "chrome");
        match.set("goog:chromeOptions", options);
        HeadlessChromium none = new HeadlessChromium(driver, root);
        try {
            JsonNode session = none.call("POST", "/session", body);
            return new HeadlessChromium(driver, root + "/session/" + session.get("sessionId").asText());
        } catch (IOException | RuntimeException e) {
            driver.destroy();
            throw e;
        }
    }

    private static Path firstExisting(String... paths) {
        for (String p : paths) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        return null;
    }

    public void open(String url) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("url", url);
        call("POST", "/url", body);
    }

    /** The ids of the elements the CSS selector finds (none: empty). */
    public List<String> findAll(String css) throws Exception {
        JsonNode found = call("POST", "/elements", JSON.createObjectNode().put("using", "css selector").put("value", css));
        List<String> ids = new ArrayList<>();
        found.forEach(e -> ids.add(e.get(ELEMENT).asText()));
        return ids;
    }

    public String find(String css) throws Exception {
        List<String> all = findAll(css);
        if (all.isEmpty()) {
            throw new AssertionError("no element matches " + css);
        }
        return all.get(0);
    }

    public String text(String elementId) throws Exception {
        return call("GET", "/element/" + elementId + "/text", null).asText();
    }

    public void click(String elementId) throws Exception {
        call("POST", "/element/" + elementId + "/click", JSON.createObjectNode());
    }

    /** Runs a script in the page and returns its result. */
    public JsonNode script(String script) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        body.putArray("args");
        return call("POST", "/execute/sync", body);
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " answered " + response.statusCode() + ": "
                    + answer.path("value").path("message").asText(response.body()));
        }
        return answer.get("value");
    }

    @Override
    public void close() {
        try {
            call("DELETE", "", null);
        } catch (Exception ignored) {
            // the driver's end takes the browser with it
        } finally {
            driver.destroy();
        }
    }
}
