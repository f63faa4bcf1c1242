package io.marketbridge.simulator.qoo10;

import static io.marketbridge.simulator.SimulatorSettings.value;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * marketbridge.simulators.qoo10.*: the QSM sellers the simulator knows (each with its API key and QSM password; the
 * seller id is the QSM login), seeded orders and arrivals, how long a seller authorization key (SAK) lives, and a
 * switch for each point qoo10.md leaves uncertain (see docs/qoo10.md, "The simulator").
 *
 * <pre>
 * marketbridge.simulators.qoo10.sellers = demoqoo10a
 * marketbridge.simulators.qoo10.seller.demoqoo10a.api-key = ...
 * marketbridge.simulators.qoo10.seller.demoqoo10a.password = ...
 * </pre>
 */
public record Qoo10SimulatorSettings(Map<String, Seller> sellers, int seedOrders, Duration seedSpan, double arrivalPerMinute,
                                     long randomSeed, Duration sakLifetime, int maxWindowDays, String callStyles,
                                     String emptyAnswer, String priceFormat, String phoneFormat, String zipFormat,
                                     String unknownKeyShape, int expiryCode, List<String> carriers, Duration deliveryAfter,
                                     double cancelRate) {

    /** One QSM seller: the API key Qoo10 issued, and the QSM login password that CreateCertificationKey checks. */
    public record Seller(String apiKey, String password) {
        @Override
        public String toString() {
            return "Seller[******]";
        }
    }

    public static final String PREFIX = "marketbridge.simulators.qoo10.";

    /** Carrier names SetSendingInfo accepts by default: those seen in working code and the carriers' own names. */
    public static final String CARRIERS = "Qxpress,Sagawa,Yamato,ヤマト運輸,佐川急便,日本郵便,ゆうパック,西濃運輸,福山通運,その他,ETC";

    public static Qoo10SimulatorSettings from(Function<String, String> property) {
        Map<String, Seller> sellers = new LinkedHashMap<>();
        for (String s : list(value(property, PREFIX + "sellers", ""))) {
            sellers.put(s, new Seller(value(property, PREFIX + "seller." + s + ".api-key", ""),
                    value(property, PREFIX + "seller." + s + ".password", "")));
        }
        return new Qoo10SimulatorSettings(sellers,
                Integer.parseInt(value(property, PREFIX + "seed-orders", "0")),
                Duration.parse(value(property, PREFIX + "seed-span", "PT6H")),
                Double.parseDouble(value(property, PREFIX + "arrival-per-minute", "0")),
                Long.parseLong(value(property, PREFIX + "random-seed", "20261130")),
                Duration.parse(value(property, PREFIX + "sak-lifetime", "PT24H")),
                Integer.parseInt(value(property, PREFIX + "max-window-days", "90")),
                oneOf(value(property, PREFIX + "call-styles", "both"), "call-styles", "both", "header", "legacy"),
                oneOf(value(property, PREFIX + "empty-answer", "no-order"), "empty-answer", "no-order", "empty-list"),
                oneOf(value(property, PREFIX + "price-format", "string"), "price-format", "string", "number"),
                oneOf(value(property, PREFIX + "phone-format", "intl"), "phone-format", "intl", "domestic"),
                oneOf(value(property, PREFIX + "zip-format", "hyphen"), "zip-format", "hyphen", "digits"),
                oneOf(value(property, PREFIX + "unknown-key-shape", "error"), "unknown-key-shape", "error", "result"),
                Integer.parseInt(value(property, PREFIX + "expiry-code", "-90004")),
                list(value(property, PREFIX + "carriers", CARRIERS)),
                Duration.parse(value(property, PREFIX + "delivery-after", "PT30M")),
                Double.parseDouble(value(property, PREFIX + "claims.cancel-rate", "0")));
    }

    private static String oneOf(String v, String key, String... allowed) {
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        throw new IllegalArgumentException(PREFIX + key + " = " + v + ": one of " + String.join(", ", allowed));
    }

    static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
