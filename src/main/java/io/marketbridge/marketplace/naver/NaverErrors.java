package io.marketbridge.marketplace.naver;

import static io.marketbridge.marketplace.ErrorTable.Rule.when;
import static io.marketbridge.marketplace.HttpAnswer.anyStatus;
import static io.marketbridge.marketplace.HttpAnswer.serverErrorOr;
import static io.marketbridge.marketplace.HttpAnswer.status;

import io.marketbridge.marketplace.ErrorTable;
import io.marketbridge.marketplace.HttpAnswer;

/**
 * Naver's answers other than 2xx (naver.md, errors): code is the body's {@code code} (numeric strings from pay-order,
 * GW.* from the gateway), detail its code and message. A 401 of an API call is settled before the table: the
 * first one drops the token and retries (NaverApi).
 */
final class NaverErrors {

    static final String IP_NOT_ALLOWED = "HTTP 403 GW.IP_NOT_ALLOWED - this server's IP address must be registered"
            + " for the application in Naver's Commerce API center (커머스API센터)";

    /** Calls of the Commerce API. */
    static final ErrorTable<HttpAnswer> API = ErrorTable.of(
            when(status(429)).retryAfter(a -> "HTTP 429 " + a.detail()),
            when(serverErrorOr(408)).retry(a -> "HTTP " + a.status() + " " + a.detail()),
            when(status(403).and(a -> "GW.IP_NOT_ALLOWED".equals(a.code()))).configuration(a -> IP_NOT_ALLOWED),
            when(status(403)).configuration(a -> "HTTP 403 " + a.detail() + " - check the API groups granted to "
                    + a.key(NaverConnector.CLIENT_ID)),
            when(status(404).and(a -> a.codeStartsWith("GW."))).configuration(a -> "HTTP 404 " + a.detail() + " - check "
                    + a.key(NaverConnector.BASE_URL)),
            when(anyStatus()).rejected(a -> "HTTP " + a.status() + " " + a.detail()));

    /** The token request (/v1/oauth2/token): whatever is not transient is the keys' fault. */
    static final ErrorTable<HttpAnswer> TOKEN = ErrorTable.of(
            when(status(429)).retryAfter(a -> "HTTP 429 " + a.detail()),
            when(serverErrorOr()).retry(a -> "HTTP " + a.status() + " " + a.detail()),
            when(status(403).and(a -> "GW.IP_NOT_ALLOWED".equals(a.code()))).configuration(a -> IP_NOT_ALLOWED),
            when(status(404).and(a -> a.code() != null && a.code().endsWith("_NOT_FOUND"))).configuration(a -> "HTTP 404 "
                    + a.detail() + " - check " + a.key(NaverConnector.TOKEN_TYPE) + " and " + a.key(NaverConnector.SELLER_ACCOUNT_ID)),
            when(anyStatus()).configuration(a -> "HTTP " + a.status() + " " + a.detail() + " - check "
                    + a.key(NaverConnector.CLIENT_ID) + " and " + a.key(NaverConnector.CLIENT_SECRET) + " (and the server clock)"));

    private NaverErrors() {
    }
}
