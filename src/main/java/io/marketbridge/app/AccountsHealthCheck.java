package io.marketbridge.app;

import io.marketbridge.config.AccountRegistry;
import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.schedule.PollSlots;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * /observe/health: "accounts" is DOWN (readiness) while an account block was rejected at start or an
 * account's last poll failed on its configuration (bad key, IP not registered, wrong vendor id), so an
 * operator is alerted; transient failures do not flip it. Details list each account's last outcome. A poll
 * running past its deadline (marketbridge.polls.deadline-ms) replaces its account's last outcome, which would be a
 * stale "OK", and is DOWN too; accounts whose last poll timed out (held to the stalled slots) are listed.
 */
public class AccountsHealthCheck extends AbstractHealthCheck {

    private final AccountRegistry accounts;
    private final PollReport polls;
    private final PollSlots slots;

    public AccountsHealthCheck(AccountRegistry accounts, PollReport polls, PollSlots slots) {
        super("market-bridge", "accounts");
        this.accounts = accounts;
        this.polls = polls;
        this.slots = slots;
    }

    @Override
    public boolean isLiveness() {
        return false; // a wrong key must not get the process restarted
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        boolean down = !accounts.rejected().isEmpty();
        accounts.rejected().forEach((id, why) -> builder.detail("account." + id, "REJECTED AT START: " + why));
        Map<String, String> details = new HashMap<>();
        for (PollReport.Outcome o : polls.lastOutcomes().values()) {
            String key = "account." + o.accountId() + "." + o.job();
            if (o.ok()) {
                details.put(key, "OK at " + o.at());
            } else {
                details.put(key, o.errorType() + " at " + o.at() + ": " + o.message());
                down |= o.errorType() == ErrorType.CONFIGURATION;
            }
        }
        int overdue = 0;
        for (PollSlots.Running r : slots.running()) {
            Duration ran = slots.overdue(r);
            if (ran != null) {
                String key = "account." + r.accountId() + "." + r.job();
                String last = details.get(key);
                details.put(key, "POLL OVERDUE: poll running for " + ran.toSeconds() + " s, past its deadline of "
                        + slots.pollDeadline().toSeconds() + " s (" + PollSlots.DEADLINE_PROPERTY + ")"
                        + (last == null ? "" : "; last outcome: " + last));
                overdue++;
            }
        }
        for (PollSlots.Stalled s : slots.stalled()) {
            details.put("account." + s.accountId() + "." + s.job() + ".stalled", "since " + s.since() + ": " + s.reason()
                    + "; its polls share the " + slots.slots() + " stalled slot(s), " + s.skippedFires() + " fire(s) skipped");
        }
        details.forEach(builder::detail);
        builder.detail("polls.running", slots.running().size());
        builder.detail("polls.overdue", overdue);
        builder.detail("polls.stalled-slots-in-use", slots.slotsInUse() + " of " + slots.slots());
        down |= overdue > 0;
        builder.detail("accounts.scheduled", accounts.accounts().stream().filter(a -> a.enabled()).count());
        if (down) {
            builder.down();
        } else {
            builder.up();
        }
    }
}
