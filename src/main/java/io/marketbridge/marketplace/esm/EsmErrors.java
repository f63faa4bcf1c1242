package io.marketbridge.marketplace.esm;

import static io.marketbridge.marketplace.ErrorTable.Rule.when;
import static io.marketbridge.marketplace.HttpAnswer.anyStatus;
import static io.marketbridge.marketplace.HttpAnswer.serverErrorOr;
import static io.marketbridge.marketplace.HttpAnswer.status;

import io.marketbridge.marketplace.CallAnswer;
import io.marketbridge.marketplace.ErrorTable;
import io.marketbridge.marketplace.HttpAnswer;
import java.time.Duration;

/**
 * ESM's failures (esm.md 2.8): an HTTP status other than 2xx (ESM's 401 body or the gateway's Spring Boot one), or
 * HTTP 200 with a ResultCode other than 0. ResultCode 3000 on an order query is its seller ID's rate limit: retried,
 * after the order-query throttle lets the next query through. A per-order call (OrderCheck, ShippingInfo, order-number
 * lookups) keeps its envelope: the caller settles that one order.
 */
final class EsmErrors {

    static final ErrorTable<HttpAnswer> HTTP = ErrorTable.of(
            when(status(401)).configuration(a -> "HTTP 401 " + a.detail() + " - check " + a.key(EsmConnector.MASTER_ID)
                    + ", " + a.key(EsmConnector.SECRET_KEY) + ", that the master ID owns " + a.key(EsmConnector.GMARKET_SELLER_ID)
                    + " / " + a.key(EsmConnector.AUCTION_SELLER_ID) + ", and that ESM+ (판매자정보 > ESM API 관리) enables"
                    + " the API for this vendor and this server's IP"),
            when(status(404)).configuration(a -> "HTTP 404 " + a.detail() + " - check " + a.key(EsmConnector.BASE_URL)),
            when(status(429)).retryAfter(a -> "HTTP 429 " + a.detail()),
            when(serverErrorOr(408)).retry(a -> "HTTP " + a.status() + " " + a.detail()),
            when(anyStatus()).rejected(a -> "HTTP " + a.status() + " " + a.detail()));

    /**
     * An envelope whose ResultCode is not 0; {@code bucket} the site seller key of an order query (else null),
     * {@code keepResult} a per-order call.
     */
    record Result(String what, String code, String message, String bucket, boolean keepResult) implements CallAnswer {

        @Override
        public String rejectCode() {
            return code;
        }

        @Override
        public Duration retryAfter() {
            return null;
        }
    }

    static final ErrorTable<Result> RESULT = ErrorTable.of(
            when((Result r) -> "3000".equals(r.code()) && r.bucket() != null).retry(r -> "ResultCode 3000 (order-query limit of "
                    + r.bucket() + " reached; waiting for the next slot)"),
            when(Result::keepResult).pass(),
            when((Result r) -> true).rejected(r -> "ResultCode " + r.code() + " " + r.message()));

    private EsmErrors() {
    }
}
