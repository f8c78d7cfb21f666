package dev.dpsrig.certs;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;

/**
 * A private key that stays where it is: signing with it calls a {@link DelegatedSigner}. Use it
 * wherever the JDK takes a {@link PrivateKey}, e.g. {@code HeldCertificate.of(chain, key)} and
 * then {@link TlsContexts#client(HeldCertificate, java.util.List)}, and the TLS handshake asks the
 * signer for its CertificateVerify signature.
 *
 * <p>The JDK finds the code that signs by asking each security provider in turn whether it takes
 * this key; the JDK's own providers refuse it (it has neither an encoding nor a private value), and
 * a small provider registered on first use accepts only keys of this class. It reveals the public
 * parameters JSSE needs to pick a signature scheme: the curve of an EC key, the modulus of an RSA key.
 * (Code that uses {@link java.security.Signature} itself must call {@code initSign} before
 * {@code setParameter}: parameters set first make the JDK choose a provider before it has seen the key.)
 */
public abstract sealed class DelegatedKey implements PrivateKey permits DelegatedKey.Ec, DelegatedKey.Rsa {
    private static final long serialVersionUID = 1L;
    private final transient DelegatedSigner signer;

    private DelegatedKey(DelegatedSigner signer) {
        this.signer = signer;
        DelegatedSigningProvider.ensureRegistered();
    }

    /** A key for {@code certificate}'s public key, EC or RSA, whose signatures come from {@code signer}. */
    public static DelegatedKey forCertificate(X509Certificate certificate, DelegatedSigner signer) {
        return forPublicKey(certificate.getPublicKey(), signer);
    }

    public static DelegatedKey forPublicKey(PublicKey publicKey, DelegatedSigner signer) {
        return switch (publicKey) {
            case ECPublicKey ec -> new Ec(ec.getParams(), signer);
            case RSAPublicKey rsa -> new Rsa(rsa.getModulus(), signer);
            default -> throw new IdentityException("a delegated key must be EC or RSA, not " + publicKey.getAlgorithm());
        };
    }

    DelegatedSigner signer() {
        return signer;
    }

    /** There is no encoding: the key material is elsewhere. */
    @Override
    public String getFormat() {
        return null;
    }

    @Override
    public byte[] getEncoded() {
        return null;
    }

    public static final class Ec extends DelegatedKey implements ECKey {
        private static final long serialVersionUID = 1L;
        private final transient ECParameterSpec params;

        private Ec(ECParameterSpec params, DelegatedSigner signer) {
            super(signer);
            this.params = params;
        }

        @Override
        public String getAlgorithm() {
            return "EC";
        }

        @Override
        public ECParameterSpec getParams() {
            return params;
        }

        @Override
        public String toString() {
            return "DelegatedKey[" + KeyType.describe(this) + "]";
        }
    }

    public static final class Rsa extends DelegatedKey implements RSAKey {
        private static final long serialVersionUID = 1L;
        private final BigInteger modulus;

        private Rsa(BigInteger modulus, DelegatedSigner signer) {
            super(signer);
            this.modulus = modulus;
        }

        @Override
        public String getAlgorithm() {
            return "RSA";
        }

        @Override
        public BigInteger getModulus() {
            return modulus;
        }

        @Override
        public String toString() {
            return "DelegatedKey[" + KeyType.describe(this) + "]";
        }
    }
}
