package io.marketbridge.claim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.marketbridge.order.OrderJson;
import io.marketbridge.sink.FileSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The claim files of the file drop, written through {@link FileSink} (temporary name, then rename):
 * <pre>
 *   {dir}/claims/{MARKETPLACE}-{account}-{claimId}-{lineId}-{status}.json   one per claim event and line
 *   {dir}/claims-csv/{batchId}.csv                                          one per batch, one row per event and line
 * </pre>
 * Names are deterministic, so a file rewritten after a crash takes the same name.
 */
final class ClaimFiles {

    /** Column list of the claim batch CSV (ERP contract v3): MB_CLAIM's columns. Never reorder; add at the end. */
    static final List<String> CSV_COLUMNS = List.of(
            "marketplace", "account_id", "claim_id", "line_id", "claim_status", "claim_type", "order_id",
            "shipment_id", "quantity", "reason_code", "reason_text", "requested_at", "status_at",
            "marketplace_status", "collected_at");

    private final FileSink fileSink;

    ClaimFiles(FileSink fileSink) {
        this.fileSink = fileSink;
    }

    static Path jsonPath(ClaimEvent e) {
        return Path.of("claims", FileSink.safe(e.marketplace().code() + "-" + e.accountId() + "-" + e.claimId() + "-"
                + e.lineId() + "-" + e.status()) + ".json");
    }

    static Path csvPath(String batchId) {
        return Path.of("claims-csv", FileSink.safe(batchId) + ".csv");
    }

    /** Writes the event's JSON file unless it is already there (its content never changes). */
    void writeJson(ClaimEvent e, Instant collectedAt) {
        fileSink.writeOnce(jsonPath(e), json(e, collectedAt));
    }

    /** Writes (or rewrites, after a crash) one batch CSV. */
    void writeCsv(String batchId, List<ClaimEvent> events, List<Instant> collectedAt) {
        List<Object[]> rows = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            ClaimEvent e = events.get(i);
            rows.add(new Object[] {e.marketplace().code(), e.accountId(), e.claimId(), e.lineId(), e.status(), e.type(),
                    e.orderId(), e.shipmentId(), e.quantity(), e.reasonCode(), e.reasonText(), e.requestedAt(),
                    e.statusAt(), e.marketplaceStatus(), collectedAt.get(i)});
        }
        if (events.isEmpty()) {
            fileSink.write(csvPath(batchId), fileSink.csvBytes(CSV_COLUMNS, rows));
            return;
        }
        // the account's own encoding; a claim of a marketplace outside Korea (Japanese reasons) is never cut to '?'
        ClaimEvent first = events.get(0);
        boolean strict = events.stream().anyMatch(e -> !"KR".equals(e.marketplace().country()));
        fileSink.write(csvPath(batchId), fileSink.csvBytes(CSV_COLUMNS, rows, first.accountId(),
                strict ? first.marketplace().code() : null));
    }

    /** The claim file: a schema version, the event, and the marketplace's raw payload embedded for audit. */
    static byte[] json(ClaimEvent e, Instant collectedAt) {
        ObjectMapper mapper = OrderJson.mapper();
        ObjectNode node = mapper.createObjectNode();
        node.put("schemaVersion", OrderJson.SCHEMA_VERSION);
        node.put("marketplace", e.marketplace().code());
        node.put("accountId", e.accountId());
        node.put("claimId", e.claimId());
        node.put("lineId", e.lineId());
        node.put("claimStatus", e.status().name());
        node.put("claimType", e.type().name());
        node.put("orderId", e.orderId());
        node.put("shipmentId", e.shipmentId());
        node.put("quantity", e.quantity());
        node.put("reasonCode", e.reasonCode());
        node.put("reasonText", e.reasonText());
        node.set("requestedAt", mapper.valueToTree(e.requestedAt()));
        node.set("statusAt", mapper.valueToTree(e.statusAt()));
        node.put("marketplaceStatus", e.marketplaceStatus());
        node.put("collectedAt", collectedAt.toString());
        node.set("rawPayload", parseOrText(mapper, e.rawPayload()));
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    private static JsonNode parseOrText(ObjectMapper mapper, String raw) {
        if (raw == null) {
            return mapper.nullNode();
        }
        try {
            return mapper.readTree(raw);
        } catch (IOException x) {
            return mapper.getNodeFactory().textNode(raw);
        }
    }
}
