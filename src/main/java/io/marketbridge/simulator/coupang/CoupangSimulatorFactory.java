package io.marketbridge.simulator.coupang;

import io.marketbridge.simulator.MarketplaceSimulator;
import java.util.function.Function;

/** Creates the coupang simulator; listed in META-INF/services for {@link io.marketbridge.simulator.SimulatorServer}. */
public class CoupangSimulatorFactory implements MarketplaceSimulator.Factory {

    @Override
    public String name() {
        return CoupangSimulator.NAME;
    }

    @Override
    public MarketplaceSimulator create(Function<String, String> property) {
        return new CoupangSimulator(CoupangSimulatorSettings.from(property));
    }
}
