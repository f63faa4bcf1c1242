package io.marketbridge.marketplace.elevenst;

import io.marketbridge.config.Account;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.marketplace.HttpAnswer;
import io.marketbridge.marketplace.RejectedException;
import io.marketbridge.marketplace.RetryAfter;
import io.marketbridge.marketplace.TransientMarketplaceException;
import io.marketbridge.order.Marketplace;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.http.HttpMethods;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two Java steps of route elevenst-api around the HTTP call: the request (a GET with everything in the path and
 * the static {@code openapikey} header; the stock call a PUT with an XML body), and the answer: XML decoded with the account's charset, read by local
 * name, its result code turned into a typed exception where it concerns the whole account (key, IP, maintenance)
 * and left to the calling step where it concerns one order line or bundle.
 */
public class ElevenstApi {

    private static final Logger LOG = LoggerFactory.getLogger(ElevenstApi.class);

    private final IntakeErrors intakeErrors;

    public ElevenstApi(IntakeErrors intakeErrors) {
        this.intakeErrors = intakeErrors;
    }

    static String baseUrl(Account account) {
        return account.get(ElevenstConnector.BASE_URL).replaceAll("/+$", "");
    }

    // takes the Exchange: it turns the request into the HTTP message (headers, body) and sets the URL
    public void prepare(Exchange exchange) {
        Account account = exchange.getProperty(PollContext.PROPERTY, PollContext.class).getAccount();
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        Message msg = exchange.getMessage();
        msg.removeHeaders("*", "CamelRedelivery*");
        // typed as the http component reads it: a String would cost a type-converter lookup on every call
        msg.setHeader(Exchange.HTTP_METHOD, HttpMethods.valueOf(request.method()));
        msg.setHeader(Exchange.HTTP_PATH, request.path());
        msg.setHeader(Exchange.HTTP_QUERY, null);
        msg.setHeader("openapikey", account.get(ElevenstConnector.API_KEY));
        // 11st's own samples send this even on GET
        msg.setHeader(Exchange.CONTENT_TYPE, "text/xml; charset=euc-kr");
        msg.setHeader("Accept", "application/xml");
        msg.setBody(request.body()); // null but for the product services' PUTs (stockqty's ProductStock)
        exchange.setProperty(ApiRequest.BASE_URL, baseUrl(account));
    }

    /**
     * HTTP 200: the body becomes an {@link ElevenstXml.Answer}. Key, IP, maintenance and (on list calls) any
     * negative result code become typed exceptions naming the account and the call; on action calls
     * (reqpackaging, reqdelivery, the claim answers) the per-call codes are left to the step that reads the answer.
     */
    // takes the Exchange: it reads the HTTP status, headers and body, and leaves the answer as the body
    public void check(Exchange exchange) throws SQLException {
        Account account = exchange.getProperty(PollContext.PROPERTY, PollContext.class).getAccount();
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String what = "11st " + request.purpose() + " for account " + account.id();
        ElevenstXml.Answer answer = null;
        String problem = null;
        try {
            answer = ElevenstXml.parse(body, ElevenstXml.charset(account.get(ElevenstConnector.RESPONSE_CHARSET)));
        } catch (ElevenstXml.UnsafeOrBrokenXml e) {
            if (e.refused()) {
                // kept where an operator sees it, with the reason; the poll (or shipment) fails, other accounts go on
                String text = ElevenstXml.decode(body, ElevenstXml.charset(account.get(ElevenstConnector.RESPONSE_CHARSET)));
                intakeErrors.record(Marketplace.ELEVENST, account.id(), "response:" + request.path(), ErrorType.MAPPING,
                        what + ": " + e.getMessage(), text.length() > 20000 ? text.substring(0, 20000) : text);
                LOG.error("account={} 11st {}: answer refused: {}", account.id(), request.purpose(), e.getMessage());
                throw new RejectedException("XML_REFUSED", what + ": HTTP " + status + " answer " + e.getMessage()
                        + "; kept in MB_INTAKE_ERROR");
            }
            problem = e.getMessage();
        }
        boolean authMessage = status == 500 && answer != null && "AuthMessage".equals(answer.root());
        Duration retryAfter = RetryAfter.of(exchange.getMessage());
        ElevenstErrors.HTTP.check(new HttpAnswer(what, account.id(), status, authMessage ? "AuthMessage" : null,
                authMessage ? answer.resultCode() + " " + answer.resultText() : null,
                retryAfter != null ? retryAfter : Duration.ofSeconds(1)));
        if (answer == null) {
            throw new TransientMarketplaceException(what + ": HTTP " + status + " with a body that is " + problem,
                    (Duration) null);
        }
        ElevenstErrors.RESULT.check(new ElevenstErrors.Result(what, account.id(), answer.code(), answer.resultText(),
                isAction(request), answer.rows().isEmpty()));
        exchange.getMessage().setBody(answer);
    }

    /**
     * The calls that change something: their result codes concern one line, bundle, claim or option (read by the
     * caller).
     */
    private static final List<String> ACTIONS = List.of("/reqpackaging/", "/reqdelivery/", "/claimservice/cancelreqconf/",
            "/claimservice/cancelreqreject/", "/claimservice/returnreqconf/", "/claimservice/exchangereqconf/",
            "/claimservice/reqrejectorder/", "/prodservices/stockqty/");

    static boolean isAction(ApiRequest request) {
        return ACTIONS.stream().anyMatch(request.path()::contains);
    }
}
