package dev.dpsrig.app.cli.hub.benchmark;

import dev.dpsrig.app.bench.BenchClients;
import dev.dpsrig.app.bench.BenchEnrollments;
import dev.dpsrig.app.bench.Client;
import dev.dpsrig.app.bench.Machine;
import dev.dpsrig.app.bench.Measurement;
import dev.dpsrig.app.bench.RawRequests;
import dev.dpsrig.app.bench.Transport;
import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How fast the simulator's hubs take telemetry from emulated devices, over HTTPS and over MQTT (one connection per
 * device, kept open), next to the raw HTTPS request rate of the same server in the same run; then what an idle
 * connected MQTT device weighs in heap on the simulator's side and on the emulator's, each measured in its own JVM.
 * A command of its own beside {@code dps benchmark}: these figures are the hub's (messages and held connections), and a
 * run stays short enough to repeat.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measure, against an in-process simulator: raw HTTPS requests/s, then telemetry messages/s from emulated"
                + " devices over HTTPS and over MQTT (a connection per device, kept open), then heap per idle connected MQTT"
                + " device on the simulator's side and on the emulator's (the devices in a child JVM).",
                "Every device must be assigned and connect, and every message be acknowledged and counted by its hub;"
                        + " the exit code is 1 otherwise."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:every device assigned and connected, every message acknowledged and counted",
                "1:one was not, or an unexpected error", "2:usage error"})
public final class HubBenchmarkCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--warmup", defaultValue = "60", description = "Warm-up seconds before each measurement (default: ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds per measurement (default: ${DEFAULT-VALUE}).")
    private int measureSeconds;

    @Option(names = "--concurrency", defaultValue = "64",
            description = "Devices sending at once, a virtual thread each; also how many register at once (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--devices", defaultValue = "1000",
            description = "Devices per transport that send telemetry, in turn (default: ${DEFAULT-VALUE}).")
    private int devices;

    @Option(names = "--idle-devices", defaultValue = "1000",
            description = "Idle MQTT devices connected for the heap measurement; 0 skips it (default: ${DEFAULT-VALUE}).")
    private int idleDevices;

    @Option(names = "--transport", split = ",", defaultValue = "https,mqtt", paramLabel = "https|mqtt",
            description = "Whose telemetry to measure: https, mqtt or both (default: ${DEFAULT-VALUE}); the raw HTTPS rate is"
                    + " measured either way, the idle heap with mqtt.")
    private List<Transport> transports;

    private PrintWriter out;
    private boolean failed;

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1 || measureSeconds < 1 || devices < 1 || warmupSeconds < 0 || idleDevices < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--concurrency, --seconds and --devices must be at least 1, --warmup and --idle-devices at least 0");
        }
        out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "hub benchmark: %s, max heap %d MB, concurrency %d, warm-up %d s and measured %d s per measurement,"
                        + " %d devices per transport, transports %s; load average %.1f%n", Machine.describe(), Machine.maxHeapMegabytes(),
                concurrency, warmupSeconds, measureSeconds, devices, transports, Machine.loadAverage());
        out.flush();
        try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO).build());
             BenchDevices factory = BenchDevices.of(simulator.devSettingsFile())) {
            SSLContext anonymous = TlsContexts.client(List.of(simulator.trustedRoot()));
            Measurement raw = measure("raw HTTPS GET -> 401", "requests/s", "unexpected answers", IntStream.range(0, concurrency)
                    .mapToObj(worker -> new RawRequests(BenchClients.client(simulator.dpsBaseUrl(), anonymous), simulator.idScope())).toList());
            failed |= raw.failed();
            String groupKey = SymmetricKeys.generate();
            BenchEnrollments.symmetricKeyGroup(simulator.service(), groupKey);
            StringBuilder ratios = new StringBuilder();
            for (Transport transport : transports) {
                Measurement telemetry = telemetry(simulator, factory, transport, groupKey);
                ratios.append(String.format(Locale.ROOT, "%s %s %.3f", ratios.isEmpty() ? "" : ",", transport, telemetry.rate() / raw.rate()));
            }
            out.printf(Locale.ROOT, "telemetry messages/s per raw request/s:%s%n", ratios);
            if (transports.contains(Transport.mqtt) && idleDevices > 0) {
                failed |= !IdleHeap.measure(out, simulator, groupKey, idleDevices, concurrency);
            }
        }
        out.printf(Locale.ROOT, "load average %.1f; %s%n", Machine.loadAverage(),
                failed ? "FAILED: see the lines above" : "all devices assigned and connected, all messages acknowledged and counted");
        out.flush();
        return failed ? 1 : 0;
    }

    /**
     * Registers the transport's devices, measures their telemetry, and checks that the hubs counted every message
     * acknowledged; a message acknowledged but not counted fails the measurement.
     */
    private Measurement telemetry(LocalSimulator simulator, BenchDevices factory, Transport transport, String groupKey)
            throws Exception {
        try (HubFleet fleet = HubFleet.register(factory, transport, "hub-bench-" + transport + "-", groupKey, devices, concurrency)) {
            long countedBefore = messagesCounted(simulator);
            String label = transport == Transport.mqtt ? "MQTT telemetry, a connection per device" : "HTTPS telemetry, a request each";
            Measurement measured = measure(label, "messages/s", "not acknowledged", fleet.senders(concurrency));
            long acknowledged = measured.all().expected();
            long counted = messagesCounted(simulator) - countedBefore;
            out.printf(Locale.ROOT, "  %s: %d messages acknowledged from %d devices, %d counted by the hubs (%s)%n", transport, acknowledged,
                    devices, counted, counted == acknowledged ? "ok" : "FAILED");
            failed |= measured.failed() || counted != acknowledged;
            return measured;
        }
    }

    /** Warm-up, then the measured stretch, of {@code clients}; prints the measured figures. */
    private Measurement measure(String label, String unit, String unexpectedName, List<? extends Client> clients) throws Exception {
        return Measurement.take(out, label, unit, unexpectedName, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(measureSeconds), clients);
    }

    /** Messages the hubs have taken so far: each hub numbers its messages in sequence. */
    private static long messagesCounted(LocalSimulator simulator) {
        long total = 0;
        for (SimulatedHub hub : simulator.iotHubs()) {
            List<DeviceMessage> messages = hub.messages();
            total += messages.isEmpty() ? 0 : messages.getLast().sequenceNumber();
        }
        return total;
    }
}
