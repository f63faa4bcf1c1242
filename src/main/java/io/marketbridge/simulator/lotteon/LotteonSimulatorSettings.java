package io.marketbridge.simulator.lotteon;

import static io.marketbridge.simulator.SimulatorSettings.value;

import io.marketbridge.simulator.ClaimSwitches;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * marketbridge.simulators.lotteon.*: the traders the simulator knows (trader number trNo -> API key), how many orders
 * it seeds over which span and how fast new ones arrive, a per-key rate limit, the random seed, and how buyers claim
 * (claims.*). The switches for the points lotteon.md leaves uncertain start from {@link LotteonFaults}'s defaults.
 */
public record LotteonSimulatorSettings(Map<String, String> traders, int seedOrders, Duration seedSpan,
                                       double arrivalPerMinute, int rateLimitPerSecond, long randomSeed,
                                       ClaimSwitches claims) {

    public static final String PREFIX = "marketbridge.simulators.lotteon.";

    public static LotteonSimulatorSettings from(Function<String, String> property) {
        Map<String, String> traders = new LinkedHashMap<>();
        for (String trader : value(property, PREFIX + "traders", "").split(",")) {
            String t = trader.trim();
            if (!t.isEmpty()) {
                traders.put(t, value(property, PREFIX + "trader." + t + ".api-key", ""));
            }
        }
        return new LotteonSimulatorSettings(traders,
                Integer.parseInt(value(property, PREFIX + "seed-orders", "30")),
                Duration.parse(value(property, PREFIX + "seed-span", "PT6H")),
                Double.parseDouble(value(property, PREFIX + "arrival-per-minute", "4")),
                // 10,000 calls a minute is the reported limit
                Integer.parseInt(value(property, PREFIX + "rate-limit-per-second", "166")),
                Long.parseLong(value(property, PREFIX + "random-seed", "20200428")),
                ClaimSwitches.from(property, PREFIX));
    }

    @Override
    public String toString() {
        return "LotteonSimulatorSettings[traders=" + traders.keySet() + ", seedOrders=" + seedOrders + "]";
    }
}
