package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangSheet.SEOUL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.BuyerClaimPlan;
import io.marketbridge.simulator.ClaimSwitches;
import io.marketbridge.simulator.SimulatedClaimLine;
import io.marketbridge.simulator.coupang.CoupangClaim.Kind;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The claims of every vendor (cancel, return and exchange receipts keyed by receiptId) and what buyers and the
 * seller do to them (coupang.md 1.8): a buyer cancel of an ACCEPT box is done at once (a CANCEL receipt); of an
 * INSTRUCT box it holds the pieces (holdCountForCancel) and waits as RU for stoppedShipment or completedShipment;
 * a return of a shipped box waits as UC for receiveConfirmation, then approval. Refusals are the message of
 * Coupang's HTTP 400 business error. Buyers act on their own after {@link BuyerClaimPlan}; claims made through the control endpoint take what
 * they are told and are never withdrawn on their own.
 */
final class CoupangClaims {

    private final CoupangStore store;
    private final BuyerClaimPlan plan;
    private final Map<String, ConcurrentSkipListMap<Long, CoupangClaim>> claims = new ConcurrentHashMap<>();
    private final AtomicLong nextReceipt = new AtomicLong(480_000_000L);

    CoupangClaims(CoupangStore store, BuyerClaimPlan plan) {
        this.store = store;
        this.plan = plan;
        store.listen(new CoupangStore.BoxListener() {
            @Override
            public void paid(CoupangSheet s) {
                plan.paid(s.vendorId + "/" + s.boxId, System.currentTimeMillis());
            }

            @Override
            public void shipped(CoupangSheet s) {
                plan.shipped(s.vendorId + "/" + s.boxId, System.currentTimeMillis());
            }
        });
    }

    /** The buyers' switches (claims.*), changeable while running. */
    ClaimSwitches switches() {
        return plan.switches();
    }

    // ---------------------------------------------------------------- buyers

    /**
     * The buyer cancels pieces of a box not yet shipped: all of a line, or {@code count} of it; null line = every line.
     * {@code planned}: the plan's buyer, whose claim may take only some pieces (partial-rate) and be withdrawn later.
     */
    CoupangClaim buyerCancel(String vendor, long boxId, Long vendorItemId, Integer count, boolean planned) {
        CoupangSheet s = store.sheet(vendor, boxId);
        synchronized (s) {
            String status = s.status;
            if (!status.equals("ACCEPT") && !status.equals("INSTRUCT")) {
                throw new IllegalStateException("box " + boxId + " has shipped (" + status + "): the buyer returns it instead");
            }
            openClaimCheck(vendor, boxId);
            boolean accept = status.equals("ACCEPT");
            CoupangClaim c = newClaim(s, accept ? Kind.CANCEL : Kind.RETURN, "CHANGEMIND", "단순 변심", "CUSTOMER",
                    accept ? "RETURNS_COMPLETED" : "RELEASE_STOP_UNCHECKED", "N", vendorItemId, count, true, planned);
            synchronized (s.json) {
                for (CoupangClaim.Item i : c.items) {
                    ObjectNode item = item(s, i.vendorItemId());
                    if (accept) {
                        cancelPieces(item, i.count());
                    } else {
                        item.put("holdCountForCancel", item.path("holdCountForCancel").asInt() + i.count());
                    }
                }
            }
            if (accept) {
                c.completeConfirmType = "VENDOR_CONFIRM";
            } else {
                c.releaseStopStatus = "미처리";
            }
            return register(c, planned);
        }
    }

