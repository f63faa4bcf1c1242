package io.marketbridge.marketplace.lotteon;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.config.Account;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.HttpAnswer;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.RetryAfter;
import io.marketbridge.order.OrderJson;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The two Java steps of route lotteon-api around the HTTP call: the request (the key as a Bearer token or a Key
 * query parameter, the header set lotteon.md lists, a JSON body), and the answer: the HTTP status, then the envelope's
 * returnCode. The inform calls' per-row results (data.rsltCd, each row's resultCode) are left to the calling step.
 */
public class LotteonApi {

    static final String IDENTITY = "/v1/openapi/common/v1/identity";
    static final String DELIVERY = "/v1/openapi/delivery/v1/";

    // takes the Exchange: it turns the request into the HTTP message (headers, body) and sets the URL
    public void prepare(Exchange exchange) {
        Account account = exchange.getProperty(PollContext.PROPERTY, PollContext.class).getAccount();
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        Message msg = exchange.getMessage();
        msg.removeHeaders("*", "CamelRedelivery*");
        msg.setHeader(Exchange.HTTP_METHOD, request.method());
        msg.setHeader(Exchange.HTTP_PATH, request.path());
        String key = account.get(LotteonConnector.API_KEY);
        String query = request.rawQuery();
        if ("QUERY".equals(account.get(LotteonConnector.KEY_PLACEMENT))) {
            String param = "Key=" + URLEncoder.encode(key, StandardCharsets.UTF_8);
            query = query.isEmpty() ? param : query + "&" + param;
        } else {
            msg.setHeader("Authorization", "Bearer " + key);
        }
        msg.setHeader(Exchange.HTTP_QUERY, query.isEmpty() ? null : query);
        msg.setHeader("Accept", "application/json");
        msg.setHeader("Accept-Language", "ko");
        msg.setHeader("X-Timezone", "GMT+09:00");
        msg.setHeader(Exchange.CONTENT_TYPE, "application/json");
        msg.setBody(request.body());
        exchange.setProperty(ApiRequest.BASE_URL, account.get(LotteonConnector.BASE_URL).replaceAll("/+$", ""));
    }

    /**
     * 2xx with returnCode "0000": the envelope becomes the body (a JsonNode). Other statuses and return codes become
     * typed exceptions naming the account and the call; a body that is not JSON is transient (cut off, a proxy page).
     */
    // takes the Exchange: it reads the HTTP status, headers and body, and leaves the answer as the body
    public void check(Exchange exchange) {
        Account account = exchange.getProperty(PollContext.PROPERTY, PollContext.class).getAccount();
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String body = exchange.getMessage().getBody(String.class);
        String what = "Lotte ON " + request.purpose() + " for account " + account.id();
        if (status < 200 || status >= 300) {
            JsonNode json = jsonOrNull(body);
            throw LotteonErrors.HTTP.failure(new HttpAnswer(what, account.id(), status, JsonFields.text(json, "returnCode"),
                    messageOf(json, body), RetryAfter.of(exchange.getMessage())));
        }
        JsonNode answer = JsonFields.answerObject(body, what, status);
        String returnCode = JsonFields.text(answer, "returnCode");
        if (!"0000".equals(returnCode)) {
            throw LotteonErrors.ENVELOPE.failure(new HttpAnswer(what, account.id(), status,
                    returnCode == null ? "NO_RETURN_CODE" : returnCode, messageOf(answer, body), null));
        }
        exchange.getMessage().setBody(answer);
    }

    private static JsonNode jsonOrNull(String body) {
        try {
            return body == null || body.isBlank() ? null : OrderJson.mapper().readTree(body);
        } catch (IOException e) {
            return null; // an HTML page from a proxy, for example
        }
    }

    private static String messageOf(JsonNode json, String body) {
        String message = JsonFields.text(json, "message");
        if (message != null) {
            return message;
        }
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }
}
