package io.marketbridge.shipment;

import io.marketbridge.order.Marketplace;
import java.util.List;
import java.util.Map;

/**
 * One courier of the canonical table (src/main/resources/couriers.csv).
 *
 * @param code         the canonical code (CJ, HANJIN, LOTTE, ...)
 * @param names        the names ERPs use for it (Korean, Japanese, English)
 * @param nativeCodes  each marketplace's own code for it; a marketplace missing here has none
 * @param trackingRule the tracking number's format: "10|12", "8-16", "13", "any", or "" for 6 to 20 digits
 */
public record Courier(String code, List<String> names, Map<Marketplace, String> nativeCodes, String trackingRule) {
}
