package io.marketbridge.intake;

import io.marketbridge.config.Account;
import io.marketbridge.order.Order;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one poll of one account, carried through the routes as the exchange property
 * {@value #PROPERTY}: the window, what the marketplace route collected, and the counters of the poll's
 * log line.
 */
public class PollContext {

    public static final String PROPERTY = "mbPoll";

    private final Account account;
    private final String job;
    private final OffsetDateTime windowFrom;
    private final OffsetDateTime windowTo;
    private final String skipReason;
    private final long startNanos = System.nanoTime();

    private final List<Order> orders = new ArrayList<>();
    /** Marketplace-specific paging state (a next token, the current slice of a window). */
    private Object paging;
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

    @SuppressWarnings("unchecked")
    public <T> T paging() {
        return (T) paging;
    }

    public void paging(Object state) {
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
