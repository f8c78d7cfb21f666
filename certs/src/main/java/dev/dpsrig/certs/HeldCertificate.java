package dev.dpsrig.certs;

import dev.dpsrig.certs.internal.CertificateSigner;
import dev.dpsrig.certs.internal.CertificateSpec;
import dev.dpsrig.certs.internal.CertificateSpec.Usage;
import dev.dpsrig.certs.internal.KeyPairs;
import dev.dpsrig.certs.internal.PemCodec;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * An identity you hold: a certificate, its private key, and the certificates of the CAs that
 * issued it, nearest first. A device, a CA and the simulator's TLS server are all held
 * certificates; the difference is only in what the builder put in the certificate.
 *
 * <pre>{@code
 * HeldCertificate root = HeldCertificate.builder()
 *         .commonName("Azure IoT Hub CA Cert Test Only")
 *         .certificateAuthority()
 *         .build();
 * HeldCertificate device = HeldCertificate.builder()
 *         .commonName("device-01")      // the registration id
 *         .clientAuth()
 *         .signedBy(root)
 *         .build();
 * device.fullChain();                   // [device-01, root], what a device presents in TLS
 * }</pre>
 */
public final class HeldCertificate {
    private final X509Certificate certificate;
    private final KeyPair keyPair;
    private final List<X509Certificate> issuers;

    private HeldCertificate(X509Certificate certificate, KeyPair keyPair, List<X509Certificate> issuers) {
        this.certificate = certificate;
        this.keyPair = keyPair;
        this.issuers = List.copyOf(issuers);
    }

    /**
     * Holds existing material, checking that the key belongs to the first certificate.
     *
     * @param chain the certificate first, then its issuers, nearest first
     */
    public static HeldCertificate of(List<X509Certificate> chain, PrivateKey privateKey) {
        if (chain.isEmpty()) {
            throw new IdentityException("a held certificate needs at least one certificate");
        }
        X509Certificate leaf = chain.getFirst();
        if (!Certificates.keyMatches(leaf, privateKey)) {
            throw new IdentityException("the private key does not match the certificate "
                    + Certificates.describe(leaf));
        }
        return new HeldCertificate(leaf, new KeyPair(leaf.getPublicKey(), privateKey), chain.subList(1, chain.size()));
    }

