package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * {@code IndividualEnrollment}: one device's enrollment, the body of its {@code PUT} and of the
 * answers about it.
 *
 * @param deviceId the device's id on its hub; the registration id when left out
 */
public record IndividualEnrollment(
        String registrationId,
        Optional<String> deviceId,
        AttestationMechanism attestation,
        EnrollmentSettings settings,
        ResourceRevision revision) {

    /** An enrollment as a request gives it: no etag or timestamps, which the service sets. */
    public static IndividualEnrollment of(String registrationId, AttestationMechanism attestation, EnrollmentSettings settings) {
        return new IndividualEnrollment(registrationId, Optional.empty(), attestation, settings, ResourceRevision.NONE);
    }

    /** The same enrollment with another attestation, e.g. the {@code attestationmechanism} answer that shows the keys. */
    public IndividualEnrollment withAttestation(AttestationMechanism replacement) {
        return new IndividualEnrollment(registrationId, deviceId, replacement, settings, revision);
    }

    public JsonObject toJson() {
        var out = Jsonp.createObjectBuilder().add("registrationId", registrationId);
        deviceId.ifPresent(id -> out.add("deviceId", id));
        out.add("attestation", attestation.toJson());
        settings.writeTo(out);
        revision.writeTo(out);
        return out.build();
    }

    /** An enrollment as an answer holds it. @throws WireFormatException without a registration id or as {@link #fromJson(String, JsonObject)} */
    public static IndividualEnrollment fromJson(JsonObject json) {
        return fromJson(WireFields.requiredString(json, "registrationId", "an individual enrollment"), json);
    }

    /**
     * A {@code PUT} body for the enrollment the path names; the body may leave the registration id out.
     *
     * @throws WireFormatException when the body names another registration id, has no attestation, or
     *                             has a member of the wrong shape
     */
    public static IndividualEnrollment fromJson(String registrationId, JsonObject json) {
        RequestFields.string(json, "registrationId").filter(inBody -> !inBody.equalsIgnoreCase(registrationId)).ifPresent(inBody -> {
            throw new WireFormatException("registrationId '" + inBody + "' in the body differs from '" + registrationId + "' in the path");
        });
        AttestationMechanism attestation = AttestationMechanism.fromJson(RequestFields.object(json, "attestation")
                .orElseThrow(() -> new WireFormatException("'attestation' is required")));
        return new IndividualEnrollment(registrationId, RequestFields.string(json, "deviceId"), attestation,
                EnrollmentSettings.fromJson(json), ResourceRevision.fromJson(json));
    }
}
