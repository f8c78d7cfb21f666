package dev.dpsrig.app.cli.dps.benchmark;

import dev.dpsrig.app.bench.BenchEnrollments;
import dev.dpsrig.app.bench.Client;
import dev.dpsrig.app.bench.Machine;
import dev.dpsrig.app.bench.Measurement;
import dev.dpsrig.app.bench.RawRequests;
import dev.dpsrig.app.bench.Transport;
import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.emulator.device.DeviceAttestation;
import dev.dpsrig.emulator.device.DpsEndpoint;
import dev.dpsrig.emulator.device.mqtt.MqttEndpoint;
import dev.dpsrig.emulator.device.mqtt.MqttProvisioningLink;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How fast the simulator provisions devices, next to the raw HTTPS request rate of the same server
 * measured in the same run: server and clients share one JVM and its cores, so the ratio says more
 * than either figure alone and travels between machines. Warm-up is long on purpose: on a two-core
 * machine the JIT needs about a minute, and shorter runs under-report by a factor of two or more.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measure, against an in-process simulator: raw HTTPS requests/s, symmetric-key registrations/s,"
                + " and X.509 registrations/s with a full mutual-TLS handshake per registration, over HTTPS and over MQTT"
                + " (a connection per registration); then symmetric-key registrations/s over HTTPS again with the state kept"
                + " on disk, every change forced before it is acknowledged.",
                "Every registration must end assigned; the exit code is 1 if one did not."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:every registration ended assigned", "1:a registration did not, or an unexpected error", "2:usage error"})
