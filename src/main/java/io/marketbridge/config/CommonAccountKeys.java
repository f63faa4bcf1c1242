package io.marketbridge.config;

import static io.marketbridge.config.AccountKey.Type.BOOLEAN;
import static io.marketbridge.config.AccountKey.Type.CRON;
import static io.marketbridge.config.AccountKey.Type.DATE;
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
    /** The day the account's API key stops working (io.marketbridge.app.KeyExpiry). */
    public static final String KEY_EXPIRES_ON = "key-expires-on";
    /** The day the key was issued: with the marketplace's known key lifetime, when it expires. */
    public static final String KEY_ISSUED_ON = "key-issued-on";
    /** The encoding of the account's batch CSVs (io.marketbridge.sink.FileSink); empty: the sink's. */
    public static final String CSV_ENCODING = "csv-encoding";

    public static final List<AccountKey> KEYS = List.of(
            AccountKey.required(MARKETPLACE, STRING, "Which marketplace connector serves the account: its key"
                    + " (as shipped: coupang, naver, elevenst, esm, lotteon, qoo10)", "coupang"),
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
                    java.util.regex.Pattern.compile("^(?!.*-)(?=.*[1-9]).*$"), null, null),
            AccountKey.optional(KEY_EXPIRES_ON, DATE, null, "The day the account's API key expires (as the marketplace"
                    + " shows it): the keys health check warns marketbridge.keys.warn-days before, and is DOWN from that day"),
            AccountKey.optional(KEY_ISSUED_ON, DATE, null, "The day the API key was issued: it expires after the"
                    + " marketplace's known key lifetime (Coupang 6 months, 11st 180 days, Lotte ON and Qoo10 one year); key-expires-on wins"),
            AccountKey.optional(CSV_ENCODING, STRING, null, "Encoding of this account's batch CSVs (orders and claims):"
                    + " UTF-8, UTF-8-BOM or MS949; empty = marketbridge.sink.file.csv-encoding. A Qoo10 Japan order is"
                    + " never written to MS949 (which cannot hold Japanese names): use UTF-8 for such accounts")
                    .matching("(?i)UTF-?8|UTF-8-BOM|MS949|CP949"));

    private CommonAccountKeys() {
    }
}
