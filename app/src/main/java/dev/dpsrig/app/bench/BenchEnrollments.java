package dev.dpsrig.app.bench;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.protocol.SymmetricKeys;
import dev.dpsrig.protocol.service.EnrollmentGroup;
import dev.dpsrig.protocol.service.EnrollmentSettings;
import dev.dpsrig.protocol.service.SymmetricKeyAttestation;
import dev.dpsrig.protocol.service.X509Attestation;
import dev.dpsrig.protocol.service.X509CertificateWithInfo;
import dev.dpsrig.protocol.service.X509Certificates;
import dev.dpsrig.simulator.http.InProcessDps;
import java.util.Optional;

/**
 * The enrollment groups the benchmarks' devices register through, written straight into the in-process simulator:
 * enrolling is not what is measured, and goes through no HTTP.
 */
public final class BenchEnrollments {
    /** The symmetric-key group's id. */
    public static final String SYMMETRIC_KEY_GROUP = "bench-symmetric-key";
    /** The X.509 group's id. */
    public static final String X509_GROUP = "bench-x509";

    private BenchEnrollments() {
    }

    /** A symmetric-key group whose primary key is {@code groupKey}: each device's key is derived from it. */
    public static void symmetricKeyGroup(InProcessDps dps, String groupKey) {
        put(dps, EnrollmentGroup.of(SYMMETRIC_KEY_GROUP, SymmetricKeyAttestation.of(groupKey, SymmetricKeys.generate()),
                EnrollmentSettings.NONE));
    }

    /**
     * A new root CA, verified in DPS as {@code caName}, and an intermediate it signs, which an X.509 group holds as
     * its signing certificate.
     *
     * @param commonName the CAs' common names start with it: {@code <commonName> root}, {@code <commonName> intermediate}
     * @return the intermediate, to issue the devices' certificates with
     */
    public static HeldCertificate x509Group(InProcessDps dps, String caName, String commonName) {
        HeldCertificate root = HeldCertificate.builder().commonName(commonName + " root").certificateAuthority().build();
        HeldCertificate intermediate = HeldCertificate.builder().commonName(commonName + " intermediate")
                .certificateAuthority(0).signedBy(root).build();
        dps.putCaCertificate(caName, root.certificate(), true, Optional.empty());
        put(dps, EnrollmentGroup.of(X509_GROUP, X509Attestation.signingCertificates(new X509Certificates(
                X509CertificateWithInfo.of(Certificates.toPem(intermediate.certificate())), Optional.empty())), EnrollmentSettings.NONE));
        return intermediate;
    }

    /** Puts the group as the service API's PUT body, read by the same code as one sent over HTTPS. */
    private static void put(InProcessDps dps, EnrollmentGroup group) {
        dps.putGroup(group.enrollmentGroupId(), group.toJson(), Optional.empty());
    }
}
