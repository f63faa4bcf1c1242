package io.marketbridge.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.marketbridge.order.OrderJson;
import io.vertx.core.http.HttpMethod;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;

/**
 * GET /observe/accounts/&lt;id&gt;/check on the management server: the account's connection test
 * ({@link AccountCheck}) as JSON, 200 when OK and 503 otherwise. It sits behind the server's own guard (loopback,
 * or the bearer token of {@link ManagementAccess}), like /observe/health.
 */
final class AccountCheckEndpoint {

    private AccountCheckEndpoint() {
    }

    /** Adds the path once the context, and so the management server (whose router it needs), has started. */
    static void installOnceStarted(CamelContext context, AccountCheck checks) {
        try {
            context.addStartupListener(new OnceStarted(checks));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot add /observe/accounts/<id>/check: " + e.getMessage(), e);
        }
    }

    private record OnceStarted(AccountCheck checks) implements org.apache.camel.ExtendedStartupListener {

        @Override
        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
            // the management server's router is complete only once every service has started
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
            install(context, checks);
        }
    }

    /** Adds the path to the running management server (its router exists once it has started); none: nothing. */
    static void install(CamelContext context, AccountCheck checks) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        if (server == null || server.getRouter() == null) {
            return;
        }
        // beside the health path (/observe/health -> /observe), which camel.management.health-path may move
        String health = server.getHealthPath() == null ? "/observe/health" : server.getHealthPath();
        String base = health.substring(0, Math.max(0, health.lastIndexOf('/')));
        // the test waits for the marketplace's answer: on a worker thread, not the event loop
        server.getRouter().route(HttpMethod.GET, base + "/accounts/:id/check").blockingHandler(ctx -> {
            AccountCheck.Result result = checks.check(ctx.pathParam("id"));
            String json;
            try {
                json = OrderJson.mapper().writeValueAsString(result.toMap());
            } catch (JsonProcessingException e) {
                json = "{\"outcome\":\"" + result.outcome() + "\"}";
            }
            ctx.response().setStatusCode(result.ok() ? 200 : 503)
                    .putHeader("Content-Type", "application/json; charset=UTF-8").end(json);
        }, false);
    }
}
