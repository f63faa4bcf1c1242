package io.marketbridge.stock;

import io.marketbridge.config.Account;
import io.marketbridge.config.AccountRegistry;
import io.marketbridge.order.Order;
import io.marketbridge.order.OrderLine;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teaches MB_LISTING from delivered orders (called by the order intake after each commit). A line whose listing this
 * node recorded within the last hour, with the same SKU, costs no database call: most orders are for listings seen
 * before, so learning adds nearly nothing to a poll. A failure to learn is logged and never fails the poll: the
 * orders are delivered, and the next order of the listing teaches it again.
 */
public class ListingLearner {

    private static final Logger LOG = LoggerFactory.getLogger("io.marketbridge.stock");
    private static final int REMEMBERED = 50_000;
    private static final Duration REFRESH = Duration.ofHours(1);

    private final ListingStore store;
    private final AccountRegistry accounts;
    private final Clock clock;
    /** account|product|option|sku of a line -> when its listing was last recorded by this node. */
    private final Map<String, Instant> recorded = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > REMEMBERED;
        }
    };

    public ListingLearner(ListingStore store, AccountRegistry accounts, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** Learns the listings of an account's orders just committed. */
    public void learn(Account account, List<Order> delivered) {
        if (delivered.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Set<String> lineKeys = new LinkedHashSet<>();
        Set<LearnedListing> listings = new LinkedHashSet<>();
        try {
            for (Order order : delivered) {
                boolean unseen = false;
                for (OrderLine line : order.lines()) {
                    String key = account.id() + '|' + line.productId() + '|' + line.optionId() + '|' + line.sellerSku();
                    if (isFresh(key, now)) {
                        continue;
                    }
                    unseen = true;
                    lineKeys.add(key);
                }
                if (unseen) {
                    listings.addAll(accounts.connector(account).listingsOf(order));
                }
            }
            if (listings.isEmpty()) {
                return;
            }
            store.learn(account.id(), listings, ListingStore.ORDER, now);
            synchronized (recorded) {
                lineKeys.forEach(k -> recorded.put(k, now));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("account={} listings of {} delivered order(s) not learned (the next order of each teaches it"
                    + " again): {}", account.id(), delivered.size(), Objects.toString(e.getMessage(), e.toString()));
        }
    }

    private boolean isFresh(String key, Instant now) {
        synchronized (recorded) {
            Instant at = recorded.get(key);
            return at != null && at.plus(REFRESH).isAfter(now);
        }
    }
}
