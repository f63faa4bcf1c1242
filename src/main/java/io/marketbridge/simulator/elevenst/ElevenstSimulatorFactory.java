package io.marketbridge.simulator.elevenst;

import io.marketbridge.simulator.MarketplaceSimulator;
import java.util.function.Function;

/** Creates the elevenst simulator; listed in META-INF/services for {@link io.marketbridge.simulator.SimulatorServer}. */
public class ElevenstSimulatorFactory implements MarketplaceSimulator.Factory {

    @Override
    public String name() {
        return ElevenstSimulator.NAME;
    }

    @Override
    public MarketplaceSimulator create(Function<String, String> property) {
        return new ElevenstSimulator(ElevenstSimulatorSettings.from(property));
    }
}
