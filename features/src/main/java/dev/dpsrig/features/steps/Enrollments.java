package dev.dpsrig.features.steps;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.SymmetricKeys;
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
    private final ScenarioTarget target;
    private final Credentials credentials;
    private final Map<String, JsonObject> individuals = new LinkedHashMap<>();
    private final Map<String, JsonObject> groups = new LinkedHashMap<>();

    public Enrollments(ScenarioTarget target, Credentials credentials) {
        this.target = target;
        this.credentials = credentials;
    }

    /** A symmetric-key attestation with fresh primary and secondary keys, made here rather than by DPS. */
    static JsonObject symmetricKey() {
        return symmetricKey(SymmetricKeys.generate());
    }

    /** A symmetric-key attestation whose primary key is {@code primaryKey}, e.g. the one a board holds. */
    static JsonObject symmetricKey(String primaryKey) {
        return Jsonp.createObjectBuilder().add("type", "symmetricKey").add("symmetricKey", Jsonp.createObjectBuilder()
                .add("primaryKey", primaryKey).add("secondaryKey", SymmetricKeys.generate())).build();
    }

    /** A device certificate goes under {@code clientCertificates}, a CA under {@code signingCertificates}. */
    static JsonObject x509(X509Certificate certificate) {
        String field = certificate.getBasicConstraints() >= 0 ? "signingCertificates" : "clientCertificates";
        return Jsonp.createObjectBuilder().add("type", "x509").add("x509", Jsonp.createObjectBuilder().add(field,
                Jsonp.createObjectBuilder().add("primary", Jsonp.createObjectBuilder()
                        .add("certificate", Certificates.toPem(certificate))))).build();
    }

    void putIndividual(String registrationId, JsonObject attestation, JsonObject settings) {
        JsonObject body = merge(Jsonp.createObjectBuilder().add("registrationId", registrationId).add("attestation", attestation)
                .add("provisioningStatus", "enabled").build(), settings);
        individuals.put(registrationId, body);
        remember(registrationId, target.simulator().service().putEnrollment(registrationId, body, Optional.empty()).attestation());
    }

    void putGroup(String groupId, JsonObject attestation, JsonObject settings) {
        JsonObject body = merge(Jsonp.createObjectBuilder().add("enrollmentGroupId", groupId).add("attestation", attestation)
                .add("provisioningStatus", "enabled").build(), settings);
        groups.put(groupId, body);
        remember(groupId, target.simulator().service().putGroup(groupId, body, Optional.empty()).attestation());
    }

    /** Puts an individual enrollment or group made earlier in this scenario again, with these fields replaced. */
    void update(String id, JsonObject changes) {
        if (individuals.containsKey(id)) {
            putIndividual(id, individuals.get(id).getJsonObject("attestation"), merge(individuals.get(id), changes));
        } else if (groups.containsKey(id)) {
            putGroup(id, groups.get(id).getJsonObject("attestation"), merge(groups.get(id), changes));
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
