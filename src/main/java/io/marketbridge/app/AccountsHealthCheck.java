package io.marketbridge.app;

import io.marketbridge.config.AccountRegistry;
import io.marketbridge.intake.PollReport;
import io.marketbridge.marketplace.ErrorType;
import io.marketbridge.schedule.PollSlots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * /observe/health: "accounts" is DOWN (readiness) while an account block was rejected at start or an
 * account's last poll failed on its configuration (bad key, IP not registered, wrong vendor id), so an
 * operator is alerted; transient failures do not flip it. Details list each account's last outcome. A poll
 * running past its deadline (marketbridge.polls.deadline-ms) replaces its account's last outcome, which would be a
 * stale "OK", and is DOWN too; accounts whose last poll timed out (held to the stalled slots) are listed.
 * An account whose polls keep failing for any reason (an unreachable base-url is TRANSIENT at every poll) is in a
 * warning state after {@value #WARN_AFTER} polls in a row (the check stays UP, detail {@code accounts.warning}
 * names it) and makes the check DOWN after {@value #DOWN_AFTER} (0: never).
 */
public class AccountsHealthCheck extends AbstractHealthCheck {

    public static final String WARN_AFTER = "marketbridge.health.account-warn-after-failed-polls";
    public static final String DOWN_AFTER = "marketbridge.health.account-down-after-failed-polls";

    private final AccountRegistry accounts;
    private final PollReport polls;
    private final PollSlots slots;
    private final int warnAfter;
    private final int downAfter;

    public AccountsHealthCheck(AccountRegistry accounts, PollReport polls, PollSlots slots, int warnAfter, int downAfter) {
        super("market-bridge", "accounts");
        if (warnAfter < 1 || downAfter < 0) {
            throw new IllegalArgumentException(WARN_AFTER + " must be at least 1 and " + DOWN_AFTER + " at least 0 (0: never DOWN)");
        }
        this.accounts = accounts;
        this.polls = polls;
        this.slots = slots;
        this.warnAfter = warnAfter;
        this.downAfter = downAfter;
    }

    /** With the failed-poll limits of the configuration (defaults 3 and 10). */
    public static AccountsHealthCheck from(AccountRegistry accounts, PollReport polls, PollSlots slots, Function<String, String> property) {
        return new AccountsHealthCheck(accounts, polls, slots, number(property, WARN_AFTER, 3), number(property, DOWN_AFTER, 10));
    }

    private static int number(Function<String, String> property, String key, int defaultValue) {
        String v = property.apply(key);
        try {
            return v == null || v.isBlank() ? defaultValue : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + v.trim() + "'");
        }
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
        List<String> warnings = new ArrayList<>();
        for (PollReport.FailureStreak f : polls.failureStreaks().values()) {
            if (f.polls() < warnAfter) {
                continue;
            }
            boolean failedTooLong = downAfter > 0 && f.polls() >= downAfter;
            details.put("account." + f.accountId() + "." + f.job() + ".failing", (failedTooLong ? "DOWN" : "WARNING") + ": "
                    + f.polls() + " polls in a row failed since " + f.since() + ", the last " + f.lastType()
                    + (failedTooLong ? " (" + DOWN_AFTER + " = " + downAfter + ")" : " (" + WARN_AFTER + " = " + warnAfter + ")"));
            if (failedTooLong) {
                down = true;
            } else {
                warnings.add(f.accountId() + "/" + f.job());
            }
        }
        java.util.Collections.sort(warnings);
        builder.detail("accounts.warning", String.join(",", warnings));
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
