package io.marketbridge.simulator.coupang;

import static io.marketbridge.simulator.SimulatorSettings.value;

import io.marketbridge.simulator.ClaimSwitches;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * marketbridge.simulators.coupang.*: the vendors the simulator knows (vendor id and its keys), how many
 * orders it seeds and how fast new ones arrive, its rate limit, how long a vendor stays blocked once it went over
 * it (coupang.md: minutes to tens of minutes), its signature window, its buyers' claims (claims.*) and the HTTP
 * status of a seller cancel that cancelled nothing (claims.seller-cancel-failure-status: coupang.md gives only the
 * body's code "400"), and the stock call's limits, which coupang.md does not give: the highest quantity
 * (stock-max-quantity) and the HTTP status of a refused stock call (stock-refusal-status, 400 or 200).
 */
public record CoupangSimulatorSettings(Map<String, Credentials> vendors, int seedOrders, Duration seedSpan,
                                       double arrivalPerMinute, int rateLimitPerSecond, Duration signatureWindow,
                                       long randomSeed, Duration throttleBlock, ClaimSwitches claims,
                                       int sellerCancelFailureStatus, int stockMaxQuantity, int stockRefusalStatus) {

    public record Credentials(String accessKey, String secretKey) {
        @Override
        public String toString() {
            return "Credentials[******]";
        }
    }

    public static final String PREFIX = "marketbridge.simulators.coupang.";

    public static CoupangSimulatorSettings from(Function<String, String> property) {
        Map<String, Credentials> vendors = new LinkedHashMap<>();
        for (String vendor : value(property, PREFIX + "vendors", "").split(",")) {
            String v = vendor.trim();
            if (!v.isEmpty()) {
                vendors.put(v, new Credentials(
                        value(property, PREFIX + "vendor." + v + ".access-key", ""),
                        value(property, PREFIX + "vendor." + v + ".secret-key", "")));
            }
        }
        return new CoupangSimulatorSettings(vendors,
                Integer.parseInt(value(property, PREFIX + "seed-orders", "40")),
                Duration.parse(value(property, PREFIX + "seed-span", "PT6H")),
                Double.parseDouble(value(property, PREFIX + "arrival-per-minute", "6")),
                Integer.parseInt(value(property, PREFIX + "rate-limit-per-second", "10")),
                Duration.parse(value(property, PREFIX + "signature-window", "PT5M")),
                Long.parseLong(value(property, PREFIX + "random-seed", "20261122")),
                Duration.parse(value(property, PREFIX + "throttle-block", "PT5M")),
                ClaimSwitches.from(property, PREFIX),
                Integer.parseInt(value(property, PREFIX + "claims.seller-cancel-failure-status", "200")),
                Integer.parseInt(value(property, PREFIX + "stock-max-quantity", "99999")),
                Integer.parseInt(value(property, PREFIX + "stock-refusal-status", "400")));
    }

    public CoupangSimulatorSettings withVendor(String vendorId, String accessKey, String secretKey) {
        Map<String, Credentials> copy = new LinkedHashMap<>(vendors);
        copy.put(vendorId, new Credentials(accessKey, secretKey));
        return new CoupangSimulatorSettings(copy, seedOrders, seedSpan, arrivalPerMinute, rateLimitPerSecond,
                signatureWindow, randomSeed, throttleBlock, claims, sellerCancelFailureStatus, stockMaxQuantity,
                stockRefusalStatus);
    }
}
