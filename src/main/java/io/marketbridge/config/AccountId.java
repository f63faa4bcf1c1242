package io.marketbridge.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rule for account ids ({@code marketbridge.account.<id>.<key>}). An id names the account in every staging
 * table (account_id VARCHAR(64)), in file names of the file drop and in environment variable names, so it is
 * 1 to {@value #MAX_LENGTH} ASCII letters, digits, '-' or '_'; two ids may not differ only in letter case or in
 * '-' versus '_' (see {@link #collisionKey}).
 */
public final class AccountId {

    /** The account_id columns of the ERP contract are VARCHAR(64). */
    public static final int MAX_LENGTH = 64;
    public static final String RULE = "an account id is 1 to " + MAX_LENGTH
            + " characters, each an ASCII letter (A-Z, a-z), a digit (0-9), '-' or '_'";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    private AccountId() {
    }

    /** Null when the id follows the rule, else what is wrong with it. */
    public static String problemWith(String id) {
        if (VALID.matcher(id).matches()) {
            return null;
        }
        if (id.isEmpty()) {
            return "it is empty";
        }
        if (id.length() > MAX_LENGTH) {
            return "it has " + id.length() + " characters";
        }
        int position = 1;
        for (int i = 0; i < id.length(); i += Character.charCount(id.codePointAt(i)), position++) {
            int c = id.codePointAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '_'))) {
                return "it has " + describe(c) + " at position " + position;
            }
        }
        return "it does not follow the rule";
    }

    /**
     * The same for ids a case-insensitive file system (Windows, macOS) or an environment variable name
     * (MARKETBRIDGE_ACCOUNT_ACME_X_... stands for acme-x and acme_x alike) cannot tell apart.
     */
    public static String collisionKey(String id) {
        return id.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The id as it can be shown on one log line: control and non-ASCII characters as \\uXXXX. */
    public static String shown(String id) {
        StringBuilder b = new StringBuilder(id.length() + 8);
        for (char c : id.toCharArray()) {
            if (c < 0x20 || c >= 0x7f) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String describe(int c) {
        return switch (c) {
            case ' ' -> "a space";
            case 0 -> "a NUL character (\\u0000)";
            case '"' -> "a double quote";
            case '\'' -> "a single quote";
            case '/' -> "a '/'";
            case '\\' -> "a '\\'";
            default -> c < 0x20 || c >= 0x7f ? String.format("the character U+%04X", c) : "a '" + (char) c + "'";
        };
    }
}
