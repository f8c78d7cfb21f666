package dev.dpsrig.certs;

import dev.dpsrig.certs.internal.KeyPairs;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Device identities for a fleet, issued from a seed and an id pattern so that the same inputs give
 * the same registration ids, keys and certificate bytes on every run and every machine.
 *
 * <p>With a cache directory each identity is written once, as {@code <id>.cert.pem} (full chain)
 * and {@code <id>.key.pem}, under a folder named after a digest of the inputs; later runs read it
 * back instead of generating keys again. That matters for RSA (a 4096-bit key takes most of a
 * second) and for fleets of ten thousand devices and more. The files are ordinary PEM, so curl,
 * openssl and the SDKs can use any single device of the fleet directly.
 *
 * <pre>{@code
 * FleetIdentities fleet = FleetIdentities.builder()
 *         .seed("soak-test").idPattern("sensor-%05d").issuer(intermediate)
 *         .cacheDirectory(Path.of("target/fleet"))
 *         .build();
 * HeldCertificate device = fleet.identity(42);   // CN=sensor-00042, same every time
 * }</pre>
 */
public final class FleetIdentities {
    /** When there is no issuer to take the window from: as long as UTCTime can express. */
    private static final Instant DEFAULT_NOT_BEFORE = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant DEFAULT_NOT_AFTER = Instant.parse("2049-12-31T23:59:59Z");

    private final String seed;
    private final String idPattern;
    private final KeyType keyType;
    private final Optional<HeldCertificate> issuer;
    private final Instant notBefore;
    private final Instant notAfter;
    private final Optional<Path> directory;

    private FleetIdentities(Builder builder) {
        this.seed = builder.seed;
        this.idPattern = builder.idPattern;
        this.keyType = builder.keyType;
        this.issuer = Optional.ofNullable(builder.issuer);
        this.notBefore = builder.notBefore != null ? builder.notBefore
                : issuer.map(i -> i.certificate().getNotBefore().toInstant()).orElse(DEFAULT_NOT_BEFORE);
        this.notAfter = builder.notAfter != null ? builder.notAfter
                : issuer.map(i -> i.certificate().getNotAfter().toInstant()).orElse(DEFAULT_NOT_AFTER);
        this.directory = Optional.ofNullable(builder.cacheDirectory).map(root -> root.resolve("fleet-" + fingerprint()));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The registration id (certificate CN) of device number {@code index}. */
    public String registrationId(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("device index must be >= 0: " + index);
        }
        return String.format(idPattern, index);
    }

    private static void checkFileName(String idPattern) {
        String sample = String.format(idPattern, 0L);
        if (sample.contains("/") || sample.contains("\\") || sample.equals("..") || sample.equals(".")) {
            throw new IllegalArgumentException("id pattern '" + idPattern + "' makes ids that are not file names: no slashes");
        }
    }

    /** Device number {@code index}: read from the cache when it is there, otherwise issued (and cached). */
    public HeldCertificate identity(long index) {
        String id = registrationId(index);
        if (directory.isPresent()) {
            Path certificate = directory.get().resolve(id + ".cert.pem");
            Path key = directory.get().resolve(id + ".key.pem");
            if (Files.exists(certificate) && Files.exists(key)) {
                return IdentityFiles.readHeldCertificate(certificate, key, Optional.empty());
            }
            HeldCertificate issued = issue(id);
            IdentityFiles.writePrivateKey(key, issued.privateKey());
            IdentityFiles.writeCertificates(certificate, issued.fullChain());
            return issued;
        }
        return issue(id);
    }

    /** The folder this fleet's identities are cached in, when caching. */
    public Optional<Path> directory() {
        return directory;
    }

    /** Where device {@code index}'s full-chain certificate and key are (or will be) cached. */
    public Optional<List<Path>> files(long index) {
        String id = registrationId(index);
        return directory.map(d -> List.of(d.resolve(id + ".cert.pem"), d.resolve(id + ".key.pem")));
    }

    private HeldCertificate issue(String id) {
        byte[] deviceSeed = digest("key", id);
        HeldCertificate.Builder builder = HeldCertificate.builder()
                .commonName(id)
                .keyPair(KeyPairs.fromSeed(keyType, deviceSeed))
                .serialNumber(new BigInteger(1, digest("serial", id)).shiftRight(97).setBit(0))
                .validity(notBefore, notAfter)
                .clientAuth();
        issuer.ifPresent(builder::signedBy);
        return builder.build();
    }

    private byte[] digest(String purpose, String id) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String part : List.of("dpsrig-fleet-v1", purpose, seed, id, keyType.name())) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                sha256.update((byte) (bytes.length >>> 8));
                sha256.update((byte) bytes.length);
                sha256.update(bytes);
            }
            return sha256.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Everything that shapes the identities, so a changed input never reads a stale cache. */
    private String fingerprint() {
        String issuerPrint = issuer.map(i -> Certificates.sha256Thumbprint(i.certificate())).orElse("self-signed");
        byte[] digest = digest("fleet", String.join("|", idPattern, issuerPrint, notBefore.toString(), notAfter.toString()));
        return HexFormat.of().formatHex(digest, 0, 8);
    }

    public static final class Builder {
        private String seed = "dpsrig";
        private String idPattern = "device-%05d";
        private KeyType keyType = KeyType.EC_P256;
        private HeldCertificate issuer;
        private Instant notBefore;
        private Instant notAfter;
        private Path cacheDirectory;

        private Builder() {
        }

        /** Any text; different seeds give unrelated keys for the same ids. */
        public Builder seed(String seed) {
            this.seed = Objects.requireNonNull(seed, "seed");
            return this;
        }

        /** A {@link String#format} pattern with one integer conversion, e.g. {@code device-%05d}. */
        public Builder idPattern(String idPattern) {
            try {
                if (String.format(idPattern, 0L).equals(String.format(idPattern, 1L))) {
                    throw new IllegalArgumentException("id pattern '" + idPattern
                            + "' gives every device the same id; include a number such as %d or %05d");
                }
            } catch (IllegalFormatException e) {
                throw new IllegalArgumentException("id pattern '" + idPattern
                        + "' is not a format with one integer, such as device-%05d: " + e.getMessage(), e);
            }
            checkFileName(idPattern);
            this.idPattern = idPattern;
            return this;
        }

        public Builder keyType(KeyType keyType) {
            this.keyType = Objects.requireNonNull(keyType, "keyType");
            return this;
        }

        /** The CA that signs every device; without one each device is self-signed. */
        public Builder issuer(HeldCertificate issuer) {
            this.issuer = Objects.requireNonNull(issuer, "issuer");
            return this;
        }

        /** Defaults to the issuer's own window, so devices never outlive their CA. */
        public Builder validity(Instant notBefore, Instant notAfter) {
            if (!notAfter.isAfter(notBefore)) {
                throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
            }
            this.notBefore = notBefore;
            this.notAfter = notAfter;
            return this;
        }

        public Builder cacheDirectory(Path cacheDirectory) {
            this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
            return this;
        }

        public FleetIdentities build() {
            return new FleetIdentities(this);
        }
    }
}
