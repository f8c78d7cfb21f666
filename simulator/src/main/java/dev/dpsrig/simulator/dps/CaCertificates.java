package dev.dpsrig.simulator.dps;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.protocol.DpsException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The CA certificates uploaded to the service, and the proof of possession that verifies one: a
 * verification code is generated, and a certificate with that code as its CN, signed by the CA's key,
 * proves it. Only verified CAs can end a device's chain (see {@link Attestor}).
 */
final class CaCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DpsState state;
    private final Clock clock;

    CaCertificates(DpsState state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    CaCertificate caCertificate(String name) {
        return state.caCertificate(name).orElseThrow(() -> DpsException.notFound("no CA certificate named '" + name + "'"));
    }

    List<CaCertificate> caCertificates() {
        return state.caCertificates();
    }

    /** Upload (or replace) a CA certificate, verified at once when {@code verified} says so. */
    synchronized CaCertificate put(String name, X509Certificate certificate, boolean verified, Optional<String> ifMatch) {
        if (!name.matches("[A-Za-z0-9._-]{1,256}")) {
            throw DpsException.badRequest("certificate name '" + name + "' may hold only letters, digits and - . _");
        }
        if (!Certificates.isCertificateAuthority(certificate) && !Certificates.isSelfIssued(certificate)) {
            throw DpsException.badRequest("certificate '" + name + "' (" + Certificates.describe(certificate)
                    + ") is not a CA certificate");
        }
        Optional<CaCertificate> existing = state.caCertificate(name);
        IfMatch.check(existing.map(c -> c.revision().etag()), ifMatch, "CA certificate '" + name + "'");
        Instant now = clock.instant();
        CaCertificate ca = new CaCertificate(name, certificate, verified, Optional.empty(),
                existing.map(c -> c.revision().next(now)).orElseGet(() -> Revision.first(now)));
        state.put(ca);
        return ca;
    }

    synchronized CaCertificate generateVerificationCode(String name, Optional<String> ifMatch) {
        CaCertificate ca = existing(name, ifMatch);
        byte[] code = new byte[24];
        RANDOM.nextBytes(code);
        CaCertificate updated = new CaCertificate(ca.name(), ca.certificate(), ca.verified(),
                Optional.of(HexFormat.of().withUpperCase().formatHex(code)), ca.revision().next(clock.instant()));
        state.put(updated);
        return updated;
    }

    /** Proof of possession: a certificate with CN = the verification code, signed by the CA's key. */
    synchronized CaCertificate verify(String name, X509Certificate proof, Optional<String> ifMatch) {
        CaCertificate ca = existing(name, ifMatch);
        String code = ca.verificationCode().orElseThrow(() -> DpsException.badRequest(
                "no verification code has been generated for '" + name + "'; generate one first"));
        String commonName = Certificates.commonName(proof).orElse("");
        if (!commonName.equals(code)) {
            throw DpsException.badRequest("the verification certificate's CN '" + commonName
                    + "' is not the verification code '" + code + "'");
        }
        if (!Certificates.isSignedBy(proof, ca.certificate())) {
            throw DpsException.badRequest("the verification certificate was not signed by the key of '" + name + "'");
        }
        Instant now = clock.instant();
        if (now.isBefore(proof.getNotBefore().toInstant()) || now.isAfter(proof.getNotAfter().toInstant())) {
            throw DpsException.badRequest("the verification certificate is not valid now");
        }
        CaCertificate verified = new CaCertificate(ca.name(), ca.certificate(), true, Optional.empty(), ca.revision().next(now));
        state.put(verified);
        return verified;
    }

    synchronized void delete(String name, Optional<String> ifMatch) {
        existing(name, ifMatch);
        state.deleteCaCertificate(name);
    }

    private CaCertificate existing(String name, Optional<String> ifMatch) {
        CaCertificate ca = caCertificate(name);
        IfMatch.check(Optional.of(ca.revision().etag()), ifMatch, "CA certificate '" + name + "'");
        return ca;
    }
}
