package io.marketbridge.marketplace.naver;

import static io.marketbridge.config.AccountKey.Type.BOOLEAN;
import static io.marketbridge.config.AccountKey.Type.INTEGER;
import static io.marketbridge.config.AccountKey.Type.STRING;
import static io.marketbridge.config.AccountKey.Type.URL;

import io.marketbridge.claim.action.ClaimActionType;
import io.marketbridge.config.AccountKey;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.order.Marketplace;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.marketbridge.config.Account;
import io.marketbridge.marketplace.MarketplaceServices;
import io.marketbridge.order.Order;
import org.apache.camel.spi.Registry;

/** Naver SmartStore (Naver Commerce API): the account keys it needs and its routes (routes/naver.camel.yaml). */
public class NaverConnector implements MarketplaceConnector {

    public static final String BASE_URL = "base-url";
    public static final String CLIENT_ID = "client-id";
    public static final String CLIENT_SECRET = "client-secret";
    public static final String TOKEN_TYPE = "token-type";
    public static final String SELLER_ACCOUNT_ID = "seller-account-id";
    public static final String RATE_PER_SECOND = "rate-per-second";
    public static final String CONFIRM_CHUNK_SIZE = "confirm.chunk-size";
    public static final String RECHECK_AFTER_CONFIRM = "recheck-after-confirm";

    static final List<AccountKey> KEYS = List.of(
            AccountKey.optional(BASE_URL, URL, "https://api.commerce.naver.com/external", "Naver Commerce API base URL"),
            AccountKey.required(CLIENT_ID, STRING, "Application ID from the Commerce API center", "{{env:ACME_NAVER_CLIENT_ID}}")
                    .matching("[A-Za-z0-9]{8,64}"),
            AccountKey.required(CLIENT_SECRET, STRING, "Application secret (a bcrypt salt such as $2a$04$...)",
                    "{{env:ACME_NAVER_CLIENT_SECRET}}").asSecret().matching("\\$2[aby]?\\$[0-9]{2}\\$[./A-Za-z0-9]{22}"),
            AccountKey.optional(TOKEN_TYPE, STRING, "SELF", "SELF for the application's own store, SELLER for a linked seller")
                    .matching("SELF|SELLER"),
            AccountKey.optional(SELLER_ACCOUNT_ID, STRING, null, "The linked seller's account id (required with token-type SELLER)"),
            AccountKey.optional(RATE_PER_SECOND, INTEGER, "2", "Calls per second for this application (Naver's limits are per API and"
                    + " application and not published; 2 is the documented example)").between(1, 50),
            AccountKey.optional(CONFIRM_CHUNK_SIZE, INTEGER, "30", "productOrderIds per confirm call (at most 30)").between(1, 30),
            AccountKey.optional(RECHECK_AFTER_CONFIRM, BOOLEAN, "true",
                    "Re-read product orders Naver reports with a changed receiver address after confirming them"));

    @Override
    public String key() {
        return "naver";
    }

    @Override
    public List<AccountKey> accountKeys() {
        return KEYS;
    }

    @Override
    public List<String> problemsAcross(Map<String, String> values) {
        if ("SELLER".equals(values.get(TOKEN_TYPE))
                && (values.get(SELLER_ACCOUNT_ID) == null || values.get(SELLER_ACCOUNT_ID).isBlank())) {
            return List.of(SELLER_ACCOUNT_ID + " is required when " + TOKEN_TYPE + " is SELLER");
        }
        return List.of();
    }

    @Override
    public String ordersRoute() {
        return "naver-orders";
    }

    @Override
    public String claimsRoute() {
        return "naver-claims";
    }

    @Override
    public Set<Marketplace> marketplaces() {
        return Set.of(Marketplace.NAVER);
    }

    @Override
    public String shipRoute() {
        return "naver-ship";
    }

    @Override
    public String claimActionsRoute() {
        return "naver-claim-actions";
    }

    @Override
    public Set<ClaimActionType> claimActions() {
        return NaverClaimActions.SUPPORTED;
    }

    @Override
    public String claimActionNotSupported(ClaimActionType action) {
        return action == ClaimActionType.SHIP_INSTEAD ? NaverClaimActions.NO_SHIP_INSTEAD : null;
    }

    @Override
    public void bindBeans(MarketplaceServices services, Registry registry) {
        NaverTokens naverTokens = new NaverTokens(services.clock());
        registry.bind("naverTokens", naverTokens);
        registry.bind("naverApi", new NaverApi(naverTokens));
        registry.bind("naverOrders", new NaverOrders(services.intakeErrors(), services.confirmations(), services.orderChanges()));
        registry.bind("naverShipments", new NaverShipments(services.confirmations()));
        registry.bind("naverClaims", new NaverClaims(services.intakeErrors(), services.dataSource()));
        registry.bind("naverClaimActions", new NaverClaimActions());
        registry.bind("naverStock", new NaverStock());
        registry.bind("naverListings", new NaverListings());
    }

    @Override
    public String listingsRoute() {
        return "naver-listings";
    }

    @Override
    public String stockRoute() {
        return "naver-stock";
    }

    /** option-stock sets every option of an origin product in one call. */
    @Override
    public boolean stockGroupsOptions() {
        return true;
    }

    /** The origin product and option of each line, from the stored details (the line keeps the channel productId). */
    @Override
    public List<io.marketbridge.stock.LearnedListing> listingsOf(Order order) {
        return NaverStock.listingsOf(order);
    }

    @Override
    public Order mapForReplay(Account account, String rawPayload) {
        return NaverOrders.mapRaw(account, rawPayload);
    }

    @Override
    public List<io.marketbridge.claim.Claim> mapClaimsForReplay(Account account, String rawPayload) {
        return NaverClaims.mapRaw(account, rawPayload);
    }

    /** Naver's check: a token request (route naver-token), the call every other call needs first. */
    @Override
    public io.marketbridge.marketplace.ConnectionCheck connectionCheck(Account account, java.time.Clock clock) {
        return new io.marketbridge.marketplace.ConnectionCheck("naver-token", io.marketbridge.marketplace.ApiRequest.withBody(
                "POST", NaverTokens.TOKEN_PATH, null, "connection check (token request)"));
    }

    @Override
    public String keyRenewal() {
        return "the Naver Commerce API Center (apicenter.commerce.naver.com), on the application's page; then set"
                + " client-id and client-secret";
    }
}
