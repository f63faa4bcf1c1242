package io.marketbridge.simulator.esm;

import static io.marketbridge.simulator.SimulatorSettings.value;

import io.marketbridge.simulator.ClaimSwitches;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * marketbridge.simulators.esm.*: the ESM+ master IDs the simulator knows (each with its secret key and its site
 * seller IDs on Gmarket and Auction), how many orders it seeds per site seller and how fast new ones arrive, the
 * order-query bucket (one RequestOrders per interval per site seller ID), how long a fresh order's phones stay
 * null, the random seed of the data, and how buyers claim (claims.*).
 *
 * <pre>
 * marketbridge.simulators.esm.masters = demoesm
 * marketbridge.simulators.esm.master.demoesm.secret = ...
 * marketbridge.simulators.esm.master.demoesm.gmarket-sellers = demogmkt
 * marketbridge.simulators.esm.master.demoesm.auction-sellers = demoiac
 * </pre>
 */
public record EsmSimulatorSettings(Map<String, Master> masters, int seedOrders, Duration seedSpan, double arrivalPerMinute,
                                   Duration orderQueryInterval, Duration freshPhoneDelay, int maxPageSize, long randomSeed,
                                   ClaimSwitches claims) {

    /** One ESM+ master ID: its secret key and the site seller IDs it owns. */
    public record Master(String secret, List<String> gmarketSellers, List<String> auctionSellers) {
        public Master {
            gmarketSellers = List.copyOf(gmarketSellers);
            auctionSellers = List.copyOf(auctionSellers);
        }

        @Override
        public String toString() {
            return "Master[gmarket=" + gmarketSellers + ", auction=" + auctionSellers + ", secret=******]";
        }
    }

    public static final String PREFIX = "marketbridge.simulators.esm.";

    public static EsmSimulatorSettings from(Function<String, String> property) {
        Map<String, Master> masters = new LinkedHashMap<>();
        for (String master : value(property, PREFIX + "masters", "").split(",")) {
            String m = master.trim();
            if (!m.isEmpty()) {
                masters.put(m, new Master(value(property, PREFIX + "master." + m + ".secret", ""),
                        list(value(property, PREFIX + "master." + m + ".gmarket-sellers", "")),
                        list(value(property, PREFIX + "master." + m + ".auction-sellers", ""))));
            }
        }
        return new EsmSimulatorSettings(masters,
                Integer.parseInt(value(property, PREFIX + "seed-orders", "30")),
                Duration.parse(value(property, PREFIX + "seed-span", "PT6H")),
                Double.parseDouble(value(property, PREFIX + "arrival-per-minute", "4")),
                Duration.ofMillis(Long.parseLong(value(property, PREFIX + "order-query-interval-ms", "5000"))),
                Duration.parse(value(property, PREFIX + "fresh-phone-delay", "PT0S")),
                Integer.parseInt(value(property, PREFIX + "max-page-size", "1000")),
                Long.parseLong(value(property, PREFIX + "random-seed", "20261124")),
                ClaimSwitches.from(property, PREFIX));
    }

    private static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