    /** The buyer returns (or exchanges) pieces of a shipped box. */
    CoupangClaim buyerReturn(String vendor, long boxId, Long vendorItemId, Integer count, boolean exchange, boolean planned) {
        CoupangSheet s = store.sheet(vendor, boxId);
        synchronized (s) {
            if (s.status.equals("ACCEPT") || s.status.equals("INSTRUCT")) {
                throw new IllegalStateException("box " + boxId + " has not shipped (" + s.status + "): the buyer cancels it instead");
            }
            openClaimCheck(vendor, boxId);
            CoupangClaim c = exchange
                    ? newClaim(s, Kind.EXCHANGE, "COLORSIZE", "색상/사이즈 변경", "CUSTOMER", "RECEIPT", "Y", vendorItemId, count, false, planned)
                    : newClaim(s, Kind.RETURN, "CHANGEMIND", "단순 변심", "CUSTOMER", "RETURNS_UNCHECKED", "Y", vendorItemId, count, false,
                    planned);
            return register(c, planned);
        }
    }

    /** The buyer withdraws an open claim: a stop request frees its pieces to ship, a return or exchange ends. */
    void withdraw(String vendor, long receiptId) {
        CoupangClaim c = claim(vendor, receiptId);
        if (c == null) {
            throw new IllegalArgumentException("no receipt " + receiptId + " for vendor " + vendor);
        }
        CoupangSheet s = store.sheet(vendor, c.boxId);
        synchronized (s) {
            synchronized (c) {
                boolean open = c.status.equals("RELEASE_STOP_UNCHECKED") || c.status.equals("RETURNS_UNCHECKED")
                        || c.status.equals("RECEIPT");
                if (c.withdrawn || !open) {
                    throw new IllegalStateException("receipt " + receiptId + " cannot be withdrawn (" + c.status + ")");
                }
                if (c.status.equals("RELEASE_STOP_UNCHECKED")) {
                    releaseHolds(s, c);
                }
                c.withdrawn = true;
                c.modifiedAt = now();
                c.withdrawnAt = c.modifiedAt;
            }
        }
    }

    /** What the plan says is due: buyers cancel, return, exchange and withdraw; what no longer applies is skipped. */
    void tick(long nowMillis) {
        for (BuyerClaimPlan.Due due : plan.due(nowMillis)) {
            String[] key = due.key().split("/");
            try {
                long id = Long.parseLong(key[1]);
                switch (due.kind()) {
                    case CANCEL -> buyerCancel(key[0], id, null, null, true);
                    case RETURN -> buyerReturn(key[0], id, null, null, false, true);
                    case EXCHANGE -> buyerReturn(key[0], id, null, null, true, true);
                    case WITHDRAW -> withdraw(key[0], id);
                }
            } catch (IllegalStateException | IllegalArgumentException e) {
                // the box moved on (shipped, cancelled, claimed) before the buyer got to it
            }
        }
    }

    // ---------------------------------------------------------------- the seller's answers (null = done)

    /** stoppedShipment: the seller stopped an RU receipt's pieces; they are cancelled. */
    String stoppedShipment(String vendor, long receiptId, int cancelCount) {
        return act(vendor, receiptId, (s, c) -> {
            if (!c.status.equals("RELEASE_STOP_UNCHECKED")) {
                return "출고중지 요청 상태가 아닙니다. (receiptStatus: " + c.status + ")";
            }
            if (cancelCount != c.countSum()) {
                return "취소 수량이 접수 수량과 다릅니다. (cancelCount " + cancelCount + ", cancelCountSum " + c.countSum() + ")";
            }
            releaseHolds(s, c);
            synchronized (s.json) {
                for (CoupangClaim.Item i : c.items) {
                    cancelPieces(item(s, i.vendorItemId()), i.count());
                }
            }
            c.status = "RETURNS_COMPLETED";
            c.releaseStatus = "S";
            c.releaseStopStatus = "출고중지완료";
            c.completeConfirmType = "VENDOR_CONFIRM";
            return null;
        });
    }

