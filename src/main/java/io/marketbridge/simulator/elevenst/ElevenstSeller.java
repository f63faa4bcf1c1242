package io.marketbridge.simulator.elevenst;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** One seller: its OpenAPI key, its orders by ordNo and by bundle, and the tracking numbers its bundles shipped with. */
final class ElevenstSeller {
    final String id;
    volatile String apiKey;
    final Map<String, ElevenstOrder> orders = new LinkedHashMap<>();
    final Map<String, ElevenstOrder> byBundle = new HashMap<>();
    final Map<String, String> bundleByInvoice = new HashMap<>();

    ElevenstSeller(String id, String apiKey) {
        this.id = id;
        this.apiKey = apiKey;
    }
}
