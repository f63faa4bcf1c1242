package io.marketbridge.simulator.elevenst;

import static io.marketbridge.simulator.SimulatorSettings.value;

import io.marketbridge.simulator.ClaimSwitches;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * marketbridge.simulators.elevenst.*: the sellers the simulator knows (seller id -> OpenAPI key), how many orders it
 * seeds over which span and how fast new ones arrive, a per-key rate limit, the answer charset (EUC-KR as 11st
 * declares, or UTF-8), the rows cap per list call, the random seed, how buyers claim (claims.*), and the highest
 * stckQty the stock call takes (stock-max-quantity; 11st.md gives no limit).
 */
public record ElevenstSimulatorSettings(Map<String, String> sellers, int seedOrders, Duration seedSpan,
                                        double arrivalPerMinute, int rateLimitPerSecond, String charset, int maxRows,
                                        long randomSeed, ClaimSwitches claims, int stockMaxQuantity) {

    public static final String PREFIX = "marketbridge.simulators.elevenst.";

    public static ElevenstSimulatorSettings from(Function<String, String> property) {
        Map<String, String> sellers = new LinkedHashMap<>();
        for (String seller : value(property, PREFIX + "sellers", "").split(",")) {
            String s = seller.trim();
            if (!s.isEmpty()) {
                sellers.put(s, value(property, PREFIX + "seller." + s + ".api-key", ""));
            }
        }
        return new ElevenstSimulatorSettings(sellers,
                Integer.parseInt(value(property, PREFIX + "seed-orders", "30")),
                Duration.parse(value(property, PREFIX + "seed-span", "PT6H")),
                Double.parseDouble(value(property, PREFIX + "arrival-per-minute", "4")),
                Integer.parseInt(value(property, PREFIX + "rate-limit-per-second", "5")),
                value(property, PREFIX + "charset", "EUC-KR"),
                Integer.parseInt(value(property, PREFIX + "max-rows", "3000")),
                Long.parseLong(value(property, PREFIX + "random-seed", "20261111")),
                ClaimSwitches.from(property, PREFIX),
                Integer.parseInt(value(property, PREFIX + "stock-max-quantity", "99999")));
    }

    @Override
    public String toString() {
        return "ElevenstSimulatorSettings[sellers=" + sellers.keySet() + ", seedOrders=" + seedOrders + "]";
    }
}
