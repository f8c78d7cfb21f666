package dev.dpsrig.simulator.json;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.IdentityException;
import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.protocol.dps.AttestationResult;
import dev.dpsrig.protocol.dps.DeviceRegistrationResult;
import dev.dpsrig.protocol.dps.X509CertificateInfo;
import dev.dpsrig.simulator.dps.AllocationPolicy;
import dev.dpsrig.simulator.dps.AllocationWebhook;
import dev.dpsrig.simulator.dps.Attestation;
import dev.dpsrig.simulator.dps.AttestationDraft;
import dev.dpsrig.simulator.dps.CaCertificate;
import dev.dpsrig.simulator.dps.CustomAllocation;
import dev.dpsrig.simulator.dps.EnrollmentGroup;
import dev.dpsrig.simulator.dps.EnrollmentMatch;
import dev.dpsrig.simulator.dps.EnrollmentPolicy;
import dev.dpsrig.simulator.dps.HubDevice;
import dev.dpsrig.simulator.dps.IndividualEnrollment;
import dev.dpsrig.simulator.dps.RawJson;
import dev.dpsrig.simulator.dps.Registration;
import dev.dpsrig.simulator.dps.ReprovisionPolicy;
import dev.dpsrig.simulator.dps.Revision;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The JSON shapes of the DPS's APIs, both ways: enrollments, groups, registration states, CA
 * certificates, hub device identities and the custom allocation webhook's request and answer. Request
 * bodies are read into the domain's drafts and values; a field of the wrong shape is a 400 that names
 * it. The domain speaks none of this: the HTTP routes and {@code InProcessDps} read and write it, and the
 * store package builds its stored form on these shapes, so a stored file reads like an answer of the
 * service API.
 */
public final class ServiceJson {
    private ServiceJson() {
    }

    /** A JSON value the domain carries unread, as its compact text. */
    public static RawJson raw(JsonValue value) {
        StringWriter text = new StringWriter();
        try (JsonWriter writer = Jsonp.createWriter(text)) {
            writer.write(value);
        }
        return new RawJson(text.toString());
    }

    /** The JSON value a {@link RawJson} holds. */
    public static JsonValue json(RawJson raw) {
        try (JsonReader reader = Jsonp.createReader(new StringReader(raw.text()))) {
            return reader.readValue();
        }
    }

    // ---- enrollments -------------------------------------------------------------------------

    /**
     * Reads an individual enrollment's PUT body: a field of the wrong shape, or a registration id that
     * differs from the path's, is a 400 that names it. Symmetric keys left out stay out of the draft.
     */
    public static IndividualEnrollment.Draft enrollmentDraft(String registrationId, JsonObject body) {
        JsonFields.string(body, "registrationId").ifPresent(inBody -> {
            if (!inBody.equalsIgnoreCase(registrationId)) {
                throw DpsException.badRequest("registrationId '" + inBody + "' in the body differs from '" + registrationId + "' in the path");
            }
        });
        AttestationDraft attestation = attestation(body, false);
        Optional<String> deviceId = JsonFields.string(body, "deviceId");
        return new IndividualEnrollment.Draft(deviceId, attestation, policy(body));
    }

    /** Reads an enrollment group's PUT body, as {@link #enrollmentDraft} an enrollment's. */
    public static EnrollmentGroup.Draft groupDraft(String groupId, JsonObject body) {
        JsonFields.string(body, "enrollmentGroupId").ifPresent(inBody -> {
            if (!inBody.equalsIgnoreCase(groupId)) {
                throw DpsException.badRequest("enrollmentGroupId '" + inBody + "' in the body differs from '" + groupId + "' in the path");
            }
        });
        return new EnrollmentGroup.Draft(attestation(body, true), policy(body));
    }

    public static JsonObject toJson(IndividualEnrollment enrollment, boolean withKeys) {
        JsonObjectBuilder out = Jsonp.createObjectBuilder().add("registrationId", enrollment.registrationId());
        enrollment.deviceId().ifPresent(id -> out.add("deviceId", id));
        out.add("attestation", attestationJson(enrollment.attestation(), false, withKeys));
        policyJson(out, enrollment.policy());
        return revisionJson(out, enrollment.revision()).build();
    }

