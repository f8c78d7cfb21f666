package dev.dpsrig.app.cli.dps.benchmark;

import com.sun.management.OperatingSystemMXBean;
import dev.dpsrig.app.cli.shared.ExitCodes;
import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.FleetIdentities;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.dps.ProvisioningService;
import dev.dpsrig.simulator.http.LocalSimulator;
import dev.dpsrig.simulator.http.SimulatorConfig;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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
 * How fast the simulator provisions devices, next to the raw HTTPS request rate of the same server
 * measured in the same run: server and clients share one JVM and its cores, so the ratio says more
 * than either figure alone and travels between machines. Warm-up is long on purpose: on a two-core
 * machine the JIT needs about a minute, and shorter runs under-report by a factor of two or more.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measure, against an in-process simulator: raw HTTPS requests/s, symmetric-key registrations/s,"
                + " and X.509 registrations/s with a full mutual-TLS handshake per registration; then symmetric-key"
                + " registrations/s again with the state kept on disk, every change forced before it is acknowledged.",
                "Every registration must end assigned; the exit code is 1 if one did not."},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {"0:every registration ended assigned", "1:a registration did not, or an unexpected error", "2:usage error"})
public final class DpsBenchmarkCommand implements Callable<Integer> {
    private static final String API_VERSION = "2021-06-01";
    /** With no assignment delay the first lookup is final; this many means an operation is stuck. */
    private static final int MAX_POLLS = 50;
    private static final OperatingSystemMXBean PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

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

    private PrintWriter out;

    @Override
    public Integer call() throws InterruptedException, ExecutionException {
        if (concurrency < 1 || measureSeconds < 1 || devices < 1 || warmupSeconds < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--concurrency, --seconds and --devices must be at least 1 and --warmup at least 0");
        }
        out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "dps benchmark: %d cores, Java %s, concurrency %d, warm-up %d s and measured %d s per measurement;"
                        + " load average %.1f%n", Runtime.getRuntime().availableProcessors(), Runtime.version(), concurrency,
                warmupSeconds, measureSeconds, loadAverage());
        out.flush();
        Measurement symmetric;
        try (LocalSimulator simulator = LocalSimulator.start(SimulatorConfig.builder().assignmentDelay(Duration.ZERO).build())) {
            Server server = new Server(simulator.dpsBaseUrl(), simulator.idScope(), simulator.trustedRoot());
            Measurement raw = measure("raw HTTPS GET -> 401", "requests/s", "unexpected answers",
                    worker -> new RawRequests(server));
            String groupKey = SymmetricKeys.generate();
            enrollSymmetricKeyGroup(simulator.service(), groupKey);
            symmetric = measure("symmetric-key registrations", "registrations/s", "not assigned",
                    worker -> new SymmetricKeyDevice(server, groupKey, "bench-sym-" + worker + "-"));
            X509Fleet fleet = enrollX509Fleet(simulator.service(), server);
            Measurement x509 = measure("X.509 registrations, full mTLS", "registrations/s", "not assigned",
                    worker -> new X509Device(server, fleet));
            out.printf(Locale.ROOT, "registrations/s per raw request/s: symmetric-key %.3f (%.2f requests each), X.509 %.3f"
                            + " (%.2f requests each, plus a handshake)%n",
                    symmetric.rate() / raw.rate(), symmetric.requestsEach(), x509.rate() / raw.rate(), x509.requestsEach());
            out.flush();
            if (raw.failed() || symmetric.failed() || x509.failed()) {
                return 1;
            }
        }
        return measureOnDisk(symmetric) ? 0 : 1;
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
            enrollSymmetricKeyGroup(simulator.service(), groupKey);
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

    // ---- running and reporting -----------------------------------------------------------------

