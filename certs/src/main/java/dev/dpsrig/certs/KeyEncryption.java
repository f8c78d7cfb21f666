package dev.dpsrig.certs;

/** The two ways openssl encrypts a private key in a PEM file with a pass phrase. */
public enum KeyEncryption {
    /** {@code -----BEGIN ENCRYPTED PRIVATE KEY-----}: PKCS#8, AES-256-CBC with PBKDF2 (openssl 3's default). */
    PKCS8,
    /** {@code Proc-Type: 4,ENCRYPTED} headers over a traditional RSA or EC key (openssl's {@code -traditional}). */
    LEGACY_PEM
}
