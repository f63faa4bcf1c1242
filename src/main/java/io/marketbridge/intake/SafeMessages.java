package io.marketbridge.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.marketbridge.marketplace.MarketplaceException;
import java.sql.SQLException;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Exception messages fit to be logged or stored (poll lines, health details, MB_INTAKE_ERROR.reason,
 * MB_SHIPMENT.result_message). Databases and parsers quote the value they refused ("Value too long for column
 * RECEIVER_NAME: 'the receiver's name and phone'"), and those values are buyers' personal data; the messages
 * made here name the field and the limit instead. Our own marketplace exceptions already name fields, not
 * values, and are kept as they are.
 */
public final class SafeMessages {

    private static final int MAX = 500;
    // H2: column "RECEIVER_NAME CHARACTER VARYING(100)"; MariaDB: column `receiver_name` / 'receiver_name'
    private static final Pattern H2_COLUMN = Pattern.compile("column \"(?:[A-Za-z0-9_]+\\.)*([A-Za-z0-9_]+)(?: ([A-Z ]+(?:\\(\\d+(?:, ?\\d+)?\\))?))?\"");
    private static final Pattern QUOTED_COLUMN = Pattern.compile("[Cc]olumn [`'\"]([A-Za-z0-9_]+)[`'\"]");
    // PostgreSQL: value too long for type character varying(100)
    private static final Pattern PG_TYPE = Pattern.compile("for type ([a-z ]+\\(\\d+(?:,\\d+)?\\))");
    private static final Pattern CONSTRAINT = Pattern.compile("constraint [`'\"]?([A-Za-z0-9_]+)");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"|`[^`]*`");

    private SafeMessages() {
    }

    /** A message for the failure that names what failed, never a value it carried. */
    public static String of(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException sql) {
                return cap(sql(sql));
            }
            if (c instanceof JsonProcessingException json) {
                return cap(json(json));
            }
        }
        if (t instanceof MarketplaceException) {
            return cap(String.valueOf(t.getMessage()));
        }
        Throwable deepest = t;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        if (deepest instanceof NumberFormatException) {
            return "a value that should be a number is not one";
        }
        if (deepest instanceof DateTimeParseException) {
            return "a value that should be a date and time cannot be read";
        }
        // other libraries quote what they echo: keep the words, drop the quoted parts
        return cap(deepest.getClass().getSimpleName() + ": " + scrub(String.valueOf(deepest.getMessage())));
    }

    /** True for a database refusal that will happen again on retry: bad data or a constraint, not a lost connection. */
    public static boolean isDataError(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return true;
            }
            if (x.getErrorCode() == 1366 || x.getErrorCode() == 1406) { // MariaDB: incorrect string value, data too long
                return true;
            }
        }
        return false;
    }

    static String sql(SQLException batch) {
        // a batch's own message may quote the whole statement with its values; the entry's error says what failed
        SQLException e = batch instanceof java.sql.BatchUpdateException && batch.getNextException() != null
                ? batch.getNextException() : batch;
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = firstLine(String.valueOf(e.getMessage()));
        String where = column(message);
        String code = " (SQLState " + state + (e.getErrorCode() != 0 ? ", code " + e.getErrorCode() : "") + ")";
        if (state.equals("22001") || message.toLowerCase().contains("too long")) {
            Matcher pg = PG_TYPE.matcher(message);
            return "database refused a value too long for " + (where != null ? where : pg.find() ? "a column of type " + pg.group(1) : "a column") + code;
        }
        if (state.equals("22021") || state.equals("22P05") || e.getErrorCode() == 1366
                || message.contains("invalid byte sequence") || message.contains("Incorrect string value")) {
            return "database refused a character it cannot store (such as NUL) in " + (where != null ? where : "a text value") + code;
        }
        if (state.equals("22003")) {
            return "database refused a number out of range for " + (where != null ? where : "a numeric column") + code;
        }
        if (state.equals("23502") || message.contains("cannot be null") || message.contains("NULL not allowed")) {
            return "database refused an empty value for " + (where != null ? where : "a required column") + code;
        }
        if (state.startsWith("23")) {
            Matcher m = CONSTRAINT.matcher(message);
            return "database refused a duplicate or inconsistent row" + (m.find() ? " (constraint " + m.group(1) + ")" : "") + code;
        }
        if (state.startsWith("22")) {
            return "database refused a value" + (where != null ? " for " + where : "") + code;
        }
        return "database error: " + scrub(message) + code;
    }

    private static String column(String message) {
        Matcher h2 = H2_COLUMN.matcher(message);
        if (h2.find()) {
            return "column " + h2.group(1) + (h2.group(2) != null ? " " + h2.group(2).trim() : "");
        }
        Matcher quoted = QUOTED_COLUMN.matcher(message);
        return quoted.find() ? "column " + quoted.group(1) : null;
    }

    static String json(JsonProcessingException e) {
        StringBuilder sb = new StringBuilder("unreadable JSON");
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            sb.append(" at field ").append(m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")));
        }
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            sb.append(" (line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr()).append(')');
        }
        return sb.append(" [").append(e.getClass().getSimpleName()).append(']').toString();
    }

    /** Removes quoted parts, where messages put the values they refused. */
    static String scrub(String message) {
        return QUOTED.matcher(message).replaceAll("'…'");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String cap(String s) {
        return s.length() <= MAX ? s : s.substring(0, MAX) + "…";
    }
}