    /** completedShipment: the goods of an RU receipt had left; the box ships with this invoice and the claim becomes a return. */
    String completedShipment(String vendor, long receiptId, String courier, String invoiceNumber) {
        String format = CoupangCouriers.check(courier, invoiceNumber);
        if (format != null) {
            return format;
        }
        return act(vendor, receiptId, (s, c) -> {
            if (!c.status.equals("RELEASE_STOP_UNCHECKED")) {
                return "출고중지 요청 상태가 아닙니다. (receiptStatus: " + c.status + ")";
            }
            releaseHolds(s, c);
            String[] refusal = store.shipBox(s, courier, invoiceNumber);
            if (refusal != null) {
                holdAgain(s, c);
                return refusal[2];
            }
            c.status = "RETURNS_UNCHECKED";
            c.releaseStatus = "A";
            c.releaseStopStatus = "이미출고";
            return null;
        });
    }

    /** receiveConfirmation: the returned goods arrived at the seller. */
    String receiveConfirmation(String vendor, long receiptId) {
        return act(vendor, receiptId, (s, c) -> {
            if (!c.status.equals("RETURNS_UNCHECKED")) {
                return "입고 확인할 수 없는 상태입니다. (receiptStatus: " + c.status + ")";
            }
            c.status = "VENDOR_WAREHOUSE_CONFIRM";
            return null;
        });
    }

    /** approval: the seller approves a received return; the pieces count as cancelled. */
    String approval(String vendor, long receiptId, int cancelCount) {
        return act(vendor, receiptId, (s, c) -> {
            if (!c.status.equals("VENDOR_WAREHOUSE_CONFIRM")) {
                return "반품 승인할 수 없는 상태입니다. 입고 확인 후 승인하세요. (receiptStatus: " + c.status + ")";
            }
            if (cancelCount != c.countSum()) {
                return "취소 수량이 접수 수량과 다릅니다. (cancelCount " + cancelCount + ", cancelCountSum " + c.countSum() + ")";
            }
            synchronized (s.json) {
                for (CoupangClaim.Item i : c.items) {
                    cancelPieces(item(s, i.vendorItemId()), i.count());
                }
            }
            c.status = "RETURNS_COMPLETED";
            c.completeConfirmType = "VENDOR_CONFIRM";
            return null;
        });
    }

    private interface Action {
        String apply(CoupangSheet s, CoupangClaim c);
    }

    private String act(String vendor, long receiptId, Action action) {
        CoupangClaim c = claim(vendor, receiptId);
        if (c == null || c.kind == Kind.EXCHANGE) {
            return "반품 접수 건을 찾을 수 없습니다. (receiptId: " + receiptId + ")";
        }
        CoupangSheet s = store.sheet(vendor, c.boxId);
        synchronized (s) {
            synchronized (c) {
                if (c.withdrawn) {
                    return "고객이 철회한 접수 건입니다. (receiptId: " + receiptId + ")";
                }
                String refusal = action.apply(s, c);
                if (refusal == null) {
                    c.modifiedAt = now();
                }
                return refusal;
            }
        }
    }

    // ---------------------------------------------------------------- the seller's own cancel (v5)

    /** One receipt of a seller cancel: the pieces of one box, CANCEL (ACCEPT) or STOP_SHIPMENT (INSTRUCT). */
    record SellerReceipt(long receiptId, String receiptType, List<Long> vendorItemIds, int totalCount) {
    }

    record SellerCancel(List<SellerReceipt> receipts, List<Long> failed) {
    }

