package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.coupang.CoupangSheet.MICROS;
import static io.marketbridge.simulator.coupang.CoupangSheet.SEOUL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.simulator.coupang.CoupangSimulatorSettings.Credentials;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * What the simulated Coupang holds: the vendors and their keys, every vendor's boxes keyed by shipmentBoxId, the
 * tracking numbers in use, and the counts of answered calls; with the changes the API calls, the control endpoint
 * and tests make to them.
 */
final class CoupangStore {

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Credentials> vendors;
    private final Map<String, String> vendorByAccessKey = new HashMap<>();
    private final Map<String, ConcurrentSkipListMap<Long, CoupangSheet>> sheets = new ConcurrentHashMap<>();
    private final AtomicLong nextBoxId = new AtomicLong(310_000_000_000_000L);
    private final AtomicLong nextOrderId = new AtomicLong(27_000_000_000_000L);
    private final AtomicLong acknowledgements = new AtomicLong();
    private final AtomicLong invoiceUploadCalls = new AtomicLong();
    private final AtomicLong updateInvoiceCalls = new AtomicLong();
    /** Tracking number -> the receiver (name and address) it was first used for; reuse is allowed only for that one. */
    private final Map<String, String> invoiceReceivers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> listCalls = new ConcurrentHashMap<>();
    /** vendor + "/" + status -> list calls answered for that status. */
    private final Map<String, AtomicLong> listCallsByStatus = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> singleReads = new ConcurrentHashMap<>();
    private final Random random;
    private final CoupangOrderGenerator generator;
    private volatile BoxListener listener = new BoxListener() { };

    /** Told when a box is paid (created) and when it ships (its invoice uploaded): where buyers' claims start. */
    interface BoxListener {
        default void paid(CoupangSheet s) {
        }

        default void shipped(CoupangSheet s) {
        }
    }

    void listen(BoxListener listener) {
        this.listener = listener;
    }

    /** The configured vendors, each with {@code seedOrders} orders paid evenly over the {@code seedSpan} up to now. */
    CoupangStore(CoupangSimulatorSettings settings) {
        this.vendors = new LinkedHashMap<>(settings.vendors());
        this.random = new Random(settings.randomSeed());
        this.generator = new CoupangOrderGenerator(json, random);
        vendors.forEach((vendor, c) -> {
            vendorByAccessKey.put(c.accessKey(), vendor);
            sheets.put(vendor, new ConcurrentSkipListMap<>());
        });
        ZonedDateTime now = ZonedDateTime.now(SEOUL);
        long spanSeconds = Math.max(1, settings.seedSpan().toSeconds());
        for (String vendor : vendors.keySet()) {
            for (int i = 0; i < settings.seedOrders(); i++) {
                createOrder(vendor, now.minusSeconds(spanSeconds - (spanSeconds * i / Math.max(1, settings.seedOrders()))), false);
            }
        }
    }

    // ---------------------------------------------------------------- vendors

    int vendorCount() {
        return vendors.size();
    }

    List<String> vendorIds() {
        return new ArrayList<>(vendors.keySet());
    }

    boolean hasVendor(String vendor) {
        return vendor != null && sheets.containsKey(vendor);
    }

    /** The vendor an access key belongs to, or null. */
    String vendorOfAccessKey(String accessKey) {
        return vendorByAccessKey.get(accessKey);
    }

    String secretKeyOf(String vendor) {
        return vendors.get(vendor).secretKey();
    }

    synchronized void addVendor(String vendorId, String accessKey, String secretKey) {
        vendors.put(vendorId, new Credentials(accessKey, secretKey));
        vendorByAccessKey.put(accessKey, vendorId);
        sheets.putIfAbsent(vendorId, new ConcurrentSkipListMap<>());
    }

    // ---------------------------------------------------------------- orders and boxes

    /** One second of arrivals: {@code count} new orders for every vendor, some malformed at the given rate. */
    void arrive(int count, ZonedDateTime now, double malformedOrderRate) {
        for (int i = 0; i < count; i++) {
            for (String vendor : vendors.keySet()) {
                createOrder(vendor, now, random.nextDouble() < malformedOrderRate);
            }
        }
    }

    synchronized long createOrder(String vendor, ZonedDateTime createdAt, boolean malformed) {
        return createOrder(vendor, createdAt, malformed, random.nextDouble() < 0.15 ? 2 : 1);
    }

