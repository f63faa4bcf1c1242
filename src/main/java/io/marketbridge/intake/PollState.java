package io.marketbridge.intake;

import java.time.OffsetDateTime;

/**
 * A marketplace's state within one poll of one account: where its paging stands and what it collected. The page
 * loop of the order-poll template (routes/poll-templates.camel.yaml) asks {@link #hasNext()}; the state is held by
 * the {@link PollContext} and nothing else, so no step sets a flag for another.
 */
public interface PollState {

    /** The state of a poll with nothing to read (its window was skipped, or paging has not started). */
    PollState NONE = () -> false;

    /** True while the poll has another call to make before it maps what it collected. */
    boolean hasNext();

    /**
     * Where the cursor moves once the poll succeeded: the end of the window, or earlier when the marketplace holds
     * orders back to read them again (ESM, orders whose phones are not filled in yet).
     */
    default OffsetDateTime cursorEnd(OffsetDateTime windowTo) {
        return windowTo;
    }
}
