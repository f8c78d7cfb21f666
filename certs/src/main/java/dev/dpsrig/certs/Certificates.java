package dev.dpsrig.certs;

import dev.dpsrig.certs.internal.PemCodec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Questions about a single certificate, answered the way DPS and openssl answer them. */
public final class Certificates {
    private static final java.nio.file.Path INLINE = java.nio.file.Path.of("certificate");
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();
    private static final byte[] PROBE = "dpsrig key match probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Certificates() {
    }

    /** The subject's (last) CN attribute, as DPS reads the registration id from a device certificate. */
    public static Optional<String> commonName(X509Certificate certificate) {
        try {
            LdapName name = new LdapName(certificate.getSubjectX500Principal().getName());
            Optional<String> cn = Optional.empty();
            for (Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = Optional.of(rdn.getValue().toString());
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }

    /** SHA-1 over the DER encoding, upper-case hex without separators: the thumbprint DPS shows. */
    public static String sha1Thumbprint(X509Certificate certificate) {
        return thumbprint(certificate, "SHA-1");
    }

    /** SHA-256 over the DER encoding, upper-case hex without separators. */
    public static String sha256Thumbprint(X509Certificate certificate) {
        return thumbprint(certificate, "SHA-256");
    }

    private static String thumbprint(X509Certificate certificate, String digest) {
        try {
            return UPPER_HEX.formatHex(MessageDigest.getInstance(digest).digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IdentityException("cannot encode certificate " + describe(certificate), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(digest + " is missing from this JDK", e);
        }
    }

    /** Whether the private key is the one whose public half the certificate carries. */
    public static boolean keyMatches(X509Certificate certificate, PrivateKey privateKey) {
        PublicKey publicKey = certificate.getPublicKey();
        if (!publicKey.getAlgorithm().equals(privateKey.getAlgorithm())) {
            return false;
        }
        if (publicKey instanceof RSAKey rsaPublic && privateKey instanceof RSAKey rsaPrivate
                && !rsaPublic.getModulus().equals(rsaPrivate.getModulus())) {
            return false;
        }
        String algorithm = publicKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public static boolean isSelfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    /** Whether {@code issuer}'s key made {@code certificate}'s signature. */
    public static boolean isSignedBy(X509Certificate certificate, X509Certificate issuer) {
        if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** basicConstraints CA:TRUE. */
    public static boolean isCertificateAuthority(X509Certificate certificate) {
        return certificate.getBasicConstraints() >= 0;
    }

    /**
     * Certificates from PEM text (one or many) or DER bytes that did not come from a file, such as
     * a JSON field; the exception's reason says what was wrong.
     */
    public static List<X509Certificate> decode(byte[] pemOrDer) {
        try {
            return PemCodec.readCertificates(pemOrDer, INLINE);
        } catch (IdentityException e) {
            throw new IdentityException(e.reason(), e);
        }
    }

    /** One certificate as PEM text. */
    public static String toPem(X509Certificate certificate) {
        return PemCodec.certificatesToPem(List.of(certificate));
    }

    /** A short human description: the subject DN. */
    public static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName();
    }
}
