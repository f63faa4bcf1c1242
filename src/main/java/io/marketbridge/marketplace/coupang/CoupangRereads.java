package io.marketbridge.marketplace.coupang;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.intake.Confirmations;
import io.marketbridge.intake.OrderChanges;
import io.marketbridge.intake.PollContext;
import io.marketbridge.intake.SlicePaging;
import io.marketbridge.intake.WindowSlicer;
import io.marketbridge.marketplace.ApiRequest;
import io.marketbridge.order.Marketplace;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The re-read after acknowledging (route coupang-reread). Coupang advises reading each box again once it is
 * acknowledged, because the receiver can change while a box is ACCEPT; a refused acknowledgement is settled by
 * the same read (an earlier run may have acknowledged the box and stopped before recording it).
 *
 * <p>The boxes come from MB_CONFIRMATION (reread_state DUE, written with the acknowledgement, so a run stopped
 * before its re-read leaves the boxes to the next poll) and from this poll's refusals. They are read from the
 * window's INSTRUCT order sheets, 50 a call, and one call per box only for the boxes the list did not return
 * (acknowledged in another window, moved on to DEPARTURE, cancelled) or once listing stops paying for itself.
 * Each sheet, listed or read alone, goes through the same comparison, so the address-change check is the same.
 */
public class CoupangRereads {

    /** Route variable: the box a single re-read is about. */
    public static final String BOX = "box";
    /** Fewer boxes than this are read one by one: a list page would cost as much. */
    static final int LIST_FROM = 2;

    /** The re-read of one poll: the boxes still to read and the INSTRUCT list's paging. */
    public static final class State {
        /** Box -> orderId (null when it is to be looked up), in the order they are due. */
        final Map<String, String> remaining = new LinkedHashMap<>();
        /** Boxes whose acknowledgement this poll failed or was refused: the read settles them. */
        final Set<String> toSettle = new LinkedHashSet<>();
        final SlicePaging<String> pages;
        /** Whether the list is read at all (enough boxes for a page to pay). */
        boolean listing;
        int pagesRead;
        int found;

        State(List<WindowSlicer.Slice> slices) {
            this.pages = new SlicePaging<>(slices);
        }

        /**
         * Another list page while boxes remain and the listing has paid for itself: at most one page per box it
         * found, plus a tenth of the boxes still missing. So listing costs at most about a tenth more calls than
         * reading every box alone, and a fiftieth of it when the list holds mostly these boxes.
         */
        public boolean hasNextPage() {
            return listing && !remaining.isEmpty() && pages.hasNext() && pagesRead < found + Math.max(1, remaining.size() / 10);
        }

        /** The boxes left for single reads. */
        public List<String> getSingles() {
            return new ArrayList<>(remaining.keySet());
        }
    }

    private final Confirmations confirmations;
    private final OrderChanges orderChanges;

    public CoupangRereads(Confirmations confirmations, OrderChanges orderChanges) {
        this.confirmations = confirmations;
        this.orderChanges = orderChanges;
    }

    /** Collects the boxes to re-read: DUE ones (when recheck is on) and this poll's refused ones. */
    void start(PollContext<CoupangPoll> poll) throws SQLException {
        // newest first: what was acknowledged just now was paid last
        List<WindowSlicer.Slice> newestFirst = new ArrayList<>(CoupangOrders.slices(poll));
        java.util.Collections.reverse(newestFirst);
        State state = new State(newestFirst);
        if (poll.getAccount().flag(CoupangConnector.RECHECK_AFTER_CONFIRM)) {
            state.remaining.putAll(confirmations.rereadsDue(poll.getAccountId()));
        }
        for (String box : poll.getConfirmedShipments()) {
            state.remaining.putIfAbsent(box, null);
            state.toSettle.add(box);
        }
        state.listing = state.remaining.size() >= LIST_FROM;
        poll.state().rereads = state;
    }

