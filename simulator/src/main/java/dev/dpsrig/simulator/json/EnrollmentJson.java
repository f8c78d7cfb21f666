package dev.dpsrig.simulator.json;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.protocol.dps.X509CertificateInfo;
import dev.dpsrig.protocol.service.AttestationMechanism;
import dev.dpsrig.protocol.service.CustomAllocationDefinition;
import dev.dpsrig.protocol.service.DeviceCapabilities;
import dev.dpsrig.protocol.service.EnrollmentSettings;
import dev.dpsrig.protocol.service.ResourceRevision;
import dev.dpsrig.protocol.service.SymmetricKeyAttestation;
import dev.dpsrig.protocol.service.TpmAttestation;
import dev.dpsrig.protocol.service.X509Attestation;
import dev.dpsrig.protocol.service.X509CaReferences;
import dev.dpsrig.protocol.service.X509CertificateWithInfo;
import dev.dpsrig.protocol.service.X509Certificates;
import dev.dpsrig.simulator.dps.AllocationPolicy;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.dps.AttestationDraft;
import dev.dpsrig.simulator.dps.CustomAllocation;
import dev.dpsrig.simulator.dps.EnrollmentGroup;
import dev.dpsrig.simulator.dps.EnrollmentPolicy;
import dev.dpsrig.simulator.dps.IndividualEnrollment;
import dev.dpsrig.simulator.dps.ReprovisionPolicy;
import dev.dpsrig.simulator.dps.Revision;
import jakarta.json.JsonObject;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Individual enrollments and enrollment groups between the service API's records
 * ({@code protocol.service}) and the domain's: a request body is read into its record, whose
 * refusals become 400s, and then into the domain's draft, which refuses what this service does not
 * take (TPM, bad keys, certificates that do not parse, webhooks that are not http(s)).
 */
public final class EnrollmentJson {
    private static final String DEFAULT_WEBHOOK_API_VERSION = "2021-10-01";

    private EnrollmentJson() {
    }

    /**
     * Reads an individual enrollment's PUT body: a field of the wrong shape, or a registration id that
     * differs from the path's, is a 400 that names it. Symmetric keys left out stay out of the draft.
     */
    public static IndividualEnrollment.Draft enrollmentDraft(String registrationId, JsonObject body) {
        var wire = JsonFields.asBadRequest(() -> dev.dpsrig.protocol.service.IndividualEnrollment.fromJson(registrationId, body));
        return new IndividualEnrollment.Draft(wire.deviceId(), attestation(wire.attestation(), false), policy(wire.settings()));
    }

    /** Reads an enrollment group's PUT body, as {@link #enrollmentDraft} an enrollment's. */
    public static EnrollmentGroup.Draft groupDraft(String groupId, JsonObject body) {
        var wire = JsonFields.asBadRequest(() -> dev.dpsrig.protocol.service.EnrollmentGroup.fromJson(groupId, body));
        return new EnrollmentGroup.Draft(attestation(wire.attestation(), true), policy(wire.settings()));
    }

    /** @param withKeys whether symmetric keys are shown, as in the answer to a create; reads leave them out */
    public static JsonObject toJson(IndividualEnrollment enrollment, boolean withKeys) {
        return new dev.dpsrig.protocol.service.IndividualEnrollment(enrollment.registrationId(), enrollment.deviceId(),
                mechanism(enrollment.attestation(), false, withKeys), settings(enrollment.policy()), revision(enrollment.revision()))
                .toJson();
    }

    /** @param withKeys whether symmetric keys are shown, as in the answer to a create; reads leave them out */
    public static JsonObject toJson(EnrollmentGroup group, boolean withKeys) {
        return new dev.dpsrig.protocol.service.EnrollmentGroup(group.enrollmentGroupId(),
                mechanism(group.attestation(), true, withKeys), settings(group.policy()), revision(group.revision())).toJson();
    }

    /** The {@code attestationmechanism} answer: the attestation with its keys. */
    public static JsonObject attestationMechanism(Attestation attestation, boolean group) {
        return mechanism(attestation, group, true).toJson();
    }

    private static AttestationDraft attestation(AttestationMechanism mechanism, boolean group) {
        return switch (mechanism) {
            case SymmetricKeyAttestation keys ->
                    new AttestationDraft.SymmetricKey(key(keys.primaryKey(), "primaryKey"), key(keys.secondaryKey(), "secondaryKey"));
            case X509Attestation x509 -> x509(x509, group);
            case TpmAttestation tpm -> throw DpsException.badRequest("TPM attestation is not supported by this simulator");
        };
    }

    /** A key given, checked; an empty one counts as left out. */
    private static Optional<String> key(Optional<String> given, String name) {
        Optional<String> key = given.filter(k -> !k.isEmpty());
        key.flatMap(SymmetricKeys::problemWith).ifPresent(problem -> {
            throw DpsException.badRequest("attestation.symmetricKey." + name + ": " + problem);
        });
        return key;
    }

