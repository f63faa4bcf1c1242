package io.marketbridge.simulator.naver;

import static io.marketbridge.simulator.SimulatorSettings.value;

import io.marketbridge.simulator.ClaimSwitches;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * marketbridge.simulators.naver.*: the applications the simulator knows (one per simulated seller: its
 * client id and its bcrypt-salt secret), how many orders it seeds and how fast new ones arrive, the
 * per-application rate limit, the token-request timestamp window, the token lifetime, its buyers' claims
 * (claims.*) and whether return/approve is taken before the goods are collected
 * (claims.return-approve-before-collect, default false: naver.md does not say).
 */
public record NaverSimulatorSettings(Map<String, Credentials> sellers, int seedOrders, Duration seedSpan,
                                     double arrivalPerMinute, int rateLimitPerSecond, Duration timestampWindow,
                                     Duration tokenLifetime, long randomSeed, ClaimSwitches claims,
                                     boolean returnApproveBeforeCollect) {

    /** An application's id and secret; the secret is a bcrypt salt string such as {@code $2a$04$} + 22 characters. */
    public record Credentials(String clientId, String clientSecret) {
        @Override
        public String toString() {
            return "Credentials[******]";
        }
    }

    public static final String PREFIX = "marketbridge.simulators.naver.";

    public static NaverSimulatorSettings from(Function<String, String> property) {
        Map<String, Credentials> sellers = new LinkedHashMap<>();
        for (String seller : value(property, PREFIX + "sellers", "").split(",")) {
            String s = seller.trim();
            if (!s.isEmpty()) {
                sellers.put(s, new Credentials(
                        value(property, PREFIX + "seller." + s + ".client-id", ""),
                        value(property, PREFIX + "seller." + s + ".client-secret", "")));
            }
        }
        return new NaverSimulatorSettings(sellers,
                Integer.parseInt(value(property, PREFIX + "seed-orders", "40")),
                Duration.parse(value(property, PREFIX + "seed-span", "PT6H")),
                Double.parseDouble(value(property, PREFIX + "arrival-per-minute", "6")),
                Integer.parseInt(value(property, PREFIX + "rate-limit-per-second", "10")),
                Duration.parse(value(property, PREFIX + "timestamp-window", "PT5M")),
                Duration.parse(value(property, PREFIX + "token-lifetime", "PT3H")),
                Long.parseLong(value(property, PREFIX + "random-seed", "20261124")),
                ClaimSwitches.from(property, PREFIX),
                Boolean.parseBoolean(value(property, PREFIX + "claims.return-approve-before-collect", "false")));
    }

    public NaverSimulatorSettings withSeller(String sellerId, String clientId, String clientSecret) {
        Map<String, Credentials> copy = new LinkedHashMap<>(sellers);
        copy.put(sellerId, new Credentials(clientId, clientSecret));
        return new NaverSimulatorSettings(copy, seedOrders, seedSpan, arrivalPerMinute, rateLimitPerSecond,
                timestampWindow, tokenLifetime, randomSeed, claims, returnApproveBeforeCollect);
    }
}
