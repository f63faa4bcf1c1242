package io.marketbridge.marketplace.naver;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.ConfigurationException;
import io.marketbridge.marketplace.HttpAnswer;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.RetryAfter;
import io.marketbridge.marketplace.TransientMarketplaceException;
import io.marketbridge.order.OrderJson;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The Java steps of route naver-call around the HTTP call: build the request from the exchange's ApiRequest with
 * the account's bearer token, turn Naver's answer into JSON or a typed exception ({@link NaverErrors}; a first 401
 * drops the token and retries), and tell how long to pause when Naver's bucket is empty ({@link #bucketPause}).
 */
public class NaverApi {

    /** Set after a 401 made us drop the token: a second 401 in a row is a configuration error, not a retry. */
    static final String AUTH_RETRIED = "mbNaverAuthRetried";

    /** Naver's error body: {code, message, timestamp, traceId} (numeric-string codes from pay-order, GW.* from the gateway). */
    record Error(String code, String message) {

        static Error of(String body) {
            if (body == null || body.isBlank()) {
                return new Error(null, "(no body)");
            }
            try {
                JsonNode json = OrderJson.mapper().readTree(body);
                if (json != null && json.isObject()) {
                    return new Error(json.path("code").asText(null), json.path("message").asText("") + invalidInputs(json));
                }
            } catch (IOException ignored) {
                // not JSON: an HTML page from a proxy, for example
            }
            String flat = body.replaceAll("\\s+", " ").trim();
            return new Error(null, flat.length() > 200 ? flat.substring(0, 200) + "..." : flat);
        }

        /**
         * The product APIs' invalidInputs[{name, type, message}] (naver.md 2.11), as " [name: message, ...]": which
         * field a refusal is about (a stock figure or an option id; field names and rules, never personal data).
         */
        private static String invalidInputs(JsonNode json) {
            List<String> inputs = new ArrayList<>();
            for (JsonNode in : json.path("invalidInputs")) {
                inputs.add(in.path("name").asText("?") + ": " + in.path("message").asText(in.path("type").asText("")));
            }
            return inputs.isEmpty() ? "" : " [" + String.join(", ", inputs.subList(0, Math.min(5, inputs.size()))) + "]";
        }

        @Override
        public String toString() {
            return code == null ? message : code + " " + message;
        }
    }

    private final NaverTokens tokens;

    public NaverApi(NaverTokens tokens) {
        this.tokens = tokens;
    }

    static String baseUrl(Account account) {
        return account.get(NaverConnector.BASE_URL).replaceAll("/+$", "");
    }

    // takes the Exchange: it turns the request into the HTTP message (headers, body) and sets the URL
    public void prepare(Exchange exchange) {
        Account account = exchange.getProperty(PollContext.PROPERTY, PollContext.class).getAccount();
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        Message msg = exchange.getMessage();
        msg.removeHeaders("*", "CamelRedelivery*");
        msg.setHeader(Exchange.HTTP_METHOD, request.method());
        msg.setHeader(Exchange.HTTP_PATH, request.path());
        msg.setHeader(Exchange.HTTP_QUERY, request.rawQuery().isEmpty() ? null : request.rawQuery());
        msg.setHeader("Authorization", "Bearer " + tokens.bearer(account));
        msg.setHeader(Exchange.CONTENT_TYPE, "application/json;charset=UTF-8");
        msg.setBody(request.body());
        exchange.setProperty(ApiRequest.BASE_URL, baseUrl(account));
    }

    /** 2xx: the body becomes a JsonNode. Anything else becomes a typed exception naming the account. */
    // takes the Exchange: it reads the HTTP status, headers and body, and leaves the answer as the body
    public void check(Exchange exchange) {
        Account account = exchange.getProperty(PollContext.PROPERTY, PollContext.class).getAccount();
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        String what = "Naver " + request.purpose() + " for account " + account.id();
        if (status >= 200 && status < 300) {
            exchange.removeProperty(AUTH_RETRIED);
            // the product APIs' PUTs (stock) may answer a success without a body: naver.md shows none
            exchange.getMessage().setBody("PUT".equals(request.method()) && request.path().startsWith("/v1/products/")
                    && (body == null || body.isBlank())
                    ? OrderJson.mapper().createObjectNode() : JsonFields.answerObject(body, what, status));
            return;
        }
        Error error = Error.of(body);
        if (status == 401) {
            tokens.invalidate(account);
            if (exchange.getProperty(AUTH_RETRIED) == null) {
                // the token expired or was revoked early: ask for a new one and try once more
                exchange.setProperty(AUTH_RETRIED, true);
                throw new TransientMarketplaceException(what + ": HTTP 401 " + error + " (token refused; a new one is requested)",
                        Duration.ZERO);
            }
            String prefix = AccountRegistry.PREFIX + account.id() + ".";
            throw new ConfigurationException(what + ": HTTP 401 " + error + " twice, with a fresh token - check "
                    + prefix + NaverConnector.CLIENT_ID + ", " + prefix + NaverConnector.TOKEN_TYPE + " and the API groups"
                    + " granted to the application");
        }
        throw NaverErrors.API.failure(new HttpAnswer(what, account.id(), status, error.code(), error.toString(),
                retryAfter(exchange)));
    }

    /**
     * Naver sends no Retry-After on 429; its bucket headers tell how fast tokens come back: wait for one. At
     * least 100 ms, at most 2 s; one second when the headers are absent.
     */
    static Duration retryAfter(Exchange exchange) {
        Duration retryAfter = RetryAfter.of(exchange.getMessage());
        if (retryAfter != null) {
            return retryAfter;
        }
        Integer rate = intHeader(exchange, "GNCP-GW-RateLimit-Replenish-Rate");
        return rate == null || rate <= 0 ? Duration.ofSeconds(1) : Duration.ofMillis(Math.max(100, Math.min(2000, 1000 / rate)));
    }

    /**
     * Route step (the call route's pause, in ms): when a success says the application's bucket for this API is
     * empty, the next call would be refused, so the route waits for one token first (the account's own
     * rate-per-second cannot know what other clients of the same application spend). Camel's delay does the waiting.
     */
    // takes the Exchange: it reads the answer's HTTP status and rate-limit headers
    public long bucketPause(Exchange exchange) {
        Integer remaining = intHeader(exchange, "GNCP-GW-RateLimit-Remaining");
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        return status >= 200 && status < 300 && remaining != null && remaining <= 0 ? retryAfter(exchange).toMillis() : 0;
    }

    private static Integer intHeader(Exchange exchange, String name) {
        String v = exchange.getMessage().getHeader(name, String.class);
        if (v == null || !v.trim().matches("-?[0-9]+")) {
            return null;
        }
        return Integer.parseInt(v.trim());
    }
}