    private static Attestation x509(X509Attestation x509, boolean group) {
        if (x509.caReferences().isPresent()) {
            return new Attestation.X509CaReferences(x509.caReferences().get().primary(), x509.caReferences().get().secondary());
        }
        String field = group ? "signingCertificates" : "clientCertificates";
        X509Certificates pair = (group ? x509.signingCertificates() : x509.clientCertificates()).orElseThrow(() ->
                DpsException.badRequest("'attestation.x509." + field + "' (or caReferences) is required"));
        String path = "attestation.x509." + field;
        return new Attestation.X509Certificates(certificate(pair.primary(), path + ".primary"),
                pair.secondary().map(secondary -> certificate(secondary, path + ".secondary")));
    }

    private static X509Certificate certificate(X509CertificateWithInfo holder, String where) {
        String text = holder.certificate().orElseThrow(() -> DpsException.badRequest("'" + where + ".certificate' is required"));
        return ServiceJson.parseCertificate(text, where + ".certificate");
    }

    private static EnrollmentPolicy policy(EnrollmentSettings settings) {
        List<String> hubs = settings.iotHubs().isEmpty()
                ? settings.iotHubHostName().map(List::of).orElse(List.of()) : settings.iotHubs();
        Optional<AllocationPolicy> allocation;
        try {
            allocation = settings.allocationPolicy().map(AllocationPolicy::fromWire);
        } catch (IllegalArgumentException e) {
            throw DpsException.badRequest(e.getMessage());
        }
        Optional<CustomAllocation> custom = settings.customAllocationDefinition().map(definition -> new CustomAllocation(
                webhook(definition.webhookUrl()), definition.apiVersion().orElse(DEFAULT_WEBHOOK_API_VERSION)));
        if (allocation.filter(AllocationPolicy.CUSTOM::equals).isPresent() && custom.isEmpty()) {
            throw DpsException.badRequest("allocationPolicy custom needs customAllocationDefinition.webhookUrl");
        }
        ReprovisionPolicy reprovision = settings.reprovisionPolicy()
                .map(policy -> new ReprovisionPolicy(policy.updateHubAssignment(), policy.migrateDeviceData()))
                .orElse(ReprovisionPolicy.DEFAULT);
        return new EnrollmentPolicy(settings.provisioningStatus().orElse("enabled").equals("enabled"), allocation, hubs,
                settings.capabilities().map(DeviceCapabilities::iotEdge).orElse(false),
                settings.initialTwin().map(ServiceJson::raw), reprovision, custom);
    }

    private static URI webhook(String url) {
        try {
            URI uri = URI.create(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("not http(s)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw DpsException.badRequest("customAllocationDefinition.webhookUrl '" + url + "' is not an http(s) URL");
        }
    }

    private static AttestationMechanism mechanism(Attestation attestation, boolean group, boolean withKeys) {
        return switch (attestation) {
            case Attestation.SymmetricKey keys -> withKeys
                    ? SymmetricKeyAttestation.of(keys.primaryKey(), keys.secondaryKey()) : SymmetricKeyAttestation.withoutKeys();
            case Attestation.X509Certificates certificates -> {
                X509Certificates pair = new X509Certificates(certificate(certificates.primary()),
                        certificates.secondary().map(EnrollmentJson::certificate));
                yield group ? X509Attestation.signingCertificates(pair) : X509Attestation.clientCertificates(pair);
            }
            case Attestation.X509CaReferences references ->
                    X509Attestation.caReferences(new X509CaReferences(references.primary(), references.secondary()));
        };
    }

    private static X509CertificateWithInfo certificate(X509Certificate certificate) {
        return new X509CertificateWithInfo(Optional.of(Certificates.toPem(certificate)), Optional.of(X509CertificateInfo.of(certificate)));
    }

    private static EnrollmentSettings settings(EnrollmentPolicy policy) {
        return new EnrollmentSettings(
                Optional.of(new DeviceCapabilities(policy.iotEdge())),
                policy.iotHubs(),
                Optional.empty(),
                policy.allocationPolicy().map(AllocationPolicy::wireName),
                policy.customAllocation().map(custom ->
                        new CustomAllocationDefinition(custom.webhookUrl().toString(), Optional.of(custom.apiVersion()))),
                policy.initialTwin().map(twin -> ServiceJson.json(twin).asJsonObject()),
                Optional.of(new dev.dpsrig.protocol.service.ReprovisionPolicy(
                        policy.reprovisionPolicy().updateHubAssignment(), policy.reprovisionPolicy().migrateDeviceData())),
                Optional.of(policy.enabled() ? "enabled" : "disabled"));
    }

    private static ResourceRevision revision(Revision revision) {
        return new ResourceRevision(Optional.of(revision.etag()), Optional.of(revision.created()), Optional.of(revision.updated()));
    }
}
