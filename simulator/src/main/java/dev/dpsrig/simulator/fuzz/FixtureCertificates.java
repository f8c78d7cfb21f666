package dev.dpsrig.simulator.fuzz;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * The certificates of a fuzz run's world: a root the simulator verified and one it did not, the two
 * X.509 devices (self-signed, and from the verified root), an enrolled device certificate that has
 * expired, a CA certificate and a device certificate the cases may upload, and the identities that
 * must not get in, by name (expired, not yet valid, impostors, from a rogue or an unverified CA,
 * without a CN, for servers only, a CA posing as a device).
 */
record FixtureCertificates(HeldCertificate root, HeldCertificate unverifiedRoot, HeldCertificate selfSigned,
        HeldCertificate chained, HeldCertificate expiredEnrolled, String uploadCaPem, String enrollCertificatePem,
        Map<String, HeldCertificate> bad) {

    /** Issues them all, valid from a day before {@code start} for a year unless meant otherwise. */
    static FixtureCertificates issue(Instant start) {
        Instant notBefore = start.minus(Duration.ofDays(1));
        Instant notAfter = start.plus(Duration.ofDays(365));
        HeldCertificate root = HeldCertificate.builder().commonName("dpsrig fuzz root").certificateAuthority()
                .validity(notBefore, notAfter).build();
        HeldCertificate unverifiedRoot = HeldCertificate.builder().commonName("dpsrig fuzz unverified root").certificateAuthority()
                .validity(notBefore, notAfter).build();
        HeldCertificate rogueRoot = HeldCertificate.builder().commonName("dpsrig fuzz rogue root").certificateAuthority()
                .validity(notBefore, notAfter).build();
        String uploadCaPem = Certificates.toPem(HeldCertificate.builder().commonName("dpsrig fuzz upload CA").certificateAuthority()
                .validity(notBefore, notAfter).build().certificate());
        String enrollCertificatePem = Certificates.toPem(HeldCertificate.builder().commonName("fz-scratch-0").clientAuth()
                .validity(notBefore, notAfter).build().certificate());
        HeldCertificate selfSigned = device("fz-x509-self", null, notBefore, notAfter);
        HeldCertificate chained = device("fz-x509-ca", root, notBefore, notAfter);
        HeldCertificate expiredEnrolled = device("fz-x509-expired", null, start.minus(Duration.ofDays(400)), start.minus(Duration.ofDays(35)));
        Instant past = start.minus(Duration.ofDays(400));
        Instant expired = start.minus(Duration.ofDays(35));
        Map<String, HeldCertificate> bad = new LinkedHashMap<>();
        bad.put("expired-enrolled", expiredEnrolled);
        bad.put("expired-self-signed", device("fz-x509-self", null, past, expired));
        bad.put("expired-from-ca", device("fz-x509-ca", root, past, expired));
        bad.put("not-yet-valid-from-ca", device("fz-x509-ca", root, start.plus(Duration.ofDays(30)), start.plus(Duration.ofDays(60))));
        bad.put("impostor-self-signed", device("fz-x509-self", null, notBefore, notAfter));
        bad.put("impostor-from-rogue-ca", device("fz-x509-ca", rogueRoot, notBefore, notAfter));
        bad.put("from-unverified-ca", device("fz-unverified-device", unverifiedRoot, notBefore, notAfter));
        bad.put("no-common-name", HeldCertificate.builder().subject(new X500Principal("O=dpsrig fuzz,OU=no CN")).clientAuth()
                .validity(notBefore, notAfter).build());
        bad.put("server-auth-only-from-ca", HeldCertificate.builder().commonName("fz-x509-ca").serverAuth().signedBy(root)
                .validity(notBefore, notAfter).build());
        bad.put("ca-as-device", HeldCertificate.builder().commonName("fz-x509-ca").certificateAuthority().signedBy(root)
                .validity(notBefore, notAfter).build());
        return new FixtureCertificates(root, unverifiedRoot, selfSigned, chained, expiredEnrolled, uploadCaPem, enrollCertificatePem,
                Collections.unmodifiableMap(bad));
    }

    private static HeldCertificate device(String id, HeldCertificate issuer, Instant notBefore, Instant notAfter) {
        HeldCertificate.Builder builder = HeldCertificate.builder().commonName(id).clientAuth().validity(notBefore, notAfter);
        return (issuer == null ? builder : builder.signedBy(issuer)).build();
    }
}
