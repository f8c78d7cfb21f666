package dev.dpsrig.app.cli.dps.enrollment;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.IdentityFiles;
import dev.dpsrig.emulator.client.ServiceApiClient;
import dev.dpsrig.protocol.service.AttestationMechanism;
import dev.dpsrig.protocol.service.EnrollmentGroup;
import dev.dpsrig.protocol.service.IndividualEnrollment;
import dev.dpsrig.protocol.service.SymmetricKeyAttestation;
import dev.dpsrig.protocol.service.X509CertificateWithInfo;
import dev.dpsrig.protocol.service.X509Certificates;
import java.nio.file.Path;
import java.util.Optional;

/** The certificates an enrollment's attestation holds, and the keys that plain answers leave out. */
public final class Attestations {
    private Attestations() {
    }

    /**
     * Certificates held in the enrollment: {@code clientCertificates} for a device, {@code signingCertificates}
     * for a group. A chain file gives its first certificate, the one the walkthroughs mean.
     */
    public static X509Certificates x509Certificates(Path primary, Optional<Path> secondary) {
        return new X509Certificates(certificate(primary), secondary.map(Attestations::certificate));
    }

    /**
     * The walkthroughs take the generated keys from the output of {@code create}; an answer without
     * them is completed from the {@code attestationmechanism} answer.
     */
    private static boolean keysLeftOut(AttestationMechanism attestation) {
        return attestation instanceof SymmetricKeyAttestation keys && keys.primaryKey().isEmpty();
    }

    /** The enrollment as the service answered it, with its keys when the answer left them out. */
    static IndividualEnrollment withKeys(ServiceApiClient client, IndividualEnrollment answer) {
        return keysLeftOut(answer.attestation())
                ? answer.withAttestation(client.enrollmentAttestation(answer.registrationId())) : answer;
    }

    /** The group as the service answered it, with its keys when the answer left them out. */
    public static EnrollmentGroup withKeys(ServiceApiClient client, EnrollmentGroup answer) {
        return keysLeftOut(answer.attestation())
                ? answer.withAttestation(client.groupAttestation(answer.enrollmentGroupId())) : answer;
    }

    /** The first certificate of a PEM or DER file, as a request gives it. */
    static X509CertificateWithInfo certificate(Path file) {
        return X509CertificateWithInfo.of(Certificates.toPem(IdentityFiles.readCertificates(file).getFirst()));
    }
}
