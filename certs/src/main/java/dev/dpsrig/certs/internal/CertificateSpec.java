package dev.dpsrig.certs.internal;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * Everything that goes into one certificate, decided by the public builder.
 *
 * @param pathLength for a CA, the most intermediates allowed below it; negative means unlimited
 */
public record CertificateSpec(
        X500Principal subject,
        PublicKey subjectKey,
        X500Principal issuer,
        PublicKey issuerKey,
        PrivateKey signingKey,
        BigInteger serialNumber,
        Instant notBefore,
        Instant notAfter,
        boolean certificateAuthority,
        int pathLength,
        Set<Usage> extendedKeyUsages,
        List<String> subjectAlternativeNames) {

    public enum Usage { CLIENT_AUTH, SERVER_AUTH }
}
