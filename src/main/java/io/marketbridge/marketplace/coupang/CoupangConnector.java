package io.marketbridge.marketplace.coupang;

import static io.marketbridge.config.AccountKey.Type.BOOLEAN;
import static io.marketbridge.config.AccountKey.Type.DURATION;
import static io.marketbridge.config.AccountKey.Type.INTEGER;
import static io.marketbridge.config.AccountKey.Type.STRING;
import static io.marketbridge.config.AccountKey.Type.URL;

import io.marketbridge.config.AccountKey;
import io.marketbridge.marketplace.MarketplaceConnector;
import java.util.List;
import io.marketbridge.config.Account;
import io.marketbridge.marketplace.MarketplaceServices;
import io.marketbridge.order.Order;
import org.apache.camel.spi.Registry;

/** Coupang (WING Open API): the account keys it needs and the route that polls it. */
public class CoupangConnector implements MarketplaceConnector {

    public static final String BASE_URL = "base-url";
    public static final String VENDOR_ID = "vendor-id";
    public static final String ACCESS_KEY = "access-key";
    public static final String SECRET_KEY = "secret-key";
    public static final String RATE_PER_SECOND = "rate-per-second";
    public static final String CONFIRM_CHUNK_SIZE = "confirm.chunk-size";
    public static final String RECHECK_AFTER_CONFIRM = "recheck-after-confirm";
    public static final String CLAIMS_FOLLOW_WINDOW = "claims.follow-window";
    public static final String WING_USER_ID = "wing-user-id";
    public static final String STOCK_MAX_QUANTITY = "stock.max-quantity";

    static final List<AccountKey> KEYS = List.of(
            AccountKey.optional(BASE_URL, URL, "https://api-gateway.coupang.com", "Coupang Open API gateway"),
            AccountKey.required(VENDOR_ID, STRING, "Seller code shown in WING", "A00012345").matching("[AC][0-9]{3,15}"),
            AccountKey.required(ACCESS_KEY, STRING, "Open API access key from WING", "{{env:ACME_COUPANG_ACCESS_KEY}}").asSecret(),
            AccountKey.required(SECRET_KEY, STRING, "Open API secret key from WING", "{{env:ACME_COUPANG_SECRET_KEY}}").asSecret(),
            AccountKey.optional(RATE_PER_SECOND, INTEGER, "8", "Calls per second for this vendor id (Coupang allows about 10; keep a margin)").between(1, 50),
            AccountKey.optional(CONFIRM_CHUNK_SIZE, INTEGER, "50", "shipmentBoxIds per acknowledgement call (at most 50)").between(1, 50),
            AccountKey.optional(RECHECK_AFTER_CONFIRM, BOOLEAN, "true",
                    "Re-read each box after acknowledging it, to catch receiver address changes"),
            AccountKey.optional(CLAIMS_FOLLOW_WINDOW, DURATION, "P14D",
                    "How far back the claims poll reads claims by their creation day, to see each status they reach"
                            + " (Coupang lists claims by the day they were created, not changed)"),
            AccountKey.optional(WING_USER_ID, STRING, null,
                    "WING login id the seller's own cancels (SELLER_CANCEL) are made in the name of (v5 cancel's userId)"),
            AccountKey.optional(STOCK_MAX_QUANTITY, INTEGER, "99999", "Highest stock figure sent to Coupang; a higher one"
                    + " is refused before the call (coupang.md gives no limit)").between(1, 1_000_000_000));

    @Override
    public String key() {
        return "coupang";
    }

    @Override
    public List<AccountKey> accountKeys() {
        return KEYS;
    }

    @Override
    public String ordersRoute() {
        return "coupang-orders";
    }

    @Override
    public java.util.Set<io.marketbridge.order.Marketplace> marketplaces() {
        return java.util.Set.of(io.marketbridge.order.Marketplace.COUPANG);
    }

    @Override
    public String claimsRoute() {
        return "coupang-claims";
    }

    @Override
    public String shipRoute() {
        return "coupang-ship";
    }

    @Override
    public String claimActionsRoute() {
        return "coupang-claim-actions";
    }

    @Override
    public java.util.Set<io.marketbridge.claim.action.ClaimActionType> claimActions() {
        return CoupangClaimActions.SUPPORTED;
    }

    @Override
    public String stockRoute() {
        return "coupang-stock";
    }

    /** The listings Coupang's stock call addresses are vendor items, and its inventories read names no others. */
    @Override
    public String listingsNotSupported() {
        return "the vendor-items inventories read gives one vendor item's figure, not the list of a product's options"
                + " with their seller codes; map the other vendor items in MB_LISTING or the listing inbox";
    }

    /** Coupang's stock call addresses the vendorItemId, which the order line carries as its option id. */
    @Override
    public List<io.marketbridge.stock.LearnedListing> listingsOf(Order order) {
        List<io.marketbridge.stock.LearnedListing> listings = new java.util.ArrayList<>();
        for (io.marketbridge.order.OrderLine line : order.lines()) {
            if (line.optionId() != null && !line.optionId().isBlank()) {
                listings.add(new io.marketbridge.stock.LearnedListing(order.marketplace(), line.optionId(), "",
                        line.sellerSku()));
            }
        }
        return listings;
    }

    @Override
    public void bindBeans(MarketplaceServices services, Registry registry) {
        registry.bind("coupangApi", new CoupangApi(services.clock()));
        registry.bind("coupangOrders", new CoupangOrders(services.intakeErrors(), services.confirmations(), services.orderChanges()));
        registry.bind("coupangShipments", new CoupangShipments(services.confirmations()));
        registry.bind("coupangClaims", new CoupangClaims(services.intakeErrors(), services.dataSource()));
        registry.bind("coupangClaimActions", new CoupangClaimActions());
        registry.bind("coupangStock", new CoupangStock());
    }

    @Override
    public Order mapForReplay(Account account, String rawPayload) {
        return CoupangOrders.mapRaw(account, rawPayload);
    }

    @Override
    public List<io.marketbridge.claim.Claim> mapClaimsForReplay(Account account, String rawPayload) {
        return CoupangClaims.mapRaw(account, rawPayload);
    }

    /** Coupang's check: one signed page of today's ACCEPT order sheets (daily mode, KST), at most one sheet. */
    @Override
    public io.marketbridge.marketplace.ConnectionCheck connectionCheck(Account account, java.time.Clock clock) {
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Seoul")));
        String query = "createdAtFrom=" + today + "%2B09:00&createdAtTo=" + today + "%2B09:00&maxPerPage=1&status=ACCEPT";
        return new io.marketbridge.marketplace.ConnectionCheck("coupang-api", io.marketbridge.marketplace.ApiRequest.get(
                CoupangOrders.API + "/v5/vendors/" + account.get(VENDOR_ID) + "/ordersheets", query,
                "connection check (ordersheets of " + today + ")"));
    }

    /** Coupang keys last at most 6 months (the operators' report in issue 16; coupang.md has no lifetime). */
    @Override
    public java.time.Period keyLifetime() {
        return java.time.Period.ofMonths(6);
    }

    @Override
    public String keyRenewal() {
        return CoupangErrors.RENEWAL;
    }
}
