package dev.dpsrig.simulator.fuzz;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
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
import dev.dpsrig.simulator.fuzz.Fixture.Device;
import dev.dpsrig.simulator.http.InProcessDps;
import dev.dpsrig.simulator.hub.Delivery;
import dev.dpsrig.simulator.hub.QueuedMessage;
import dev.dpsrig.simulator.hub.SimulatedHub;
import dev.dpsrig.simulator.quota.QuotaProfile;
import dev.dpsrig.simulator.server.LocalSimulator;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The world every fuzz case starts from, and how it is put back: the fixture's enrollments, enrollment
 * groups and CA certificates as created (each known by the etag it was last written with), its devices
 * registered, assigned and enabled in the hub, a cloud-to-device message waiting for each, and what
 * cases created pruned once it grows. It remembers each device's last registration operation and the
 * proof of possession for the CA left unverified.
 */
final class Baseline {
    /** Enrollments, groups and the like that fuzz cases created beyond this many are removed between cases. */
    private static final int EXTRA_KEPT = 40;

    private final Fixture fixture;
    private final AfterEffects afterEffects;
    private final LocalSimulator simulator;
    private final InProcessDps dps;
    private final SimulatedHub hub;
    private final FuzzClock clock;
    private final HeldCertificate unverifiedRoot;
    private final Map<String, JsonObject> enrollmentBodies = new LinkedHashMap<>();
    private final Map<String, JsonObject> groupBodies = new LinkedHashMap<>();
    private final Map<String, X509Certificate> caCertificates = new LinkedHashMap<>();
    private final Map<String, Boolean> caVerified = new LinkedHashMap<>();
    private final Map<String, String> etags = new LinkedHashMap<>();
    private final Map<String, String> operationIds = new LinkedHashMap<>();
    private String verificationProofPem = "";

    /** The world of {@code fixture}, its individual enrollment attested by {@code individualKey}. */
    Baseline(Fixture fixture, FixtureCertificates certificates, String individualKey, AfterEffects afterEffects) {
        this.fixture = fixture;
        this.afterEffects = afterEffects;
        this.simulator = fixture.simulator;
        this.dps = fixture.dps;
        this.hub = fixture.hub;
        this.clock = fixture.clock;
        this.unverifiedRoot = certificates.unverifiedRoot();
        enrollmentBodies.put("fz-sym", symmetricKeyBody(individualKey, SymmetricKeys.generate()));
        enrollmentBodies.put("fz-x509-self", x509Body("clientCertificates", Certificates.toPem(certificates.selfSigned().certificate())));
        enrollmentBodies.put("fz-x509-expired", x509Body("clientCertificates",
                Certificates.toPem(certificates.expiredEnrolled().certificate())));
        groupBodies.put(fixture.symmetricGroupId, symmetricKeyBody(fixture.groupKey, SymmetricKeys.generate()));
        groupBodies.put(fixture.caGroupId, caReferenceBody(fixture.verifiedCaName));
        groupBodies.put("fz-unverified-group", caReferenceBody(fixture.unverifiedCaName));
        caCertificates.put(fixture.verifiedCaName, certificates.root().certificate());
        caVerified.put(fixture.verifiedCaName, true);
        caCertificates.put(fixture.unverifiedCaName, unverifiedRoot.certificate());
        caVerified.put(fixture.unverifiedCaName, false);
    }

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
        for (Device device : fixture.devices) {
            Registration registration = registrations.get(device.id());
            Optional<HubDevice> inHub = hub.device(device.id());
            if (registration == null || registration.status() != RegistrationStatus.ASSIGNED || inHub.isEmpty()
                    || !registration.assignedHub().orElse("").equalsIgnoreCase(fixture.hubAuthority)) {
                register(device);
                registered = true;
            }
        }
        afterEffects.settle();
        for (Device device : fixture.devices) {
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
        Set<String> fixtureIds = new HashSet<>(fixture.devices.stream().map(Device::id).toList());
        List<Registration> extraRegistrations = dps.registrations().stream()
                .filter(r -> !fixtureIds.contains(r.registrationId().toLowerCase(Locale.ROOT))).toList();
        if (extraRegistrations.size() > EXTRA_KEPT) {
            extraRegistrations.forEach(r -> dps.deleteRegistration(r.registrationId(), Optional.empty()));
        }
    }

    private void register(Device device) {
        DeviceCredentials credentials = device.usesSas()
                ? new DeviceCredentials.Sas(SasToken.parse(fixture.dpsToken(device)))
                : new DeviceCredentials.ClientCertificate(device.chain());
        OperationStatus operation = dps.register(fixture.idScope, device.id(), credentials, Optional.empty());
        operationIds.put(device.id(), operation.operationId());
    }

    private DeviceCredentials hubCredentials(Device device) {
        return device.usesSas()
                ? new DeviceCredentials.Sas(SasToken.parse(fixture.hubToken(device)))
                : new DeviceCredentials.ClientCertificate(device.chain());
    }

    private Set<String> hubHostNames() {
        return Set.of(fixture.hubAuthority.toLowerCase(Locale.ROOT), "localhost");
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
        if (queued.size() >= Fixture.QUEUE_DEPTH - 5) {
            clock.advance(Fixture.LOCK_TIMEOUT.plusSeconds(1));
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

    /** The id of the device's last registration operation, or a well-formed one nobody has. */
    String operationId(Device device) {
        return operationIds.getOrDefault(device.id(), "5.0000000000000000.00000000-0000-0000-0000-000000000000");
    }

    /** The proof of possession for the unverified CA's current verification code. */
    String verificationProofPem() {
        return verificationProofPem;
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

    private static JsonObject caReferenceBody(String caName) {
        return Jsonp.createObjectBuilder().add("attestation", Jsonp.createObjectBuilder().add("type", "x509")
                .add("x509", Jsonp.createObjectBuilder().add("caReferences", Jsonp.createObjectBuilder().add("primary", caName))))
                .build();
    }
}
