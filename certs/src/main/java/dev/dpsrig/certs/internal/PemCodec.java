package dev.dpsrig.certs.internal;

import dev.dpsrig.certs.IdentityException;
import dev.dpsrig.certs.KeyEncryption;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * PEM and DER in the forms openssl reads and writes: certificates (one or a chain), PKCS#8 keys,
 * PKCS#8 {@code ENCRYPTED PRIVATE KEY} (what openssl 3 writes for a pass phrase) and the legacy
 * {@code Proc-Type: 4,ENCRYPTED} traditional form (what {@code openssl rsa -aes256 -traditional}
 * and many device toolchains still write).
 *
 * <p>Keys always come back as JDK key objects so JSSE and the JDK's signature engines can use them.
 */
public final class PemCodec {
    /** openssl 3's defaults for {@code -aes256} PKCS#8 output. */
    private static final int PBKDF2_ITERATIONS = 2048;

    private static final JcaPEMKeyConverter KEYS = new JcaPEMKeyConverter();
    private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();

    private PemCodec() {
    }

    public static String certificatesToPem(List<X509Certificate> certificates) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static String privateKeyToPem(PrivateKey key, Optional<char[]> passphrase, KeyEncryption form) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (passphrase.isEmpty()) {
                writer.writeObject(new JcaPKCS8Generator(key, null));
            } else if (form == KeyEncryption.PKCS8) {
                writer.writeObject(new JcaPKCS8Generator(key,
                        new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                                .setPRF(JcaPKCS8Generator.PRF_HMACSHA256)
                                .setIterationCount(PBKDF2_ITERATIONS)
                                .setPassword(passphrase.get())
                                .setProvider(Bc.PROVIDER)
                                .build()));
            } else {
                writer.writeObject(new JcaMiscPEMGenerator(withInnerCurveParameters(key),
                        new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(Bc.PROVIDER).build(passphrase.get())));
            }
        } catch (PemGenerationException | OperatorCreationException | GeneralSecurityException e) {
            throw new IdentityException("cannot encode " + key.getAlgorithm() + " private key: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The JDK encodes an EC key's curve only in the PKCS#8 wrapper; the traditional
     * {@code EC PRIVATE KEY} form has no wrapper and must carry the curve inside, or no reader
     * (openssl included) knows which curve the key is on. BouncyCastle's encoding does that.
     */
    private static PrivateKey withInnerCurveParameters(PrivateKey key) throws GeneralSecurityException {
        if (!key.getAlgorithm().equals("EC")) {
            return key;
        }
        return KeyFactory.getInstance("EC", Bc.PROVIDER).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    }

    public static List<X509Certificate> readCertificates(byte[] content, Path source) {
        if (!isPem(content)) {
            return readDerCertificates(content, source);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> otherObjects = new ArrayList<>();
        try (PEMParser parser = parser(content)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof X509CertificateHolder holder) {
                    certificates.add(CERTIFICATES.getCertificate(holder));
                } else {
                    otherObjects.add(describe(object));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IdentityException(source, "corrupt PEM certificate: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IdentityException(source, otherObjects.isEmpty()
                    ? "no certificate in file"
                    : "no certificate in file (it holds " + String.join(", ", otherObjects) + ")");
        }
        return certificates;
    }

    private static List<X509Certificate> readDerCertificates(byte[] content, Path source) {
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(content))) {
                certificates.add((X509Certificate) certificate);
            }
            if (certificates.isEmpty()) {
                throw new IdentityException(source, "no certificate in file");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IdentityException(source, "not a PEM or DER certificate", e);
        }
    }

    /**
     * Reads the first private key in a PEM or DER file.
     *
     * @param passphrase the pass phrase for an encrypted key; empty when none was given
     */
    public static PrivateKey readPrivateKey(byte[] content, Path source, Optional<char[]> passphrase) {
        if (!isPem(content)) {
            return readDerPrivateKey(content, source, passphrase);
        }
        List<String> otherObjects = new ArrayList<>();
        Object object;
        try (PEMParser parser = parser(content)) {
            for (object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PrivateKeyInfo
                        || object instanceof PEMKeyPair
                        || object instanceof PKCS8EncryptedPrivateKeyInfo
                        || object instanceof PEMEncryptedKeyPair) {
                    break;
                }
                otherObjects.add(describe(object));
            }
        } catch (IOException | RuntimeException e) {
            throw new IdentityException(source, "corrupt PEM private key: " + e.getMessage(), e);
        }
        if (object == null) {
            throw new IdentityException(source, otherObjects.isEmpty()
                    ? "no private key in file"
                    : "no private key in file (it holds " + String.join(", ", otherObjects) + ")");
        }
        return toPrivateKey(object, source, passphrase);
    }

    private static PrivateKey toPrivateKey(Object object, Path source, Optional<char[]> passphrase) {
        try {
            if (object instanceof PrivateKeyInfo info) {
                return KEYS.getPrivateKey(info);
            }
            if (object instanceof PEMKeyPair pair) {
                return KEYS.getPrivateKey(pair.getPrivateKeyInfo());
            }
            char[] secret = passphrase.orElseThrow(() -> new IdentityException(source,
                    "private key is encrypted; give its pass phrase"));
            if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                return KEYS.getPrivateKey(decrypt(encrypted, secret, source));
            }
            PEMEncryptedKeyPair encrypted = (PEMEncryptedKeyPair) object;
            PEMKeyPair pair;
            try {
                pair = encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                        .setProvider(Bc.PROVIDER).build(secret));
            } catch (IOException | RuntimeException e) {
                throw wrongPassphrase(source, e);
            }
            // Traditional EC keys may omit the public point; only the private half is needed.
            return KEYS.getPrivateKey(pair.getPrivateKeyInfo());
        } catch (IOException e) {
            throw new IdentityException(source, "unsupported private key: " + e.getMessage(), e);
        }
    }

    private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] secret, Path source) {
        try {
            return encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(Bc.PROVIDER).build(secret));
        } catch (PKCSException | OperatorCreationException | RuntimeException e) {
            throw wrongPassphrase(source, e);
        }
    }

    private static PrivateKey readDerPrivateKey(byte[] content, Path source, Optional<char[]> passphrase) {
        ASN1Primitive asn1;
        try {
            asn1 = ASN1Primitive.fromByteArray(content);
        } catch (IOException | RuntimeException e) {
            throw new IdentityException(source, "not a PEM or DER private key", e);
        }
        try {
            return toPrivateKey(PrivateKeyInfo.getInstance(asn1), source, passphrase);
        } catch (IllegalArgumentException notPlain) {
            try {
                return toPrivateKey(new PKCS8EncryptedPrivateKeyInfo(EncryptedPrivateKeyInfo.getInstance(asn1)),
                        source, passphrase);
            } catch (IllegalArgumentException notEncrypted) {
                throw new IdentityException(source, "not a PEM or DER private key", notEncrypted);
            }
        }
    }

    private static IdentityException wrongPassphrase(Path source, Exception cause) {
        return new IdentityException(source, "wrong pass phrase for the encrypted private key", cause);
    }

    private static boolean isPem(byte[] content) {
        return new String(content, StandardCharsets.US_ASCII).contains("-----BEGIN ");
    }

    private static PEMParser parser(byte[] content) {
        return new PEMParser(new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.US_ASCII));
    }

    private static String describe(Object pemObject) {
        if (pemObject instanceof PrivateKeyInfo || pemObject instanceof PEMKeyPair) {
            return "a private key";
        }
        if (pemObject instanceof PKCS8EncryptedPrivateKeyInfo || pemObject instanceof PEMEncryptedKeyPair) {
            return "an encrypted private key";
        }
        if (pemObject instanceof X509CertificateHolder) {
            return "a certificate";
        }
        return "a " + pemObject.getClass().getSimpleName();
    }
}
