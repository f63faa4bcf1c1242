package io.marketbridge.marketplace.qoo10;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.config.Account;
import io.marketbridge.intake.PollContext;
import io.marketbridge.logging.LogMasker;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.HttpAnswer;
import io.marketbridge.marketplace.JsonFields;
import io.marketbridge.marketplace.RetryAfter;
import io.marketbridge.order.OrderJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;

/**
 * The Java steps of routes qoo10-api and qoo10-call: the seller authorization key (SAK) of each account, and one
 * QAPI call around the HTTP request.
 *
 * <p>A request names its QAPI method in {@link ApiRequest#path()} ("ShippingBasic.GetShippingInfo_v2") and carries
 * its parameters, form-encoded, as its body. {@link #prepare} sends it in the account's call style: header style
 * (POST to {@code <service-path>/<method>} with the key in {@code GiosisCertificationKey} and {@code QAPIVersion}),
 * or the legacy style (POST to the service path with {@code v}, {@code returnType}, {@code method} and {@code key}
 * among the parameters; POST so the key never sits in a URL). The key is the SAK, except for
 * CertificationAPI.CreateCertificationKey, which the API key authenticates.
 *
 * <p>The SAK is cached per account, with the credentials it was issued for: it is renewed when Qoo10 says it expired
 * (-90004 / -90005, once per call), when it is older than {@code sak-max-age}, and when the account's keys change
 * (a reload). It is never logged: every SAK is given to the log masker the moment it arrives.
 */
public class Qoo10Api {

    static final String CREATE_KEY = "CertificationAPI.CreateCertificationKey";
    /** Exchange property: the request waiting while a SAK is fetched. */
    static final String PENDING = "mbQoo10Pending";
    /** Exchange property: true once this call has renewed its SAK (a second expiry is a configuration error). */
    static final String RENEWED = "mbQoo10Renewed";
    /** Exchange property: the call is about one order; its business codes go back to the calling step. */
    public static final String PER_ORDER = "mbQoo10PerOrder";

    private record Sak(String value, Instant issuedAt, String credentials) {
        @Override
        public String toString() {
            return "Sak[******]";
        }
    }

    private final Clock clock;
    private final Map<String, Sak> saks = new ConcurrentHashMap<>();

    public Qoo10Api(Clock clock) {
        this.clock = clock;
    }

