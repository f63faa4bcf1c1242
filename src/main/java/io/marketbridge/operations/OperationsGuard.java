package io.marketbridge.operations;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * Keeps the management port's actions (POST) out of reach of web pages in the operator's browser. The bearer
 * token, when set, is checked for every request before this (app/ManagementAccess). Here, on top:
 * <ul>
 * <li>without authentication (a bearer token or Camel's own), so on loopback, the Host header must name loopback literally (localhost, 127.x, [::1]): a page
 *     whose own name resolves to 127.0.0.1 (DNS rebinding) is refused, reads included;</li>
 * <li>a browser's Origin or Sec-Fetch-Site must say the request comes from this server itself;</li>
 * <li>an action must carry the operations page's form token (field {@value #FORM_FIELD}) or the header
 *     {@value #SCRIPT_HEADER}, which a browser sends to another site only after a CORS preflight this server never
 *     grants.</li>
 * </ul>
 */
public class OperationsGuard {

    public static final String FORM_FIELD = "csrf";
    public static final String SCRIPT_HEADER = "X-Requested-By";
    private static final Pattern LOOPBACK_HOST = Pattern.compile("localhost|127(\\.\\d{1,3}){3}|\\[::1]|::1");

    /** Requests are authenticated (bearer token or Camel's own authentication) before they get here. */
    private final boolean authenticated;
    private final String formToken;

    public OperationsGuard(boolean authenticated) {
        this.authenticated = authenticated;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.formToken = HexFormat.of().formatHex(random);
    }

    /** The token the page's forms carry: random per start, never logged. */
    public String formToken() {
        return formToken;
    }

    /** Route step before every operations endpoint. */
    public void read(Exchange exchange) {
        read(requestHeader(exchange, "Host"));
    }

    /**
     * Route step before every action: refuses what a page of another site could send. Returns true when the request
     * came from the operations page's own form (the route then sends the browser back to the page).
     */
    public boolean action(Exchange exchange, @Header(FORM_FIELD) String form) {
        return action(requestHeader(exchange, "Host"), requestHeader(exchange, "Origin"),
                requestHeader(exchange, "Sec-Fetch-Site"), form, requestHeader(exchange, SCRIPT_HEADER));
    }

    /** The request's own header: Camel's HTTP header filter keeps Host (and may keep others) out of the message. */
    private static String requestHeader(Exchange exchange, String name) {
        HttpMessage http = exchange.getIn(HttpMessage.class);
        if (http != null && http.getRequest() != null) {
            if ("Host".equals(name)) {
                // HTTP/2 (h2c) carries it as :authority, which Vert.x gives for both
                io.vertx.core.net.HostAndPort authority = http.getRequest().authority();
                return authority == null ? null : authority.port() < 0 ? authority.host() : authority.host() + ":" + authority.port();
            }
            return http.getRequest().getHeader(name);
        }
        return exchange.getIn().getHeader(name, String.class);
    }

    void read(String host) {
        if (!authenticated && !LOOPBACK_HOST.matcher(hostName(host)).matches()) {
            throw OperationsException.refused("the management port answers requests for localhost, 127.0.0.1 or [::1]"
                    + " only (Host was '" + hostName(host) + "'); bound beyond loopback it needs marketbridge.management.token");
        }
    }

    boolean action(String host, String origin, String fetchSite, String form, String script) {
        read(host);
        if (origin != null && !origin.isBlank() && !"null".equals(origin) && !sameHost(origin, host)) {
            throw OperationsException.refused("cross-site request refused (Origin " + origin + ")");
        }
        if ("null".equals(origin)) {
            throw OperationsException.refused("cross-site request refused (Origin null)");
        }
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            throw OperationsException.refused("cross-site request refused (Sec-Fetch-Site " + fetchSite + ")");
        }
        if (form != null && MessageDigest.isEqual(form.getBytes(StandardCharsets.UTF_8), formToken.getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        if (script != null && !script.isBlank()) {
            return false;
        }
        throw OperationsException.refused("an action needs the header " + SCRIPT_HEADER + " (e.g. curl -H '"
                + SCRIPT_HEADER + ": ops') or the operations page's button");
    }

    private static boolean sameHost(String origin, String host) {
        int scheme = origin.indexOf("://");
        String authority = scheme < 0 ? origin : origin.substring(scheme + 3);
        return host != null && authority.toLowerCase(Locale.ROOT).equals(host.trim().toLowerCase(Locale.ROOT));
    }

    /** The host part of a Host header: localhost:8080 -> localhost, [::1]:8080 -> [::1]. */
    static String hostName(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(0, end + 1);
        }
        int colon = h.indexOf(':');
        return colon >= 0 && colon == h.lastIndexOf(':') ? h.substring(0, colon) : h;
    }
}
