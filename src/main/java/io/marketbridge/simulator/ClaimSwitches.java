package io.marketbridge.simulator;

import static io.marketbridge.simulator.SimulatorSettings.value;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * How a simulator's buyers cancel, return and exchange on their own (marketbridge.simulators.&lt;name&gt;.claims.*),
 * changeable while it runs. Every rate defaults to 0: without them a simulator's orders are never claimed except
 * through its control endpoint, so the flows that do not look at claims see the same orders as before.
 */
public final class ClaimSwitches {

    /** Share of paid or confirmed (not yet shipped) lines whose buyer asks to cancel, {@link #cancelDelay} after payment. */
    public volatile double cancelRate;
    public volatile Duration cancelDelay;
    /** Share of shipped lines whose buyer asks to return, {@link #returnDelay} after shipment. */
    public volatile double returnRate;
    /** Share of shipped lines whose buyer asks to exchange, {@link #returnDelay} after shipment. */
    public volatile double exchangeRate;
    public volatile Duration returnDelay;
    /** Share of claims on a line of two or more pieces that cover only some of them. */
    public volatile double partialRate;
    /** Share of requested claims the buyer withdraws, {@link #withdrawDelay} after asking. */
    public volatile double withdrawRate;
    public volatile Duration withdrawDelay;

    private ClaimSwitches() {
    }

    /** Reads {@code prefix}claims.* (prefix as marketbridge.simulators.elevenst.). */
    public static ClaimSwitches from(Function<String, String> property, String prefix) {
        ClaimSwitches c = new ClaimSwitches();
        String p = prefix + "claims.";
        c.cancelRate = Double.parseDouble(value(property, p + "cancel-rate", "0"));
        c.cancelDelay = Duration.parse(value(property, p + "cancel-delay", "PT10M"));
        c.returnRate = Double.parseDouble(value(property, p + "return-rate", "0"));
        c.exchangeRate = Double.parseDouble(value(property, p + "exchange-rate", "0"));
        c.returnDelay = Duration.parse(value(property, p + "return-delay", "PT1H"));
        c.partialRate = Double.parseDouble(value(property, p + "partial-rate", "0.3"));
        c.withdrawRate = Double.parseDouble(value(property, p + "withdraw-rate", "0.1"));
        c.withdrawDelay = Duration.parse(value(property, p + "withdraw-delay", "PT30M"));
        return c;
    }

    /** Whether buyers claim anything on their own (the simulator then ticks even without arrivals). */
    public boolean active() {
        return cancelRate > 0 || returnRate > 0 || exchangeRate > 0;
    }

    /** Changes the switches named in a control call: cancelRate, cancelDelay, returnRate, ... (durations ISO-8601). */
    public void set(Map<String, String> q) {
        cancelRate = Double.parseDouble(q.getOrDefault("cancelRate", String.valueOf(cancelRate)));
        returnRate = Double.parseDouble(q.getOrDefault("returnRate", String.valueOf(returnRate)));
        exchangeRate = Double.parseDouble(q.getOrDefault("exchangeRate", String.valueOf(exchangeRate)));
        partialRate = Double.parseDouble(q.getOrDefault("partialRate", String.valueOf(partialRate)));
        withdrawRate = Double.parseDouble(q.getOrDefault("withdrawRate", String.valueOf(withdrawRate)));
        cancelDelay = Duration.parse(q.getOrDefault("cancelDelay", cancelDelay.toString()));
        returnDelay = Duration.parse(q.getOrDefault("returnDelay", returnDelay.toString()));
        withdrawDelay = Duration.parse(q.getOrDefault("withdrawDelay", withdrawDelay.toString()));
    }
}
