package dev.dpsrig.certs;

/**
 * Makes signatures with a private key this process never sees: a board's secure element, an HSM, a
 * key holder on a serial line. The JDK calls it through a {@link DelegatedKey} whenever it signs,
 * for instance in a TLS handshake's CertificateVerify.
 */
@FunctionalInterface
public interface DelegatedSigner {

    /**
     * Signs {@code data} (the whole message, not a digest) with the held key.
     *
     * @param algorithm the JCA name: {@code SHA256withECDSA}, {@code SHA384withECDSA}, {@code SHA512withECDSA},
     *                  {@code SHA256withRSA}, {@code SHA384withRSA}, {@code SHA512withRSA}, or for RSA-PSS with MGF1
     *                  over the same hash and a salt as long as the hash, {@code RSASSA-PSS-SHA256} (-SHA384, -SHA512)
     * @return the signature as the JDK encodes it: DER {@code SEQUENCE {r, s}} for ECDSA, the raw
     *         modulus-sized value for RSA
     */
    byte[] sign(String algorithm, byte[] data);
}
