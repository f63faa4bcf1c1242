package io.marketbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbridge.support.Db;
import io.marketbridge.support.DemoAccounts;
import io.marketbridge.support.PackagedRuntime;
import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with every logger turned up (root DEBUG, org.apache.camel and the HTTP client at TRACE,
 * including the wire and header loggers) through an operator's own logback file that knows nothing of the
 * masking, every demo key replaced by a distinctive one and a database password set. After the demo
 * accounts of all four marketplaces have polled, confirmed and written orders, neither the log, nor the
 * health and metrics output, nor the simulators' stats carry a key, a token, an Authorization header, or
 * the name, phone, e-mail or address of any buyer or receiver the simulators generated (as read back from
 * MB_ORDER).
 */
class LogSecretsIT {

    private static final Pattern DEMO_SECRET_KEY = Pattern.compile(".*\\.(secret|secret-key|access-key|api-key|client-secret)");
    private static final Pattern BCRYPT_SALT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{22}");
    private static final String ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Shapes that are a credential whatever its value; the masking leaves "******" in their place. */
    private static final Map<String, Pattern> CREDENTIAL_SHAPES = Map.of(
            "Authorization header", Pattern.compile("(?i)authorization\"?\\s*[:=]\\s*\"?(?:(?:Bearer|Basic|CEA)\\s+)?(?!\\*{6})[A-Za-z0-9]"),
            "bearer token", Pattern.compile("(?i)\\bBearer\\s+(?!\\*{6})[A-Za-z0-9]"),
            "JWT", Pattern.compile("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\."),
            "CEA signature", Pattern.compile("(?i)signature=(?!\\*{6})[0-9a-f]{8}"),
            "11st openapikey header", Pattern.compile("(?i)openapikey\"?\\s*:\\s*\"?(?!\\*{6})[A-Za-z0-9]"),
            "access token", Pattern.compile("(?i)access_token\"?\\s*[:=]\\s*\"?(?!\\*{6})[A-Za-z0-9]"));

    @TempDir
    Path work;