    synchronized long createOrder(String vendor, ZonedDateTime createdAt, boolean malformed, int boxes) {
        long orderId = nextOrderId.incrementAndGet();
        ConcurrentSkipListMap<Long, CoupangSheet> boxesOfVendor = sheets.get(vendor);
        generator.order(vendor, orderId, nextBoxId::incrementAndGet, createdAt, malformed, boxes,
                s -> {
                    boxesOfVendor.put(s.boxId, s);
                    listener.paid(s);
                });
        return orderId;
    }

    synchronized long addSheet(String vendor, ObjectNode sheet) {
        // a numeric shipmentBoxId keys the box, so acknowledgement and re-reads find it; anything else gets a key
        String box = sheet.path("shipmentBoxId").asText("");
        long key = box.matches("[0-9]{1,18}") && !sheets.get(vendor).containsKey(Long.parseLong(box))
                ? Long.parseLong(box) : nextBoxId.incrementAndGet();
        String orderId = sheet.path("orderId").asText("");
        long numericOrderId = orderId.matches("[0-9]{1,18}") ? Long.parseLong(orderId) : -1;
        sheets.get(vendor).put(key, new CoupangSheet(vendor, key, numericOrderId, LocalDate.now(SEOUL), sheet.deepCopy()));
        return key;
    }

    void addSheet(String vendor, ObjectNode sheet, LocalDate createdDay) {
        long boxId = sheet.path("shipmentBoxId").asLong();
        long orderId = sheet.path("orderId").asLong();
        if (boxId <= 0 || orderId <= 0) {
            throw new IllegalArgumentException("the sheet needs a numeric shipmentBoxId and orderId");
        }
        ObjectNode copy = sheet.deepCopy();
        CoupangSheet s = new CoupangSheet(vendor, boxId, orderId, createdDay, copy);
        s.status = copy.path("status").asText("ACCEPT");
        copy.remove("status");
        if (sheets.get(vendor).putIfAbsent(boxId, s) != null) {
            throw new IllegalArgumentException("vendor " + vendor + " has a box " + boxId + " already");
        }
    }

    /** The vendor's boxes after {@code afterBoxId}, in shipmentBoxId order (the list's nextToken is a box id). */
    Iterable<CoupangSheet> boxesAfter(String vendor, long afterBoxId) {
        return sheets.get(vendor).tailMap(afterBoxId, false).values();
    }

    /** The vendor's box, or null. */
    CoupangSheet box(String vendor, long boxId) {
        return sheets.get(vendor).get(boxId);
    }

    /** The vendor's box; an IllegalArgumentException when there is none. */
    CoupangSheet sheet(String vendor, long boxId) {
        CoupangSheet s = sheets.getOrDefault(vendor, new ConcurrentSkipListMap<>()).get(boxId);
        if (s == null) {
            throw new IllegalArgumentException("no box " + boxId + " for vendor " + vendor);
        }
        return s;
    }

    long boxCount() {
        long total = 0;
        for (String vendor : vendors.keySet()) {
            total += sheets.get(vendor).size();
        }
        return total;
    }

    void changeReceiver(String vendor, long orderId) {
        for (CoupangSheet s : sheets.get(vendor).values()) {
            if (s.orderId == orderId) {
                changeReceiver(s);
            }
        }
    }

    private static void changeReceiver(CoupangSheet s) {
        synchronized (s.json) {
            ObjectNode r = (ObjectNode) s.json.get("receiver");
            r.put("addr1", CoupangSampleData.ADDRESSES.get(3).addr1());
            r.put("addr2", "변경된 주소 707호");
            r.put("postCode", CoupangSampleData.ADDRESSES.get(3).postcode());
        }
    }

    void cancelBox(String vendor, long boxId) {
        CoupangSheet s = sheet(vendor, boxId);
        synchronized (s.json) {
            for (JsonNode item : s.json.path("orderItems")) {
                ((ObjectNode) item).put("canceled", true);
                ((ObjectNode) item).put("cancelCount", item.path("shippingCount").asInt());
            }
        }
    }

    // ---------------------------------------------------------------- what the API calls change

    /**
     * Acknowledges one box (ACCEPT -> INSTRUCT), the receiver changed first when {@code changeAddress} says so (a
     * buyer who edited the address just before). Null when done, else the refusal {resultCode, retryRequired, message}.
     */
    String[] acknowledge(CoupangSheet s, BooleanSupplier changeAddress) {
        synchronized (s) {
            if (!s.status.equals("ACCEPT")) {
                return new String[] {"INVALID_STATUS", "false", "배송상태를 변경할 수 없습니다. (현재 상태: " + s.status + ")"};
            }
            if (changeAddress.getAsBoolean()) {
                changeReceiver(s);
            }
            s.status = "INSTRUCT";
            return null;
        }
    }

