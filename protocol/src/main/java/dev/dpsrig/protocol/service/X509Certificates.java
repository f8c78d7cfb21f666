package dev.dpsrig.protocol.service;

import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFormatException;
import jakarta.json.JsonObject;
import java.util.Optional;

/** {@code X509Certificates}: a primary certificate and, during a rollover, a secondary one. */
public record X509Certificates(X509CertificateWithInfo primary, Optional<X509CertificateWithInfo> secondary) {
    public JsonObject toJson() {
        var out = Jsonp.createObjectBuilder().add("primary", primary.toJson());
        secondary.ifPresent(certificate -> out.add("secondary", certificate.toJson()));
        return out.build();
    }

    /**
     * @param field the member holding the pair, {@code clientCertificates} or {@code signingCertificates}
     * @throws WireFormatException without a primary certificate
     */
    static X509Certificates fromJson(JsonObject json, String field) {
        return new X509Certificates(
                RequestFields.object(json, "primary").map(X509CertificateWithInfo::fromJson)
                        .orElseThrow(() -> new WireFormatException("'" + field + ".primary' is required")),
                RequestFields.object(json, "secondary").map(X509CertificateWithInfo::fromJson));
    }
}
