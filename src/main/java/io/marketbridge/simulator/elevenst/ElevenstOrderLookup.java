package io.marketbridge.simulator.elevenst;

import io.marketbridge.simulator.SimReply;
import java.util.ArrayList;
import java.util.List;

/**
 * The lookups of one order, /{ordNo}: ordservices/complete/{ordNo} (its paid lines only, counted as a list call) and
 * claimservice/orderlistall/{ordNo} (every line with its status and shipment, counted as a read).
 */
final class ElevenstOrderLookup implements ElevenstResource {

    private final String operation;
    private final boolean paidOnly;
    private final ElevenstStore store;
    private final ElevenstReplies replies;

    private ElevenstOrderLookup(String operation, boolean paidOnly, ElevenstStore store, ElevenstReplies replies) {
        this.operation = operation;
        this.paidOnly = paidOnly;
        this.store = store;
        this.replies = replies;
    }

    /** ordservices/complete/{ordNo}: the order's lines still paid and unconfirmed (202). */
    static ElevenstOrderLookup paid(ElevenstStore store, ElevenstReplies replies) {
        return new ElevenstOrderLookup("ordservices/complete", true, store, replies);
    }

    /** claimservice/orderlistall/{ordNo}: every line of the order, whatever its status. */
    static ElevenstOrderLookup all(ElevenstStore store, ElevenstReplies replies) {
        return new ElevenstOrderLookup("claimservice/orderlistall", false, store, replies);
    }

    @Override
    public String operation() {
        return operation;
    }

    @Override
    public boolean accepts(int segments) {
        return segments == 5;
    }

    @Override
    public SimReply answer(ElevenstSeller s, String[] args) {
        if (paidOnly) {
            store.countListCall();
        } else {
            store.countReadCall();
        }
        List<String> rows = new ArrayList<>();
        synchronized (s) {
            ElevenstOrder o = s.orders.get(args[0]);
            if (o != null) {
                for (ElevenstLine l : o.lines.values()) {
                    if (!paidOnly || l.stat.equals("202")) {
                        rows.add(ElevenstOrderRow.xml(o, l, !paidOnly, false));
                    }
                }
            }
        }
        return replies.rows(rows);
    }
}
