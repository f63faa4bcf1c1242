package io.marketbridge.marketplace.qoo10;

import static io.marketbridge.marketplace.ErrorTable.Rule.when;
import static io.marketbridge.marketplace.HttpAnswer.anyStatus;
import static io.marketbridge.marketplace.HttpAnswer.serverErrorOr;
import static io.marketbridge.marketplace.HttpAnswer.status;

import io.marketbridge.config.AccountRegistry;
import io.marketbridge.marketplace.CallAnswer;
import io.marketbridge.marketplace.ErrorTable;
import io.marketbridge.marketplace.HttpAnswer;
import io.marketbridge.marketplace.TransientMarketplaceException;
import java.time.Duration;
import java.util.Set;

/**
 * Qoo10's failures (qoo10.md 3.1, 3.2). The HTTP status is always 200 for a business answer, so a status other
 * than 200 is the host or a proxy: 5xx and 408 transient, 429 waits, 401/403/404 the address or the keys. On HTTP
 * 200 the ResultCode decides (an answer with ErrorCode instead, as Qoo10 sends for an unknown key, counts the same):
 *
 * <pre>
 *   0                    success
 *   -90004 / -90005      the SAK expired (or the password changed): renewed once (SakExpiredException), then CONFIGURATION
 *   -90001               API does not exist / unknown key: CONFIGURATION (api-key, base-url, service-path, call-style)
 *   -90002 / -90003      not authorized: CONFIGURATION
 *   -10000               check the SAK: CONFIGURATION
 *   any code, CreateCertificationKey   CONFIGURATION (-10001: user-id or password)
 *   orders.no-order-code on a list     no rows (the list answers "no order" with it)
 *   -10003 on a list     the window is too long: CONFIGURATION (orders.window-days, claims.window-days)
 *   other, on a list     REJECTED with Qoo10's code and message
 *   other, on a per-order call (confirm, ship, read, cancel)   left to the calling step, which settles that order
 * </pre>
 */
final class Qoo10Errors {

    static final ErrorTable<HttpAnswer> HTTP = ErrorTable.of(
            when(status(429)).retryAfter(a -> "HTTP 429 (too many calls; lower " + a.key(Qoo10Connector.RATE_PER_SECOND) + ")"),
            when(serverErrorOr(408)).retry(a -> "HTTP " + a.status()),
            when(status(401, 403)).configuration(a -> "HTTP " + a.status() + " - check " + a.key(Qoo10Connector.BASE_URL)
                    + " (Qoo10 answers every call with 200; this is a proxy or another host)"),
            when(status(404)).configuration(a -> "HTTP 404 - check " + a.key(Qoo10Connector.BASE_URL) + " and "
                    + a.key(Qoo10Connector.SERVICE_PATH) + " (the host is api.qoo10.jp, not www.qoo10.jp)"),
            when((HttpAnswer a) -> a.status() == 200).pass(),
            when(anyStatus()).rejected(a -> "HTTP " + a.status()));

    /** The SAK is no longer valid: route qoo10-api renews it once and calls again. */
    static final class SakExpiredException extends TransientMarketplaceException {
        SakExpiredException(String message) {
            super(message, (Duration) null);
        }
    }

    /** What a call answered on HTTP 200. */
    record Result(String what, String accountId, String method, int code, String message, boolean certify, boolean list,
                  boolean perOrder, boolean renewed, Set<Integer> renewCodes, int noOrderCode) implements CallAnswer {

        @Override
        public String rejectCode() {
            return String.valueOf(code);
        }

        @Override
        public Duration retryAfter() {
            return null;
        }

        String key(String name) {
            return AccountRegistry.PREFIX + accountId + "." + name;
        }

        String text() {
            return "ResultCode " + code + " " + message;
        }
    }

    static final ErrorTable<Result> RESULT = ErrorTable.of(
            when((Result r) -> r.code() == 0).pass(),
            when((Result r) -> r.certify()).configuration(r -> r.text() + " - the seller authorization key was refused: check "
                    + r.key(Qoo10Connector.API_KEY) + ", " + r.key(Qoo10Connector.USER_ID) + " (the QSM login) and "
                    + r.key(Qoo10Connector.PASSWORD) + " (a changed QSM password must be set here too)"),
            when((Result r) -> r.renewCodes().contains(r.code()) && r.renewed()).configuration(r -> r.text()
                    + " - a freshly issued seller authorization key was refused too: check " + r.key(Qoo10Connector.USER_ID)
                    + " and " + r.key(Qoo10Connector.PASSWORD)),
            when((Result r) -> r.code() == -90001).configuration(r -> r.text() + " - the API or the key is unknown to Qoo10:"
                    + " check " + r.key(Qoo10Connector.API_KEY) + ", " + r.key(Qoo10Connector.BASE_URL) + ", "
                    + r.key(Qoo10Connector.SERVICE_PATH) + " and " + r.key(Qoo10Connector.CALL_STYLE)),
            when((Result r) -> r.code() == -90002 || r.code() == -90003).configuration(r -> r.text()
                    + " - not authorized for " + r.method() + ": check the API key's permissions in QSM"),
            when((Result r) -> r.code() == -10000).configuration(r -> r.text() + " - Qoo10 asks to check the seller"
                    + " authorization key: check " + r.key(Qoo10Connector.USER_ID) + " and " + r.key(Qoo10Connector.PASSWORD)),
            when((Result r) -> r.list() && r.code() == r.noOrderCode()).pass(),
            when((Result r) -> r.list() && r.code() == -10003).configuration(r -> r.text() + " - the search period is too"
                    + " long for Qoo10: lower " + r.key(Qoo10Connector.WINDOW_DAYS) + " / " + r.key(Qoo10Connector.CLAIM_WINDOW_DAYS)),
            when(Result::perOrder).pass(),
            when((Result r) -> true).rejected(Result::text));

    private Qoo10Errors() {
    }
}
