package dev.dpsrig.simulator.fuzz;

import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.http.InProcessDps;
import dev.dpsrig.simulator.hub.CloudToDeviceSettings;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.server.LocalSimulator;
import dev.dpsrig.simulator.server.SimulatorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The world a fuzz run works in: an in-process simulator with its state on disk, and in it devices
 * with every kind of credential (individual and group symmetric keys, a self-signed certificate, a
 * certificate from a verified CA), each registered and assigned, with cloud-to-device messages
 * waiting; and beside them certificates that must not get in (expired, self-signed impostors, from a
 * CA nobody verified, without a CN; see {@link FixtureCertificates}). Between requests it puts back
 * what an accepted request changed (a deleted enrollment, a disabled device, an armed fault rule), so
 * that every case starts from the same world ({@link Baseline}); and it reads the stored state for the
 * before-and-after comparison ({@link Snapshots}).
 */
final class Fixture implements AutoCloseable {
    static final String ANONYMOUS = "anonymous";
    static final String SERVICE_POLICY = SimulatorConfig.SERVICE_POLICY;
    static final Duration LOCK_TIMEOUT = Duration.ofMinutes(1);
    static final int QUEUE_DEPTH = 50;

    enum Kind { SAS_INDIVIDUAL, SAS_GROUP, X509_SELF_SIGNED, X509_CA }

    /** A registered device and how it proves who it is: a key (SAS) or a TLS identity (X.509). */
    record Device(String id, Kind kind, Optional<String> key, String identity, List<X509Certificate> chain) {
        boolean usesSas() {
            return key.isPresent();
        }
    }

    final FuzzClock clock;
    final LocalSimulator simulator;
    final InProcessDps dps;
    final SimulatedHub hub;
    final String idScope;
    final String serviceKey;
    final String adminKey;
    /** {@code localhost:port}: what clients put in {@code Host} and in hub token resources. */
    final String dpsAuthority;
    final String hubAuthority;
    final int dpsPort;
    final int hubPort;
    final String hubName;
    final List<Device> devices = new ArrayList<>();
    /** TLS client contexts by name; {@link #ANONYMOUS} presents no certificate. */
    final Map<String, SSLContext> identities = new LinkedHashMap<>();
    /** Identities that must be refused for whatever id they are used with. */
    final List<String> badIdentities = new ArrayList<>();
    final List<String> scratchIds = List.of("fz-scratch-0", "fz-scratch-1", "fz-scratch-2", "fz-scratch-3");
    final String groupKey;
    /** PEM of a CA certificate the cases may upload. */
    final String uploadCaPem;
    /** PEM of a self-signed device certificate the cases may enroll. */
    final String enrollCertificatePem;
    final String unverifiedCaName = "fz-unverified-root";
    final String verifiedCaName = "fz-root";
    final String symmetricGroupId = "fz-sym-group";
    final String caGroupId = "fz-ca-group";

    private final Path dataDirectory;
    private final boolean deleteDataDirectory;
    private final Baseline baseline;
    private final Snapshots snapshots;

