package io.marketbridge.marketplace.esm;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.ConfigurationException;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.RejectedException;
import io.marketbridge.marketplace.TransientMarketplaceException;
import io.marketbridge.order.OrderJson;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The Java steps of route esm-api around the HTTP call: wait for the seller's order-query slot (RequestOrders
 * only), build the request with a freshly minted JWT, and turn ESM's answer into JSON or a typed exception.
 *
 * ESM answers business failures with HTTP 200 and {ResultCode, Message, Data:null}. For a listing (an order query)
 * any failure ends the call: 3000 is the rate limit (the slot clock is pushed back and the call retried, never a
 * failure of an order), anything else is a rejection. Per-order calls (OrderCheck, ShippingInfo, order-number
 * lookups) set {@link #KEEP_RESULT}: their envelope comes back as it is and the caller settles that one order.
 */
public class EsmApi {

    /** Exchange property: the site seller key ("G:id" / "A:id") whose order-query bucket this call spends. */
    public static final String BUCKET = "mbEsmBucket";
    /** Exchange property: return business failures (ResultCode != 0) to the caller instead of throwing. */
    public static final String KEEP_RESULT = "mbEsmKeepResult";

    private final EsmRateLimiter limiter;
    private final Clock clock;

    public EsmApi(EsmRateLimiter limiter, Clock clock) {
        this.limiter = limiter;
        this.clock = clock;
    }

    static String baseUrl(Account account) {
        return account.get(EsmConnector.BASE_URL).replaceAll("/+$", "");
    }

    static Duration interval(Account account) {
        return Duration.ofMillis(account.integer(EsmConnector.ORDER_QUERY_INTERVAL_MS));
    }

    /** Waits for the seller's next order-query slot when this call spends one. */
    public void pace(Exchange exchange) throws InterruptedException {
        String bucket = exchange.getProperty(BUCKET, String.class);
        if (bucket == null) {
            return;
        }
        Account account = account(exchange);
        Duration maxWait = account.duration(EsmConnector.ORDER_QUERY_MAX_WAIT);
        long wait = limiter.reserve(bucket, interval(account), maxWait);
        if (wait < 0) {
            throw new TransientMarketplaceException("ESM order query for account " + account.id() + ": the next slot of "
                    + bucket + " is more than " + maxWait + " away (other accounts share this seller ID)", (Duration) null);
        }
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    public void prepare(Exchange exchange) {
        Account account = account(exchange);
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        Message msg = exchange.getMessage();
        msg.removeHeaders("*", "CamelRedelivery*");
        msg.setHeader(Exchange.HTTP_METHOD, request.method());
        msg.setHeader(Exchange.HTTP_PATH, request.path());
        msg.setHeader(Exchange.HTTP_QUERY, request.rawQuery().isEmpty() ? null : request.rawQuery());
        msg.setHeader("Authorization", "Bearer " + token(account));
        msg.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        msg.setBody(request.body());
        exchange.setProperty("mbBaseUrl", baseUrl(account));
    }

    /** A new token per call, naming every site the account sells on. */
    String token(Account account) {
        return EsmJwt.mint(account.get(EsmConnector.MASTER_ID), account.get(EsmConnector.SECRET_KEY),
                account.get(EsmConnector.JWT_ISSUER),
                EsmJwt.ssi(account.get(EsmConnector.AUCTION_SELLER_ID), account.get(EsmConnector.GMARKET_SELLER_ID)),
                clock.instant(), account.flag(EsmConnector.JWT_IAT_AS_STRING));
    }

    public void check(Exchange exchange) {
        Account account = account(exchange);
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        String what = "ESM " + request.purpose() + " for account " + account.id();
        String prefix = AccountRegistry.PREFIX + account.id() + ".";
        if (status >= 200 && status < 300) {
            JsonNode json = JsonFields.answerObject(body, what, status);
            exchange.getMessage().setBody(json);
            if (resultOk(json)) {
                return;
            }
            String code = json.path("ResultCode").asText("?");
            String message = json.path("Message").asText("");
            String bucket = exchange.getProperty(BUCKET, String.class);
            if (bucket != null && "3000".equals(code)) {
                limiter.penalize(bucket, interval(account));
                throw new TransientMarketplaceException(what + ": ResultCode 3000 (order-query limit of " + bucket
                        + " reached; waiting for the next slot)", (Duration) null);
            }
            if (Boolean.TRUE.equals(exchange.getProperty(KEEP_RESULT, Boolean.class))) {
                return;
            }
            throw new RejectedException(code, what + ": ResultCode " + code + " " + message);
        }
        String detail = errorText(body);
        if (status == 401) {
            throw new ConfigurationException(what + ": HTTP 401 " + detail + " - check " + prefix + EsmConnector.MASTER_ID
                    + ", " + prefix + EsmConnector.SECRET_KEY + ", that the master ID owns " + prefix + EsmConnector.GMARKET_SELLER_ID
                    + " / " + prefix + EsmConnector.AUCTION_SELLER_ID + ", and that ESM+ (판매자정보 > ESM API 관리) enables"
                    + " the API for this vendor and this server's IP");
        }
        if (status == 404) {
            throw new ConfigurationException(what + ": HTTP 404 " + detail + " - check " + prefix + EsmConnector.BASE_URL);
        }
        if (status == 408 || status == 429 || status >= 500) {
            throw new TransientMarketplaceException(what + ": HTTP " + status + " " + detail, (Duration) null);
        }
        throw new RejectedException(String.valueOf(status), what + ": HTTP " + status + " " + detail);
    }

    /** ResultCode 0 (a number or "0"), or "success" as claim APIs sometimes send it. */
    static boolean resultOk(JsonNode json) {
        JsonNode code = json.get("ResultCode");
        if (code == null || code.isNull()) {
            return json.has("deliveryCompanies"); // the item API's courier list has no envelope
        }
        String text = code.asText().trim();
        return text.equals("0") || text.equalsIgnoreCase("success");
    }

    /** The business code of an envelope, with Auction's BizRuleCode when there is one: 8668 or 8668/W8101. */
    static String resultCode(JsonNode json) {
        String code = json.path("ResultCode").asText("?");
        String rule = JsonFields.blankToNull(JsonFields.text(json, "BizRuleCode"));
        return rule == null ? code : code + "/" + rule;
    }

    /** A short, log-safe text of an error body (ESM's 401 body or the gateway's Spring Boot one). */
    static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            JsonNode json = OrderJson.mapper().readTree(body);
            if (json != null && json.path("status").isObject()) {
                return json.path("status").path("message").asText("");
            }
            if (json != null && json.has("error")) {
                return json.path("error").asText("") + " " + json.path("path").asText("");
            }
        } catch (IOException ignored) {
            // not JSON
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    private static Account account(Exchange exchange) {
        return exchange.getProperty(PollContext.PROPERTY, PollContext.class).getAccount();
    }
}
