package dev.dpsrig.hil.tethered;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * The signatures SIGN asks for, named as the JDK names them (RSA-PSS with the hash appended, since
 * TLS fixes its other parameters: MGF1 over the same hash, salt as long as the hash). The rig sends
 * the digest; the board applies the padding and its key.
 */
public enum SignatureAlgorithm {
    SHA256_WITH_ECDSA("SHA256withECDSA", "SHA-256", Padding.ECDSA),
    SHA384_WITH_ECDSA("SHA384withECDSA", "SHA-384", Padding.ECDSA),
    SHA512_WITH_ECDSA("SHA512withECDSA", "SHA-512", Padding.ECDSA),
    SHA256_WITH_RSA("SHA256withRSA", "SHA-256", Padding.PKCS1),
    SHA384_WITH_RSA("SHA384withRSA", "SHA-384", Padding.PKCS1),
    SHA512_WITH_RSA("SHA512withRSA", "SHA-512", Padding.PKCS1),
    RSASSA_PSS_SHA256("RSASSA-PSS-SHA256", "SHA-256", Padding.PSS),
    RSASSA_PSS_SHA384("RSASSA-PSS-SHA384", "SHA-384", Padding.PSS),
    RSASSA_PSS_SHA512("RSASSA-PSS-SHA512", "SHA-512", Padding.PSS);

    /** What the board does with the digest. */
    public enum Padding { ECDSA, PKCS1, PSS }

    private final String wireName;
    private final String digest;
    private final Padding padding;

    SignatureAlgorithm(String wireName, String digest, Padding padding) {
        this.wireName = wireName;
        this.digest = digest;
        this.padding = padding;
    }

    public String wireName() {
        return wireName;
    }

    /** The JDK name of the hash, e.g. {@code SHA-256}. */
    public String digestAlgorithm() {
        return digest;
    }

    public int digestLength() {
        return Integer.parseInt(digest.substring(4)) / 8;
    }

    public Padding padding() {
        return padding;
    }

    /** {@code EC} or {@code RSA}: the key that can make this signature. */
    public String keyAlgorithm() {
        return padding == Padding.ECDSA ? "EC" : "RSA";
    }

    public byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(digest).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digest + " is missing from this JDK", e);
        }
    }

    public static Optional<SignatureAlgorithm> ofWireName(String name) {
        return Arrays.stream(values()).filter(algorithm -> algorithm.wireName.equals(name)).findFirst();
    }
}
