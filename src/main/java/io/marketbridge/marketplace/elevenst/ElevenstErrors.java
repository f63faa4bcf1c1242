package io.marketbridge.marketplace.elevenst;

import static io.marketbridge.marketplace.ErrorTable.Rule.when;
import static io.marketbridge.marketplace.HttpAnswer.anyStatus;
import static io.marketbridge.marketplace.HttpAnswer.serverErrorOr;
import static io.marketbridge.marketplace.HttpAnswer.status;

import io.marketbridge.config.AccountRegistry;
import io.marketbridge.marketplace.CallAnswer;
import io.marketbridge.marketplace.ErrorTable;
import io.marketbridge.marketplace.HttpAnswer;
import java.time.Duration;

/**
 * 11st's failures (11st.md, errors): first the HTTP status (code "AuthMessage" when a 500 carries that XML, its
 * detail the result code and text), then, on HTTP 200, the answer's result code: those that concern the whole account
 * (key, maintenance) end any call, others end a list call and are left to the calling step on an action
 * (reqpackaging, reqdelivery, the claimservice answers).
 */
final class ElevenstErrors {

    static final String IP_NOT_ALLOWED = "this server's IP address is not registered for the OpenAPI key: add it in"
            + " 11st Seller Office (Open API 관리 -> 서버 IP)";

    static final ErrorTable<HttpAnswer> HTTP = ErrorTable.of(
            when(status(500).and(a -> "AuthMessage".equals(a.code())))
                    .configuration(a -> "HTTP 500 AuthMessage " + a.detail() + " - " + IP_NOT_ALLOWED),
            when(status(429)).retryAfter(a -> "HTTP 429 (too many calls; lower " + a.key(ElevenstConnector.RATE_PER_SECOND) + ")"),
            when(serverErrorOr(408)).retry(a -> "HTTP " + a.status()),
            when(status(401, 403)).configuration(a -> "HTTP " + a.status() + " - check " + a.key(ElevenstConnector.API_KEY)
                    + " and the server IPs registered with it"),
            when(status(404)).configuration(a -> "HTTP 404 - check " + a.key(ElevenstConnector.BASE_URL)),
            when((HttpAnswer a) -> a.status() >= 200 && a.status() < 300).pass(),
            when(anyStatus()).rejected(a -> "HTTP " + a.status()));

    /** The result code of an HTTP 200 answer; {@code action}: reqpackaging, reqdelivery or a claim answer. */
    record Result(String what, String accountId, int code, String text, boolean action, boolean noRows) implements CallAnswer {

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
    }

    static final ErrorTable<Result> RESULT = ErrorTable.of(
            // "OpenAPI Key 에 해당하는 유저가 없습니다" and its kind: nothing a retry can fix
            when((Result r) -> r.code() == -1 && r.noRows() && (!r.action() || String.valueOf(r.text()).contains("Key")))
                    .configuration(r -> "result_code -1 " + r.text() + " - check " + r.key(ElevenstConnector.API_KEY)),
            when((Result r) -> r.code() == -1000).retry(r -> "result_code -1000 " + r.text() + " (11st's weekly maintenance)"),
            when((Result r) -> r.code() < 0 && !r.action()).rejected(r -> "result_code " + r.code() + " " + r.text()));

    private ElevenstErrors() {
    }
}
