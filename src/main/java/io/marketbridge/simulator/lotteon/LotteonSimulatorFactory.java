package io.marketbridge.simulator.lotteon;

import io.marketbridge.simulator.MarketplaceSimulator;
import java.util.function.Function;

/** Creates the lotteon simulator; listed in META-INF/services for {@link io.marketbridge.simulator.SimulatorServer}. */
public class LotteonSimulatorFactory implements MarketplaceSimulator.Factory {

    @Override
    public String name() {
        return LotteonSimulator.NAME;
    }

    @Override
    public MarketplaceSimulator create(Function<String, String> property) {
        return new LotteonSimulator(LotteonSimulatorSettings.from(property));
    }
}
