package dev.dpsrig.features.steps;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.protocol.service.AttestationMechanism;
import dev.dpsrig.protocol.service.EnrollmentGroup;
import dev.dpsrig.protocol.service.EnrollmentSettings;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import dev.dpsrig.protocol.service.SymmetricKeyAttestation;
import dev.dpsrig.protocol.service.X509Attestation;
import dev.dpsrig.protocol.service.X509CertificateWithInfo;
import dev.dpsrig.protocol.service.X509Certificates;
import dev.dpsrig.simulator.dps.Attestation;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Enrollment and group bodies as the service API takes them, kept per scenario so that a later step
 * can change one field (the hubs, the reprovision policy) and put the same enrollment again, as
 * {@code az iot dps enrollment update} does. They go straight into the simulator's DPS, which goes away with
 * the scenario, unlike the {@link ScenarioEnrollments} made through the service API of either target.
 */
public final class Enrollments {
    private static final EnrollmentSettings ENABLED = EnrollmentSettings.NONE.withProvisioningStatus("enabled");

    private final ScenarioTarget target;
    private final Credentials credentials;
    private final Map<String, JsonObject> individuals = new LinkedHashMap<>();
    private final Map<String, JsonObject> groups = new LinkedHashMap<>();

    public Enrollments(ScenarioTarget target, Credentials credentials) {
        this.target = target;
        this.credentials = credentials;
    }

    /** A symmetric-key attestation with fresh primary and secondary keys, made here rather than by DPS. */
    static AttestationMechanism symmetricKey() {
        return symmetricKey(SymmetricKeys.generate());
    }

    /** A symmetric-key attestation whose primary key is {@code primaryKey}, e.g. the one a board holds. */
    static AttestationMechanism symmetricKey(String primaryKey) {
        return SymmetricKeyAttestation.of(primaryKey, SymmetricKeys.generate());
    }

    /** A device certificate goes under {@code clientCertificates}, a CA under {@code signingCertificates}. */
    static AttestationMechanism x509(X509Certificate certificate) {
        X509Certificates held = new X509Certificates(X509CertificateWithInfo.of(Certificates.toPem(certificate)), Optional.empty());
        return certificate.getBasicConstraints() >= 0 ? X509Attestation.signingCertificates(held) : X509Attestation.clientCertificates(held);
    }

    void putIndividual(String registrationId, AttestationMechanism attestation, JsonObject settings) {
        JsonObject body = merge(IndividualEnrollment.of(registrationId, attestation, ENABLED).toJson(), settings);
        individuals.put(registrationId, body);
        remember(registrationId, target.simulator().service().putEnrollment(registrationId, body, Optional.empty()).attestation());
    }

    void putGroup(String groupId, AttestationMechanism attestation, JsonObject settings) {
        JsonObject body = merge(EnrollmentGroup.of(groupId, attestation, ENABLED).toJson(), settings);
        groups.put(groupId, body);
        remember(groupId, target.simulator().service().putGroup(groupId, body, Optional.empty()).attestation());
    }

    /** Puts an individual enrollment or group made earlier in this scenario again, with these fields replaced. */
    void update(String id, JsonObject changes) {
        if (individuals.containsKey(id)) {
            putIndividual(id, AttestationMechanism.fromJson(individuals.get(id).getJsonObject("attestation")), merge(individuals.get(id), changes));
        } else if (groups.containsKey(id)) {
            putGroup(id, AttestationMechanism.fromJson(groups.get(id).getJsonObject("attestation")), merge(groups.get(id), changes));
        } else {
            throw new AssertionError("no enrollment or group '" + id + "' made with allocation settings in this scenario; made: "
                    + individuals.keySet() + " " + groups.keySet());
        }
    }

    private static JsonObject merge(JsonObject base, JsonObject changes) {
        JsonObjectBuilder merged = Jsonp.createObjectBuilder(base);
        changes.forEach(merged::add);
        return merged.build();
    }

    private void remember(String id, Attestation stored) {
        if (stored instanceof Attestation.SymmetricKey keys) {
            credentials.rememberKey(id, keys.primaryKey());
        }
    }
}