    /** The next page of the window's INSTRUCT (acknowledged) sheets. */
    ApiRequest nextPage(PollContext<CoupangPoll> poll) {
        SlicePaging<String> pages = poll.state().rereads.pages;
        return CoupangOrders.sheetsRequest(poll, pages.slice(), pages.cursor(), "INSTRUCT",
                "re-read of acknowledged boxes (INSTRUCT %s..%s)");
    }

    /** Compares each listed box that is due, records those as re-read, and moves the paging on. */
    void readPage(PollContext<CoupangPoll> poll, JsonNode root) throws SQLException {
        State state = poll.state().rereads;
        List<String> read = new ArrayList<>();
        for (JsonNode sheet : root.path("data")) {
            String box = sheet.path("shipmentBoxId").asText("");
            if (!state.remaining.containsKey(box)) {
                continue;
            }
            compare(poll, state, box, state.remaining.remove(box), sheet);
            read.add(box);
        }
        state.pagesRead++;
        state.found += read.size();
        confirmations.rereadEnded(poll.getAccountId(), read, Confirmations.REREAD_DONE);
        CoupangOrders.nextToken(state.pages, root);
    }

    /** The read of one box alone. */
    ApiRequest sheetRequest(PollContext<?> poll, String box) {
        return ApiRequest.get(CoupangOrders.API + "/v5/vendors/" + CoupangOrders.vendor(poll) + "/ordersheets/" + box, "",
                "re-read of one box");
    }

    void readSheet(PollContext<CoupangPoll> poll, String box, JsonNode answer) throws SQLException {
        State state = poll.state().rereads;
        JsonNode sheet = answer.path("data");
        if (sheet.isObject()) {
            compare(poll, state, box, state.remaining.get(box), sheet);
        }
        state.remaining.remove(box);
        confirmations.rereadEnded(poll.getAccountId(), List.of(box), Confirmations.REREAD_DONE);
    }

    /**
     * Coupang refused to read the box (it no longer exists for this vendor): nothing to compare, and asking
     * again would fail the same way. A refused acknowledgement of it stays FAILED, to be tried again.
     */
    void unreadable(PollContext<CoupangPoll> poll, String box) throws SQLException {
        poll.state().rereads.remaining.remove(box);
        confirmations.rereadEnded(poll.getAccountId(), List.of(box), Confirmations.REREAD_UNREADABLE);
    }

    /**
     * A box past ACCEPT whose acknowledgement failed here counts as acknowledged (an earlier run acknowledged it
     * and stopped before recording it); a refusal of a box still ACCEPT stands. A receiver that differs from
     * the delivered one becomes an ADDRESS_CHANGED row (when recheck is on).
     */
    private void compare(PollContext<?> poll, State state, String box, String knownOrderId, JsonNode sheet) throws SQLException {
        String orderId = knownOrderId != null ? knownOrderId : confirmations.orderIdOf(poll.getAccountId(), box);
        if (orderId == null) {
            return;
        }
        if (state.toSettle.remove(box)) {
            Confirmations.Answer refusal = poll.refusals().remove(box);
            String status = sheet.path("status").asText();
            if (CoupangOrders.PAST_ACCEPT.contains(status) && confirmations.isUnconfirmed(poll.getAccountId(), box)) {
                confirmations.record(poll.getAccountId(), box, Confirmations.CONFIRMED, "ALREADY_ACKNOWLEDGED",
                        "the box is " + status + " at Coupang");
                poll.addConfirmed(1);
            } else if (refusal != null) {
                confirmations.recordAll(poll.getAccountId(), List.of(refusal)); // still ACCEPT: the refusal stands
            }
        }
        JsonNode receiver = sheet.get("receiver");
        if (poll.getAccount().flag(CoupangConnector.RECHECK_AFTER_CONFIRM) && receiver != null && receiver.isObject()
                && orderChanges.recordReceiver(Marketplace.COUPANG, poll.getAccountId(), orderId,
                CoupangOrderMapper.receiverOf(receiver), blankToNull(sheet.path("parcelPrintMessage").asText(null)))) {
            poll.addChange();
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
