package dev.dpsrig.certs.internal;

import dev.dpsrig.certs.KeyType;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;

/** Key pair generation, random or reproducible from a seed. Keys are always JDK key objects. */
public final class KeyPairs {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECParameterSpec JDK_P256 = jdkP256();

    private KeyPairs() {
    }

    /** A fresh key pair from the JDK's own generators and default randomness. */
    public static KeyPair generate(KeyType type) {
        try {
            if (type.isRsa()) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(new RSAKeyGenParameterSpec(type.rsaBits(), RSAKeyGenParameterSpec.F4));
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + type + " keys", e);
        }
    }

    /**
     * The same key pair every time for the same seed. BouncyCastle's lightweight generators are
     * used here, rather than the JDK's, because how they draw from the random source is stable
     * across releases: a fleet cached on one machine can be re-issued bit for bit on another.
     */
    public static KeyPair fromSeed(KeyType type, byte[] seed) {
        SecureRandom random = new DeterministicRandom(seed);
        try {
            if (type.isRsa()) {
                RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
                generator.init(new RSAKeyGenerationParameters(
                        RSAKeyGenParameterSpec.F4, random, type.rsaBits(), 100));
                AsymmetricCipherKeyPair pair = generator.generateKeyPair();
                RSAPrivateCrtKeyParameters k = (RSAPrivateCrtKeyParameters) pair.getPrivate();
                KeyFactory factory = KeyFactory.getInstance("RSA");
                return new KeyPair(
                        factory.generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent())),
                        factory.generatePrivate(new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(),
                                k.getExponent(), k.getP(), k.getQ(), k.getDP(), k.getDQ(), k.getQInv())));
            }
            ECKeyPairGenerator generator = new ECKeyPairGenerator();
            generator.init(new ECKeyGenerationParameters(
                    new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH()), random));
            AsymmetricCipherKeyPair pair = generator.generateKeyPair();
            BigInteger d = ((ECPrivateKeyParameters) pair.getPrivate()).getD();
            org.bouncycastle.math.ec.ECPoint q = ((ECPublicKeyParameters) pair.getPublic()).getQ().normalize();
            KeyFactory factory = KeyFactory.getInstance("EC");
            return new KeyPair(
                    factory.generatePublic(new ECPublicKeySpec(
                            new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), JDK_P256)),
                    factory.generatePrivate(new ECPrivateKeySpec(d, JDK_P256)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot hold " + type + " keys", e);
        }
    }

    private static ECParameterSpec jdkP256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
