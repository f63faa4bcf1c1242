package io.marketbridge.stock;

import io.marketbridge.config.Account;
import io.marketbridge.marketplace.MarketplaceConversation;
import io.marketbridge.order.Marketplace;
import java.util.List;

/**
 * One stock push on its way to the marketplace: a listing and the options of it whose figure changed, and the
 * conversation the marketplace's stock route runs for it ({@link MarketplaceConversation}: the next call, the outcome
 * SENT, REJECTED or FAILED, recorded on every target's MB_STOCK_PUSH row).
 *
 * <p>A unit holds one target, except for a marketplace whose stock call sets several options of one listing at once
 * ({@link io.marketbridge.marketplace.MarketplaceConnector#stockGroupsOptions()}): there a unit holds every changed
 * option of the listing.
 */
public class StockPushUnit extends MarketplaceConversation {

    /** Route variable: the unit a stock route's split is at, kept while each call replaces the body. */
    public static final String VARIABLE = "stockPush";

    private final Account account;
    private final Marketplace marketplace;
    private final String listingId;
    private final List<StockTarget> targets;

    public StockPushUnit(Account account, Marketplace marketplace, String listingId, List<StockTarget> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a stock push needs a target");
        }
        this.account = account;
        this.marketplace = marketplace;
        this.listingId = listingId;
        this.targets = List.copyOf(targets);
    }

    public Account getAccount() {
        return account;
    }

    /** The marketplace the listing is on (GMARKET or AUCTION for an ESM account). */
    public Marketplace getMarketplace() {
        return marketplace;
    }

    /** The key the marketplace's stock call addresses (see {@link LearnedListing#listingId()}). */
    public String getListingId() {
        return listingId;
    }

    public List<StockTarget> getTargets() {
        return targets;
    }

    /** The option of a one-target unit ("" when the listing has no option level). */
    public String getOptionId() {
        return targets.get(0).optionId();
    }

    /** The figure of a one-target unit. */
    public int getQuantity() {
        return targets.get(0).quantity();
    }

    /** Log-safe: the listing and its options, never a buyer's data (a stock push carries none). */
    public String describe() {
        return listingId + (targets.size() == 1 && targets.get(0).optionId().isEmpty() ? ""
                : "/" + String.join(",", targets.stream().map(StockTarget::optionId).toList()));
    }
}
