package dev.dpsrig.hil.tethered;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * Signs a digest the rig computed, as a board's crypto library does ({@code mbedtls_pk_sign} and
 * secure elements take a hash, not the message). The JDK signs digests directly only for ECDSA
 * ({@code NONEwithECDSA}) and PKCS#1 v1.5 ({@code NONEwithRSA} over a DigestInfo); RSA-PSS has no
 * such entry point, so its encoding (RFC 8017 §9.1.1) is done here, then the raw RSA operation.
 */
final class DigestSigner {
    private static final Map<String, byte[]> DIGEST_INFO_PREFIXES = Map.of(
            "SHA-256", HexFormat.of().parseHex("3031300d060960864801650304020105000420"),
            "SHA-384", HexFormat.of().parseHex("3041300d060960864801650304020205000430"),
            "SHA-512", HexFormat.of().parseHex("3051300d060960864801650304020305000440"));
    private static final SecureRandom RANDOM = new SecureRandom();

    private DigestSigner() {
    }

    static byte[] sign(PrivateKey key, SignatureAlgorithm algorithm, byte[] digest) throws GeneralSecurityException {
        if (digest.length != algorithm.digestLength()) {
            throw new IllegalArgumentException(algorithm.wireName() + " needs a " + algorithm.digestLength()
                    + "-byte digest, not " + digest.length + " bytes");
        }
        return switch (algorithm.padding()) {
            case ECDSA -> raw("NONEwithECDSA", key, digest);
            case PKCS1 -> raw("NONEwithRSA", key, concat(DIGEST_INFO_PREFIXES.get(algorithm.digestAlgorithm()), digest));
            case PSS -> pss((RSAPrivateKey) key, algorithm.digestAlgorithm(), digest);
        };
    }

    private static byte[] raw(String jcaName, PrivateKey key, byte[] input) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(jcaName);
        signature.initSign(key);
        signature.update(input);
        return signature.sign();
    }

    /** EMSA-PSS with MGF1 over the same hash and a salt as long as the hash, then s = EM^d mod n. */
    private static byte[] pss(RSAPrivateKey key, String hash, byte[] mHash) throws GeneralSecurityException {
        BigInteger n = key.getModulus();
        int emBits = n.bitLength() - 1;
        int emLen = (emBits + 7) / 8;
        int hLen = mHash.length;
        if (emLen < 2 * hLen + 2) {
            throw new IllegalArgumentException("an RSA key of " + n.bitLength() + " bits is too short for PSS with " + hash);
        }
        byte[] salt = new byte[hLen];
        RANDOM.nextBytes(salt);
        MessageDigest digest = MessageDigest.getInstance(hash);
        digest.update(new byte[8]);
        digest.update(mHash);
        byte[] h = digest.digest(salt);
        byte[] db = new byte[emLen - hLen - 1];
        db[db.length - hLen - 1] = 0x01;
        System.arraycopy(salt, 0, db, db.length - hLen, hLen);
        byte[] mask = mgf1(hash, h, db.length);
        for (int i = 0; i < db.length; i++) {
            db[i] ^= mask[i];
        }
        db[0] &= (byte) (0xFF >>> (8 * emLen - emBits));
        byte[] em = concat(concat(db, h), new byte[] {(byte) 0xBC});
        byte[] s = new BigInteger(1, em).modPow(key.getPrivateExponent(), n).toByteArray();
        int k = (n.bitLength() + 7) / 8;
        byte[] out = new byte[k];
        int copy = Math.min(s.length, k);
        System.arraycopy(s, s.length - copy, out, k - copy, copy);
        return out;
    }

    private static byte[] mgf1(String hash, byte[] seed, int length) throws GeneralSecurityException {
        MessageDigest digest = MessageDigest.getInstance(hash);
        byte[] out = new byte[0];
        for (int counter = 0; out.length < length; counter++) {
            digest.update(seed);
            digest.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter});
            out = concat(out, digest.digest());
        }
        return Arrays.copyOf(out, length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