    private Fixture(Path dataDirectory, boolean deleteDataDirectory) {
        this.dataDirectory = dataDirectory;
        this.deleteDataDirectory = deleteDataDirectory;
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        this.clock = new FuzzClock(start);
        this.simulator = LocalSimulator.start(SimulatorConfig.builder()
                .dataDirectory(dataDirectory)
                // Its own admin key, so that the service policy's token on the admin API is a wrong key, and back.
                .adminKey(SymmetricKeys.generate())
                .assignmentDelay(Duration.ZERO)
                .clock(clock)
                .cloudToDevice(new CloudToDeviceSettings(LOCK_TIMEOUT, 100, QUEUE_DEPTH, Duration.ofDays(2), Duration.ofDays(2)))
                .build());
        this.dps = simulator.service();
        this.hub = simulator.iotHubs().getFirst();
        this.hubName = hub.name();
        this.idScope = simulator.idScope();
        this.serviceKey = simulator.serviceKey();
        this.adminKey = simulator.adminKey();
        this.dpsPort = simulator.dpsPort();
        this.dpsAuthority = simulator.globalEndpoint();
        this.hubAuthority = hub.hub().hostName();
        this.hubPort = Integer.parseInt(hubAuthority.substring(hubAuthority.lastIndexOf(':') + 1));
        List<X509Certificate> trusted = List.of(simulator.trustedRoot());
        identities.put(ANONYMOUS, TlsContexts.client(trusted));

        FixtureCertificates certificates = FixtureCertificates.issue(start);
        this.uploadCaPem = certificates.uploadCaPem();
        this.enrollCertificatePem = certificates.enrollCertificatePem();
        certificates.bad().forEach((name, identity) -> {
            identities.put(name, TlsContexts.client(identity, trusted));
            badIdentities.add(name);
        });
        identities.put("fz-x509-self", TlsContexts.client(certificates.selfSigned(), trusted));
        identities.put("fz-x509-ca", TlsContexts.client(certificates.chained(), trusted));

        this.groupKey = SymmetricKeys.generate();
        String individualKey = SymmetricKeys.generate();
        AfterEffects afterEffects = new AfterEffects(dps);
        this.baseline = new Baseline(this, certificates, individualKey, afterEffects);
        this.snapshots = new Snapshots(simulator, dps, hub, afterEffects);

        devices.add(new Device("fz-sym", Kind.SAS_INDIVIDUAL, Optional.of(individualKey), ANONYMOUS, List.of()));
        devices.add(new Device("fz-grp-1", Kind.SAS_GROUP, Optional.of(SymmetricKeys.deriveDeviceKey(groupKey, "fz-grp-1")),
                ANONYMOUS, List.of()));
        devices.add(new Device("fz-x509-self", Kind.X509_SELF_SIGNED, Optional.empty(), "fz-x509-self", certificates.selfSigned().fullChain()));
        devices.add(new Device("fz-x509-ca", Kind.X509_CA, Optional.empty(), "fz-x509-ca", certificates.chained().fullChain()));
    }

    /** Starts the simulator in {@code dataDirectory} (a new temporary one, removed on close, when empty) and sets the world up. */
    static Fixture start(Optional<Path> dataDirectory) {
        Path directory;
        try {
            directory = dataDirectory.isPresent() ? Files.createDirectories(dataDirectory.get())
                    : Files.createTempDirectory("dpsrig-fuzz-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the fuzz data directory", e);
        }
        Fixture fixture = new Fixture(directory, dataDirectory.isEmpty());
        try {
            fixture.restore();
            return fixture;
        } catch (RuntimeException e) {
            fixture.close();
            throw e;
        }
    }

    Device device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    // ---- tokens ---------------------------------------------------------------------------------

    /** A far expiry, by the simulator's clock, which moves a minute at a time. */
    String farExpiry() {
        return Long.toString(clock.instant().plus(Duration.ofDays(30)).getEpochSecond());
    }

    String dpsResource(String registrationId) {
        return idScope + "/registrations/" + registrationId;
    }

    String hubResource(String deviceId) {
        return hubAuthority + "/devices/" + deviceId;
    }

    /** What a device sends to DPS: sr = scope/registrations/id, skn=registration. */
    String dpsToken(Device device) {
        return Sas.header(dpsResource(device.id()), device.key().orElseThrow(), farExpiry(), Optional.of("registration"));
    }

    String hubToken(Device device) {
        return Sas.header(hubResource(device.id()), device.key().orElseThrow(), farExpiry(), Optional.empty());
    }

    String serviceToken() {
        return Sas.header("localhost", serviceKey, farExpiry(), Optional.of(SERVICE_POLICY));
    }

    String adminToken() {
        return Sas.header("localhost", adminKey, farExpiry(), Optional.of(SERVICE_POLICY));
    }

    // ---- between cases ---------------------------------------------------------------------------

    /**
     * Puts the world back as it was set up (see {@link Baseline}).
     *
     * @return whether a fixture device had to register again (its after-effects may still be under way)
     */
    boolean restore() {
        return baseline.restore();
    }

    String operationId(Device device) {
        return baseline.operationId(device);
    }

    String verificationProofPem() {
        return baseline.verificationProofPem();
    }

    /** A lock token the device holds right now, for complete, reject and abandon cases. */
    String lockToken(Device device) {
        return baseline.lockToken(device);
    }

    /** The state once an accepted request's after-effects are done. */
    StateSnapshot settledSnapshot() {
        return snapshots.settledSnapshot();
    }

    /** Everything stored that a request could change, each item one comparable line. */
    StateSnapshot snapshot() {
        return snapshots.snapshot();
    }

    @Override
    public void close() {
        simulator.close();
        if (deleteDataDirectory) {
            try (Stream<Path> files = Files.walk(dataDirectory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException ignored) {
                // a temporary folder left behind is harmless
            }
        }
    }
}
