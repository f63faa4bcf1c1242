package io.marketbridge.app;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Who may reach the management server (camel.management.*: /observe/health, /observe/metrics). It listens on
 * loopback unless configured otherwise; bound anywhere else it needs {@value #TOKEN_KEY}, and once that token is
 * set every request to it must carry {@code Authorization: Bearer <token>}. Camel's own authentication options
 * (camel.management.authentication-*) know a basic-auth properties file and JWT keystores, not a plain token,
 * so the check is an authentication entry of our own in the same Vert.x configuration.
 */
final class ManagementAccess {

    static final String TOKEN_KEY = "marketbridge.management.token";
    static final int MIN_TOKEN_LENGTH = 16;

    private ManagementAccess() {
    }

    /**
     * The token the management server requires (null: none). Refuses, with a message naming the settings, a
     * management server bound beyond loopback without a token (or Camel's own authentication), and a short token.
     */
    static String check(PropertiesComponent props) {
        String token = props.resolveProperty(TOKEN_KEY).map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        if (token != null && token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalStateException(TOKEN_KEY + " is too short: use at least " + MIN_TOKEN_LENGTH
                    + " random characters (e.g. the output of 'openssl rand -hex 32')");
        }
        boolean enabled = Boolean.parseBoolean(props.resolveProperty("camel.management.enabled").orElse("false").trim());
        boolean camelAuthentication = camelAuthentication(props);
        if (!enabled || token != null || camelAuthentication) {
            return token;
        }
        // Camel's own default host is 0.0.0.0
        String host = props.resolveProperty("camel.management.host").map(String::trim).filter(s -> !s.isEmpty()).orElse("0.0.0.0");
        if (!isLoopback(host)) {
            throw new IllegalStateException("camel.management.host = " + host + " serves /observe/health and /observe/metrics"
                    + " beyond this machine: set " + TOKEN_KEY + " (e.g. {{env:MARKETBRIDGE_MANAGEMENT_TOKEN}}) so they"
                    + " require 'Authorization: Bearer <token>', or bind camel.management.host to 127.0.0.1");
        }
        return null;
    }

    /** True when Camel's own authentication (basic or JWT) guards the management server. */
    static boolean camelAuthentication(PropertiesComponent props) {
        // Camel main accepts both spellings of its own authentication switch
        return Boolean.parseBoolean(props.resolveProperty("camel.management.authentication-enabled")
                .or(() -> props.resolveProperty("camel.management.authenticationEnabled")).orElse("false").trim());
    }

    /** True for a loopback address or a name that resolves only to one (localhost); 0.0.0.0 and :: are not. */
    static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress a : addresses) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Puts the bearer-token check in front of every path of the management server (before it starts). */
    static void requireToken(CamelContext context, String token) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null) {
            return;
        }
        byte[] expected = token.getBytes(StandardCharsets.UTF_8);
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath("/*");
        // the token is compared here; no Vert.x authentication provider is needed for it
        entry.setAuthenticationProviderFactory(vertx -> null);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends io.vertx.ext.auth.authentication.AuthenticationProvider>
                    io.vertx.ext.web.handler.AuthenticationHandler createAuthenticationHandler(T unused) {
                return SimpleAuthenticationHandler.create().authenticate(ctx -> authenticate(ctx, expected));
            }
        });
        AuthenticationConfig auth = server.getConfiguration().getAuthenticationConfig();
        auth.getEntries().add(entry);
        auth.setEnabled(true);
    }

    private static Future<User> authenticate(RoutingContext ctx, byte[] expected) {
        String header = ctx.request().getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(given, expected)) { // constant time
                return Future.succeededFuture(User.create(new JsonObject().put("sub", "management")));
            }
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"market-bridge\"");
        return Future.failedFuture(new HttpException(401));
    }
}
