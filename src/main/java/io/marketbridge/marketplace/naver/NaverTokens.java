package io.marketbridge.marketplace.naver;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.config.Account;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.HttpAnswer;
import io.marketbridge.marketplace.RetryAfter;
import io.marketbridge.marketplace.TransientMarketplaceException;
import io.marketbridge.order.OrderJson;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;

/**
 * Naver's OAuth2 tokens, one per account, kept in memory and reused until shortly before they expire (Naver
 * issues them for 3 hours and answers with the same token while 30 minutes or more remain). Used by route
 * naver-api: {@link #needed} says whether a token request (route naver-token) must go first, {@link #request}
 * builds it (form body, signed with bcrypt), {@link #read} keeps the answer. A token is never logged.
 */
public class NaverTokens {

    static final String TOKEN_PATH = "/v1/oauth2/token";
    /** A token this close to its end is replaced before use, so a long poll does not run into its expiry. */
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(10);

    record Token(String value, Instant expiresAt) {
    }

    private final Map<String, Token> byAccount = new ConcurrentHashMap<>();
    private final Clock clock;

    public NaverTokens(Clock clock) {
        this.clock = clock;
    }

    /** Route predicate: the account has no token good for a while yet. */
    public boolean needed(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll) {
        Token token = byAccount.get(poll.getAccount().id());
        return token == null || token.expiresAt().minus(REFRESH_BEFORE).isBefore(clock.instant());
    }

    /** Route step (prepare of the call route: sets the HTTP headers and the URL): the token request, fields in the form body, signed with the timestamp of this attempt. */
    // takes the Exchange: it builds the HTTP message (headers, form body) and sets the URL
    public void request(Exchange exchange) {
        Account account = account(exchange);
        long timestamp = clock.millis();
        String clientId = account.get(NaverConnector.CLIENT_ID);
        StringBuilder form = new StringBuilder()
                .append("client_id=").append(encode(clientId))
                .append("&timestamp=").append(timestamp)
                .append("&grant_type=client_credentials")
                .append("&client_secret_sign=").append(encode(NaverSigner.clientSecretSign(clientId,
                        account.get(NaverConnector.CLIENT_SECRET), timestamp)))
                .append("&type=").append(account.get(NaverConnector.TOKEN_TYPE));
        if ("SELLER".equals(account.get(NaverConnector.TOKEN_TYPE))) {
            form.append("&account_id=").append(encode(account.get(NaverConnector.SELLER_ACCOUNT_ID)));
        }
        Message msg = exchange.getMessage();
        msg.removeHeaders("*", "CamelRedelivery*");
        msg.setHeader(Exchange.HTTP_METHOD, "POST");
        msg.setHeader(Exchange.HTTP_PATH, TOKEN_PATH);
        msg.setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded");
        msg.setBody(form.toString());
        exchange.setProperty(ApiRequest.BASE_URL, NaverApi.baseUrl(account));
    }

    /** Route step (check of the call route: reads the HTTP status and headers): keeps the token, or throws a typed error that names the keys to check. */
    // takes the Exchange: it reads the HTTP status, headers and body
    public void read(Exchange exchange) {
        Account account = account(exchange);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        String what = "Naver token request for account " + account.id();
        if (status == 200) {
            try {
                JsonNode json = OrderJson.mapper().readTree(body == null ? "" : body);
                String value = json == null ? null : json.path("access_token").asText(null);
                if (value == null || value.isBlank()) {
                    throw new IOException("no access_token");
                }
                long seconds = json.path("expires_in").asLong(10800);
                byAccount.put(account.id(), new Token(value, clock.instant().plusSeconds(seconds)));
                return;
            } catch (IOException e) {
                throw new TransientMarketplaceException(what + ": HTTP 200 without a readable token", e);
            }
        }
        NaverApi.Error error = NaverApi.Error.of(body);
        Duration retryAfter = RetryAfter.of(exchange.getMessage());
        throw NaverErrors.TOKEN.failure(new HttpAnswer(what, account.id(), status, error.code(), error.toString(),
                retryAfter != null ? retryAfter : Duration.ofSeconds(1)));
    }

    /** The account's current token (the caller made sure there is one). */
    String bearer(Account account) {
        Token token = byAccount.get(account.id());
        if (token == null) {
            throw new IllegalStateException("no token for account " + account.id());
        }
        return token.value();
    }

    /** Naver said the token is not valid (expired early, revoked): forget it so the next call asks anew. */
    void invalidate(Account account) {
        byAccount.remove(account.id());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Account account(Exchange exchange) {
        return exchange.getProperty(PollContext.PROPERTY, PollContext.class).getAccount();
    }
}
