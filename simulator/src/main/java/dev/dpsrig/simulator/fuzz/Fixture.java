package dev.dpsrig.simulator.fuzz;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.TlsContexts;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.RegistrationStatus;
import dev.dpsrig.protocol.SasToken;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.simulator.dps.CaCertificate;
import dev.dpsrig.simulator.dps.DeviceCredentials;
import dev.dpsrig.simulator.dps.EnrollmentGroup;
import dev.dpsrig.simulator.dps.HubDevice;
import dev.dpsrig.simulator.dps.IndividualEnrollment;
import dev.dpsrig.simulator.dps.OperationStatus;
import dev.dpsrig.simulator.dps.Registration;
import dev.dpsrig.simulator.http.InProcessDps;
import dev.dpsrig.simulator.http.LocalSimulator;
import dev.dpsrig.simulator.http.SimulatorConfig;
import dev.dpsrig.simulator.hub.CloudToDeviceSettings;
import dev.dpsrig.simulator.hub.Delivery;
import dev.dpsrig.simulator.hub.QueuedMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.quota.QuotaProfile;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.security.auth.x500.X500Principal;

/**
 * The world a fuzz run works in: an in-process simulator with its state on disk, and in it devices
 * with every kind of credential (individual and group symmetric keys, a self-signed certificate, a
 * certificate from a verified CA), each registered and assigned, with cloud-to-device messages
 * waiting; and beside them certificates that must not get in (expired, self-signed impostors, from a
 * CA nobody verified, without a CN). Between requests it puts back what an accepted request changed
 * (a deleted enrollment, a disabled device, an armed fault rule), so that every case starts from the
 * same world; and it reads the stored state for the before-and-after comparison.
 */
final class Fixture implements AutoCloseable {
    static final String ANONYMOUS = "anonymous";
    static final String SERVICE_POLICY = SimulatorConfig.SERVICE_POLICY;
    static final Duration LOCK_TIMEOUT = Duration.ofMinutes(1);
    private static final int QUEUE_DEPTH = 50;
    /** Enrollments, groups and the like that fuzz cases created beyond this many are removed between cases. */
    private static final int EXTRA_KEPT = 40;

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
    private final HeldCertificate unverifiedRoot;
    private final Map<String, JsonObject> enrollmentBodies = new LinkedHashMap<>();
    private final Map<String, JsonObject> groupBodies = new LinkedHashMap<>();
    private final Map<String, X509Certificate> caCertificates = new LinkedHashMap<>();
    private final Map<String, Boolean> caVerified = new LinkedHashMap<>();
    private final Map<String, String> etags = new LinkedHashMap<>();
    private final Map<String, String> operationIds = new LinkedHashMap<>();
    private String verificationProofPem = "";
    private long lastMessage;
    private List<Thread> assignmentTimers = List.of();

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

