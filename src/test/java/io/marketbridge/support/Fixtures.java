package io.marketbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.marketbridge.order.OrderJson;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Synthetic marketplace payloads under src/test/resources (invented data, real shapes). */
public final class Fixtures {

    private Fixtures() {
    }

    public static JsonNode json(String resource) throws Exception {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return OrderJson.mapper().readTree(in);
        }
    }

    /** A JSON array as a list of its elements, or a single object as a list of one. */
    public static List<JsonNode> elements(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(list::add);
        } else {
            list.add(node);
        }
        return list;
    }
}
