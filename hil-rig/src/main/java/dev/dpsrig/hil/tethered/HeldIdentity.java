package dev.dpsrig.hil.tethered;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.hil.AttestationKind;
import java.util.Base64;

/** The secret a (virtual) key holder keeps and never sends: what {@link TetheredFirmware} signs with. */
public sealed interface HeldIdentity {

    String registrationId();

    AttestationKind kind();

    /** A symmetric key, base64 as DPS shows it; it signs SAS strings. */
    record SymmetricKey(String registrationId, String base64Key) implements HeldIdentity {
        public SymmetricKey {
            if (Base64.getDecoder().decode(base64Key).length == 0) {
                throw new IllegalArgumentException("the symmetric key of " + registrationId + " is empty");
            }
        }

        @Override
        public AttestationKind kind() {
            return AttestationKind.SYMMETRIC_KEY;
        }

        @Override
        public String toString() {
            return "SymmetricKey[" + registrationId + ", key hidden]";
        }
    }

    /** A certificate with its chain and private key; the registration id is the certificate's CN. */
    record X509(HeldCertificate identity) implements HeldIdentity {
        @Override
        public String registrationId() {
            return identity.commonName();
        }

        @Override
        public AttestationKind kind() {
            return AttestationKind.X509;
        }
    }
}
