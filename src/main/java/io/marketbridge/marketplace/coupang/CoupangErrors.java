package io.marketbridge.marketplace.coupang;

import static io.marketbridge.marketplace.ErrorTable.Rule.when;
import static io.marketbridge.marketplace.HttpAnswer.anyStatus;
import static io.marketbridge.marketplace.HttpAnswer.serverErrorOr;
import static io.marketbridge.marketplace.HttpAnswer.status;

import io.marketbridge.marketplace.ErrorTable;
import io.marketbridge.marketplace.HttpAnswer;

/** Coupang's answers other than 2xx (coupang.md, errors): what each is, and the text it ends the call with. */
final class CoupangErrors {

    static final String RENEWAL = "WING (wing.coupang.com), on its Open API key page; then set access-key and secret-key";

    static final ErrorTable<HttpAnswer> TABLE = ErrorTable.of(
            when(status(429)).retryAfter(a -> "HTTP 429 rate limited (" + a.detail() + ")"),
            when(serverErrorOr(408, 412)).retry(a -> "HTTP " + a.status() + " (" + a.detail() + ")"),
            // coupang.md documents no expired-key answer: a 401 saying "expired" about something other than the
            // signature (401 "Specified signature is expired." is a stale signed-date, a clock problem) is taken as one
            when(status(401).and(a -> keyExpired(a.detail()))).configuration(a -> "HTTP 401 " + a.detail()
                    + " - the API key has expired: issue a new one in " + RENEWAL + " (" + a.key("access-key") + ")"),
            when(status(401)).configuration(a -> "HTTP 401 " + a.detail() + " - check " + a.key("access-key")
                    + " and secret-key (and the server clock)"),
            when(status(403)).configuration(a -> "HTTP 403 " + a.detail() + " - check that this server's IP is"
                    + " registered with the key in WING and that " + a.key("vendor-id") + " is right"),
            when(status(404, 410)).configuration(a -> "HTTP " + a.status() + " " + a.detail() + " - check " + a.key("base-url")),
            when(status(400).and(a -> a.detail().contains("vendorId") || a.detail().contains("업체코드")))
                    .configuration(a -> "HTTP 400 " + a.detail() + " - check " + a.key("vendor-id")),
            when(anyStatus()).rejected(a -> "HTTP " + a.status() + " " + a.detail()));

    /** An answer text that says the key (not the signature) expired. */
    static boolean keyExpired(String detail) {
        String text = detail == null ? "" : detail.toLowerCase(java.util.Locale.ROOT);
        return (text.contains("expired") || text.contains("만료")) && !text.contains("signature") && !text.contains("서명");
    }

    private CoupangErrors() {
    }
}
