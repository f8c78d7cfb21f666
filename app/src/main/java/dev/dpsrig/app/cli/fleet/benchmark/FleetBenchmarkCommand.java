package dev.dpsrig.app.cli.fleet.benchmark;

import dev.dpsrig.app.bench.BenchEnrollments;
import dev.dpsrig.app.bench.Machine;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.HubClient;
import dev.dpsrig.emulator.device.ProvisioningClient;
import dev.dpsrig.emulator.device.Waiter;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Fleets of emulated devices (the device library: {@link EmulatedDevice}, {@link ProvisioningClient},
 * {@link HubClient} on virtual threads) against an in-process simulator, next to the raw HTTPS request
 * rate and raw full-handshake rate of the same server measured in the same run. Devices poll without
 * waiting: the simulator runs with no assignment delay and still answers {@code Retry-After: 1}, which the
 * devices' policy (poll bounds 0..0, default 0) treats as out of bounds, so a registration is register
 * plus one lookup and the figure is the simulator's and the library's cost, not a sleep.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measure emulated device fleets against an in-process simulator, next to the raw HTTPS request rate"
                + " and raw mutual-TLS handshake rate of the same server in the same run.",
                "Every device must end assigned and every message acknowledged; the exit code is 1 otherwise."})
public final class FleetBenchmarkCommand implements Callable<Integer> {
    enum Section { sym, x509, telemetry, memory }

    @Spec
    private CommandSpec spec;

    @Option(names = "--only", split = ",", description = "Sections to run: sym, x509, telemetry, memory (default: all).")
    private List<Section> only = new ArrayList<>();

    @Option(names = "--devices", description = "Devices per section (default: sym 100000, x509 10000, telemetry 10000, memory 10000).")
    private Integer devices;

    @Option(names = "--warmup", defaultValue = "60", description = "Warm-up seconds before each measurement (default: ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--seconds", defaultValue = "60",
            description = "Measured seconds of telemetry and of each raw rate (default: ${DEFAULT-VALUE}).")
    private int measureSeconds;

    @Option(names = "--concurrency", defaultValue = "64",
            description = "Devices in flight at once, a virtual thread each (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1 || measureSeconds < 1 || warmupSeconds < 0 || (devices != null && devices < 1)) {
            throw new ParameterException(spec.commandLine(), "--concurrency, --seconds and --devices must be at least 1, --warmup at least 0");
        }
        List<Section> sections = only.isEmpty() ? List.of(Section.values()) : only;
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "fleet benchmark: %s, max heap %d MB, concurrency %d, warm-up %d s, measured %d s; load average %.2f;"
                        + " device poll policy: wait 0 (Retry-After 1 outside bounds 0..0)%n",
                Machine.describe(), Machine.maxHeapMegabytes(), concurrency, warmupSeconds, measureSeconds, Machine.loadAverage());
        out.flush();
        FleetBench bench;
        try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO).build());
             DeviceTransport transport = new DeviceTransport(List.of(simulator.trustedRoot()))) {
            bench = new FleetBench(simulator, transport, new ProvisioningClient(DpsEndpoint.of(simulator.globalEndpoint(),
                    simulator.idScope(), List.of(simulator.trustedRoot())), transport, FleetBench.POLICY, Clock.systemUTC(), Waiter.SLEEPING),
                    concurrency, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(measureSeconds), out);
            run(bench, sections);
        }
        bench.line("peak RSS of the run (VmHWM): %s; load average %.2f; %s", Memory.peakRss(), Machine.loadAverage(),
                bench.failed() ? "FAILED: see the lines above" : "all devices assigned, all messages acknowledged");
        return bench.failed() ? 1 : 0;
    }

    /** The raw rates first, as the sections after them are held to them; then the sections asked for, in order. */
    private void run(FleetBench bench, List<Section> sections) throws Exception {
        String groupKey = SymmetricKeys.generate();
        BenchEnrollments.symmetricKeyGroup(bench.simulator().service(), groupKey);
        HeldCertificate intermediate = BenchEnrollments.x509Group(bench.simulator().service(), "fleet-bench-root",
                "dpsrig fleet benchmark");
        double rawRequests = 0;
        double rawHandshakes = 0;
        if (sections.contains(Section.sym) || sections.contains(Section.telemetry)) {
            rawRequests = RawRates.requests(bench);
        }
        if (sections.contains(Section.x509)) {
            rawHandshakes = RawRates.handshakes(bench, intermediate);
        }
        if (sections.contains(Section.sym)) {
            RegistrationFleets.symmetricKey(bench, groupKey, devices != null ? devices : 100_000, rawRequests, true);
        }
        if (sections.contains(Section.x509)) {
            RegistrationFleets.x509(bench, intermediate, devices != null ? devices : 10_000, rawHandshakes, true);
        }
        if (sections.contains(Section.telemetry)) {
            TelemetryRate.measure(bench, groupKey, devices != null ? devices : 10_000, rawRequests);
        }
        if (sections.contains(Section.memory)) {
            int count = devices != null ? devices : 10_000;
            RegistrationFleets.symmetricKey(bench, groupKey, count, 0, false);
            RegistrationFleets.x509(bench, intermediate, count, 0, false);
        }
    }
}