    /** The seller cancels pieces of an order it cannot ship; items of shipped boxes or over the shippable count fail. */
    SellerCancel sellerCancel(String vendor, long orderId, long[] vendorItemIds, int[] counts, String middleCode) {
        List<SellerReceipt> receipts = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        String reason = switch (middleCode) {
            case "CCTTER" -> "재고 문제";
            case "CCPNER" -> "주소/제휴사 문제";
            default -> "가격 오류";
        };
        for (long boxId : store.boxIdsOf(vendor, orderId)) {
            CoupangSheet s = store.sheet(vendor, boxId);
            synchronized (s) {
                boolean accept = s.status.equals("ACCEPT");
                boolean open = !accept && !s.status.equals("INSTRUCT");
                List<Integer> mine = new ArrayList<>();
                for (int k = 0; k < vendorItemIds.length; k++) {
                    ObjectNode item = itemOrNull(s, vendorItemIds[k]);
                    if (item == null) {
                        continue;
                    }
                    if (open || shippable(item) < counts[k] || hasOpenClaim(vendor, boxId)) {
                        failed.add(vendorItemIds[k]);
                    } else {
                        mine.add(k);
                    }
                }
                if (mine.isEmpty()) {
                    continue;
                }
                CoupangClaim c = new CoupangClaim(nextReceipt.incrementAndGet(), vendor, orderId, boxId, Kind.CANCEL, now(),
                        middleCode, reason, "VENDOR", "RETURNS_COMPLETED", accept ? "N" : "S");
                c.completeConfirmType = "VENDOR_CONFIRM";
                List<Long> ids = new ArrayList<>();
                synchronized (s.json) {
                    for (int k : mine) {
                        ObjectNode item = item(s, vendorItemIds[k]);
                        c.items.add(itemOf(item, counts[k]));
                        cancelPieces(item, counts[k]);
                        ids.add(vendorItemIds[k]);
                    }
                }
                claims.computeIfAbsent(vendor, v -> new ConcurrentSkipListMap<>()).put(c.receiptId, c);
                receipts.add(new SellerReceipt(c.receiptId, accept ? "CANCEL" : "STOP_SHIPMENT", ids, c.countSum()));
            }
        }
        for (long id : vendorItemIds) {
            if (!failed.contains(id) && receipts.stream().noneMatch(r -> r.vendorItemIds().contains(id))) {
                failed.add(id); // no box of the order holds it
            }
        }
        return new SellerCancel(receipts, failed);
    }

    // ---------------------------------------------------------------- reading

    CoupangClaim claim(String vendor, long receiptId) {
        ConcurrentSkipListMap<Long, CoupangClaim> mine = claims.get(vendor);
        return mine == null ? null : mine.get(receiptId);
    }

    /** The vendor's claims after {@code afterReceiptId}, in receiptId order (nextToken is a receiptId). */
    Iterable<CoupangClaim> after(String vendor, long afterReceiptId) {
        ConcurrentSkipListMap<Long, CoupangClaim> mine = claims.get(vendor);
        return mine == null ? List.of() : mine.tailMap(afterReceiptId, false).values();
    }

    List<SimulatedClaimLine> lines(String vendor) {
        List<SimulatedClaimLine> out = new ArrayList<>();
        for (CoupangClaim c : after(vendor, 0)) {
            synchronized (c) {
                for (CoupangClaim.Item i : c.items) {
                    out.add(new SimulatedClaimLine(String.valueOf(c.receiptId), String.valueOf(c.orderId),
                            c.boxId + "-" + i.vendorItemId(), c.kind.name(), c.status, c.withdrawn));
                }
            }
        }
        return out;
    }

    /** The receiver of the claim's box, who is the requester of the claim. */
    ObjectNode requester(CoupangClaim c) {
        CoupangSheet s = store.sheet(c.vendor, c.boxId);
        synchronized (s.json) {
            return s.json.path("receiver").deepCopy();
        }
    }

    // ---------------------------------------------------------------- helpers

    private CoupangClaim newClaim(CoupangSheet s, Kind kind, String reasonCode, String reasonText, String fault,
                                  String status, String release, Long vendorItemId, Integer count, boolean unshipped,
                                  boolean planned) {
        CoupangClaim c = new CoupangClaim(nextReceipt.incrementAndGet(), s.vendorId, s.orderId, s.boxId, kind, now(),
                reasonCode, reasonText, fault, status, release);
        synchronized (s.json) {
            for (JsonNode n : s.json.path("orderItems")) {
                ObjectNode item = (ObjectNode) n;
                if (vendorItemId != null && item.path("vendorItemId").asLong() != vendorItemId) {
                    continue;
                }
                int available = unshipped ? shippable(item)
                        : item.path("shippingCount").asInt() - item.path("cancelCount").asInt();
                if (available <= 0) {
                    continue;
                }
                int n2 = count != null ? count : planned ? plan.quantity(available) : available;
                if (n2 <= 0 || n2 > available) {
                    throw new IllegalArgumentException("count " + n2 + " is not within 1.." + available);
                }
                c.items.add(itemOf(item, n2));
            }
        }
        if (c.items.isEmpty()) {
            throw new IllegalStateException("box " + s.boxId + " has nothing left to claim"
                    + (vendorItemId == null ? "" : " of vendorItemId " + vendorItemId));
        }
        return c;
    }

