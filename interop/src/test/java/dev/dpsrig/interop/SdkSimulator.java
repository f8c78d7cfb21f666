package dev.dpsrig.interop;

import dev.dpsrig.simulator.log.RequestLog;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts the simulator in the SDK-compatible layout (DPS on {@code baseAddress:443}, each hub on the
 * next loopback address, also on 443), the one official SDKs accept. Each test class passes a base
 * address of its own so that classes never contend for a listener.
 */
public final class SdkSimulator {
    private SdkSimulator() {
    }

    /**
     * Where 443 cannot be bound the simulator's own error says why and how to allow it; the tests fail
     * with it rather than skip, so a machine that cannot run them never passes for one that did.
     */
    public static LocalSimulator start(String baseAddress) {
        return LocalSimulator.start(sdkLayout(baseAddress).build());
    }

    /**
     * The same, keeping its settings, TLS material and state in {@code dataDirectory}, where dpsrig's own commands
     * find it as they find {@code ./dpsrig-data} of {@code dpsrig serve}.
     */
    public static LocalSimulator start(String baseAddress, Path dataDirectory) {
        return LocalSimulator.start(sdkLayout(baseAddress).dataDirectory(dataDirectory).build());
    }

    /**
     * The same, writing what {@code dpsrig serve --log requests} prints to {@code log}: each HTTP request and MQTT
     * CONNECT, SUBSCRIBE and PUBLISH, so that a test sees which transport a client really used.
     */
    public static LocalSimulator start(String baseAddress, RequestLog log) {
        return LocalSimulator.start(sdkLayout(baseAddress).requestLog(log).build());
    }

    private static SimulatorConfig.Builder sdkLayout(String baseAddress) {
        return SimulatorConfig.builder().sdkLayout(baseAddress).assignmentDelay(Duration.ZERO);
    }
}