    public static JsonObject toJson(EnrollmentGroup group, boolean withKeys) {
        JsonObjectBuilder out = Jsonp.createObjectBuilder().add("enrollmentGroupId", group.enrollmentGroupId());
        out.add("attestation", attestationJson(group.attestation(), true, withKeys));
        policyJson(out, group.policy());
        return revisionJson(out, group.revision()).build();
    }

    /** The {@code attestationmechanism} answer: the attestation with its keys. */
    public static JsonObject attestationMechanism(Attestation attestation, boolean group) {
        return attestationJson(attestation, group, true);
    }

    private static AttestationDraft attestation(JsonObject body, boolean group) {
        JsonObject attestation = JsonFields.object(body, "attestation")
                .orElseThrow(() -> DpsException.badRequest("'attestation' is required"));
        String type = JsonFields.string(attestation, "type")
                .orElseThrow(() -> DpsException.badRequest("'attestation.type' is required"));
        return switch (type) {
            case "symmetricKey" -> {
                JsonObject keys = JsonFields.object(attestation, "symmetricKey").orElse(JsonObject.EMPTY_JSON_OBJECT);
                Optional<String> primary = key(keys, "primaryKey");
                yield new AttestationDraft.SymmetricKey(primary, key(keys, "secondaryKey"));
            }
            case "x509" -> x509(JsonFields.object(attestation, "x509")
                    .orElseThrow(() -> DpsException.badRequest("'attestation.x509' is required for type x509")), group);
            case "tpm" -> throw DpsException.badRequest("TPM attestation is not supported by this simulator");
            default -> throw DpsException.badRequest("attestation type '" + type + "' is not one of symmetricKey, x509");
        };
    }

    /** A key given, checked; an empty one counts as left out. */
    private static Optional<String> key(JsonObject keys, String name) {
        Optional<String> given = JsonFields.string(keys, name).filter(k -> !k.isEmpty());
        given.flatMap(SymmetricKeys::problemWith).ifPresent(problem -> {
            throw DpsException.badRequest("attestation.symmetricKey." + name + ": " + problem);
        });
        return given;
    }

    private static Attestation x509(JsonObject x509, boolean group) {
        Optional<JsonObject> references = JsonFields.object(x509, "caReferences");
        if (references.isPresent()) {
            if (!group) {
                throw DpsException.badRequest("caReferences are for enrollment groups; an individual enrollment holds clientCertificates");
            }
            return new Attestation.X509CaReferences(
                    JsonFields.string(references.get(), "primary")
                            .orElseThrow(() -> DpsException.badRequest("'caReferences.primary' is required")),
                    JsonFields.string(references.get(), "secondary"));
        }
        String field = group ? "signingCertificates" : "clientCertificates";
        JsonObject certificates = JsonFields.object(x509, field).orElseThrow(() -> DpsException.badRequest(
                "'attestation.x509." + field + "' is required" + (group ? " (or caReferences)" : "")));
        String path = "attestation.x509." + field;
        X509Certificate primary = JsonFields.object(certificates, "primary").map(c -> certificate(c, path + ".primary"))
                .orElseThrow(() -> DpsException.badRequest("'" + field + ".primary' is required"));
        Optional<X509Certificate> secondary = JsonFields.object(certificates, "secondary").map(c -> certificate(c, path + ".secondary"));
        return new Attestation.X509Certificates(primary, secondary);
    }

    /** Accepts the certificate as PEM, base64 of PEM (what the C service client sends) or base64 of DER. */
    private static X509Certificate certificate(JsonObject holder, String where) {
        String text = JsonFields.string(holder, "certificate")
                .orElseThrow(() -> DpsException.badRequest("'" + where + ".certificate' is required"));
        return parseCertificate(text, where + ".certificate");
    }

