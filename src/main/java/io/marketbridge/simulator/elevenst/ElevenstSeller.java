package io.marketbridge.simulator.elevenst;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One seller: its OpenAPI key, its orders by ordNo and by bundle, the tracking numbers its bundles shipped with and
 * the claims on its orders.
 */
final class ElevenstSeller {
    final String id;
    volatile String apiKey;
    final Map<String, ElevenstOrder> orders = new LinkedHashMap<>();
    final Map<String, ElevenstOrder> byBundle = new HashMap<>();
    final Map<String, String> bundleByInvoice = new HashMap<>();
    /** The claims on the seller's orders by claim number (ordPrdCnSeq, clmReqSeq), in the order they were made. */
    final Map<String, ElevenstClaim> claims = new LinkedHashMap<>();

    ElevenstSeller(String id, String apiKey) {
        this.id = id;
        this.apiKey = apiKey;
    }
}
