package io.marketbridge.marketplace.coupang;

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

/**
 * The two Java steps of route coupang-api: build the signed HTTP message from the exchange's ApiRequest
 * (every attempt signs afresh), and turn Coupang's answer into JSON or a typed exception.
 */
public class CoupangApi {

    private final Clock clock;

    public CoupangApi(Clock clock) {
        this.clock = clock;
    }

    // takes the Exchange: it turns the request into the HTTP message (headers, body) and sets the URL
    public void prepare(Exchange exchange) {
        Account account = exchange.getProperty(PollContext.PROPERTY, PollContext.class).getAccount();
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        Message msg = exchange.getMessage();
        // nothing of an earlier response may leak into this request; the error handler's counters must stay
        msg.removeHeaders("*", "CamelRedelivery*");
        msg.setHeader(Exchange.HTTP_METHOD, request.method());
        msg.setHeader(Exchange.HTTP_PATH, request.path());
        // sent byte for byte as signed: %2B stays %2B
        msg.setHeader(Exchange.HTTP_QUERY, request.rawQuery().isEmpty() ? null : request.rawQuery());
        msg.setHeader("Authorization", CoupangSigner.authorization(account.get(CoupangConnector.ACCESS_KEY),
                account.get(CoupangConnector.SECRET_KEY), request.method(), request.path(), request.rawQuery(),
                clock.instant()));
        msg.setHeader("X-Requested-By", account.get(CoupangConnector.VENDOR_ID));
        msg.setHeader("X-EXTENDED-TIMEOUT", "90000");
        msg.setHeader(Exchange.CONTENT_TYPE, "application/json;charset=UTF-8");
        msg.setBody(request.body());
        exchange.setProperty(ApiRequest.BASE_URL, account.get(CoupangConnector.BASE_URL).replaceAll("/+$", ""));
    }

    /** 2xx: the body becomes a JsonNode. Anything else becomes a typed exception naming the account. */
    // takes the Exchange: it reads the HTTP status, headers and body, and leaves the answer as the body
    public void check(Exchange exchange) {
        Account account = exchange.getProperty(PollContext.PROPERTY, PollContext.class).getAccount();
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        String what = "Coupang " + request.purpose() + " for account " + account.id();
        if (status >= 200 && status < 300) {
            exchange.getMessage().setBody(JsonFields.answerObject(body, what, status));
            return;
        }
        throw CoupangErrors.TABLE.failure(new HttpAnswer(what, account.id(), status, null, messageOf(body),
                RetryAfter.of(exchange.getMessage())));
    }

    private static String messageOf(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            JsonNode json = OrderJson.mapper().readTree(body);
            if (json != null && json.hasNonNull("message")) {
                return json.get("message").asText();
            }
        } catch (IOException ignored) {
            // an HTML page from the CDN layer, for example
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }
}
