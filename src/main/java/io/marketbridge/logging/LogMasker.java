package io.marketbridge.logging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every log line passes through before it is written: the values of the secrets known at start (keys
 * marked secret in the account-key registry, and every property whose name says secret, password, token or
 * key) are replaced wherever they appear, and so is anything shaped like a credential or a buyer's contact
 * detail (Authorization headers, bearer tokens, JWTs, bcrypt salts, {@code name=value} pairs whose name is
 * sensitive, Korean and Japanese phone numbers, e-mail addresses, personal customs codes).
 *
 * <p>Buyers' names and addresses have no shape to match: they are kept out of the logs by not printing
 * bodies at all (see {@link SensitiveLoggersFilter}).
 */
public final class LogMasker {

    public static final String MASK = "******";

    /** Shorter values would mask unrelated text; they are still masked by their property name. */
    static final int MIN_LITERAL = 6;

    private static final String SENSITIVE_WORD =
            "secret|password|passwd|passphrase|credential|token(?![-_]?type)|api[-_.]?key|access[-_.]?key"
                    + "|private[-_.]?key|signature|signing[-_.]?key";
    private static final Pattern SENSITIVE_NAME = Pattern.compile("(?i).*(" + SENSITIVE_WORD + ").*");

    private static final List<Rule> RULES = List.of(
            // Authorization: CEA algorithm=..., access-key=..., signature=... / Bearer ... / Basic ...: all of it
            new Rule("(?i)(\\bauthorization[\"']?\\s*[:=]\\s*[\"']?)(?!\\*{6})(?:(Bearer|Basic|CEA|Digest|Token)\\s+)?[^\\r\\n\"']+",
                    m -> m.group(1) + (m.group(2) == null ? "" : m.group(2) + " ") + MASK),
            new Rule("(?i)\\b(Bearer)\\s+(?!\\*{6})[A-Za-z0-9\\-._~+/]+=*", m -> m.group(1) + " " + MASK),
            new Rule("\\beyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*", m -> MASK),
            new Rule("\\$2[abxy]?\\$\\d{2}\\$[./A-Za-z0-9]{22,53}", m -> MASK),
            // secret-key=..., "access_token":"...", openapikey: ..., client_secret_sign=... (a placeholder such as
            // {{env:ACME_SECRET}} names a variable, not a value, and stays readable)
            new Rule("(?i)((?<![\\w.\\-\\[\\]])[\\w.\\-\\[\\]]*?(?:" + SENSITIVE_WORD + ")[\\w.\\-\\[\\]]*[\"']?)(\\s*+(?:[=:]|with value:)\\s*+[\"']?+)"
                    + "(?!\\{\\{|\\*{6})[^\\s\"',;&<>(){}\\[\\]]+", m -> m.group(1) + m.group(2) + MASK),
            // 010-1234-5678, 01012345678, +82 10 1234 5678, safe numbers 0502-..., landlines 02-123-4567,
            // Japanese 090-1234-5678
            new Rule("(?<![\\d+])(?:\\+?82[-. ]?|0)1[016789][-. ]?\\d{3,4}[-. ]?\\d{4}(?!\\d)", m -> MASK),
            new Rule("(?<!\\d)050\\d[-. ]?\\d{3,4}[-. ]?\\d{4}(?!\\d)", m -> MASK),
            new Rule("(?<!\\d)0(?:2|[3-6][1-5]|[5-9]0)[-. )]\\d{3,4}[-. ]\\d{4}(?!\\d)", m -> MASK),
            new Rule("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}", m -> MASK),
            // 개인통관고유부호
            new Rule("(?<![A-Za-z0-9])[Pp]\\d{12}(?!\\d)", m -> MASK));

    /** Known secret values by their first MIN_LITERAL characters, longest first; replaced as a whole on change. */
    private static volatile Map<String, List<String>> literals = Map.of();

    private LogMasker() {
    }

    /** True when a property or header of this name holds a secret (secret-key, db.password, api-key, ...). */
    public static boolean isSensitiveName(String name) {
        return name != null && SENSITIVE_NAME.matcher(name).matches();
    }

    /** From now on, this value is masked wherever it appears in a log line. */
    public static synchronized void protect(String secret) {
        if (secret == null) {
            return;
        }
        String value = secret.trim();
        if (value.length() < MIN_LITERAL || value.contains("{{")) {
            return;
        }
        String prefix = value.substring(0, MIN_LITERAL);
        List<String> existing = literals.getOrDefault(prefix, List.of());
        if (existing.contains(value)) {
            return;
        }
        Map<String, List<String>> copy = new HashMap<>(literals);
        List<String> values = new ArrayList<>(existing);
        values.add(value);
        values.sort(Comparator.comparingInt(String::length).reversed());
        copy.put(prefix, List.copyOf(values));
        literals = Map.copyOf(copy);
    }

    /** Forgets every value given to {@link #protect} (tests). */
    public static synchronized void forgetProtected() {
        literals = Map.of();
    }

    /** The text with every known secret and every credential- or contact-shaped part replaced by {@value #MASK}. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = maskLiterals(text);
        for (Rule rule : RULES) {
            out = rule.apply(out);
        }
        return out;
    }

    private static String maskLiterals(String text) {
        Map<String, List<String>> known = literals;
        if (known.isEmpty() || text.length() < MIN_LITERAL) {
            return text;
        }
        StringBuilder out = null;
        int copiedUpTo = 0;
        int i = 0;
        while (i <= text.length() - MIN_LITERAL) {
            List<String> candidates = known.get(text.substring(i, i + MIN_LITERAL));
            String hit = null;
            if (candidates != null) {
                for (String candidate : candidates) {
                    if (text.startsWith(candidate, i)) {
                        hit = candidate;
                        break;
                    }
                }
            }
            if (hit == null) {
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copiedUpTo, i).append(MASK);
            i += hit.length();
            copiedUpTo = i;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copiedUpTo, text.length()).toString();
    }

    private record Rule(Pattern pattern, Function<Matcher, String> replacement) {

        Rule(String regex, Function<Matcher, String> replacement) {
            this(Pattern.compile(regex), replacement);
        }

        String apply(String text) {
            Matcher m = pattern.matcher(text);
            if (!m.find()) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length());
            do {
                m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m)));
            } while (m.find());
            m.appendTail(out);
            return out.toString();
        }
    }
}