    public static Builder builder() {
        return new Builder();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return keyPair.getPrivate();
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    /** The certificates of the issuing CAs, nearest first; empty for a self-signed certificate. */
    public List<X509Certificate> issuers() {
        return issuers;
    }

    /** This certificate followed by its issuers: the order of a {@code *-full-chain.cert.pem} file and of a TLS handshake. */
    public List<X509Certificate> fullChain() {
        List<X509Certificate> chain = new ArrayList<>(issuers.size() + 1);
        chain.add(certificate);
        chain.addAll(issuers);
        return List.copyOf(chain);
    }

    /** The subject's common name; for a device, its registration id. */
    public String commonName() {
        return Certificates.commonName(certificate).orElse("");
    }

    public String certificatePem() {
        return PemCodec.certificatesToPem(List.of(certificate));
    }

    public String fullChainPem() {
        return PemCodec.certificatesToPem(fullChain());
    }

    /** The private key as unencrypted PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}). */
    public String privateKeyPem() {
        return PemCodec.privateKeyToPem(privateKey(), Optional.empty(), KeyEncryption.PKCS8);
    }

    /** The private key encrypted with a pass phrase, in the given openssl form. */
    public String privateKeyPem(char[] passphrase, KeyEncryption form) {
        return PemCodec.privateKeyToPem(privateKey(), Optional.of(passphrase), form);
    }

    @Override
    public String toString() {
        return "HeldCertificate[" + Certificates.describe(certificate) + ", " + issuers.size() + " issuer(s)]";
    }

    /**
     * Builds a certificate and, unless one is given, its key pair. Defaults: EC P-256 key, valid
     * from one minute ago for 365 days, self-signed, an end-entity certificate with no extended
     * key usage.
     */
    public static final class Builder {
        private static final SecureRandom SERIALS = new SecureRandom();

        private X500Principal subject;
        private KeyType keyType = KeyType.EC_P256;
        private KeyPair keyPair;
        private Clock clock = Clock.systemUTC();
        private Instant notBefore;
        private Instant notAfter;
        private Duration validity = Duration.ofDays(365);
        private BigInteger serialNumber;
        private HeldCertificate issuer;
        private boolean certificateAuthority;
        private int pathLength = -1;
        private final Set<Usage> usages = EnumSet.noneOf(Usage.class);
        private final List<String> subjectAlternativeNames = new ArrayList<>();

        private Builder() {
        }

        /** Subject {@code CN=name}. For a device certificate the name is its registration id. */
        public Builder commonName(String name) {
            Objects.requireNonNull(name, "name");
            this.subject = new X500Principal("CN=" + escapeRdnValue(name));
            return this;
        }

        /** A full subject distinguished name, e.g. {@code CN=device-01, O=Contoso}. */
        public Builder subject(X500Principal subject) {
            this.subject = Objects.requireNonNull(subject, "subject");
            return this;
        }

        public Builder keyType(KeyType keyType) {
            this.keyType = Objects.requireNonNull(keyType, "keyType");
            return this;
        }

        /** Uses this key pair rather than generating one. */
        public Builder keyPair(KeyPair keyPair) {
            this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
            return this;
        }

        /** The clock the default validity window starts from. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Valid from now (less a minute, for clock skew) for this long. */
        public Builder validFor(Duration validity) {
            if (validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("validity must be positive: " + validity);
            }
            this.validity = validity;
            this.notBefore = null;
            this.notAfter = null;
            return this;
        }

        /**
         * An explicit validity window. Windows wholly in the past or the future are allowed:
         * negative tests need expired and not-yet-valid certificates.
         */
        public Builder validity(Instant notBefore, Instant notAfter) {
            if (!notAfter.isAfter(notBefore)) {
                throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
            }
            this.notBefore = notBefore;
            this.notAfter = notAfter;
            return this;
        }

        public Builder serialNumber(BigInteger serialNumber) {
            if (serialNumber.signum() <= 0) {
                throw new IllegalArgumentException("serial numbers are positive: " + serialNumber);
            }
            this.serialNumber = serialNumber;
            return this;
        }

        /** Signs with this CA's key and records its chain; without it the certificate is self-signed. */
        public Builder signedBy(HeldCertificate issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** A CA with no limit on the intermediates below it (basicConstraints CA:TRUE, keyCertSign). */
        public Builder certificateAuthority() {
            this.certificateAuthority = true;
            this.pathLength = -1;
            return this;
        }

        /** A CA that allows at most {@code maxIntermediates} CA certificates below it (pathlen). */
        public Builder certificateAuthority(int maxIntermediates) {
            if (maxIntermediates < 0) {
                throw new IllegalArgumentException("maxIntermediates must be >= 0: " + maxIntermediates);
            }
            this.certificateAuthority = true;
            this.pathLength = maxIntermediates;
            return this;
        }

        /** Extended key usage TLS client authentication: what DPS and IoT Hub require of a device. */
        public Builder clientAuth() {
            usages.add(Usage.CLIENT_AUTH);
            return this;
        }

        /** Extended key usage TLS server authentication. */
        public Builder serverAuth() {
            usages.add(Usage.SERVER_AUTH);
            return this;
        }

        /** A DNS name, or an IPv4/IPv6 literal, for a TLS server certificate. */
        public Builder subjectAlternativeName(String dnsNameOrIp) {
            if (dnsNameOrIp.isBlank()) {
                throw new IllegalArgumentException("subject alternative name is blank");
            }
            subjectAlternativeNames.add(dnsNameOrIp);
            return this;
        }

        public HeldCertificate build() {
            if (subject == null) {
                throw new IllegalStateException("a certificate needs a subject: call commonName(...) or subject(...)");
            }
            KeyPair subjectKeys = keyPair != null ? keyPair : KeyPairs.generate(keyType);
            Instant from = notBefore != null
                    ? notBefore
                    : clock.instant().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(1));
            Instant until = notAfter != null ? notAfter : from.plus(validity);
            BigInteger serial = serialNumber != null ? serialNumber : new BigInteger(159, SERIALS).setBit(0);

            X509Certificate certificate = CertificateSigner.sign(new CertificateSpec(
                    subject,
                    subjectKeys.getPublic(),
                    issuer != null ? issuer.certificate().getSubjectX500Principal() : subject,
                    issuer != null ? issuer.certificate().getPublicKey() : subjectKeys.getPublic(),
                    issuer != null ? issuer.privateKey() : subjectKeys.getPrivate(),
                    serial, from, until,
                    certificateAuthority, pathLength,
                    Set.copyOf(usages), List.copyOf(subjectAlternativeNames)));
            List<X509Certificate> chain = issuer != null ? issuer.fullChain() : List.of();
            return new HeldCertificate(certificate, subjectKeys, chain);
        }

        /** Escapes the characters RFC 4514 reserves, so a registration id is always taken literally. */
        private static String escapeRdnValue(String value) {
            StringBuilder out = new StringBuilder(value.length());
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                boolean special = ",+\"\\<>;=".indexOf(c) >= 0
                        || (i == 0 && (c == '#' || c == ' '))
                        || (i == value.length() - 1 && c == ' ');
                if (special) {
                    out.append('\\');
                }
                out.append(c);
            }
            return out.toString();
        }
    }
}
