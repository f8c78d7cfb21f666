package dev.dpsrig.app.cli.fleet.benchmark;

import com.sun.management.OperatingSystemMXBean;
import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.FleetIdentities;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DeviceEvent;
import dev.dpsrig.emulator.device.DeviceTransport;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.EmulatedDevice;
import dev.dpsrig.emulator.device.HubClient;
import dev.dpsrig.emulator.device.ProvisioningClient;
import dev.dpsrig.emulator.device.RegistrationResult;
import dev.dpsrig.emulator.device.RetryPolicy;
import dev.dpsrig.emulator.device.Telemetry;
import dev.dpsrig.emulator.device.TelemetryOutcome;
import dev.dpsrig.emulator.device.Timeline;
import dev.dpsrig.emulator.device.Waiter;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.dps.ProvisioningService;
import dev.dpsrig.simulator.http.LocalSimulator;
import dev.dpsrig.simulator.http.SimulatorConfig;
import dev.dpsrig.simulator.hub.DeviceMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import org.HdrHistogram.Histogram;
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
    private static final OperatingSystemMXBean PROCESS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** Devices poll at once: Retry-After 1 is outside [0, 0], so the default wait 0 applies. */
    static final RetryPolicy POLICY = RetryPolicy.DEFAULTS.withPollBounds(Duration.ZERO, Duration.ZERO, Duration.ZERO)
            .withDeadline(Duration.ofMinutes(5));
    private static final double SYMMETRIC_GOAL = 0.50;
    private static final double X509_GOAL = 0.60;
    private static final double TELEMETRY_GOAL = 0.70;

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

    private PrintWriter out;
    private boolean failed;

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1 || measureSeconds < 1 || warmupSeconds < 0 || (devices != null && devices < 1)) {
            throw new ParameterException(spec.commandLine(), "--concurrency, --seconds and --devices must be at least 1, --warmup at least 0");
        }
        List<Section> sections = only.isEmpty() ? List.of(Section.values()) : only;
        out = spec.commandLine().getOut();
        line("fleet benchmark: %d cores, Java %s, max heap %d MB, concurrency %d, warm-up %d s, measured %d s; load average %.2f;"
                        + " device poll policy: wait 0 (Retry-After 1 outside bounds 0..0)",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20, concurrency,
                warmupSeconds, measureSeconds, PROCESS.getSystemLoadAverage());
        try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO).build());
             DeviceTransport transport = new DeviceTransport(List.of(simulator.trustedRoot()))) {
            Env env = new Env(simulator, transport, new ProvisioningClient(DpsEndpoint.of(simulator.globalEndpoint(), simulator.idScope(),
                    List.of(simulator.trustedRoot())), transport, POLICY, Clock.systemUTC(), Waiter.SLEEPING));
            String groupKey = SymmetricKeys.generate();
            enrollSymmetricKeyGroup(simulator.service(), groupKey);
            HeldCertificate intermediate = enrollX509Group(simulator.service());
            double rawRequests = 0;
            double rawHandshakes = 0;
            if (sections.contains(Section.sym) || sections.contains(Section.telemetry)) {
                rawRequests = rawRequestRate(env);
            }
            if (sections.contains(Section.x509)) {
                rawHandshakes = rawHandshakeRate(env, intermediate);
            }
            if (sections.contains(Section.sym)) {
                symmetricFleet(env, groupKey, devices != null ? devices : 100_000, rawRequests, true);
            }
            if (sections.contains(Section.x509)) {
                x509Fleet(env, intermediate, devices != null ? devices : 10_000, rawHandshakes, true);
            }
            if (sections.contains(Section.telemetry)) {
                telemetry(env, groupKey, devices != null ? devices : 10_000, rawRequests);
            }
            if (sections.contains(Section.memory)) {
                int count = devices != null ? devices : 10_000;
                symmetricFleet(env, groupKey, count, 0, false);
                x509Fleet(env, intermediate, count, 0, false);
            }
        }
        line("peak RSS of the run (VmHWM): %s; load average %.2f; %s", peakRss(), PROCESS.getSystemLoadAverage(),
                failed ? "FAILED: see the lines above" : "all devices assigned, all messages acknowledged");
        return failed ? 1 : 0;
    }

    private record Env(LocalSimulator simulator, DeviceTransport transport, ProvisioningClient dps) {
    }

    private void line(String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }

    // ---- raw rates -----------------------------------------------------------------------------

    private double rawRequestRate(Env env) throws Exception {
        String path = "/" + env.simulator().idScope() + "/registrations/x/operations/unknown?api-version=2021-06-01";
        SSLContext anonymous = TlsContexts.client(List.of(env.simulator().trustedRoot()));
        List<Http1Client> clients = IntStream.range(0, concurrency).mapToObj(i -> client(env, anonymous)).toList();
        try {
            Phase warm = timed(Duration.ofSeconds(warmupSeconds), workerClients(clients, path));
            Phase measured = timed(Duration.ofSeconds(measureSeconds), workerClients(clients, path));
            report("raw HTTPS keep-alive GET -> 401", "requests/s", measured, warm);
            return measured.rate();
        } finally {
            clients.forEach(Http1Client::closeResource);
        }
    }

    /** One keep-alive client per worker. */
    private static List<Op> workerClients(List<Http1Client> clients, String path) {
        return clients.stream().<Op>map(client -> () -> {
            try (HttpClientResponse response = client.get(path).request()) {
                response.as(String.class);
                return response.status().code() == 401 ? null : "answered " + response.status().code() + ", not 401";
            }
        }).toList();
    }

    private double rawHandshakeRate(Env env, HeldCertificate intermediate) throws Exception {
        FleetIdentities fleet = FleetIdentities.builder().seed("raw-handshakes").idPattern("raw-tls-%05d").issuer(intermediate).build();
        List<X509Certificate> trusted = List.of(env.simulator().trustedRoot());
        List<SSLContext> contexts = IntStream.range(0, concurrency).parallel()
                .mapToObj(i -> TlsContexts.client(fleet.identity(i), trusted)).toList();
        String path = "/" + env.simulator().idScope() + "/registrations/x/operations/unknown?api-version=2021-06-01";
        List<Op> ops = contexts.stream().<Op>map(context -> () -> {
            Http1Client client = client(env, context);
            try (HttpClientResponse response = client.get(path).request()) {
                response.as(String.class);
                int status = response.status().code();
                return status >= 400 && status < 500 ? null : "answered " + status + ", not 4xx";
            } finally {
                client.closeResource();
                forgetSessions(context);
            }
        }).toList();
        Phase warm = timed(Duration.ofSeconds(warmupSeconds), ops);
        Phase measured = timed(Duration.ofSeconds(measureSeconds), ops);
        report("raw full mTLS handshake + GET (EC P-256)", "handshakes/s", measured, warm);
        return measured.rate();
    }

    private static Http1Client client(Env env, SSLContext context) {
        return Http1Client.builder().baseUri(env.simulator().dpsBaseUrl()).tls(Tls.builder().sslContext(context).build())
                .shareConnectionCache(false).socketOptions(socket -> socket.tcpNoDelay(true))
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30)).build();
    }

    /** A context reused for the next request must not resume: every request is a full handshake. */
    private static void forgetSessions(SSLContext context) {
        SSLSessionContext sessions = context.getClientSessionContext();
        for (byte[] id : Collections.list(sessions.getIds())) {
            SSLSession session = sessions.getSession(id);
            if (session != null) {
                session.invalidate();
            }
        }
    }

    // ---- fleets --------------------------------------------------------------------------------

    private void symmetricFleet(Env env, String groupKey, int count, double rawRequests, boolean timedRun) throws Exception {
        resetPeakRss();
        if (timedRun) {
            AtomicLong warmIds = new AtomicLong();
            Phase warm = timed(Duration.ofSeconds(warmupSeconds), IntStream.range(0, concurrency).<Op>mapToObj(i -> () -> registerOne(
                    device(env, DeviceAttestation.SymmetricKey.fromGroupKey("warm-sym-" + warmIds.getAndIncrement(), groupKey)))).toList());
            line("  (warm-up: %d symmetric-key registrations in %.1f s)", warm.tally().ok, warm.seconds());
        }
        String prefix = timedRun ? "sym-" : "mem-sym-";
        ArrayList<EmulatedDevice> fleet = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            fleet.add(device(env, DeviceAttestation.SymmetricKey.fromGroupKey(prefix + i, groupKey)));
        }
        Phase phase = registerAll(fleet);
        if (timedRun) {
            double perRegistration = requestsEach(fleet);
            double goal = SYMMETRIC_GOAL * rawRequests / perRegistration;
            report("symmetric-key fleet registrations", "registrations/s", phase, null);
            line("  symmetric-key goal: >= 50%% of %.0f raw requests/s / %.2f requests each = %.0f/s; measured %.0f/s = %.0f%% of goal (%s)",
                    rawRequests, perRegistration, goal, phase.rate(), 100 * phase.rate() / goal, phase.rate() >= goal ? "met" : "MISSED");
        }
        verifyAssigned(env, fleet, "symmetricKey");
        heapPerDevice(fleet, "symmetric-key");
        line("peak RSS during the symmetric-key section (VmHWM): %s", peakRss());
    }

    private void x509Fleet(Env env, HeldCertificate intermediate, int count, double rawHandshakes, boolean timedRun) throws Exception {
        resetPeakRss();
        if (timedRun) {
            FleetIdentities warmIdentities = FleetIdentities.builder().seed("warm-x509").idPattern("warm-x509-%06d").issuer(intermediate).build();
            AtomicLong warmIds = new AtomicLong();
            Phase warm = timed(Duration.ofSeconds(warmupSeconds), IntStream.range(0, concurrency).<Op>mapToObj(i -> () -> registerOne(
                    device(env, DeviceAttestation.X509.of(warmIdentities.identity(warmIds.getAndIncrement()))))).toList());
            line("  (warm-up: %d X.509 registrations in %.1f s, identities issued on the fly)", warm.tally().ok, warm.seconds());
        }
        FleetIdentities identities = FleetIdentities.builder().seed(timedRun ? "fleet-x509" : "mem-x509")
                .idPattern(timedRun ? "x509-%06d" : "mem-x509-%06d").issuer(intermediate).build();
        long started = System.nanoTime();
        List<HeldCertificate> held = IntStream.range(0, count).parallel().mapToObj(identities::identity).toList();
        double issuing = (System.nanoTime() - started) / 1e9;
        ArrayList<EmulatedDevice> fleet = new ArrayList<>(count);
        held.forEach(identity -> fleet.add(device(env, DeviceAttestation.X509.of(identity))));
        held = null;
        Phase phase = registerAll(fleet);
        if (timedRun) {
            double perRegistration = requestsEach(fleet);
            double goal = X509_GOAL * rawHandshakes;
            line("  (X.509 identities: %d EC P-256 issued before timing in %.1f s)", count, issuing);
            report("X.509 fleet registrations", "registrations/s", phase, null);
            line("  X.509 goal: >= 60%% of %.0f raw handshakes/s = %.0f/s; measured %.0f/s = %.0f%% of goal (%s); %.2f requests each"
                            + " on one new connection (one full handshake) per registration",
                    rawHandshakes, goal, phase.rate(), 100 * phase.rate() / goal, phase.rate() >= goal ? "met" : "MISSED", perRegistration);
        }
        verifyAssigned(env, fleet, "x509");
        heapPerDevice(fleet, "X.509");
        line("peak RSS during the X.509 section (VmHWM): %s", peakRss());
    }

    private EmulatedDevice device(Env env, DeviceAttestation attestation) {
        return new EmulatedDevice(attestation, env.dps(), env.transport(), POLICY, Clock.systemUTC(), Waiter.SLEEPING,
                attestation.registrationId().hashCode());
    }

    private static String registerOne(EmulatedDevice device) throws InterruptedException {
        RegistrationResult result = device.register(Optional.empty());
        return result.deviceId().equals(device.registrationId()) ? null : "assigned as " + result.deviceId();
    }

    /** Every device once, {@code concurrency} at a time; the phase ends when the last one has. */
    private Phase registerAll(List<EmulatedDevice> fleet) throws Exception {
        AtomicLong next = new AtomicLong();
        List<Op> ops = IntStream.range(0, concurrency).<Op>mapToObj(i -> () -> {
            int index = (int) next.getAndIncrement();
            return index < fleet.size() ? registerOne(fleet.get(index)) : Op.DONE;
        }).toList();
        return timed(null, ops);
    }

    private static double requestsEach(List<EmulatedDevice> fleet) {
        long requests = 0;
        for (EmulatedDevice device : fleet) {
            Timeline timeline = device.timeline();
            requests += timeline.events(DeviceEvent.RegisterSent.class).size() + timeline.events(DeviceEvent.StatusSeen.class).size();
        }
        return requests / (double) fleet.size();
    }

    private void verifyAssigned(Env env, List<EmulatedDevice> fleet, String type) {
        long assigned = fleet.stream().filter(device -> device.registration().isPresent()).count();
        long serverAssigned = fleet.stream().filter(device -> {
            try {
                var registration = env.simulator().service().registration(device.registrationId());
                return registration.status() == RegistrationStatus.ASSIGNED && registration.attestationType().equals(type);
            } catch (RuntimeException e) {
                return false;
            }
        }).count();
        boolean ok = assigned == fleet.size() && serverAssigned == fleet.size();
        failed |= !ok;
        line("  verified: %d/%d %s devices hold an assigned result, %d/%d assigned in the simulator (%s)", assigned, fleet.size(),
                type, serverAssigned, fleet.size(), ok ? "ok" : "FAILED");
    }

    // ---- telemetry -----------------------------------------------------------------------------

    private void telemetry(Env env, String groupKey, int count, double rawRequests) throws Exception {
        resetPeakRss();
        List<EmulatedDevice> fleet = IntStream.range(0, count)
                .mapToObj(i -> device(env, DeviceAttestation.SymmetricKey.fromGroupKey("tel-" + i, groupKey))).toList();
        Phase registering = registerAll(fleet);
        if (registering.tally().ok != count) {
            failed = true;
            line("telemetry: only %d of %d devices registered: %s", registering.tally().ok, count, registering.tally().firstProblem);
            return;
        }
        List<HubClient> hubs = fleet.stream().map(EmulatedDevice::hub).toList();
        long hubBefore = hubMessageCount(env);
        Telemetry message = Telemetry.text("{\"temperature\": 30}").withProperty("bench", "1");
        AtomicLong next = new AtomicLong();
        List<Op> ops = IntStream.range(0, concurrency).<Op>mapToObj(i -> () -> {
            int index = (int) (next.getAndIncrement() % count);
            EmulatedDevice device = fleet.get(index);
            TelemetryOutcome outcome = hubs.get(index).send(message, device.timeline(), device.random());
            return outcome instanceof TelemetryOutcome.Acknowledged ? null : outcome.toString();
        }).toList();
        Phase warm = timed(Duration.ofSeconds(warmupSeconds), ops);
        Phase measured = timed(Duration.ofSeconds(measureSeconds), ops);
        report("telemetry, " + count + " devices", "messages/s", measured, warm);
        double goal = TELEMETRY_GOAL * rawRequests;
        line("  telemetry goal: >= 70%% of %.0f raw requests/s = %.0f/s; measured %.0f/s = %.0f%% of goal (%s)",
                rawRequests, goal, measured.rate(), 100 * measured.rate() / goal, measured.rate() >= goal ? "met" : "MISSED");
        long acknowledged = warm.tally().ok + measured.tally().ok;
        long notAcknowledged = warm.tally().bad + warm.tally().errors + measured.tally().bad + measured.tally().errors;
        long hubCount = hubMessageCount(env) - hubBefore;
        boolean ok = notAcknowledged == 0 && hubCount == acknowledged;
        failed |= !ok;
        line("  verified: %d messages acknowledged, %d not, hub counted %d (%s); %d devices sent",
                acknowledged, notAcknowledged, hubCount, ok ? "ok" : "FAILED", Math.min(count, next.get()));
        line("peak RSS during the telemetry section (VmHWM): %s", peakRss());
    }

    private static long hubMessageCount(Env env) {
        long total = 0;
        for (SimulatedHub hub : env.simulator().iotHubs()) {
            List<DeviceMessage> messages = hub.messages();
            total += messages.isEmpty() ? 0 : messages.getLast().sequenceNumber();
        }
        return total;
    }

    // ---- memory --------------------------------------------------------------------------------

    /** Used heap after GC with the fleet held, then without it: the difference is the devices' own. */
    private void heapPerDevice(ArrayList<EmulatedDevice> fleet, String kind) {
        int count = fleet.size();
        long held = usedAfterGc();
        fleet.clear();
        fleet.trimToSize();
        long released = usedAfterGc();
        line("heap per idle registered %s device: %.1f KB (%d devices, %.1f MB held, after System.gc())",
                kind, (held - released) / 1024.0 / count, count, (held - released) / 1048576.0);
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> String.format(Locale.ROOT, "%.0f MB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0)).findFirst()
                    .orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Linux resets VmHWM to the current RSS when 5 is written to clear_refs; where it cannot, the peak is the run's so far. */
    private static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // the peak stays cumulative
        }
    }

    // ---- running -------------------------------------------------------------------------------

    /** One operation; null when it went as expected, else what was wrong; {@link #DONE} when there is no more work. */
    @FunctionalInterface
    interface Op {
        String DONE = "\0done";

        String run() throws Exception;
    }

    private static final class Tally {
        final Histogram latency = new Histogram(3);
        long ok;
        long bad;
        long errors;
        Optional<String> firstProblem = Optional.empty();

        void note(String problem) {
            if (firstProblem.isEmpty()) {
                firstProblem = Optional.of(problem);
            }
        }

        void add(Tally other) {
            latency.add(other.latency);
            ok += other.ok;
            bad += other.bad;
            errors += other.errors;
            other.firstProblem.ifPresent(this::note);
        }
    }

    private record Phase(Tally tally, double seconds, double cpuSeconds) {
        double rate() {
            return tally.ok / seconds;
        }
    }

    /** Runs each op on its own virtual thread, repeatedly, until {@code duration} passes (null: until each says DONE). */
    private static Phase timed(Duration duration, List<Op> ops) throws InterruptedException, ExecutionException {
        long cpuBefore = PROCESS.getProcessCpuTime();
        long started = System.nanoTime();
        long deadline = duration == null ? Long.MAX_VALUE : started + duration.toNanos();
        List<Future<Tally>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Op op : ops) {
                running.add(threads.submit(() -> {
                    Tally tally = new Tally();
                    while (duration == null || System.nanoTime() - deadline < 0) {
                        long start = System.nanoTime();
                        try {
                            String problem = op.run();
                            if (problem == Op.DONE) {
                                break;
                            }
                            tally.latency.recordValue((System.nanoTime() - start) / 1000);
                            if (problem == null) {
                                tally.ok++;
                            } else {
                                tally.bad++;
                                tally.note(problem);
                            }
                        } catch (Exception e) {
                            tally.errors++;
                            tally.note(e.toString());
                        }
                    }
                    return tally;
                }));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = (PROCESS.getProcessCpuTime() - cpuBefore) / 1e9;
        Tally total = new Tally();
        for (Future<Tally> tally : running) {
            total.add(tally.get());
        }
        return new Phase(total, seconds, cpu);
    }

    private void report(String label, String unit, Phase measured, Phase warm) {
        Tally m = measured.tally();
        long problems = m.bad + m.errors + (warm == null ? 0 : warm.tally().bad + warm.tally().errors);
        failed |= problems > 0;
        line("%-42s %9.1f %-16s p50 %7.2f ms  p99 %7.2f ms  (%d in %.1f s, %.3f ms CPU each, %.2f cores busy, load %.2f; %d failed%s)",
                label, measured.rate(), unit, m.latency.getValueAtPercentile(50) / 1000.0, m.latency.getValueAtPercentile(99) / 1000.0,
                m.ok, measured.seconds(), measured.cpuSeconds() * 1000 / Math.max(1, m.ok), measured.cpuSeconds() / measured.seconds(),
                PROCESS.getSystemLoadAverage(), problems, warm == null ? "" : " incl. " + warm.tally().ok + " in warm-up");
        m.firstProblem.or(() -> warm == null ? Optional.empty() : warm.tally().firstProblem)
                .ifPresent(problem -> line("  first failure: %s", problem));
    }

    // ---- enrollment ----------------------------------------------------------------------------

    private static void enrollSymmetricKeyGroup(ProvisioningService dps, String groupKey) {
        dps.putGroup("bench-symmetric-key", Jsonp.createObjectBuilder()
                .add("attestation", Jsonp.createObjectBuilder().add("type", "symmetricKey")
                        .add("symmetricKey", Jsonp.createObjectBuilder()
                                .add("primaryKey", groupKey).add("secondaryKey", SymmetricKeys.generate())))
                .build(), Optional.empty());
    }

    private static HeldCertificate enrollX509Group(ProvisioningService dps) {
        HeldCertificate root = HeldCertificate.builder().commonName("dpsrig fleet benchmark root").certificateAuthority().build();
        HeldCertificate intermediate = HeldCertificate.builder().commonName("dpsrig fleet benchmark intermediate")
                .certificateAuthority(0).signedBy(root).build();
        dps.putCaCertificate("fleet-bench-root", root.certificate(), true, Optional.empty());
        dps.putGroup("bench-x509", Jsonp.createObjectBuilder()
                .add("attestation", Jsonp.createObjectBuilder().add("type", "x509")
                        .add("x509", Jsonp.createObjectBuilder().add("signingCertificates", Jsonp.createObjectBuilder()
                                .add("primary", Jsonp.createObjectBuilder()
                                        .add("certificate", Certificates.toPem(intermediate.certificate()))))))
                .build(), Optional.empty());
        return intermediate;
    }
}
