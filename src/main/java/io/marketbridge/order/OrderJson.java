package io.marketbridge.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The JSON form of the canonical order: the per-order file drop and the runtime's own ledger.
 * Field names are the record component names (camelCase); times are ISO-8601 with offset.
 */
public final class OrderJson {

    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private OrderJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Compact form without the raw payload, kept in the ledger to rebuild batch files. */
    public static String toLedgerJson(Order order) {
        try {
            ObjectNode node = MAPPER.valueToTree(order);
            node.remove("rawPayload");
            return MAPPER.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The ledger form with the raw payload, for when no staging table keeps it (the JSON file needs it). */
    public static String toLedgerJsonWithPayload(Order order) {
        try {
            return MAPPER.writeValueAsString(order);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Order fromJson(String json) {
        try {
            return MAPPER.readValue(json, Order.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The per-order file: a schema version, the canonical order, and the marketplace's raw payload
     * embedded as JSON (or as a string when it is not JSON) for audit.
     */
    public static byte[] toFileJson(Order order) {
        try {
            ObjectNode node = MAPPER.createObjectNode();
            node.put("schemaVersion", SCHEMA_VERSION);
            ObjectNode body = MAPPER.valueToTree(order);
            body.remove("rawPayload");
            node.setAll(body);
            node.set("rawPayload", parseOrText(order.rawPayload()));
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parseOrText(String raw) {
        if (raw == null) {
            return MAPPER.nullNode();
        }
        try {
            return MAPPER.readTree(raw);
        } catch (IOException e) {
            return MAPPER.getNodeFactory().textNode(raw);
        }
    }
}
