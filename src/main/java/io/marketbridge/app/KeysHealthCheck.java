package io.marketbridge.app;

import java.util.List;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * /observe/health: "keys" is DOWN (readiness) while an enabled account's API key has expired. Camel's health has
 * no warning state, so a key within marketbridge.keys.warn-days of its expiry keeps it UP with the detail
 * "warning" naming those accounts; each account's key is a detail ("account.&lt;id&gt;").
 */
public class KeysHealthCheck extends AbstractHealthCheck {

    private final KeyExpiry keys;

    public KeysHealthCheck(KeyExpiry keys) {
        super("market-bridge", "keys");
        this.keys = keys;
    }

    @Override
    public boolean isLiveness() {
        return false; // an expired key needs a person, not a restart
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<KeyExpiry.KeyState> states = keys.states().stream().filter(KeyExpiry.KeyState::enabled).toList();
        states.forEach(k -> builder.detail("account." + k.accountId(), k.describe()));
        List<String> warning = ids(states, KeyExpiry.State.WARNING);
        List<String> expired = ids(states, KeyExpiry.State.EXPIRED);
        if (!warning.isEmpty()) {
            builder.detail("warning", "keys expiring within " + keys.warnDays() + " days: " + String.join(", ", warning));
        }
        if (!expired.isEmpty()) {
            builder.detail("expired", String.join(", ", expired));
            builder.down();
        } else {
            builder.up();
        }
    }

    private static List<String> ids(List<KeyExpiry.KeyState> states, KeyExpiry.State state) {
        return states.stream().filter(k -> k.state() == state).map(KeyExpiry.KeyState::accountId).toList();
    }
}
