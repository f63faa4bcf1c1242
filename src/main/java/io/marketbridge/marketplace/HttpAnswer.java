package io.marketbridge.marketplace;

import io.marketbridge.config.AccountRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * A marketplace answer as the error tables see it: the HTTP status, the marketplace's own code when its body has one
 * (null otherwise), a short log-safe text of the body, and the Retry-After (or the marketplace's own hint of it).
 */
public record HttpAnswer(String what, String accountId, int status, String code, String detail, Duration retryAfter)
        implements CallAnswer {

    /** Matches answers with one of these statuses. */
    public static Predicate<HttpAnswer> status(int... statuses) {
        return a -> Arrays.stream(statuses).anyMatch(s -> s == a.status());
    }

    /** Matches every answer: a table's last row. */
    public static Predicate<HttpAnswer> anyStatus() {
        return a -> true;
    }

    /** Matches 5xx answers and the listed statuses. */
    public static Predicate<HttpAnswer> serverErrorOr(int... statuses) {
        return a -> a.status() >= 500 || Arrays.stream(statuses).anyMatch(s -> s == a.status());
    }

    @Override
    public String rejectCode() {
        return code == null ? String.valueOf(status) : code;
    }

    /** The account key's full property name, for the "check ..." part of a message. */
    public String key(String name) {
        return AccountRegistry.PREFIX + accountId + "." + name;
    }

    public boolean codeStartsWith(String prefix) {
        return code != null && code.startsWith(prefix);
    }
}