    /**
     * A certificate given as PEM, base64 of PEM or base64 of DER; a refusal names the field and says
     * what was wrong in those terms, never the parser's own words.
     *
     * @param where the JSON path of the field, e.g. {@code attestation.x509.clientCertificates.primary.certificate}
     */
    public static X509Certificate parseCertificate(String text, String where) {
        byte[] content;
        if (text.contains("-----BEGIN")) {
            content = text.getBytes(StandardCharsets.US_ASCII);
        } else {
            try {
                content = Base64.getMimeDecoder().decode(text.strip());
            } catch (IllegalArgumentException e) {
                throw notACertificate(where);
            }
        }
        try {
            List<X509Certificate> certificates = Certificates.decode(content);
            return certificates.getFirst();
        } catch (IdentityException e) {
            if (e.reason().startsWith("no certificate in file")) {
                throw DpsException.badRequest("the PEM text in " + where + " holds no certificate"
                        + e.reason().substring("no certificate in file".length()));
            }
            throw notACertificate(where);
        }
    }

    private static DpsException notACertificate(String where) {
        return DpsException.badRequest("the certificate in " + where + " is not a PEM or base64 DER certificate");
    }

    private static EnrollmentPolicy policy(JsonObject body) {
        List<String> hubs = JsonFields.strings(body, "iotHubs");
        if (hubs.isEmpty()) {
            hubs = JsonFields.string(body, "iotHubHostName").map(List::of).orElse(List.of());
        }
        Optional<AllocationPolicy> allocation;
        try {
            allocation = JsonFields.string(body, "allocationPolicy").map(AllocationPolicy::fromWire);
        } catch (IllegalArgumentException e) {
            throw DpsException.badRequest(e.getMessage());
        }
        Optional<CustomAllocation> custom = JsonFields.object(body, "customAllocationDefinition").map(definition ->
                new CustomAllocation(
                        webhook(JsonFields.string(definition, "webhookUrl")
                                .orElseThrow(() -> DpsException.badRequest("'customAllocationDefinition.webhookUrl' is required"))),
                        JsonFields.string(definition, "apiVersion").orElse("2021-10-01")));
        if (allocation.filter(AllocationPolicy.CUSTOM::equals).isPresent() && custom.isEmpty()) {
            throw DpsException.badRequest("allocationPolicy custom needs customAllocationDefinition.webhookUrl");
        }
        ReprovisionPolicy reprovision = JsonFields.object(body, "reprovisionPolicy").map(policy -> new ReprovisionPolicy(
                JsonFields.bool(policy, "updateHubAssignment").orElse(true),
                JsonFields.bool(policy, "migrateDeviceData").orElse(true))).orElse(ReprovisionPolicy.DEFAULT);
        String status = JsonFields.string(body, "provisioningStatus").orElse("enabled");
        if (!status.equals("enabled") && !status.equals("disabled")) {
            throw DpsException.badRequest("provisioningStatus '" + status + "' is not enabled or disabled");
        }
        boolean edge = JsonFields.object(body, "capabilities").flatMap(c -> JsonFields.bool(c, "iotEdge")).orElse(false);
        return new EnrollmentPolicy(status.equals("enabled"), allocation, hubs, edge,
                JsonFields.object(body, "initialTwin").map(ServiceJson::raw), reprovision, custom);
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

    private static JsonObject attestationJson(Attestation attestation, boolean group, boolean withKeys) {
        JsonObjectBuilder out = Jsonp.createObjectBuilder().add("type", attestation.type());
        switch (attestation) {
            case Attestation.SymmetricKey keys -> {
                JsonObjectBuilder symmetric = Jsonp.createObjectBuilder();
                if (withKeys) {
                    symmetric.add("primaryKey", keys.primaryKey()).add("secondaryKey", keys.secondaryKey());
                }
                out.add("symmetricKey", symmetric);
            }
            case Attestation.X509Certificates certificates -> {
                JsonObjectBuilder pair = Jsonp.createObjectBuilder().add("primary", certificateJson(certificates.primary()));
                certificates.secondary().ifPresent(secondary -> pair.add("secondary", certificateJson(secondary)));
                out.add("x509", Jsonp.createObjectBuilder().add(group ? "signingCertificates" : "clientCertificates", pair));
            }
            case Attestation.X509CaReferences references -> {
                JsonObjectBuilder pair = Jsonp.createObjectBuilder().add("primary", references.primary());
                references.secondary().ifPresent(secondary -> pair.add("secondary", secondary));
                out.add("x509", Jsonp.createObjectBuilder().add("caReferences", pair));
            }
        }
        return out.build();
    }

    private static JsonObjectBuilder certificateJson(X509Certificate certificate) {
        return Jsonp.createObjectBuilder()
                .add("certificate", Certificates.toPem(certificate))
                .add("info", certificateInfo(certificate));
    }

    /** {@code X509CertificateInfo}: all eight fields, as the Java SDK requires. */
    public static JsonObject certificateInfo(X509Certificate certificate) {
        return X509CertificateInfo.of(certificate).toJson();
    }

    private static void policyJson(JsonObjectBuilder out, EnrollmentPolicy policy) {
        out.add("capabilities", Jsonp.createObjectBuilder().add("iotEdge", policy.iotEdge()));
        if (!policy.iotHubs().isEmpty()) {
            out.add("iotHubs", Jsonp.createArrayBuilder(policy.iotHubs()));
        }
        policy.allocationPolicy().ifPresent(p -> out.add("allocationPolicy", p.wireName()));
        policy.customAllocation().ifPresent(c -> out.add("customAllocationDefinition", Jsonp.createObjectBuilder()
                .add("webhookUrl", c.webhookUrl().toString()).add("apiVersion", c.apiVersion())));
        policy.initialTwin().ifPresent(twin -> out.add("initialTwin", json(twin)));
        out.add("reprovisionPolicy", Jsonp.createObjectBuilder()
                .add("updateHubAssignment", policy.reprovisionPolicy().updateHubAssignment())
                .add("migrateDeviceData", policy.reprovisionPolicy().migrateDeviceData()));
        out.add("provisioningStatus", policy.enabled() ? "enabled" : "disabled");
    }

    private static JsonObjectBuilder revisionJson(JsonObjectBuilder out, Revision revision) {
        return out.add("etag", revision.etag())
                .add("createdDateTimeUtc", DpsTimestamps.format(revision.created()))
                .add("lastUpdatedDateTimeUtc", DpsTimestamps.format(revision.updated()));
    }

    // ---- custom allocation -----------------------------------------------------------------

    /** The {@code AllocationRequest} posted to a custom allocation webhook. */
    public static JsonObject toJson(AllocationWebhook.Request request) {
        JsonObjectBuilder context = Jsonp.createObjectBuilder().add("registrationId", request.registrationId());
        request.currentHub().ifPresent(hub -> context.add("currentIotHubHostName", hub));
        request.currentDeviceId().ifPresent(id -> context.add("currentDeviceId", id));
        if (request.certificate().isPresent()) {
            context.add("x509", Jsonp.createObjectBuilder()
                    .add("subjectName", request.certificate().get().getSubjectX500Principal().getName())
                    .add("sha1Thumbprint", Certificates.sha1Thumbprint(request.certificate().get())));
        } else {
            context.add("symmetricKey", JsonValue.EMPTY_JSON_OBJECT);
        }
        request.payload().ifPresent(payload -> context.add("payload", json(payload)));
        JsonObjectBuilder out = Jsonp.createObjectBuilder();
        switch (request.enrollment()) {
            case EnrollmentMatch.Enrollment.Individual individual ->
                    out.add("individualEnrollment", toJson(individual.enrollment(), false));
            case EnrollmentMatch.Enrollment.Group group ->
                    out.add("enrollmentGroup", toJson(group.group(), false));
        }
        return out.add("deviceRuntimeContext", context)
                .add("linkedHubs", Jsonp.createArrayBuilder(request.linkedHubs()))
                .build();
    }

    /**
     * A webhook's answer body as the choice it makes: {@code iotHubHostName} (or {@code iotHubHostname}),
     * {@code payload} and {@code initialTwin}, each read when asked for.
     */
    public static AllocationWebhook.Choice allocationChoice(JsonObject body) {
        return new AllocationWebhook.Choice() {
            @Override
            public Optional<String> iotHubHostName() {
                return JsonFields.string(body, "iotHubHostName").or(() -> JsonFields.string(body, "iotHubHostname"));
            }

            @Override
            public Optional<RawJson> payload() {
                return Optional.ofNullable(body.get("payload")).map(ServiceJson::raw);
            }

            @Override
            public Optional<RawJson> initialTwin() {
                return JsonFields.object(body, "initialTwin").map(ServiceJson::raw);
            }
        };
    }

    // ---- registration states ---------------------------------------------------------------

    /** {@code DeviceRegistrationResult}, as in an operation lookup's {@code registrationState}. */
    public static JsonObject toJson(Registration registration) {
        return result(registration).toJson();
    }

    /** A registration as the device API shows it: protocol's record, which owns the wire form. */
    public static DeviceRegistrationResult result(Registration registration) {
        Optional<X509CertificateInfo> certificate = registration.attestationType().equals("x509")
                ? registration.certificate().map(X509CertificateInfo::of) : Optional.empty();
        return new DeviceRegistrationResult(
                registration.registrationId(),
                Optional.of(new AttestationResult(registration.attestationType(), registration.enrollmentGroupId(), certificate)),
                Optional.of(registration.revision().created()),
                registration.assignedHub(),
                Optional.of(registration.deviceId()),
                registration.status(),
                registration.substatus(),
                registration.errorCode(),
                registration.errorMessage(),
                Optional.of(registration.revision().updated()),
                Optional.of(registration.shownEtag()),
                registration.payload().map(ServiceJson::json));
    }

    // ---- CA certificates -------------------------------------------------------------------

    /** Shaped like the management plane's {@code CertificateResponse}. */
    public static JsonObject toJson(CaCertificate ca) {
        X509Certificate certificate = ca.certificate();
        JsonObjectBuilder properties = Jsonp.createObjectBuilder()
                .add("subject", Certificates.commonName(certificate).orElse(certificate.getSubjectX500Principal().getName()))
                .add("expiry", DpsTimestamps.format(certificate.getNotAfter().toInstant()))
                .add("thumbprint", Certificates.sha1Thumbprint(certificate))
                .add("isVerified", ca.verified())
                .add("created", DpsTimestamps.format(ca.revision().created()))
                .add("updated", DpsTimestamps.format(ca.revision().updated()))
                .add("certificate", Certificates.toPem(certificate));
        ca.verificationCode().ifPresent(code -> properties.add("verificationCode", code));
        return Jsonp.createObjectBuilder()
                .add("name", ca.name())
                .add("etag", ca.revision().etag())
                .add("type", "Microsoft.Devices/provisioningServices/Certificates")
                .add("properties", properties)
                .build();
    }

    // ---- hub devices -------------------------------------------------------------------------

    /** Shaped like the IoT Hub registry's device identity. */
    public static JsonObject toJson(HubDevice device) {
        JsonObjectBuilder out = Jsonp.createObjectBuilder()
                .add("deviceId", device.deviceId())
                .add("registrationId", device.registrationId())
                .add("authentication", toJson(device.authentication()))
                .add("status", device.enabled() ? "enabled" : "disabled")
                .add("capabilities", Jsonp.createObjectBuilder().add("iotEdge", device.iotEdge()))
                .add("etag", device.revision().etag())
                .add("createdDateTimeUtc", DpsTimestamps.format(device.revision().created()))
                .add("lastUpdatedDateTimeUtc", DpsTimestamps.format(device.revision().updated()));
        device.initialTwin().ifPresent(twin -> out.add("initialTwin", json(twin)));
        return out.build();
    }

    public static JsonObject toJson(HubDevice.HubAuthentication hubAuthentication) {
        JsonObjectBuilder authentication = Jsonp.createObjectBuilder().add("type", hubAuthentication.type());
        switch (hubAuthentication) {
            case HubDevice.HubAuthentication.Sas sas -> authentication.add("symmetricKey", Jsonp.createObjectBuilder()
                    .add("primaryKey", sas.primaryKey()).add("secondaryKey", sas.secondaryKey()));
            case HubDevice.HubAuthentication.SelfSigned selfSigned -> {
                JsonObjectBuilder thumbprint = Jsonp.createObjectBuilder().add("primaryThumbprint", selfSigned.primaryThumbprint());
                selfSigned.secondaryThumbprint().ifPresent(t -> thumbprint.add("secondaryThumbprint", t));
                authentication.add("x509Thumbprint", thumbprint);
            }
            case HubDevice.HubAuthentication.CertificateAuthority ca -> authentication
                    .add("caThumbprint", ca.caThumbprint())
                    .add("caCertificate", Certificates.toPem(ca.caCertificate()));
        }
        return authentication.build();
    }
}
