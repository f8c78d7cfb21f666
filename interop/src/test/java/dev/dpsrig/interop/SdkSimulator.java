package dev.dpsrig.interop;

import dev.dpsrig.simulator.service.http.LocalSimulator;
import dev.dpsrig.simulator.service.http.SimulatorConfig;
import java.time.Duration;

/** Starts the simulator in the layout official SDKs accept; each test class passes its own base address. */
final class SdkSimulator {
    private SdkSimulator() {
    }

    static LocalSimulator start(String baseAddress) {
        return LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO).build());
    }
}
