package dev.dpsrig.app.cli.fleet.benchmark;

import dev.dpsrig.app.bench.Load;
import dev.dpsrig.app.bench.Operation;
import dev.dpsrig.app.bench.Phase;
import dev.dpsrig.certs.FleetIdentities;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceEvent;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.Timeline;
import dev.dpsrig.protocol.RegistrationStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Fleets of devices registering once each, symmetric-key or X.509, held to a share of the raw rate of the same run;
 * then checked, every device on both sides, and weighed in heap. Untimed, the same fleets are only weighed: the
 * memory section.
 */
final class RegistrationFleets {
    private static final double SYMMETRIC_GOAL = 0.50;
    private static final double X509_GOAL = 0.60;

    private RegistrationFleets() {
    }

    static void symmetricKey(FleetBench bench, String groupKey, int count, double rawRequests, boolean timed)
            throws InterruptedException, ExecutionException {
        Memory.resetPeakRss();
        if (timed) {
            AtomicLong warmIds = new AtomicLong();
            Phase warm = Load.repeat(bench.warmup(), workers(bench, () -> FleetBench.registerOne(bench.device(
                    DeviceAttestation.SymmetricKey.fromGroupKey("warm-sym-" + warmIds.getAndIncrement(), groupKey)))));
            bench.line("  (warm-up: %d symmetric-key registrations in %.1f s)", warm.tally().expected(), warm.seconds());
        }
        String prefix = timed ? "sym-" : "mem-sym-";
        ArrayList<EmulatedDevice> fleet = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            fleet.add(bench.device(DeviceAttestation.SymmetricKey.fromGroupKey(prefix + i, groupKey)));
        }
        Phase phase = bench.registerAll(fleet);
        if (timed) {
            double perRegistration = requestsEach(fleet);
            double goal = SYMMETRIC_GOAL * rawRequests / perRegistration;
            double rate = phase.expectedPerSecond();
            bench.report("symmetric-key fleet registrations", "registrations/s", phase, Optional.empty());
            bench.line("  symmetric-key goal: >= 50%% of %.0f raw requests/s / %.2f requests each = %.0f/s; measured %.0f/s = %.0f%% of goal (%s)",
                    rawRequests, perRegistration, goal, rate, 100 * rate / goal, rate >= goal ? "met" : "MISSED");
        }
        verifyAssigned(bench, fleet, "symmetricKey");
        Memory.heapPerDevice(bench, fleet, "symmetric-key");
        bench.line("peak RSS during the symmetric-key section (VmHWM): %s", Memory.peakRss());
    }

    static void x509(FleetBench bench, HeldCertificate intermediate, int count, double rawHandshakes, boolean timed)
            throws InterruptedException, ExecutionException {
        Memory.resetPeakRss();
        if (timed) {
            FleetIdentities warmIdentities = FleetIdentities.builder().seed("warm-x509").idPattern("warm-x509-%06d").issuer(intermediate).build();
            AtomicLong warmIds = new AtomicLong();
            Phase warm = Load.repeat(bench.warmup(), workers(bench, () -> FleetBench.registerOne(bench.device(
                    DeviceAttestation.X509.of(warmIdentities.identity(warmIds.getAndIncrement()))))));
            bench.line("  (warm-up: %d X.509 registrations in %.1f s, identities issued on the fly)", warm.tally().expected(), warm.seconds());
        }
        FleetIdentities identities = FleetIdentities.builder().seed(timed ? "fleet-x509" : "mem-x509")
                .idPattern(timed ? "x509-%06d" : "mem-x509-%06d").issuer(intermediate).build();
        long started = System.nanoTime();
        List<HeldCertificate> held = IntStream.range(0, count).parallel().mapToObj(identities::identity).toList();
        double issuing = (System.nanoTime() - started) / 1e9;
        ArrayList<EmulatedDevice> fleet = new ArrayList<>(count);
        held.forEach(identity -> fleet.add(bench.device(DeviceAttestation.X509.of(identity))));
        held = null;
        Phase phase = bench.registerAll(fleet);
        if (timed) {
            double perRegistration = requestsEach(fleet);
            double goal = X509_GOAL * rawHandshakes;
            double rate = phase.expectedPerSecond();
            bench.line("  (X.509 identities: %d EC P-256 issued before timing in %.1f s)", count, issuing);
            bench.report("X.509 fleet registrations", "registrations/s", phase, Optional.empty());
            bench.line("  X.509 goal: >= 60%% of %.0f raw handshakes/s = %.0f/s; measured %.0f/s = %.0f%% of goal (%s); %.2f requests each"
                            + " on one new connection (one full handshake) per registration",
                    rawHandshakes, goal, rate, 100 * rate / goal, rate >= goal ? "met" : "MISSED", perRegistration);
        }
        verifyAssigned(bench, fleet, "x509");
        Memory.heapPerDevice(bench, fleet, "X.509");
        bench.line("peak RSS during the X.509 section (VmHWM): %s", Memory.peakRss());
    }

    /** The same operation on each of {@link FleetBench#concurrency} workers. */
    private static List<Operation> workers(FleetBench bench, Operation operation) {
        return IntStream.range(0, bench.concurrency()).mapToObj(i -> operation).toList();
    }

    /** Requests per registration, as the devices' timelines recorded them: register plus lookups. */
    private static double requestsEach(List<EmulatedDevice> fleet) {
        long requests = 0;
        for (EmulatedDevice device : fleet) {
            Timeline timeline = device.timeline();
            requests += timeline.events(DeviceEvent.RegisterSent.class).size() + timeline.events(DeviceEvent.StatusSeen.class).size();
        }
        return requests / (double) fleet.size();
    }

    /** Every device holds its result, and the simulator has it assigned with the right attestation; otherwise the run fails. */
    private static void verifyAssigned(FleetBench bench, List<EmulatedDevice> fleet, String type) {
        long assigned = fleet.stream().filter(device -> device.registration().isPresent()).count();
        long serverAssigned = fleet.stream().filter(device -> {
            try {
                var registration = bench.simulator().service().registration(device.registrationId());
                return registration.status() == RegistrationStatus.ASSIGNED && registration.attestationType().equals(type);
            } catch (RuntimeException e) {
                return false;
            }
        }).count();
        boolean ok = assigned == fleet.size() && serverAssigned == fleet.size();
        bench.failIf(!ok);
        bench.line("  verified: %d/%d %s devices hold an assigned result, %d/%d assigned in the simulator (%s)", assigned, fleet.size(),
                type, serverAssigned, fleet.size(), ok ? "ok" : "FAILED");
    }
}
