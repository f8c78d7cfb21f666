package dev.dpsrig.features.steps;

import dev.dpsrig.certs.HeldCertificate;
import dev.dpsrig.certs.KeyType;
import dev.dpsrig.hil.tethered.HeldIdentity;
import dev.dpsrig.protocol.SymmetricKeys;
import java.util.Base64;

/** The secret a virtual key-holder board is given, in the scenario's words. */
public enum BoardCredential {
    SYMMETRIC_KEY("a symmetric key"), EC_CERTIFICATE("an EC certificate"), RSA_CERTIFICATE("an RSA certificate");

    static final String WORDS = "a symmetric key|an EC certificate|an RSA certificate";

    private final String words;

    BoardCredential(String words) {
        this.words = words;
    }

    static BoardCredential of(String words) {
        for (BoardCredential credential : values()) {
            if (credential.words.equals(words)) {
                return credential;
            }
        }
        throw new IllegalArgumentException("no board credential '" + words + "'; the steps know " + WORDS);
    }

    /** A fresh secret for {@code registrationId}; a certificate is self-signed with the id as its CN. */
    HeldIdentity make(String registrationId) {
        return switch (this) {
            case SYMMETRIC_KEY -> new HeldIdentity.SymmetricKey(registrationId, SymmetricKeys.generate());
            case EC_CERTIFICATE -> new HeldIdentity.X509(certificate(registrationId, KeyType.EC_P256));
            case RSA_CERTIFICATE -> new HeldIdentity.X509(certificate(registrationId, KeyType.RSA_2048));
        };
    }

    /** The secret as it would look if it leaked onto the line: the key, or the private key's encoding. */
    static String secretOf(HeldIdentity identity) {
        return switch (identity) {
            case HeldIdentity.SymmetricKey key -> key.base64Key();
            case HeldIdentity.X509 x509 -> Base64.getEncoder().encodeToString(x509.identity().privateKey().getEncoded());
        };
    }

    private static HeldCertificate certificate(String registrationId, KeyType keyType) {
        return HeldCertificate.builder().commonName(registrationId).keyType(keyType).clientAuth().build();
    }
}