    private Measurement measure(String label, String unit, String unexpectedName, IntFunction<Client> newClient)
            throws InterruptedException, ExecutionException {
        List<Client> clients = IntStream.range(0, concurrency).mapToObj(newClient).toList();
        try {
            Phase warmup = run(clients, Duration.ofSeconds(warmupSeconds));
            Phase measured = run(clients, Duration.ofSeconds(measureSeconds));
            Tally all = new Tally();
            all.add(warmup.tally());
            all.add(measured.tally());
            Measurement result = new Measurement(measured, all);
            Tally m = measured.tally();
            out.printf(Locale.ROOT, "%-31s %9.1f %-16s p50 %7.2f ms  p99 %7.2f ms  (%d in %.1f s, %.3f ms CPU each, %.2f cores busy,"
                            + " load %.1f; of %d incl. warm-up: %d %s, %d errors)%n",
                    label, result.rate(), unit, m.latency.getValueAtPercentile(50) / 1000.0,
                    m.latency.getValueAtPercentile(99) / 1000.0, m.completed(), measured.seconds(),
                    measured.cpuSeconds() * 1000 / Math.max(1, m.completed()), measured.cpuSeconds() / measured.seconds(),
                    loadAverage(), all.completed() + all.errors, all.unexpected, unexpectedName, all.errors);
            all.firstProblem.ifPresent(problem -> out.println("  first failure: " + problem));
            out.flush();
            return result;
        } finally {
            clients.forEach(Client::close);
        }
    }

    private static Phase run(List<Client> clients, Duration duration) throws InterruptedException, ExecutionException {
        long cpuBefore = PROCESS.getProcessCpuTime();
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        List<Future<Tally>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Client client : clients) {
                running.add(threads.submit(() -> repeat(client, deadline)));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (PROCESS.getProcessCpuTime() - cpuBefore) / 1e9;
        Tally total = new Tally();
        for (Future<Tally> tally : running) {
            total.add(tally.get());
        }
        return new Phase(total, seconds, cpuSeconds);
    }

    private static double loadAverage() {
        return PROCESS.getSystemLoadAverage();
    }

    private static Tally repeat(Client client, long deadline) {
        Tally tally = new Tally();
        while (System.nanoTime() - deadline < 0) {
            long started = System.nanoTime();
            try {
                Outcome outcome = client.once();
                tally.latency.recordValue((System.nanoTime() - started) / 1000);
                tally.requests += outcome.requests();
                if (outcome.problem().isPresent()) {
                    tally.unexpected++;
                    tally.noteProblem(outcome.problem().get());
                } else {
                    tally.expected++;
                }
            } catch (RuntimeException e) {
                tally.errors++;
                tally.noteProblem(e.toString());
            }
        }
        return tally;
    }

    /** Per client while running, merged afterwards: no shared counters in the measured loop. */
    private static final class Tally {
        final Histogram latency = new Histogram(3);
        long expected;
        long unexpected;
        long errors;
        long requests;
        Optional<String> firstProblem = Optional.empty();

        long completed() {
            return expected + unexpected;
        }

        void noteProblem(String problem) {
            if (firstProblem.isEmpty()) {
                firstProblem = Optional.of(problem);
            }
        }

        void add(Tally other) {
            latency.add(other.latency);
            expected += other.expected;
            unexpected += other.unexpected;
            errors += other.errors;
            requests += other.requests;
            other.firstProblem.ifPresent(this::noteProblem);
        }
    }

    /** CPU of server and clients together, since they share the process: a figure other load on the machine barely moves. */
    private record Phase(Tally tally, double seconds, double cpuSeconds) {
    }

    private record Measurement(Phase measured, Tally all) {
        double rate() {
            return measured.tally().completed() / measured.seconds();
        }

        double requestsEach() {
            return measured.tally().requests / (double) Math.max(1, measured.tally().completed());
        }

        boolean failed() {
            return all.unexpected > 0 || all.errors > 0;
        }
    }

    // ---- clients -------------------------------------------------------------------------------

    /** One simulated client, repeating one operation; its answers are checked, not just counted. */
    private interface Client extends AutoCloseable {
        Outcome once();

        @Override
        void close();
    }

    /** How many HTTP requests the operation took, and what was wrong with its answer, if anything. */
    private record Outcome(int requests, Optional<String> problem) {
    }

