package io.marketbridge.simulator.esm;

import io.marketbridge.simulator.MarketplaceSimulator;
import java.util.function.Function;

/** Creates the esm simulator; listed in META-INF/services for {@link io.marketbridge.simulator.SimulatorServer}. */
public class EsmSimulatorFactory implements MarketplaceSimulator.Factory {

    @Override
    public String name() {
        return EsmSimulator.NAME;
    }

    @Override
    public MarketplaceSimulator create(Function<String, String> property) {
        return new EsmSimulator(EsmSimulatorSettings.from(property));
    }
}
