package io.marketbridge.simulator;

import static io.marketbridge.simulator.SimulatorSettings.value;

import java.time.Duration;
import java.util.function.Function;

/**
 * marketbridge.simulators.&lt;name&gt;.claims.*: how often simulated buyers cancel, return and exchange, and withdraw
 * what they asked. Every rate is a probability per order line (a box on Coupang, a product order on Naver), drawn
 * once when the line becomes eligible; all default to 0, so a simulator has no claims unless asked.
 *
 * @param cancelRate   probability a paid line is cancelled by its buyer, {@code cancelDelay} after payment
 * @param returnRate   probability a shipped line is returned, {@code returnDelay} after shipment
 * @param exchangeRate probability a shipped line (not returned) is exchanged, {@code returnDelay} after shipment
 * @param partialRate  probability a claim on a line of more than one piece takes only some of them
 * @param withdrawRate probability an open claim is withdrawn by the buyer, {@code withdrawDelay} after it was made
 */
public record BuyerClaimSettings(double cancelRate, Duration cancelDelay, double returnRate, Duration returnDelay,
                                 double exchangeRate, double partialRate, double withdrawRate, Duration withdrawDelay) {

    public static final BuyerClaimSettings NONE = new BuyerClaimSettings(0, Duration.ofMinutes(10), 0,
            Duration.ofMinutes(30), 0, 0, 0, Duration.ofMinutes(5));

    /** Reads {@code prefix + "claims.*"}, e.g. prefix marketbridge.simulators.coupang. */
    public static BuyerClaimSettings from(Function<String, String> property, String prefix) {
        String p = prefix + "claims.";
        return new BuyerClaimSettings(
                Double.parseDouble(value(property, p + "cancel-rate", "0")),
                Duration.parse(value(property, p + "cancel-delay", "PT10M")),
                Double.parseDouble(value(property, p + "return-rate", "0")),
                Duration.parse(value(property, p + "return-delay", "PT30M")),
                Double.parseDouble(value(property, p + "exchange-rate", "0")),
                Double.parseDouble(value(property, p + "partial-rate", "0")),
                Double.parseDouble(value(property, p + "withdraw-rate", "0")),
                Duration.parse(value(property, p + "withdraw-delay", "PT5M")));
    }

    /** True when buyers make claims on their own at all. */
    public boolean active() {
        return cancelRate > 0 || returnRate > 0 || exchangeRate > 0;
    }
}
