package io.marketbridge.csv;

import java.util.regex.Pattern;

/**
 * Guards every CSV the runtime writes against formula injection (OWASP "CSV Injection"): a spreadsheet runs a
 * cell that begins with {@code = + - @}, TAB or CR as a formula, so a receiver or product name such as
 * {@code =HYPERLINK(...)} or {@code +cmd|' /C calc'!A0} would act when the ERP's staff open the file in Excel.
 * Such a text cell is written with a leading apostrophe, which spreadsheets read as "this is text".
 *
 * <p>Exempt: a cell that is a number or a phone number as a whole (an optional {@code +} or {@code -}, a digit,
 * then only digits, spaces, dots and hyphens: {@code -3000}, {@code +82 10-1234-5678}). Spreadsheets read it as
 * a number or plain arithmetic; it can call no function and reach nothing outside the sheet. Numeric columns
 * (quantities, amounts) are written as numbers and never changed.
 */
public final class CsvCells {

    /** The property that turns the guard off (on by default). */
    public static final String PROPERTY = "marketbridge.csv.escape-formulas";

    private static final Pattern NUMBER_LIKE = Pattern.compile("[+-]?[0-9][0-9 .-]*");

    private CsvCells() {
    }

    /** True when a spreadsheet would take the text for a formula. */
    public static boolean isFormula(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        boolean trigger = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
        return trigger && !NUMBER_LIKE.matcher(text).matches();
    }

    /** The text as it is written: with a leading apostrophe when {@code escape} is on and it reads as a formula. */
    public static String text(String text, boolean escape) {
        return escape && isFormula(text) ? "'" + text : text;
    }

    /** A cell value: text is guarded, anything else (numbers, times, codes) is written as it is. */
    public static Object cell(Object value, boolean escape) {
        return value instanceof CharSequence s ? text(s.toString(), escape) : value;
    }
}
