package io.marketbridge.simulator.naver;

import io.marketbridge.simulator.MarketplaceSimulator;
import java.util.function.Function;

/** Creates the naver simulator; listed in META-INF/services for {@link io.marketbridge.simulator.SimulatorServer}. */
public class NaverSimulatorFactory implements MarketplaceSimulator.Factory {

    @Override
    public String name() {
        return NaverSimulator.NAME;
    }

    @Override
    public MarketplaceSimulator create(Function<String, String> property) {
        return new NaverSimulator(NaverSimulatorSettings.from(property));
    }
}
