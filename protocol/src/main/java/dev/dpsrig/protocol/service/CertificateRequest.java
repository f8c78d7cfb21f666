package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * The body that uploads a CA certificate ({@code {"certificate": PEM, "isVerified": bool}}) or proves
 * possession of its key ({@code {"certificate": PEM}}), flat or in the management plane's
 * {@code {"properties": {...}}} form.
 *
 * @param certificate PEM, or base64 of PEM or DER
 * @param isVerified  whether an upload is verified at once; left out of a proof
 */
public record CertificateRequest(String certificate, Optional<Boolean> isVerified) {
    public static CertificateRequest upload(String certificate, boolean verified) {
        return new CertificateRequest(certificate, Optional.of(verified));
    }

    public static CertificateRequest proof(String certificate) {
        return new CertificateRequest(certificate, Optional.empty());
    }

    public boolean verified() {
        return isVerified.orElse(false);
    }

    public JsonObject toJson() {
        var out = Jsonp.createObjectBuilder().add("certificate", certificate);
        isVerified.ifPresent(verified -> out.add("isVerified", verified));
        return out.build();
    }

    /** @throws WireFormatException without a certificate */
    public static CertificateRequest fromJson(JsonObject json) {
        JsonObject body = WireFields.object(json, "properties").orElse(json);
        return new CertificateRequest(WireFields.string(body, "certificate")
                .orElseThrow(() -> new WireFormatException("'certificate' (PEM or base64) is required")),
                WireFields.bool(body, "isVerified"));
    }
}
