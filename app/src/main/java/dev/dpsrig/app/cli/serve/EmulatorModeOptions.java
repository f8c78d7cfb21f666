package dev.dpsrig.app.cli.serve;

import dev.dpsrig.simulator.log.RequestLog;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * How {@code dpsrig serve} behaves as a local Azure emulator, in the words of Azure's own storage emulator: how
 * strictly it takes an {@code api-version} ({@code --loose}, the default, any; {@code --strict} only those Azure
 * answers), and whether it logs each request ({@code --log requests}, one line each on stdout).
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

    private static final String REQUESTS = "requests";

    @ArgGroup(exclusive = true)
    private Strictness strictness;

    @Option(names = "--log", paramLabel = REQUESTS, description = "Print a line per HTTP request and per MQTT CONNECT, PUBLISH and"
            + " SUBSCRIBE to stdout: time, method or packet, path or topic, status or CONNACK or answer, registration or device"
            + " id, latency. Signatures, keys and passwords are redacted. Off by default.")
    private String log;

    /** Sets {@code builder} up as the options say; a request log writes to {@code out}. */
    void applyTo(SimulatorConfig.Builder builder, PrintWriter out) {
        if (strictness != null && strictness.strict) {
            builder.strictApiVersions();
        }
        if (log != null) {
            if (!log.equals(REQUESTS)) {
                throw new IllegalArgumentException("--log takes '" + REQUESTS + "', not '" + log + "'");
            }
            builder.requestLog(RequestLog.to(line -> {
                synchronized (out) {
                    out.println(line);
                    out.flush();
                }
            }, Clock.systemUTC()));
        }
    }
}