    /** Applies one box's invoice entries; null when done, else {resultCode, retryRequired, message}. */
    String[] applyInvoice(String vendor, long boxId, List<JsonNode> entries, boolean update) {
        CoupangSheet s = sheets.get(vendor).get(boxId);
        if (s == null) {
            return new String[] {"NOT_FOUND_SHIPMENT_BOX", "false", "배송번호를 찾을 수 없습니다. shipmentBoxId=" + boxId};
        }
        String code = entries.get(0).path("deliveryCompanyCode").asText();
        String number = entries.get(0).path("invoiceNumber").asText();
        synchronized (s) {
            synchronized (s.json) {
                JsonNode items = s.json.path("orderItems");
                boolean allCanceled = items.size() > 0;
                for (JsonNode item : items) {
                    allCanceled &= item.path("canceled").asBoolean(false);
                }
                if (allCanceled) {
                    return new String[] {"ORDER_DELIVERY_CANCELED", "false", "취소된 주문입니다."};
                }
                String[] held = update ? null : heldForCancel(items);
                if (held != null) {
                    return held;
                }
                for (JsonNode e : entries) {
                    long vendorItemId = e.path("vendorItemId").asLong();
                    boolean found = false;
                    for (JsonNode item : items) {
                        found |= item.path("vendorItemId").asLong() == vendorItemId;
                    }
                    if (!found || e.path("orderId").asLong() != s.orderId) {
                        return new String[] {"NOT_FOUND_VENDOR_ITEM", "false",
                                "주문에 해당 옵션이 없습니다. vendorItemId=" + vendorItemId};
                    }
                }
                if (update) {
                    if (!s.status.equals("DEPARTURE")) {
                        return s.status.equals("INSTRUCT") || s.status.equals("ACCEPT")
                                ? new String[] {"NOT_FOUND_INVOICE_NUMBER", "false", "등록된 송장번호가 없습니다."}
                                : new String[] {"INVALID_STATUS", "false", "배송상태를 변경할 수 없습니다. (현재 상태: " + s.status + ")"};
                    }
                } else if (!s.status.equals("INSTRUCT")) {
                    return s.status.equals("ACCEPT")
                            ? new String[] {"INVALID_STATUS", "false", "배송상태를 변경할 수 없습니다. (현재 상태: ACCEPT)"}
                            : new String[] {"NOT_ALLOW_INVOICE_NUMBER_RE_UPLOAD", "false",
                                "이미 송장이 등록되었습니다. 송장 수정을 이용하세요. (현재 상태: " + s.status + ")"};
                }
                String receiver = s.json.path("receiver").path("name").asText() + "|" + s.json.path("receiver").path("addr1").asText()
                        + "|" + s.json.path("receiver").path("addr2").asText();
                if (!"DIRECT".equals(code)) {
                    String before = invoiceReceivers.putIfAbsent(code + ":" + number, receiver);
                    if (before != null && !before.equals(receiver)) {
                        return new String[] {"DUPLICATE_INVOICE_NUMBER", "true",
                                "6개월 이내에 다른 수취인에게 사용된 송장번호입니다. invoiceNumber=" + number};
                    }
                }
                s.json.put("invoiceNumber", number);
                s.json.put("deliveryCompanyName", CoupangCouriers.name(code));
                String now = MICROS.format(ZonedDateTime.now(SEOUL).truncatedTo(ChronoUnit.MICROS));
                for (JsonNode item : items) {
                    ((ObjectNode) item).put("invoiceNumberUploadDate", now);
                }
                if (!update) {
                    s.status = "DEPARTURE";
                    s.invoiceUploads++;
                }
            }
        }
        if (!update) {
            listener.shipped(s);
        }
        return null;
    }

    /**
     * A buyer's stop request holds pieces of the box (holdCountForCancel): nothing left to ship is refused as held
     * for cancel, some pieces held as a partial stop request; both retryable once the seller answered the request.
     */
    private static String[] heldForCancel(JsonNode items) {
        boolean held = false;
        boolean anyShippable = false;
        for (JsonNode item : items) {
            held |= item.path("holdCountForCancel").asInt() > 0;
            anyShippable |= CoupangClaims.shippable(item) > 0;
        }
        if (!held) {
            return null;
        }
        return anyShippable
                ? new String[] {"ORDER_DELIVERY_PARTIAL_STOP_REQUESTED", "true", "부분 출고중지 요청된 주문입니다. 출고중지 처리 후 다시 시도하세요."}
                : new String[] {"ORDER_DELIVERY_CANCELED_HOLDING_FOR_CANCEL", "true", "출고중지 요청된 주문입니다. 출고중지 처리 후 다시 시도하세요."};
    }

