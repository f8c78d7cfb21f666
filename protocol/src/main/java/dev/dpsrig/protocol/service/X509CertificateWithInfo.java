package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import dev.dpsrig.protocol.dps.X509CertificateInfo;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * {@code X509CertificateWithInfo}: a certificate as a request gives it (PEM, or base64 of PEM or DER)
 * and, in answers, what the service read from it.
 */
public record X509CertificateWithInfo(Optional<String> certificate, Optional<X509CertificateInfo> info) {
    /** A certificate as a request gives it, PEM text. */
    public static X509CertificateWithInfo of(String certificate) {
        return new X509CertificateWithInfo(Optional.of(certificate), Optional.empty());
    }

    public JsonObject toJson() {
        var out = Jsonp.createObjectBuilder();
        certificate.ifPresent(text -> out.add("certificate", text));
        info.ifPresent(read -> out.add("info", read.toJson()));
        return out.build();
    }

    static X509CertificateWithInfo fromJson(JsonObject json) {
        return new X509CertificateWithInfo(RequestFields.string(json, "certificate"),
                WireFields.object(json, "info").map(X509CertificateInfo::fromJson));
    }
}
