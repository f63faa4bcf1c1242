package io.marketbridge.simulator.naver;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Dates as Naver writes and reads them: Korean time with millis and an offset, ISO-8601 with an offset in. */
final class NaverDates {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    /** The widest window the change feed and the conditional search accept (24 h). */
    static final Duration MAX_WINDOW = Duration.ofHours(24);
    private static final DateTimeFormatter KST = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private NaverDates() {
    }

    static String now() {
        return KST.format(ZonedDateTime.now(SEOUL));
    }

    static String kst(ZonedDateTime t) {
        return KST.format(t.withZoneSameInstant(SEOUL));
    }

    static String kst(long epochMillis) {
        return KST.format(Instant.ofEpochMilli(epochMillis).atZone(SEOUL));
    }

    /** ISO-8601 with an offset; a '+' sent unencoded arrives as a space and fails here, as on Naver. */
    static OffsetDateTime dateTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
