package io.marketbridge.marketplace.esm;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.claim.ClaimLine;
import io.marketbridge.claim.ClaimType;
import io.marketbridge.intake.PollState;
import io.marketbridge.intake.SlicePaging;
import io.marketbridge.intake.WindowSlicer;
import io.marketbridge.marketplace.esm.EsmClaimMapper.ClaimList;
import io.marketbridge.order.Marketplace;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ESM's state in one claims poll: per site the account sells on, the list reads still to make (a list and one
 * status value, over day slices of the read range), the sites taking turns; the rows read (once per claim); and
 * the open claims recorded earlier, so one ESM no longer lists can be told apart.
 */
public final class EsmClaimsPoll implements PollState {

    /** One list read with one status value, slice by slice (the lists have no paging). */
    static final class ListQuery {
        final Marketplace site;
        final String sellerId;
        final ClaimList list;
        final int status;
        final SlicePaging<Void> slices;

        ListQuery(Marketplace site, String sellerId, ClaimList list, int status, List<WindowSlicer.Slice> slices) {
            this.site = site;
            this.sellerId = sellerId;
            this.list = list;
            this.status = status;
            this.slices = new SlicePaging<>(slices);
        }

        String bucket() {
            return EsmClaims.bucket(site, sellerId);
        }
    }

    /** A row read, with the site and list it came from. */
    record Row(Marketplace site, ClaimList list, JsonNode row) {
    }

    /** A claim MB_CLAIM holds as REQUESTED or APPROVED only. */
    record OpenClaim(Marketplace site, String claimId, String orderId, ClaimType type, ClaimLine line, String reasonCode,
                     String reasonText, OffsetDateTime requestedAt) {
    }

    /** The days (KST) every status of one site's list was read for, first and last inclusive. */
    record Coverage(LocalDate first, LocalDate last) {
        boolean covers(OffsetDateTime t) {
            LocalDate day = t.atZoneSameInstant(EsmOrderMapper.SEOUL).toLocalDate();
            return !day.isBefore(first) && !day.isAfter(last);
        }
    }

    /** Per site, its list reads in order; the sites take turns. */
    final List<List<ListQuery>> sites = new ArrayList<>();
    int turn;
    ListQuery current;
    /** "claim id|status" (or "?n" for a row without a derivable id) -> the row read. */
    final Map<String, Row> rows = new LinkedHashMap<>();
    /** The claim ids of the rows read. */
    final Set<String> listed = new HashSet<>();
    /** "SITE|TYPE|OrderNo" of rows whose claim id could not be derived: no open claim of such an OrderNo is inferred ended. */
    final Set<String> underivable = new HashSet<>();
    final List<OpenClaim> open = new ArrayList<>();
    /** "SITE|TYPE" -> the days read with every status (absent: not every status was read). */
    final Map<String, Coverage> coverage = new LinkedHashMap<>();

    @Override
    public boolean hasNext() {
        return sites.stream().anyMatch(queries -> !queries.isEmpty());
    }

    /** The site seller key whose slot the next read spends (the throttle of route esm-api). */
    public String bucket() {
        return current == null ? null : current.bucket();
    }

    /** The next read: the sites take turns, each reading its lists in order. */
    ListQuery next() {
        for (int i = 0; i < sites.size(); i++) {
            int at = (turn + i) % sites.size();
            List<ListQuery> queries = sites.get(at);
            if (!queries.isEmpty()) {
                turn = (at + 1) % sites.size();
                current = queries.get(0);
                return current;
            }
        }
        throw new IllegalStateException("no claim list left to read");
    }

    /** The current read's slice is done; a query with no slice left is dropped. */
    void sliceDone() {
        current.slices.sliceDone();
        if (!current.slices.hasNext()) {
            sites.forEach(queries -> queries.remove(current));
        }
    }

    static String key(Marketplace site, ClaimType type) {
        return site.name() + "|" + type.name();
    }
}
