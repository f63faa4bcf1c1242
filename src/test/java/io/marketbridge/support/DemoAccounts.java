package io.marketbridge.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo accounts of the packaged application.properties. Tests and benchmarks that run the jar on its
 * own properties switch them all off, so a demo account added for a new marketplace needs no test edits.
 */
public final class DemoAccounts {

    private static final Pattern MARKETPLACE_KEY = Pattern.compile("marketbridge\\.account\\.([^.]+)\\.marketplace");

    private DemoAccounts() {
    }

    /** Account id -> marketplace key, for every account block in ./application.properties. */
    public static Map<String, String> all() {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("application.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read application.properties", e);
        }
        Map<String, String> accounts = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            Matcher m = MARKETPLACE_KEY.matcher(key);
            if (m.matches()) {
                accounts.put(m.group(1), p.getProperty(key).trim());
            }
        }
        return accounts;
    }

    /** "marketbridge.account.&lt;id&gt;.enabled" -> "false" for every demo account. */
    public static Map<String, String> disabled() {
        Map<String, String> off = new TreeMap<>();
        all().keySet().forEach(id -> off.put("marketbridge.account." + id + ".enabled", "false"));
        return off;
    }

    /** The same as properties-file lines. */
    public static String disabledLines() {
        StringBuilder sb = new StringBuilder();
        disabled().forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }
}
