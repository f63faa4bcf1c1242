package io.marketbridge.marketplace.esm;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.PollState;
import io.marketbridge.intake.SlicePaging;
import io.marketbridge.intake.WindowSlicer;
import io.marketbridge.order.Marketplace;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ESM's state in one poll: per site the account sells on, its slices and page (the sites take turns), the rows
 * read (by cart), the orders held back for their phones (the cursor stops at the earliest of them), and the
 * OrderCheck answers not written yet.
 */
public final class EsmPoll implements PollState {

    /** One site's share of a poll: its slices and the pageIndex within one (null: page 1). */
    static final class SiteQuery {
        final Marketplace site;
        final String sellerId;
        final SlicePaging<Integer> pages;

        SiteQuery(Marketplace site, String sellerId, List<WindowSlicer.Slice> slices) {
            this.site = site;
            this.sellerId = sellerId;
            this.pages = new SlicePaging<>(slices);
        }

        boolean done() {
            return !pages.hasNext();
        }

        int page() {
            return pages.cursor() == null ? 1 : pages.cursor();
        }

        String bucket() {
            return (site == Marketplace.GMARKET ? "G:" : "A:") + sellerId;
        }
    }

    final List<SiteQuery> sites = new ArrayList<>();
    int turn;
    SiteQuery current;
    final Set<String> orderNos = new LinkedHashSet<>();
    /** "GMARKET|PayNo" -> rows. */
    final Map<String, List<JsonNode>> byCart = new LinkedHashMap<>();
    /** The earliest payment time of an order held for its phones, or null. */
    OffsetDateTime heldFrom;
    int held;
    int giftsWaiting;
    /** OrderCheck answers not written yet (see EsmOrders#recordConfirmations); null outside the confirm route. */
    List<Confirmations.Answer> confirmAnswers;

    @Override
    public boolean hasNext() {
        return sites.stream().anyMatch(s -> !s.done());
    }

    /** The order-query bucket (site seller ID) the next page spends. */
    public String bucket() {
        return current == null ? null : current.bucket();
    }

    /** While orders are held for their phones: the payment minute of the earliest of them, so the next poll reads them again. */
    @Override
    public OffsetDateTime cursorEnd(OffsetDateTime windowTo) {
        if (heldFrom != null) {
            OffsetDateTime minute = heldFrom.truncatedTo(ChronoUnit.MINUTES);
            if (minute.isBefore(windowTo)) {
                return minute;
            }
        }
        return windowTo;
    }
}
