package io.marketbridge.marketplace;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountKey;
import io.marketbridge.order.Order;
import java.util.List;
import org.apache.camel.spi.Registry;

/**
 * What the shared runtime needs to know about one marketplace; everything else about it lives in its
 * route file (routes/&lt;key&gt;.camel.yaml) and its package. The runtime finds every connector through
 * {@link java.util.ServiceLoader}: a marketplace is served once its connector is listed in
 * META-INF/services/io.marketbridge.marketplace.MarketplaceConnector (see docs/adding-a-marketplace.md).
 */
public interface MarketplaceConnector {

    /** The value of an account's {@code marketplace} key, lower case, the marketplace's one name: coupang, naver, elevenst, esm */
    String key();

    /** Names this marketplace went by earlier, still accepted as an account's marketplace (with a warning). */
    default java.util.Set<String> formerKeys() {
        return java.util.Set.of();
    }

    /**
     * Account keys an earlier version read and this one does not, with what replaced them: an account that still
     * sets one starts, with a warning, instead of being refused as an unknown key.
     */
    default java.util.Map<String, String> retiredKeys() {
        return java.util.Map.of();
    }

    /** The account keys this marketplace adds to the common ones. */
    List<AccountKey> accountKeys();

    /**
     * Problems that span keys, each starting with the key at fault ("seller-account-id is required when
     * token-type is SELLER"); the values are the account's validated keys, defaults filled in.
     */
    default List<String> problemsAcross(java.util.Map<String, String> values) {
        return List.of();
    }

    /** The direct endpoint name of the marketplace's order poll route. */
    String ordersRoute();

    /** The marketplaces (ERP contract codes) this connector's accounts serve; ESM serves two. */
    java.util.Set<io.marketbridge.order.Marketplace> marketplaces();

    default boolean serves(io.marketbridge.order.Marketplace marketplace) {
        return marketplaces().contains(marketplace);
    }

    /**
     * The direct endpoint name of the marketplace's claims poll (cancellations, returns, exchanges; a claim-poll
     * templatedRoute, routes/poll-templates.camel.yaml); null while there is none, and then its accounts have no
     * claims job.
     */
    default String claimsRoute() {
        return null;
    }

    /** The direct endpoint name of the marketplace's ship route (tracking upload); null while there is none. */
    default String shipRoute() {
        return null;
    }

    /**
     * The direct endpoint name of the marketplace's claim action route (the seller's decisions in MB_CLAIM_ACTION,
     * see docs/adding-a-marketplace.md); null while there is none.
     */
    default String claimActionsRoute() {
        return null;
    }

    /** The claim actions the claim action route sends; any other is REJECTED NOT_SUPPORTED without a call. */
    default java.util.Set<io.marketbridge.claim.action.ClaimActionType> claimActions() {
        return java.util.Set.of();
    }

    /**
     * For an action left out of {@link #claimActions()}: why the marketplace's API cannot do it and what the seller
     * can do instead, said in the NOT_SUPPORTED message of its rows; null for the plain message.
     */
    default String claimActionNotSupported(io.marketbridge.claim.action.ClaimActionType action) {
        return null;
    }

    /**
     * The direct endpoint name of the marketplace's stock route (a marketplace-stock-push templatedRoute,
     * routes/templates.camel.yaml: one {@link io.marketbridge.stock.StockPushUnit} at a time through the marketplace's
     * call route); null while there is none, and then every push to its listings is REJECTED NOT_SUPPORTED.
     */
    default String stockRoute() {
        return null;
    }

    /** For a marketplace without a stock route: why, and what the seller can do instead (the NOT_SUPPORTED message). */
    default String stockNotSupported() {
        return null;
    }

    /**
     * True when one stock call sets several options of one listing (Naver's option-stock): the stock job then puts
     * every changed option of a listing in one unit. False: one unit per listing option.
     */
    default boolean stockGroupsOptions() {
        return false;
    }

    /**
     * The direct endpoint name of the marketplace's listing read route (a marketplace-listing-read templatedRoute,
     * routes/templates.camel.yaml: one item read per product an account's MB_LISTING rows name, through the
     * marketplace's call route, giving every option of it with the seller code the marketplace holds); null while
     * there is none, and then the on-demand listing import answers {@link #listingsNotSupported()}.
     */
    default String listingsRoute() {
        return null;
    }

    /** For a marketplace without a listing read route: why (said in the import's answer as "not supported for ..."). */
    default String listingsNotSupported() {
        return "its API offers no read of a product's options with their seller codes that the import could use";
    }

    /**
     * The listing options the lines of a delivered order show, learned into MB_LISTING (source ORDER). The default
     * reads each line's product id as the listing and its option id as the option; a marketplace whose stock call
     * addresses another key (Coupang's vendorItemId, Naver's originProductNo, ESM's goodsNo) says so here. A line
     * without a listing key is left out.
     */
    default List<io.marketbridge.stock.LearnedListing> listingsOf(Order order) {
        List<io.marketbridge.stock.LearnedListing> listings = new java.util.ArrayList<>();
        for (io.marketbridge.order.OrderLine line : order.lines()) {
            if (line.productId() != null && !line.productId().isBlank()) {
                listings.add(new io.marketbridge.stock.LearnedListing(order.marketplace(), line.productId(),
                        line.optionId(), line.sellerSku()));
            }
        }
        return listings;
    }

    /**
     * Binds the beans the marketplace's route file calls by name (coupangApi, coupangOrders, ...), built from the
     * shared services. Called once at start, before the route files are loaded.
     */
    default void bindBeans(MarketplaceServices services, Registry registry) {
    }

    /**
     * Maps a stored raw payload (MB_INTAKE_ERROR.raw_payload, possibly corrected by an operator) of one of this
     * connector's accounts to an order, as a poll would have: used to replay intake errors.
     *
     * @throws MappingException when the payload still cannot be mapped
     */
    default Order mapForReplay(Account account, String rawPayload) {
        throw new UnsupportedOperationException("the " + key() + " connector cannot replay stored payloads");
    }

    /**
     * Maps a stored raw payload of a claim the claims poll could not map (MB_INTAKE_ERROR rows with payload_ref
     * "claimId:...", possibly corrected by an operator) to claims, as the claims poll would have.
     *
     * @throws MappingException when the payload still cannot be mapped
     */
    default List<io.marketbridge.claim.Claim> mapClaimsForReplay(Account account, String rawPayload) {
        throw new UnsupportedOperationException("the " + key() + " connector cannot replay stored claim payloads");
    }

    /**
     * The header of this marketplace's column in the courier table (couriers.csv): its codes for the couriers
     * serve every marketplace of {@link #marketplaces()}. A former key ({@link #formerKeys()}) is read as the
     * header too.
     */
    default String courierColumn() {
        return key();
    }

    /**
     * The account's connection test (the {@code check} command, /observe/accounts/&lt;id&gt;/check): the cheapest call
     * that proves the keys work, sent once through the marketplace's call route without a poll. Null: the connector
     * has none, and the account is reported as not checked.
     *
     * @param clock the runtime's clock, for a window of "now"
     */
    default ConnectionCheck connectionCheck(Account account, java.time.Clock clock) {
        return null;
    }

    /**
     * How long this marketplace's API keys are valid from the day they are issued (an account's key-issued-on plus
     * this is its expiry); null when the marketplace publishes no lifetime.
     */
    default java.time.Period keyLifetime() {
        return null;
    }

    /** Where a seller renews this marketplace's API key, said in expiry warnings and errors. */
    default String keyRenewal() {
        return "the " + key() + " seller console";
    }
}
