package dev.dpsrig.simulator.dps;

import java.security.cert.X509Certificate;
import java.util.Optional;

/** How an enrollment proves a device: a symmetric key pair, or X.509 certificates held or referenced. */
public sealed interface Attestation extends AttestationDraft {

    /** Complete as it is. */
    @Override
    default Attestation complete() {
        return this;
    }

    /** The wire name in {@code attestation.type}. */
    String type();

    /** Individual: the device's keys. Group: the group keys, from which each device's key is derived. */
    record SymmetricKey(String primaryKey, String secondaryKey) implements Attestation {
        @Override
        public String type() {
            return "symmetricKey";
        }
    }

    /**
     * Individual enrollment: the device's own certificates ({@code clientCertificates}).
     * Enrollment group: the signing CA certificates ({@code signingCertificates}).
     */
    record X509Certificates(X509Certificate primary, Optional<X509Certificate> secondary) implements Attestation {
        @Override
        public String type() {
            return "x509";
        }

        public boolean holds(X509Certificate certificate) {
            return primary.equals(certificate) || secondary.filter(certificate::equals).isPresent();
        }
    }

    /**
     * Names of CA certificates uploaded to and verified by the service. Enrollment group: its devices are those whose
     * chain reaches one. Individual enrollment: its device's certificate (CN the registration id) must chain to one.
     */
    record X509CaReferences(String primary, Optional<String> secondary) implements Attestation {
        @Override
        public String type() {
            return "x509";
        }

        public boolean names(String caName) {
            return primary.equalsIgnoreCase(caName) || secondary.filter(caName::equalsIgnoreCase).isPresent();
        }
    }
}
