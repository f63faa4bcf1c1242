package io.marketbridge.marketplace.lotteon;

import static io.marketbridge.config.AccountKey.Type.BOOLEAN;
import static io.marketbridge.config.AccountKey.Type.DURATION;
import static io.marketbridge.config.AccountKey.Type.INTEGER;
import static io.marketbridge.config.AccountKey.Type.STRING;
import static io.marketbridge.config.AccountKey.Type.URL;

import io.marketbridge.claim.Claim;
import io.marketbridge.claim.action.ClaimActionType;
import io.marketbridge.config.Account;
import io.marketbridge.config.AccountKey;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.marketplace.ConnectionCheck;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.marketplace.MarketplaceServices;
import io.marketbridge.order.Marketplace;
import io.marketbridge.order.Order;
import java.time.Clock;
import java.time.Period;
import java.util.List;
import java.util.Set;
import org.apache.camel.spi.Registry;

/**
 * Lotte ON (롯데온) OpenAPI: the account keys it needs and its routes (routes/lotteon.camel.yaml). Facts:
 * docs/lotteon.md. The points the facts leave uncertain are keys, with the default the production
 * code seen uses.
 */
public class LotteonConnector implements MarketplaceConnector {

    public static final String BASE_URL = "base-url";
    public static final String API_KEY = "api-key";
    public static final String KEY_PLACEMENT = "auth.key-placement";
    public static final String TR_NO = "tr-no";
    public static final String RATE_PER_SECOND = "rate-per-second";
    public static final String CONFIRM_CHUNK_SIZE = "confirm.chunk-size";
    public static final String PREPARING_FIRST = "ship.preparing-first";
    public static final String SL_AMT = "amounts.sl-amt";
    public static final String DV_CST = "amounts.dv-cst";
    public static final String CLAIMS_FOLLOW_WINDOW = "claims.follow-window";

    static final List<AccountKey> KEYS = List.of(
            AccountKey.optional(BASE_URL, URL, "https://openapi.lotteon.com", "Lotte ON OpenAPI base URL (paths start"
                    + " with /v1/openapi; a partner's development host is https://dev-openapi.lotteon.com)"),
            AccountKey.required(API_KEY, STRING, "OpenAPI key from the Lotte ON seller office, issued after this server's"
                    + " IP is registered; valid one year (set key-issued-on)", "{{env:ACME_LOTTEON_API_KEY}}")
                    .asSecret().matching("\\S{8,512}"),
            AccountKey.optional(KEY_PLACEMENT, STRING, "BEARER", "Where the key goes: BEARER (Authorization: Bearer, as"
                    + " all production code seen) or QUERY (a Key query parameter, as one implementation)")
                    .matching("BEARER|QUERY"),
            AccountKey.optional(TR_NO, STRING, null, "Trader number (trNo, shown by the connection check); when set it"
                    + " is sent as trNo in the order search (whether the search needs it is disputed)")
                    .matching("[0-9A-Za-z]{1,20}"),
            AccountKey.optional(RATE_PER_SECOND, INTEGER, "20", "Calls per second for this account (10,000 calls a"
                    + " minute is the reported limit)").between(1, 150),
            AccountKey.optional(CONFIRM_CHUNK_SIZE, INTEGER, "20", "Orders per SellerIfCompleteInform call (each with"
                    + " all its delivered lines)").between(1, 100),
            AccountKey.optional(PREPARING_FIRST, BOOLEAN, "false", "Send step 12 (preparing) before step 13 (shipped)"
                    + " for a line still at 11 (whether 13 is taken straight from 11 is not documented)"),
            AccountKey.optional(SL_AMT, STRING, "LINE", "What slAmt is: LINE (the line's amount) or UNIT (the unit"
                    + " price, times the quantity)").matching("LINE|UNIT"),
            AccountKey.optional(DV_CST, STRING, "ORDER", "What dvCst is: ORDER (the order's fee, repeated on its rows:"
                    + " counted once) or LINE (each row's own fee: summed)").matching("ORDER|LINE"),
            AccountKey.optional(CLAIMS_FOLLOW_WINDOW, DURATION, "P7D", "How far back the claims poll reads returns by"
                    + " the day they were created, to see each step they reach (Lotte ON lists them by creation, not"
                    + " change)"));

    @Override
    public String key() {
        return "lotteon";
    }

    @Override
    public List<AccountKey> accountKeys() {
        return KEYS;
    }

    @Override
    public String ordersRoute() {
        return "lotteon-orders";
    }

    @Override
    public Set<Marketplace> marketplaces() {
        return Set.of(Marketplace.LOTTEON);
    }

    @Override
    public String claimsRoute() {
        return "lotteon-claims";
    }

    @Override
    public String shipRoute() {
        return "lotteon-ship";
    }

    @Override
    public String claimActionsRoute() {
        return "lotteon-claim-actions";
    }

    @Override
    public Set<ClaimActionType> claimActions() {
        return LotteonClaimActions.SUPPORTED;
    }

    @Override
    public String claimActionNotSupported(ClaimActionType action) {
        return LotteonClaimActions.notSupported(action);
    }

    /** No stock route: see {@link #STOCK_NOT_SUPPORTED}. */
    @Override
    public String stockNotSupported() {
        return STOCK_NOT_SUPPORTED;
    }

    /**
     * Lotte ON's OpenAPI as verified (docs/lotteon.md) writes product and item sale status, but no stock-quantity call
     * was verified: pushing a figure to an unverified path could set the wrong item or none, so there is no stock route.
     */
    static final String STOCK_NOT_SUPPORTED = "Lotte ON's OpenAPI (as verified) has no stock-quantity call: set the"
            + " stock of the item (sitmNo) in the Lotte ON seller office (product management), or stop its sale"
            + " there when it runs out";

    @Override
    public void bindBeans(MarketplaceServices services, Registry registry) {
        registry.bind("lotteonApi", new LotteonApi());
        registry.bind("lotteonOrders", new LotteonOrders(services.intakeErrors(), services.confirmations(),
                services.shipmentStore()));
        registry.bind("lotteonShipments", new LotteonShipments());
        registry.bind("lotteonClaims", new LotteonClaims(services.intakeErrors()));
        registry.bind("lotteonClaimActions", new LotteonClaimActions());
    }

    @Override
    public Order mapForReplay(Account account, String rawPayload) {
        return LotteonOrders.mapRaw(account, rawPayload);
    }

    @Override
    public List<Claim> mapClaimsForReplay(Account account, String rawPayload) {
        return LotteonClaims.mapRaw(account, rawPayload);
    }

    /** Lotte ON's check: the identity endpoint (the trader the key belongs to). */
    @Override
    public ConnectionCheck connectionCheck(Account account, Clock clock) {
        return new ConnectionCheck("lotteon-api", ApiRequest.get(LotteonApi.IDENTITY, "", "connection check (identity)"));
    }

    /** One year from issue (lotteon.md 4.1, single source). */
    @Override
    public Period keyLifetime() {
        return Period.ofYears(1);
    }

    @Override
    public String keyRenewal() {
        return "the Lotte ON seller office (OpenAPI key management, with this server's IP registered); then set api-key"
                + " and key-issued-on";
    }
}
