package io.marketbridge.marketplace;

import io.marketbridge.config.AccountKey;
import java.util.List;

/**
 * What the shared runtime needs to know about one marketplace; everything else about it lives in its
 * route file (routes/&lt;key&gt;.camel.yaml) and its package.
 */
public interface MarketplaceConnector {

    /** The value of an account's {@code marketplace} key, lower case, the marketplace's one name: coupang, naver, elevenst, esm */
    String key();

    /** Names this marketplace went by earlier, still accepted as an account's marketplace (with a warning). */
    default java.util.Set<String> formerKeys() {
        return java.util.Set.of();
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

    /** The direct endpoint name of the marketplace's ship route (tracking upload); null while there is none. */
    default String shipRoute() {
        return null;
    }
}
