package io.marketbridge.config;

import static io.marketbridge.config.AccountKey.Type.BOOLEAN;
import static io.marketbridge.config.AccountKey.Type.CRON;
import static io.marketbridge.config.AccountKey.Type.DURATION;
import static io.marketbridge.config.AccountKey.Type.STRING;

import java.util.List;

/** The keys every account block has, whatever its marketplace. */
public final class CommonAccountKeys {

    public static final String MARKETPLACE = "marketplace";
    public static final String ENABLED = "enabled";
    public static final String AUTO_CONFIRM = "auto-confirm";
    public static final String ORDERS_SCHEDULE = "orders.schedule";
    public static final String ORDERS_INITIAL_LOOKBACK = "orders.initial-lookback";
    public static final String ORDERS_OVERLAP = "orders.overlap";
    public static final String CLAIMS_ENABLED = "claims.enabled";
    public static final String CLAIMS_SCHEDULE = "claims.schedule";
    public static final String CLAIMS_INITIAL_LOOKBACK = "claims.initial-lookback";
    public static final String CLAIMS_OVERLAP = "claims.overlap";
    /** Same name as io.marketbridge.http.CallDeadlines.ACCOUNT_KEY. */
    public static final String CALL_DEADLINE = "call-deadline";

    public static final List<AccountKey> KEYS = List.of(
            AccountKey.required(MARKETPLACE, STRING, "Which marketplace connector serves the account: its key"
                    + " (as shipped: coupang, naver, elevenst, esm)", "coupang"),
            AccountKey.optional(ENABLED, BOOLEAN, "true", "false stops every job of the account"),
            AccountKey.optional(AUTO_CONFIRM, BOOLEAN, "true",
                    "Acknowledge (발주확인) orders at the marketplace once every sink has them"),
            AccountKey.optional(ORDERS_SCHEDULE, CRON, "0 0/5 * * * ?", "Quartz cron of the order poll"),
            AccountKey.optional(ORDERS_INITIAL_LOOKBACK, DURATION, "P1D",
                    "How far back the first poll of a new account reads"),
            AccountKey.optional(ORDERS_OVERLAP, DURATION, "PT10M",
                    "How far each window reaches back before the stored cursor (marketplaces index late)"),
            AccountKey.optional(CLAIMS_ENABLED, BOOLEAN, "true",
                    "Read the account's cancellations, returns and exchanges (the claims job)"),
            AccountKey.optional(CLAIMS_SCHEDULE, CRON, "0 0/5 * * * ?", "Quartz cron of the claims poll"),
            AccountKey.optional(CLAIMS_INITIAL_LOOKBACK, DURATION, "P3D",
                    "How far back the first claims poll of a new account reads"),
            AccountKey.optional(CLAIMS_OVERLAP, DURATION, "PT30M",
                    "How far each claims window reaches back before the stored cursor"),
            // a positive duration: no minus sign, some non-zero digit
            new AccountKey(CALL_DEADLINE, DURATION, false, null, false,
                    "Total deadline of each of the account's marketplace calls (connect + whole answer); default"
                            + " marketbridge.http.call-deadline-ms", "PT30S",
                    java.util.regex.Pattern.compile("^(?!.*-)(?=.*[1-9]).*$"), null, null));

    private CommonAccountKeys() {
    }
}
