package io.marketbridge.marketplace;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.order.OrderJson;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reading marketplace JSON the same way in every mapper: tolerant of nulls, blanks and missing offsets. */
public final class JsonFields {

    private JsonFields() {
    }

    /** The field as text; null when absent or JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** The first of the fields that holds non-blank text. */
    public static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            String v = blankToNull(text(node, f));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** ISO-8601 with an offset, or a local date-time read in {@code zone}; null when absent. */
    public static OffsetDateTime time(JsonNode node, String field, ZoneId zone) {
        String value = blankToNull(text(node, field));
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(value).atZone(zone).toOffsetDateTime();
            } catch (DateTimeParseException e2) {
                throw new MappingException(field + " is not an ISO-8601 date-time");
            }
        }
    }

    /** A stored raw payload (a JSON array of the marketplace's objects, or one object) as a list, for a replay. */
    public static List<JsonNode> rawPayload(String rawPayload) {
        try {
            JsonNode raw = OrderJson.mapper().readTree(rawPayload);
            List<JsonNode> items = new ArrayList<>();
            if (raw.isArray()) {
                raw.forEach(items::add);
            } else {
                items.add(raw);
            }
            return items;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MappingException("raw_payload is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A marketplace's 2xx answer as a JSON object; a body that is not one is a transient failure (cut off, a proxy page). */
    public static JsonNode answerObject(String body, String what, int status) {
        try {
            JsonNode json = OrderJson.mapper().readTree(body == null ? "" : body);
            if (json == null || json.isMissingNode() || !json.isObject()) {
                throw new java.io.IOException("not a JSON object");
            }
            return json;
        } catch (java.io.IOException e) {
            throw new TransientMarketplaceException(what + ": HTTP " + status + " with a malformed JSON body", e);
        }
    }
}
