package dev.dpsrig.simulator.json;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.IdentityException;
import dev.dpsrig.protocol.DpsException;
import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.dps.AttestationResult;
import dev.dpsrig.protocol.dps.DeviceRegistrationResult;
import dev.dpsrig.protocol.dps.X509CertificateInfo;
import dev.dpsrig.protocol.service.CertificateResponse;
import dev.dpsrig.simulator.dps.AllocationWebhook;
import dev.dpsrig.simulator.dps.CaCertificate;
import dev.dpsrig.simulator.dps.EnrollmentMatch;
import dev.dpsrig.simulator.dps.HubDevice;
import dev.dpsrig.simulator.dps.RawJson;
import dev.dpsrig.simulator.dps.Registration;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The JSON shapes of the DPS's APIs, both ways, where they are not enrollments ({@link EnrollmentJson}):
 * registration states, CA certificates, hub device identities, the custom allocation webhook's request
 * and answer, and the certificates and opaque JSON requests carry. Where {@code protocol} has a record
 * for a shape, this maps it to and from the domain. The domain speaks none of this: the HTTP routes and
 * {@code InProcessDps} read and write it, and the store package builds its stored form on these shapes,
 * so a stored file reads like an answer of the service API.
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

    // ---- certificates --------------------------------------------------------------------

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
                    out.add("individualEnrollment", EnrollmentJson.toJson(individual.enrollment(), false));
            case EnrollmentMatch.Enrollment.Group group ->
                    out.add("enrollmentGroup", EnrollmentJson.toJson(group.group(), false));
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

    /** A CA certificate as the management plane's {@code CertificateResponse} shows it. */
    public static CertificateResponse certificate(CaCertificate ca) {
        X509Certificate certificate = ca.certificate();
        return new CertificateResponse(ca.name(), ca.revision().etag(), CertificateResponse.TYPE, new CertificateResponse.Properties(
                Certificates.commonName(certificate).orElse(certificate.getSubjectX500Principal().getName()),
                Optional.of(certificate.getNotAfter().toInstant()),
                Certificates.sha1Thumbprint(certificate),
                ca.verified(),
                Optional.of(ca.revision().created()),
                Optional.of(ca.revision().updated()),
                Certificates.toPem(certificate),
                ca.verificationCode()));
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
