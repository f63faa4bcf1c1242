package io.marketbridge.simulator.qoo10;

import io.marketbridge.simulator.MarketplaceSimulator;
import java.util.function.Function;

/** Creates the qoo10 simulator; listed in META-INF/services for {@link io.marketbridge.simulator.SimulatorServer}. */
public class Qoo10SimulatorFactory implements MarketplaceSimulator.Factory {

    @Override
    public String name() {
        return Qoo10Simulator.NAME;
    }

    @Override
    public MarketplaceSimulator create(Function<String, String> property) {
        return new Qoo10Simulator(Qoo10SimulatorSettings.from(property));
    }
}