    private record Server(String baseUrl, String idScope, X509Certificate trustedRoot) {
        /**
         * Its own connection cache, so that a client's connections are its own and closing it closes them;
         * TCP_NODELAY, because Nagle's algorithm holds small TLS records back for a delayed ACK, tens of ms each.
         */
        Http1Client client(SSLContext tls) {
            return Http1Client.builder()
                    .baseUri(baseUrl)
                    .tls(Tls.builder().sslContext(tls).build())
                    .shareConnectionCache(false)
                    .socketOptions(socket -> socket.tcpNoDelay(true))
                    .connectTimeout(Duration.ofSeconds(10))
                    .readTimeout(Duration.ofSeconds(30))
                    .build();
        }

        Http1Client anonymousClient() {
            return client(TlsContexts.client(List.of(trustedRoot)));
        }
    }

    /** The cheapest answer of the DPS port that still passes routing and the DPS error path. */
    private static final class RawRequests implements Client {
        private final Http1Client client;
        private final String path;

        RawRequests(Server server) {
            this.client = server.anonymousClient();
            this.path = "/" + server.idScope() + "/registrations/x/operations/unknown";
        }

        @Override
        public Outcome once() {
            Answer answer = send(client.get(path), Optional.empty(), Optional.empty());
            return new Outcome(1, answer.status() == 401 ? Optional.empty()
                    : Optional.of("GET " + path + " without credentials answered " + answer + ", not 401"));
        }

        @Override
        public void close() {
            client.closeResource();
        }
    }

    private static void enrollSymmetricKeyGroup(ProvisioningService dps, String groupKey) {
        dps.putGroup("bench-symmetric-key", Jsonp.createObjectBuilder()
                .add("attestation", Jsonp.createObjectBuilder().add("type", "symmetricKey")
                        .add("symmetricKey", Jsonp.createObjectBuilder()
                                .add("primaryKey", groupKey).add("secondaryKey", SymmetricKeys.generate())))
                .build(), Optional.empty());
    }

    /** A new device per registration, over one keep-alive connection per client. */
    private static final class SymmetricKeyDevice implements Client {
        private final Server server;
        private final Http1Client client;
        private final String groupKey;
        private final String idPrefix;
        private long next;

        SymmetricKeyDevice(Server server, String groupKey, String idPrefix) {
            this.server = server;
            this.client = server.anonymousClient();
            this.groupKey = groupKey;
            this.idPrefix = idPrefix;
        }

        @Override
        public Outcome once() {
            String registrationId = idPrefix + next++;
            SasToken token = SasToken.sign(server.idScope() + "/registrations/" + registrationId,
                    SymmetricKeys.deriveDeviceKey(groupKey, registrationId), Instant.now().plus(Duration.ofHours(1)),
                    Optional.of("registration"));
            return register(client, server.idScope(), registrationId, Optional.of(token.toAuthorizationHeader()));
        }

        @Override
        public void close() {
            client.closeResource();
        }
    }

    /**
     * Devices whose TLS contexts are built before timing: {@link TlsContexts#client(HeldCertificate, List)}
     * spends milliseconds on key-store password hashing per call, client-side work that would otherwise
     * dominate what is meant to measure the server.
     */
    private record X509Fleet(List<HeldCertificate> identities, List<SSLContext> contexts, AtomicLong next) {
    }