public final class DpsBenchmarkCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--warmup", defaultValue = "60", description = "Warm-up seconds before each measurement (default: ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds per measurement (default: ${DEFAULT-VALUE}).")
    private int measureSeconds;

    @Option(names = "--concurrency", defaultValue = "64",
            description = "Concurrent clients, a virtual thread each (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--devices", defaultValue = "2000",
            description = "X.509 device identities issued before timing and registered in turn (default: ${DEFAULT-VALUE}).")
    private int devices;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the on-disk measurement keeps its state: a new folder made in DIR and deleted afterwards"
                    + " (default: the system's temporary folder). Put it on the disk a bench's data directory would use.")
    private Path stateParent;

    @Option(names = "--transport", split = ",", defaultValue = "https,mqtt", paramLabel = "https|mqtt",
            description = "Whose registrations to measure: https, mqtt (MQTT over TLS, a connection per registration) or both"
                    + " (default: ${DEFAULT-VALUE}); the raw HTTPS rate is measured either way, the on-disk one with https.")
    private List<Transport> transports;

    private PrintWriter out;

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1 || measureSeconds < 1 || devices < 1 || warmupSeconds < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--concurrency, --seconds and --devices must be at least 1 and --warmup at least 0");
        }
        out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "dps benchmark: %s, concurrency %d, warm-up %d s and measured %d s per measurement, transports %s;"
                        + " load average %.1f%n",
                Machine.describe(), concurrency, warmupSeconds, measureSeconds, transports, Machine.loadAverage());
        out.flush();
        Optional<Measurement> symmetric = Optional.empty();
        boolean failed;
        try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO).build())) {
            Server server = new Server(simulator.dpsBaseUrl(), simulator.idScope(), simulator.trustedRoot());
            Measurement raw = measure("raw HTTPS GET -> 401", "requests/s", "unexpected answers",
                    worker -> new RawRequests(server.anonymousClient(), server.idScope()));
            String groupKey = SymmetricKeys.generate();
            BenchEnrollments.symmetricKeyGroup(simulator.service(), groupKey);
            HeldCertificate issuer = BenchEnrollments.x509Group(simulator.service(), "bench-root", "dpsrig benchmark");
            X509Fleet fleet = X509Fleet.issue(issuer, server.trustedRoot(), devices, out);
            failed = raw.failed();
            if (transports.contains(Transport.https)) {
                Measurement sym = measure("symmetric-key registrations", "registrations/s", "not assigned",
                        worker -> new SymmetricKeyDevice(server, groupKey, "bench-sym-" + worker + "-"));
                Measurement x509 = measure("X.509 registrations, full mTLS", "registrations/s", "not assigned",
                        worker -> new X509Device(server, fleet));
                out.printf(Locale.ROOT, "registrations/s per raw request/s: symmetric-key %.3f (%.2f requests each), X.509 %.3f"
                                + " (%.2f requests each, plus a handshake)%n",
                        sym.rate() / raw.rate(), sym.requestsEach(), x509.rate() / raw.rate(), x509.requestsEach());
                failed |= sym.failed() || x509.failed();
                symmetric = Optional.of(sym);
            }
            if (transports.contains(Transport.mqtt)) {
                failed |= measureMqtt(simulator, raw, groupKey, fleet);
            }
            out.flush();
        }
        if (failed) {
            return 1;
        }
        return symmetric.isEmpty() || measureOnDisk(symmetric.get()) ? 0 : 1;
    }

    /**
     * Registrations over MQTT, each a device of the emulator connecting afresh: symmetric-key devices of the group
     * with a SAS token as password, then the X.509 fleet presenting their certificates. Answers whether one failed.
     */
    private boolean measureMqtt(LocalSimulator simulator, Measurement raw, String groupKey, X509Fleet fleet)
            throws InterruptedException, ExecutionException {
        List<X509Certificate> roots = List.of(simulator.trustedRoot());
        MqttProvisioningLink link = new MqttProvisioningLink(DpsEndpoint.of(simulator.globalEndpoint(), simulator.idScope(), roots),
                MqttEndpoint.tls(simulator.dpsMqttEndpoint(), roots), Clock.systemUTC());
        AtomicLong numbers = new AtomicLong();
        Measurement sym = measure("MQTT symmetric-key registrations", "registrations/s", "not assigned",
                worker -> new MqttDevice(link, () -> DeviceAttestation.SymmetricKey.fromGroupKey(
                        "bench-mqtt-sym-" + numbers.getAndIncrement(), groupKey)));
        Measurement x509 = measure("MQTT X.509 registrations, full mTLS", "registrations/s", "not assigned",
                worker -> new MqttDevice(link, () -> DeviceAttestation.X509.of(fleet.identities().get(fleet.nextDevice()))));
        out.printf(Locale.ROOT, "MQTT registrations/s per raw request/s: symmetric-key %.3f, X.509 %.3f (a connection each:"
                        + " TLS handshake, CONNECT, SUBSCRIBE, %.2f PUBLISHes; an X.509 device also builds its TLS context,"
                        + " as the emulator's does per connection)%n",
                sym.rate() / raw.rate(), x509.rate() / raw.rate(), sym.requestsEach());
        return sym.failed() || x509.failed();
    }

    /**
     * The cost of durability: the symmetric-key measurement again, against a simulator that keeps its state in a
     * data directory and forces every change to disk before it answers (a registration writes three files: the
     * registration assigning with its operation, then the hub device and the registration assigned).
     */
    private boolean measureOnDisk(Measurement inMemory) throws InterruptedException, ExecutionException {
        Path dataDirectory = temporaryStateDirectory();
        try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.builder().dataDirectory(dataDirectory)
                .assignmentDelay(Duration.ZERO).build())) {
            Server server = new Server(simulator.dpsBaseUrl(), simulator.idScope(), simulator.trustedRoot());
            String groupKey = SymmetricKeys.generate();
            BenchEnrollments.symmetricKeyGroup(simulator.service(), groupKey);
            Measurement onDisk = measure("symmetric-key, state on disk", "registrations/s", "not assigned",
                    worker -> new SymmetricKeyDevice(server, groupKey, "bench-disk-" + worker + "-"));
            out.printf(Locale.ROOT, "state on disk (%s at %s): %.3f of the in-memory symmetric-key rate;"
                            + " each registration forces 3 files and their folder%n",
                    fileSystemType(dataDirectory), dataDirectory, onDisk.rate() / inMemory.rate());
            out.flush();
            return !onDisk.failed();
        } finally {
            deleteRecursively(dataDirectory);
        }
    }

    private Path temporaryStateDirectory() {
        try {
            return stateParent == null ? Files.createTempDirectory("dpsrig-benchmark-")
                    : Files.createTempDirectory(Files.createDirectories(stateParent), "dpsrig-benchmark-");
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot make a folder for the on-disk measurement in "
                    + (stateParent == null ? "the temporary folder" : stateParent) + ": " + e.getMessage());
        }
    }

    private static String fileSystemType(Path directory) {
        try {
            return Files.getFileStore(directory).type();
        } catch (IOException e) {
            return "file system of unknown type";
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // A benchmark folder left in the temporary folder is harmless.
        }
    }

    /** Warm-up, then the measured stretch, with {@code concurrency} clients; prints the measured figures. */
    private Measurement measure(String label, String unit, String unexpectedName, IntFunction<Client> newClient)
            throws InterruptedException, ExecutionException {
        return Measurement.take(out, label, unit, unexpectedName, Duration.ofSeconds(warmupSeconds), Duration.ofSeconds(measureSeconds),
                IntStream.range(0, concurrency).mapToObj(newClient).toList());
    }
}
