package io.marketbridge.stock;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.intake.SafeMessages;
import io.marketbridge.marketplace.ConfigurationException;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.marketplace.MarketplaceException;
import io.marketbridge.marketplace.TransientMarketplaceException;
import io.marketbridge.operations.OperationsException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the on-demand listing import (route listing-import, POST /observe/accounts/&lt;id&gt;/listings/import):
 * every product an account's MB_LISTING rows name (an order or the ERP showed it) is read at the marketplace, and
 * every option of it is recorded with the seller code the marketplace holds (source CATALOG: a learned row without
 * a SKU gets it, an ERP row keeps its own). A marketplace without an item read
 * ({@link MarketplaceConnector#listingsRoute()} null) answers "not supported" in words.
 */
public class ListingImports {

    private static final Logger LOG = LoggerFactory.getLogger("io.marketbridge.stock");

    private final ListingStore store;
    private final AccountRegistry accounts;
    private final Clock clock;

    public ListingImports(ListingStore store, AccountRegistry accounts, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Route step: the account's import, with the products to read (none for a marketplace without a read). */
    public ListingImport begin(@Header("account") String accountId) throws SQLException {
        Account account = accountId == null ? null : accounts.find(accountId);
        if (account == null) {
            String rejected = accountId == null ? null : accounts.rejected().get(accountId);
            throw OperationsException.notFound(rejected != null ? "account " + accountId + " was rejected: " + rejected
                    : "no account " + accountId);
        }
        MarketplaceConnector connector = accounts.connector(account);
        String route = connector.listingsRoute();
        if (route == null) {
            ListingImport none = new ListingImport(account, null, List.of());
            none.error("not supported for " + connector.key() + ": " + connector.listingsNotSupported());
            return none;
        }
        List<LearnedListing> products = store.listingsOf(account.id()).stream()
                .filter(l -> connector.serves(l.marketplace())).toList();
        return new ListingImport(account, route, products);
    }

    /** Route step: the options one product read brought, recorded (source CATALOG). */
    public void record(@ExchangeProperty(ListingImport.PROPERTY) ListingImport job, @Body List<LearnedListing> options)
            throws SQLException {
        ListingStore.Learned learned = store.learn(job.getAccount().id(), options, ListingStore.CATALOG, clock.instant());
        job.productsRead++;
        job.optionsImported += options.size();
        job.newRows += learned.inserted();
        job.skuFilled += learned.filled();
    }

    /**
     * Route step after a product's read failed: a passing failure (timeout, 5xx, 429) reads it again later, a
     * refusal is that product's error, and a configuration error (keys, IP) ends the import: every other read would
     * meet it too.
     */
    public void failed(Exchange exchange, @ExchangeProperty(ListingImport.PROPERTY) ListingImport job) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Throwable e = caught;
        while (e != null && e.getCause() != null && !(e instanceof MarketplaceException)) {
            e = e.getCause();
        }
        String words = e instanceof MarketplaceException ? e.getMessage() : SafeMessages.of(caught);
        String product = job.getProduct() == null ? "" : job.getProduct().getListingId();
        if (e instanceof TransientMarketplaceException t && job.again(t.retryAfter())) {
            return;
        }
        if (e instanceof ConfigurationException) {
            job.error(words + " (no further product was read)");
            job.stop();
            return;
        }
        job.error("listing " + product + ": " + words);
    }

    /** Route step: the import's log line (ids and counts only) and its answer. */
    public Map<String, Object> finish(@ExchangeProperty(ListingImport.PROPERTY) ListingImport job) {
        LOG.info("account={} job=listings products={} read={} options={} new={} filled={} errors={} duration={}ms",
                job.getAccount().id(), job.products, job.productsRead, job.optionsImported, job.newRows, job.skuFilled,
                job.errors.size(), job.durationMs());
        return job.toMap();
    }
}
