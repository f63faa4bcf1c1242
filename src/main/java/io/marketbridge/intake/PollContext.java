package io.marketbridge.intake;

import io.marketbridge.config.Account;
import io.marketbridge.order.Order;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one poll of one account, carried through the routes as the exchange property
 * {@value #PROPERTY}: the window, the marketplace's typed state (its paging and what it collected), the orders
 * mapped, and the counters of the poll's log line.
 *
 * @param <S> the marketplace's state within the poll
 */
public class PollContext<S extends PollState> {

    public static final String PROPERTY = "mbPoll";

    private final Account account;
    private final String job;
    private final OffsetDateTime windowFrom;
    private final OffsetDateTime windowTo;
    private final String skipReason;
    private final long startNanos = System.nanoTime();

    private final List<Order> orders = new ArrayList<>();
    /** What a claims poll mapped, for the claim intake. */
    private final List<io.marketbridge.claim.Claim> claims = new ArrayList<>();
    /** The marketplace's state: its paging (slices of the window, a page cursor) and what it collected. */
    private S paging;
    private final List<String> confirmedShipments = new ArrayList<>();
    /** Refusals (shipping unit -> answer) that become final only once a re-read shows the unit unchanged. */
    private final java.util.Map<String, Confirmations.Answer> refusals = new java.util.concurrent.ConcurrentHashMap<>();

    int fetched;
    int newOrders;
    int duplicates;
    int changes;
    int confirmed;
    int confirmFailed;
    int mappingErrors;

    public PollContext(Account account, String job, OffsetDateTime windowFrom, OffsetDateTime windowTo, String skipReason) {
        this.account = account;
        this.job = job;
        this.windowFrom = windowFrom;
        this.windowTo = windowTo;
        this.skipReason = skipReason;
    }

    public Account getAccount() {
        return account;
    }

    public String getAccountId() {
        return account.id();
    }

    public String getJob() {
        return job;
    }

    public OffsetDateTime getWindowFrom() {
        return windowFrom;
    }

    public OffsetDateTime getWindowTo() {
        return windowTo;
    }

    /** Non-null when there is nothing to poll (for example a cursor in the future). */
    public String getSkipReason() {
        return skipReason;
    }

    public boolean isSkipped() {
        return skipReason != null;
    }

    public List<Order> getOrders() {
        return orders;
    }

    public List<io.marketbridge.claim.Claim> getClaims() {
        return claims;
    }

    /** A claims poll's outcome, in claim events, for its log line and counters. */
    public void addClaimEvents(int added, int duplicate) {
        newOrders += added;
        duplicates += duplicate;
    }

    /** The marketplace's state; {@link PollState#NONE} before the marketplace started paging. */
    public PollState getPaging() {
        return paging == null ? PollState.NONE : paging;
    }

    /** The marketplace's state, as the marketplace's own steps know it. */
    public S state() {
        return paging;
    }

    public void start(S state) {
        this.paging = state;
    }

    public void addFetched(int n) {
        fetched += n;
    }

    public void addMappingError() {
        mappingErrors++;
    }

    public void addConfirmed(int n) {
        confirmed += n;
    }

    public void addConfirmFailed(int n) {
        confirmFailed += n;
    }

    public void addChange() {
        changes++;
    }

    /** Shipping units to re-read after acknowledging: to catch late address changes, and to settle refusals. */
    public List<String> getConfirmedShipments() {
        return confirmedShipments;
    }

    public java.util.Map<String, Confirmations.Answer> refusals() {
        return refusals;
    }

    public int getFetched() {
        return fetched;
    }

    public int getNewOrders() {
        return newOrders;
    }

    public int getDuplicates() {
        return duplicates;
    }

    public int getConfirmed() {
        return confirmed;
    }

    public int getMappingErrors() {
        return mappingErrors;
    }

    public int getChanges() {
        return changes;
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