    /** A form body: each name and value percent-encoded as UTF-8, in the order given. */
    static String form(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> {
            if (v != null) {
                b.append(b.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return b.toString();
    }

    /** A QAPI call: the method and its parameters. */
    static ApiRequest call(String method, Map<String, String> params, String purpose) {
        return ApiRequest.withBody("POST", method, form(params), purpose);
    }

    // ------------------------------------------------------------------ the SAK

    /** Route step: true when the account has no usable SAK (none, too old, or issued for other keys). */
    public boolean needsKey(@ExchangeProperty(PollContext.PROPERTY) PollContext<?> poll) {
        Account account = poll.getAccount();
        Sak sak = saks.get(account.id());
        return sak == null || !sak.credentials().equals(credentials(account))
                || !sak.issuedAt().plus(account.duration(Qoo10Connector.SAK_MAX_AGE)).isAfter(clock.instant());
    }

    /** Route step: parks the call's request and puts CreateCertificationKey in its place. */
    public void certify(Exchange exchange) {
        Account account = account(exchange);
        exchange.setProperty(PENDING, exchange.getProperty(ApiRequest.PROPERTY));
        Map<String, String> params = new LinkedHashMap<>();
        params.put(account.get(Qoo10Connector.USER_ID_PARAM), account.get(Qoo10Connector.USER_ID));
        params.put("pwd", account.get(Qoo10Connector.PASSWORD));
        exchange.setProperty(ApiRequest.PROPERTY, call(CREATE_KEY, params, "seller authorization key"));
    }

    /** Route step: keeps the SAK the answer carries and gives the parked request back. */
    public void keepKey(Exchange exchange) {
        Account account = account(exchange);
        JsonNode answer = exchange.getMessage().getBody(JsonNode.class);
        String sak = JsonFields.blankToNull(answer.path("ResultObject").asText(""));
        if (sak == null) {
            throw new io.marketbridge.marketplace.ConfigurationException("Qoo10 seller authorization key for account "
                    + account.id() + ": ResultCode 0 without a key in ResultObject");
        }
        LogMasker.protect(sak);
        saks.put(account.id(), new Sak(sak.trim(), clock.instant(), credentials(account)));
        exchange.setProperty(ApiRequest.PROPERTY, exchange.getProperty(PENDING));
        exchange.removeProperty(PENDING);
    }

    /** Route step: Qoo10 said the SAK expired; the next call fetches a new one. */
    public void forgetKey(Exchange exchange) {
        saks.remove(account(exchange).id());
        exchange.setProperty(RENEWED, true);
    }

    /** The keys a SAK was issued for, as a digest: a change of any of them (a reload) needs a new SAK. */
    private static String credentials(Account account) {
        String all = account.get(Qoo10Connector.BASE_URL) + "\n" + account.get(Qoo10Connector.API_KEY) + "\n"
                + account.get(Qoo10Connector.USER_ID) + "\n" + account.get(Qoo10Connector.PASSWORD);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ one call

    // takes the Exchange: it turns the request into the HTTP message (headers, body) and sets the URL
    public void prepare(Exchange exchange) {
        Account account = account(exchange);
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        String method = request.path();
        String key;
        if (method.equals(CREATE_KEY)) {
            key = account.get(Qoo10Connector.API_KEY);
        } else {
            Sak sak = saks.get(account.id());
            key = sak == null ? "" : sak.value();
        }
        String service = account.get(Qoo10Connector.SERVICE_PATH).replaceAll("/+$", "");
        Message msg = exchange.getMessage();
        msg.removeHeaders("*", "CamelRedelivery*");
        msg.setHeader(Exchange.HTTP_METHOD, "POST");
        msg.setHeader(Exchange.HTTP_QUERY, null);
        msg.setHeader(Exchange.CONTENT_TYPE, "application/x-www-form-urlencoded; charset=UTF-8");
        String params = request.body() == null ? "" : request.body();
        if (account.get(Qoo10Connector.CALL_STYLE).equals("legacy")) {
            msg.setHeader(Exchange.HTTP_PATH, service);
            Map<String, String> envelope = new LinkedHashMap<>();
            envelope.put("v", account.get(Qoo10Connector.QAPI_VERSION));
            envelope.put("returnType", "json");
            envelope.put("method", method);
            envelope.put("key", key);
            msg.setBody(form(envelope) + (params.isEmpty() ? "" : "&" + params));
        } else {
            msg.setHeader(Exchange.HTTP_PATH, service + "/" + method);
            msg.setHeader("GiosisCertificationKey", key);
            msg.setHeader("QAPIVersion", account.get(Qoo10Connector.QAPI_VERSION));
            msg.setBody(params + (params.isEmpty() ? "" : "&") + "returnType=application%2Fjson");
        }
        exchange.setProperty(ApiRequest.BASE_URL, account.get(Qoo10Connector.BASE_URL).replaceAll("/+$", ""));
    }

    // takes the Exchange: it reads the HTTP status and body, and leaves the answer (a JSON object) as the body
    public void check(Exchange exchange) {
        Account account = account(exchange);
        ApiRequest request = exchange.getProperty(ApiRequest.PROPERTY, ApiRequest.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String what = "Qoo10 " + request.purpose() + " for account " + account.id();
        Qoo10Errors.HTTP.check(new HttpAnswer(what, account.id(), status, null, null, RetryAfter.of(exchange.getMessage())));
        JsonNode json = JsonFields.answerObject(exchange.getMessage().getBody(String.class), what, status);
        // an unknown key is answered {"ErrorCode":-90001,"ErrorMsg":...}: read as the ResultCode it stands for
        JsonNode codeNode = json.has("ResultCode") ? json.get("ResultCode") : json.get("ErrorCode");
        int code = codeNode == null ? Integer.MIN_VALUE : codeNode.asInt(Integer.MIN_VALUE);
        if (code == Integer.MIN_VALUE) {
            throw new io.marketbridge.marketplace.TransientMarketplaceException(what + ": HTTP 200 without a ResultCode",
                    (java.time.Duration) null);
        }
        String message = json.has("ResultMsg") ? json.path("ResultMsg").asText("") : json.path("ErrorMsg").asText("");
        boolean certify = request.path().equals(CREATE_KEY);
        boolean renewed = Boolean.TRUE.equals(exchange.getProperty(RENEWED, Boolean.class));
        Set<Integer> renewCodes = codes(account.get(Qoo10Connector.SAK_RENEW_CODES));
        if (!certify && !renewed && renewCodes.contains(code)) {
            throw new Qoo10Errors.SakExpiredException(what + ": ResultCode " + code + " (seller authorization key expired)");
        }
        boolean list = isList(request.path());
        int noOrder = Integer.parseInt(account.get(Qoo10Connector.NO_ORDER_CODE).trim());
        Qoo10Errors.RESULT.check(new Qoo10Errors.Result(what, account.id(), request.path(), code, message, certify, list,
                Boolean.TRUE.equals(exchange.getProperty(PER_ORDER, Boolean.class)), renewed, renewCodes, noOrder));
        if (list && code == noOrder) {
            ObjectNode empty = OrderJson.mapper().createObjectNode();
            empty.put("ResultCode", 0);
            empty.putArray("ResultObject");
            json = empty;
        } else if (!json.has("ResultCode")) {
            ObjectNode normal = OrderJson.mapper().createObjectNode();
            normal.put("ResultCode", code);
            normal.put("ResultMsg", message);
            json = normal;
        }
        exchange.getMessage().setBody(json);
    }

    /** The list calls, whose "no order" code means an empty list. */
    static boolean isList(String method) {
        String m = method.toLowerCase(java.util.Locale.ROOT);
        return m.startsWith("shippingbasic.getshippinginfo") || m.startsWith("shippingbasic.getclaiminfo");
    }

    static Set<Integer> codes(String csv) {
        Set<Integer> codes = new TreeSet<>();
        for (String c : csv.split(",")) {
            if (!c.isBlank()) {
                codes.add(Integer.parseInt(c.trim()));
            }
        }
        return codes;
    }

    private static Account account(Exchange exchange) {
        return exchange.getProperty(PollContext.PROPERTY, PollContext.class).getAccount();
    }
}
