package dev.dpsrig.protocol;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/** Symmetric keys as DPS handles them: generated, validated, and derived for group members. */
public final class SymmetricKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SymmetricKeys() {
    }

    /**
     * The key of a device in a symmetric-key enrollment group:
     * base64(HMAC-SHA256(base64decode(groupKey), UTF-8(registrationId))), over the registration id
     * exactly as given.
     */
    public static String deriveDeviceKey(String groupKey, String registrationId) {
        return SasToken.hmac(groupKey, registrationId);
    }

    /** A new key as DPS generates one when an enrollment is created without keys: 64 random bytes. */
    public static String generate() {
        byte[] key = new byte[64];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Empty when the key is acceptable; otherwise why not. User-supplied keys are base64 of 16 to 64 bytes. */
    public static Optional<String> problemWith(String key) {
        byte[] bytes;
        try {
            bytes = Base64Text.decode(key, "key");
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        if (bytes.length < 16 || bytes.length > 64) {
            return Optional.of("key must be 16 to 64 bytes, this one is " + bytes.length);
        }
        return Optional.empty();
    }
}
