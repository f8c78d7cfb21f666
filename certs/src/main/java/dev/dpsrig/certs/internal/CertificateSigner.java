package dev.dpsrig.certs.internal;

import dev.dpsrig.certs.IdentityException;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Turns a {@link CertificateSpec} into a signed X.509 v3 certificate.
 *
 * <p>The extensions follow what openssl's {@code v3_ca} and {@code usr_cert} sections produce,
 * so certificates read the same in {@code openssl x509 -text} as the ones users make by hand.
 * EC signatures are deterministic (RFC 6979): the same key and content give the same certificate
 * bytes, which is what makes seeded fleet identities reproducible.
 */
public final class CertificateSigner {
    private static final JcaX509CertificateConverter CONVERTER = new JcaX509CertificateConverter();

    private CertificateSigner() {
    }

    public static X509Certificate sign(CertificateSpec spec) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    spec.issuer(), spec.serialNumber(),
                    Date.from(spec.notBefore()), Date.from(spec.notAfter()),
                    spec.subject(), spec.subjectKey());

            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(spec.subjectKey()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(spec.issuerKey()));
            if (spec.certificateAuthority()) {
                BasicConstraints constraints = spec.pathLength() >= 0
                        ? new BasicConstraints(spec.pathLength())
                        : new BasicConstraints(true);
                builder.addExtension(Extension.basicConstraints, true, constraints);
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            } else {
                builder.addExtension(Extension.basicConstraints, false, new BasicConstraints(false));
                int usage = KeyUsage.digitalSignature;
                if (spec.subjectKey().getAlgorithm().equals("RSA")) {
                    usage |= KeyUsage.keyEncipherment;
                }
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            }
            if (!spec.extendedKeyUsages().isEmpty()) {
                List<KeyPurposeId> purposes = new ArrayList<>();
                for (CertificateSpec.Usage usage : spec.extendedKeyUsages()) {
                    purposes.add(switch (usage) {
                        case CLIENT_AUTH -> KeyPurposeId.id_kp_clientAuth;
                        case SERVER_AUTH -> KeyPurposeId.id_kp_serverAuth;
                    });
                }
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
            }
            if (!spec.subjectAlternativeNames().isEmpty()) {
                GeneralName[] names = spec.subjectAlternativeNames().stream()
                        .map(CertificateSigner::generalName)
                        .toArray(GeneralName[]::new);
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            }

            X509CertificateHolder holder = builder.build(signer(spec.signingKey()));
            return CONVERTER.getCertificate(holder);
        } catch (IOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IdentityException("cannot sign certificate for " + spec.subject().getName() + ": " + e.getMessage(), e);
        }
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException, IOException {
        return switch (key.getAlgorithm()) {
            case "RSA" -> new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER).build(key);
            case "EC", "ECDSA" -> deterministicEcdsa(key);
            default -> throw new IdentityException("cannot sign with a " + key.getAlgorithm() + " key");
        };
    }

    /** ecdsa-with-SHA256 with the nonce derived from key and message (RFC 6979) instead of drawn at random. */
    private static ContentSigner deterministicEcdsa(PrivateKey key) throws IOException {
        DSADigestSigner signer = new DSADigestSigner(
                new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())), new SHA256Digest());
        signer.init(true, PrivateKeyFactory.createKey(key.getEncoded()));
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) {
                signer.update((byte) b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                signer.update(bytes, offset, length);
            }
        };
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return sink;
            }

            @Override
            public byte[] getSignature() {
                return signer.generateSignature();
            }
        };
    }

    /** An IP literal (v4 dotted quad or anything with a colon, i.e. v6) becomes an iPAddress name, anything else a dNSName. */
    private static GeneralName generalName(String name) {
        boolean ipLiteral = name.contains(":") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        return new GeneralName(ipLiteral ? GeneralName.iPAddress : GeneralName.dNSName, name);
    }
}
