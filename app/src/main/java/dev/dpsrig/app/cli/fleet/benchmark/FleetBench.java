package dev.dpsrig.app.cli.fleet.benchmark;

import dev.dpsrig.app.bench.Load;
import dev.dpsrig.app.bench.Machine;
import dev.dpsrig.app.bench.Outcome;
import dev.dpsrig.app.bench.Phase;
import dev.dpsrig.app.bench.Tally;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.ProvisioningClient;
import dev.dpsrig.emulator.device.RegistrationResult;
import dev.dpsrig.emulator.device.RetryPolicy;
import dev.dpsrig.emulator.device.Waiter;
import dev.dpsrig.simulator.server.LocalSimulator;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * One run of {@code dpsrig fleet benchmark}, as its sections share it: the in-process simulator and the devices'
 * transport, how long to warm up and measure and with how many devices in flight, where the lines go, and whether
 * any section has failed.
 */
final class FleetBench {
    /** Devices poll at once: {@code Retry-After: 1} is outside the bounds 0..0, so the default wait 0 applies. */
    static final RetryPolicy POLICY = RetryPolicy.DEFAULTS.withPollBounds(Duration.ZERO, Duration.ZERO, Duration.ZERO)
            .withDeadline(Duration.ofMinutes(5));

    private final LocalSimulator simulator;
    private final DeviceTransport transport;
    private final ProvisioningClient dps;
    private final int concurrency;
    private final Duration warmup;
    private final Duration measured;
    private final PrintWriter out;
    private boolean failed;

    FleetBench(LocalSimulator simulator, DeviceTransport transport, ProvisioningClient dps, int concurrency, Duration warmup,
               Duration measured, PrintWriter out) {
        this.simulator = simulator;
        this.transport = transport;
        this.dps = dps;
        this.concurrency = concurrency;
        this.warmup = warmup;
        this.measured = measured;
        this.out = out;
    }

    LocalSimulator simulator() {
        return simulator;
    }

    int concurrency() {
        return concurrency;
    }

    Duration warmup() {
        return warmup;
    }

    Duration measured() {
        return measured;
    }

    boolean failed() {
        return failed;
    }

    void failIf(boolean failure) {
        failed |= failure;
    }

    void line(String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }

    /** A device of the library, polling as {@link #POLICY} says. */
    EmulatedDevice device(DeviceAttestation attestation) {
        return new EmulatedDevice(attestation, dps, transport, POLICY, Clock.systemUTC(), Waiter.SLEEPING,
                attestation.registrationId().hashCode());
    }

    /** Registers the device; as expected when it is assigned under its own registration id. */
    static Outcome registerOne(EmulatedDevice device) throws InterruptedException {
        RegistrationResult result = device.register(Optional.empty());
        return result.deviceId().equals(device.registrationId()) ? Outcome.expected() : Outcome.unexpected("assigned as " + result.deviceId());
    }

    /** Every device once, {@link #concurrency} at a time; the phase ends when the last one has. */
    Phase registerAll(List<EmulatedDevice> fleet) throws InterruptedException, ExecutionException {
        return Load.each(fleet, concurrency, FleetBench::registerOne);
    }

    /** The measured phase's line, counting failures of the warm-up too; a failure fails the run. */
    void report(String label, String unit, Phase measuredPhase, Optional<Phase> warm) {
        Tally m = measuredPhase.tally();
        long problems = m.failed() + warm.map(phase -> phase.tally().failed()).orElse(0L);
        failIf(problems > 0);
        line("%-42s %s, load %.2f; %d failed%s)", label, measuredPhase.figures(unit, m.expected()), Machine.loadAverage(), problems,
                warm.map(phase -> " incl. " + phase.tally().expected() + " in warm-up").orElse(""));
        m.firstProblem().or(() -> warm.flatMap(phase -> phase.tally().firstProblem()))
                .ifPresent(problem -> line("  first failure: %s", problem));
    }
}
