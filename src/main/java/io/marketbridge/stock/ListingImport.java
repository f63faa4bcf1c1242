package io.marketbridge.stock;

import io.marketbridge.config.Account;
import io.marketbridge.intake.PollContext;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One on-demand import of an account's listings (job "listings"): the products its MB_LISTING rows name, read one at
 * a time at the marketplace by its listing read route (a marketplace-listing-read templatedRoute), and what the reads
 * brought. Kept in exchange property {@value #PROPERTY}; the marketplace's api route reads the account from its
 * {@link PollContext}.
 */
public class ListingImport {

    /** Exchange property: the import a marketplace's listing read route works through. */
    public static final String PROPERTY = "mbListingImport";
    /** A product whose read failed for a passing reason is read again at most this often. */
    static final int MAX_ATTEMPTS = 3;

    /** A product to read: the listing key its marketplace's read addresses, and how often it was tried. */
    public record Product(LearnedListing listing, int attempts) {

        public String getListingId() {
            return listing.listingId();
        }
    }

    private final Account account;
    private final String route;
    private final PollContext<?> poll;
    private final Deque<Product> queue = new ArrayDeque<>();
    private final long startNanos = System.nanoTime();
    private Product current;
    private boolean stopped;
    private Duration retryDelay = Duration.ZERO;

    int products;
    int productsRead;
    int optionsImported;
    int newRows;
    int skuFilled;
    final List<String> errors = new ArrayList<>();

    /** @param route the marketplace's listing read route, null when it has none (the import is then one error) */
    public ListingImport(Account account, String route, List<LearnedListing> products) {
        this.account = account;
        this.route = route;
        this.poll = new PollContext<>(account, "listings", null, null, null);
        products.forEach(p -> queue.add(new Product(p, 0)));
        this.products = products.size();
    }

    public Account getAccount() {
        return account;
    }

    public String getRoute() {
        return route;
    }

    public PollContext<?> getPoll() {
        return poll;
    }

    /** The product being read. */
    public Product getProduct() {
        return current;
    }

    /** Takes the next product to read; false when none is left or the import stopped. */
    public boolean next() {
        retryDelay = Duration.ZERO;
        current = stopped ? null : queue.poll();
        return current != null;
    }

    /** Reads the product again later (a passing failure), waiting {@code delay} first; false when it was tried enough. */
    boolean again(Duration delay) {
        if (current.attempts() + 1 >= MAX_ATTEMPTS) {
            return false;
        }
        queue.add(new Product(current.listing(), current.attempts() + 1));
        retryDelay = delay == null ? Duration.ofSeconds(1) : delay;
        return true;
    }

    /** Milliseconds the route waits before the next read (after a passing failure), 0 otherwise. */
    public long retryDelayMs() {
        return retryDelay.toMillis();
    }

    /** No further product is read: the failure concerns every product of the account (keys, IP). */
    void stop() {
        stopped = true;
    }

    void error(String words) {
        errors.add(words);
    }

    long durationMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /**
     * The answer of the operations endpoint: OK (every product read), PARTIAL (some products not read), FAILED (none
     * read though there were some), NOT_SUPPORTED (the marketplace has no read), with the counts and the errors in
     * words (ids and the marketplace's messages, never keys).
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("account", account.id());
        map.put("marketplace", account.marketplace());
        map.put("outcome", route == null ? "NOT_SUPPORTED" : errors.isEmpty() ? "OK"
                : productsRead == 0 && products > 0 ? "FAILED" : "PARTIAL");
        map.put("products", products);
        map.put("productsRead", productsRead);
        map.put("optionsImported", optionsImported);
        map.put("newRows", newRows);
        map.put("skuFilled", skuFilled);
        map.put("errors", List.copyOf(errors));
        return map;
    }
}
