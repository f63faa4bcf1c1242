package io.marketbridge.stock;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.dispatch.Decided;
import io.marketbridge.dispatch.Outcomes;
import io.marketbridge.marketplace.MarketplaceConnector;
import io.marketbridge.order.Marketplace;
import io.marketbridge.shipment.ShipmentStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared half of the stock job (routes/stock.camel.yaml): claims the listings whose SKU's figure changed, checks
 * each (rejecting at once, without a call, what cannot be pushed: an unknown account or marketplace, a negative
 * figure, a marketplace without a stock call), hands the rest per account to the marketplace's stock route, and
 * records what became of each listing.
 */
public class StockDispatch {

    private static final Logger LOG = LoggerFactory.getLogger("io.marketbridge.stock");

    private final StockStore store;
    private final AccountRegistry accounts;
    private final StockSettings settings;
    private final Clock clock;

    public StockDispatch(StockStore store, AccountRegistry accounts, StockSettings settings, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.settings = settings;
        this.clock = clock;
    }

    private static Decided rejected(String code, String message) {
        return Decided.rejected(code, message);
    }

    /**
     * Route step: claims a round of listings due a push, one {@link StockPushBatch} per account (listings decided
     * without a call are already recorded).
     */
    public StockRound claim() throws SQLException {
        List<StockStore.Due> due = store.claim(settings.rows().batchSize(), clock.instant());
        Map<String, StockPushBatch> batches = new LinkedHashMap<>();
        // listing key -> the unit gathering its options, where one call sets several options of a listing
        Map<String, List<StockTarget>> grouped = new LinkedHashMap<>();
        Map<String, StockStore.Due> groupHead = new LinkedHashMap<>();
        Map<String, Outcomes> decided = new TreeMap<>();
        for (StockStore.Due d : due) {
            try {
                Account account = plan(d);
                MarketplaceConnector connector = accounts.connector(account);
                StockPushBatch batch = batches.computeIfAbsent(account.id(),
                        id -> new StockPushBatch(account, connector.stockRoute()));
                StockTarget target = new StockTarget(d.listingRowId(), d.optionId(), d.sellerSku(), d.quantity(), d.attempts(),
                        d.stockUpdatedAt());
                if (connector.stockGroupsOptions()) {
                    String key = account.id() + '|' + d.marketplace() + '|' + d.listingId();
                    grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(target);
                    groupHead.putIfAbsent(key, d);
                } else {
                    batch.getUnits().add(new StockPushUnit(account, Marketplace.fromCode(d.marketplace()), d.listingId(),
                            List.of(target)));
                }
                continue;
            } catch (Decided x) {
                finish(d, x.status(), x.code(), x.getMessage(), null);
                decided.computeIfAbsent(d.accountId(), a -> new Outcomes()).add(x.status());
            } catch (RuntimeException e) {
                finish(d, ShipmentStatus.FAILED, "INTERNAL", e.toString(), null);
                decided.computeIfAbsent(d.accountId(), a -> new Outcomes()).add(ShipmentStatus.FAILED);
            }
        }
        grouped.forEach((key, targets) -> {
            StockStore.Due d = groupHead.get(key);
            StockPushBatch batch = batches.get(d.accountId());
            batch.getUnits().add(new StockPushUnit(batch.getAccount(), Marketplace.fromCode(d.marketplace()),
                    d.listingId(), targets));
        });
        decided.forEach((account, n) -> LOG.info("account={} job=stock checked before any call: rejected={} failed={}",
                account, n.rejected(), n.failed()));
        return new StockRound(new ArrayList<>(batches.values()), due.size() >= settings.rows().batchSize());
    }

    /** The account a listing's push goes through, or the outcome it gets without a call. */
    private Account plan(StockStore.Due d) throws Decided {
        Marketplace marketplace = Decided.marketplace(d.marketplace(), " of listing " + d.listingId());
        Account account = Decided.account(accounts, d.accountId(), marketplace, " (listing " + d.listingId() + ")");
        MarketplaceConnector connector = accounts.connector(account);
        if (d.quantity() < 0) {
            throw rejected("BAD_QUANTITY", "the figure of SKU '" + d.sellerSku() + "' is " + d.quantity()
                    + ": a stock figure is 0 (sold out) or more");
        }
        if (connector.stockRoute() == null) {
            String why = connector.stockNotSupported();
            throw rejected("NOT_SUPPORTED", "stock is not pushed to " + marketplace.code() + ": "
                    + (why == null ? "its connector has no stock call" : why) + " (account " + account.id() + ")");
        }
        Decided.requireEnabled(account);
        return account;
    }

    // ------------------------------------------------------------ outcomes

    /** Route step (doCatch of a unit): the exception that ended the unit's conversation becomes its outcome. */
    public void unitFailed(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit,
                           @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable caught) {
        unit.failedBy(caught);
    }

    /** Route step after each unit: every listing of the unit gets its outcome. */
    public void recordUnit(@Variable(StockPushUnit.VARIABLE) StockPushUnit unit,
                           @ExchangeProperty(StockPushBatch.PROPERTY) StockPushBatch batch, CamelContext camel) throws SQLException {
        if (!unit.isFinished()) {
            unit.failed("UNSETTLED", "the conversation with the marketplace ended without an answer", null);
        }
        Instant now = clock.instant();
        for (StockTarget t : unit.getTargets()) {
            StockStore.Due d = new StockStore.Due(t.pushId(), unit.getMarketplace().code(), unit.getAccount().id(),
                    unit.getListingId(), t.optionId(), t.sellerSku(), t.quantity(), t.stockUpdatedAt(), t.attempts());
            finish(d, unit.getOutcome(), unit.getResultCode(), unit.getResultMessage(), unit.getRetryAfter());
            if (batch != null) {
                batch.count(unit.getOutcome());
            }
            if (ShipmentStatus.SENT.equals(unit.getOutcome()) && t.stockUpdatedAt() != null) {
                MeterRegistry meters = camel == null ? null : camel.getRegistry().findSingleByType(MeterRegistry.class);
                if (meters != null) { // from the ERP's write to the marketplace's answer
                    Duration latency = Duration.between(t.stockUpdatedAt(), now);
                    Timer.builder("marketbridge.stock.push.latency").tag("account", unit.getAccount().id())
                            .register(meters).record(latency.isNegative() ? Duration.ZERO : latency);
                }
            }
        }
    }

    private void finish(StockStore.Due d, String status, String code, String message, Duration retryAfter) throws SQLException {
        Instant now = clock.instant();
        Instant next = null;
        if (ShipmentStatus.FAILED.equals(status)) {
            int attempt = d.attempts() + 1;
            next = settings.rows().backoff().nextAttempt(attempt, retryAfter, now);
            if (next == null) {
                message = "gave up after " + attempt + " attempts (tried again when the figure changes): " + message;
            }
        }
        store.finish(d.listingRowId(), status, code, message, next, now);
    }

    /** Route step after a batch: its log line (ids and counts only) and counters. */
    public void finishBatch(@ExchangeProperty(StockPushBatch.PROPERTY) StockPushBatch batch, CamelContext camel) {
        batch.report(LOG, camel, "marketbridge.stock.pushes");
    }

    /**
     * Route step when a round of a stock route fails as a whole (the database is unreachable): one line naming the
     * route, the next round retries.
     */
    public void roundFailed(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.error("stock: {} failed, retried next round: {}", exchange.getFromRouteId(),
                e == null ? "unknown error" : e.toString());
    }
}
