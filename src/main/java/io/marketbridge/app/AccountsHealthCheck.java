package io.marketbridge.app;

import io.marketbridge.config.AccountRegistry;
import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ErrorType;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * /observe/health: "accounts" is DOWN (readiness) while an account block was rejected at start or an
 * account's last poll failed on its configuration (bad key, IP not registered, wrong vendor id), so an
 * operator is alerted; transient failures do not flip it. Details list each account's last outcome.
 */
public class AccountsHealthCheck extends AbstractHealthCheck {

    private final AccountRegistry accounts;
    private final PollReport polls;

    public AccountsHealthCheck(AccountRegistry accounts, PollReport polls) {
        super("market-bridge", "accounts");
        this.accounts = accounts;
        this.polls = polls;
    }

    @Override
    public boolean isLiveness() {
        return false; // a wrong key must not get the process restarted
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        boolean down = !accounts.rejected().isEmpty();
        accounts.rejected().forEach((id, why) -> builder.detail("account." + id, "REJECTED AT START: " + why));
        for (PollReport.Outcome o : polls.lastOutcomes().values()) {
            String key = "account." + o.accountId() + "." + o.job();
            if (o.ok()) {
                builder.detail(key, "OK at " + o.at());
            } else {
                builder.detail(key, o.errorType() + " at " + o.at() + ": " + o.message());
                down |= o.errorType() == ErrorType.CONFIGURATION;
            }
        }
        builder.detail("accounts.scheduled", accounts.accounts().stream().filter(a -> a.enabled()).count());
        if (down) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
