package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;

/** {@code EnrollmentGroup}: the enrollment a group of devices shares, the body of its {@code PUT} and of the answers about it. */
public record EnrollmentGroup(
        String enrollmentGroupId,
        AttestationMechanism attestation,
        EnrollmentSettings settings,
        ResourceRevision revision) {

    /** A group as a request gives it: no etag or timestamps, which the service sets. */
    public static EnrollmentGroup of(String enrollmentGroupId, AttestationMechanism attestation, EnrollmentSettings settings) {
        return new EnrollmentGroup(enrollmentGroupId, attestation, settings, ResourceRevision.NONE);
    }

    /** The same group with another attestation, e.g. the {@code attestationmechanism} answer that shows the keys. */
    public EnrollmentGroup withAttestation(AttestationMechanism replacement) {
        return new EnrollmentGroup(enrollmentGroupId, replacement, settings, revision);
    }

    public JsonObject toJson() {
        var out = Jsonp.createObjectBuilder().add("enrollmentGroupId", enrollmentGroupId);
        out.add("attestation", attestation.toJson());
        settings.writeTo(out);
        revision.writeTo(out);
        return out.build();
    }

    /** A group as an answer holds it. @throws WireFormatException without a group id or as {@link #fromJson(String, JsonObject)} */
    public static EnrollmentGroup fromJson(JsonObject json) {
        return fromJson(WireFields.requiredString(json, "enrollmentGroupId", "an enrollment group"), json);
    }

    /**
     * A {@code PUT} body for the group the path names; the body may leave the group id out.
     *
     * @throws WireFormatException when the body names another group id, has no attestation, or has a
     *                             member of the wrong shape
     */
    public static EnrollmentGroup fromJson(String enrollmentGroupId, JsonObject json) {
        RequestFields.string(json, "enrollmentGroupId").filter(inBody -> !inBody.equalsIgnoreCase(enrollmentGroupId)).ifPresent(inBody -> {
            throw new WireFormatException("enrollmentGroupId '" + inBody + "' in the body differs from '" + enrollmentGroupId + "' in the path");
        });
        AttestationMechanism attestation = AttestationMechanism.fromJson(RequestFields.object(json, "attestation")
                .orElseThrow(() -> new WireFormatException("'attestation' is required")));
        return new EnrollmentGroup(enrollmentGroupId, attestation, EnrollmentSettings.fromJson(json), ResourceRevision.fromJson(json));
    }
}
