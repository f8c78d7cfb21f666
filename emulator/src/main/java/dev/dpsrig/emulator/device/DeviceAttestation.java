package dev.dpsrig.emulator.device;

import dev.dpsrig.certs.Certificates;
import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.protocol.SasSigner;
import dev.dpsrig.protocol.SymmetricKeys;
import java.util.Optional;

/**
 * How a device proves who it is to DPS, and then to its hub. A TPM attestation would be a third
 * member of this set: it signs the SAS with a key the TPM holds after a nonce challenge.
 */
public sealed interface DeviceAttestation {

    String registrationId();

    /** The attestation type as DPS names it in enrollments and registration states. */
    String type();

    /** The certificate the device presents at the TLS handshake: an X.509 device's own; none for a symmetric key. */
    default Optional<HeldCertificate> clientCertificate() {
        return this instanceof X509 x509 ? Optional.of(x509.identity()) : Optional.empty();
    }

    /**
     * A symmetric key: the individual enrollment's primary or secondary key, or the key derived from a
     * group key and the registration id, held here or by a board that signs on request. The SAS tokens
     * for DPS and for the hub are both signed by {@code signer}.
     */
    record SymmetricKey(String registrationId, SasSigner signer) implements DeviceAttestation {
        /** An individual enrollment's key, as DPS shows it. */
        public static SymmetricKey individual(String registrationId, String key) {
            return new SymmetricKey(registrationId, SasSigner.withKey(key));
        }

        /** The device key derived as the group enrollment walkthrough does: HMAC-SHA256(group key, registration id). */
        public static SymmetricKey fromGroupKey(String registrationId, String groupKey) {
            return individual(registrationId, SymmetricKeys.deriveDeviceKey(groupKey, registrationId));
        }

        /** A key this process never sees: {@code signer} makes every SAS signature, e.g. by asking the board. */
        public static SymmetricKey signedBy(String registrationId, SasSigner signer) {
            return new SymmetricKey(registrationId, signer);
        }

        @Override
        public String type() {
            return "symmetricKey";
        }

        @Override
        public String toString() {
            return "SymmetricKey[" + registrationId + ", key hidden]";
        }
    }

    /**
     * An X.509 identity: the certificate (with its chain, presented in the TLS handshake) and its key,
     * which may be a {@link dev.dpsrig.certs.DelegatedKey} when a board holds it and signs on request.
     */
    record X509(String registrationId, HeldCertificate identity) implements DeviceAttestation {
        /** The registration id is the certificate's CN, as DPS requires. */
        public static X509 of(HeldCertificate identity) {
            return new X509(Certificates.commonName(identity.certificate()).orElseThrow(() -> new IllegalArgumentException(
                    "the certificate " + Certificates.describe(identity.certificate()) + " has no CN to use as registration id")),
                    identity);
        }

        @Override
        public String type() {
            return "x509";
        }
    }
}
