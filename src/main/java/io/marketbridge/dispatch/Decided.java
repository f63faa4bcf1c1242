package io.marketbridge.dispatch;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.order.Marketplace;
import io.marketbridge.shipment.ShipmentStatus;
import java.util.Arrays;

/**
 * A row of an outbound table decided without a call (claim actions, stock pushes): the outcome it gets, thrown by
 * the dispatch's checks and recorded by the dispatch. Also the checks every such row shares: its marketplace code
 * and the configured account it goes through.
 */
public final class Decided extends Exception {

    private final String status;
    private final String code;

    public Decided(String status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static Decided rejected(String code, String message) {
        return new Decided(ShipmentStatus.REJECTED, code, message);
    }

    public String status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The marketplace a row names, or REJECTED UNKNOWN_MARKETPLACE; {@code of} says whose it is (" of listing 12"). */
    public static Marketplace marketplace(String code, String of) throws Decided {
        try {
            return Marketplace.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw rejected("UNKNOWN_MARKETPLACE", "marketplace '" + code + "'" + of + " is not one of "
                    + String.join(", ", Arrays.stream(Marketplace.values()).map(Marketplace::code).toList()));
        }
    }

    /**
     * The configured account a row goes through, serving its marketplace: an account whose block has a configuration
     * error is FAILED ACCOUNT_DISABLED (worth retrying once fixed), an unknown one REJECTED UNKNOWN_ACCOUNT, an
     * account of another marketplace REJECTED WRONG_MARKETPLACE. Whether it is enabled is the caller's to check, after
     * what the connector cannot send.
     */
    public static Account account(AccountRegistry accounts, String accountId, Marketplace marketplace, String of)
            throws Decided {
        Account account = accounts.find(accountId);
        if (account == null) {
            String why = accounts.rejected().get(accountId);
            if (why != null) {
                throw new Decided(ShipmentStatus.FAILED, "ACCOUNT_DISABLED", "account '" + accountId
                        + "' is disabled by a configuration error: " + why);
            }
            throw rejected("UNKNOWN_ACCOUNT", "account '" + accountId + "'" + of + " is not configured");
        }
        MarketplaceConnector connector = accounts.connector(account);
        if (!connector.serves(marketplace)) {
            throw rejected("WRONG_MARKETPLACE", "account '" + account.id() + "' is a " + connector.key()
                    + " account, not " + marketplace.code() + of);
        }
        return account;
    }

    /** FAILED ACCOUNT_DISABLED when the account is switched off (enabled = false). */
    public static void requireEnabled(Account account) throws Decided {
        if (!account.enabled()) {
            throw new Decided(ShipmentStatus.FAILED, "ACCOUNT_DISABLED", "account '" + account.id() + "' is disabled");
        }
    }
}
