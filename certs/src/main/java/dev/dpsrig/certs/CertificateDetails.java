package dev.dpsrig.certs;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What a user wants to see about a certificate: names, thumbprints as DPS shows them, validity,
 * key type and what the certificate may be used for.
 *
 * @param pathLength for a CA, the pathlen constraint; empty when unlimited or not a CA
 */
public record CertificateDetails(
        String subject,
        String issuer,
        Optional<String> commonName,
        String serialNumber,
        String sha1Thumbprint,
        String sha256Thumbprint,
        Instant notBefore,
        Instant notAfter,
        String keyType,
        boolean certificateAuthority,
        Optional<Integer> pathLength,
        boolean selfSigned,
        List<String> extendedKeyUsages,
        List<String> subjectAlternativeNames) {

    private static final String CLIENT_AUTH_OID = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH_OID = "1.3.6.1.5.5.7.3.1";

    public static CertificateDetails of(X509Certificate certificate) {
        int constraint = certificate.getBasicConstraints();
        return new CertificateDetails(
                certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(),
                Certificates.commonName(certificate),
                certificate.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT),
                Certificates.sha1Thumbprint(certificate),
                Certificates.sha256Thumbprint(certificate),
                certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(),
                KeyType.describe(certificate.getPublicKey()),
                constraint >= 0,
                constraint >= 0 && constraint != Integer.MAX_VALUE ? Optional.of(constraint) : Optional.empty(),
                Certificates.isSelfIssued(certificate) && Certificates.isSignedBy(certificate, certificate),
                extendedKeyUsages(certificate),
                subjectAlternativeNames(certificate));
    }

    /** Whether the certificate may authenticate a TLS client: no EKU at all, or one that lists clientAuth. */
    public boolean allowsClientAuth() {
        return extendedKeyUsages.isEmpty() || extendedKeyUsages.contains("clientAuth")
                || extendedKeyUsages.contains("anyExtendedKeyUsage");
    }

    public boolean isValidAt(Instant instant) {
        return !instant.isBefore(notBefore) && !instant.isAfter(notAfter);
    }

    private static List<String> extendedKeyUsages(X509Certificate certificate) {
        try {
            List<String> oids = certificate.getExtendedKeyUsage();
            if (oids == null) {
                return List.of();
            }
            return oids.stream().map(oid -> switch (oid) {
                case CLIENT_AUTH_OID -> "clientAuth";
                case SERVER_AUTH_OID -> "serverAuth";
                case "2.5.29.37.0" -> "anyExtendedKeyUsage";
                default -> oid;
            }).toList();
        } catch (CertificateParsingException e) {
            throw new IdentityException("unreadable extended key usage in " + Certificates.describe(certificate), e);
        }
    }

    private static List<String> subjectAlternativeNames(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (List<?> entry : names) {
                int type = (Integer) entry.get(0);
                String prefix = switch (type) {
                    case 2 -> "DNS:";
                    case 7 -> "IP:";
                    case 1 -> "email:";
                    case 6 -> "URI:";
                    default -> "other:";
                };
                out.add(prefix + entry.get(1));
            }
            return List.copyOf(out);
        } catch (CertificateParsingException e) {
            throw new IdentityException("unreadable subject alternative names in " + Certificates.describe(certificate), e);
        }
    }
}