    /** Ships an INSTRUCT box with one invoice for every line (completedShipment); null when done, else a refusal. */
    String[] shipBox(CoupangSheet s, String courier, String invoiceNumber) {
        List<JsonNode> entries = new ArrayList<>();
        synchronized (s.json) {
            for (JsonNode item : s.json.path("orderItems")) {
                ObjectNode e = json.createObjectNode();
                e.put("orderId", s.orderId);
                e.put("vendorItemId", item.path("vendorItemId").asLong());
                e.put("deliveryCompanyCode", courier);
                e.put("invoiceNumber", invoiceNumber);
                entries.add(e);
            }
        }
        return applyInvoice(s.vendorId, s.boxId, entries, false);
    }

    // ---------------------------------------------------------------- call counts

    void countListCall(String vendor) {
        listCalls.computeIfAbsent(vendor, v -> new AtomicLong()).incrementAndGet();
    }

    void countListCall(String vendor, String status) {
        listCallsByStatus.computeIfAbsent(vendor + "/" + status, v -> new AtomicLong()).incrementAndGet();
    }

    void countSingleRead(String vendor) {
        singleReads.computeIfAbsent(vendor, v -> new AtomicLong()).incrementAndGet();
    }

    /** Boxes named in acknowledgement calls, per box (vendor/box). */
    final io.marketbridge.simulator.ConfirmCalls confirmsPerUnit = new io.marketbridge.simulator.ConfirmCalls();
    /** Order-sheet list reads per vendor that overlap. */
    final io.marketbridge.simulator.ReadOverlaps listReads = new io.marketbridge.simulator.ReadOverlaps();

    void countAcknowledgement() {
        acknowledgements.incrementAndGet();
    }

    void countInvoiceCall(boolean update) {
        (update ? updateInvoiceCalls : invoiceUploadCalls).incrementAndGet();
    }

    long listCalls(String vendor) {
        return count(listCalls.get(vendor));
    }

    long listCalls(String vendor, String status) {
        return count(listCallsByStatus.get(vendor + "/" + status));
    }

    Map<String, AtomicLong> listCallsByStatus() {
        return listCallsByStatus;
    }

    long singleReads(String vendor) {
        return count(singleReads.get(vendor));
    }

    Map<String, AtomicLong> singleReads() {
        return singleReads;
    }

    long acknowledgementCalls() {
        return acknowledgements.get();
    }

    long invoiceUploadCalls() {
        return invoiceUploadCalls.get();
    }

    long updateInvoiceCalls() {
        return updateInvoiceCalls.get();
    }

    private static long count(AtomicLong n) {
        return n == null ? 0 : n.get();
    }

    // ---------------------------------------------------------------- views for tests and the stats

    Map<Long, List<String>> orders(String vendor) {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        for (CoupangSheet s : sheets.getOrDefault(vendor, new ConcurrentSkipListMap<>()).values()) {
            out.computeIfAbsent(s.orderId, k -> new ArrayList<>()).add(s.status);
        }
        return out;
    }

    Map<String, Integer> statusCounts(String vendor) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (CoupangSheet s : sheets.getOrDefault(vendor, new ConcurrentSkipListMap<>()).values()) {
            counts.merge(s.status, 1, Integer::sum);
        }
        return counts;
    }

    int lineCount(String vendor, long orderId) {
        int n = 0;
        for (CoupangSheet s : sheets.get(vendor).values()) {
            if (s.orderId == orderId) {
                n += s.json.path("orderItems").size();
            }
        }
        return n;
    }

    List<ObjectNode> sheetsOf(String vendor, long orderId) {
        List<ObjectNode> out = new ArrayList<>();
        for (CoupangSheet s : sheets.get(vendor).values()) {
            if (s.orderId == orderId) {
                out.add(s.render());
            }
        }
        return out;
    }

    List<Long> boxIdsOf(String vendor, long orderId) {
        List<Long> out = new ArrayList<>();
        for (CoupangSheet s : sheets.get(vendor).values()) {
            if (s.orderId == orderId) {
                out.add(s.boxId);
            }
        }
        return out;
    }

    String invoiceOf(String vendor, long boxId) {
        CoupangSheet s = sheet(vendor, boxId);
        synchronized (s.json) {
            return s.json.path("invoiceNumber").asText("");
        }
    }

    int invoiceUploadsOf(String vendor, long boxId) {
        CoupangSheet s = sheet(vendor, boxId);
        synchronized (s) {
            return s.invoiceUploads;
        }
    }
}
