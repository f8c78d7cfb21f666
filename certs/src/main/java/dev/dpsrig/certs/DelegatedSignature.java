package dev.dpsrig.certs;

import java.io.ByteArrayOutputStream;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Map;

/**
 * One signing operation with a {@link DelegatedKey}: collects the message and hands it whole to the
 * key's signer. RSASSA-PSS takes its hash from the parameters JSSE sets (MGF1 over the same hash,
 * salt as long as the hash, as TLS requires) and names it to the signer as {@code RSASSA-PSS-SHA256}.
 */
final class DelegatedSignature extends SignatureSpi {
    static final String RSASSA_PSS = "RSASSA-PSS";
    private static final Map<String, String> PSS_NAMES = Map.of(
            "SHA-256", "RSASSA-PSS-SHA256", "SHA-384", "RSASSA-PSS-SHA384", "SHA-512", "RSASSA-PSS-SHA512");
    private static final Map<String, Integer> HASH_LENGTHS = Map.of("SHA-256", 32, "SHA-384", 48, "SHA-512", 64);

    private final String algorithm;
    private final String keyAlgorithm;
    private String signerAlgorithm;
    private DelegatedKey key;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();

    DelegatedSignature(String algorithm) {
        this.algorithm = algorithm;
        this.keyAlgorithm = algorithm.endsWith("ECDSA") ? "EC" : "RSA";
        this.signerAlgorithm = algorithm.equals(RSASSA_PSS) ? "" : algorithm;
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        if (!(privateKey instanceof DelegatedKey delegated) || !delegated.getAlgorithm().equals(keyAlgorithm)) {
            throw new InvalidKeyException(algorithm + " signs with a delegated " + keyAlgorithm + " key, not " + privateKey);
        }
        key = delegated;
        message.reset();
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        throw new InvalidKeyException("the delegated signing provider only signs; verify with the JDK's providers");
    }

    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
        if (!algorithm.equals(RSASSA_PSS)) {
            if (params == null) {
                return;
            }
            throw new InvalidAlgorithmParameterException(algorithm + " takes no parameters");
        }
        if (!(params instanceof PSSParameterSpec pss)) {
            throw new InvalidAlgorithmParameterException("RSASSA-PSS needs PSSParameterSpec, not " + params);
        }
        String hash = pss.getDigestAlgorithm();
        boolean tlsShaped = PSS_NAMES.containsKey(hash)
                && pss.getMGFAlgorithm().equalsIgnoreCase("MGF1")
                && pss.getMGFParameters() instanceof MGF1ParameterSpec mgf && mgf.getDigestAlgorithm().equals(hash)
                && pss.getSaltLength() == HASH_LENGTHS.get(hash)
                && pss.getTrailerField() == PSSParameterSpec.TRAILER_FIELD_BC;
        if (!tlsShaped) {
            throw new InvalidAlgorithmParameterException("a delegated key signs RSASSA-PSS only with MGF1 over the same"
                    + " SHA-2 hash and a salt as long as the hash, not " + pss);
        }
        signerAlgorithm = PSS_NAMES.get(hash);
    }

    @Override
    protected void engineUpdate(byte b) {
        message.write(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {
        message.write(b, off, len);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        if (key == null) {
            throw new SignatureException(algorithm + " was not initialised for signing");
        }
        if (signerAlgorithm.isEmpty()) {
            throw new SignatureException("RSASSA-PSS needs its parameters (hash, MGF1, salt length) before signing");
        }
        byte[] data = message.toByteArray();
        message.reset();
        byte[] signature;
        try {
            signature = key.signer().sign(signerAlgorithm, data);
        } catch (RuntimeException e) {
            throw new SignatureException("the delegated signer failed to sign with " + signerAlgorithm + ": " + e.getMessage(), e);
        }
        if (signature == null || signature.length == 0) {
            throw new SignatureException("the delegated signer returned no " + signerAlgorithm + " signature");
        }
        return signature;
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
        throw new SignatureException("the delegated signing provider only signs");
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("no parameter " + param);
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("no parameter " + param);
    }
}
