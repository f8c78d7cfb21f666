package dev.dpsrig.certs;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The key algorithms a device, CA or server identity can have.
 *
 * <p>EC P-256 is the default everywhere: it is what constrained boards use, and a fleet of a
 * hundred thousand EC identities is issued in seconds, where RSA-4096 keys take most of a second
 * each. RSA stays available because seed walkthroughs (and many real fleets) use it.
 */
public enum KeyType {
    EC_P256("ec", "EC P-256"),
    RSA_2048("rsa2048", "RSA 2048"),
    RSA_4096("rsa4096", "RSA 4096");

    private final String cliName;
    private final String displayName;

    KeyType(String cliName, String displayName) {
        this.cliName = cliName;
        this.displayName = displayName;
    }

    /** The name used on the command line: {@code ec}, {@code rsa2048}, {@code rsa4096}. */
    public String cliName() {
        return cliName;
    }

    public boolean isRsa() {
        return this != EC_P256;
    }

    public int rsaBits() {
        return switch (this) {
            case RSA_2048 -> 2048;
            case RSA_4096 -> 4096;
            case EC_P256 -> throw new IllegalStateException("EC P-256 has no RSA modulus size");
        };
    }

    /** JCA signature algorithm for certificates signed with a key of this type. */
    String signatureAlgorithm() {
        return isRsa() ? "SHA256withRSA" : "SHA256withECDSA";
    }

    public static KeyType fromCliName(String name) {
        for (KeyType type : values()) {
            if (type.cliName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown key type '" + name + "'; use one of "
                + Arrays.stream(values()).map(KeyType::cliName).collect(Collectors.joining(", ")));
    }

    /** Describes any public or private key the way {@code certs show} prints it, e.g. {@code EC P-256} or {@code RSA 3072}. */
    public static String describe(Key key) {
        if (key instanceof RSAKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (key instanceof ECKey ec) {
            return "EC " + curveName(ec.getParams());
        }
        return key.getAlgorithm();
    }

    /** The NIST name when the curve is one of those, otherwise its OID, otherwise its size. */
    private static String curveName(ECParameterSpec params) {
        String oid;
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(params);
            oid = parameters.getParameterSpec(ECGenParameterSpec.class).getName();
        } catch (GeneralSecurityException e) {
            return "(" + params.getCurve().getField().getFieldSize() + "-bit curve)";
        }
        return switch (oid) {
            case "1.2.840.10045.3.1.7", "secp256r1" -> "P-256";
            case "1.3.132.0.34", "secp384r1" -> "P-384";
            case "1.3.132.0.35", "secp521r1" -> "P-521";
            default -> oid;
        };
    }

    @Override
    public String toString() {
        return displayName;
    }
}