    private CoupangClaim register(CoupangClaim c, boolean planned) {
        claims.computeIfAbsent(c.vendor, v -> new ConcurrentSkipListMap<>()).put(c.receiptId, c);
        if (planned && !c.status.equals("RETURNS_COMPLETED")) {
            plan.claimed(c.vendor + "/" + c.receiptId, System.currentTimeMillis());
        }
        return c;
    }

    private void openClaimCheck(String vendor, long boxId) {
        if (hasOpenClaim(vendor, boxId)) {
            throw new IllegalStateException("box " + boxId + " has an open claim");
        }
    }

    private boolean hasOpenClaim(String vendor, long boxId) {
        for (CoupangClaim c : after(vendor, 0)) {
            synchronized (c) {
                if (c.boxId == boxId && !c.withdrawn && !c.status.equals("RETURNS_COMPLETED")
                        && !c.status.equals("SUCCESS") && !c.status.equals("REJECT")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static CoupangClaim.Item itemOf(ObjectNode item, int count) {
        return new CoupangClaim.Item(item.path("vendorItemId").asLong(), item.path("vendorItemName").asText(), count,
                item.path("shippingCount").asInt(), item.path("sellerProductId").asLong(),
                item.path("sellerProductName").asText());
    }

    private static ObjectNode itemOrNull(CoupangSheet s, long vendorItemId) {
        synchronized (s.json) {
            for (JsonNode n : s.json.path("orderItems")) {
                if (n.path("vendorItemId").asLong() == vendorItemId) {
                    return (ObjectNode) n;
                }
            }
        }
        return null;
    }

    private static ObjectNode item(CoupangSheet s, long vendorItemId) {
        ObjectNode item = itemOrNull(s, vendorItemId);
        if (item == null) {
            throw new IllegalArgumentException("box " + s.boxId + " has no vendorItemId " + vendorItemId);
        }
        return item;
    }

    /** Pieces of the line that can still ship: shippingCount - holdCountForCancel - cancelCount (coupang.md 1.5). */
    static int shippable(JsonNode item) {
        return item.path("shippingCount").asInt() - item.path("holdCountForCancel").asInt() - item.path("cancelCount").asInt();
    }

    private static void cancelPieces(ObjectNode item, int count) {
        int cancelled = item.path("cancelCount").asInt() + count;
        item.put("cancelCount", cancelled);
        item.put("canceled", cancelled >= item.path("shippingCount").asInt());
    }

    private static void releaseHolds(CoupangSheet s, CoupangClaim c) {
        synchronized (s.json) {
            for (CoupangClaim.Item i : c.items) {
                ObjectNode item = item(s, i.vendorItemId());
                item.put("holdCountForCancel", Math.max(0, item.path("holdCountForCancel").asInt() - i.count()));
            }
        }
    }

    private static void holdAgain(CoupangSheet s, CoupangClaim c) {
        synchronized (s.json) {
            for (CoupangClaim.Item i : c.items) {
                ObjectNode item = item(s, i.vendorItemId());
                item.put("holdCountForCancel", item.path("holdCountForCancel").asInt() + i.count());
            }
        }
    }

    private static ZonedDateTime now() {
        return ZonedDateTime.now(SEOUL).truncatedTo(ChronoUnit.SECONDS);
    }
}
