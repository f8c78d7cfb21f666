package dev.dpsrig.protocol.dps;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.protocol.DpsTimestamps;
import dev.dpsrig.protocol.Jsonp;
import dev.dpsrig.protocol.WireFields;
import jakarta.json.JsonObject;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code X509CertificateInfo}: what DPS tells about a certificate in a registration result, an
 * enrollment's attestation and a CA certificate. The service writes all eight fields (the Java
 * provisioning SDKs require every one); a reader takes what is there.
 */
public record X509CertificateInfo(
        String subjectName,
        String sha1Thumbprint,
        String sha256Thumbprint,
        String issuerName,
        Optional<Instant> notBeforeUtc,
        Optional<Instant> notAfterUtc,
        String serialNumber,
        int version) {

    public static X509CertificateInfo of(X509Certificate certificate) {
        return new X509CertificateInfo(
                certificate.getSubjectX500Principal().getName(),
                Certificates.sha1Thumbprint(certificate),
                Certificates.sha256Thumbprint(certificate),
                certificate.getIssuerX500Principal().getName(),
                Optional.of(certificate.getNotBefore().toInstant()),
                Optional.of(certificate.getNotAfter().toInstant()),
                certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
                certificate.getVersion());
    }

    public JsonObject toJson() {
        var out = Jsonp.createObjectBuilder()
                .add("subjectName", subjectName)
                .add("sha1Thumbprint", sha1Thumbprint)
                .add("sha256Thumbprint", sha256Thumbprint)
                .add("issuerName", issuerName);
        notBeforeUtc.ifPresent(at -> out.add("notBeforeUtc", DpsTimestamps.format(at)));
        notAfterUtc.ifPresent(at -> out.add("notAfterUtc", DpsTimestamps.format(at)));
        return out.add("serialNumber", serialNumber).add("version", version).build();
    }

    public static X509CertificateInfo fromJson(JsonObject json) {
        return new X509CertificateInfo(
                WireFields.string(json, "subjectName").orElse(""),
                WireFields.string(json, "sha1Thumbprint").orElse(""),
                WireFields.string(json, "sha256Thumbprint").orElse(""),
                WireFields.string(json, "issuerName").orElse(""),
                WireFields.instant(json, "notBeforeUtc"),
                WireFields.instant(json, "notAfterUtc"),
                WireFields.string(json, "serialNumber").orElse(""),
                WireFields.integer(json, "version").orElse(0));
    }
}
