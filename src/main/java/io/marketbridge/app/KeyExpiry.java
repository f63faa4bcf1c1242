package io.marketbridge.app;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.config.CommonAccountKeys;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each account's API key expires: its {@code key-expires-on}, else its {@code key-issued-on} plus the
 * marketplace's known key lifetime ({@link MarketplaceConnector#keyLifetime()}), else unknown. Days are counted in
 * KST, the marketplaces' calendar; from the expiry day on the key counts as expired. Read by the "keys" health check,
 * the gauge marketbridge_account_key_days_left{account,marketplace}, the connection check and the daily warning
 * line (route key-expiry, routes/keys.camel.yaml). Bound as "keyExpiry".
 */
public class KeyExpiry {

    public static final String WARN_DAYS_PROPERTY = "marketbridge.keys.warn-days";
    public static final int DEFAULT_WARN_DAYS = 30;
    static final ZoneId KST = ZoneId.of("Asia/Seoul");
    private static final Logger LOG = LoggerFactory.getLogger(KeyExpiry.class);

    public enum State {
        /** No expiry date is known for the key. */
        UNKNOWN,
        OK,
        /** Within marketbridge.keys.warn-days of its expiry. */
        WARNING,
        EXPIRED
    }

    /**
     * One account's key.
     *
     * @param expiresOn the day the key stops working, or null when unknown
     * @param daysLeft  days from today (KST) to expiresOn, 0 or less once expired; null when unknown
     * @param source    how expiresOn was found: "key-expires-on" or "key-issued-on + P6M"
     * @param renewal   where the seller renews the key
     */
    public record KeyState(String accountId, String marketplace, boolean enabled, LocalDate expiresOn, Long daysLeft,
                           State state, String source, String renewal) {

        /** One line for logs, health details and the operations page; never a key. */
        public String describe() {
            return switch (state) {
                case UNKNOWN -> "no expiry known (set key-expires-on)";
                case OK -> daysLeft + " days left, expires on " + expiresOn + " (" + source + ")";
                case WARNING -> "WARNING: " + daysLeft + " days left, expires on " + expiresOn + " (" + source
                        + "); renew it in " + renewal;
                case EXPIRED -> "EXPIRED on " + expiresOn + " (" + source + "); renew it in " + renewal;
            };
        }
    }

    private final AccountRegistry accounts;
    private final int warnDays;
    private final Clock clock;
    /** accountId -> the KST day its last warning line was written: one line per account per day. */
    private final Map<String, LocalDate> warnedOn = new ConcurrentHashMap<>();
    private final Set<String> gauges = ConcurrentHashMap.newKeySet();

    public KeyExpiry(AccountRegistry accounts, int warnDays, Clock clock) {
        if (warnDays < 0) {
            throw new IllegalArgumentException(WARN_DAYS_PROPERTY + " = " + warnDays + ": must be 0 or more");
        }
        this.accounts = accounts;
        this.warnDays = warnDays;
        this.clock = clock;
    }

    /** From marketbridge.keys.warn-days (default 30). */
    public static KeyExpiry from(AccountRegistry accounts, java.util.function.Function<String, String> settings, Clock clock) {
        String value = settings.apply(WARN_DAYS_PROPERTY);
        try {
            return new KeyExpiry(accounts, value == null || value.isBlank() ? DEFAULT_WARN_DAYS : Integer.parseInt(value.trim()), clock);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(WARN_DAYS_PROPERTY + " = " + value + ": not a whole number of days", e);
        }
    }

    public int warnDays() {
        return warnDays;
    }

    /** Every account's key, in account order. */
    public List<KeyState> states() {
        return accounts.accounts().stream().map(this::state).toList();
    }

    /** The account's key. */
    public KeyState state(Account account) {
        MarketplaceConnector connector = accounts.connector(account);
        return of(account, connector.keyLifetime(), connector.keyRenewal(), LocalDate.now(clock.withZone(KST)), warnDays);
    }

    static KeyState of(Account account, Period lifetime, String renewal, LocalDate today, int warnDays) {
        LocalDate expiresOn = null;
        String source = null;
        String expires = account.get(CommonAccountKeys.KEY_EXPIRES_ON);
        String issued = account.get(CommonAccountKeys.KEY_ISSUED_ON);
        if (expires != null && !expires.isBlank()) {
            expiresOn = LocalDate.parse(expires.trim());
            source = CommonAccountKeys.KEY_EXPIRES_ON;
        } else if (issued != null && !issued.isBlank() && lifetime != null) {
            expiresOn = LocalDate.parse(issued.trim()).plus(lifetime);
            source = CommonAccountKeys.KEY_ISSUED_ON + " + " + lifetime + " (the " + account.marketplace() + " key lifetime)";
        }
        if (expiresOn == null) {
            return new KeyState(account.id(), account.marketplace(), account.enabled(), null, null, State.UNKNOWN, null, renewal);
        }
        long daysLeft = ChronoUnit.DAYS.between(today, expiresOn);
        State state = daysLeft <= 0 ? State.EXPIRED : daysLeft <= warnDays ? State.WARNING : State.OK;
        return new KeyState(account.id(), account.marketplace(), account.enabled(), expiresOn, daysLeft, state, source, renewal);
    }

    /**
     * Route step (route key-expiry, on a timer): registers the gauges of keys with a known expiry, and writes one
     * line per enabled account and day while its key is in the warning window (WARN) or expired (ERROR).
     */
    public void review(CamelContext camel) {
        MeterRegistry meters = camel.getRegistry().findSingleByType(MeterRegistry.class);
        LocalDate today = LocalDate.now(clock.withZone(KST));
        for (KeyState key : states()) {
            if (meters != null && key.expiresOn() != null && gauges.add(key.accountId())) {
                String id = key.accountId();
                Gauge.builder("marketbridge.account.key.days.left", this, k -> k.daysLeft(id))
                        .description("Days until the account's API key expires (0 or less: expired)")
                        .tag("account", id).tag("marketplace", key.marketplace()).register(meters);
            }
            if (!key.enabled() || (key.state() != State.WARNING && key.state() != State.EXPIRED)
                    || today.equals(warnedOn.put(key.accountId(), today))) {
                continue;
            }
            if (key.state() == State.EXPIRED) {
                LOG.error("account={} marketplace={} API key {}", key.accountId(), key.marketplace(), key.describe());
            } else {
                LOG.warn("account={} marketplace={} API key {}", key.accountId(), key.marketplace(), key.describe());
            }
        }
    }

    private double daysLeft(String accountId) {
        Account account = accounts.accounts().stream().filter(a -> a.id().equals(accountId)).findFirst().orElse(null);
        Long days = account == null ? null : state(account).daysLeft();
        return days == null ? Double.NaN : days;
    }
}
