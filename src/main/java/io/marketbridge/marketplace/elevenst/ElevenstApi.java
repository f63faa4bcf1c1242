package io.marketbridge.marketplace.elevenst;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.intake.IntakeErrors;
import io.marketbridge.intake.PollContext;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.ConfigurationException;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.marketplace.RejectedException;
import io.marketbridge.marketplace.TransientMarketplaceException;
import io.marketbridge.order.Marketplace;
import java.sql.SQLException;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two Java steps of route elevenst-api around the HTTP call: the request (a GET with everything in the path and
 * the static {@code openapikey} header), and the answer: XML decoded with the account's charset, read by local
 * name, its result code turned into a typed exception where it concerns the whole account (key, IP, maintenance)
 * and left to the calling step where it concerns one order line or bundle.
 */
public class ElevenstApi {

    private static final Logger LOG = LoggerFactory.getLogger(ElevenstApi.class);

    /** Result codes that say something about the account or 11st as a whole, whatever the call. */
    static final int BUSINESS_ERROR = -1;
    static final int MAINTENANCE = -1000;
    static final String IP_NOT_ALLOWED = "this server's IP address is not registered for the OpenAPI key: add it in"
            + " 11st Seller Office (Open API 관리 -> 서버 IP)";

    private final IntakeErrors intakeErrors;

    public ElevenstApi(IntakeErrors intakeErrors) {
        this.intakeErrors = intakeErrors;
    }

    static String baseUrl(Account account) {
        return account.get(ElevenstConnector.BASE_URL).replaceAll("/+$", "");
    }

    public void prepare(Exchange exchange) {
        Account account = exchange.getProperty(PollContext.PROPERTY, PollContext.class).getAccount();
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        Message msg = exchange.getMessage();
        msg.removeHeaders("*", "CamelRedelivery*");
        msg.setHeader(Exchange.HTTP_METHOD, request.method());
        msg.setHeader(Exchange.HTTP_PATH, request.path());
        msg.setHeader(Exchange.HTTP_QUERY, null);
        msg.setHeader("openapikey", account.get(ElevenstConnector.API_KEY));
        // 11st's own samples send this even on GET
        msg.setHeader(Exchange.CONTENT_TYPE, "text/xml; charset=euc-kr");
        msg.setHeader("Accept", "application/xml");
        msg.setBody(null);
        exchange.setProperty("mbBaseUrl", baseUrl(account));
    }

    /**
     * HTTP 200: the body becomes an {@link ElevenstXml.Answer}. Key, IP, maintenance and (on list calls) any
     * negative result code become typed exceptions naming the account and the call; on action calls
     * (reqpackaging, reqdelivery) the per-call codes are left to the step that reads the answer.
     */
    public void check(Exchange exchange) throws SQLException {
        Account account = exchange.getProperty(PollContext.PROPERTY, PollContext.class).getAccount();
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        String what = "11st " + request.purpose() + " for account " + account.id();
        String prefix = AccountRegistry.PREFIX + account.id() + ".";
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
        if (status == 500 && answer != null && "AuthMessage".equals(answer.root())) {
            throw new ConfigurationException(what + ": HTTP 500 AuthMessage " + answer.resultCode() + " "
                    + answer.resultText() + " - " + IP_NOT_ALLOWED);
        }
        if (status == 429) {
            throw new TransientMarketplaceException(what + ": HTTP 429 (too many calls; lower " + prefix
                    + ElevenstConnector.RATE_PER_SECOND + ")", retryAfter(exchange));
        }
        if (status >= 500 || status == 408) {
            throw new TransientMarketplaceException(what + ": HTTP " + status, (Duration) null);
        }
        if (status == 401 || status == 403) {
            throw new ConfigurationException(what + ": HTTP " + status + " - check " + prefix + ElevenstConnector.API_KEY
                    + " and the server IPs registered with it");
        }
        if (status == 404) {
            throw new ConfigurationException(what + ": HTTP 404 - check " + prefix + ElevenstConnector.BASE_URL);
        }
        if (status < 200 || status >= 300) {
            throw new RejectedException(String.valueOf(status), what + ": HTTP " + status);
        }
        if (answer == null) {
            throw new TransientMarketplaceException(what + ": HTTP " + status + " with a body that is " + problem,
                    (Duration) null);
        }
        int code = answer.code();
        if (code == BUSINESS_ERROR && answer.rows().isEmpty() && (!isAction(request)
                || String.valueOf(answer.resultText()).contains("Key"))) {
            // "OpenAPI Key 에 해당하는 유저가 없습니다" and its kind: nothing a retry can fix
            throw new ConfigurationException(what + ": result_code -1 " + answer.resultText() + " - check " + prefix
                    + ElevenstConnector.API_KEY);
        }
        if (code == MAINTENANCE) {
            throw new TransientMarketplaceException(what + ": result_code -1000 " + answer.resultText()
                    + " (11st's weekly maintenance)", (Duration) null);
        }
        if (code < 0 && !isAction(request)) {
            throw new RejectedException(String.valueOf(code), what + ": result_code " + code + " " + answer.resultText());
        }
        exchange.getMessage().setBody(answer);
    }

    static boolean isAction(ApiRequest request) {
        return request.path().contains("/reqpackaging/") || request.path().contains("/reqdelivery/");
    }

    private static Duration retryAfter(Exchange exchange) {
        String v = exchange.getMessage().getHeader("Retry-After", String.class);
        return v != null && v.trim().matches("[0-9]{1,4}") ? Duration.ofSeconds(Long.parseLong(v.trim())) : Duration.ofSeconds(1);
    }
}
