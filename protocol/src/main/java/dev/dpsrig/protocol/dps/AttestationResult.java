package dev.dpsrig.protocol.dps;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * How the device proved itself, as a registration result says it: one member named by the
 * mechanism ({@code x509}, {@code symmetricKey}, {@code tpm}) holding the enrollment group it came
 * through, if any, and for X.509 what DPS read from the device's certificate.
 *
 * @param type the member's name: {@code x509}, {@code symmetricKey} or {@code tpm}
 */
public record AttestationResult(String type, Optional<String> enrollmentGroupId, Optional<X509CertificateInfo> certificateInfo) {
    public static final List<String> TYPES = List.of("x509", "symmetricKey", "tpm");

    public JsonObject toJson() {
        var out = Jsonp.createObjectBuilder();
        enrollmentGroupId.ifPresent(group -> out.add("enrollmentGroupId", group));
        certificateInfo.ifPresent(info -> out.add("certificateInfo", info.toJson()));
        return out.build();
    }

    /** The attestation member of a registration result, if it has one. */
    static Optional<AttestationResult> fromResult(JsonObject result) {
        for (String type : TYPES) {
            Optional<JsonObject> member = WireFields.object(result, type);
            if (member.isPresent()) {
                return Optional.of(new AttestationResult(type, WireFields.string(member.get(), "enrollmentGroupId"),
                        WireFields.object(member.get(), "certificateInfo").map(X509CertificateInfo::fromJson)));
            }
        }
        return Optional.empty();
    }
}