        Instant notBefore = start.minus(Duration.ofDays(1));
        Instant notAfter = start.plus(Duration.ofDays(365));
        HeldCertificate root = HeldCertificate.builder().commonName("dpsrig fuzz root").certificateAuthority()
                .validity(notBefore, notAfter).build();
        this.unverifiedRoot = HeldCertificate.builder().commonName("dpsrig fuzz unverified root").certificateAuthority()
                .validity(notBefore, notAfter).build();
        HeldCertificate rogueRoot = HeldCertificate.builder().commonName("dpsrig fuzz rogue root").certificateAuthority()
                .validity(notBefore, notAfter).build();
        this.uploadCaPem = Certificates.toPem(HeldCertificate.builder().commonName("dpsrig fuzz upload CA").certificateAuthority()
                .validity(notBefore, notAfter).build().certificate());
        this.enrollCertificatePem = Certificates.toPem(HeldCertificate.builder().commonName("fz-scratch-0").clientAuth()
                .validity(notBefore, notAfter).build().certificate());
        HeldCertificate selfSigned = device("fz-x509-self", null, notBefore, notAfter);
        HeldCertificate chained = device("fz-x509-ca", root, notBefore, notAfter);
        HeldCertificate expiredEnrolled = device("fz-x509-expired", null, start.minus(Duration.ofDays(400)), start.minus(Duration.ofDays(35)));
        Instant past = start.minus(Duration.ofDays(400));
        Instant expired = start.minus(Duration.ofDays(35));
        bad("expired-enrolled", expiredEnrolled, trusted);
        bad("expired-self-signed", device("fz-x509-self", null, past, expired), trusted);
        bad("expired-from-ca", device("fz-x509-ca", root, past, expired), trusted);
        bad("not-yet-valid-from-ca", device("fz-x509-ca", root, start.plus(Duration.ofDays(30)), start.plus(Duration.ofDays(60))), trusted);
        bad("impostor-self-signed", device("fz-x509-self", null, notBefore, notAfter), trusted);
        bad("impostor-from-rogue-ca", device("fz-x509-ca", rogueRoot, notBefore, notAfter), trusted);
        bad("from-unverified-ca", device("fz-unverified-device", unverifiedRoot, notBefore, notAfter), trusted);
        bad("no-common-name", HeldCertificate.builder().subject(new X500Principal("O=dpsrig fuzz,OU=no CN")).clientAuth()
                .validity(notBefore, notAfter).build(), trusted);
        bad("server-auth-only-from-ca", HeldCertificate.builder().commonName("fz-x509-ca").serverAuth().signedBy(root)
                .validity(notBefore, notAfter).build(), trusted);
        bad("ca-as-device", HeldCertificate.builder().commonName("fz-x509-ca").certificateAuthority().signedBy(root)
                .validity(notBefore, notAfter).build(), trusted);
        identities.put("fz-x509-self", TlsContexts.client(selfSigned, trusted));
        identities.put("fz-x509-ca", TlsContexts.client(chained, trusted));

