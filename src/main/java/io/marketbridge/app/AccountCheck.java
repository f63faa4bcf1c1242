package io.marketbridge.app;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.SafeMessages;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.ConnectionCheck;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.marketplace.MarketplaceException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * The connection test of accounts: each account's {@link MarketplaceConnector#connectionCheck} call, sent once
 * through its marketplace's call route (no retry: the answer as it is), read with the marketplace's error table.
 * Used by the {@code check} command and by GET /observe/accounts/&lt;id&gt;/check on a running node.
 */
public class AccountCheck {

    /** What a test found. OK, or the error type of the failure as the connector's error table decided it. */
    public enum Outcome { OK, CONFIGURATION, TRANSIENT, REJECTED }

    /**
     * One account's test.
     *
     * @param message     what the marketplace answered, log-safe (no keys, no personal data)
     * @param keyDaysLeft days until the account's API key expires, null when unknown
     */
    public record Result(String account, String marketplace, Outcome outcome, String message, Long keyDaysLeft) {

        public boolean ok() {
            return outcome == Outcome.OK;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("account", account);
            map.put("marketplace", marketplace);
            map.put("outcome", outcome.name());
            map.put("message", message);
            map.put("keyDaysLeft", keyDaysLeft);
            return map;
        }
    }

    private final CamelContext camel;
    private final AccountRegistry accounts;
    private final KeyExpiry keys;
    private final Clock clock;

    public AccountCheck(CamelContext camel, AccountRegistry accounts, KeyExpiry keys, Clock clock) {
        this.camel = camel;
        this.accounts = accounts;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Tests the named accounts, or, with none named, every enabled account and every account block rejected at start
     * (as CONFIGURATION, with the reason). A name that is no account is CONFIGURATION too.
     */
    public List<Result> check(List<String> accountIds) {
        List<Result> results = new ArrayList<>();
        if (accountIds.isEmpty()) {
            accounts.rejected().forEach((id, why) -> results.add(rejectedAtStart(id, why)));
            accounts.accounts().stream().filter(Account::enabled).forEach(a -> results.add(check(a)));
            results.sort(java.util.Comparator.comparing(Result::account));
            return results;
        }
        for (String id : accountIds) {
            results.add(check(id));
        }
        return results;
    }

    /** One account by id, enabled or not. */
    public Result check(String accountId) {
        String rejected = accounts.rejected().get(accountId);
        if (rejected != null) {
            return rejectedAtStart(accountId, rejected);
        }
        Account account = accounts.accounts().stream().filter(a -> a.id().equals(accountId)).findFirst().orElse(null);
        if (account == null) {
            return new Result(accountId, null, Outcome.CONFIGURATION, "no account " + accountId + " in the configuration"
                    + " (marketbridge.account." + accountId + ".*)", null);
        }
        return check(account);
    }

    public Result check(Account account) {
        KeyExpiry.KeyState key = keys.state(account);
        Result result = call(account, key.daysLeft());
        if (key.state() == KeyExpiry.State.WARNING || key.state() == KeyExpiry.State.EXPIRED) {
            return new Result(result.account(), result.marketplace(), result.outcome(),
                    result.message() + "; API key " + key.describe(), result.keyDaysLeft());
        }
        return result;
    }

    private Result call(Account account, Long daysLeft) {
        MarketplaceConnector connector = accounts.connector(account);
        ConnectionCheck check = connector.connectionCheck(account, clock);
        if (check == null) {
            return new Result(account.id(), account.marketplace(), Outcome.CONFIGURATION,
                    "the " + account.marketplace() + " connector has no connection check", daysLeft);
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        ProducerTemplate producer = camel.createProducerTemplate();
        try {
            Exchange answer = producer.send("direct:" + check.callRoute(), exchange -> {
                exchange.setProperty(PollContext.PROPERTY, new PollContext<>(account, "check", now.minusDays(1), now, null));
                exchange.setProperty(ApiRequest.PROPERTY, check.request());
                check.properties().forEach(exchange::setProperty);
            });
            Throwable failure = answer.getException();
            if (failure == null) {
                String suffix = account.enabled() ? "" : " (the account is disabled)";
                return new Result(account.id(), account.marketplace(), Outcome.OK, check.request().purpose() + " answered" + suffix,
                        daysLeft);
            }
            return failed(account, failure, daysLeft);
        } finally {
            try {
                producer.close();
            } catch (java.io.IOException ignored) {
                // nothing was held open
            }
        }
    }

    private Result failed(Account account, Throwable failure, Long daysLeft) {
        Throwable cause = failure;
        while (!(cause instanceof MarketplaceException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof MarketplaceException typed) {
            Outcome outcome = switch (typed.type()) {
                case CONFIGURATION -> Outcome.CONFIGURATION;
                case TRANSIENT -> Outcome.TRANSIENT;
                case REJECTED, MAPPING -> Outcome.REJECTED;
            };
            return new Result(account.id(), account.marketplace(), outcome, SafeMessages.of(typed), daysLeft);
        }
        // connection refused, unknown host, TLS: nothing answered, so nothing says the configuration is wrong
        return new Result(account.id(), account.marketplace(), Outcome.TRANSIENT,
                "no answer from " + account.marketplace() + " for account " + account.id() + ": " + SafeMessages.of(failure),
                daysLeft);
    }

    private static Result rejectedAtStart(String id, String why) {
        return new Result(id, null, Outcome.CONFIGURATION, "rejected at start: " + why, null);
    }
}
