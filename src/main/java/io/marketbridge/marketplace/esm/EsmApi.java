package io.marketbridge.marketplace.esm;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.config.Account;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.HttpAnswer;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.RetryAfter;
import io.marketbridge.order.OrderJson;
import java.io.IOException;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;

/**
 * The Java steps of route esm-api around the HTTP call: build the request with a freshly minted JWT, and turn ESM's
 * answer into JSON or a typed exception ({@link EsmErrors}). Order queries name their site seller key in
 * {@link #BUCKET}: route esm-api lets one such query through per interval and key (a Camel throttle).
 *
 * ESM answers business failures with HTTP 200 and {ResultCode, Message, Data:null}. For a listing (an order query)
 * any failure ends the call: 3000 is the rate limit (retried, never a failure of an order), anything else is a
 * rejection. Per-order calls (OrderCheck, ShippingInfo, order-number lookups) set {@link #KEEP_RESULT}: their
 * envelope comes back as it is and the caller settles that one order.
 */
public class EsmApi {

    /** Exchange property: the site seller key ("G:id" / "A:id") whose order-query bucket this call spends (the throttle's key). */
    public static final String BUCKET = "mbEsmBucket";
    /** Exchange property: the site seller key of a claim list read (route esm-claim-api paces those apart). */
    public static final String CLAIM_BUCKET = "mbEsmClaimBucket";
    /** Exchange property: return business failures (ResultCode != 0) to the caller instead of throwing. */
    public static final String KEEP_RESULT = "mbEsmKeepResult";

    private final Clock clock;

    public EsmApi(Clock clock) {
        this.clock = clock;
    }

    static String baseUrl(Account account) {
        return account.get(EsmConnector.BASE_URL).replaceAll("/+$", "");
    }

    // takes the Exchange: it turns the request into the HTTP message (headers, body) and sets the URL
    public void prepare(Exchange exchange) {
        Account account = account(exchange);
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        Message msg = exchange.getMessage();
        msg.removeHeaders("*", "CamelRedelivery*");
        // typed as the http component reads it: a String would cost a type-converter lookup on every call
        msg.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(request.method()));
        msg.setHeader(Exchange.HTTP_PATH, request.path());
        msg.setHeader(Exchange.HTTP_QUERY, request.rawQuery().isEmpty() ? null : request.rawQuery());
        msg.setHeader("Authorization", "Bearer " + token(account));
        msg.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
        msg.setBody(request.body());
        exchange.setProperty(ApiRequest.BASE_URL, baseUrl(account));
    }

    /** A new token per call, naming every site the account sells on. */
    String token(Account account) {
        return EsmJwt.mint(account.get(EsmConnector.MASTER_ID), account.get(EsmConnector.SECRET_KEY),
                account.get(EsmConnector.JWT_ISSUER),
                EsmJwt.ssi(account.get(EsmConnector.AUCTION_SELLER_ID), account.get(EsmConnector.GMARKET_SELLER_ID)),
                clock.instant(), account.flag(EsmConnector.JWT_IAT_AS_STRING));
    }

    // takes the Exchange: it reads the HTTP status, headers and body, and leaves the answer as the body
    public void check(Exchange exchange) {
        Account account = account(exchange);
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        String what = "ESM " + request.purpose() + " for account " + account.id();
        if (status >= 200 && status < 300) {
            // an item API's PUT (stock) may answer a success without a body: esm.md shows none
            JsonNode json = "PUT".equals(request.method()) && request.path().startsWith("/item/")
                    && (body == null || body.isBlank())
                    ? OrderJson.mapper().createObjectNode().put("ResultCode", 0)
                    : JsonFields.answerObject(body, what, status);
            exchange.getMessage().setBody(json);
            if (!resultOk(json)) {
                EsmErrors.RESULT.check(new EsmErrors.Result(what, json.path("ResultCode").asText("?"),
                        json.path("Message").asText(""), throttledKey(exchange),
                        Boolean.TRUE.equals(exchange.getProperty(KEEP_RESULT, Boolean.class))));
            }
            return;
        }
        throw EsmErrors.HTTP.failure(new HttpAnswer(what, account.id(), status, null, errorText(body),
                RetryAfter.of(exchange.getMessage())));
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

    /** The seller key a throttled read (an order query, or a claim list read) named: its ResultCode 3000 is the rate limit. */
    private static String throttledKey(Exchange exchange) {
        String key = exchange.getProperty(BUCKET, String.class);
        return key != null ? key : exchange.getProperty(CLAIM_BUCKET, String.class);
    }
}
