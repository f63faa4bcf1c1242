package io.marketbridge.marketplace.lotteon;

import static io.marketbridge.marketplace.ErrorTable.Rule.when;
import static io.marketbridge.marketplace.HttpAnswer.anyStatus;
import static io.marketbridge.marketplace.HttpAnswer.serverErrorOr;
import static io.marketbridge.marketplace.HttpAnswer.status;

import io.marketbridge.marketplace.ErrorTable;
import io.marketbridge.marketplace.HttpAnswer;

/**
 * Lotte ON's failures (lotteon.md 4.2): the HTTP status first (401 a key that is wrong or expired, 403 an IP not
 * registered), then, on HTTP 200, the envelope's returnCode ("0000" success; 2003 a window over one day).
 */
final class LotteonErrors {

    static final String IP_NOT_REGISTERED = "this server's IP address must be registered for the API key in the Lotte"
            + " ON seller office (OpenAPI 관리)";

    static final ErrorTable<HttpAnswer> HTTP = ErrorTable.of(
            when(status(429)).retryAfter(a -> "HTTP 429 (too many calls; lower " + a.key(LotteonConnector.RATE_PER_SECOND) + ")"),
            when(serverErrorOr(408)).retry(a -> "HTTP " + a.status() + " (" + a.detail() + ")"),
            when(status(401)).configuration(a -> "HTTP 401 " + a.detail() + " - check " + a.key(LotteonConnector.API_KEY)
                    + " (a key lasts one year: reissue it in the Lotte ON seller office) and "
                    + a.key(LotteonConnector.KEY_PLACEMENT)),
            when(status(403)).configuration(a -> "HTTP 403 " + a.detail() + " - " + IP_NOT_REGISTERED),
            when(status(404)).configuration(a -> "HTTP 404 - check " + a.key(LotteonConnector.BASE_URL)),
            when(anyStatus()).rejected(a -> "HTTP " + a.status() + " " + a.detail()));

    /** An HTTP 200 envelope whose returnCode is not "0000". */
    static final ErrorTable<HttpAnswer> ENVELOPE = ErrorTable.of(
            when((HttpAnswer a) -> "2003".equals(a.code())).rejected(a -> "returnCode 2003 " + a.detail()
                    + " (the search window was over one day)"),
            when((HttpAnswer a) -> a.detail().contains("trNo")).configuration(a -> "returnCode " + a.code() + " "
                    + a.detail() + " - set " + a.key(LotteonConnector.TR_NO) + " (the trader number the connection check shows)"),
            when(anyStatus()).rejected(a -> "returnCode " + a.code() + " " + a.detail()));

    private LotteonErrors() {
    }
}
