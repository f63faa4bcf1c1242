package io.marketbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * The shipped logback.xml with each choice of marketbridge.log.output and marketbridge.log.format (as the runtime
 * hands them over before the first line): text lines carry their time in marketbridge.zone with the offset, JSON
 * lines parse, the file outputs write under marketbridge.log.dir, and a protected secret, a bearer token and a
 * phone number appear in none of them.
 */
class LogOutputTest {

    private static final String SECRET = "Kx7-json-output-secret-88412";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final PrintStream stdout = System.out;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private LoggerContext context;

    @BeforeEach
    void protect() {
        LogMasker.protect(SECRET);
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        if (context != null) {
            context.stop();
        }
        LogMasker.forgetProtected();
    }

    /** A logger of a fresh logback context configured by the shipped logback.xml with these settings. */
    private Logger configured(Map<String, String> settings) throws Exception {
        context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        settings.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LogOutputTest.class.getResource("/logback.xml"));
        return context.getLogger("io.marketbridge.poll");
    }

    private static void logSecrets(Logger log) {
        log.info("account=acme-coupang signed with {}", SECRET);
        log.warn("account=acme-coupang sent Authorization: Bearer abcDEF0123456789xyz to the marketplace");
        log.info("account=acme-coupang receiver phone 010-1234-5678");
    }

    private static void assertNoSecrets(String written) {
        assertThat(written).contains("account=acme-coupang").contains(LogMasker.MASK)
                .doesNotContain(SECRET).doesNotContain("abcDEF0123456789xyz").doesNotContain("1234-5678");
    }

    @Test
    void textOnTheConsoleCarriesTheZonesOffset() throws Exception {
        logSecrets(configured(Map.of("marketbridge.zone", "Asia/Seoul")));
        String written = console.toString(StandardCharsets.UTF_8);
        assertThat(written.lines().toList()).hasSize(3)
                .allSatisfy(line -> assertThat(line).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+09:00 .*"));
        assertNoSecrets(written);
    }

    @Test
    void anotherZoneIsPrintedWithItsOwnOffset() throws Exception {
        configured(Map.of("marketbridge.zone", "America/New_York")).info("account=acme-coupang started");
        assertThat(console.toString(StandardCharsets.UTF_8)).matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}-0[45]:00 .*");
    }

    @Test
    void jsonOnTheConsoleIsOneMaskedObjectPerLine() throws Exception {
        logSecrets(configured(Map.of("marketbridge.log.format", "json")));
        String written = console.toString(StandardCharsets.UTF_8);
        assertNoSecrets(written);
        assertThat(messages(written.lines().toList())).hasSize(3).first().asString()
                .isEqualTo("account=acme-coupang signed with " + LogMasker.MASK);
    }

    @Test
    void textInARollingFile() throws Exception {
        Path logs = dir.resolve("logs");
        logSecrets(configured(Map.of("marketbridge.log.output", "file", "marketbridge.log.dir", logs.toString())));
        context.stop();
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
        String written = Files.readString(logs.resolve("market-bridge.log"), StandardCharsets.UTF_8);
        assertThat(written.lines().toList()).hasSize(3);
        assertNoSecrets(written);
    }

    @Test
    void jsonInARollingFile() throws Exception {
        Path logs = dir.resolve("logs");
        logSecrets(configured(Map.of("marketbridge.log.output", "file", "marketbridge.log.format", "json",
                "marketbridge.log.dir", logs.toString())));
        context.stop();
        String written = Files.readString(logs.resolve("market-bridge.json"), StandardCharsets.UTF_8);
        assertNoSecrets(written);
        assertThat(messages(written.lines().toList())).hasSize(3);
        assertThat(Files.exists(logs.resolve("market-bridge.log"))).as("only the chosen appender writes").isFalse();
    }

    /** The "message" of each JSON log event (JsonEncoder also writes an opening and a closing record per file). */
    private static List<String> messages(List<String> lines) throws Exception {
        List<String> messages = new java.util.ArrayList<>();
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);
            if (event.has("message")) {
                messages.add(event.get("message").asText());
                JsonNode arguments = event.get("arguments");
                assertThat(arguments == null || arguments.isNull() || arguments.isEmpty())
                        .as("arguments would carry the values unmasked: %s", arguments).isTrue();
            }
        }
        return messages;
    }
}