    private X509Fleet enrollX509Fleet(ProvisioningService dps, Server server) {
        HeldCertificate root = HeldCertificate.builder().commonName("dpsrig benchmark root").certificateAuthority().build();
        HeldCertificate intermediate = HeldCertificate.builder().commonName("dpsrig benchmark intermediate")
                .certificateAuthority(0).signedBy(root).build();
        dps.putCaCertificate("bench-root", root.certificate(), true, Optional.empty());
        dps.putGroup("bench-x509", Jsonp.createObjectBuilder()
                .add("attestation", Jsonp.createObjectBuilder().add("type", "x509")
                        .add("x509", Jsonp.createObjectBuilder().add("signingCertificates", Jsonp.createObjectBuilder()
                                .add("primary", Jsonp.createObjectBuilder()
                                        .add("certificate", Certificates.toPem(intermediate.certificate()))))))
                .build(), Optional.empty());

        FleetIdentities fleet = FleetIdentities.builder().seed("dps-benchmark").idPattern("bench-x509-%05d")
                .issuer(intermediate).build();
        long started = System.nanoTime();
        List<HeldCertificate> identities = IntStream.range(0, devices).parallel().mapToObj(fleet::identity).toList();
        double issuing = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        LongAdder eachNanos = new LongAdder();
        List<SSLContext> contexts = identities.parallelStream().map(identity -> {
            long start = System.nanoTime();
            SSLContext context = TlsContexts.client(identity, List.of(server.trustedRoot()));
            eachNanos.add(System.nanoTime() - start);
            return context;
        }).toList();
        double building = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "X.509 fleet, before timing: %d EC P-256 devices issued in %.1f s; their TLS contexts built in %.1f s"
                        + " (%.2f ms each)%n", devices, issuing, building, eachNanos.sum() / 1e6 / devices);
        out.flush();
        return new X509Fleet(identities, contexts, new AtomicLong());
    }

    /** Each registration is a device starting from scratch: a new client, a new connection, a full handshake. */
    private static final class X509Device implements Client {
        private final Server server;
        private final X509Fleet fleet;

        X509Device(Server server, X509Fleet fleet) {
            this.server = server;
            this.fleet = fleet;
        }

        @Override
        public Outcome once() {
            int device = (int) (fleet.next().getAndIncrement() % fleet.identities().size());
            SSLContext context = fleet.contexts().get(device);
            Http1Client client = server.client(context);
            try {
                return register(client, server.idScope(), fleet.identities().get(device).commonName(), Optional.empty());
            } finally {
                client.closeResource();
                forgetSessions(context);
            }
        }

        /** The device's context is reused on its next turn; a cached session would let that one resume, not handshake. */
        private static void forgetSessions(SSLContext context) {
            SSLSessionContext sessions = context.getClientSessionContext();
            for (byte[] id : Collections.list(sessions.getIds())) {
                SSLSession session = sessions.getSession(id);
                if (session != null) {
                    session.invalidate();
                }
            }
        }

        @Override
        public void close() {
        }
    }

    // ---- the device protocol -------------------------------------------------------------------

    /** PUT register, then look the operation up until it is no longer assigning; the outcome must be assigned. */
    private static Outcome register(Http1Client client, String idScope, String registrationId, Optional<String> authorization) {
        String base = "/" + idScope + "/registrations/" + registrationId;
        String body = Jsonp.createObjectBuilder().add("registrationId", registrationId).build().toString();
        Answer answer = send(client.put(base + "/register"), authorization, Optional.of(body));
        int requests = 1;
        if (answer.status() != 202) {
            return new Outcome(requests, Optional.of("register of " + registrationId + " answered " + answer));
        }
        String operationId = answer.json().getString("operationId", "");
        // Retry-After is at least a second, but with no assignment delay a re-poll can only be a race with the timer.
        do {
            answer = send(client.get(base + "/operations/" + operationId), authorization, Optional.empty());
            requests++;
        } while (answer.status() == 202 && requests <= MAX_POLLS);
        return new Outcome(requests, assigned(answer, registrationId) ? Optional.empty()
                : Optional.of("operation lookup of " + registrationId + " answered " + answer));
    }

    private static boolean assigned(Answer answer, String registrationId) {
        if (answer.status() != 200) {
            return false;
        }
        JsonObject json = answer.json();
        JsonObject state = json.getJsonObject("registrationState");
        return json.getString("status", "").equals("assigned") && state != null
                && state.getString("registrationId", "").equalsIgnoreCase(registrationId)
                && !state.getString("assignedHub", "").isEmpty();
    }

    private static Answer send(Http1ClientRequest request, Optional<String> authorization, Optional<String> body) {
        request.queryParam("api-version", API_VERSION);
        authorization.ifPresent(value -> request.header(HeaderNames.AUTHORIZATION, value));
        try (HttpClientResponse response = body.isPresent()
                ? request.contentType(MediaTypes.APPLICATION_JSON).submit(body.get())
                : request.request()) {
            return new Answer(response.status().code(), response.as(String.class));
        }
    }

    private record Answer(int status, String body) {
        JsonObject json() {
            try (JsonReader reader = Jsonp.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }
}
