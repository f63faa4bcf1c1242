package io.marketbridge.config;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * One declared key of a seller account block ({@code marketbridge.account.<id>.<name>}), described like a
 * Kamelet parameter: type, whether required, default, whether secret, and what it is for. Every key an
 * account uses must be declared; an undeclared key is reported as a typo.
 */
public record AccountKey(String name, Type type, boolean required, String defaultValue, boolean secret,
                         String title, String example, Pattern pattern, Integer min, Integer max) {

    public enum Type { STRING, URL, BOOLEAN, INTEGER, CRON, DURATION, DATE }

    public static AccountKey required(String name, Type type, String title, String example) {
        return new AccountKey(name, type, true, null, false, title, example, null, null, null);
    }

    public static AccountKey optional(String name, Type type, String defaultValue, String title) {
        return new AccountKey(name, type, false, defaultValue, false, title, defaultValue, null, null, null);
    }

    public AccountKey asSecret() {
        return new AccountKey(name, type, required, defaultValue, true, title, example, pattern, min, max);
    }

    public AccountKey matching(String regex) {
        return new AccountKey(name, type, required, defaultValue, secret, title, example, Pattern.compile(regex), min, max);
    }

    public AccountKey between(int minimum, int maximum) {
        return new AccountKey(name, type, required, defaultValue, secret, title, example, pattern, minimum, maximum);
    }

    /** Returns null when the value is fine, else what is wrong with it (never echoing a secret). */
    public String problemWith(String value) {
        String shown = secret ? "(secret value)" : "'" + value + "'";
        switch (type) {
            case BOOLEAN -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    return "must be true or false, not " + shown;
                }
            }
            case INTEGER -> {
                try {
                    int n = Integer.parseInt(value.trim());
                    if ((min != null && n < min) || (max != null && n > max)) {
                        return "must be between " + min + " and " + max + ", not " + shown;
                    }
                } catch (NumberFormatException e) {
                    return "must be a whole number, not " + shown;
                }
            }
            case URL -> {
                try {
                    URI uri = URI.create(value.trim());
                    if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                        return "must be an http(s) URL such as " + example + ", not " + shown;
                    }
                } catch (IllegalArgumentException e) {
                    return "must be an http(s) URL such as " + example + ", not " + shown;
                }
            }
            case CRON -> {
                if (!CronExpression.isValidExpression(value.trim())) {
                    return "must be a Quartz cron expression such as '0 0/5 * * * ?', not " + shown;
                }
            }
            case DURATION -> {
                try {
                    Duration.parse(value.trim());
                } catch (RuntimeException e) {
                    return "must be an ISO-8601 duration such as PT10M or P1D, not " + shown;
                }
            }
            case DATE -> {
                try {
                    java.time.LocalDate.parse(value.trim());
                } catch (RuntimeException e) {
                    return "must be a date such as 2026-12-31, not " + shown;
                }
            }
            case STRING -> {
                if (value.isBlank()) {
                    return "must not be empty";
                }
            }
        }
        if (pattern != null && !pattern.matcher(value.trim()).matches()) {
            return "must look like " + example + ", not " + shown;
        }
        return null;
    }
}
