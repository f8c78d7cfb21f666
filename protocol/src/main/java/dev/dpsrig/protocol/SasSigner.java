package dev.dpsrig.protocol;

/**
 * Makes the {@code sig} of a SAS token: base64 of HMAC-SHA256 over the string to sign, with a key
 * that may live in memory ({@link #withKey}) or somewhere this process cannot read it, such as a
 * board that holds its symmetric key and signs over a serial line.
 */
@FunctionalInterface
public interface SasSigner {

    /**
     * @param stringToSign {@code sr + "\n" + se}, {@code sr} exactly as it will travel
     * @return base64 of the 32-byte HMAC-SHA256
     */
    String sign(String stringToSign);

    /** Signs with a key held here, base64 as DPS shows it; equal signers hold equal keys. */
    static SasSigner withKey(String base64Key) {
        return new KeySasSigner(base64Key);
    }
}
