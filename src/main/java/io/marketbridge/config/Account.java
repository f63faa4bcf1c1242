package io.marketbridge.config;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One seller account at one marketplace: its id, its connector and its resolved settings (declared keys
 * with defaults applied). Secrets are in {@link #values} but never in {@link #toString()}.
 */
public final class Account {

    private final String id;
    private final String marketplace;
    private final Map<String, String> values;
    private final Map<String, AccountKey> keys;

    public Account(String id, String marketplace, Map<String, String> values, Map<String, AccountKey> keys) {
        this.id = id;
        this.marketplace = marketplace;
        this.values = Map.copyOf(values);
        this.keys = Map.copyOf(keys);
    }

    public String id() {
        return id;
    }

    /** The account's connector key in lower case: coupang, naver, elevenst, esm, lotteon, qoo10. */
    public String marketplace() {
        return marketplace;
    }

    public String get(String key) {
        if (!keys.containsKey(key)) {
            throw new IllegalArgumentException("Account key '" + key + "' is not declared for " + marketplace);
        }
        return values.get(key);
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(get(key));
    }

    public int integer(String key) {
        return Integer.parseInt(get(key).trim());
    }

    public Duration duration(String key) {
        return Duration.parse(get(key).trim());
    }

    public boolean enabled() {
        return flag(CommonAccountKeys.ENABLED);
    }

    public boolean autoConfirm() {
        return flag(CommonAccountKeys.AUTO_CONFIRM);
    }

    /** True when the other is the same account with the same settings (a reload leaves it alone). */
    public boolean sameSettings(Account other) {
        return other != null && id.equals(other.id) && marketplace.equals(other.marketplace) && values.equals(other.values);
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((k, v) -> shown.put(k, keys.get(k) != null && keys.get(k).secret() ? "******" : v));
        return "Account[" + id + " " + shown + "]";
    }
}