        this.groupKey = SymmetricKeys.generate();
        String individualKey = SymmetricKeys.generate();
        enrollmentBodies.put("fz-sym", symmetricKeyBody(individualKey, SymmetricKeys.generate()));
        enrollmentBodies.put("fz-x509-self", x509Body("clientCertificates", Certificates.toPem(selfSigned.certificate())));
        enrollmentBodies.put("fz-x509-expired", x509Body("clientCertificates", Certificates.toPem(expiredEnrolled.certificate())));
        groupBodies.put(symmetricGroupId, symmetricKeyBody(groupKey, SymmetricKeys.generate()));
        groupBodies.put(caGroupId, Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder().add("type", "x509")
                .add("x509", Jsonp.createObjectBuilder().add("caReferences", Jsonp.createObjectBuilder().add("primary", verifiedCaName))))
                .build());
        groupBodies.put("fz-unverified-group", Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder().add("type", "x509")
                .add("x509", Jsonp.createObjectBuilder().add("caReferences", Jsonp.createObjectBuilder().add("primary", unverifiedCaName))))
                .build());
        caCertificates.put(verifiedCaName, root.certificate());
        caVerified.put(verifiedCaName, true);
        caCertificates.put(unverifiedCaName, unverifiedRoot.certificate());
        caVerified.put(unverifiedCaName, false);

        devices.add(new Device("fz-sym", Kind.SAS_INDIVIDUAL, Optional.of(individualKey), ANONYMOUS, List.of()));
        devices.add(new Device("fz-grp-1", Kind.SAS_GROUP, Optional.of(SymmetricKeys.deriveDeviceKey(groupKey, "fz-grp-1")),
                ANONYMOUS, List.of()));
        devices.add(new Device("fz-x509-self", Kind.X509_SELF_SIGNED, Optional.empty(), "fz-x509-self", selfSigned.fullChain()));
        devices.add(new Device("fz-x509-ca", Kind.X509_CA, Optional.empty(), "fz-x509-ca", chained.fullChain()));
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

    private static HeldCertificate device(String id, HeldCertificate issuer, Instant notBefore, Instant notAfter) {
        HeldCertificate.Builder builder = HeldCertificate.builder().commonName(id).clientAuth().validity(notBefore, notAfter);
        return (issuer == null ? builder : builder.signedBy(issuer)).build();
    }

    private void bad(String name, HeldCertificate identity, List<X509Certificate> trusted) {
        identities.put(name, TlsContexts.client(identity, trusted));
        badIdentities.add(name);
    }

    private static JsonObject symmetricKeyBody(String primary, String secondary) {
        return Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder().add("type", "symmetricKey")
                .add("symmetricKey", Jsonp.createObjectBuilder().add("primaryKey", primary).add("secondaryKey", secondary))).build();
    }

    private static JsonObject x509Body(String field, String pem) {
        return Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder().add("type", "x509")
                .add("x509", Jsonp.createObjectBuilder().add(field, Jsonp.createObjectBuilder()
                        .add("primary", Jsonp.createObjectBuilder().add("certificate", pem))))).build();
    }

    Device device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    String operationId(Device device) {
        return operationIds.getOrDefault(device.id(), "5.0000000000000000.00000000-0000-0000-0000-000000000000");
    }

    String verificationProofPem() {
        return verificationProofPem;
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
     * Puts the world back as it was set up: fault rules disarmed and quotas off (an accepted admin
     * request may have armed them, and injected 5xx answers are not findings), the fixture's
     * enrollments, groups, CA certificates and registrations as created, its hub devices enabled, a
     * cloud-to-device message waiting for each, and what cases created pruned when it grows.
     *
     * @return whether a fixture device had to register again (its after-effects may still be under way)
     */
    boolean restore() {
        boolean registered = false;
        if (!simulator.faults().rules().isEmpty()) {
            simulator.faults().clear();
        }
        if (!simulator.quotaProfile().name().equals(QuotaProfile.OFF.name())) {
            simulator.quotaProfile(QuotaProfile.OFF);
        }
        restoreCertificates();
        Map<String, IndividualEnrollment> enrollments = new LinkedHashMap<>();
        dps.enrollments().forEach(e -> enrollments.put(e.registrationId(), e));
        enrollmentBodies.forEach((id, body) -> {
            IndividualEnrollment current = enrollments.get(id);
            if (current == null || !current.revision().etag().equals(etags.get("enrollment/" + id))) {
                etags.put("enrollment/" + id, dps.putEnrollment(id, body, Optional.empty()).revision().etag());
            }
        });
        Map<String, EnrollmentGroup> groups = new LinkedHashMap<>();
        dps.groups().forEach(g -> groups.put(g.enrollmentGroupId(), g));
        groupBodies.forEach((id, body) -> {
            EnrollmentGroup current = groups.get(id);
            if (current == null || !current.revision().etag().equals(etags.get("group/" + id))) {
                etags.put("group/" + id, dps.putGroup(id, body, Optional.empty()).revision().etag());
            }
        });
        prune();
        Map<String, Registration> registrations = new LinkedHashMap<>();
        dps.registrations().forEach(r -> registrations.put(r.registrationId().toLowerCase(Locale.ROOT), r));
        for (Device device : devices) {
            Registration registration = registrations.get(device.id());
            Optional<HubDevice> inHub = hub.device(device.id());
            if (registration == null || registration.status() != RegistrationStatus.ASSIGNED || inHub.isEmpty()
                    || !registration.assignedHub().orElse("").equalsIgnoreCase(hubAuthority)) {
                register(device);
                registered = true;
            }
        }
        settle();
        for (Device device : devices) {
            HubDevice inHub = hub.device(device.id()).orElseThrow(() -> new IllegalStateException(
                    "fixture device " + device.id() + " is not in the hub after registering"));
            if (!inHub.enabled()) {
                hub.setDeviceEnabled(device.id(), true);
            }
            refillQueue(device);
        }
        return registered;
    }

    private void restoreCertificates() {
        Map<String, CaCertificate> present = new LinkedHashMap<>();
        dps.caCertificates().forEach(ca -> present.put(ca.name(), ca));
        caCertificates.forEach((name, certificate) -> {
            CaCertificate current = present.get(name);
            if (current == null || !current.revision().etag().equals(etags.get("ca/" + name))) {
                CaCertificate put = dps.putCaCertificate(name, certificate, caVerified.get(name), Optional.empty());
                if (!caVerified.get(name)) {
                    put = dps.generateVerificationCode(name, Optional.empty());
                    verificationProofPem = Certificates.toPem(HeldCertificate.builder().commonName(put.verificationCode().orElseThrow())
                            .signedBy(unverifiedRoot).validity(clock.instant().minus(Duration.ofDays(1)),
                                    clock.instant().plus(Duration.ofDays(365))).build().certificate());
                }
                etags.put("ca/" + name, put.revision().etag());
            }
        });
    }

    private void prune() {
        List<IndividualEnrollment> extraEnrollments = dps.enrollments().stream()
                .filter(e -> !enrollmentBodies.containsKey(e.registrationId())).toList();
        if (extraEnrollments.size() > EXTRA_KEPT) {
            extraEnrollments.forEach(e -> dps.deleteEnrollment(e.registrationId(), Optional.empty()));
        }
        List<EnrollmentGroup> extraGroups = dps.groups().stream().filter(g -> !groupBodies.containsKey(g.enrollmentGroupId())).toList();
        if (extraGroups.size() > EXTRA_KEPT) {
            extraGroups.forEach(g -> dps.deleteGroup(g.enrollmentGroupId(), Optional.empty()));
        }
        List<CaCertificate> extraCas = dps.caCertificates().stream().filter(ca -> !caCertificates.containsKey(ca.name())).toList();
        if (extraCas.size() > EXTRA_KEPT) {
            extraCas.forEach(ca -> dps.deleteCaCertificate(ca.name(), Optional.empty()));
        }
        Set<String> fixtureIds = new HashSet<>(devices.stream().map(Device::id).toList());
        List<Registration> extraRegistrations = dps.registrations().stream()
                .filter(r -> !fixtureIds.contains(r.registrationId().toLowerCase(Locale.ROOT))).toList();
        if (extraRegistrations.size() > EXTRA_KEPT) {
            extraRegistrations.forEach(r -> dps.deleteRegistration(r.registrationId(), Optional.empty()));
        }
    }

    private void register(Device device) {
        DeviceCredentials credentials = device.usesSas()
                ? new DeviceCredentials.Sas(SasToken.parse(dpsToken(device)))
                : new DeviceCredentials.ClientCertificate(device.chain());
        OperationStatus operation = dps.register(idScope, device.id(), credentials, Optional.empty());
        operationIds.put(device.id(), operation.operationId());
    }

    private DeviceCredentials hubCredentials(Device device) {
        return device.usesSas()
                ? new DeviceCredentials.Sas(SasToken.parse(hubToken(device)))
                : new DeviceCredentials.ClientCertificate(device.chain());
    }

    private Set<String> hubHostNames() {
        return Set.of(hubAuthority.toLowerCase(Locale.ROOT), "localhost");
    }

    /**
     * Keeps a message waiting that no lock holds: one is queued when there is none, and when the queue
     * is full of locked ones (cases received and never settled) the clock moves past the locks.
     */
    private void refillQueue(Device device) {
        List<QueuedMessage> queued = hub.deviceBound(device.id());
        if (queued.stream().anyMatch(m -> m.lockedUntil().isEmpty())) {
            return;
        }
        if (queued.size() >= QUEUE_DEPTH - 5) {
            clock.advance(LOCK_TIMEOUT.plusSeconds(1));
            return;
        }
        hub.sendToDevice(device.id(), ("fuzz message for " + device.id()).getBytes(StandardCharsets.UTF_8),
                Map.of("fuzz", "1"), Map.of(), Optional.empty());
    }

    /** A lock token the device holds right now, for complete, reject and abandon cases. */
    String lockToken(Device device) {
        refillQueue(device);
        Optional<Delivery> delivery = hub.receive(device.id(), hubCredentials(device), hubHostNames());
        return delivery.map(Delivery::lockToken).orElse("00000000-0000-0000-0000-000000000000");
    }

    /**
     * Waits until no registration is still being assigned: after an accepted register the service's
     * assignment timer writes the registration and then the hub device (each to disk), on its own
     * thread, after the device was answered.
     */
    void settle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int idle = 0;
        while (System.nanoTime() < deadline && idle < 2) {
            boolean assigning = dps.registrations().stream().anyMatch(r -> r.status() == RegistrationStatus.ASSIGNING);
            idle = assigning || assignmentTimerBusy() ? 0 : idle + 1;
            if (idle < 2) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * The service's assignment timer thread at work: anywhere in the simulator's code (running, or waiting
     * for a write to reach the disk), rather than waiting in its queue for the next task.
     */
    private boolean assignmentTimerBusy() {
        if (assignmentTimers.stream().noneMatch(Thread::isAlive)) {
            assignmentTimers = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("dps-assignment") && thread.isAlive()).toList();
        }
        for (Thread timer : assignmentTimers) {
            for (StackTraceElement frame : timer.getStackTrace()) {
                if (frame.getClassName().startsWith("dev.dpsrig.")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The state once an accepted request's after-effects are done: no registration still assigning, and
     * two snapshots a moment apart alike (the assignment timer writes the registration, then the hub device).
     */
    StateSnapshot settledSnapshot() {
        settle();
        StateSnapshot previous = snapshot();
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            StateSnapshot now = snapshot();
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    /** Everything stored that a request could change, each item one comparable line. */
    StateSnapshot snapshot() {
        Map<String, List<String>> state = new LinkedHashMap<>();
        state.put("enrollments", dps.enrollments().stream().map(e -> e.registrationId() + " " + ServiceJson.enrollment(e)).sorted().toList());
        state.put("enrollment groups", dps.groups().stream().map(g -> g.enrollmentGroupId() + " " + ServiceJson.group(g)).sorted().toList());
        state.put("CA certificates", dps.caCertificates().stream().map(ca -> ca.name() + " " + ServiceJson.ca(ca)).sorted().toList());
        state.put("registrations", dps.registrations().stream().map(r -> r.registrationId() + " " + ServiceJson.registration(r)).sorted().toList());
        state.put("hub devices", hub.devices().stream().map(d -> d.deviceId() + " " + ServiceJson.hubDevice(d)).sorted().toList());
        List<String> queues = new ArrayList<>();
        for (HubDevice device : hub.devices()) {
            for (QueuedMessage message : hub.deviceBound(device.deviceId())) {
                queues.add(device.deviceId() + " #" + message.message().sequenceNumber() + " deliveries " + message.deliveryCount()
                        + message.lockedUntil().map(until -> " locked until " + until).orElse(""));
            }
        }
        state.put("cloud-to-device queues", queues);
        List<dev.dpsrig.simulator.hub.DeviceMessage> newer;
        try {
            newer = hub.messagesAfter(lastMessage, Optional.empty(), Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            newer = List.of();
        }
        if (!newer.isEmpty()) {
            lastMessage = newer.getLast().sequenceNumber();
        }
        state.put("device-to-cloud messages", List.of("last sequence number " + lastMessage));
        state.put("settlements", List.of(Integer.toString(hub.settlements().size())));
        state.put("fault rules", simulator.faults().rules().stream().map(Object::toString).toList());
        state.put("quota profile", List.of(simulator.quotaProfile().name()));
        return new StateSnapshot(state);
    }

    /** The service's own JSON forms, so that a snapshot line shows every stored field. */
    private static final class ServiceJson {
        static String enrollment(IndividualEnrollment enrollment) {
            return dev.dpsrig.simulator.json.EnrollmentJson.toJson(enrollment, true).toString();
        }

        static String group(EnrollmentGroup group) {
            return dev.dpsrig.simulator.json.EnrollmentJson.toJson(group, true).toString();
        }

        static String ca(CaCertificate ca) {
            return dev.dpsrig.simulator.json.ServiceJson.certificate(ca).toJson().toString() + " code=" + ca.verificationCode().orElse("");
        }

        static String registration(Registration registration) {
            return dev.dpsrig.simulator.json.ServiceJson.toJson(registration).toString();
        }

        static String hubDevice(HubDevice device) {
            return dev.dpsrig.simulator.json.ServiceJson.toJson(device).toString() + " enabled=" + device.enabled();
        }
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
