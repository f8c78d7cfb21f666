package dev.dpsrig.app.cli.serve;

import dev.dpsrig.simulator.server.SimulatorConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * How strictly {@code dpsrig serve} behaves as Azure does, in the words of Azure's own storage emulator: {@code --loose}
 * (the default) takes any {@code api-version}, {@code --strict} only those Azure answers.
 */
final class EmulatorModeOptions {
    /** One of the two, or neither. */
    static final class Strictness {
        @Option(names = "--strict", description = "Refuse a request or MQTT CONNECT with a missing or unknown api-version as Azure"
                + " does: the DPS device and service APIs with 400 (errorCode 400004), a hub with 400 InvalidProtocolVersion,"
                + " MQTT with CONNACK 1. The versions the official SDKs send are known (README lists them).")
        private boolean strict;

        @Option(names = "--loose", description = "Take any api-version, or none (the default).")
        private boolean loose;
    }

    @ArgGroup(exclusive = true)
    private Strictness strictness;

    /** Sets {@code builder} up as the options say. */
    void applyTo(SimulatorConfig.Builder builder) {
        if (strictness != null && strictness.strict) {
            builder.strictApiVersions();
        }
    }
}