    @Test
    void nothingSecretOrPersonalReachesTheLogsHealthMetricsOrStats() throws Exception {
        int simulatorPort = freePort();
        int managementPort = freePort();
        Map<String, String> secrets = distinctiveSecrets();
        String dbPassword = "LkChkDb" + random(14);
        StringBuilder config = new StringBuilder()
                .append("marketbridge.simulators.port = ").append(simulatorPort).append('\n')
                .append("camel.management.port = ").append(managementPort).append('\n')
                .append("marketbridge.db.password = ").append(dbPassword).append('\n')
                .append("marketbridge.db.h2-server.port = 0\n");
        // fewer seeded orders: the first polls finish sooner with every logger at TRACE
        for (String m : List.of("coupang", "naver", "elevenst", "esm")) {
            config.append("marketbridge.simulators.").append(m).append(".seed-orders = 10\n");
        }
        demoProperties().forEach((k, v) -> {
            String replaced = secrets.getOrDefault(v.trim(), null);
            if (replaced != null) {
                config.append(k).append(" = ").append(replaced).append('\n');
            }
        });
        Path configFile = work.resolve("leak-check.properties");
        Files.writeString(configFile, config, StandardCharsets.UTF_8);
        Path debugLog = work.resolve("debug.log");
        Path logback = work.resolve("operator-logback.xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>%%d %%-5level [%%thread] %%logger - %%msg%%n</pattern></encoder>
                  </appender>
                  <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%%-5level %%logger - %%msg%%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.camel" level="TRACE"/>
                  <logger name="org.apache.hc" level="TRACE"/>
                  <logger name="org.apache.hc.client5.http.wire" level="TRACE"/>
                  <logger name="org.apache.hc.client5.http.headers" level="TRACE"/>
                  <root level="DEBUG"><appender-ref ref="FILE"/><appender-ref ref="CONSOLE"/></root>
                </configuration>
                """.formatted(debugLog.toAbsolutePath()), StandardCharsets.UTF_8);

        Path console = work.resolve("console.log");
        Map<String, String> demoAccounts = DemoAccounts.all();
        Process p = PackagedRuntime.start(work, configFile, console, List.of("-Dlogback.configurationFile=" + logback.toAbsolutePath()));
        Map<String, String> outputs = new LinkedHashMap<>();
        List<String> buyerData;
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(p.isAlive()).as("the runtime stopped; see %s", console).isTrue();
                return PackagedRuntime.databaseOpenedCount(debugLog) > 0;
            });
            // read through the runtime's own H2 server (loopback), as an ERP would
            JdbcDataSource db = new JdbcDataSource();
            db.setURL(PackagedRuntime.h2Url(debugLog));
            db.setUser("sa");
            db.setPassword(dbPassword);
            // some failed calls too: retries and error logging are where an exchange gets printed
            post("http://127.0.0.1:" + simulatorPort + "/_simulator/coupang/faults?errorRate=0.15");
            await().atMost(Duration.ofSeconds(210)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                assertThat(p.isAlive()).as("the runtime stopped; see %s", console).isTrue();
                return countOr(db, "SELECT COUNT(DISTINCT account_id) FROM MB_ORDER") == demoAccounts.size()
                        && countOr(db, "SELECT COUNT(DISTINCT account_id) FROM MB_CONFIRMATION WHERE confirm_state = 'CONFIRMED'")
                        == demoAccounts.size();
            });
            buyerData = buyerData(db);
            String base = "http://127.0.0.1:" + managementPort;
            outputs.put("health", get(base + "/observe/health?exposureLevel=full&data=true"));
            outputs.put("metrics", get(base + "/observe/metrics"));
            for (String m : Set.of("coupang", "naver", "elevenst", "esm")) {
                outputs.put(m + " simulator stats", get("http://127.0.0.1:" + simulatorPort + "/_simulator/" + m + "/stats"));
            }
        } finally {
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stopped within the shutdown timeout").isTrue();
            PackagedRuntime.keepLog(debugLog, "log-secrets-debug.log");
        }
        outputs.put("debug log", Files.readString(debugLog, StandardCharsets.UTF_8));
        outputs.put("console", Files.readString(console, StandardCharsets.UTF_8));
        // anything else the runtime wrote beside its drops (an H2 trace file, for one)
        try (Stream<Path> files = Files.walk(work.resolve("data"))) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".mv.db")).toList()) {
                outputs.put(work.relativize(f).toString(), Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }

        // the scan means something: the log is at DEBUG/TRACE, property resolution and the polls are in it
        String log = outputs.get("debug log");
        assertThat(log.length()).as("debug log size").isGreaterThan(1_000_000);
        assertThat(log).contains("TRACE [").contains(" DEBUG [")
                .contains("DefaultPropertiesParser - Found property: marketbridge.account.demo-coupang-a.secret-key with value: ******")
                .contains("DefaultPropertiesParser - Found property: marketbridge.db.password with value: ******");
        demoAccounts.keySet().forEach(id -> assertThat(log).contains("account=" + id + " job=orders"));
        assertThat(buyerData).as("buyer data read back from MB_ORDER").hasSizeGreaterThan(50);

        List<String> needles = new ArrayList<>(secrets.values());
        needles.add(dbPassword);
        List<String> leaks = new ArrayList<>();
        outputs.forEach((where, text) -> {
            for (String secret : needles) {
                if (text.contains(secret)) {
                    leaks.add(where + ": secret " + secret + " near: " + around(text, text.indexOf(secret)));
                }
            }
            CREDENTIAL_SHAPES.forEach((what, shape) -> {
                Matcher m = shape.matcher(text);
                if (m.find()) {
                    leaks.add(where + ": " + what + " near: " + around(text, m.start()));
                }
            });
            new NeedleScan(buyerData).find(text).forEach(hit -> leaks.add(where + ": buyer data '" + hit.needle + "' near: "
                    + around(text, hit.at)));
        });
        assertThat(leaks).as("secrets or buyer data in the output (first ones shown)").isEmpty();
    }

    /** Every distinct demo secret of application.properties -> a distinctive value of the same form. */
    private static Map<String, String> distinctiveSecrets() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        demoProperties().forEach((k, v) -> {
            String value = v.trim();
            if (DEMO_SECRET_KEY.matcher(k).matches() && !value.startsWith("{{") && !out.containsKey(value)) {
                out.put(value, BCRYPT_SALT.matcher(value).matches()
                        ? "$2a$04$" + ("LkChk" + random(22)).substring(0, 22)
                        : "LkChk" + random(16));
            }
        });
        assertThat(out).as("demo secrets in application.properties").hasSizeGreaterThanOrEqualTo(8);
        return out;
    }

    private static Map<String, String> demoProperties() throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"), StandardCharsets.UTF_8)) {
            props.load(in);
        }
        Map<String, String> out = new java.util.TreeMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k, props.getProperty(k)));
        return out;
    }

    /** Names, phones, e-mails, postcodes and address lines of every buyer and receiver in MB_ORDER. */
    private static List<String> buyerData(JdbcDataSource db) {
        Set<String> values = new TreeSet<>();
        for (String column : List.of("buyer_name", "buyer_phone", "buyer_email", "receiver_name", "receiver_phone1",
                "receiver_phone2", "receiver_address1", "receiver_address2", "customs_id")) {
            for (Object v : Db.list(db, "SELECT DISTINCT " + column + " FROM MB_ORDER WHERE " + column + " IS NOT NULL")) {
                String s = v.toString().trim();
                // "3층" or "201호" alone names nobody and would match unrelated text
                if (s.codePointCount(0, s.length()) >= (column.equals("receiver_address2") ? 6 : 2)) {
                    values.add(s);
                }
                String digits = s.replaceAll("[^0-9]", "");
                if (column.contains("phone") && digits.length() >= 9 && !digits.equals(s)) {
                    values.add(digits);
                }
            }
        }
        return List.copyOf(values);
    }

    /** Finds many needles in one pass: candidates by their first two characters; digit needles need non-digit ends. */
    private static final class NeedleScan {

        record Hit(String needle, int at) {
        }

        private final Map<String, List<String>> byStart = new LinkedHashMap<>();

        NeedleScan(List<String> needles) {
            needles.stream().filter(n -> n.length() >= 2).forEach(n -> byStart.computeIfAbsent(n.substring(0, 2), k -> new ArrayList<>()).add(n));
        }

        List<Hit> find(String text) {
            List<Hit> hits = new ArrayList<>();
            for (int i = 0; i + 1 < text.length() && hits.size() < 10; i++) {
                List<String> candidates = byStart.get(text.substring(i, i + 2));
                if (candidates == null) {
                    continue;
                }
                for (String n : candidates) {
                    if (text.startsWith(n, i) && (!n.chars().allMatch(Character::isDigit) || bounded(text, i, n.length()))) {
                        hits.add(new Hit(n, i));
                        break;
                    }
                }
            }
            return hits;
        }

        private static boolean bounded(String text, int at, int length) {
            return (at == 0 || !Character.isDigit(text.charAt(at - 1)))
                    && (at + length == text.length() || !Character.isDigit(text.charAt(at + length)));
        }
    }

    private static String around(String text, int at) {
        int from = Math.max(0, text.lastIndexOf('\n', at) + 1);
        int to = text.indexOf('\n', at);
        return text.substring(from, Math.min(to < 0 ? text.length() : to, from + 400));
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        // health answers 503 while a check is DOWN (the failed calls above may make one): its body is what counts
        assertThat(r.statusCode()).as(url).isIn(200, 503);
        return r.body();
    }

    private static void post(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
    }

    private static long countOr(JdbcDataSource db, String sql) {
        try {
            return Db.count(db, sql);
        } catch (RuntimeException e) {
            return -1; // not migrated yet
        }
    }

    private static String random(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
